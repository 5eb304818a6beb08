/*
 * importers/scan.c: "maskcat scan": computes the quality measures of
 * catalogued images that lack them (imported before measures existed, or
 * with an older definition), reading each file back from its folder or
 * zip on a few threads (pipe.h) while this thread writes.  Batches of one
 * transaction each, like an import.
 */
#include <stdlib.h>
#include <string.h>

#include "importer.h"
#include "pipe.h"
#include "../db/db.h"
#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/limits.h"
#include "../lib/progress.h"

#define SCAN_BATCH	256

void
measures_to_db(const struct img_measures *m, struct db_measures *d)
{
	d->version = IMG_MEASURE_VERSION;
	d->phash = m->phash;
	d->dhash = m->dhash;
	d->phash_mirror = m->phash_mirror;
	d->dhash_mirror = m->dhash_mirror;
	d->thumb_hash = m->thumb_hash;
	d->bright_p1 = m->bright_p1;
	d->bright_p99 = m->bright_p99;
	d->bright_mean = m->bright_mean;
	d->sharpness = m->sharpness;
	d->entropy = m->entropy;
	d->colour = m->colour;
	d->orientation = m->orientation;
	d->thumb_w = m->thumb_w;
	d->thumb_h = m->thumb_h;
}

/* One image to scan, copied out of the query. */
struct scan_item {
	int64_t	 image_id;
	char	*root, *prefix, *path, *container;
};

struct scan_list {
	struct scan_item	*v;
	size_t			 n, cap;
};

static int
scan_collect(const struct db_unmeasured *u, void *arg)
{
	struct scan_list	*l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n].image_id = u->image_id;
	l->v[l->n].root = xstrdup(u->root);
	l->v[l->n].prefix = xstrdup(u->prefix);
	l->v[l->n].path = xstrdup(u->path);
	l->v[l->n].container = xstrdup(u->container);
	l->n++;
	return 0;
}

/* One image in flight, in a ring of pipe_window() slots. */
struct scan_slot {
	int			 skip;		/* its source cannot be opened */
	int			 failed;	/* 1: cannot read, 2: probe */
	char			 why[IMG_REASON_MAX];
	struct db_measures	 dm;
};

struct scan {
	struct scan_list	*l;
	struct pipe		 pipe;
	struct scan_slot	*slots;
	size_t			 nslots;
	struct tree		**trees;	/* one per job, this source's */
	int			 ntrees;
};

/*
 * Reads and measures image i into its slot, through the worker's tree.
 * Runs in a worker thread: reports nothing, keeps the reason instead.
 */
static void
scan_work(void *arg, int thread, size_t i)
{
	struct scan		*sc = arg;
	const struct scan_item	*it = &sc->l->v[i];
	struct scan_slot	*s = &sc->slots[i % sc->nslots];
	struct img_measures	 m;
	struct img_info		 info;
	char			*tp, *data = NULL;
	size_t			 len;

	if (s->skip)
		return;
	tp = xasprintf("%s%s", it->prefix, it->path);
	s->failed = 0;
	if (tree_read(sc->trees[thread], tp, limit_size(LIMIT_FILE_BYTES),
	    &data, &len, s->why) != 0)
		s->failed = 1;
	else if (img_probe_measure((unsigned char *)data, len, &info, &m,
	    s->why) != 0)
		s->failed = 2;
	else
		measures_to_db(&m, &s->dm);
	free(data);
	free(tp);
}

/* Reports why image i could not be measured. */
static void
scan_report(const struct scan_item *it, const struct scan_slot *s)
{
	error("'%s%s%s%s': %s%s", it->root, strcmp(it->container, "zip") ==
	    0 ? ":" : "/", it->prefix, it->path, s->failed == 1 ?
	    "cannot read: " : "", s->why);
}

