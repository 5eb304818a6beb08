/*
 * tests/bench/neardup.c: the near-duplicate search on synthetic hashes.
 * Usage: neardup [JSONFILE]
 *        neardup --catalog DB [--threshold D]
 * For 10k, 100k and 1M hashes (random, plus 5% planted copies of another
 * hash with 1-6 bits flipped; fixed seed) it times neardup_pairs() at t = 6
 * (and t = 10 for 100k) and neardup_clusters(), against two references
 * measured in the same run:
 *   brute:  every pair compared (run for 10k and 100k; for 1M it is
 *           extrapolated from 100k as n^2, and marked so);
 *   floor:  one linear pass of n popcounts, the least any method must do.
 * Prints one line per run and, with JSONFILE, writes the numbers there.
 * The brute force also counts the pairs, which must agree with neardup.
 *
 * With --catalog it is instead the floor of "maskcat report duplicates"
 * on a real catalog: read every image's pHash and dHash (and their mirrored
 * twins) from the catalog's measures, then the same multi-index search
 * (each image entered twice, as it is and mirrored, at distance D, 3 by
 * default), a pair kept when, as in reports/duplicates.c, the dHashes
 * agree within D too and mean brightness and colourfulness within 0.04,
 * and single linkage by union-find: no paths, labels, byte-identical or
 * same-pixel groups, report or confirming decodes.
 * Prints "N images, P pairs, C clusters, load X s, search Y s".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"
#include "../../lib/rng.h"
#include "../../lib/err.h"
#include "../../lib/groups.h"
#include "../../quality/neardup.h"
#include "../../db/db.h"
#include "../../image/image.h"

/* the same popcnt dispatch as quality/neardup.c, so the baselines are fair */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define BENCH_HOT	__attribute__((target_clones("popcnt", "default")))
#endif
#endif
#ifndef BENCH_HOT
#define BENCH_HOT
#endif

#define MAX_RUNS	16

struct run {
	size_t	n;
	int	t;
	size_t	pairs, brute_pairs, clusters;
	double	secs, clusters_secs, brute_secs, floor_secs;
	int	brute_measured;
	long	maxrss_kib;
};

static uint64_t	rng_state;

static uint64_t
rnd(void)
{
	return splitmix64(&rng_state);
}


static long
maxrss_kib(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;		/* KiB on Linux */
}

/* 95% random hashes, 5% copies of an earlier one with 1-6 bits flipped. */
static uint64_t *
make_hashes(size_t n)
{
	uint64_t	*h, x, bit, done;
	size_t		 i;
	int		 k;

	rng_state = 12345 + n;		/* the same set whatever ran before */
	h = xmallocarray(n, sizeof *h);
	for (i = 0; i < n; i++) {
		if (i == 0 || rnd() % 20 != 0) {
			h[i] = rnd();
			continue;
		}
		x = h[rnd() % i];
		done = 0;
		for (k = 1 + (int)(rnd() % 6); k > 0; ) {
			bit = UINT64_C(1) << (rnd() % 64);
			if (!(done & bit)) {
				done |= bit;
				x ^= bit;
				k--;
			}
		}
		h[i] = x;
	}
	return h;
}

static void
count_pair(size_t a, size_t b, int dist, void *arg)
{
	(void)a;
	(void)b;
	(void)dist;
	(*(size_t *)arg)++;
}

/* All pairs; counts those within t1 and within t2. */
BENCH_HOT static void
brute(const uint64_t *h, size_t n, int t1, int t2, size_t *c1, size_t *c2)
{
	size_t	a, b, n1 = 0, n2 = 0;
	int	d;

	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++) {
			d = __builtin_popcountll(h[a] ^ h[b]);
			n1 += d <= t1;
			n2 += d <= t2;
		}
	*c1 = n1;
	*c2 = n2;
}

/* One linear pass of n popcounts. */
BENCH_HOT static uint64_t
floor_pass(const uint64_t *h, size_t n, uint64_t q)
{
	uint64_t	sum = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		sum += (uint64_t)__builtin_popcountll(h[i] ^ q) <= 6;
	return sum;
}

/* Best time of floor_pass over repeats adding up to at least 0.2 s. */
static double
time_floor(const uint64_t *h, size_t n)
{
	volatile uint64_t	sink = 0;
	double			t0, t, best = 1e9, total = 0;
	uint64_t		q = 0;

	do {
		q += 0x9e3779b97f4a7c15u;	/* a new query each pass */
		t0 = bench_now();
		sink += floor_pass(h, n, q);
		t = bench_now() - t0;
		total += t;
		if (t < best)
			best = t;
	} while (total < 0.2);
	(void)sink;
	return best;
}

