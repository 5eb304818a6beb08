/*
 * quality/neardup.c: near-duplicate pairs and clusters of 64-bit hashes by
 * multi-index hashing (see neardup.h).
 *
 * The 64 bits are split into m chunks of at most 16 bits.  Chunk i gets a
 * radius r_i >= -1 with sum(r_i + 1) = t + 1.  If two hashes differed by
 * more than r_i bits on every chunk, they would differ by at least
 * sum(r_i + 1) = t + 1 bits in all; so a pair within distance t is within
 * r_i on at least one chunk (the generalized pigeonhole principle; the
 * plain one, floor(t/m) on every chunk, is a special case that searches
 * more).  A chunk with r_i = -1 is not searched at all.
 *
 * One chunk at a time, the hashes are counting-sorted by the chunk's value
 * into 2^bits buckets; every bucket is compared with itself and with each
 * bucket whose key differs in at most r_i bits, and the full distances of
 * those candidates are checked.  A pair is reported only from the first
 * chunk on which it is within the radius: the earlier chunks' distances are
 * recomputed from the XOR, which costs a few popcounts and no memory.
 * Buckets are walked in key order for each flip mask, so both buckets of a
 * comparison are read mostly sequentially.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "neardup-int.h"

#define ND_MIN_CHUNKS	NEARDUP_MIN_CHUNKS
#define ND_MAX_CHUNKS	NEARDUP_MAX_CHUNKS
#define ND_NONE		UINT32_MAX

/*
 * popcnt is not in the x86-64 baseline, and without it gcc calls a libgcc
 * routine for every candidate; build the hot loop twice and let the loader
 * pick.  Elsewhere the builtin is used as it is.
 */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define ND_HOT	__attribute__((target_clones("popcnt", "default")))
#endif
#endif
#ifndef ND_HOT
#define ND_HOT
#endif

struct nd_chunk {
	int		 shift;		/* lowest bit of the chunk */
	int		 bits;		/* width, 8 to 16 */
	int		 radius;	/* -1: never searched */
	uint64_t	 mask;		/* (1 << bits) - 1 */
};

struct nd_plan {
	int		 m;
	struct nd_chunk	 c[ND_MAX_CHUNKS];
};

/* What the search of one chunk needs, in one place for the hot loop. */
struct nd_search {
	const struct nd_plan	*plan;
	int			 ci;		/* the chunk searched */
	int			 t;
	const uint64_t		*sh;		/* hashes, by chunk value */
	const uint32_t		*si;		/* their indexes in h[] */
	const uint32_t		*off;		/* bucket k: [off[k], off[k+1]) */
	const uint32_t		*keys;		/* non-empty buckets, ascending */
	size_t			 nkeys;
	const uint32_t		*flips;		/* flips[0] == 0 */
	size_t			 nflips;
	neardup_fn		*fn;
	void			*arg;
};

static inline int
nd_popcount(uint64_t x)
{
	return __builtin_popcountll(x);
}

/* Number of keys within distance r of a key of the given width. */
static double
nd_ball(int bits, int r)
{
	double	c = 1, sum = 0;
	int	k;

	for (k = 0; k <= r && k <= bits; k++) {
		sum += c;
		c = c * (bits - k) / (k + 1);
	}
	return sum;
}

static void
nd_plan_make(struct nd_plan *p, int m, int t)
{
	int	i, shift = 0;

	p->m = m;
	for (i = 0; i < m; i++) {
		p->c[i].bits = 64 / m + (i < 64 % m);
		p->c[i].shift = shift;
		p->c[i].mask = (UINT64_C(1) << p->c[i].bits) - 1;
		/* sum(radius + 1) == t + 1; the widest chunks come first */
		p->c[i].radius = (t + 1) / m + (i < (t + 1) % m) - 1;
		shift += p->c[i].bits;
	}
}

