/*
 * Unit tests for export/split.c: the base dataset's structure (2,700
 * persons of 7 photos in 18 classes) split train/valid for seeds 1..10 and
 * in 5 folds, a random structure against the greedy pass, the statistics
 * on a hand-made case, and the edge cases.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/rng.h"
#include "unit.h"
#include "../../lib/err.h"
#include "../../export/split-int.h"

#define NSTRATA	18
#define NBASE	2700

static uint64_t	rng_state = 0x2545f4914f6cdd1du;

/* splitmix64: a fixed sequence, so failures are reproducible */
static uint64_t
rnd(void)
{
	return splitmix64(&rng_state);
}

/*
 * The base dataset: persons per gender x age bin (male <30, 30-59, 60+,
 * then female), 5 photos with the mask worn, 1 incorrect, 1 without;
 * class = mask * 6 + gender * 3 + age_bin.  Persons in a shuffled order.
 */
static const int	base_cells[6] = { 549, 410, 83, 732, 817, 109 };

static int *
base_counts(struct split_group *g)
{
	int	*cnt = xcalloc((size_t)NBASE * NSTRATA, sizeof *cnt);
	int	 cell[NBASE], i, j, n = 0, t;

	for (i = 0; i < 6; i++)
		for (j = 0; j < base_cells[i]; j++)
			cell[n++] = i;
	for (i = n; i > 1; i--) {
		j = (int)(rnd() % (uint64_t)i);
		t = cell[i - 1];
		cell[i - 1] = cell[j];
		cell[j] = t;
	}
	for (i = 0; i < NBASE; i++) {
		cnt[i * NSTRATA + cell[i]] = 5;
		cnt[i * NSTRATA + 6 + cell[i]] = 1;
		cnt[i * NSTRATA + 12 + cell[i]] = 1;
		g[i].count = &cnt[i * NSTRATA];
	}
	return cnt;
}

static void
test_base_structure(void)
{
	static const long	 want_class[NSTRATA] = { 2745, 2050, 415, 3660,
	    4085, 545, 549, 410, 83, 732, 817, 109, 549, 410, 83, 732, 817,
	    109 };
	struct split_group	 g[NBASE];
	struct split_stats	 st;
	int			*cnt, *fold[11], *again, seed, i, c, ok;
	int			 all_in_range = 1, same = 1, differ = 1;
	double			 worst = 0;

	cnt = base_counts(g);
	/* the whole's class counts are the real ones */
	split_stats_compute(g, NBASE, NSTRATA, 2, (int[NBASE]){ 0 }, &st);
	ok = st.samples[0] == 18900;
	for (c = 0; c < NSTRATA; c++)
		ok = ok && fabs(st.whole[c] * 18900 - want_class[c]) < 1e-6;
	CHECK(ok);
	split_stats_free(&st);

	again = xmallocarray(NBASE, sizeof *again);
	for (seed = 1; seed <= 10; seed++) {
		fold[seed] = xmallocarray(NBASE, sizeof *fold[seed]);
		CHECK_INT(split_assign(g, NBASE, NSTRATA, 2, 0.2,
		    (uint64_t)seed, fold[seed]), 0);
		for (i = 0; i < NBASE; i++)
			if (fold[seed][i] != 0 && fold[seed][i] != 1)
				all_in_range = 0;
		split_stats_compute(g, NBASE, NSTRATA, 2, fold[seed], &st);
		printf("# seed %d: max deviation %.4f pp, valid %ld samples\n",
		    seed, st.max_dev_pp, st.samples[1]);
		CHECK(st.max_dev_pp <= 0.06);
		CHECK(labs(st.samples[1] - 3780) <= 7);
		CHECK_INT(st.samples[0] + st.samples[1], 18900);
		if (st.max_dev_pp > worst)
			worst = st.max_dev_pp;
		split_stats_free(&st);

		CHECK_INT(split_assign(g, NBASE, NSTRATA, 2, 0.2,
		    (uint64_t)seed, again), 0);
		if (memcmp(again, fold[seed], NBASE * sizeof *again) != 0)
			same = 0;
		for (i = 1; i < seed; i++)
			if (memcmp(fold[i], fold[seed],
			    NBASE * sizeof *again) == 0)
				differ = 0;
	}
	printf("# worst over seeds 1..10: %.4f pp (best possible 0.0529)\n",
	    worst);
	CHECK(all_in_range);	/* one fold per group: never split */
	CHECK(same);		/* deterministic for a seed */
	CHECK(differ);		/* different seeds, different splits */
	for (seed = 1; seed <= 10; seed++)
		free(fold[seed]);
	free(again);
	free(cnt);
}

