/*
 * Unit tests for audit/swap.c: the most likely assignment of one
 * incorrect and one not_wear label among a person's photos, and its
 * log-likelihood ratio over the given labels, on cases worked out by
 * hand.
 */
#include <math.h>

#include "unit.h"
#include "../../audit/audit-int.h"

#define NEAR(a, b)	(fabs((a) - (b)) < 1e-9)

int
main(void)
{
	/*
	 * Four photos (p wear, p incorrect, p not_wear); labels given:
	 * photo 2 incorrect, photo 3 not_wear.  The pixels say photo 2
	 * shows no mask and photo 3 a badly worn one: swapped.
	 */
	double	p[] = {
		.9, .05, .05,
		.8, .1, .1,
		.1, .1, .8,
		.1, .8, .1,
	};
	int	given[] = { 0, 0, 1, 2 }, best[4];
	double	llr;

	llr = audit_swap_best(p, given, 4, best);
	CHECK_INT(best[0], 0);
	CHECK_INT(best[1], 0);
	CHECK_INT(best[2], 2);
	CHECK_INT(best[3], 1);
	/*
	 * Given: log(.9 .8 .1 .1); best: log(.9 .8 .8 .8); the ratio is
	 * (.8 * .8) / (.1 * .1) = 64.
	 */
	CHECK(NEAR(llr, log(64.0)));

	/* Labels that match the pixels: ratio 1 (log 0), best = given. */
	{
		int	g2[] = { 0, 0, 2, 1 }, b2[4];

		CHECK(NEAR(audit_swap_best(p, g2, 4, b2), 0));
		CHECK_INT(b2[2], 2);
		CHECK_INT(b2[3], 1);
	}

	/*
	 * The best assignment may move a label onto a "wear" photo: photo 0
	 * looks incorrect, photo 2 (given incorrect) looks worn.
	 */
	{
		double	q[] = {
			.1, .85, .05,
			.9, .05, .05,
			.8, .15, .05,
			.05, .05, .9,
		};
		int	g3[] = { 0, 0, 1, 2 }, b3[4];

		llr = audit_swap_best(q, g3, 4, b3);
		CHECK_INT(b3[0], 1);
		CHECK_INT(b3[2], 0);
		CHECK_INT(b3[3], 2);
		/* (.85 * .8) / (.1 * .15) */
		CHECK(NEAR(llr, log(.85 * .8 / (.1 * .15))));
	}

	/* Probabilities of 0 are floored at 1e-6, never log(0). */
	{
		double	z[] = {
			1, 0, 0,
			0, 0, 1,
			0, 1, 0,
		};
		int	g4[] = { 0, 1, 2 }, b4[3];

		llr = audit_swap_best(z, g4, 3, b4);
		CHECK_INT(b4[1], 2);
		CHECK_INT(b4[2], 1);
		CHECK(NEAR(llr, 2 * (log(1.0) - log(1e-6))));
	}
	return unit_done();
}
