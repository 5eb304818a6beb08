/*
 * tests/bench/split.c: the stratified group split against two baselines.
 * Usage: split [JSONFILE]
 * Structures:
 *   base:    the base dataset, 2,700 persons (groups) of 7 photos in 18
 *            classes (5 mask worn, 1 incorrect, 1 without, in the person's
 *            gender x age cell), valid fraction 0.2, and 5 folds;
 *   random:  20,000 groups of 1-30 samples (a skewed main stratum plus up
 *            to 3 others, as images with several faces), 18 strata, 0.2.
 * For seeds 1..10 each runs
 *   split:   split_assign();
 *   greedy:  the plain greedy single pass (largest first, each group to the
 *            fold that lowers the surrogate most; split-int.h);
 *   naive:   ceil(0.2 * groups) groups drawn at random, the analogue of
 *            scikit-learn's GroupShuffleSplit (k = 2 only).
 * Prints the time per call and the largest share deviation (percentage
 * points; mean and worst over the seeds), the valid fold's size error, and
 * the ratios of the baselines' deviation to split_assign()'s.  With
 * JSONFILE, writes the same numbers there.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "../../lib/rng.h"
#include "../../lib/err.h"
#include "../../export/split-int.h"

#define NSTRATA	18
#define NSEEDS	10

enum { M_SPLIT, M_GREEDY, M_NAIVE, NMETHODS };
static const char *const method_name[NMETHODS] = { "split", "greedy", "naive" };

struct result {
	int	ran;
	double	secs[NSEEDS], dev[NSEEDS], size_err[NSEEDS];
};

struct bench {
	const char		*name;
	struct split_group	*g;
	int			*cnt;
	size_t			 n;
	int			 k;
	double			 frac;
	struct result		 r[NMETHODS];
};

static uint64_t	rng_state;

static uint64_t
rnd(void)
{
	return splitmix64(&rng_state);
}


static void
make_base(struct bench *b)
{
	static const int	cells[6] = { 549, 410, 83, 732, 817, 109 };
	size_t			i = 0;
	int			c, j;

	b->n = 2700;
	b->cnt = xcalloc(b->n * NSTRATA, sizeof *b->cnt);
	b->g = xmallocarray(b->n, sizeof *b->g);
	for (c = 0; c < 6; c++)
		for (j = 0; j < cells[c]; j++, i++) {
			b->cnt[i * NSTRATA + c] = 5;
			b->cnt[i * NSTRATA + 6 + c] = 1;
			b->cnt[i * NSTRATA + 12 + c] = 1;
			b->g[i].count = &b->cnt[i * NSTRATA];
		}
}

static void
make_random(struct bench *b, size_t n)
{
	size_t	i;
	int	main_c, extra, *v;

	rng_state = 20000;
	b->n = n;
	b->cnt = xcalloc(n * NSTRATA, sizeof *b->cnt);
	b->g = xmallocarray(n, sizeof *b->g);
	for (i = 0; i < n; i++) {
		v = &b->cnt[i * NSTRATA];
		/* product of two uniforms: low strata are far more common */
		main_c = (int)((rnd() % NSTRATA) * (rnd() % NSTRATA) / NSTRATA);
		v[main_c] = 1 + (int)(rnd() % 30 * (rnd() % 30) / 29);
		extra = (int)(rnd() % 4);
		while (extra-- > 0)
			v[rnd() % NSTRATA] += 1 + (int)(rnd() % 4);
		b->g[i].count = v;
	}
}

/* GroupShuffleSplit: ceil(frac * n) groups at random form the valid fold */
static void
naive_split(size_t n, double frac, uint64_t seed, int *fold)
{
	size_t	*idx = xmallocarray(n, sizeof *idx), i, j, t, nv;

	rng_state = seed;
	for (i = 0; i < n; i++)
		idx[i] = i;
	for (i = n; i > 1; i--) {
		j = (size_t)(rnd() % i);
		t = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = t;
	}
	nv = (size_t)ceil(frac * (double)n);
	for (i = 0; i < n; i++)
		fold[idx[i]] = i < nv;
	free(idx);
}

static void
run(struct bench *b)
{
	struct split_opts	 greedy;
	struct split_stats	 st;
	int			*fold = xmallocarray(b->n, sizeof *fold), m, s, f;
	double			 t0, total, err;

	split_opts_init(&greedy);
	greedy.restarts = 1;
	greedy.local_search = 0;
	greedy.polish = 0;
	for (m = 0; m < NMETHODS; m++) {
		if (m == M_NAIVE && b->k != 2)
			continue;
		b->r[m].ran = 1;
		for (s = 0; s < NSEEDS; s++) {
			t0 = bench_now();
			if (m == M_SPLIT) {
				if (split_assign(b->g, b->n, NSTRATA, b->k, b->frac,
				    (uint64_t)s + 1, fold) != 0)
					die("split_assign failed");
			} else if (m == M_GREEDY) {
				if (split_assign_opts(b->g, b->n, NSTRATA, b->k,
				    b->frac, (uint64_t)s + 1, &greedy, fold) != 0)
					die("split_assign_opts failed");
			} else
				naive_split(b->n, b->frac, (uint64_t)s + 1, fold);
			b->r[m].secs[s] = bench_now() - t0;
			split_stats_compute(b->g, b->n, NSTRATA, b->k, fold, &st);
			b->r[m].dev[s] = st.max_dev_pp;
			/* worst fold: |samples - target| */
			total = 0;
			for (f = 0; f < b->k; f++)
				total += (double)st.samples[f];
			b->r[m].size_err[s] = 0;
			for (f = 0; f < b->k; f++) {
				err = fabs((double)st.samples[f] - total *
				    (b->k == 2 ? (f ? b->frac : 1 - b->frac) :
				    1.0 / b->k));
				if (err > b->r[m].size_err[s])
					b->r[m].size_err[s] = err;
			}
			split_stats_free(&st);
		}
	}
	free(fold);
}

