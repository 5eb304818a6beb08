/*
 * Unit tests for synth/: the age and gender allocation against the real
 * class counts, the PRNG's determinism and the id quirks of the plan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../lib/labels.h"
#include "../../synth/plan.h"
#include "../../synth/rng.h"
#include "../../synth/synth.h"

static int
within(long got, long want, double share)
{
	long	d = got > want ? got - want : want - got;

	return (double)d <= share * (double)want + 1;
}

int
main(void)
{
	int			counts[SYNTH_AGE_MAX + 1][2], cls[18];
	int			a, g, m, total, bad, sixty[2], i, suffixed, dup;
	struct synth_rng	r1, r2;
	struct synth_opts	o;
	struct synth_plan	p1, p2;
	uint64_t		x;
	unsigned char		*rgb1, *rgb2;
	struct synth_look	lk;

	/* N = 2700: every class within 3% of the real image counts. */
	synth_alloc_ages(2700, counts);
	memset(cls, 0, sizeof cls);
	total = 0;
	for (a = 0; a <= SYNTH_AGE_MAX; a++)
		for (g = 0; g < 2; g++) {
			total += counts[a][g];
			for (m = 0; m < N_MASK; m++)
				cls[label_class(m, g, label_age_bin(a))] +=
				    counts[a][g] * (m == MASK_WEAR ? 5 : 1);
		}
	CHECK_INT(total, 2700);
	bad = 0;
	for (i = 0; i < 18; i++)
		if (!within(cls[i], synth_real_class_images[i], 0.03)) {
			printf("# class %d: %d images, real %d\n", i, cls[i],
			    synth_real_class_images[i]);
			bad++;
		}
	CHECK_INT(bad, 0);
	CHECK_INT(counts[60][GENDER_FEMALE], 109);
	CHECK_INT(counts[60][GENDER_MALE], 83);
	CHECK(within(counts[19][0] + counts[19][1], 407, 0.03));
	CHECK(within(counts[58][0] + counts[58][1], 159, 0.03));
	/* Small N scales and keeps both genders in the 60+ bin. */
	for (i = 20; i <= 200; i++) {
		synth_alloc_ages(i, counts);
		total = 0;
		for (a = 0; a <= SYNTH_AGE_MAX; a++)
			total += counts[a][0] + counts[a][1];
		sixty[0] = counts[60][0];
		sixty[1] = counts[60][1];
		if (total != i || sixty[0] < 1 || sixty[1] < 1)
			break;
	}
	CHECK_INT(i, 201);
	synth_alloc_ages(0, counts);
	CHECK_INT(counts[19][1], 0);

	/* PRNG: same seed, same stream; another seed, another stream. */
	synth_rng_seed(&r1, 42);
	synth_rng_seed(&r2, 42);
	bad = 0;
	for (i = 0; i < 1000; i++)
		if (synth_rng_next(&r1) != synth_rng_next(&r2))
			bad++;
	CHECK_INT(bad, 0);
	synth_rng_seed(&r2, 43);
	CHECK(synth_rng_next(&r1) != synth_rng_next(&r2));
	synth_rng_seed(&r1, 0);
	x = synth_rng_next(&r1);
	CHECK(x != 0);
	bad = 0;
	for (i = 0; i < 10000; i++)
		if (synth_rng_below(&r1, 7) >= 7 || synth_rng_unit(&r1) >= 1)
			bad++;
	CHECK_INT(bad, 0);
	CHECK(synth_seed_mix(1, 2) != synth_seed_mix(1, 3));
	CHECK(synth_seed_mix(1, 2) != synth_seed_mix(2, 2));

	/* The plan: ids, quirks, determinism. */
	memset(&o, 0, sizeof o);
	o.persons = 2700;
	o.eval_images = 70;
	o.seed = 5;
	synth_plan_make(&p1, &o);
	synth_plan_make(&p2, &o);
	CHECK_INT(p1.n_persons, 2700);
	CHECK_INT(p1.n_eval, 70);
	CHECK_INT(p1.n_errors, 0);
	CHECK(memcmp(p1.persons, p2.persons, sizeof *p1.persons * 2700) == 0);
	CHECK(memcmp(p1.eval, p2.eval, sizeof *p1.eval * 70) == 0);
	suffixed = dup = bad = 0;
	for (i = 0; i < 2700; i++) {
		const struct synth_person	*p = &p1.persons[i];

		if (strchr(p->id, '-') != NULL)
			suffixed++;
		if (strspn(p->id, "0123456789") != 6)
			bad++;
		if (i > 0 && strcmp(p->id, p1.persons[i - 1].id) == 0) {
			dup++;
			if (strcmp(p->folder, p1.persons[i - 1].folder) == 0)
				bad++;
		}
		if (p->error != SYNTH_ERR_NONE || p->label_age != p->age ||
		    p->label_gender != p->gender)
			bad++;
	}
	CHECK_INT(suffixed, 41);
	CHECK_INT(dup, 1);
	CHECK_INT(bad, 0);
	CHECK_STR(p1.persons[0].id, "000001");
	CHECK(strlen(p1.eval[0].name) == 44 &&
	    strspn(p1.eval[0].name, "0123456789abcdef") == 40);
	synth_plan_release(&p2);
	/* Extensions: 73 all-PNG, 46 all-.jpeg, 7 mixed. */
	{
		int	png = 0, jpeg = 0, mixed = 0, k, n[3];

		for (i = 0; i < 2700; i++) {
			memset(n, 0, sizeof n);
			for (k = 0; k < SYNTH_FILES; k++)
				n[p1.persons[i].ext[k]]++;
			png += n[SYNTH_EXT_PNG] == SYNTH_FILES;
			jpeg += n[SYNTH_EXT_JPEG] == SYNTH_FILES;
			mixed += n[SYNTH_EXT_JPG] > 0 && n[SYNTH_EXT_JPEG] > 0;
		}
		CHECK_INT(png, 73);
		CHECK_INT(jpeg, 46);
		CHECK_INT(mixed, 7);
	}
	/* Another seed gives other people. */
	o.seed = 6;
	synth_plan_make(&p2, &o);
	CHECK(memcmp(p1.persons, p2.persons, sizeof *p1.persons * 2700) != 0);
	synth_plan_release(&p2);
	/* Errors: about 3% of persons, labels differ from the truth. */
	o.errors_csv = "truth.csv";
	o.error_rate = 0.03;
	synth_plan_make(&p2, &o);
	CHECK_INT(p2.n_errors, 81);
	bad = 0;
	for (i = 0; i < 2700; i++) {
		const struct synth_person	*p = &p2.persons[i];

		if (p->error == SYNTH_ERR_GENDER && p->label_gender == p->gender)
			bad++;
		if (p->error == SYNTH_ERR_AGE && label_age_bin(p->label_age) ==
		    label_age_bin(p->age))
			bad++;
		if (p->error == SYNTH_ERR_SWAP && (synth_file_mask(p, 5) !=
		    MASK_NOT_WEAR || synth_file_mask(p, 6) != MASK_INCORRECT))
			bad++;
	}
	CHECK_INT(bad, 0);
	synth_plan_release(&p2);
	synth_plan_release(&p1);

	/* Drawing is deterministic and depends on the shot. */
	rgb1 = malloc(SYNTH_W * SYNTH_H * 3);
	rgb2 = malloc(SYNTH_W * SYNTH_H * 3);
	memset(&lk, 0, sizeof lk);
	lk.gender = GENDER_FEMALE;
	lk.age = 60;
	lk.mask = MASK_INCORRECT;
	lk.person_seed = 9;
	lk.shot_seed = 10;
	synth_draw(rgb1, &lk);
	synth_draw(rgb2, &lk);
	CHECK(memcmp(rgb1, rgb2, SYNTH_W * SYNTH_H * 3) == 0);
	lk.mask = MASK_WEAR;
	synth_draw(rgb2, &lk);
	CHECK(memcmp(rgb1, rgb2, SYNTH_W * SYNTH_H * 3) != 0);
	free(rgb1);
	free(rgb2);
	return unit_done();
}