/*
 * Estimated work for a plan, in candidate comparisons (about 1 ns each):
 * comparing candidates (the expected bucket size for random hashes is
 * n / 2^bits), probing bucket pairs and building each index.  A probe of a
 * small bucket pair costs about 12 comparisons (measured: the loop bounds
 * are unpredictable branches), which makes narrower chunks win for smaller
 * n or larger t.  Only used to rank the plans.
 */
static double
nd_plan_cost(const struct nd_plan *p, size_t n)
{
	double	nb, ball, fill, nonempty, cost = 0, dn = (double)n;
	int	i;

	for (i = 0; i < p->m; i++) {
		if (p->c[i].radius < 0)
			continue;
		nb = (double)(UINT64_C(1) << p->c[i].bits);
		ball = nd_ball(p->c[i].bits, p->c[i].radius);
		fill = dn / nb;
		nonempty = nb * -expm1(-fill);
		cost += 12 * nonempty * ball + ball * dn * fill / 2 +
		    2 * (dn + nb);
	}
	return cost;
}

/* The cheapest plan with 4 to 8 chunks for n hashes and threshold t. */
static void
nd_plan_choose(struct nd_plan *p, size_t n, int t)
{
	struct nd_plan	 q;
	double		 c, best = 0;
	int		 m;

	for (m = ND_MIN_CHUNKS; m <= ND_MAX_CHUNKS; m++) {
		nd_plan_make(&q, m, t);
		c = nd_plan_cost(&q, n);
		if (m == ND_MIN_CHUNKS || c < best) {
			best = c;
			*p = q;
		}
	}
}

/* 1 if x (the XOR of a pair) is within the radius of a chunk before ci. */
static inline int
nd_found_before(const struct nd_plan *p, int ci, uint64_t x)
{
	int	j;

	for (j = 0; j < ci; j++)
		if (p->c[j].radius >= 0 && nd_popcount((x >> p->c[j].shift) &
		    p->c[j].mask) <= p->c[j].radius)
			return 1;
	return 0;
}

static inline void
nd_report(const struct nd_search *s, uint64_t x, uint32_t ia, uint32_t ib)
{
	if (nd_found_before(s->plan, s->ci, x))
		return;
	if (ia < ib)
		s->fn(ia, ib, nd_popcount(x), s->arg);
	else
		s->fn(ib, ia, nd_popcount(x), s->arg);
}

/*
 * Every pair within a bucket, then every pair of buckets whose keys differ
 * by one of the flip masks, each unordered bucket pair once (k < k ^ f).
 */
ND_HOT static void
nd_search_chunk(const struct nd_search *s)
{
	const uint64_t	*sh = s->sh;
	const uint32_t	*off = s->off;
	uint64_t	 ha, x;
	uint32_t	 k, kk, p, q, a0, a1, b0, b1, f;
	size_t		 ki, fi;
	int		 t = s->t;

	for (ki = 0; ki < s->nkeys; ki++) {
		k = s->keys[ki];
		a0 = off[k];
		a1 = off[k + 1];
		for (p = a0; p + 1 < a1; p++) {
			ha = sh[p];
			for (q = p + 1; q < a1; q++) {
				x = ha ^ sh[q];
				if (nd_popcount(x) <= t)
					nd_report(s, x, s->si[p], s->si[q]);
			}
		}
	}
	for (fi = 1; fi < s->nflips; fi++) {
		f = s->flips[fi];
		for (ki = 0; ki < s->nkeys; ki++) {
			k = s->keys[ki];
			kk = k ^ f;
			if (kk < k)
				continue;
			b0 = off[kk];
			b1 = off[kk + 1];
			if (b0 == b1)
				continue;
			a0 = off[k];
			a1 = off[k + 1];
			for (p = a0; p < a1; p++) {
				ha = sh[p];
				for (q = b0; q < b1; q++) {
					x = ha ^ sh[q];
					if (nd_popcount(x) <= t)
						nd_report(s, x, s->si[p],
						    s->si[q]);
				}
			}
		}
	}
}

