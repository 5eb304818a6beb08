/*
 * tests/bench/audit-floor.c: the floor for the audit benchmark: the work
 * "maskcat audit" cannot avoid on the base layout, in a bare loop with the
 * same audit/ code and no catalog:
 *   1. features: read each photo, decode it at the audit's reduced scale
 *      (short side >= 107), cut the base layout's face region and compute
 *      audit_features(), on J threads;
 *   2. training: for each task (mask state 3 classes, gender 2, age bin
 *      3; one row per photo), audit_oof() with the audit's options (the
 *      defaults, the same pass budget over 6,000 rows, seed 0), 5 folds,
 *      persons as groups, on J threads.
 * Left out, as not the least an audit must do: reading the catalog,
 * near-duplicate groups, storing the feature cache, confident learning,
 * per-person votes, swapped files, the report.
 * Usage: audit-floor [--jobs J] LISTFILE (base-layout photos, one path a
 * line: .../<id>_<gender>_<race>_<age>/<mask1-5|incorrect_mask|normal>.ext).
 * Prints "N photos, features X s, training Y s, out-of-fold accuracy ...".
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../audit/features.h"
#include "../../audit/model.h"
#include "../../image/image.h"
#include "../../lib/err.h"
#include "bench.h"

#define MAXJOBS		16
#define FOLDS		5
#define MIN_SIDE	((64 * 5 + 2) / 3)	/* audit/featcache.c, base */

struct photo {
	char	*path;
	int	 label[3];	/* mask, gender, age bin */
	int	 group;		/* person */
};

struct work {
	struct photo	*p;
	size_t		 n;
	float		*x;
	atomic_size_t	 next;
	atomic_long	 failed;
};

static int
usage(void)
{
	fprintf(stderr, "usage: audit-floor [--jobs J] LISTFILE\n");
	return 2;
}

/* Labels from a base-layout path; 0, or -1 if the name does not parse. */
static int
parse(const char *path, struct photo *p)
{
	const char	*file = strrchr(path, '/'), *dir;
	char		 gender[16];
	int		 age, n;

	if (file == NULL || file == path)
		return -1;
	for (dir = file - 1; dir > path && dir[-1] != '/'; dir--)
		;
	if (sscanf(dir, "%*[^_]_%15[^_]_%*[^_]_%d/%n", gender, &age, &n) != 2 ||
	    dir + n != file + 1)
		return -1;
	p->label[1] = strcmp(gender, "male") == 0 ? 0 :
	    strcmp(gender, "female") == 0 ? 1 : -1;
	p->label[2] = age < 30 ? 0 : age < 60 ? 1 : 2;
	file++;
	p->label[0] = strncmp(file, "mask", 4) == 0 ? 0 :
	    strncmp(file, "incorrect_mask", 14) == 0 ? 1 :
	    strncmp(file, "normal", 6) == 0 ? 2 : -1;
	return p->label[0] < 0 || p->label[1] < 0 ? -1 : 0;
}

