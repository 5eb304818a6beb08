/*
 * Unit tests for quality/neardup.c: pairs and clusters against brute force
 * on random sets with planted near-duplicates, and the edge cases.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../lib/rng.h"
#include "unit.h"
#include "../../lib/err.h"
#include "../../quality/neardup-int.h"

struct pair {
	size_t	a, b;
	int	dist;
};

struct pairs {
	struct pair	*v;
	size_t		 n, cap;
	int		 t;
	const uint64_t	*h;
	size_t		 bad;		/* a >= b, wrong or too large dist */
};

static uint64_t	rng_state = 0x9e3779b97f4a7c15u;

/* splitmix64: a fixed sequence, so failures are reproducible */
static uint64_t
rnd(void)
{
	return splitmix64(&rng_state);
}

/* x with k distinct random bits flipped */
static uint64_t
flip(uint64_t x, int k)
{
	uint64_t	done = 0, bit;

	while (k > 0) {
		bit = UINT64_C(1) << (rnd() % 64);
		if (done & bit)
			continue;
		done |= bit;
		x ^= bit;
		k--;
	}
	return x;
}

static int
dist(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}

static void
collect(size_t a, size_t b, int d, void *arg)
{
	struct pairs	*p = arg;

	if (a >= b || d != dist(p->h[a], p->h[b]) || d > p->t)
		p->bad++;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n].a = a;
	p->v[p->n].b = b;
	p->v[p->n].dist = d;
	p->n++;
}

static void
count_only(size_t a, size_t b, int d, void *arg)
{
	size_t	*calls = arg;

	(void)a;
	(void)b;
	(void)d;
	(*calls)++;
}

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair	*p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return 0;
}

/*
 * 1 if neardup_pairs() (m == 0) or neardup_pairs_chunks() with m chunks
 * reports exactly the brute-force pairs of h[0..n) within t, each once
 * with the right distance.
 */
static int
pairs_match_m(const uint64_t *h, size_t n, int t, int m)
{
	struct pairs	 p = { NULL, 0, 0, t, h, 0 };
	size_t		 a, b, k = 0;
	int		 ok = 1;

	if ((m == 0 ? neardup_pairs(h, n, t, collect, &p) :
	    neardup_pairs_chunks(h, n, t, m, collect, &p)) != 0)
		return 0;
	if (p.bad != 0)
		ok = 0;
	if (p.n > 1)
		qsort(p.v, p.n, sizeof *p.v, pair_cmp);
	for (a = 0; a < n && ok; a++)
		for (b = a + 1; b < n && ok; b++) {
			if (dist(h[a], h[b]) > t)
				continue;
			if (k >= p.n || p.v[k].a != a || p.v[k].b != b) {
				printf("# t=%d m=%d: missing or extra pair "
				    "near (%zu, %zu)\n", t, m, a, b);
				ok = 0;
			}
			k++;
		}
	if (ok && k != p.n) {
		printf("# t=%d m=%d: %zu pairs reported, %zu expected\n",
		    t, m, p.n, k);
		ok = 0;
	}
	free(p.v);
	return ok;
}

static int
pairs_match(const uint64_t *h, size_t n, int t)
{
	return pairs_match_m(h, n, t, 0);
}

/* Brute-force clusters: repeated relabelling to the smallest index. */
static size_t
brute_clusters(const uint64_t *h, size_t n, int t, size_t *c)
{
	size_t	i, j, multi = 0, *size;
	int	changed = 1;

	for (i = 0; i < n; i++)
		c[i] = i;
	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (dist(h[i], h[j]) <= t && c[i] != c[j]) {
					if (c[i] < c[j])
						c[j] = c[i];
					else
						c[i] = c[j];
					changed = 1;
				}
	}
	size = xcalloc(n ? n : 1, sizeof *size);
	for (i = 0; i < n; i++)
		if (++size[c[i]] == 2)
			multi++;
	free(size);
	return multi;
}

static int
clusters_match(const uint64_t *h, size_t n, int t)
{
	size_t	*got, *want, i, g, w;
	int	 ok;

	got = xmallocarray(n, sizeof *got);
	want = xmallocarray(n, sizeof *want);
	g = neardup_clusters(h, n, t, got);
	w = brute_clusters(h, n, t, want);
	ok = g == w;
	if (!ok)
		printf("# t=%d: %zu clusters, %zu expected\n", t, g, w);
	for (i = 0; i < n && ok; i++)
		if (got[i] != want[i]) {
			printf("# t=%d: cluster[%zu] = %zu, want %zu\n", t, i,
			    got[i], want[i]);
			ok = 0;
		}
	free(got);
	free(want);
	return ok;
}