/* The core of neardup_pairs(), on valid arguments; m = 0: choose. */
static void
nd_pairs(const uint64_t *h, size_t n, int t, int m, neardup_fn *fn,
    void *arg)
{
	struct nd_plan		 plan;
	struct nd_search	 s;
	const struct nd_chunk	*c;
	uint64_t		*sh;
	uint32_t		*si, *off, *keys, *flips;
	uint32_t		 nb, k, v;
	size_t			 i, nk, nf;
	int			 ci;

	if (n < 2)
		return;
	if (n > UINT32_MAX)
		BUG("neardup: %zu hashes, more than 2^32 - 1", n);
	if (m == 0)
		nd_plan_choose(&plan, n, t);
	else
		nd_plan_make(&plan, m, t);
	sh = xmallocarray(n, sizeof *sh);
	si = xmallocarray(n, sizeof *si);
	/* + 2: counts go one slot ahead, so placing leaves the starts */
	off = xmallocarray(((size_t)1 << 16) + 2, sizeof *off);
	keys = xmallocarray(n < ((size_t)1 << 16) ? n : (size_t)1 << 16,
	    sizeof *keys);
	flips = xmallocarray((size_t)1 << 16, sizeof *flips);

	memset(&s, 0, sizeof s);
	s.plan = &plan;
	s.t = t;
	s.fn = fn;
	s.arg = arg;
	for (ci = 0; ci < plan.m; ci++) {
		c = &plan.c[ci];
		if (c->radius < 0)
			continue;
		nb = (uint32_t)1 << c->bits;

		/* counting sort by the chunk's value, stable */
		memset(off, 0, (nb + 2) * sizeof *off);
		for (i = 0; i < n; i++)
			off[((h[i] >> c->shift) & c->mask) + 2]++;
		for (k = 2; k < nb + 2; k++)
			off[k] += off[k - 1];
		for (i = 0; i < n; i++) {
			k = (uint32_t)((h[i] >> c->shift) & c->mask);
			sh[off[k + 1]] = h[i];
			si[off[k + 1]++] = (uint32_t)i;
		}
		nk = 0;
		for (k = 0; k < nb; k++)
			if (off[k] != off[k + 1])
				keys[nk++] = k;

		/* flip masks within the radius, 0 first */
		nf = 0;
		for (v = 0; v < nb; v++)
			if (nd_popcount(v) <= c->radius)
				flips[nf++] = v;

		s.ci = ci;
		s.sh = sh;
		s.si = si;
		s.off = off;
		s.keys = keys;
		s.nkeys = nk;
		s.flips = flips;
		s.nflips = nf;
		nd_search_chunk(&s);
	}
	free(flips);
	free(keys);
	free(off);
	free(si);
	free(sh);
}

int
neardup_pairs(const uint64_t *h, size_t n, int t, neardup_fn *fn, void *arg)
{
	if (t < 0 || t > NEARDUP_MAX_T)
		return -1;
	nd_pairs(h, n, t, 0, fn, arg);
	return 0;
}

int
neardup_pairs_chunks(const uint64_t *h, size_t n, int t, int m,
    neardup_fn *fn, void *arg)
{
	if (t < 0 || t > NEARDUP_MAX_T || m < ND_MIN_CHUNKS ||
	    m > ND_MAX_CHUNKS)
		return -1;
	nd_pairs(h, n, t, m, fn, arg);
	return 0;
}

/* Union-find over the distinct hashes; size counts original members. */
struct nd_uf {
	uint32_t	*parent;
	uint32_t	*size;
};

static uint32_t
nd_find(struct nd_uf *uf, uint32_t x)
{
	uint32_t	root = x, next;

	while (uf->parent[root] != root)
		root = uf->parent[root];
	while (uf->parent[x] != root) {
		next = uf->parent[x];
		uf->parent[x] = root;
		x = next;
	}
	return root;
}

