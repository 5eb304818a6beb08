/*
 * audit/featcache.c: every sample's feature vector, from the catalog's
 * cache when the image's hash and the definition's version still match,
 * otherwise computed by a few threads from a reduced decode (a face box
 * cut with a margin; a base-layout photo cut to its face region; any
 * other image whole) and stored for the next run.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit-int.h"
#include "features.h"
#include "../lib/err.h"
#include "../lib/limits.h"
#include "../lib/progress.h"
#include "../tree/tree.h"

#define FEAT_MIN_SIDE	64	/* the features look at 64x64 */
#define BATCH		512	/* vectors stored per transaction */
#define MAX_REPORTED	20

struct fjob {
	struct arun	*r;
	size_t		*todo;		/* sample indices to compute */
	size_t		 ntodo;
	char		(*why)[IMG_REASON_MAX];	/* per todo entry, "" ok */
	atomic_size_t	 next;
	struct progress	 bar;		/* features computed (or failed) */
};

struct fthread {
	struct fjob	*j;
	struct tree	**trees;
	pthread_t	 th;
};

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Cuts the region the features look at; returns rgb or a new buffer. */
static unsigned char *
region(const struct arun *r, const struct asample *s, unsigned char *rgb,
    int *w, int *h)
{
	struct img_rect	 rc;
	unsigned char	*t;
	int		 ow, oh;

	if (s->box_idx >= 0) {
		rc = img_crop_rect(*w, *h, IMG_CROP_BOX, &s->box, 0.2, 1, 1);
		if ((t = img_crop_copy(rgb, *w, *h, rc)) == NULL)
			return rgb;
		free(rgb);
		rgb = t;
		*w = rc.x1 - rc.x0;
		*h = rc.y1 - rc.y0;
	}
	if (s->orientation != 1) {
		t = img_orient_rgb(rgb, *w, *h, s->orientation, &ow, &oh);
		free(rgb);
		rgb = t;
		*w = ow;
		*h = oh;
	}
	if (s->box_idx < 0 && strcmp(r->src[s->src].kind, "base") == 0) {
		rc = img_crop_rect(*w, *h, IMG_CROP_FACE, NULL, 0, 1, 1);
		if ((t = img_crop_copy(rgb, *w, *h, rc)) != NULL) {
			free(rgb);
			rgb = t;
			*w = rc.x1 - rc.x0;
			*h = rc.y1 - rc.y0;
		}
	}
	return rgb;
}

/* Computes one sample's features into r->x; "" or a reason in why. */
static void
compute(struct fthread *t, size_t k)
{
	struct arun		*r = t->j->r;
	struct asample		*s = &r->s[t->j->todo[k]];
	const struct asource	*src = &r->src[s->src];
	char			*data = NULL, *tp, *why = t->j->why[k];
	unsigned char		*rgb;
	size_t			 len;
	int			 w, h, min_side;

	tp = xasprintf("%s%s", src->prefix, s->path);
	if (tree_read(t->trees[s->src], tp, limit_size(LIMIT_FILE_BYTES),
	    &data, &len, why) != 0) {
		free(tp);
		return;
	}
	free(tp);
	/* Box coordinates are in full-size pixels: no reduced decode. */
	min_side = s->box_idx >= 0 ? 0 : strcmp(src->kind, "base") == 0 ?
	    (FEAT_MIN_SIDE * 5 + 2) / 3 : FEAT_MIN_SIDE;
	if (img_decode_rgb_min((unsigned char *)data, len, min_side, &rgb, &w,
	    &h, why) == 0) {
		rgb = region(r, s, rgb, &w, &h);
		audit_features(rgb, w, h, r->x + t->j->todo[k] *
		    (size_t)AUDIT_FEAT_DIM);
		s->has_x = 1;
		free(rgb);
	}
	free(data);
}

static void *
worker(void *arg)
{
	struct fthread	*t = arg;
	size_t		 k;

	while ((k = atomic_fetch_add(&t->j->next, 1)) < t->j->ntodo) {
		compute(t, k);
		progress_add(&t->j->bar, 1);
	}
	return NULL;
}

/* Sample indices ordered by (image, box), to match cached rows. */
static const struct arun *cmp_r;

static int
cmp_key(const void *a, const void *b)
{
	const struct asample *x = &cmp_r->s[*(const size_t *)a];
	const struct asample *y = &cmp_r->s[*(const size_t *)b];

	if (x->image_id != y->image_id)
		return x->image_id < y->image_id ? -1 : 1;
	return (x->box_id > y->box_id) - (x->box_id < y->box_id);
}

struct cache_ctx {
	struct arun	*r;
	size_t		*order;
	size_t		 pos;
};

