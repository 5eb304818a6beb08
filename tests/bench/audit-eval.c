/*
 * tests/bench/audit-eval.c: measures the label audit's core (features,
 * out-of-fold classifier, confident learning) against known label flips.
 *
 *	audit-eval [options] mask|gender|age FLIPS.csv
 *	audit-eval [options] --seed-flips S [--rate R] mask|gender|age -
 *
 * mask: the 2,000 photos of youyinnn/train (cloth, surgical, n95 = 0
 * worn, mask_worn_incorrectly = 1, no_face_mask = 2), grouped by their
 * <classid>_<NNNNN> prefix (the _aug_k copies of a photo stay together);
 * gender and age: the 5,921 well-named UTKFace files (age bins <30,
 * 30-59, 60+), grouped by identical bytes.  These are the sets the
 * reference in shared/bench/label-noise used.  The flips come from the
 * CSV (path, true_label, noisy_label), or are drawn with splitmix64: a
 * share R (default 0.05) of the files, each to a uniformly drawn other
 * class.
 *
 * Options: -d DATA (default ../shared/data), -j THREADS (2), -c CACHE
 * (feature cache file: read when present, else written), -b BLOCKS
 * (comma list of hog64,hog32,grid,lbp,hue,region: the features kept),
 * -H HIDDEN, -l L2, -e EPOCHS, -r LR, -B BATCH, -w (balanced class
 * weights), -s MODEL_SEED, -k FOLDS (5).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../audit/confident.h"
#include "../../audit/features.h"
#include "../../audit/model.h"
#include "../../image/image.h"
#include "../../lib/err.h"
#include "../../lib/rng.h"
#include "bench.h"

#define MAX_CLASS	3

static int	nclass = 3;	/* 2 for gender */

struct row {
	char	*rel;		/* path relative to the data folder */
	int	 truth, label;	/* true and given (maybe flipped) label */
	int	 group;
};

struct set {
	struct row	*r;
	size_t		 n, cap;
};

struct feat_job {
	const char	*data;
	struct set	*s;
	float		*x;
	size_t		 next;
	int		 failed;
	pthread_mutex_t	 lock;
};

static const struct {
	const char	*name;
	int		 off, dim;
} blocks[] = {
	{ "hog64", AUDIT_FEAT_HOG64, AUDIT_FEAT_HOG64_DIM },
	{ "hog32", AUDIT_FEAT_HOG32, AUDIT_FEAT_HOG32_DIM },
	{ "grid", AUDIT_FEAT_GRID, AUDIT_FEAT_GRID_DIM },
	{ "lbp", AUDIT_FEAT_LBP, AUDIT_FEAT_LBP_DIM },
	{ "hue", AUDIT_FEAT_HUE, AUDIT_FEAT_HUE_DIM },
	{ "region", AUDIT_FEAT_REGION, AUDIT_FEAT_REGION_DIM },
};
#define NBLOCKS	(sizeof blocks / sizeof blocks[0])

/* The reference of shared/bench/label-noise/README.md (5% flips). */
static const struct {
	const char	*task;
	double		 acc, prec, rec, auc, topk;
	int		 flagged;
} reference[] = {
	{ "mask", 0.73, 0.19, 0.77, 0.89, 0.41, 403 },
	{ "gender", 0.85, 0.33, 0.74, 0.93, 0.52, 661 },
	{ "age", 0.70, 0.15, 0.75, 0.86, 0.49, 1455 },
};

static void
set_add(struct set *s, char *rel, int truth, int group)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->r = xrealloc(s->r, s->cap * sizeof *s->r);
	}
	s->r[s->n].rel = rel;
	s->r[s->n].truth = truth;
	s->r[s->n].label = truth;
	s->r[s->n].group = group;
	s->n++;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir ending in suffix; *n set; caller frees all. */
static char **
list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	char		**v = NULL;
	size_t		 cap = 0, len, sl = strlen(suffix);

	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		error_errno("cannot open '%s'", dir);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < sl || strcmp(e->d_name + len - sl, suffix) != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 512;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

