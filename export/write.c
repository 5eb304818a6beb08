/*
 * export/write.c: writing an export's files with a few threads.  Each
 * thread takes items from a shared counter and keeps its own open source
 * trees (a zip reader is not shared between threads) and its own resize
 * scratch and output buffer, reused from item to item; an item is read,
 * checked against the hash the catalog recorded, then copied as is when
 * nothing would change it, or decoded, oriented, cut, resized,
 * augmented and encoded.  Threads report nothing: failures are kept in
 * the items and reported once, in order, by the caller's thread.  A
 * source that cannot be read fails its item and the rest go on (so every
 * such source is named); a file that cannot be written (a full disk)
 * stops every thread, since the export is lost anyway.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/fs.h"
#include "../lib/limits.h"
#include "../lib/progress.h"
#include "../tree/tree.h"

#define MAX_REPORTED	20	/* failures listed before "and N more" */

struct wctx {
	struct xplan	*p;
	const char	*dir;
	atomic_size_t	 next;
	atomic_int	 stop;		/* a write failed: take no more items */
	struct progress	 bar;		/* items written (or failed) */
};

/*
 * One thread's work: the shared context, its own source trees, and
 * scratch kept from item to item so that resizing allocates nothing.
 */
struct wthread {
	struct wctx		*w;
	struct tree		**trees;	/* one per source */
	struct img_resizer	*rz;
	unsigned char		*out;		/* the resized pixels */
	size_t			 outcap;	/* bytes allocated in out */
	pthread_t		 th;
};

/* Fails an item with a reason (printf-style). */
static int
fail(struct xitem *it, const char *why)
{
	it->failed = 1;
	snprintf(it->why, sizeof it->why, "%s", why);
	return -1;
}

/* True when the original bytes are exactly what the item asks for. */
static int
as_is(const struct export_opts *o, const struct xsample *s,
    const struct xitem *it)
{
	return it->copy == 0 && o->width == 0 && o->crop == IMG_CROP_NONE &&
	    s->box_idx < 0 && s->orientation == 1 && s->fmt == o->format;
}

/* Clips r to w x h; returns 0 if it is then empty. */
static int
clip_region(struct img_rect *r, int w, int h)
{
	if (r->x0 < 0)
		r->x0 = 0;
	if (r->y0 < 0)
		r->y0 = 0;
	if (r->x1 > w)
		r->x1 = w;
	if (r->y1 > h)
		r->y1 = h;
	return r->x1 > r->x0 && r->y1 > r->y0;
}

/*
 * The pixels of an item: decoded, a face box cut in stored coordinates
 * (as annotation tools read them) then oriented; a whole image oriented
 * then cut by the crop mode.  Returns a malloc()ed buffer (*w x *h) and
 * in *r the region of it the output is made from (a cut is not copied
 * out unless the orientation needs it), or NULL after fail().
 */
static unsigned char *
item_pixels(const struct export_opts *o, const struct xsample *s,
    struct xitem *it, const unsigned char *data, size_t len, int *w, int *h,
    struct img_rect *r)
{
	unsigned char	*rgb = NULL, *t;
	char		 why[IMG_REASON_MAX];
	int		 ow, oh, min_side = 0;

	/*
	 * A whole image shrunk to a fixed size may be decoded at a DCT
	 * scale, as long as the region it keeps still has at least the
	 * output's pixels: any short side >= the output's long side does
	 * for none and center; face-region keeps 0.6 of the height.
	 */
	if (s->box_idx < 0 && o->width > 0) {
		min_side = o->width > o->height ? o->width : o->height;
		if (o->crop == IMG_CROP_FACE)
			min_side = (min_side * 5 + 2) / 3;
	}
	if (img_decode_rgb_min(data, len, min_side, &rgb, w, h, why) != 0) {
		fail(it, why);
		return NULL;
	}
	*r = (struct img_rect){ 0, 0, *w, *h };
	if (s->box_idx >= 0) {
		*r = img_crop_rect(*w, *h, IMG_CROP_BOX, &s->box, o->margin,
		    o->width, o->height);
		if (!clip_region(r, *w, *h)) {
			free(rgb);
			fail(it, "the face box is outside the image");
			return NULL;
		}
		if (s->orientation == 1)
			return rgb;
		t = img_crop_copy(rgb, *w, *h, *r);
		free(rgb);
		rgb = t;
		*w = r->x1 - r->x0;
		*h = r->y1 - r->y0;
		*r = (struct img_rect){ 0, 0, *w, *h };
	}
	if (s->orientation != 1) {
		t = img_orient_rgb(rgb, *w, *h, s->orientation, &ow, &oh);
		free(rgb);
		rgb = t;
		*w = ow;
		*h = oh;
		*r = (struct img_rect){ 0, 0, *w, *h };
	}
	if (s->box_idx < 0 && o->crop != IMG_CROP_NONE) {
		*r = img_crop_rect(*w, *h, o->crop == IMG_CROP_BOX ?
		    IMG_CROP_CENTER : o->crop, NULL, o->margin, o->width,
		    o->height);
		if (!clip_region(r, *w, *h)) {
			free(rgb);
			fail(it, "the crop region is empty");
			return NULL;
		}
	}
	return rgb;
}

