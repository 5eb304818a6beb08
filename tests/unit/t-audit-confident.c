/*
 * Unit tests for audit/confident.c: thresholds, the confident joint (raw
 * and calibrated, with a row whose rounding needs the adjustment), the
 * prune_by_noise_rate issues on two examples worked out by hand, the
 * ranking scores, the ROC AUC and the top-k hits.
 */
#include <math.h>
#include <stdlib.h>

#include "unit.h"
#include "../../audit/confident.h"

#define NEAR(a, b)	(fabs((a) - (b)) < 1e-12)

/*
 * Example 1, 3 classes, 8 rows (p0, p1, p2) and given label:
 *	r0 (.8 .1 .1) 0   r1 (.7 .2 .1) 0   r2 (.2 .7 .1) 0 <- really a 1
 *	r3 (.1 .8 .1) 1   r4 (.2 .6 .2) 1
 *	r5 (.1 .1 .8) 2   r6 (.2 .1 .7) 2   r7 (.6 .3 .1) 2 <- really a 0
 * Thresholds: t0 = (.8 + .7 + .2) / 3 = .566667, t1 = (.8 + .6) / 2 = .7,
 * t2 = (.8 + .7 + .1) / 3 = .533333.
 * Confident classes: r0, r1 -> 0; r2 -> 1 (p1 = .7 >= t1 - 1e-6); r3 -> 1;
 * r4 none (.2 < t0, .6 < t1, .2 < t2): not counted; r5, r6 -> 2; r7 -> 0.
 * Raw joint (rows given, columns confident):
 *	[2 1 0]
 *	[0 1 0]
 *	[1 0 2]
 * Calibrated: row sums to the label counts 3, 2, 3: row 1 doubles to
 * [0 2 0]; the total is then 8 = n already.  Pruning: given 0, confident
 * 1, one row: the largest p1 - p0 among r0..r2 is r2 (+.5); given 2,
 * confident 0, one row: the largest p0 - p2 among r5..r7 is r7 (+.5).
 * Neither's argmax is its label, so both stay: issues {r2, r7}.
 */
static const double	ex1_p[8 * 3] = {
	.8, .1, .1,  .7, .2, .1,  .2, .7, .1,
	.1, .8, .1,  .2, .6, .2,
	.1, .1, .8,  .2, .1, .7,  .6, .3, .1,
};
static const int	ex1_y[8] = { 0, 0, 0, 1, 1, 2, 2, 2 };

static void
test_example1(void)
{
	static const long	raw[9] = { 2, 1, 0, 0, 1, 0, 1, 0, 2 };
	static const long	cal[9] = { 2, 1, 0, 0, 2, 0, 1, 0, 2 };
	unsigned char		issue[8];
	double			t[3];
	long			cj[9], prune[9];
	int			i, same;

	confident_thresholds(ex1_p, ex1_y, 8, 3, t);
	CHECK(fabs(t[0] - 1.7 / 3) < 1e-12);
	CHECK(fabs(t[1] - 0.7) < 1e-12);
	CHECK(fabs(t[2] - 1.6 / 3) < 1e-12);

	confident_joint(ex1_p, ex1_y, 8, 3, 0, cj);
	for (same = 1, i = 0; i < 9; i++)
		same &= cj[i] == raw[i];
	CHECK(same);
	confident_joint(ex1_p, ex1_y, 8, 3, 1, cj);
	for (same = 1, i = 0; i < 9; i++)
		same &= cj[i] == cal[i];
	CHECK(same);

	CHECK_INT(confident_issues(ex1_p, ex1_y, 8, 3, issue, prune), 2);
	CHECK(issue[2] && issue[7]);
	CHECK(!issue[0] && !issue[1] && !issue[3] && !issue[4] &&
	    !issue[5] && !issue[6]);
	for (same = 1, i = 0; i < 9; i++)
		same &= prune[i] == cal[i];
	CHECK(same);
}

