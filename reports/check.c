/*
 * reports/check.c: "maskcat check".  The integrity pragmas first, then
 * source by source: every catalogued image is read back through tree.h
 * on a few threads (importers/pipe.h) and compared with its catalogued
 * size and XXH3, then the source is walked for image files the catalog
 * does not know.  Findings are kept in catalog order and rendered last.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "../db/check.h"
#include "../image/image.h"
#include "../importers/pipe.h"
#include "../lib/err.h"
#include "../lib/limits.h"
#include "../lib/progress.h"
#include "../tree/tree.h"

/* One finding; source and path NULL for catalog-wide problems. */
struct finding {
	const char	*status;	/* static */
	char		*source, *path, *detail;
};

/* One catalogued image, copied out of the query. */
struct check_item {
	char		*source, *path;
	char		 hash[17];
	int64_t		 bytes;
};

/* One source, with its quarantine paths. */
struct check_source {
	char		*name, *root, *container, *prefix;
	char		**quar;
	size_t		 nquar, capquar;
};

struct check {
	const struct check_opts	*o;
	struct finding		*f;
	size_t			 nf, capf;
	struct check_item	*items;
	size_t			 nitems, capitems;
	struct check_source	*src;
	size_t			 nsrc, capsrc;
	long			 unchanged, changed, missing, added;
	long			 quarantined, problems;
	struct progress		 bar;
};

/* What a worker found for one image, in a ring of pipe_window() slots. */
enum { SLOT_SAME, SLOT_SIZE, SLOT_HASH, SLOT_GONE };
struct check_slot {
	int		 state;
	int64_t		 bytes;
	char		 hash[17];
	char		 why[256];
};

/* The pipeline of one source. */
struct check_run {
	const struct check_source	*s;
	const struct check_item		*items;	/* this source's */
	struct check_slot		*slots;
	size_t				 nslots;
	struct tree			**trees;	/* one per job */
};

static void
check_add(struct check *c, const char *status, const char *source,
    const char *path, char *detail)
{
	struct finding	*f;

	if (c->nf == c->capf) {
		c->capf = c->capf ? c->capf * 2 : 64;
		c->f = xrealloc(c->f, c->capf * sizeof *c->f);
	}
	f = &c->f[c->nf++];
	f->status = status;
	f->source = source ? xstrdup(source) : NULL;
	f->path = path ? xstrdup(path) : NULL;
	f->detail = detail;			/* taken over; may be NULL */
}

static int
check_integrity_cb(const char *what, const char *detail, void *arg)
{
	check_add(arg, what, NULL, NULL, xstrdup(detail));
	return 0;
}

static int
check_collect_image(const struct db_check_image *im, void *arg)
{
	struct check		*c = arg;
	struct check_item	*it;

	if (c->nitems == c->capitems) {
		c->capitems = c->capitems ? c->capitems * 2 : 256;
		c->items = xrealloc(c->items, c->capitems * sizeof *c->items);
	}
	it = &c->items[c->nitems++];
	it->source = xstrdup(im->source);
	it->path = xstrdup(im->path);
	snprintf(it->hash, sizeof it->hash, "%s", im->hash ? im->hash : "");
	it->bytes = im->bytes;
	return 0;
}

static int
check_collect_source(const struct db_source_row *r, void *arg)
{
	struct check		*c = arg;
	struct check_source	*s;

	if (c->nsrc == c->capsrc) {
		c->capsrc = c->capsrc ? c->capsrc * 2 : 8;
		c->src = xrealloc(c->src, c->capsrc * sizeof *c->src);
	}
	s = &c->src[c->nsrc++];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(r->name);
	s->root = xstrdup(r->root);
	s->container = xstrdup(r->container ? r->container : "folder");
	s->prefix = xstrdup(r->prefix ? r->prefix : "");
	return 0;
}

static struct check_source *
check_find_source(struct check *c, const char *name)
{
	size_t	i;

	for (i = 0; i < c->nsrc; i++)
		if (strcmp(c->src[i].name, name) == 0)
			return &c->src[i];
	return NULL;
}

static int
check_collect_quarantine(const char *source, const char *path,
    const char *reason, void *arg)
{
	struct check		*c = arg;
	struct check_source	*s = check_find_source(c, source);

	(void)reason;
	c->quarantined++;
	if (s == NULL)
		return 0;
	if (s->nquar == s->capquar) {
		s->capquar = s->capquar ? s->capquar * 2 : 16;
		s->quar = xrealloc(s->quar, s->capquar * sizeof *s->quar);
	}
	s->quar[s->nquar++] = xstrdup(path);
	return 0;
}