/*
 * Writes one item from the source bytes, with t's scratch; 0, or -1
 * after fail(), -2 when the output file could not be written.  The
 * region of the decoded pixels is resized (or, when only cut, copied)
 * straight into t->out.
 */
static int
write_item(struct wthread *t, const struct xsample *s, struct xitem *it,
    const unsigned char *data, size_t len)
{
	const struct export_opts	*o = t->w->p->o;
	unsigned char			*rgb = NULL, *pix, *enc = NULL;
	struct img_rect			 r;
	size_t				 elen, need;
	char				*path, why[IMG_REASON_MAX];
	char				 msg[IMG_REASON_MAX];
	int				 w, h, rw, rh, dw, dh, rc;

	if (as_is(o, s, it)) {
		enc = (unsigned char *)data;
		elen = len;
		it->ow = s->width;
		it->oh = s->height;
	} else {
		rgb = item_pixels(o, s, it, data, len, &w, &h, &r);
		if (rgb == NULL)
			return -1;
		rw = r.x1 - r.x0;
		rh = r.y1 - r.y0;
		dw = o->width > 0 ? o->width : rw;
		dh = o->height > 0 ? o->height : rh;
		pix = rgb;
		if (dw != w || dh != h || rw != w || rh != h) {
			need = (size_t)dw * dh * 3;
			if (need > t->outcap) {
				free(t->out);
				t->out = xmallocarray((size_t)dw * 3,
				    (size_t)dh);
				t->outcap = need;
			}
			pix = t->out;
			img_resizer_run(t->rz, rgb + ((size_t)r.y0 * w +
			    (size_t)r.x0) * 3, rw, rh, (size_t)w * 3, pix,
			    dw, dh);
		}
		if (it->copy > 0)
			img_augment(pix, dw, dh, it->flip,
			    (int)((long)it->dx * dw / 1000),
			    (int)((long)it->dy * dh / 1000), it->gain);
		rc = img_encode_mem(o->format, pix, dw, dh, o->quality, &enc,
		    &elen, why);
		free(rgb);
		if (rc != 0)
			return fail(it, why);
		it->ow = dw;
		it->oh = dh;
	}
	path = path_join(t->w->dir, it->rel);
	rc = fs_write_new(path, enc, elen, why);
	free(path);
	if (rc != 0) {
		/* Named where it was to be: the staging folder goes. */
		path = path_join(o->out, it->rel);
		snprintf(msg, sizeof msg, "cannot write '%.150s': %.80s", path,
		    why);
		free(path);
		if (enc != data)
			free(enc);
		fail(it, msg);
		return -2;
	}
	snprintf(it->hash, sizeof it->hash, "%016llx",
	    (unsigned long long)img_hash(enc, elen));
	it->bytes = (int64_t)elen;
	if (enc != data)
		free(enc);
	return 0;
}

/* Reads an item's source through the thread's trees and writes it. */
static void
do_item(struct wthread *t, struct xitem *it)
{
	const struct xsample	*s = &t->w->p->s[it->sample];
	const struct xsource	*src = &t->w->p->src[s->src];
	char			*data = NULL, *tp, why[256], hex[17];
	size_t			 len;

	tp = xasprintf("%s%s", src->prefix, s->path);
	if (tree_read(t->trees[s->src], tp, limit_size(LIMIT_FILE_BYTES),
	    &data, &len, why) != 0)
		fail(it, why);
	else {
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)
		    img_hash(data, len));
		if (strcmp(hex, s->hash) != 0)
			fail(it, "the file changed since it was imported (run"
			    " maskcat import again)");
		else if (write_item(t, s, it, (unsigned char *)data,
		    len) == -2)
			atomic_store(&t->w->stop, 1);
	}
	free(tp);
	free(data);
}