/*
 * Example 2: a calibrated row that needs the rounding adjustment.
 *	a (.9 .05 .05) 0   b (.05 .9 .05) 0   c (.05 .05 .9) 0   d (.2 .4 .4) 0
 *	e (.05 .9 .05) 1   f (.05 .05 .9) 2
 * t0 = (.9 + .05 + .05 + .2) / 4 = .3, t1 = .9, t2 = .9.  a -> 0, b -> 1,
 * c -> 2, d none (.2 < .3, .4 < .9); e -> 1, f -> 2.
 * Raw row 0 is [1 1 1]; calibrated to the 4 rows labelled 0 it is
 * [4/3 4/3 4/3], which rounds to [1 1 1] (sum 3, want 4): one +1 goes to
 * the largest fraction, all equal, and numpy's reversed argsort takes the
 * last: [1 1 2].  Rows 1 and 2 stay [0 1 0] and [0 0 1].
 * Pruning given 0: confident 1, 1 row: largest p1 - p0 is b (+.85);
 * confident 2, 2 rows: p2 - p0 is c +.85, d +.2, b 0, a -.85: c and d.
 * Classes 1 and 2 have one row each: skipped.  b, c, d have argmax
 * 1, 2, 1 (d: first of the tied .4), not 0: all three stay.
 */
static const double	ex2_p[6 * 3] = {
	.9, .05, .05,  .05, .9, .05,  .05, .05, .9,  .2, .4, .4,
	.05, .9, .05,  .05, .05, .9,
};
static const int	ex2_y[6] = { 0, 0, 0, 0, 1, 2 };

static void
test_example2(void)
{
	static const long	cal[9] = { 1, 1, 2, 0, 1, 0, 0, 0, 1 };
	unsigned char		issue[6];
	long			cj[9];
	int			i, same;

	confident_joint(ex2_p, ex2_y, 6, 3, 1, cj);
	for (same = 1, i = 0; i < 9; i++) {
		if (cj[i] != cal[i])
			printf("# cj[%d] = %ld, want %ld\n", i, cj[i], cal[i]);
		same &= cj[i] == cal[i];
	}
	CHECK(same);
	CHECK_INT(confident_issues(ex2_p, ex2_y, 6, 3, issue, NULL), 3);
	CHECK(!issue[0] && issue[1] && issue[2] && issue[3]);
	CHECK(!issue[4] && !issue[5]);
}

/* A perfectly confident, correctly labelled set has no issues. */
static void
test_clean(void)
{
	static const double	p[4 * 2] = { 1, 0, .9, .1, .2, .8, 0, 1 };
	static const int	y[4] = { 0, 0, 1, 1 };
	unsigned char		issue[4];

	CHECK_INT(confident_issues(p, y, 4, 2, issue, NULL), 0);
}

static void
test_scores(void)
{
	static const double	sc[4] = { .9, .8, .8, .1 };
	static const unsigned char pos[4] = { 1, 0, 1, 0 };
	static const double	low[4] = { .3, .1, .2, .9 };
	static const unsigned char pos2[4] = { 0, 1, 0, 1 };
	double			s[8];

	confident_self(ex1_p, ex1_y, 8, 3, s);
	CHECK(NEAR(s[2], .2) && NEAR(s[7], .1) && NEAR(s[0], .8));
	/* r2: (p0 - max(p1, p2) + 1) / 2 = (.2 - .7 + 1) / 2 = .25 */
	confident_margin(ex1_p, ex1_y, 8, 3, s);
	CHECK(NEAR(s[2], .25));
	/* r0: (.8 - .1 + 1) / 2 = .85 */
	CHECK(NEAR(s[0], .85));

	/*
	 * Positives score .9 and .8, negatives .8 and .1: of the 4 pairs,
	 * 3 are won and 1 tied, AUC = 3.5 / 4.
	 */
	CHECK(NEAR(confident_roc_auc(sc, pos, 4), .875));
	CHECK(NEAR(confident_roc_auc(sc, pos, 1), .5));	/* no negatives */
	/* The 2 lowest of .3 .1 .2 .9 are rows 1 and 2: one positive. */
	CHECK_INT(confident_top_hits(low, pos2, 4, 2), 1);
	CHECK_INT(confident_top_hits(low, pos2, 4, 9), 2);
}

int
main(void)
{
	test_example1();
	test_example2();
	test_clean();
	test_scores();
	return unit_done();
}