/* Best time of neardup_pairs over repeats adding up to at least 0.5 s. */
static double
time_pairs(const uint64_t *h, size_t n, int t, size_t *pairs)
{
	double	t0, el, best = 1e9, total = 0;
	int	reps = 0;

	do {
		*pairs = 0;
		t0 = bench_now();
		if (neardup_pairs(h, n, t, count_pair, pairs) != 0)
			BUG("t = %d rejected", t);
		el = bench_now() - t0;
		total += el;
		if (el < best)
			best = el;
	} while (total < 0.5 && ++reps < 50);
	return best;
}

static void
print_run(const struct run *r)
{
	printf("n=%-8zu t=%-2d pairs=%-7zu neardup %8.4fs %6.2fM hashes/s"
	    " | brute %9.3fs%s x%-7.0f | floor %9.6fs, neardup/floor x%-5.0f"
	    " | clusters %zu in %.4fs | peak RSS %ld MiB\n",
	    r->n, r->t, r->pairs, r->secs, r->n / r->secs / 1e6,
	    r->brute_secs, r->brute_measured ? "" : " (extrapolated)",
	    r->brute_secs / r->secs, r->floor_secs, r->secs / r->floor_secs,
	    r->clusters, r->clusters_secs, r->maxrss_kib / 1024);
	fflush(stdout);
}

static int
write_json(const char *path, const struct run *runs, int nruns)
{
	FILE	*fp;
	int	 i;

	if ((fp = fopen(path, "w")) == NULL)
		return error_errno("cannot open '%s'", path);
	fprintf(fp, "{\n  \"benchmark\": \"neardup\",\n  \"runs\": [\n");
	for (i = 0; i < nruns; i++) {
		const struct run	*r = &runs[i];

		fprintf(fp, "    {\"n\": %zu, \"t\": %d, \"pairs\": %zu, "
		    "\"seconds\": %.6f, \"hashes_per_second\": %.0f, "
		    "\"brute_seconds\": %.6f, \"brute_measured\": %s, "
		    "\"brute_pairs\": %zu, \"brute_ratio\": %.1f, "
		    "\"floor_seconds\": %.9f, \"floor_ratio\": %.1f, "
		    "\"clusters\": %zu, \"clusters_seconds\": %.6f, "
		    "\"maxrss_kib\": %ld}%s\n",
		    r->n, r->t, r->pairs, r->secs, r->n / r->secs,
		    r->brute_secs, r->brute_measured ? "true" : "false",
		    r->brute_pairs, r->brute_secs / r->secs, r->floor_secs,
		    r->secs / r->floor_secs, r->clusters, r->clusters_secs,
		    r->maxrss_kib, i + 1 < nruns ? "," : "");
	}
	fprintf(fp, "  ]\n}\n");
	if (fclose(fp) != 0)
		return error_errno("cannot write '%s'", path);
	return 0;
}

/* --catalog: the hashes of every measured image, as the report reads them. */
struct cat {
	uint64_t	*ph, *dh;	/* 2 per image: as it is, mirrored */
	float		*mean, *colour;	/* per image */
	size_t		 n, cap;	/* images */
	struct groups	 g;		/* the clusters, per image */
	size_t		 pairs;
	int		 t;
};

static int
cat_collect(const struct db_measured *r, void *arg)
{
	struct cat	*c = arg;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->ph = xrealloc(c->ph, 2 * c->cap * sizeof *c->ph);
		c->dh = xrealloc(c->dh, 2 * c->cap * sizeof *c->dh);
		c->mean = xrealloc(c->mean, c->cap * sizeof *c->mean);
		c->colour = xrealloc(c->colour, c->cap * sizeof *c->colour);
	}
	c->mean[c->n] = (float)r->m.bright_mean;
	c->colour[c->n] = (float)r->m.colour;
	c->ph[2 * c->n] = r->m.phash;
	c->ph[2 * c->n + 1] = r->m.phash_mirror;
	c->dh[2 * c->n] = r->m.dhash;
	c->dh[2 * c->n + 1] = r->m.dhash_mirror;
	c->n++;
	return 0;
}