static int
take_cached(const struct db_feature *f, void *arg)
{
	struct cache_ctx	*c = arg;
	struct asample		*s;

	/* Both are ordered by (image, box): walk them together. */
	while (c->pos < c->r->n) {
		s = &c->r->s[c->order[c->pos]];
		if (s->image_id > f->image_id || (s->image_id == f->image_id &&
		    s->box_id >= f->box_id))
			break;
		c->pos++;
	}
	if (c->pos == c->r->n)
		return 0;
	s = &c->r->s[c->order[c->pos]];
	if (s->image_id != f->image_id || s->box_id != f->box_id ||
	    f->hash == NULL || strcmp(f->hash, s->hash) != 0)
		return 0;
	db_half_decode(f->vec, f->dim, c->r->x + c->order[c->pos] *
	    (size_t)AUDIT_FEAT_DIM);
	s->has_x = 1;
	c->r->features_cached++;
	return 0;
}

/* Runs the threads over j->todo. 0, or -1 after reporting. */
static int
run_threads(struct arun *r, struct fjob *j)
{
	struct fthread	*t;
	size_t		 i;
	int		 n = r->o->jobs > 0 ? r->o->jobs : 1, k, started, rc = 0;

	t = xcalloc((size_t)n, sizeof *t);
	for (k = 0; k < n && rc == 0; k++) {
		t[k].j = j;
		t[k].trees = xcalloc(r->nsrc + 1, sizeof *t[k].trees);
		for (i = 0; i < r->nsrc && rc == 0; i++)
			rc = tree_open(r->src[i].root, &t[k].trees[i], NULL,
			    NULL);
	}
	if (rc == 0) {
		progress_start(&j->bar, "audit features", (long)j->ntodo);
		for (started = 1; started < n; started++)
			if (pthread_create(&t[started].th, NULL, worker,
			    &t[started]) != 0)
				break;
		worker(&t[0]);
		while (started > 1)
			pthread_join(t[--started].th, NULL);
		progress_done(&j->bar);
	}
	for (k = 0; k < n; k++) {
		if (t[k].trees == NULL)
			continue;
		for (i = 0; i < r->nsrc; i++)
			tree_close(t[k].trees[i]);
		free(t[k].trees);
	}
	free(t);
	return rc;
}

/* Stores the computed vectors, BATCH per transaction.  0 or -1. */
static int
store(sqlite3 *db, struct arun *r, const struct fjob *j)
{
	const struct asample	*s;
	size_t			 k, in_tx = 0;

	for (k = 0; k < j->ntodo; k++) {
		s = &r->s[j->todo[k]];
		if (!s->has_x)
			continue;
		if (in_tx == 0 && db_begin(db) != 0)
			return -1;
		if (db_put_features(db, s->image_id, s->box_id, s->hash,
		    AUDIT_FEAT_VERSION, r->x + j->todo[k] *
		    (size_t)AUDIT_FEAT_DIM, AUDIT_FEAT_DIM) != 0) {
			db_rollback(db);
			return -1;
		}
		if (++in_tx == BATCH) {
			if (db_commit(db) != 0)
				return -1;
			in_tx = 0;
		}
	}
	return in_tx > 0 ? db_commit(db) : 0;
}

/* See audit-int.h. */
int
audit_features_fill(sqlite3 *db, struct arun *r)
{
	struct cache_ctx	 c;
	struct fjob		 j;
	const struct asample	*s;
	double			 t0 = now_s();
	size_t			 i, k;
	int			 rc = -1;

	r->x = xcalloc(r->n * (size_t)AUDIT_FEAT_DIM + 1, sizeof *r->x);
	c.r = r;
	c.pos = 0;
	c.order = xmallocarray(r->n + 1, sizeof *c.order);
	for (i = 0; i < r->n; i++)
		c.order[i] = i;
	cmp_r = r;
	qsort(c.order, r->n, sizeof *c.order, cmp_key);
	memset(&j, 0, sizeof j);
	if (db_each_feature(db, AUDIT_FEAT_VERSION, AUDIT_FEAT_DIM,
	    take_cached, &c) != 0)
		goto out;
	j.r = r;
	j.todo = xmallocarray(r->n + 1, sizeof *j.todo);
	for (i = 0; i < r->n; i++)
		if (!r->s[c.order[i]].has_x)
			j.todo[j.ntodo++] = c.order[i];
	j.why = xcalloc(j.ntodo + 1, sizeof *j.why);
	atomic_init(&j.next, 0);
	if (j.ntodo > 0 && run_threads(r, &j) != 0)
		goto out;
	for (k = 0; k < j.ntodo; k++) {
		s = &r->s[j.todo[k]];
		if (s->has_x) {
			r->features_computed++;
			continue;
		}
		if (r->features_failed++ < MAX_REPORTED)
			error("'%s%s%s%s': cannot compute features: %s",
			    r->src[s->src].root, strcmp(r->src[s->src].container,
			    "zip") == 0 ? ":" : "/", r->src[s->src].prefix,
			    s->path, j.why[k]);
	}
	if (store(db, r, &j) != 0)
		goto out;
	rc = 0;
out:
	r->seconds_features = now_s() - t0;
	free(c.order);
	free(j.todo);
	free(j.why);
	return rc;
}
