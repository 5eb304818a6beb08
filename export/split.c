/*
 * export/split.c: stratified, group-preserving fold assignment.
 *
 * Only a group's vector of per-stratum counts matters to the objective, so
 * groups with equal vectors ("profiles": on the base dataset there are just
 * 6, one per gender x age cell) are merged and the search works on m[P][f],
 * the number of groups of profile P in fold f.  At the end the members of
 * each profile are shuffled (seeded) and dealt out by those numbers, which
 * is also what makes different seeds give different splits.
 *
 * Notation: C[f][c] samples of stratum c in fold f, n[f] samples in fold f,
 * T[c] and N the totals, phi[f] the fold's target fraction, t[f][c] =
 * phi[f] * T[c] and tf[f] = phi[f] * N the target counts.
 *
 * Phase 1 minimises the smooth surrogate
 *	F1 = sum_f (sum_c (C[f][c] - t[f][c])^2 + lambda (n[f] - tf[f])^2) / tf[f]^2
 * (each fold in units of its own size, so it reads as squared share
 * errors).  It is quadratic, so the change of a move or a swap costs
 * O(entries of the profiles involved): a group of profile a moving from f
 * to g changes F1 by
 *	w_f (-2 D_f.a + |a|^2 + ...) + w_g (2 D_g.a + |a|^2 + ...),
 * D = C - t, w = 1 / tf^2; a swap moves a - b instead of a.
 *   - start: units (groups) in decreasing size, random tie-breaks, each to
 *     the fold whose F1 it lowers most;
 *   - local search: for each profile and fold, the best improving move to
 *     another fold or swap with another profile, until none improves.  With
 *     few profiles every pair is tried; with many, the neighbours in an
 *     order by main stratum and size (the swaps that change the counts by
 *     little), plus a few random ones.
 * Phase 2 (polish) works on the reported figure itself: the deviations
 * dev[f][c] = C[f][c] / n[f] - T[c] / N, minimising sum (dev / M0)^16
 * (M0: the largest deviation when it starts), a smooth stand-in for the
 * maximum, by the same moves and swaps, while no fold strays further from
 * its size target than it was or than half a median group.
 * A few restarts with seeds derived from the seed; the best is kept (fold
 * sizes first, then the largest deviation).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "split.h"
#include "split-int.h"

#define SPLIT_RESTARTS		4
#define SPLIT_ALL_PAIRS		256	/* up to this many profiles: all swaps */
#define SPLIT_WINDOW		12	/* else neighbours tried on each side */
#define SPLIT_RANDOM_CAND	8	/* plus this many random profiles */
#define SPLIT_MAX_PASSES	200
#define SPLIT_POLISH_PASSES	50

struct ent {
	int	c, v;			/* stratum, count (> 0) */
};

struct prof {
	size_t		first;		/* its entries: ent[first .. + nnz) */
	int		nnz;
	int		key;		/* the stratum it has most samples of */
	long long	size;		/* samples */
	double		norm2;		/* sum of squared counts */
	size_t		moff, nmemb;	/* its groups: memb[moff .. + nmemb) */
};

struct sp {
	const struct split_group *g;
	size_t		 n, np;
	int		 k, S;
	struct prof	*p;
	struct ent	*ent;
	size_t		*memb;		/* group indices, grouped by profile */
	size_t		*act;		/* profiles with samples */
	size_t		 nact;
	size_t		 zero;		/* the all-zero profile, or np */
	size_t		*simord;	/* act[] in similarity order */
	size_t		*rank;		/* rank[P]: position in simord[] */
	long long	*T, N;
	double		*phi, *tc, *tf, *wf, *whole;
	double		 lambda, eps, tol;
	/* the state being searched */
	long long	*m;		/* m[P * k + f] */
	long long	*C;		/* C[f * S + c] */
	long long	*nf;		/* nf[f] */
	/* polish */
	double		 m0, *pf;	/* pf[f]: fold f's sum (dev / m0)^16 */
	double		*scratch;	/* S doubles, kept zero between uses */
	double		*dP;		/* k doubles */
	uint64_t	 rng;
};