static void
scan_close_trees(struct scan *sc)
{
	int	j;

	for (j = 0; j < sc->ntrees; j++) {
		tree_close(sc->trees[j]);
		sc->trees[j] = NULL;
	}
}

/*
 * Opens 'root' once per job, in the writer's thread, while no worker
 * holds a tree.  0, or -1 after reporting (once: the first open fails
 * first).
 */
static int
scan_open_trees(struct scan *sc, const char *root)
{
	int	j;

	scan_close_trees(sc);
	for (j = 0; j < sc->ntrees; j++)
		if (tree_open(root, &sc->trees[j], NULL, NULL) != 0)
			return -1;
	return 0;
}

int
import_scan(sqlite3 *db, const char *source, int jobs, long *scanned,
    long *failed)
{
	struct scan_list	 l = { NULL, 0, 0 };
	struct scan		 sc;
	struct scan_slot	*s;
	struct progress		 bar;
	const char		*open_root = NULL;
	size_t			 i, rel = 0;
	int			 ret = -1, in_tx = 0, skip = 0;

	*scanned = *failed = 0;
	memset(&bar, 0, sizeof bar);	/* not started: done does nothing */
	memset(&sc, 0, sizeof sc);
	sc.l = &l;
	if (db_each_unmeasured(db, source, IMG_MEASURE_VERSION, scan_collect,
	    &l) != 0)
		goto out;
	if (l.n > 0)
		progress_start(&bar, "scan", (long)l.n);
	sc.ntrees = jobs < 1 ? 1 : jobs > PIPE_MAX_JOBS ? PIPE_MAX_JOBS : jobs;
	sc.trees = xcalloc((size_t)sc.ntrees, sizeof *sc.trees);
	pipe_start(&sc.pipe, sc.ntrees, scan_work, &sc);
	sc.nslots = pipe_window(&sc.pipe);
	sc.slots = xcalloc(sc.nslots, sizeof *sc.slots);
	for (i = 0; i < l.n; i++) {
		/*
		 * Rows come ordered by source: one source in flight at a
		 * time, so its trees change only when no worker holds one.
		 */
		if (open_root == NULL || strcmp(open_root, l.v[i].root) != 0) {
			open_root = l.v[i].root;
			skip = scan_open_trees(&sc, open_root) != 0;
		}
		/* Release ahead, up to the end of this source. */
		while (rel < l.n && rel < i + sc.nslots &&
		    strcmp(l.v[rel].root, open_root) == 0) {
			sc.slots[rel % sc.nslots].skip = skip;
			pipe_release(&sc.pipe, rel, !skip);
			rel++;
		}
		pipe_wait(&sc.pipe, i);
		s = &sc.slots[i % sc.nslots];
		if (s->skip) {
			/* Reported when its source failed to open. */
			(*failed)++;
			progress_add(&bar, 1);
			continue;
		}
		if (!in_tx) {
			if (db_begin(db) != 0)
				goto out;
			in_tx = 1;
		}
		if (s->failed) {
			scan_report(&l.v[i], s);
			(*failed)++;
		} else if (db_put_measures(db, l.v[i].image_id, &s->dm) != 0)
			goto out;
		else
			(*scanned)++;
		progress_add(&bar, 1);
		if ((*scanned + *failed) % SCAN_BATCH == 0) {
			if (db_commit(db) != 0)
				goto out;
			in_tx = 0;
		}
	}
	if (in_tx && db_commit(db) != 0)
		goto out;
	in_tx = 0;
	ret = 0;
out:
	pipe_stop(&sc.pipe);
	progress_done(&bar);
	if (in_tx)
		db_rollback(db);
	if (sc.trees != NULL)
		scan_close_trees(&sc);
	free(sc.trees);
	free(sc.slots);
	for (i = 0; i < l.n; i++) {
		free(l.v[i].root);
		free(l.v[i].prefix);
		free(l.v[i].path);
		free(l.v[i].container);
	}
	free(l.v);
	return ret;
}