static int
load_mask(const char *data, struct set *s)
{
	static const char *const cls[] = { "cloth_mask", "surgical_mask",
	    "n95_mask", "mask_worn_incorrectly", "no_face_mask" };
	static const int lab[] = { 0, 0, 0, 1, 2 };
	char	**names, *dir;
	size_t	  i, n, c;
	int	  a, b;

	for (c = 0; c < 5; c++) {
		dir = xasprintf("%s/youyinnn/train/%s", data, cls[c]);
		names = list_dir(dir, ".jpeg", &n);
		free(dir);
		if (names == NULL)
			return -1;
		for (i = 0; i < n; i++) {
			if (sscanf(names[i], "%d_%d_", &a, &b) != 2)
				return error("bad name '%s'", names[i]);
			set_add(s, xasprintf("youyinnn/train/%s/%s", cls[c],
			    names[i]), lab[c], a * 100000 + b);
			free(names[i]);
		}
		free(names);
	}
	return 0;
}

/* <age>_<gender 0|1>_<race 0-4>_<17 digits>.jpg.chip.jpg */
static int
utk_parse(const char *s, int *age, int *gender)
{
	const char	*p = s;
	int		 i;

	*age = 0;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		*age = *age * 10 + (*p++ - '0');
	if (p[0] != '_' || (p[1] != '0' && p[1] != '1') || p[2] != '_' ||
	    p[3] < '0' || p[3] > '4' || p[4] != '_')
		return 0;
	*gender = p[1] - '0';
	p += 5;
	for (i = 0; i < 17; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return strcmp(p + 17, ".jpg.chip.jpg") == 0;
}

static int
load_utk(const char *data, int age_task, struct set *s)
{
	char		**names, *dir, *path, why[IMG_REASON_MAX];
	unsigned char	 *buf;
	uint64_t	 *hash;
	size_t		  i, j, n, len;
	int		  age, gender, grp;

	dir = xasprintf("%s/utkface", data);
	names = list_dir(dir, ".jpg", &n);
	if (names == NULL) {
		free(dir);
		return -1;
	}
	hash = xmallocarray(n, sizeof *hash);
	for (i = 0; i < n; i++) {
		if (!utk_parse(names[i], &age, &gender)) {
			free(names[i]);
			continue;
		}
		path = xasprintf("%s/%s", dir, names[i]);
		if (img_read_file(path, &buf, &len, why) != 0)
			return error("'%s': %s", path, why);
		free(path);
		hash[s->n] = img_hash(buf, len);
		free(buf);
		/* Identical bytes: one group (quadratic, but n is small). */
		grp = (int)s->n;
		for (j = 0; j < s->n; j++)
			if (hash[j] == hash[s->n]) {
				grp = s->r[j].group;
				break;
			}
		set_add(s, xasprintf("utkface/%s", names[i]), age_task ?
		    (age < 30 ? 0 : age < 60 ? 1 : 2) : gender, grp);
		free(names[i]);
	}
	free(names);
	free(hash);
	free(dir);
	return 0;
}

static void *
feat_worker(void *arg)
{
	struct feat_job	*j = arg;
	unsigned char	*buf, *rgb;
	char		*path, why[IMG_REASON_MAX];
	size_t		 i, len;
	int		 w, h;

	for (;;) {
		pthread_mutex_lock(&j->lock);
		i = j->next++;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->s->n)
			return NULL;
		path = xasprintf("%s/%s", j->data, j->s->r[i].rel);
		if (img_read_file(path, &buf, &len, why) != 0 ||
		    img_decode_rgb(buf, len, &rgb, &w, &h, why) != 0) {
			error("'%s': %s", path, why);
			pthread_mutex_lock(&j->lock);
			j->failed = 1;
			pthread_mutex_unlock(&j->lock);
		} else {
			audit_features(rgb, w, h, j->x +
			    i * (size_t)AUDIT_FEAT_DIM);
			free(rgb);
		}
		free(buf);
		free(path);
	}
}

