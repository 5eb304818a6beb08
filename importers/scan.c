/*
 * importers/scan.c: "maskcat scan": computes the quality measures of
 * catalogued images that lack them (imported before measures existed, or
 * with an older definition), reading each file back from its folder or
 * zip.  Batches of one transaction each, like an import.
 */
#include <stdlib.h>
#include <string.h>

#include "importer.h"
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

/* Reads and measures one image; 1 measured, 0 failed (reported). */
static int
scan_one(struct tree *t, const struct scan_item *it, struct db_measures *dm)
{
	struct img_measures	 m;
	struct img_info		 info;
	char			*tp = xasprintf("%s%s", it->prefix, it->path);
	char			*data = NULL, why[IMG_REASON_MAX];
	size_t			 len;
	int			 ok = 0;

	if (tree_read(t, tp, limit_size(LIMIT_FILE_BYTES), &data, &len,
	    why) != 0)
		error("'%s%s%s': cannot read: %s", it->root,
		    strcmp(it->container, "zip") == 0 ? ":" : "/", tp, why);
	else if (img_probe_measure((unsigned char *)data, len, &info, &m,
	    why) != 0)
		error("'%s%s%s': %s", it->root,
		    strcmp(it->container, "zip") == 0 ? ":" : "/", tp, why);
	else {
		measures_to_db(&m, dm);
		ok = 1;
	}
	free(data);
	free(tp);
	return ok;
}

int
import_scan(sqlite3 *db, const char *source, long *scanned, long *failed)
{
	struct scan_list	 l = { NULL, 0, 0 };
	struct db_measures	 dm;
	struct tree		*t = NULL;
	struct progress		 bar;
	const char		*open_root = NULL;
	size_t			 i;
	int			 ret = -1, in_tx = 0;

	*scanned = *failed = 0;
	memset(&bar, 0, sizeof bar);	/* not started: done does nothing */
	if (db_each_unmeasured(db, source, IMG_MEASURE_VERSION, scan_collect,
	    &l) != 0)
		goto out;
	if (l.n > 0)
		progress_start(&bar, "scan", (long)l.n);
	for (i = 0; i < l.n; i++) {
		/* Rows come ordered by source: one tree open at a time. */
		if (open_root == NULL || strcmp(open_root, l.v[i].root) != 0) {
			tree_close(t);
			t = NULL;
			open_root = l.v[i].root;
			if (tree_open(l.v[i].root, &t, NULL, NULL) != 0) {
				/* Reported; skip this source's images. */
				while (i + 1 < l.n &&
				    strcmp(l.v[i + 1].root, open_root) == 0) {
					i++;
					(*failed)++;
					progress_add(&bar, 1);
				}
				(*failed)++;
				progress_add(&bar, 1);
				continue;
			}
		}
		if (!in_tx) {
			if (db_begin(db) != 0)
				goto out;
			in_tx = 1;
		}
		if (!scan_one(t, &l.v[i], &dm))
			(*failed)++;
		else if (db_put_measures(db, l.v[i].image_id, &dm) != 0)
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
	progress_done(&bar);
	if (in_tx)
		db_rollback(db);
	tree_close(t);
	for (i = 0; i < l.n; i++) {
		free(l.v[i].root);
		free(l.v[i].prefix);
		free(l.v[i].path);
		free(l.v[i].container);
	}
	free(l.v);
	return ret;
}
