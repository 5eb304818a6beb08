/*
 * Unit tests for audit/model.c and audit/oof.c: a separable toy problem
 * learnt by logistic regression and by the MLP, probabilities that sum
 * to 1, determinism for a seed, bad arguments, group-aware folds that
 * never split a group and are balanced, and out-of-fold probabilities
 * that do not depend on the number of threads.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../audit/model.h"
#include "../../lib/rng.h"

#define DIM	6
#define NCL	3
#define NROW	600

static uint64_t	rng_state = 42;

/* Uniform in [-1, 1). */
static float
noise(void)
{
	return (float)((splitmix64(&rng_state) >> 11) * 0x1.0p-53 * 2 - 1);
}

/*
 * Three well separated clusters (centre 3 on the axis of the class, 0
 * elsewhere, noise up to 1 each way) plus three pure-noise columns on
 * very different scales (the standardisation must cope), one constant.
 * Groups of 1 to 4 consecutive rows.
 */
static void
toy(float *x, int *y, int *group)
{
	int	i, j, g = 0, left = 0;

	for (i = 0; i < NROW; i++) {
		y[i] = i % NCL;
		for (j = 0; j < 3; j++)
			x[i * DIM + j] = (j == y[i] ? 3 : 0) + noise();
		x[i * DIM + 3] = 1000 * noise();
		x[i * DIM + 4] = 0.001f * noise();
		x[i * DIM + 5] = 7;
		if (left == 0) {
			left = 1 + (int)(splitmix64(&rng_state) % 4);
			g++;
		}
		group[i] = 1000 - g;	/* any values, not in row order */
		left--;
	}
}

static double
accuracy(const struct audit_model *m, const float *x, const int *y)
{
	double	p[NCL], s, ok = 0;
	int	i, c, best, sums_ok = 1;

	for (i = 0; i < NROW; i++) {
		audit_model_predict(m, x + i * DIM, p);
		best = 0;
		s = 0;
		for (c = 0; c < NCL; c++) {
			s += p[c];
			if (p[c] > p[best])
				best = c;
		}
		sums_ok &= fabs(s - 1) < 1e-9;
		ok += best == y[i];
	}
	CHECK(sums_ok);
	return ok / NROW;
}

static void
test_train(const float *x, const int *y)
{
	struct audit_train_opts	 o;
	struct audit_model	*m, *m2;
	double			 p1[NCL], p2[NCL];

	m = audit_model_train(x, y, NROW, DIM, NCL, NULL);
	CHECK(m != NULL);
	CHECK_INT(audit_model_nclass(m), NCL);
	CHECK(accuracy(m, x, y) >= 0.99);

	/* Same seed, same model, to the last bit. */
	m2 = audit_model_train(x, y, NROW, DIM, NCL, NULL);
	audit_model_predict(m, x + 5 * DIM, p1);
	audit_model_predict(m2, x + 5 * DIM, p2);
	CHECK(memcmp(p1, p2, sizeof p1) == 0);
	audit_model_free(m);
	audit_model_free(m2);

	audit_train_opts_init(&o);
	o.hidden = 8;
	o.l2 = 1e-3;
	m = audit_model_train(x, y, NROW, DIM, NCL, &o);
	CHECK(m != NULL);
	CHECK(accuracy(m, x, y) >= 0.99);
	audit_model_free(m);

	/* Weights of 0 on class 2: it is never predicted with any confidence. */
	{
		float	w[NROW];
		int	i;

		for (i = 0; i < NROW; i++)
			w[i] = y[i] == 2 ? 0 : 1;
		audit_train_opts_init(&o);
		o.weight = w;
		m = audit_model_train(x, y, NROW, DIM, NCL, &o);
		audit_model_predict(m, x + 2 * DIM, p1);	/* a class 2 row */
		CHECK(y[2] == 2 && p1[2] < 0.5);
		audit_model_free(m);
	}
}

static void
test_bad_args(const float *x, const int *y)
{
	struct audit_train_opts	o;
	int			bad[3] = { 0, 1, 3 };

	CHECK(audit_model_train(x, y, 0, DIM, NCL, NULL) == NULL);
	CHECK(audit_model_train(x, y, NROW, DIM, 1, NULL) == NULL);
	CHECK(audit_model_train(x, bad, 3, DIM, NCL, NULL) == NULL);
	CHECK(audit_model_train(NULL, y, NROW, DIM, NCL, NULL) == NULL);
	audit_train_opts_init(&o);
	o.epochs = 0;
	CHECK(audit_model_train(x, y, NROW, DIM, NCL, &o) == NULL);
	audit_model_free(NULL);
}

static void
test_folds(const int *y, const int *group)
{
	int	f1[NROW], f2[NROW], size[5] = { 0 }, cls[5][NCL];
	int	i, j, split = 0, f, c, ok = 1;

	memset(cls, 0, sizeof cls);
	CHECK(audit_folds(y, group, NROW, NCL, 5, 7, f1) == 0);
	CHECK(audit_folds(y, group, NROW, NCL, 5, 7, f2) == 0);
	CHECK(memcmp(f1, f2, sizeof f1) == 0);
	for (i = 0; i < NROW; i++) {
		ok &= f1[i] >= 0 && f1[i] < 5;
		for (j = i + 1; j < NROW && j < i + 8; j++)
			if (group[j] == group[i] && f1[j] != f1[i])
				split++;
		size[f1[i]]++;
		cls[f1[i]][y[i]]++;
	}
	CHECK(ok);
	CHECK_INT(split, 0);
	/* 120 rows per fold, 40 per class, within a group's size. */
	for (f = 0; f < 5; f++) {
		ok &= abs(size[f] - 120) <= 4;
		for (c = 0; c < NCL; c++)
			ok &= abs(cls[f][c] - 40) <= 4;
	}
	CHECK(ok);
	CHECK(audit_folds(y, group, NROW, NCL, 1, 7, f1) == -1);
	CHECK(audit_folds(y, group, NROW, 2, 5, 7, f1) == -1);	/* y = 2 */
}

static void
test_oof(const float *x, const int *y, const int *group)
{
	double	*p1 = calloc(NROW * NCL, sizeof *p1);
	double	*p2 = calloc(NROW * NCL, sizeof *p2);
	int	 fold[NROW], i, c, best;
	double	 ok = 0;

	CHECK(audit_oof(x, y, group, NROW, DIM, NCL, 5, NULL, 1, p1, fold) ==
	    0);
	CHECK(audit_oof(x, y, group, NROW, DIM, NCL, 5, NULL, 2, p2, NULL) ==
	    0);
	CHECK(memcmp(p1, p2, NROW * NCL * sizeof *p1) == 0);
	for (i = 0; i < NROW; i++) {
		best = 0;
		for (c = 1; c < NCL; c++)
			if (p1[i * NCL + c] > p1[i * NCL + best])
				best = c;
		ok += best == y[i];
	}
	CHECK(ok / NROW >= 0.98);
	/* One group only: no fold has anything to train on. */
	{
		int	one[NROW];

		for (i = 0; i < NROW; i++)
			one[i] = 5;
		CHECK(audit_oof(x, y, one, NROW, DIM, NCL, 5, NULL, 2, p1,
		    NULL) == -1);
	}
	free(p1);
	free(p2);
}

int
main(void)
{
	float	*x = malloc(NROW * DIM * sizeof *x);
	int	 y[NROW], group[NROW];

	toy(x, y, group);
	test_train(x, y);
	test_bad_args(x, y);
	test_folds(y, group);
	test_oof(x, y, group);
	free(x);
	return unit_done();
}