/*
 * n hashes: random ones, copies of earlier ones at distance 0 to 12, and
 * chains of small steps, shuffled so related hashes are far apart in h[].
 */
static uint64_t *
make_planted(size_t n)
{
	uint64_t	*h, tmp;
	size_t		 i, j;

	h = xmallocarray(n, sizeof *h);
	for (i = 0; i < n; i++) {
		if (i < 8 || rnd() % 3 == 0)
			h[i] = rnd();
		else if (rnd() % 4 == 0)
			h[i] = flip(h[i - 1], (int)(rnd() % 5));	/* chain */
		else
			h[i] = flip(h[rnd() % i], (int)(rnd() % 13));
	}
	for (i = n - 1; i > 0; i--) {
		j = rnd() % (i + 1);
		tmp = h[i];
		h[i] = h[j];
		h[j] = tmp;
	}
	return h;
}

/* Hashes that vary on only 'bits' random bit positions: dense, many pairs. */
static uint64_t *
make_dense(size_t n, int bits)
{
	uint64_t	*h, base = rnd(), vary = 0, bit;
	size_t		 i;
	int		 k = 0;

	while (k < bits) {
		bit = UINT64_C(1) << (rnd() % 64);
		if (!(vary & bit)) {
			vary |= bit;
			k++;
		}
	}
	h = xmallocarray(n, sizeof *h);
	for (i = 0; i < n; i++)
		h[i] = base ^ (rnd() & vary);
	return h;
}

static void
test_edges(void)
{
	uint64_t	 one = 42, *same, h[8];
	size_t		 calls = 0, c[8], *cl, i, bad;
	struct pairs	 p = { NULL, 0, 0, 0, NULL, 0 };

	/* t out of range: -1 and nothing reported */
	CHECK_INT(neardup_pairs(&one, 1, -1, count_only, &calls), -1);
	CHECK_INT(neardup_pairs(&one, 1, NEARDUP_MAX_T + 1, count_only,
	    &calls), -1);
	h[0] = h[1] = 7;
	CHECK_INT(neardup_pairs(h, 2, 16, count_only, &calls), -1);
	CHECK_INT(calls, 0);
	CHECK(neardup_clusters(h, 2, 16, c) == (size_t)-1);
	CHECK(c[0] == 0 && c[1] == 1);
	CHECK(neardup_clusters(h, 2, -1, c) == (size_t)-1);

	/* n = 0 and n = 1 */
	CHECK_INT(neardup_pairs(NULL, 0, 5, count_only, &calls), 0);
	CHECK_INT(neardup_pairs(&one, 1, 15, count_only, &calls), 0);
	CHECK_INT(calls, 0);
	CHECK_INT(neardup_clusters(NULL, 0, 5, NULL), 0);
	c[0] = 99;
	CHECK_INT(neardup_clusters(&one, 1, 5, c), 0);
	CHECK_INT(c[0], 0);

	/* t = 0 and t = 15 at the limits */
	h[0] = 0;
	h[1] = ~UINT64_C(0) >> 49;		/* 15 bits */
	h[2] = ~UINT64_C(0) >> 48;		/* 16 bits */
	h[3] = 0;
	CHECK(pairs_match(h, 4, 0));
	CHECK(pairs_match(h, 4, 15));
	CHECK(pairs_match(h, 4, 14));

	/* 1,000 equal hashes: 499,500 pairs at distance 0, each once */
	same = xmallocarray(1000, sizeof *same);
	for (i = 0; i < 1000; i++)
		same[i] = UINT64_C(0xdeadbeefcafef00d);
	p.h = same;
	p.t = 0;
	CHECK_INT(neardup_pairs(same, 1000, 0, collect, &p), 0);
	CHECK_INT(p.n, 499500);
	CHECK_INT(p.bad, 0);
	if (p.n > 1)
		qsort(p.v, p.n, sizeof *p.v, pair_cmp);
	for (i = 1, bad = 0; i < p.n; i++)
		if (pair_cmp(&p.v[i - 1], &p.v[i]) == 0)
			bad++;
	CHECK_INT(bad, 0);
	free(p.v);
	calls = 0;
	CHECK_INT(neardup_pairs(same, 1000, 6, count_only, &calls), 0);
	CHECK_INT(calls, 499500);

	/* ... and clusters of them: one, with id 0 */
	cl = xmallocarray(1000, sizeof *cl);
	CHECK_INT(neardup_clusters(same, 1000, 6, cl), 1);
	for (i = 0, bad = 0; i < 1000; i++)
		if (cl[i] != 0)
			bad++;
	CHECK_INT(bad, 0);
	CHECK_INT(neardup_clusters(same, 1000, 0, cl), 1);
	free(cl);
	free(same);
}