static void *
worker(void *arg)
{
	struct work	*w = arg;
	struct img_rect	 rc;
	unsigned char	*data, *rgb, *face;
	char		 why[IMG_REASON_MAX];
	size_t		 i, len;
	int		 width, height;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->n) {
		if (img_read_file(w->p[i].path, &data, &len, why) != 0 ||
		    img_decode_rgb_min(data, len, MIN_SIDE, &rgb, &width,
		    &height, why) != 0) {
			error("'%s': %s", w->p[i].path, why);
			atomic_fetch_add(&w->failed, 1);
			free(data);
			continue;
		}
		free(data);
		rc = img_crop_rect(width, height, IMG_CROP_FACE, NULL, 0, 1, 1);
		if ((face = img_crop_copy(rgb, width, height, rc)) != NULL) {
			free(rgb);
			rgb = face;
			width = rc.x1 - rc.x0;
			height = rc.y1 - rc.y0;
		}
		audit_features(rgb, width, height,
		    w->x + i * (size_t)AUDIT_FEAT_DIM);
		free(rgb);
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	static const int	 nclass[3] = { 3, 2, 3 };
	static struct work	 w;
	struct audit_train_opts	 opts;
	pthread_t		 tid[MAXJOBS];
	char			 line[4096], *end, prev[4096] = "";
	const char		*slash;
	size_t			 cap = 0, i;
	double			 t0, t1, t2, *prob, acc[3];
	long			 jobs = 2;
	int			 task, t, *y, *group, ngroups = 0, c, best;
	FILE			*fp;

	if (argc == 4 && strcmp(argv[1], "--jobs") == 0) {
		errno = 0;
		jobs = strtol(argv[2], &end, 10);
		if (errno != 0 || *end != '\0' || jobs < 1 || jobs > MAXJOBS)
			return usage();
		argv += 2;
		argc -= 2;
	}
	if (argc != 2)
		return usage();
	if ((fp = fopen(argv[1], "r")) == NULL) {
		error_errno("cannot open '%s'", argv[1]);
		return 1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0')
			continue;
		if (w.n == cap) {
			cap = cap ? cap * 2 : 1024;
			w.p = xrealloc(w.p, cap * sizeof *w.p);
		}
		if (parse(line, &w.p[w.n]) != 0) {
			fclose(fp);
			error("'%s': not a base-layout photo", line);
			return 1;
		}
		/* The list is sorted: a person's photos are together. */
		slash = strrchr(line, '/');
		if (strncmp(prev, line, (size_t)(slash - line)) != 0 ||
		    prev[slash - line] != '/')
			ngroups++;
		snprintf(prev, sizeof prev, "%s", line);
		w.p[w.n].group = ngroups;
		w.p[w.n].path = xstrdup(line);
		w.n++;
	}
	fclose(fp);
	if (w.n < FOLDS * 2) {
		error("'%s': too few photos", argv[1]);
		return 1;
	}

	t0 = bench_now();
	w.x = xmallocarray(w.n * AUDIT_FEAT_DIM, sizeof *w.x);
	atomic_init(&w.next, 0);
	atomic_init(&w.failed, 0);
	for (t = 1; t < jobs; t++)
		if (pthread_create(&tid[t], NULL, worker, &w) != 0)
			die("cannot start a thread");
	worker(&w);
	for (t = 1; t < jobs; t++)
		pthread_join(tid[t], NULL);
	if (atomic_load(&w.failed) > 0)
		return 1;
	t1 = bench_now();

	y = xmallocarray(w.n, sizeof *y);
	group = xmallocarray(w.n, sizeof *group);
	prob = xmallocarray(w.n * 3, sizeof *prob);
	for (task = 0; task < 3; task++) {
		for (i = 0; i < w.n; i++) {
			y[i] = w.p[i].label[task];
			group[i] = w.p[i].group;
		}
		audit_train_opts_init(&opts);
		opts.seed = 0;			/* maskcat audit's default */
		if (w.n > 6000)			/* as audit/tasks.c */
			opts.epochs = 180000 / (int)w.n > 12 ?
			    180000 / (int)w.n : 12;
		if (audit_oof(w.x, y, group, w.n, AUDIT_FEAT_DIM,
		    nclass[task], FOLDS, &opts, (int)jobs, prob, NULL) != 0) {
			error("task %d: cannot train", task);
			return 1;
		}
		acc[task] = 0;
		for (i = 0; i < w.n; i++) {
			best = 0;
			for (c = 1; c < nclass[task]; c++)
				if (prob[i * nclass[task] + c] >
				    prob[i * nclass[task] + best])
					best = c;
			acc[task] += best == y[i];
		}
		acc[task] /= (double)w.n;
	}
	t2 = bench_now();
	printf("%zu photos of %d persons, features %.2f s, training %.2f s,"
	    " out-of-fold accuracy mask %.3f gender %.3f age %.3f\n", w.n,
	    ngroups, t1 - t0, t2 - t1, acc[0], acc[1], acc[2]);
	for (i = 0; i < w.n; i++)
		free(w.p[i].path);
	free(w.p);
	free(w.x);
	free(y);
	free(group);
	free(prob);
	return 0;
}