static void
test_base_kfold(void)
{
	struct split_group	 g[NBASE];
	struct split_stats	 st;
	int			*cnt, fold[NBASE], f, seed, sizes_ok = 1;

	cnt = base_counts(g);
	for (seed = 1; seed <= 3; seed++) {
		CHECK_INT(split_assign(g, NBASE, NSTRATA, 5, 0,
		    (uint64_t)seed, fold), 0);
		split_stats_compute(g, NBASE, NSTRATA, 5, fold, &st);
		CHECK_INT(st.k, 5);
		for (f = 0; f < 5; f++)
			if (labs(st.samples[f] - 3780) > 7)
				sizes_ok = 0;
		/*
		 * 109 persons of cell 2 over 5 equal folds: one fold has at
		 * most 21 against 21.8, 0.8 * 5 / 3780 = 0.1058 points
		 */
		printf("# 5 folds, seed %d: max deviation %.4f pp"
		    " (best possible 0.1058)\n", seed, st.max_dev_pp);
		CHECK(st.max_dev_pp <= 0.106);
		split_stats_free(&st);
	}
	CHECK(sizes_ok);
	free(cnt);
}

/* Groups of 1-12 samples, mostly one stratum, some of two or three. */
static int *
random_counts(struct split_group *g, size_t n, int S)
{
	int	*cnt = xcalloc(n * (size_t)S, sizeof *cnt);
	size_t	 i;
	int	 j, extra, size;

	for (i = 0; i < n; i++) {
		size = 1 + (int)(rnd() % 12);
		/* a skewed main stratum: low strata are common */
		j = (int)((rnd() % (uint64_t)S) * (rnd() % (uint64_t)S) / S);
		cnt[i * S + j] = size;
		extra = (int)(rnd() % 3);
		while (extra-- > 0)
			cnt[i * S + rnd() % (uint64_t)S] += 1 + (int)(rnd() % 3);
		g[i].count = &cnt[i * S];
	}
	return cnt;
}

static void
test_random_structure(void)
{
	enum { N = 1500 };
	struct split_group	 g[N];
	struct split_stats	 st, sg;
	struct split_opts	 o;
	int			*cnt, fold[N];
	long			 tot;

	cnt = random_counts(g, N, NSTRATA);
	CHECK_INT(split_assign(g, N, NSTRATA, 2, 0.25, 9, fold), 0);
	split_stats_compute(g, N, NSTRATA, 2, fold, &st);
	split_opts_init(&o);
	o.restarts = 1;
	o.local_search = 0;
	o.polish = 0;
	CHECK_INT(split_assign_opts(g, N, NSTRATA, 2, 0.25, 9, &o, fold), 0);
	split_stats_compute(g, N, NSTRATA, 2, fold, &sg);
	printf("# random %d groups: max deviation %.4f pp (greedy %.4f),"
	    " valid %ld of %ld\n", N, st.max_dev_pp, sg.max_dev_pp,
	    st.samples[1], st.samples[0] + st.samples[1]);
	tot = st.samples[0] + st.samples[1];
	CHECK(st.max_dev_pp < sg.max_dev_pp);
	CHECK(fabs(st.samples[1] - 0.25 * tot) <= 12);
	split_stats_free(&st);
	split_stats_free(&sg);
	free(cnt);
}

static void
test_stats_by_hand(void)
{
	static const int	 a[3] = { 2, 0, 0 }, b[3] = { 1, 1, 0 };
	static const int	 c[3] = { 0, 0, 4 };
	struct split_group	 g[3] = { { a }, { b }, { c } };
	struct split_stats	 st;
	int			 fold[3] = { 0, 1, 7 };	/* 7: skipped */

	split_stats_compute(g, 3, 3, 2, fold, &st);
	CHECK_INT(st.samples[0], 2);
	CHECK_INT(st.samples[1], 2);
	CHECK(fabs(st.whole[0] - 3.0 / 8) < 1e-12);
	CHECK(fabs(st.share[0] - 1.0) < 1e-12);
	CHECK(fabs(st.share[3 + 1] - 0.5) < 1e-12);
	CHECK(fabs(st.share[3 + 2]) < 1e-12);
	/* fold 0: stratum 0 share 1 vs 3/8 -> 62.5 points */
	CHECK(fabs(st.max_dev_pp - 62.5) < 1e-9);
	split_stats_free(&st);
	CHECK(st.share == NULL && st.samples == NULL);
	split_stats_free(&st);		/* twice is fine */
	split_stats_free(NULL);

	split_stats_compute(g, 3, 0, 2, fold, &st);
	CHECK(st.share == NULL && st.k == 0);
	split_stats_free(&st);
}