static double
mean(const double *v)
{
	double	s = 0;
	int	i;

	for (i = 0; i < NSEEDS; i++)
		s += v[i];
	return s / NSEEDS;
}

static double
worst(const double *v)
{
	double	w = v[0];
	int	i;

	for (i = 1; i < NSEEDS; i++)
		if (v[i] > w)
			w = v[i];
	return w;
}

static void
print(const struct bench *b)
{
	const struct result	*sp = &b->r[M_SPLIT];
	int			 m, s;

	printf("%s: %zu groups, %d folds%s\n", b->name, b->n, b->k,
	    b->k == 2 ? ", valid 0.2" : "");
	printf("  %-8s %10s %10s %10s %11s %14s\n", "method", "ms/call",
	    "dev mean", "dev worst", "size err", "dev / split's");
	for (m = 0; m < NMETHODS; m++) {
		if (!b->r[m].ran)
			continue;
		printf("  %-8s %10.2f %10.4f %10.4f %11.0f %13.1fx\n",
		    method_name[m], 1e3 * mean(b->r[m].secs), mean(b->r[m].dev),
		    worst(b->r[m].dev), worst(b->r[m].size_err),
		    mean(b->r[m].dev) / mean(sp->dev));
	}
	printf("  split per seed (pp):");
	for (s = 0; s < NSEEDS; s++)
		printf(" %.3g", sp->dev[s]);
	printf("\n  split per seed (ms):");
	for (s = 0; s < NSEEDS; s++)
		printf(" %.1f", 1e3 * sp->secs[s]);
	printf("\n");
}

static void
json_array(FILE *fp, const double *v, double scale)
{
	int	i;

	fputc('[', fp);
	for (i = 0; i < NSEEDS; i++)
		fprintf(fp, "%s%.6g", i ? ", " : "", v[i] * scale);
	fputc(']', fp);
}

static int
write_json(const char *path, struct bench *bs, int nb)
{
	FILE	*fp;
	int	 i, m;

	if ((fp = fopen(path, "w")) == NULL)
		return error_errno("cannot open '%s'", path);
	fprintf(fp, "{\"seeds\": %d, \"runs\": [\n", NSEEDS);
	for (i = 0; i < nb; i++) {
		fprintf(fp, " {\"structure\": \"%s\", \"groups\": %zu, \"k\": %d,"
		    " \"valid_frac\": %g", bs[i].name, bs[i].n, bs[i].k,
		    bs[i].k == 2 ? bs[i].frac : 0);
		for (m = 0; m < NMETHODS; m++) {
			if (!bs[i].r[m].ran)
				continue;
			fprintf(fp, ",\n  \"%s\": {\"ms\": ", method_name[m]);
			json_array(fp, bs[i].r[m].secs, 1e3);
			fprintf(fp, ", \"max_dev_pp\": ");
			json_array(fp, bs[i].r[m].dev, 1);
			fprintf(fp, ", \"size_err\": ");
			json_array(fp, bs[i].r[m].size_err, 1);
			fprintf(fp, ", \"dev_ratio_to_split\": %.4g}",
			    mean(bs[i].r[m].dev) / mean(bs[i].r[M_SPLIT].dev));
		}
		fprintf(fp, "}%s\n", i + 1 < nb ? "," : "");
	}
	fprintf(fp, "]}\n");
	if (fclose(fp) != 0)
		return error_errno("cannot write '%s'", path);
	return 0;
}

int
main(int argc, char **argv)
{
	struct bench	bs[3];
	int		i, nb = 3, rc = 0;

	memset(bs, 0, sizeof bs);
	bs[0].name = "base";
	bs[0].k = 2;
	bs[0].frac = 0.2;
	make_base(&bs[0]);
	bs[1] = bs[0];
	bs[1].name = "base-5fold";
	bs[1].k = 5;
	bs[1].frac = 0;
	bs[2].name = "random";
	bs[2].k = 2;
	bs[2].frac = 0.2;
	make_random(&bs[2], 20000);
	for (i = 0; i < nb; i++) {
		run(&bs[i]);
		print(&bs[i]);
	}
	printf("(best possible on base: 0.0529 pp for 0.2; 0.1058 pp for 5"
	    " equal folds.  scikit-learn: GroupShuffleSplit up to 3.2 pp,\n"
	    " StratifiedGroupKFold one fold 0.093 pp)\n");
	if (argc > 1 && write_json(argv[1], bs, nb) != 0)
		rc = 1;
	free(bs[0].cnt);
	free(bs[0].g);
	free(bs[2].cnt);
	free(bs[2].g);
	return rc;
}