static float *
features(const char *data, struct set *s, int nthreads, const char *cache)
{
	struct feat_job	 j;
	pthread_t	 th[64];
	FILE		*fp;
	float		*x;
	size_t		 hdr[2];
	int		 t;

	x = xmallocarray(s->n * AUDIT_FEAT_DIM, sizeof *x);
	if (cache != NULL && (fp = fopen(cache, "rb")) != NULL) {
		if (fread(hdr, sizeof hdr, 1, fp) == 1 && hdr[0] == s->n &&
		    hdr[1] == AUDIT_FEAT_DIM && fread(x, sizeof *x,
		    s->n * AUDIT_FEAT_DIM, fp) == s->n * AUDIT_FEAT_DIM) {
			fclose(fp);
			return x;
		}
		fclose(fp);
	}
	memset(&j, 0, sizeof j);
	j.data = data;
	j.s = s;
	j.x = x;
	pthread_mutex_init(&j.lock, NULL);
	if (nthreads > 64)
		nthreads = 64;
	for (t = 1; t < nthreads; t++)
		if (pthread_create(&th[t], NULL, feat_worker, &j) != 0)
			die("cannot start a thread");
	feat_worker(&j);
	for (t = 1; t < nthreads; t++)
		pthread_join(th[t], NULL);
	pthread_mutex_destroy(&j.lock);
	if (j.failed) {
		free(x);
		return NULL;
	}
	if (cache != NULL && (fp = fopen(cache, "wb")) != NULL) {
		hdr[0] = s->n;
		hdr[1] = AUDIT_FEAT_DIM;
		fwrite(hdr, sizeof hdr, 1, fp);
		fwrite(x, sizeof *x, s->n * AUDIT_FEAT_DIM, fp);
		fclose(fp);
	}
	return x;
}

static int
cmp_rel(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->rel,
	    ((const struct row *)b)->rel);
}

/* Applies the CSV's flips; returns the number applied or -1. */
static long
flips_csv(const char *csv, struct set *s)
{
	FILE		*fp;
	char		 line[4096], *c1, *c2;
	struct row	 key, *r;
	long		 n = 0;
	int		 truth, noisy;

	if ((fp = fopen(csv, "r")) == NULL)
		return error_errno("cannot open '%s'", csv);
	while (fgets(line, sizeof line, fp) != NULL) {
		if ((c2 = strrchr(line, ',')) == NULL)
			continue;
		*c2++ = '\0';
		if ((c1 = strrchr(line, ',')) == NULL)
			continue;
		*c1++ = '\0';
		if (sscanf(c1, "%d", &truth) != 1 ||
		    sscanf(c2, "%d", &noisy) != 1)
			continue;		/* the header */
		key.rel = line;
		r = bsearch(&key, s->r, s->n, sizeof *s->r, cmp_rel);
		if (r == NULL) {
			fclose(fp);
			return error("'%s': '%s' is not in the set", csv,
			    line);
		}
		if (r->truth != truth) {
			fclose(fp);
			return error("'%s': '%s' has label %d, not %d", csv,
			    line, r->truth, truth);
		}
		r->label = noisy;
		n++;
	}
	fclose(fp);
	return n;
}

/* Flips a share rate of the rows, each to another class at random. */
static long
flips_seeded(struct set *s, uint64_t seed, double rate)
{
	size_t	*idx, i, j, t, k;
	uint64_t st = seed;

	k = (size_t)(rate * (double)s->n + 0.5);
	idx = xmallocarray(s->n, sizeof *idx);
	for (i = 0; i < s->n; i++)
		idx[i] = i;
	for (i = 0; i < k; i++) {
		j = i + (size_t)(splitmix64(&st) % (s->n - i));
		t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
		s->r[idx[i]].label = (s->r[idx[i]].truth + 1 +
		    (int)(splitmix64(&st) % (nclass - 1))) % nclass;
	}
	free(idx);
	return (long)k;
}