static void
nd_union(size_t a, size_t b, int dist, void *arg)
{
	struct nd_uf	*uf = arg;
	uint32_t	 ra, rb, tmp;

	(void)dist;
	ra = nd_find(uf, (uint32_t)a);
	rb = nd_find(uf, (uint32_t)b);
	if (ra == rb)
		return;
	if (uf->size[ra] < uf->size[rb]) {
		tmp = ra;
		ra = rb;
		rb = tmp;
	}
	uf->parent[rb] = ra;
	uf->size[ra] += uf->size[rb];
}

/*
 * Sorts the indexes 0..n-1 by h[], equal hashes by index: an LSD radix
 * sort on 16-bit digits, skipping digits that are the same everywhere.
 * Returns a malloc()ed array of n indexes the caller must free().
 */
static uint32_t *
nd_sort_index(const uint64_t *h, size_t n)
{
	uint32_t	*a, *b, *tmp;
	size_t		*cnt, i, sum, c;
	int		 shift;

	a = xmallocarray(n, sizeof *a);
	b = xmallocarray(n, sizeof *b);
	cnt = xmallocarray((size_t)1 << 16, sizeof *cnt);
	for (i = 0; i < n; i++)
		a[i] = (uint32_t)i;
	for (shift = 0; shift < 64; shift += 16) {
		memset(cnt, 0, ((size_t)1 << 16) * sizeof *cnt);
		for (i = 0; i < n; i++)
			cnt[(h[i] >> shift) & 0xffff]++;
		if (cnt[(h[0] >> shift) & 0xffff] == n)
			continue;
		for (i = 0, sum = 0; i < (size_t)1 << 16; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			b[cnt[(h[a[i]] >> shift) & 0xffff]++] = a[i];
		tmp = a;
		a = b;
		b = tmp;
	}
	free(cnt);
	free(b);
	return a;
}

size_t
neardup_clusters(const uint64_t *h, size_t n, int t, size_t *cluster)
{
	struct nd_uf	 uf;
	uint64_t	*u;
	uint32_t	*order, *uid, *first, r;
	size_t		 i, nu, multi = 0;

	for (i = 0; i < n; i++)
		cluster[i] = i;
	if (t < 0 || t > NEARDUP_MAX_T)
		return (size_t)-1;
	if (n < 2)
		return 0;
	if (n > UINT32_MAX)
		BUG("neardup: %zu hashes, more than 2^32 - 1", n);

	/* collapse equal hashes: u[] distinct, uid[i] = i's entry in u[] */
	order = nd_sort_index(h, n);
	u = xmallocarray(n, sizeof *u);
	uid = xmallocarray(n, sizeof *uid);
	uf.size = xmallocarray(n, sizeof *uf.size);
	nu = 0;
	for (i = 0; i < n; i++) {
		if (i == 0 || h[order[i]] != u[nu - 1]) {
			u[nu] = h[order[i]];
			uf.size[nu++] = 0;
		}
		uid[order[i]] = (uint32_t)(nu - 1);
		uf.size[nu - 1]++;
	}
	free(order);
	uf.parent = xmallocarray(nu, sizeof *uf.parent);
	for (i = 0; i < nu; i++)
		uf.parent[i] = (uint32_t)i;

	if (t > 0)
		nd_pairs(u, nu, t, 0, nd_union, &uf);

	/* the smallest index of each cluster is the first one met */
	first = xmallocarray(nu, sizeof *first);
	for (i = 0; i < nu; i++)
		first[i] = ND_NONE;
	for (i = 0; i < n; i++) {
		r = nd_find(&uf, uid[i]);
		if (first[r] == ND_NONE) {
			first[r] = (uint32_t)i;
			if (uf.size[r] >= 2)
				multi++;
		}
		cluster[i] = first[r];
	}
	free(first);
	free(uf.parent);
	free(uf.size);
	free(uid);
	free(u);
	return multi;
}