/*
 * Compares image i of the run with its file, through this worker's tree.
 * Runs in a worker thread: prints nothing, keeps the result in its slot.
 */
static void
check_work(void *arg, int thread, size_t i)
{
	struct check_run	*r = arg;
	const struct check_item	*it = &r->items[i];
	struct check_slot	*sl = &r->slots[i % r->nslots];
	struct tree_entry	 st;
	char			*tp, *data = NULL;
	size_t			 len;

	sl->state = SLOT_SAME;
	sl->why[0] = '\0';
	tp = xasprintf("%s%s", r->s->prefix, it->path);
	if (tree_stat(r->trees[thread], tp, &st, sl->why) != 0)
		sl->state = SLOT_GONE;
	else if (st.size != it->bytes) {
		sl->state = SLOT_SIZE;
		sl->bytes = st.size;
	} else if (tree_read(r->trees[thread], tp,
	    limit_size(LIMIT_FILE_BYTES), &data, &len, sl->why) != 0)
		sl->state = SLOT_GONE;
	else {
		snprintf(sl->hash, sizeof sl->hash, "%016" PRIx64,
		    img_hash(data, len));
		if (strcmp(sl->hash, it->hash) != 0)
			sl->state = SLOT_HASH;
	}
	free(data);
	free(tp);
}

/* Turns a worker's result into a count and maybe a finding. */
static void
check_note(struct check *c, const struct check_item *it,
    const struct check_slot *sl)
{
	switch (sl->state) {
	case SLOT_SAME:
		c->unchanged++;
		break;
	case SLOT_SIZE:
		c->changed++;
		check_add(c, "changed", it->source, it->path, xasprintf("size"
		    " %" PRId64 " -> %" PRId64, it->bytes, sl->bytes));
		break;
	case SLOT_HASH:
		c->changed++;
		check_add(c, "changed", it->source, it->path, xasprintf("same"
		    " size, content differs: xxh3 %s -> %s", it->hash,
		    sl->hash));
		break;
	default:
		c->missing++;
		check_add(c, "missing", it->source, it->path, xstrdup(sl->why));
		break;
	}
	progress_add(&c->bar, 1);
}

