/*
 * export/split-search.c: the two improving phases of the split (see the
 * notation in split.c): local search on the quadratic surrogate F1 by
 * moves and swaps, then the polish on the largest deviation itself.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "split.h"
#include "split-core.h"
#include "split-int.h"

/*
 * Moves a group of profile P from fold f to fold g and, unless Q is np
 * (a plain move), a group of profile Q from g to f (a swap).
 */
static void
sp_apply(struct sp *s, size_t P, int f, int g, size_t Q)
{
	sp_add(s, P, f, -1);
	sp_add(s, P, g, 1);
	if (Q != s->np) {
		sp_add(s, Q, g, -1);
		sp_add(s, Q, f, 1);
	}
}

/* The candidate partners of P for swaps: all, or neighbours + random. */
static size_t
sp_candidates(struct sp *s, size_t P, size_t *out)
{
	size_t	 no = 0, r, lo, hi, i;

	if (s->nact <= SPLIT_ALL_PAIRS) {
		for (i = 0; i < s->nact; i++)
			if (s->act[i] != P)
				out[no++] = s->act[i];
		return no;
	}
	r = s->rank[P];
	lo = r > SPLIT_WINDOW ? r - SPLIT_WINDOW : 0;
	hi = r + SPLIT_WINDOW < s->nact ? r + SPLIT_WINDOW : s->nact - 1;
	for (i = lo; i <= hi; i++)
		if (i != r)
			out[no++] = s->simord[i];
	for (i = 0; i < SPLIT_RANDOM_CAND; i++) {
		size_t	Q = s->act[sp_below(&s->rng, s->nact)];

		if (Q != P)
			out[no++] = Q;
	}
	return no;
}

#define SPLIT_MAX_CAND	(SPLIT_ALL_PAIRS + 2 * SPLIT_WINDOW + \
			    SPLIT_RANDOM_CAND + 1)

/*
 * Phase 1: best improving move or swap for each (profile, fold), repeated
 * until a whole pass finds none.
 */
void
sp_local_search(struct sp *s)
{
	size_t		*order, cand[SPLIT_MAX_CAND], nc, ci, x, P, Q, bQ;
	int		 f, g, h, bg, pass, improved, k = s->k;
	double		*dP = s->dP, a2, sa, best, d, dQf, dQg, v2, sig, ab;

	order = xmallocarray(s->nact ? s->nact : 1, sizeof *order);
	memcpy(order, s->act, s->nact * sizeof *order);
	for (pass = 0; pass < SPLIT_MAX_PASSES; pass++) {
		improved = 0;
		sp_shuffle(&s->rng, order, s->nact);
		for (ci = 0; ci < s->nact; ci++) {
			P = order[ci];
			a2 = s->p[P].norm2;
			sa = (double)s->p[P].size;
			nc = sp_candidates(s, P, cand);
			for (f = 0; f < k; f++) {
				for (;;) {
					if (s->m[P * k + f] == 0)
						break;
					for (h = 0; h < k; h++)
						dP[h] = sp_dot_dev(s, h, P);
					best = -s->eps;
					bg = -1;
					bQ = s->np;
					for (g = 0; g < k; g++) {
						if (g == f)
							continue;
						d = sp_fold_delta(s, f, -1, dP[f], a2, sa) +
						    sp_fold_delta(s, g, 1, dP[g], a2, sa);
						if (d < best) {
							best = d;
							bg = g;
							bQ = s->np;
						}
					}
					for (x = 0; x < nc; x++) {
						Q = cand[x];
						dQf = sp_dot_dev(s, f, Q);
						ab = -1;
						for (g = 0; g < k; g++) {
							if (g == f || s->m[Q * k + g] == 0)
								continue;
							if (ab < 0)
								ab = sp_dot_prof(s, P, Q);
							v2 = a2 + s->p[Q].norm2 - 2 * ab;
							sig = sa - (double)s->p[Q].size;
							dQg = sp_dot_dev(s, g, Q);
							d = sp_fold_delta(s, f, -1, dP[f] - dQf, v2, sig) +
							    sp_fold_delta(s, g, 1, dP[g] - dQg, v2, sig);
							if (d < best) {
								best = d;
								bg = g;
								bQ = Q;
							}
						}
					}
					if (bg < 0)
						break;
					sp_apply(s, P, f, bg, bQ);
					improved = 1;
				}
			}
		}
		if (!improved)
			break;
	}
	free(order);
}

/* x^16 */
static double
sp_pow16(double x)
{
	x *= x;
	x *= x;
	x *= x;
	return x * x;
}

/*
 * Polish objective of fold f if it gained the (scratch) vector and dn
 * samples: sum_c ((C + scratch) / (n + dn) - whole) / m0)^16.
 */