/* splitmix64: small, fast, and ours, so a seed means the same everywhere */
static uint64_t
sp_rnd(uint64_t *s)
{
	uint64_t	z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [0, n); the modulo bias is below 2^-40 for any n used here. */
static size_t
sp_below(uint64_t *s, size_t n)
{
	return (size_t)(sp_rnd(s) % n);
}

static void
sp_shuffle(uint64_t *s, size_t *v, size_t n)
{
	size_t	i, j, t;

	for (i = n; i > 1; i--) {
		j = sp_below(s, i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static int
sp_args_ok(const struct split_group *g, size_t n, int nstrata, int k,
    double valid_frac, const int *fold)
{
	size_t	i;
	int	c;

	if (k < 2 || k > SPLIT_MAX_K || nstrata < 1)
		return 0;
	if (k == 2 && !(valid_frac > 0 && valid_frac < 1))
		return 0;
	if (n == 0)
		return 1;
	if (g == NULL || fold == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (g[i].count == NULL)
			return 0;
		for (c = 0; c < nstrata; c++)
			if (g[i].count[c] < 0)
				return 0;
	}
	return 1;
}

/* qsort_r() order of group indices: by count vector, then index. */
static int
sp_cmp_groups(const void *a, const void *b, void *arg)
{
	const struct sp	*s = arg;
	size_t		 x = *(const size_t *)a, y = *(const size_t *)b;
	int		 r;

	r = memcmp(s->g[x].count, s->g[y].count, (size_t)s->S * sizeof(int));
	if (r != 0)
		return r;
	return x < y ? -1 : x > y;
}

/* qsort_r() order of profiles: main stratum, size, first entries, id. */
static int
sp_cmp_similar(const void *a, const void *b, void *arg)
{
	const struct sp		*s = arg;
	size_t			 x = *(const size_t *)a, y = *(const size_t *)b;
	const struct prof	*p = &s->p[x], *q = &s->p[y];
	const struct ent	*e = &s->ent[p->first], *h = &s->ent[q->first];
	int			 i;

	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	if (p->size != q->size)
		return p->size < q->size ? -1 : 1;
	for (i = 0; i < p->nnz && i < q->nnz; i++) {
		if (e[i].c != h[i].c)
			return e[i].c < h[i].c ? -1 : 1;
		if (e[i].v != h[i].v)
			return e[i].v < h[i].v ? -1 : 1;
	}
	return x < y ? -1 : x > y;
}

/* qsort_r() order of profile ids by size */
static int
sp_cmp_size(const void *a, const void *b, void *arg)
{
	const struct sp		*s = arg;
	long long		 x = s->p[*(const size_t *)a].size;
	long long		 y = s->p[*(const size_t *)b].size;

	return x < y ? -1 : x > y;
}

/* The median size of the groups that hold samples (0 if none). */
static double
sp_median_size(const struct sp *s)
{
	size_t		*v, i, seen = 0, half;
	double		 med = 0;

	if (s->nact == 0)
		return 0;
	for (i = 0; i < s->nact; i++)
		seen += s->p[s->act[i]].nmemb;
	half = seen / 2;
	v = xmallocarray(s->nact, sizeof *v);
	memcpy(v, s->act, s->nact * sizeof *v);
	qsort_r(v, s->nact, sizeof *v, sp_cmp_size, (void *)s);
	seen = 0;
	for (i = 0; i < s->nact; i++) {
		seen += s->p[v[i]].nmemb;
		if (seen > half) {
			med = (double)s->p[v[i]].size;
			break;
		}
	}
	free(v);
	return med;
}

/*
 * Merges groups with equal count vectors into profiles, computes totals
 * and targets.  Everything allocated here is freed by sp_release().
 */
static void
sp_init(struct sp *s, const struct split_group *g, size_t n, int S, int k,
    double valid_frac, double lambda)
{
	size_t		*idx, i, j, nent, P;
	long long	*tot;
	int		 c, f, best;
	double		 wmin;

	memset(s, 0, sizeof *s);
	s->g = g;
	s->n = n;
	s->S = S;
	s->k = k;
	s->lambda = lambda;

	idx = xmallocarray(n ? n : 1, sizeof *idx);
	for (i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof *idx, sp_cmp_groups, s);
	s->memb = idx;

	/* count profiles and entries */
	s->np = 0;
	nent = 0;
	for (i = 0; i < n; i++) {
		if (i > 0 && memcmp(g[idx[i]].count, g[idx[i - 1]].count,
		    (size_t)S * sizeof(int)) == 0)
			continue;
		s->np++;
		for (c = 0; c < S; c++)
			nent += g[idx[i]].count[c] != 0;
	}
	s->p = xcalloc(s->np ? s->np : 1, sizeof *s->p);
	s->ent = xmallocarray(nent ? nent : 1, sizeof *s->ent);
	s->zero = s->np;
	P = 0;
	nent = 0;
	for (i = 0; i < n; i = j) {
		struct prof	*p = &s->p[P];
		const int	*v = g[idx[i]].count;

		for (j = i + 1; j < n && memcmp(g[idx[j]].count, v,
		    (size_t)S * sizeof(int)) == 0; j++)
			;
		p->first = nent;
		p->moff = i;
		p->nmemb = j - i;
		best = -1;
		for (c = 0; c < S; c++) {
			if (v[c] == 0)
				continue;
			s->ent[nent].c = c;
			s->ent[nent].v = v[c];
			nent++;
			p->nnz++;
			p->size += v[c];
			p->norm2 += (double)v[c] * v[c];
			if (best < 0 || v[c] > v[best])
				best = c;
		}
		p->key = best;
		if (p->size == 0)
			s->zero = P;
		P++;
	}

	/* totals and targets */
	tot = xcalloc((size_t)S, sizeof *tot);
	s->N = 0;
	for (P = 0; P < s->np; P++) {
		const struct ent *e = &s->ent[s->p[P].first];

		for (c = 0; c < s->p[P].nnz; c++)
			tot[e[c].c] += (long long)e[c].v * (long long)s->p[P].nmemb;
		s->N += s->p[P].size * (long long)s->p[P].nmemb;
	}
	s->T = tot;
	s->phi = xmallocarray((size_t)k, sizeof *s->phi);
	for (f = 0; f < k; f++)
		s->phi[f] = k == 2 ? (f == 1 ? valid_frac : 1 - valid_frac) :
		    1.0 / k;
	s->tc = xmallocarray((size_t)k * S, sizeof *s->tc);
	s->tf = xmallocarray((size_t)k, sizeof *s->tf);
	s->wf = xmallocarray((size_t)k, sizeof *s->wf);
	s->whole = xmallocarray((size_t)S, sizeof *s->whole);
	wmin = 0;
	for (f = 0; f < k; f++) {
		for (c = 0; c < S; c++)
			s->tc[(size_t)f * S + c] = s->phi[f] * (double)tot[c];
		s->tf[f] = s->phi[f] * (double)s->N;
		s->wf[f] = s->N > 0 ? 1 / (s->tf[f] * s->tf[f]) : 0;
		if (f == 0 || s->wf[f] < wmin)
			wmin = s->wf[f];
	}
	for (c = 0; c < S; c++)
		s->whole[c] = s->N > 0 ? (double)tot[c] / (double)s->N : 0;
	/* an improvement must beat rounding: 1e-9 of one sample squared */
	s->eps = 1e-9 * wmin;

	/* the profiles that have samples, and their similarity order */
	s->act = xmallocarray(s->np ? s->np : 1, sizeof *s->act);
	s->nact = 0;
	for (P = 0; P < s->np; P++)
		if (P != s->zero)
			s->act[s->nact++] = P;
	s->simord = xmallocarray(s->nact ? s->nact : 1, sizeof *s->simord);
	memcpy(s->simord, s->act, s->nact * sizeof *s->act);
	qsort_r(s->simord, s->nact, sizeof *s->simord, sp_cmp_similar, s);
	s->rank = xcalloc(s->np ? s->np : 1, sizeof *s->rank);
	for (i = 0; i < s->nact; i++)
		s->rank[s->simord[i]] = i;

	/* the polish may let a fold drift by half a median group */
	s->tol = sp_median_size(s) / 2;

	s->m = xcalloc(s->np ? s->np * (size_t)k : 1, sizeof *s->m);
	s->C = xcalloc((size_t)k * S, sizeof *s->C);
	s->nf = xcalloc((size_t)k, sizeof *s->nf);
	s->pf = xcalloc((size_t)k, sizeof *s->pf);
	s->scratch = xcalloc((size_t)S, sizeof *s->scratch);
	s->dP = xcalloc((size_t)k, sizeof *s->dP);
}

static void
sp_release(struct sp *s)
{
	free(s->memb);
	free(s->p);
	free(s->ent);
	free(s->act);
	free(s->simord);
	free(s->rank);
	free(s->T);
	free(s->phi);
	free(s->tc);
	free(s->tf);
	free(s->wf);
	free(s->whole);
	free(s->m);
	free(s->C);
	free(s->nf);
	free(s->pf);
	free(s->scratch);
	free(s->dP);
	memset(s, 0, sizeof *s);
}

/* D_f . a, D = C - t */
static double
sp_dot_dev(const struct sp *s, int f, size_t P)
{
	const struct prof	*p = &s->p[P];
	const struct ent	*e = &s->ent[p->first];
	const long long		*C = &s->C[(size_t)f * s->S];
	const double		*t = &s->tc[(size_t)f * s->S];
	double			 d = 0;
	int			 i;

	for (i = 0; i < p->nnz; i++)
		d += ((double)C[e[i].c] - t[e[i].c]) * e[i].v;
	return d;
}

/* a . b of two profiles (entries are in stratum order) */
static double
sp_dot_prof(const struct sp *s, size_t P, size_t Q)
{
	const struct ent	*a = &s->ent[s->p[P].first];
	const struct ent	*b = &s->ent[s->p[Q].first];
	int			 i = 0, j = 0, na = s->p[P].nnz, nb = s->p[Q].nnz;
	double			 d = 0;

	while (i < na && j < nb) {
		if (a[i].c < b[j].c)
			i++;
		else if (a[i].c > b[j].c)
			j++;
		else {
			d += (double)a[i].v * b[j].v;
			i++;
			j++;
		}
	}
	return d;
}

/* Adds sign * (a group of profile P) to fold f. */
static void
sp_add(struct sp *s, size_t P, int f, int sign)
{
	const struct prof	*p = &s->p[P];
	const struct ent	*e = &s->ent[p->first];
	long long		*C = &s->C[(size_t)f * s->S];
	int			 i;

	for (i = 0; i < p->nnz; i++)
		C[e[i].c] += sign * e[i].v;
	s->nf[f] += sign * p->size;
	s->m[P * s->k + f] += sign;
}

/* F1 change of adding (sign +1) or removing (-1) vector a to fold f,
 * given dot = D_f . a, |a|^2 = a2 and its size sz. */
static double
sp_fold_delta(const struct sp *s, int f, int sign, double dot, double a2,
    double sz)
{
	double	E = (double)s->nf[f] - s->tf[f];

	return s->wf[f] * (2 * sign * dot + a2 +
	    s->lambda * (2 * sign * E * sz + sz * sz));
}

/* The greedy start: units in decreasing size, random tie-breaks. */
struct unit {
	long long	size;
	uint64_t	key;
	size_t		P;
};

static int
sp_cmp_units(const void *a, const void *b)
{
	const struct unit	*x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->P < y->P ? -1 : x->P > y->P;
}

static void
sp_greedy(struct sp *s)
{
	struct unit	*u;
	size_t		 nu = 0, i, j, P;
	int		 f, best;
	double		 d, bd;

	for (i = 0; i < s->nact; i++)
		nu += s->p[s->act[i]].nmemb;
	u = xmallocarray(nu ? nu : 1, sizeof *u);
	nu = 0;
	for (i = 0; i < s->nact; i++) {
		P = s->act[i];
		for (j = 0; j < s->p[P].nmemb; j++) {
			u[nu].size = s->p[P].size;
			u[nu].key = sp_rnd(&s->rng);
			u[nu].P = P;
			nu++;
		}
	}
	qsort(u, nu, sizeof *u, sp_cmp_units);
	for (i = 0; i < nu; i++) {
		P = u[i].P;
		best = 0;
		bd = 0;
		for (f = 0; f < s->k; f++) {
			d = sp_fold_delta(s, f, 1, sp_dot_dev(s, f, P),
			    s->p[P].norm2, (double)s->p[P].size);
			if (f == 0 || d < bd) {
				bd = d;
				best = f;
			}
		}
		sp_add(s, P, best, 1);
	}
	free(u);
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
static void
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
					sp_add(s, P, f, -1);
					sp_add(s, P, bg, 1);
					if (bQ != s->np) {
						sp_add(s, bQ, bg, -1);
						sp_add(s, bQ, f, 1);
					}
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
static double
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
static void
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
					sp_add(s, P, f, -1);
					sp_add(s, P, bg, 1);
					if (bQ != s->np) {
						sp_add(s, bQ, bg, -1);
						sp_add(s, bQ, f, 1);
					}
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

/* The size figure restarts are ranked by first: samples beyond tol. */
static double
sp_size_excess(const struct sp *s)
{
	double	x = 0, d;
	int	f;

	for (f = 0; f < s->k; f++) {
		d = fabs((double)s->nf[f] - s->tf[f]) - s->tol;
		if (d > 0)
			x += d;
	}
	return x;
}

/* Deals the members of each profile, shuffled, out by m[P][f]. */
static void
sp_deal(struct sp *s, const long long *m, uint64_t seed, int *fold)
{
	uint64_t	 st = seed ^ UINT64_C(0x6a09e667f3bcc909);
	size_t		 P, i, *mb;
	long long	 want[SPLIT_MAX_K], got;
	int		 f, k = s->k;
	double		 q, rem[SPLIT_MAX_K], br;

	for (P = 0; P < s->np; P++) {
		mb = &s->memb[s->p[P].moff];
		sp_shuffle(&st, mb, s->p[P].nmemb);
		if (P == s->zero) {
			/* no samples: spread by target share, largest remainder */
			got = 0;
			for (f = 0; f < k; f++) {
				q = s->phi[f] * (double)s->p[P].nmemb;
				want[f] = (long long)floor(q);
				rem[f] = q - (double)want[f];
				got += want[f];
			}
			while (got < (long long)s->p[P].nmemb) {
				int	bf = 0;

				br = -1;
				for (f = 0; f < k; f++)
					if (rem[f] > br) {
						br = rem[f];
						bf = f;
					}
				want[bf]++;
				rem[bf] = -1;
				got++;
			}
		} else {
			for (f = 0; f < k; f++)
				want[f] = m[P * k + f];
		}
		i = 0;
		for (f = 0; f < k; f++)
			for (got = 0; got < want[f]; got++)
				fold[mb[i++]] = f;
		if (i != s->p[P].nmemb)
			BUG("split: profile %zu dealt %zu of %zu groups", P, i,
			    s->p[P].nmemb);
	}
}

/*
 * Fills *o with the defaults.
 */
void
split_opts_init(struct split_opts *o)
{
	o->restarts = SPLIT_RESTARTS;
	o->local_search = 1;
	o->polish = 1;
	o->size_weight = 1;
}

/*
 * See split-int.h.  Returns -1 on bad arguments, else 0; fold[] is written
 * only on success.
 */
int
split_assign_opts(const struct split_group *g, size_t n, int nstrata, int k,
    double valid_frac, uint64_t seed, const struct split_opts *o, int *fold)
{
	struct sp	 s;
	long long	*bestm = NULL;
	double		 bsize = 0, bdev = 0, sz, dev;
	uint64_t	 st = seed;
	int		 r;

	if (o == NULL || o->restarts < 1 || !(o->size_weight > 0))
		return -1;
	if (!sp_args_ok(g, n, nstrata, k, valid_frac, fold))
		return -1;
	if (n == 0)
		return 0;
	sp_init(&s, g, n, nstrata, k, valid_frac, o->size_weight);
	bestm = xcalloc(s.np * (size_t)k, sizeof *bestm);
	for (r = 0; r < o->restarts && s.nact > 0; r++) {
		memset(s.m, 0, s.np * (size_t)k * sizeof *s.m);
		memset(s.C, 0, (size_t)k * nstrata * sizeof *s.C);
		memset(s.nf, 0, (size_t)k * sizeof *s.nf);
		s.rng = sp_rnd(&st);
		sp_greedy(&s);
		if (o->local_search)
			sp_local_search(&s);
		if (o->polish)
			sp_polish(&s);
		sz = sp_size_excess(&s);
		dev = sp_max_dev(&s);
		if (r == 0 || sz < bsize - 1e-9 ||
		    (sz <= bsize + 1e-9 && dev < bdev - 1e-15)) {
			bsize = sz;
			bdev = dev;
			memcpy(bestm, s.m, s.np * (size_t)k * sizeof *bestm);
		}
	}
	sp_deal(&s, bestm, seed, fold);
	free(bestm);
	sp_release(&s);
	return 0;
}

/*
 * See split.h.  Returns -1 on bad arguments, else 0.
 */
int
split_assign(const struct split_group *g, size_t n, int nstrata, int k,
    double valid_frac, uint64_t seed, int *fold)
{
	struct split_opts	o;

	split_opts_init(&o);
	return split_assign_opts(g, n, nstrata, k, valid_frac, seed, &o, fold);
}

/*
 * See split.h.  The arrays in *out are the caller's (split_stats_free()).
 */
void
split_stats_compute(const struct split_group *g, size_t n, int nstrata,
    int k, const int *fold, struct split_stats *out)
{
	long long	*C, *tot, N = 0;
	size_t		 i;
	int		 f, c;
	double		 d;

	memset(out, 0, sizeof *out);
	if (k < 1 || nstrata < 1)
		return;
	out->k = k;
	out->nstrata = nstrata;
	out->share = xcalloc((size_t)k * nstrata, sizeof *out->share);
	out->whole = xcalloc((size_t)nstrata, sizeof *out->whole);
	out->samples = xcalloc((size_t)k, sizeof *out->samples);
	C = xcalloc((size_t)k * nstrata, sizeof *C);
	tot = xcalloc((size_t)nstrata, sizeof *tot);
	for (i = 0; i < n; i++) {
		for (c = 0; c < nstrata; c++) {
			tot[c] += g[i].count[c];
			N += g[i].count[c];
		}
		f = fold[i];
		if (f < 0 || f >= k)
			continue;
		for (c = 0; c < nstrata; c++) {
			C[(size_t)f * nstrata + c] += g[i].count[c];
			out->samples[f] += g[i].count[c];
		}
	}
	for (c = 0; c < nstrata; c++)
		out->whole[c] = N > 0 ? (double)tot[c] / (double)N : 0;
	out->max_dev_pp = 0;
	for (f = 0; f < k; f++)
		for (c = 0; c < nstrata; c++) {
			out->share[(size_t)f * nstrata + c] = out->samples[f] > 0 ?
			    (double)C[(size_t)f * nstrata + c] /
			    (double)out->samples[f] : 0;
			d = 100 * fabs(out->share[(size_t)f * nstrata + c] -
			    out->whole[c]);
			if (d > out->max_dev_pp)
				out->max_dev_pp = d;
		}
	free(C);
	free(tot);
}

/*
 * See split.h.
 */
void
split_stats_free(struct split_stats *st)
{
	if (st == NULL)
		return;
	free(st->share);
	free(st->whole);
	free(st->samples);
	memset(st, 0, sizeof *st);
}