static double
macro_f1(const int *pred, const struct set *s)
{
	double	tp[MAX_CLASS] = { 0 }, fp[MAX_CLASS] = { 0 }, fn[MAX_CLASS] = { 0 };
	double	f = 0;
	size_t	i;
	int	c;

	for (i = 0; i < s->n; i++) {
		if (pred[i] == s->r[i].truth)
			tp[pred[i]]++;
		else {
			fp[pred[i]]++;
			fn[s->r[i].truth]++;
		}
	}
	for (c = 0; c < nclass; c++)
		f += tp[c] > 0 ? 2 * tp[c] / (2 * tp[c] + fp[c] + fn[c]) : 0;
	return f / nclass;
}

static void
usage(void)
{
	fprintf(stderr, "usage: audit-eval [-d data] [-j threads] [-c cache]"
	    " [-b blocks] [-H hidden] [-l l2] [-e epochs] [-r lr] [-B batch]"
	    " [-w] [-s seed] [-k folds] [--seed-flips S] [--rate R]"
	    " mask|gender|age flips.csv|-\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed-flips", required_argument, NULL, 'S' },
		{ "rate", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct audit_train_opts	 o;
	struct set		 s = { 0 };
	const char		*data = "../shared/data", *cache = NULL;
	const char		*bsel = NULL, *task;
	float			*x, *xs;
	double			*prob, *score, t0, t1, t2, rate = 0.05;
	double			 acc_t = 0, acc_n = 0, auc;
	unsigned char		*flip, *issue;
	int			*y, *grp, *pred, keep[AUDIT_FEAT_DIM];
	int			 ch, nthreads = 2, k = 5, seeded = 0, dim, c;
	uint64_t		 fseed = 0;
	size_t			 i, d, nflip = 0, flagged, hit = 0, top;
	size_t			 bl_n = 0, bl_hit = 0, ri;
	long			 nf;

	audit_train_opts_init(&o);
	while ((ch = getopt_long(argc, argv, "d:j:c:b:H:l:e:r:B:ws:k:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': data = optarg; break;
		case 'j': nthreads = atoi(optarg); break;
		case 'c': cache = optarg; break;
		case 'b': bsel = optarg; break;
		case 'H': o.hidden = atoi(optarg); break;
		case 'l': o.l2 = atof(optarg); break;
		case 'e': o.epochs = atoi(optarg); break;
		case 'r': o.lr = atof(optarg); break;
		case 'B': o.batch = atoi(optarg); break;
		case 'w': o.balanced = 1; break;
		case 's': o.seed = strtoull(optarg, NULL, 10); break;
		case 'k': k = atoi(optarg); break;
		case 'S':
			seeded = 1;
			fseed = strtoull(optarg, NULL, 10);
			break;
		case 'R': rate = atof(optarg); break;
		default: usage();
		}
	}
	if (argc - optind != 2)
		usage();
	task = argv[optind];
	if (strcmp(task, "mask") == 0)
		c = load_mask(data, &s);
	else if (strcmp(task, "gender") == 0 || strcmp(task, "age") == 0) {
		nclass = task[0] == 'a' ? 3 : 2;
		c = load_utk(data, task[0] == 'a', &s);
	}
	else
		usage();
	if (c != 0)
		return 1;
	qsort(s.r, s.n, sizeof *s.r, cmp_rel);
	nf = seeded ? flips_seeded(&s, fseed, rate) :
	    flips_csv(argv[optind + 1], &s);
	if (nf < 0)
		return 1;

	t0 = bench_now();
	if ((x = features(data, &s, nthreads, cache)) == NULL)
		return 1;
	t1 = bench_now();

	/* Keep the chosen blocks only (all by default). */
	dim = 0;
	for (d = 0; d < NBLOCKS; d++) {
		if (bsel != NULL && strstr(bsel, blocks[d].name) == NULL)
			continue;
		for (c = 0; c < blocks[d].dim; c++)
			keep[dim++] = blocks[d].off + c;
	}
	xs = x;
	if (dim < AUDIT_FEAT_DIM) {
		xs = xmallocarray(s.n * (size_t)dim, sizeof *xs);
		for (i = 0; i < s.n; i++)
			for (c = 0; c < dim; c++)
				xs[i * dim + c] = x[i * AUDIT_FEAT_DIM +
				    keep[c]];
	}

	y = xmallocarray(s.n, sizeof *y);
	grp = xmallocarray(s.n, sizeof *grp);
	pred = xmallocarray(s.n, sizeof *pred);
	flip = xcalloc(s.n, 1);
	issue = xcalloc(s.n, 1);
	prob = xmallocarray(s.n * nclass, sizeof *prob);
	score = xmallocarray(s.n, sizeof *score);
	for (i = 0; i < s.n; i++) {
		y[i] = s.r[i].label;
		grp[i] = s.r[i].group;
		flip[i] = s.r[i].label != s.r[i].truth;
		nflip += flip[i];
	}
	if (audit_oof(xs, y, grp, s.n, dim, nclass, k, &o, nthreads, prob,
	    NULL) != 0)
		return error("audit_oof: bad arguments");
	t2 = bench_now();

	for (i = 0; i < s.n; i++) {
		pred[i] = 0;
		for (c = 1; c < nclass; c++)
			if (prob[i * nclass + c] > prob[i * nclass + pred[i]])
				pred[i] = c;
		acc_t += pred[i] == s.r[i].truth;
		acc_n += pred[i] == y[i];
		if (pred[i] != y[i]) {
			bl_n++;
			bl_hit += flip[i];
		}
	}
	flagged = confident_issues(prob, y, s.n, nclass, issue, NULL);
	for (i = 0; i < s.n; i++)
		hit += issue[i] && flip[i];
	confident_self(prob, y, s.n, nclass, score);
	top = confident_top_hits(score, flip, s.n, nflip);
	for (i = 0; i < s.n; i++)
		score[i] = 1 - score[i];
	auc = confident_roc_auc(score, flip, s.n);

	printf("task %s: %zu images, %zu flips (%s), dim %d, model %s",
	    task, s.n, nflip, seeded ? "seeded" : argv[optind + 1], dim,
	    o.hidden ? "mlp" : "logreg");
	if (o.hidden)
		printf(" %d", o.hidden);
	printf(", l2 %g, epochs %d, lr %g, batch %d%s\n", o.l2, o.epochs,
	    o.lr, o.batch, o.balanced ? ", balanced" : "");
	printf("oof accuracy vs truth %.3f, vs given labels %.3f, macro F1 "
	    "%.3f\n", acc_t / s.n, acc_n / s.n, macro_f1(pred, &s));
	printf("confident learning: flagged %zu, precision %.3f, recall "
	    "%.3f\n", flagged, flagged ? (double)hit / flagged : 0,
	    nflip ? (double)hit / nflip : 0);
	printf("self-confidence: ROC AUC %.3f, precision among top %zu "
	    "%.3f\n", auc, nflip, nflip ? (double)top / nflip : 0);
	printf("baseline pred != label: flagged %zu, precision %.3f, recall "
	    "%.3f\n", bl_n, bl_n ? (double)bl_hit / bl_n : 0,
	    nflip ? (double)bl_hit / nflip : 0);
	for (ri = 0; ri < sizeof reference / sizeof reference[0]; ri++)
		if (strcmp(reference[ri].task, task) == 0)
			printf("reference (5%%, seed 1): accuracy %.2f, flagged"
			    " %d, precision %.2f, recall %.2f, AUC %.2f, "
			    "top-k %.2f\n", reference[ri].acc,
			    reference[ri].flagged, reference[ri].prec,
			    reference[ri].rec, reference[ri].auc,
			    reference[ri].topk);
	printf("wall: features %.2f s (%d threads%s), folds + training + "
	    "prediction %.2f s\n", t1 - t0, nthreads,
	    cache ? ", maybe cached" : "", t2 - t1);

	for (i = 0; i < s.n; i++)
		free(s.r[i].rel);
	free(s.r);
	if (xs != x)
		free(xs);
	free(x);
	free(y);
	free(grp);
	free(pred);
	free(flip);
	free(issue);
	free(prob);
	free(score);
	return 0;
}