static int
check_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The image names the importers look at; anything else is not "new". */
static int
check_is_image_name(const char *name)
{
	static const char *const	 exts[] = { "jpg", "jpeg", "png",
	    "webp", "gif", "bmp", "tif", "tiff", NULL };
	const char			*dot = strrchr(name, '.');
	int				 i;

	if (dot == NULL)
		return 0;
	for (i = 0; exts[i] != NULL; i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return 1;
	return 0;
}

/* True if 'rel' or a folder above it is in the sorted set 'known'. */
static int
check_known(char **known, size_t n, const char *rel)
{
	char	*p = xstrdup(rel), *slash;
	int	 hit = 0;

	for (;;) {
		if (n > 0 && bsearch(&p, known, n, sizeof *known,
		    check_cmp_str) != NULL) {
			hit = 1;
			break;
		}
		if ((slash = strrchr(p, '/')) == NULL)
			break;
		*slash = '\0';
	}
	free(p);
	return hit;
}

/*
 * Walks folder 'dir' of the tree and adds a "new" finding for each image
 * file not in 'known'.  A folder that cannot be listed has been reported
 * by tree_list; returns -1 then (the walk goes on elsewhere).
 */
static int
check_walk(struct check *c, const struct check_source *s, struct tree *t,
    const char *dir, char **known, size_t nknown)
{
	struct tree_entry	*ents = NULL;
	size_t			 n = 0, i, plen = strlen(s->prefix);
	const char		*sub;
	int			 ret = 0;

	if (tree_list(t, dir, &ents, &n, NULL) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		sub = ents[i].path;		/* from the root */
		if (ents[i].is_dir) {
			if (check_walk(c, s, t, sub, known, nknown) != 0)
				ret = -1;
		} else if (check_is_image_name(sub) && strlen(sub) > plen &&
		    strncmp(sub, s->prefix, plen) == 0 &&
		    !check_known(known, nknown, sub + plen)) {
			c->added++;
			check_add(c, "new", s->name, sub + plen, NULL);
		}
	}
	tree_entries_free(ents, n);
	return ret;
}

/* Lists the source's image files nobody catalogued or quarantined. */
static int
check_new_files(struct check *c, const struct check_source *s,
    struct tree *t, const struct check_item *items, size_t n)
{
	char	**known, *dir;
	size_t	  nknown = 0, i;
	int	  ret;

	known = xmallocarray(n + s->nquar + 1, sizeof *known);
	for (i = 0; i < n; i++)
		known[nknown++] = items[i].path;
	for (i = 0; i < s->nquar; i++)
		known[nknown++] = s->quar[i];
	qsort(known, nknown, sizeof *known, check_cmp_str);
	dir = xstrdup(s->prefix);
	if (*dir && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	ret = check_walk(c, s, t, dir, known, nknown);
	free(dir);
	free(known);
	return ret;
}

/*
 * Checks the n images of source s (items, sorted by path) and walks the
 * source for new files.  Returns 0, or -1 when something could not be
 * looked at (already reported).
 */
static int
check_one_source(struct check *c, const struct check_source *s,
    const struct check_item *items, size_t n)
{
	struct check_run	 r;
	struct pipe		 pipe;
	size_t			 i, rel = 0;
	int			 j, jobs, ret = 0;
	char			*why;

	memset(&r, 0, sizeof r);
	r.s = s;
	r.items = items;
	jobs = c->o->jobs < 1 ? 1 : c->o->jobs > PIPE_MAX_JOBS ?
	    PIPE_MAX_JOBS : c->o->jobs;
	if ((size_t)jobs > n)
		jobs = n > 0 ? (int)n : 1;
	r.trees = xcalloc((size_t)jobs, sizeof *r.trees);
	for (j = 0; j < jobs; j++) {
		if (tree_open(s->root, &r.trees[j], NULL, NULL) == 0)
			continue;
		/* tree_open said why; the finding says what it costs. */
		why = xasprintf("cannot open the source's %s '%s': %zu"
		    " catalogued image%s not checked", s->container, s->root,
		    n, n == 1 ? "" : "s");
		check_add(c, "missing", s->name, NULL, why);
		c->missing += (long)n;
		progress_add(&c->bar, (long)n);
		ret = -1;
		goto out;
	}
	if (n > 0) {
		pipe_start(&pipe, jobs, check_work, &r);
		r.nslots = pipe_window(&pipe);
		r.slots = xcalloc(r.nslots, sizeof *r.slots);
		for (i = 0; i < n; i++) {
			while (rel < n && rel < i + r.nslots)
				pipe_release(&pipe, rel++, 1);
			pipe_wait(&pipe, i);
			check_note(c, &items[i], &r.slots[i % r.nslots]);
		}
		pipe_stop(&pipe);
	}
	if (check_new_files(c, s, r.trees[0], items, n) != 0)
		ret = -1;
out:
	for (j = 0; j < jobs; j++)
		tree_close(r.trees[j]);
	free(r.trees);
	free(r.slots);
	return ret;
}

static void
text_finding(FILE *out, const struct finding *f)
{
	fprintf(out, "%s  %s  %s", f->status, f->source ? f->source : "-",
	    f->path ? f->path : "-");
	if (f->detail != NULL)
		fprintf(out, "  (%s)", f->detail);
	fputc('\n', out);
}

static void
csv_finding(FILE *out, const struct finding *f)
{
	csv_field(out, f->status);
	fputc(',', out);
	csv_field(out, f->source ? f->source : "");
	fputc(',', out);
	csv_field(out, f->path ? f->path : "");
	fputc(',', out);
	csv_field(out, f->detail ? f->detail : "");
	fputc('\n', out);
}

static void
json_opt(FILE *out, const char *s)
{
	if (s == NULL)
		fputs("null", out);
	else
		json_string(out, s);
}

static void
check_render(const struct check *c, FILE *out)
{
	const struct check_opts	*o = c->o;
	size_t			 i, shown = c->nf;
	long			 checked;

	checked = c->unchanged + c->changed + c->missing;
	if (o->limit >= 0 && (size_t)o->limit < shown)
		shown = (size_t)o->limit;
	if (o->fmt == REPORT_CSV) {
		fputs("status,source,path,detail\n", out);
		for (i = 0; i < shown; i++)
			csv_finding(out, &c->f[i]);
		return;
	}
	if (o->fmt == REPORT_JSON) {
		fprintf(out, "{\"images\": %ld, \"unchanged\": %ld,"
		    " \"changed\": %ld, \"missing\": %ld, \"new\": %ld,"
		    " \"quarantined\": %ld, \"integrity\": \"%s\","
		    " \"integrity_problems\": %ld, \"findings_total\": %zu,"
		    " \"findings\": [", checked, c->unchanged, c->changed,
		    c->missing, c->added, c->quarantined, c->problems ? "failed"
		    : "ok", c->problems, c->nf);
		for (i = 0; i < shown; i++) {
			fputs(i ? ",\n  {\"status\": " : "\n  {\"status\": ",
			    out);
			json_string(out, c->f[i].status);
			fputs(", \"source\": ", out);
			json_opt(out, c->f[i].source);
			fputs(", \"path\": ", out);
			json_opt(out, c->f[i].path);
			fputs(", \"detail\": ", out);
			json_opt(out, c->f[i].detail);
			fputc('}', out);
		}
		fputs(shown ? "\n]}\n" : "]}\n", out);
		return;
	}
	for (i = 0; i < shown; i++)
		text_finding(out, &c->f[i]);
	if (shown < c->nf)
		fprintf(out, "... and %zu more findings (--limit)\n",
		    c->nf - shown);
	if (c->quarantined > 0)
		fprintf(out, "%ld quarantined file%s not re-checked (maskcat"
		    " import re-probes them)\n", c->quarantined,
		    c->quarantined == 1 ? "" : "s");
	fprintf(out, "%ld images checked: %ld unchanged, %ld changed, %ld"
	    " missing; %ld new files; catalog integrity ", checked,
	    c->unchanged, c->changed, c->missing, c->added);
	if (c->problems == 0)
		fputs("ok\n", out);
	else
		fprintf(out, "FAILED (%ld problem%s)\n", c->problems,
		    c->problems == 1 ? "" : "s");
}

static void
check_free(struct check *c)
{
	size_t	i, j;

	for (i = 0; i < c->nf; i++) {
		free(c->f[i].source);
		free(c->f[i].path);
		free(c->f[i].detail);
	}
	free(c->f);
	for (i = 0; i < c->nitems; i++) {
		free(c->items[i].source);
		free(c->items[i].path);
	}
	free(c->items);
	for (i = 0; i < c->nsrc; i++) {
		free(c->src[i].name);
		free(c->src[i].root);
		free(c->src[i].container);
		free(c->src[i].prefix);
		for (j = 0; j < c->src[i].nquar; j++)
			free(c->src[i].quar[j]);
		free(c->src[i].quar);
	}
	free(c->src);
}

/*
 * See check.h.  Everything collected here (findings, images, sources) is
 * owned by 'c' and freed by check_free() on every path; -1 only after the
 * failure was reported (by db_* or here).
 */
int
report_check(sqlite3 *db, const struct check_opts *o, FILE *out, int *dirty)
{
	struct check		 c;
	struct check_source	*s;
	size_t			 a, b, k;
	long			 total;
	int			 ret = -1, failed = 0;

	*dirty = 1;
	memset(&c, 0, sizeof c);
	c.o = o;
	if (db_check_source(db, o->source) != 0)
		goto out;
	if (db_check_integrity(db, check_integrity_cb, &c, &c.problems) != 0)
		goto out;
	if (db_each_source(db, check_collect_source, &c) != 0 ||
	    db_each_quarantine(db, o->source, -1, check_collect_quarantine, &c,
	    &total) != 0 ||
	    db_check_each_image(db, o->source, check_collect_image, &c) != 0)
		goto out;
	if (c.nitems > 0)
		progress_start(&c.bar, "check", (long)c.nitems);
	/* Images and sources are both in name order. */
	for (k = 0, a = 0; k < c.nsrc; k++) {
		s = &c.src[k];
		if (o->source != NULL && strcmp(s->name, o->source) != 0)
			continue;
		for (b = a; b < c.nitems && strcmp(c.items[b].source,
		    s->name) == 0; b++)
			;
		if (check_one_source(&c, s, c.items + a, b - a) != 0)
			failed = 1;
		a = b;
	}
	progress_done(&c.bar);
	if (a != c.nitems)
		BUG("images of an unlisted source ('%s')", c.items[a].source);
	check_render(&c, out);
	*dirty = c.nf > 0 || failed;
	ret = 0;
out:
	check_free(&c);
	return ret;
}