static void
cat_pair(size_t a, size_t b, int dist, void *arg)
{
	struct cat	*c = arg;

	(void)dist;
	/* as reports/duplicates.c: dHash too, brightness and colour close */
	if (a / 2 == b / 2 || __builtin_popcountll(c->dh[a] ^ c->dh[b]) >
	    c->t || fabsf(c->mean[a / 2] - c->mean[b / 2]) > 0.04f ||
	    fabsf(c->colour[a / 2] - c->colour[b / 2]) > 0.04f)
		return;
	c->pairs++;
	groups_join(&c->g, a / 2, b / 2);
}

static int
catalog_floor(const char *path, int t)
{
	struct cat	 c;
	sqlite3		*db = NULL;
	size_t		 i, clusters = 0, *size, *id;
	double		 t0, t1, t2;

	memset(&c, 0, sizeof c);
	c.t = t;
	t0 = bench_now();
	if (db_open(path, 0, &db) != 0 || db_each_measured(db, NULL,
	    IMG_MEASURE_VERSION, cat_collect, &c, NULL) != 0) {
		db_close(db);
		return 1;
	}
	db_close(db);
	t1 = bench_now();
	groups_init(&c.g, c.n);
	if (neardup_pairs(c.ph, 2 * c.n, t, cat_pair, &c) != 0) {
		fprintf(stderr, "neardup: threshold %d out of range\n", t);
		return 2;
	}
	id = xmallocarray(c.n + 1, sizeof *id);
	size = xcalloc(groups_number(&c.g, id) + 1, sizeof *size);
	for (i = 0; i < c.n; i++)
		if (++size[id[i]] == 2)
			clusters++;
	t2 = bench_now();
	printf("%zu images, %zu pairs, %zu clusters, load %.4f s, search %.4f s"
	    "\n", c.n, c.pairs, clusters, t1 - t0, t2 - t1);
	free(size);
	free(id);
	groups_release(&c.g);
	free(c.ph);
	free(c.dh);
	free(c.mean);
	free(c.colour);
	return 0;
}

int
main(int argc, char **argv)
{
	static const size_t	 sizes[] = { 10000, 100000, 1000000 };
	struct run		 runs[MAX_RUNS], *r;
	uint64_t		*h;
	size_t			*cl, n, b6 = 0, b10 = 0;
	double			 t0, brute_secs = 0, brute_100k = 0, fl;
	int			 nruns = 0, si, ti, nt, ts[2], bad = 0;

	if (argc >= 3 && strcmp(argv[1], "--catalog") == 0) {
		if (argc == 3)
			return catalog_floor(argv[2], 3);
		if (argc == 5 && strcmp(argv[3], "--threshold") == 0 &&
		    atoi(argv[4]) >= 0 && atoi(argv[4]) <= NEARDUP_MAX_T)
			return catalog_floor(argv[2], atoi(argv[4]));
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: neardup [JSONFILE]\n"
		    "       neardup --catalog DB [--threshold D]\n");
		return 2;
	}
	for (si = 0; si < 3; si++) {
		n = sizes[si];
		h = make_hashes(n);
		cl = xmallocarray(n, sizeof *cl);
		fl = time_floor(h, n);
		if (n <= 100000) {
			t0 = bench_now();
			brute(h, n, 6, 10, &b6, &b10);
			brute_secs = bench_now() - t0;
			brute_100k = brute_secs;
		} else {
			brute_secs = brute_100k * ((double)n / 1e5) *
			    ((double)n / 1e5);
		}
		nt = 0;
		ts[nt++] = 6;
		if (n == 100000)
			ts[nt++] = 10;
		for (ti = 0; ti < nt; ti++) {
			r = &runs[nruns++];
			memset(r, 0, sizeof *r);
			r->n = n;
			r->t = ts[ti];
			r->secs = time_pairs(h, n, r->t, &r->pairs);
			t0 = bench_now();
			r->clusters = neardup_clusters(h, n, r->t, cl);
			r->clusters_secs = bench_now() - t0;
			r->brute_secs = brute_secs;
			r->brute_measured = n <= 100000;
			r->brute_pairs = r->brute_measured ?
			    (r->t == 6 ? b6 : b10) : 0;
			r->floor_secs = fl;
			r->maxrss_kib = maxrss_kib();
			if (r->brute_measured && r->brute_pairs != r->pairs) {
				printf("MISMATCH: brute force found %zu "
				    "pairs\n", r->brute_pairs);
				bad = 1;
			}
			print_run(r);
		}
		free(cl);
		free(h);
	}
	printf("brute force for 1M is extrapolated from 100k (x100); "
	    "peak RSS is for the whole process so far\n");
	if (argc == 2 && write_json(argv[1], runs, nruns) != 0)
		return 1;
	return bad;
}
