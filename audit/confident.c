/*
 * audit/confident.c: confident learning as in cleanlab 2.x (count.py
 * compute_confident_joint and calibrate_confident_joint, filter.py
 * find_label_issues with prune_by_noise_rate), the ranking scores and the
 * ROC AUC.  See confident.h for the contracts.  Rounding follows numpy's
 * round() (half to even): nearbyint() in the default rounding mode.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "confident.h"
#include "model.h"

#define CL_TINY		1e-100	/* cleanlab's TINY_VALUE */
#define CL_CONF_EPS	1e-6	/* p >= t - eps counts as confident */

struct ranked {
	double	v;
	size_t	i;
};

/* By value descending, then row ascending. */
static int
cmp_desc(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* By value ascending, then row ascending. */
static int
cmp_asc(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
argmax(const double *p, int nclass)
{
	int	c, best = 0;

	for (c = 1; c < nclass; c++)
		if (p[c] > p[best])
			best = c;
	return best;
}

/*
 * cleanlab's round_preserving_sum on one row of m values: round each,
 * then while the rounded total differs from the rounded true total, step
 * the entries with the largest (value - rounded) by +-1, at most |diff|
 * of them per pass.
 */
static void
round_row(const double *f, int m, long *out)
{
	struct ranked	r[AUDIT_MAX_CLASS];
	double		ints[AUDIT_MAX_CLASS], want = 0, have, diff;
	int		c, changes, inc;

	for (c = 0; c < m; c++) {
		ints[c] = nearbyint(f[c]);
		want += f[c];
	}
	want = nearbyint(want);
	for (;;) {
		have = 0;
		for (c = 0; c < m; c++)
			have += ints[c];
		have = nearbyint(have);
		if (fabs(have - want) <= 1e-6)
			break;
		diff = nearbyint(want - have);
		inc = diff < 0 ? -1 : 1;
		changes = (int)fmin(fabs(diff), m);
		/* numpy: argsort(f - ints)[::-1], later index first on ties */
		for (c = 0; c < m; c++) {
			r[c].v = f[c] - ints[c];
			r[c].i = (size_t)(m - 1 - c);
		}
		qsort(r, (size_t)m, sizeof *r, cmp_desc);
		for (c = 0; c < changes; c++)
			ints[m - 1 - r[c].i] += inc;
	}
	for (c = 0; c < m; c++)
		out[c] = (long)ints[c];
}

/* See confident.h. */
void
confident_thresholds(const double *prob, const int *label, size_t n,
    int nclass, double *t)
{
	double	cnt[AUDIT_MAX_CLASS];
	size_t	i;
	int	c;

	for (c = 0; c < nclass; c++) {
		t[c] = 0;
		cnt[c] = 0;
	}
	for (i = 0; i < n; i++) {
		t[label[i]] += prob[i * nclass + label[i]];
		cnt[label[i]] += 1;
	}
	for (c = 0; c < nclass; c++)
		t[c] = cnt[c] > 0 ? t[c] / cnt[c] : 2;
}

/* See confident.h. */
void
confident_joint(const double *prob, const int *label, size_t n, int nclass,
    int calibrate, long *cj)
{
	double		 t[AUDIT_MAX_CLASS], lc[AUDIT_MAX_CLASS], row, total;
	double		 f[AUDIT_MAX_CLASS];
	double		*cal;
	const double	*p;
	size_t		 i;
	int		 c, j, nconf, guess = 0;

	confident_thresholds(prob, label, n, nclass, t);
	memset(cj, 0, (size_t)nclass * nclass * sizeof *cj);
	for (c = 0; c < nclass; c++)
		lc[c] = 0;
	for (i = 0; i < n; i++) {
		p = prob + i * nclass;
		lc[label[i]] += 1;
		nconf = 0;
		for (c = 0; c < nclass; c++)
			if (p[c] >= t[c] - CL_CONF_EPS) {
				if (nconf == 0)
					guess = c;
				nconf++;
			}
		if (nconf == 0)
			continue;
		if (nconf > 1)
			guess = argmax(p, nclass);
		cj[label[i] * nclass + guess]++;
	}
	for (c = 0; c < nclass; c++)
		if (cj[c * nclass + c] < 1)
			cj[c * nclass + c] = 1;
	if (!calibrate)
		return;
	cal = xmallocarray((size_t)nclass * nclass, sizeof *cal);
	total = 0;
	for (c = 0; c < nclass; c++) {
		row = 0;
		for (j = 0; j < nclass; j++)
			row += (double)cj[c * nclass + j];
		for (j = 0; j < nclass; j++) {
			cal[c * nclass + j] = (double)cj[c * nclass + j] /
			    fmax(row, CL_TINY) * lc[c];
			total += cal[c * nclass + j];
		}
	}
	for (c = 0; c < nclass; c++) {
		for (j = 0; j < nclass; j++)
			f[j] = cal[c * nclass + j] / fmax(total, CL_TINY) *
			    (double)n;
		round_row(f, nclass, cj + c * nclass);
	}
	free(cal);
}

/*
 * cleanlab's _keep_at_least_n_per_class (n = 1, frac_noise = 1) on
 * m = cj transposed: raise the diagonal to 1, take what was added from
 * the column's non-zero off-diagonal entries in equal parts (not below
 * 0), then round the rows keeping their totals.  Writes the result back
 * as pc[given * nclass + confident].
 */
static void
keep_one_per_class(const long *cj, int nclass, long *pc)
{
	double	m[AUDIT_MAX_CLASS * AUDIT_MAX_CLASS], diff, nz;
	long	r[AUDIT_MAX_CLASS];
	int	j, k, cnt;

	for (j = 0; j < nclass; j++)		/* m[j][k] = cj[k][j] */
		for (k = 0; k < nclass; k++)
			m[j * nclass + k] = (double)cj[k * nclass + j];
	for (k = 0; k < nclass; k++) {
		diff = fmax(m[k * nclass + k], 1) - m[k * nclass + k];
		cnt = 0;
		for (j = 0; j < nclass; j++)
			cnt += m[j * nclass + k] != 0;
		nz = fmax(cnt - 1.0, 1.0);
		for (j = 0; j < nclass; j++) {
			if (j == k)
				continue;
			m[j * nclass + k] = fmax(m[j * nclass + k] -
			    diff / nz, 0);
		}
		m[k * nclass + k] += diff;
	}
	for (j = 0; j < nclass; j++) {
		round_row(m + j * nclass, nclass, r);
		for (k = 0; k < nclass; k++)
			pc[k * nclass + j] = r[k];
	}
}

/* See confident.h. */
size_t
confident_issues(const double *prob, const int *label, size_t n, int nclass,
    unsigned char *issue, long *prune)
{
	long		 cj[AUDIT_MAX_CLASS * AUDIT_MAX_CLASS];
	long		 pc[AUDIT_MAX_CLASS * AUDIT_MAX_CLASS];
	size_t		 lc[AUDIT_MAX_CLASS], i, m, r, flagged = 0;
	struct ranked	*rk;
	int		 k, j;

	memset(issue, 0, n);
	confident_joint(prob, label, n, nclass, 1, cj);
	keep_one_per_class(cj, nclass, pc);
	if (prune != NULL)
		memcpy(prune, pc, (size_t)nclass * nclass * sizeof *pc);
	memset(lc, 0, sizeof lc);
	for (i = 0; i < n; i++)
		lc[label[i]]++;
	rk = xmallocarray(n > 0 ? n : 1, sizeof *rk);
	for (k = 0; k < nclass; k++) {
		if (lc[k] <= 1)
			continue;
		for (j = 0; j < nclass; j++) {
			if (j == k || pc[k * nclass + j] <= 0)
				continue;
			m = 0;
			for (i = 0; i < n; i++)
				if (label[i] == k) {
					rk[m].v = prob[i * nclass + j] -
					    prob[i * nclass + k];
					rk[m++].i = i;
				}
			qsort(rk, m, sizeof *rk, cmp_desc);
			for (r = 0; r < m && r < (size_t)pc[k * nclass + j];
			    r++)
				issue[rk[r].i] = 1;
		}
	}
	free(rk);
	for (i = 0; i < n; i++) {
		if (issue[i] && argmax(prob + i * nclass, nclass) == label[i])
			issue[i] = 0;
		flagged += issue[i];
	}
	return flagged;
}

/* See confident.h. */
void
confident_self(const double *prob, const int *label, size_t n, int nclass,
    double *score)
{
	size_t	i;

	for (i = 0; i < n; i++)
		score[i] = prob[i * nclass + label[i]];
}

/* See confident.h. */
void
confident_margin(const double *prob, const int *label, size_t n, int nclass,
    double *score)
{
	double	other;
	size_t	i;
	int	c;

	for (i = 0; i < n; i++) {
		other = 0;
		for (c = 0; c < nclass; c++)
			if (c != label[i] && prob[i * nclass + c] > other)
				other = prob[i * nclass + c];
		score[i] = (prob[i * nclass + label[i]] - other + 1) / 2;
	}
}

/* See confident.h: average ranks over ties, then Mann-Whitney U. */
double
confident_roc_auc(const double *score, const unsigned char *positive,
    size_t n)
{
	struct ranked	*r;
	double		 npos = 0, rsum = 0, avg;
	size_t		 i, j, k;

	for (i = 0; i < n; i++)
		npos += positive[i] != 0;
	if (npos == 0 || npos == (double)n)
		return 0.5;
	r = xmallocarray(n, sizeof *r);
	for (i = 0; i < n; i++) {
		r[i].v = score[i];
		r[i].i = i;
	}
	qsort(r, n, sizeof *r, cmp_asc);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && r[j].v == r[i].v; j++)
			;
		avg = (double)(i + 1 + j) / 2;	/* ranks i+1 .. j */
		for (k = i; k < j; k++)
			if (positive[r[k].i])
				rsum += avg;
	}
	free(r);
	return (rsum - npos * (npos + 1) / 2) / (npos * ((double)n - npos));
}

/* See confident.h. */
size_t
confident_top_hits(const double *score, const unsigned char *positive,
    size_t n, size_t k)
{
	struct ranked	*r;
	size_t		 i, hits = 0;

	if (n == 0)
		return 0;
	r = xmallocarray(n, sizeof *r);
	for (i = 0; i < n; i++) {
		r[i].v = score[i];
		r[i].i = i;
	}
	qsort(r, n, sizeof *r, cmp_asc);
	for (i = 0; i < k && i < n; i++)
		hits += positive[r[i].i] != 0;
	free(r);
	return hits;
}