static void
test_cluster_ids(void)
{
	uint64_t	h[10], a = rnd(), b = rnd(), chain[20];
	size_t		c[20], i, bad;

	/* members of a's cluster at 2, 5, 9; of b's at 3, 4; others alone */
	for (i = 0; i < 10; i++)
		h[i] = rnd();
	h[5] = a;
	h[2] = flip(a, 3);
	h[9] = flip(a, 2);
	h[4] = b;
	h[3] = b;
	CHECK_INT(neardup_clusters(h, 10, 4, c), 2);
	CHECK_INT(c[5], 2);
	CHECK_INT(c[2], 2);
	CHECK_INT(c[9], 2);
	CHECK_INT(c[4], 3);
	CHECK_INT(c[3], 3);
	CHECK_INT(c[0], 0);
	CHECK_INT(c[7], 7);

	/* transitive: x ~ y, y ~ z at distance 6 each, x far from z */
	h[0] = 0;
	h[1] = 0x3f;			/* 6 from h[0] */
	h[2] = 0xfff;			/* 6 from h[1], 12 from h[0] */
	CHECK_INT(dist(h[0], h[2]), 12);
	CHECK_INT(neardup_clusters(h, 3, 6, c), 1);
	CHECK(c[0] == 0 && c[1] == 0 && c[2] == 0);
	CHECK_INT(neardup_clusters(h, 3, 5, c), 0);
	CHECK(c[0] == 0 && c[1] == 1 && c[2] == 2);

	/* a chain of 20 steps of 4 bits, listed backwards: one cluster */
	chain[19] = rnd();
	for (i = 19; i > 0; i--)
		chain[i - 1] = flip(chain[i], 4);
	CHECK_INT(neardup_clusters(chain, 20, 4, c), 1);
	for (i = 0, bad = 0; i < 20; i++)
		if (c[i] != 0)
			bad++;
	CHECK_INT(bad, 0);
	CHECK(clusters_match(chain, 20, 3));
}

int
main(void)
{
	uint64_t	*h, *d;
	size_t		 calls = 0;
	int		 t, m, ok;

	test_edges();
	test_cluster_ids();

	h = make_planted(3000);
	for (t = 0; t <= 10; t++) {
		ok = pairs_match(h, 3000, t);
		printf("# planted, t = %d\n", t);
		CHECK(ok);
	}
	CHECK(pairs_match(h, 3000, 15));
	free(h);

	/* dense sets: big buckets and many pairs at every distance */
	d = make_dense(800, 18);
	for (t = 0; t <= 10; t++) {
		ok = pairs_match(d, 800, t);
		printf("# dense, t = %d\n", t);
		CHECK(ok);
	}
	CHECK(pairs_match(d, 800, 13));
	free(d);

	/* every plan the cost model may pick, not only the one for this n */
	h = make_planted(1500);
	d = make_dense(400, 20);
	for (m = NEARDUP_MIN_CHUNKS; m <= NEARDUP_MAX_CHUNKS; m++) {
		for (t = 0, ok = 1; t <= 10; t++)
			if (!pairs_match_m(h, 1500, t, m) ||
			    !pairs_match_m(d, 400, t, m))
				ok = 0;
		ok = ok && pairs_match_m(h, 1500, 15, m) &&
		    pairs_match_m(d, 400, 15, m);
		printf("# %d chunks, t = 0 to 10 and 15\n", m);
		CHECK(ok);
	}
	CHECK_INT(neardup_pairs_chunks(h, 1500, 6, 3, count_only, &calls), -1);
	CHECK_INT(neardup_pairs_chunks(h, 1500, 6, 9, count_only, &calls), -1);
	CHECK_INT(neardup_pairs_chunks(h, 1500, 16, 4, count_only, &calls),
	    -1);
	CHECK_INT(calls, 0);
	free(d);
	free(h);

	h = make_planted(600);
	for (t = 0; t <= 10; t += 2) {
		ok = clusters_match(h, 600, t);
		printf("# clusters, planted, t = %d\n", t);
		CHECK(ok);
	}
	free(h);
	d = make_dense(300, 24);
	for (t = 0; t <= 8; t += 4) {
		ok = clusters_match(d, 300, t);
		printf("# clusters, dense, t = %d\n", t);
		CHECK(ok);
	}
	free(d);
	return unit_done();
}