static void
test_edges(void)
{
	static const int	 one[3] = { 3, 0, 1 }, neg[3] = { 1, -1, 0 };
	static const int	 zero[3] = { 0, 0, 0 };
	struct split_group	 g1[1] = { { one } }, gneg[2] = { { one }, { neg } };
	struct split_group	 gnull[1] = { { NULL } }, gz[10];
	struct split_group	 gabs[40];
	struct split_stats	 st;
	int			 fold[40], i, ok, in_valid;
	int			 cnt_abs[40][3];

	/* n = 0: nothing to do, NULLs are fine */
	CHECK_INT(split_assign(NULL, 0, 3, 2, 0.2, 1, NULL), 0);
	CHECK_INT(split_assign(NULL, 0, 3, 5, 0, 1, NULL), 0);
	/* one group: it goes somewhere */
	fold[0] = -1;
	CHECK_INT(split_assign(g1, 1, 3, 2, 0.2, 1, fold), 0);
	CHECK(fold[0] == 0 || fold[0] == 1);
	CHECK_INT(split_assign(g1, 1, 3, 5, 0, 1, fold), 0);
	CHECK(fold[0] >= 0 && fold[0] < 5);
	/* bad arguments: -1 and fold[] untouched */
	fold[0] = 42;
	CHECK_INT(split_assign(g1, 1, 3, 1, 0.2, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 3, 0, 0.2, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 3, -2, 0.2, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 3, SPLIT_MAX_K + 1, 0, 1, fold), -1);
	CHECK_INT(split_assign(NULL, 0, 3, 1, 0.2, 1, NULL), -1);
	CHECK_INT(split_assign(g1, 1, 3, 2, 0, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 3, 2, 1, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 3, 2, -0.5, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 3, 2, NAN, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 0, 2, 0.2, 1, fold), -1);
	CHECK_INT(split_assign(NULL, 1, 3, 2, 0.2, 1, fold), -1);
	CHECK_INT(split_assign(g1, 1, 3, 2, 0.2, 1, NULL), -1);
	CHECK_INT(split_assign(gneg, 2, 3, 2, 0.2, 1, fold), -1);
	CHECK_INT(split_assign(gnull, 1, 3, 2, 0.2, 1, fold), -1);
	CHECK_INT(fold[0], 42);

	/* groups without samples are spread 8:2 */
	for (i = 0; i < 10; i++)
		gz[i].count = zero;
	CHECK_INT(split_assign(gz, 10, 3, 2, 0.2, 1, fold), 0);
	in_valid = 0;
	for (i = 0; i < 10; i++)
		in_valid += fold[i] == 1;
	CHECK_INT(in_valid, 2);

	/* stratum 1 is absent from the whole: its share is 0 everywhere */
	for (i = 0; i < 40; i++) {
		cnt_abs[i][0] = 1 + i % 3;
		cnt_abs[i][1] = 0;
		cnt_abs[i][2] = i % 4 == 0 ? 2 : 0;
		gabs[i].count = cnt_abs[i];
	}
	CHECK_INT(split_assign(gabs, 40, 3, 2, 0.2, 3, fold), 0);
	split_stats_compute(gabs, 40, 3, 2, fold, &st);
	ok = st.whole[1] == 0 && st.share[1] == 0 && st.share[3 + 1] == 0;
	CHECK(ok);
	CHECK(isfinite(st.max_dev_pp) && st.max_dev_pp < 5);
	printf("# absent stratum: max deviation %.3f pp, valid %ld of %ld\n",
	    st.max_dev_pp, st.samples[1], st.samples[0] + st.samples[1]);
	split_stats_free(&st);

	/* more folds than groups: legal, some folds stay empty */
	CHECK_INT(split_assign(gabs, 3, 3, 7, 0, 1, fold), 0);
	ok = 1;
	for (i = 0; i < 3; i++)
		ok = ok && fold[i] >= 0 && fold[i] < 7;
	CHECK(ok);
}

int
main(void)
{
	test_stats_by_hand();
	test_edges();
	test_base_structure();
	test_base_kfold();
	test_random_structure();
	return unit_done();
}