static void *
worker(void *arg)
{
	struct wthread	*t = arg;
	size_t		 i;

	while (!atomic_load(&t->w->stop) &&
	    (i = atomic_fetch_add(&t->w->next, 1)) < t->w->p->nit) {
		do_item(t, &t->w->p->it[i]);
		progress_add(&t->w->bar, 1);
	}
	return NULL;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Creates every folder the items go into.  0, or -1 after reporting. */
static int
make_folders(const struct xplan *p, const char *dir)
{
	char	**d = xmallocarray(p->nit + 1, sizeof *d), *slash, *full;
	size_t	 i, n = 0;
	int	 rc = 0;

	for (i = 0; i < p->nit; i++) {
		slash = strrchr(p->it[i].rel, '/');
		d[n++] = xstrndup(p->it[i].rel, slash != NULL ?
		    (size_t)(slash - p->it[i].rel) : 0);
	}
	qsort(d, n, sizeof *d, cmp_str);
	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0 && strcmp(d[i], d[i - 1]) == 0)
			continue;
		full = path_join(dir, d[i]);
		rc = fs_mkdir_p(full);
		free(full);
	}
	for (i = 0; i < n; i++)
		free(d[i]);
	free(d);
	return rc;
}

/*
 * Gives every thread its scratch and opens every source once per thread,
 * in this thread, so that opening errors are reported once.  0, or -1
 * after reporting; threads_close() then frees what was made.
 */
static int
threads_open(const struct xplan *p, struct wthread *t, int n)
{
	size_t	i;
	int	j;

	for (j = 0; j < n; j++) {
		t[j].rz = img_resizer_new();
		t[j].trees = xcalloc(p->nsrc + 1, sizeof *t[j].trees);
		for (i = 0; i < p->nsrc; i++)
			if (tree_open(p->src[i].root, &t[j].trees[i], NULL,
			    NULL) != 0)
				return -1;
	}
	return 0;
}

static void
threads_close(const struct xplan *p, struct wthread *t, int n)
{
	size_t	i;
	int	j;

	for (j = 0; j < n; j++) {
		img_resizer_free(t[j].rz);
		free(t[j].out);
		if (t[j].trees == NULL)
			continue;
		for (i = 0; i < p->nsrc; i++)
			tree_close(t[j].trees[i]);
		free(t[j].trees);
	}
}

/* Reports the failed items, at most MAX_REPORTED; returns their number. */
static long
report_failures(const struct xplan *p)
{
	const struct xsample	*s;
	const struct xsource	*src;
	long			 failed = 0;
	size_t			 i;

	for (i = 0; i < p->nit; i++) {
		if (!p->it[i].failed)
			continue;
		s = &p->s[p->it[i].sample];
		src = &p->src[s->src];
		if (failed++ < MAX_REPORTED)
			error("cannot export '%s%s%s%s': %s", src->root,
			    strcmp(src->container, "zip") == 0 ? ":" : "/",
			    src->prefix, s->path, p->it[i].why);
	}
	if (failed > MAX_REPORTED)
		error("... and %ld more files could not be exported",
		    failed - MAX_REPORTED);
	return failed;
}

/* See export-int.h. */
int
xplan_write(struct xplan *p, const char *dir)
{
	struct wctx	 w;
	struct wthread	*t;
	int		 n = p->o->jobs > 0 ? p->o->jobs : 1, started, rc = -1;

	if (make_folders(p, dir) != 0)
		return -1;
	w.p = p;
	w.dir = dir;
	atomic_init(&w.next, 0);
	atomic_init(&w.stop, 0);
	t = xcalloc((size_t)n, sizeof *t);
	if (threads_open(p, t, n) != 0)
		goto out;
	memset(&w.bar, 0, sizeof w.bar);	/* nothing to do: no bar */
	if (p->nit > 0)
		progress_start(&w.bar, "export", (long)p->nit);
	for (started = 1; started < n; started++) {
		t[started].w = &w;
		if (pthread_create(&t[started].th, NULL, worker,
		    &t[started]) != 0)
			break;
	}
	t[0].w = &w;
	worker(&t[0]);		/* this thread works too */
	while (started > 1)
		pthread_join(t[--started].th, NULL);
	progress_done(&w.bar);
	rc = report_failures(p) > 0 ? -1 : 0;
out:
	threads_close(p, t, n);
	free(t);
	return rc;
}