static double
sp_polish_fold(const struct sp *s, int f, double dn)
{
	const long long	*C = &s->C[(size_t)f * s->S];
	double		 n = (double)s->nf[f] + dn, sum = 0, sh;
	int		 c;

	for (c = 0; c < s->S; c++) {
		sh = n > 0 ? ((double)C[c] + s->scratch[c]) / n : 0;
		sum += sp_pow16((sh - s->whole[c]) / s->m0);
	}
	return sum;
}

static void
sp_scratch(struct sp *s, size_t P, double sign)
{
	const struct ent	*e = &s->ent[s->p[P].first];
	int			 i;

	for (i = 0; i < s->p[P].nnz; i++)
		s->scratch[e[i].c] += sign * e[i].v;
}

static void
sp_scratch_clear(struct sp *s, size_t P)
{
	const struct ent	*e = &s->ent[s->p[P].first];
	int			 i;

	for (i = 0; i < s->p[P].nnz; i++)
		s->scratch[e[i].c] = 0;
}

/* |n_f + dn - t_f| may not exceed max(tol, what it is now) */
static int
sp_size_ok(const struct sp *s, int f, double dn)
{
	double	now = fabs((double)s->nf[f] - s->tf[f]);
	double	lim = now > s->tol ? now : s->tol;

	return fabs((double)s->nf[f] + dn - s->tf[f]) <= lim + 1e-9;
}

/* The largest |share - whole| over folds and strata (a fraction). */
double
sp_max_dev(const struct sp *s)
{
	double	mx = 0, sh, d;
	int	f, c;

	for (f = 0; f < s->k; f++)
		for (c = 0; c < s->S; c++) {
			sh = s->nf[f] > 0 ? (double)s->C[(size_t)f * s->S + c] /
			    (double)s->nf[f] : 0;
			d = fabs(sh - s->whole[c]);
			if (d > mx)
				mx = d;
		}
	return mx;
}

/*
 * The change of the polish objective if one group of P goes from f to g
 * and (Q < np) one group of Q from g to f; HUGE_VAL if it breaks a size.
 */
static double
sp_polish_delta(struct sp *s, size_t P, int f, int g, size_t Q)
{
	double	ds = (double)s->p[P].size, d;

	if (Q < s->np)
		ds -= (double)s->p[Q].size;
	if (!sp_size_ok(s, f, -ds) || !sp_size_ok(s, g, ds))
		return HUGE_VAL;
	sp_scratch(s, P, -1);
	if (Q < s->np)
		sp_scratch(s, Q, 1);
	d = sp_polish_fold(s, f, -ds) - s->pf[f];
	sp_scratch_clear(s, P);
	if (Q < s->np)
		sp_scratch_clear(s, Q);
	sp_scratch(s, P, 1);
	if (Q < s->np)
		sp_scratch(s, Q, -1);
	d += sp_polish_fold(s, g, ds) - s->pf[g];
	sp_scratch_clear(s, P);
	if (Q < s->np)
		sp_scratch_clear(s, Q);
	return d;
}

/* Phase 2: the same moves and swaps on sum (dev / m0)^16. */
void
sp_polish(struct sp *s)
{
	size_t		*order, cand[SPLIT_MAX_CAND], nc, ci, x, P, Q, bQ;
	int		 f, g, bg, pass, improved, k = s->k;
	double		 best, d;

	s->m0 = sp_max_dev(s);
	if (s->m0 <= 0)
		return;
	for (f = 0; f < k; f++)
		s->pf[f] = sp_polish_fold(s, f, 0);
	order = xmallocarray(s->nact ? s->nact : 1, sizeof *order);
	memcpy(order, s->act, s->nact * sizeof *order);
	for (pass = 0; pass < SPLIT_POLISH_PASSES; pass++) {
		improved = 0;
		sp_shuffle(&s->rng, order, s->nact);
		for (ci = 0; ci < s->nact; ci++) {
			P = order[ci];
			nc = sp_candidates(s, P, cand);
			for (f = 0; f < k; f++) {
				for (;;) {
					if (s->m[P * k + f] == 0)
						break;
					best = -1e-12;
					bg = -1;
					bQ = s->np;
					for (g = 0; g < k; g++) {
						if (g == f)
							continue;
						d = sp_polish_delta(s, P, f, g, s->np);
						if (d < best) {
							best = d;
							bg = g;
							bQ = s->np;
						}
						for (x = 0; x < nc; x++) {
							Q = cand[x];
							if (s->m[Q * k + g] == 0)
								continue;
							d = sp_polish_delta(s, P, f, g, Q);
							if (d < best) {
								best = d;
								bg = g;
								bQ = Q;
							}
						}
					}
					if (bg < 0)
						break;
					sp_apply(s, P, f, bg, bQ);
					s->pf[f] = sp_polish_fold(s, f, 0);
					s->pf[bg] = sp_polish_fold(s, bg, 0);
					improved = 1;
				}
			}
		}
		if (!improved)
			break;
	}
	free(order);
}

