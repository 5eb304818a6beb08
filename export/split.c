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
#include "../lib/rng.h"
#include "split.h"
#include "split-core.h"
#include "split-int.h"

/* Uniform in [0, n); the modulo bias is below 2^-40 for any n used here. */
size_t
sp_below(uint64_t *s, size_t n)
{
	return (size_t)(splitmix64(s) % n);
}

void
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
double
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
double
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
void
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
double
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
			u[nu].key = splitmix64(&s->rng);
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
		s.rng = splitmix64(&st);
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

