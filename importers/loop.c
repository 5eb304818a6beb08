/*
 * importers/loop.c: the one import loop every format shares: walk the
 * layout, map labels, then probe each file and write it, a batch per
 * transaction, so that a killed run keeps every committed batch and a
 * rerun completes it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importer.h"
#include "labelmap.h"
#include "pipe.h"
#include "../db/corrections.h"
#include "../db/db.h"
#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"
#include "../lib/limits.h"
#include "../lib/progress.h"

#define IMPORT_BATCH	256	/* items per transaction */

/*
 * One item in flight, in a ring of pipe_window() slots: what the writer
 * learnt at the release (stat), then what a worker learnt (probe).
 */
struct loop_slot {
	struct import_item	 it;		/* read back from the plan */
	int			 skip;		/* its label maps to "ignore" */
	int			 stat_bad;	/* reason says why */
	int			 probe;		/* 0: unchanged, no probe */
	int64_t			 bytes, mtime_ns;
	int			 bad;		/* the probe failed: reason */
	char			 reason[IMG_REASON_MAX + 32];
	size_t			 len;
	struct img_info		 info;
	struct img_measures	 m;
};

struct loop {
	sqlite3			*db;
	struct db_writer	*w;
	struct import_plan	*plan;
	struct import_stats	*stats;
	struct pipe		 pipe;
	struct loop_slot	*slots;
	size_t			 nslots;
	struct tree		**trees;	/* one per job */
	int			 ntrees;
};

static int	loop_map_item(struct loop *, struct import_item *);

/* Reports a problem once and records it; 0 or -1 if the catalog failed. */
static int
loop_quarantine(struct loop *l, const char *path, const char *reason)
{
	char	*shown = plan_display(l->plan, path);

	error("'%s': %s", shown, reason);
	free(shown);
	l->stats->quarantined++;
	return db_put_quarantine(l->w, path, reason);
}

/* Warns when the extension names another format than the bytes hold. */
static void
loop_check_ext(struct loop *l, const char *path, const char *format)
{
	const char	*ext = path_ext(path);
	const char	*named = NULL;
	char		*shown;

	if (strcasecmp(ext, "jpg") == 0 || strcasecmp(ext, "jpeg") == 0)
		named = "jpeg";
	else if (strcasecmp(ext, "png") == 0)
		named = "png";
	if (named != NULL && strcmp(named, format) == 0)
		return;
	shown = plan_display(l->plan, path);
	if (named != NULL)
		warning("'%s': %s content in a .%s file; catalogued as %s",
		    shown, format, ext, format);
	else
		warning("'%s': %s content with extension '.%s'; catalogued as"
		    " %s", shown, format, ext, format);
	free(shown);
	l->stats->warnings++;
}

/*
 * Clips an item's boxes to the image and writes them.  A box that lies
 * wholly outside the image is quarantined as "<path>#<n>".  0 or -1.
 */
static int
loop_boxes(struct loop *l, const struct import_item *it, int64_t image_id,
    int width, int height)
{
	struct db_box	*out = xcalloc(it->nboxes ? it->nboxes : 1,
			    sizeof *out);
	const struct import_box *b;
	char		 at[1100], reason[200];
	size_t		 i, n = 0;
	int		 rc = 0;

	for (i = 0; i < it->nboxes && rc == 0; i++) {
		b = &it->boxes[i];
		if (b->xmin > b->xmax || b->ymin > b->ymax) {
			snprintf(at, sizeof at, "%s#%zu", it->path, i);
			snprintf(reason, sizeof reason, "box %d,%d-%d,%d has its"
			    " corners the wrong way round", b->xmin, b->ymin,
			    b->xmax, b->ymax);
			rc = loop_quarantine(l, at, reason);
			continue;
		}
		out[n].idx = (int)i;
		/* VOC counts pixels from 1 with inclusive corners. */
		out[n].x0 = b->xmin - 1 < 0 ? 0 : b->xmin - 1;
		out[n].y0 = b->ymin - 1 < 0 ? 0 : b->ymin - 1;
		out[n].x1 = b->xmax > width ? width : b->xmax;
		out[n].y1 = b->ymax > height ? height : b->ymax;
		out[n].clipped = b->xmin < 1 || b->ymin < 1 ||
		    b->xmax > width || b->ymax > height;
		if (out[n].x0 >= out[n].x1 || out[n].y0 >= out[n].y1) {
			snprintf(at, sizeof at, "%s#%zu", it->path, i);
			snprintf(reason, sizeof reason, "box %d,%d-%d,%d lies"
			    " outside the %dx%d image", b->xmin, b->ymin,
			    b->xmax, b->ymax, width, height);
			rc = loop_quarantine(l, at, reason);
			continue;
		}
		out[n].label = b->label;
		out[n].mask = b->mask;
		out[n].difficult = b->difficult;
		out[n].truncated = b->truncated;
		n++;
	}
	if (rc == 0)
		rc = db_put_boxes(l->w, image_id, out, n);
	l->stats->boxes += (long)n;
	free(out);
	return rc;
}

/*
 * Reads and probes the file of item 'it' into its slot, through 'tree'.
 * Runs in a worker thread: reports nothing, keeps the reason instead, and
 * keeps no file bytes.
 */
static void
loop_probe(const struct import_plan *p, struct tree *tree,
    const struct import_item *it, struct loop_slot *s)
{
	unsigned char	*data = NULL;
	char		*tp = xasprintf("%s%s", p->prefix, it->path);
	char		 why[IMG_REASON_MAX];

	s->bad = 0;
	if (tree_read(tree, tp, limit_size(LIMIT_FILE_BYTES), (char **)&data,
	    &s->len, why) != 0) {
		s->bad = 1;
		snprintf(s->reason, sizeof s->reason, "cannot read: %s", why);
	} else if (img_probe_measure(data, s->len, &s->info, &s->m,
	    why) != 0) {
		s->bad = 1;
		snprintf(s->reason, sizeof s->reason, "%s", why);
	}
	free(data);
	free(tp);
}

/* The pipeline's work (pipe.h): probe item i (its stat did not settle it). */
static void
loop_work(void *arg, int thread, size_t i)
{
	struct loop	*l = arg;
	struct loop_slot *s = &l->slots[i % l->nslots];

	if (s->probe)
		loop_probe(l->plan, l->trees[thread], &s->it, s);
}

/*
 * Readies item i for the workers, in the writer's thread: stats the file
 * and asks the catalog whether it is unchanged, so that a cached file is
 * never read nor decoded.  0 or -1 (catalog failed, reported).
 */
static int
loop_release(struct loop *l, size_t i)
{
	struct loop_slot	*s = &l->slots[i % l->nslots];
	const struct import_item *it = &s->it;
	struct tree_entry	 st;
	struct db_image		 im;
	char			*tp;
	char			 why[256];
	int			 rc = 0;

	plan_item_free(&s->it);		/* item i - nslots, long written */
	if ((rc = plan_next_item(l->plan, &s->it)) <= 0) {
		if (rc == 0)
			BUG("import: the plan ended at item %zu of %zu", i,
			    l->plan->nitems);
		return -1;
	}
	s->probe = 0;
	s->bad = 0;
	s->stat_bad = 0;
	if ((s->skip = loop_map_item(l, &s->it)) != 0) {
		pipe_release(&l->pipe, i, 0);
		return 0;
	}
	tp = xasprintf("%s%s", l->plan->prefix, it->path);
	if (tree_stat(l->plan->tree, tp, &st, why) != 0) {
		s->stat_bad = 1;
		snprintf(s->reason, sizeof s->reason, "cannot read: %s", why);
		goto out;
	}
	s->stat_bad = 0;
	s->bytes = st.size;
	s->mtime_ns = st.mtime_ns;
	s->probe = 1;
	if (st.size > 0) {
		memset(&im, 0, sizeof im);
		rc = db_image_cached(l->w, it->path, st.size, st.mtime_ns,
		    IMG_MEASURE_VERSION, &im);
		if (rc == 1)
			s->probe = 0;
	}
out:
	free(tp);
	if (rc < 0)
		return -1;
	pipe_release(&l->pipe, i, s->probe);
	return 0;
}

/*
 * Writes item i, whose slot the workers have filled: its image row, or
 * its quarantine row.  The catalog is asked again whether the file is
 * unchanged, as the rows written since the release may have changed the
 * answer; the result is then what a one-file-at-a-time loop would write.
 * 0 or -1 (catalog failed).
 */
static int
loop_item(struct loop *l, size_t i)
{
	struct loop_slot	*s = &l->slots[i % l->nslots];
	const struct import_item *it = &s->it;
	struct db_image		 im;
	struct db_measures	 dm;
	int64_t			 id;
	int			 rc, dup;

	if (s->skip)
		return 0;		/* its label maps to "ignore" */
	memset(&im, 0, sizeof im);
	im.path = it->path;
	im.person_id = it->person >= 0 ? l->plan->persons[it->person].row_id :
	    0;
	im.mask = it->mask;
	im.gender = it->gender;
	im.age = it->age;
	im.seq = it->seq;
	im.label = it->label;
	im.subtype = it->subtype;
	im.split = it->split;
	im.race = it->race;
	im.boxed = it->nboxes > 0;
	if (s->stat_bad)
		return loop_quarantine(l, it->path, s->reason);
	im.bytes = s->bytes;
	im.mtime_ns = s->mtime_ns;
	if (s->bytes > 0) {
		if ((rc = db_image_cached(l->w, it->path, im.bytes, im.mtime_ns,
		    IMG_MEASURE_VERSION, &im)) < 0)
			return -1;
		if (rc == 1) {
			l->stats->cached++;
			goto put;
		}
	}
	/* Unchanged at the release, changed since: probe it here. */
	if (!s->probe)
		loop_probe(l->plan, l->plan->tree, it, s);
	if (s->bad)
		return loop_quarantine(l, it->path, s->reason);
	measures_to_db(&s->m, &dm);
	im.measures = &dm;
	im.bytes = (int64_t)s->len;
	im.hash = s->info.hash;
	im.format = img_format_name(s->info.format);
	im.width = s->info.width;
	im.height = s->info.height;
	im.channels = s->info.channels;
put:
	loop_check_ext(l, it->path, im.format);
	l->stats->images++;
	if (db_put_image(l->w, &im, &id, &dup) != 0)
		return -1;
	l->stats->duplicates += dup;
	/* Only annotated layouts have boxes; skip the write for the rest. */
	return it->nboxes > 0 ? loop_boxes(l, it, id, im.width, im.height) :
	    0;
}

/*
 * The workers' own trees: a zip reader is not shared between threads, nor
 * with the writer, which stats through the plan's tree.  With one job the
 * writer probes through the plan's tree itself.  0, or -1 after
 * reporting.
 */
static int
loop_open_trees(struct loop *l, int jobs)
{
	int	j;

	l->trees = xcalloc((size_t)jobs, sizeof *l->trees);
	l->ntrees = jobs;
	if (jobs == 1) {
		l->trees[0] = l->plan->tree;
		return 0;
	}
	for (j = 0; j < jobs; j++)
		if (tree_open(tree_path(l->plan->tree), &l->trees[j], NULL,
		    NULL) != 0)
			return -1;
	return 0;
}

static void
loop_close_trees(struct loop *l)
{
	int	j;

	if (l->trees != NULL && l->ntrees > 1)
		for (j = 0; j < l->ntrees; j++)
			tree_close(l->trees[j]);
	free(l->trees);
	l->trees = NULL;
}

/* The problems the walk found, then the persons: one transaction. */
static int
loop_plan_rows(struct loop *l)
{
	struct import_plan	*p = l->plan;
	struct db_person	 dp;
	size_t			 i;

	if (db_begin(l->db) != 0)
		return -1;
	for (i = 0; i < p->nproblems; i++)
		if (loop_quarantine(l, p->problems[i].path,
		    p->problems[i].reason) != 0)
			goto fail;
	for (i = 0; i < p->npersons; i++) {
		dp.folder = p->persons[i].folder;
		dp.ext_id = p->persons[i].ext_id;
		dp.gender = p->persons[i].gender;
		dp.race = p->persons[i].race;
		dp.age = p->persons[i].age;
		dp.csv_line = p->persons[i].csv_line;
		if (db_put_person(l->w, &dp, &p->persons[i].row_id) != 0)
			goto fail;
	}
	if (db_commit(l->db) != 0)
		goto fail;
	l->stats->persons = (long)p->npersons;
	return 0;
fail:
	db_rollback(l->db);
	return -1;
}

/*
 * Checks every label the walk counted (items without a mask state, and
 * boxes) against the label map before anything is written.  Unknown
 * labels stop the import: one error lists them all, in order of first
 * sight, with the --map syntax.  Returns 0, or -1 after reporting.
 */
static int
loop_check_labels(const struct import_plan *p, const struct label_map *map)
{
	char	 list[2048];
	size_t	 i, len, nu = 0;

	list[0] = '\0';
	for (i = 0; i < p->nlabels; i++) {
		if (label_map_lookup(map, p->labels[i]->name) != LABEL_UNKNOWN)
			continue;
		len = strlen(list);
		if (len + 80 >= sizeof list) {
			strcat(list, ", ...");
			break;
		}
		snprintf(list + len, sizeof list - len, "%s'%.60s' (%ld)",
		    nu++ ? ", " : "", p->labels[i]->name, p->labels[i]->count);
	}
	if (nu == 0)
		return 0;
	return error("'%s': unknown labels %s; map each with --map"
	    " NAME=wear|incorrect|not_wear|ignore", p->root, list);
}

/*
 * Maps an item's label (when it has no mask state nor boxes) and its
 * boxes' labels to mask states; boxes mapped to "ignore" are dropped.
 * Returns 1 when the item itself maps to "ignore" (it is then left out),
 * else 0.  Ignored items and boxes are counted.
 */
static int
loop_map_item(struct loop *l, struct import_item *it)
{
	const struct label_map	*map = l->plan->opts->map;
	size_t			 j, k;
	int			 state;

	if (map == NULL)
		return 0;
	if (it->mask < 0 && it->label != NULL && it->nboxes == 0) {
		state = label_map_lookup(map, it->label);
		if (state == LABEL_IGNORE) {
			l->stats->ignored++;
			return 1;
		}
		it->mask = state;
	}
	for (j = k = 0; j < it->nboxes; j++) {
		state = label_map_lookup(map, it->boxes[j].label);
		if (state == LABEL_IGNORE) {
			l->stats->ignored++;
			free(it->boxes[j].label);
			continue;
		}
		it->boxes[j].mask = state;
		it->boxes[k++] = it->boxes[j];
	}
	it->nboxes = k;
	return 0;
}

int
import_run(sqlite3 *db, const struct importer *imp, const char *dir,
    const struct import_opts *opts, struct import_stats *stats)
{
	struct import_plan	 plan;
	struct db_source	 src;
	struct loop		 l;
	struct progress		 bar;
	char			 label[64];
	size_t			 i, rel;
	long			 applied, missing;
	int			 jobs, ret = -1;

	memset(stats, 0, sizeof *stats);
	memset(&l, 0, sizeof l);
	memset(&bar, 0, sizeof bar);	/* not started: done does nothing */
	plan_init(&plan);
	plan.opts = opts;
	if (imp->walk(dir, &plan) != 0)
		goto out;
	stats->skipped = plan.skipped;
	if (plan_close_items(&plan) != 0 ||
	    (opts->map != NULL && loop_check_labels(&plan, opts->map) != 0))
		goto out;
	l.db = db;
	l.plan = &plan;
	l.stats = stats;
	memset(&src, 0, sizeof src);
	src.name = opts->source_name ? opts->source_name : imp->source_name;
	src.kind = imp->name;
	src.root = plan.abs_root;
	src.container = tree_kind(plan.tree) == TREE_ZIP ? "zip" : "folder";
	src.prefix = plan.prefix;
	src.slug = opts->slug;
	src.license = opts->license;
	if ((l.w = db_writer_start(db, &src, opts->command)) == NULL ||
	    loop_plan_rows(&l) != 0)
		goto out;
	/* The walk has counted the files: the bar knows its total. */
	snprintf(label, sizeof label, "import %s", imp->name);
	if (plan.nitems > 0)
		progress_start(&bar, label, (long)plan.nitems);
	jobs = opts->jobs > 0 ? opts->jobs : 1;
	if (loop_open_trees(&l, jobs) != 0)
		goto out;
	pipe_start(&l.pipe, jobs, loop_work, &l);
	l.nslots = pipe_window(&l.pipe);
	l.slots = xcalloc(l.nslots, sizeof *l.slots);
	for (i = rel = 0; i < plan.nitems; i++) {
		if (i % IMPORT_BATCH == 0 && db_begin(db) != 0)
			goto out;
		while (rel < plan.nitems && rel < i + l.nslots)
			if (loop_release(&l, rel++) != 0)
				goto out;
		pipe_wait(&l.pipe, i);
		if (loop_item(&l, i) != 0)
			goto out;
		progress_add(&bar, 1);
		if ((i + 1) % IMPORT_BATCH == 0 || i + 1 == plan.nitems)
			if (db_commit(db) != 0)
				goto out;
	}
	pipe_stop(&l.pipe);
	progress_done(&bar);
	if (db_writer_finish(l.w, stats->images, stats->quarantined,
	    &stats->removed) != 0)
		goto out;
	/* The files' labels are back: put the relabel corrections on top. */
	if (db_corrections_apply(db, db_writer_source_id(l.w), &applied,
	    &missing) != 0)
		goto out;
	stats->warnings += missing;
	if (applied > 0)
		note("re-applied %ld label correction%s (maskcat relabel"
		    " --list)", applied, applied == 1 ? "" : "s");
	ret = 0;
out:
	progress_done(&bar);		/* after a failure; else a no-op */
	if (ret != 0)
		db_rollback(db);
	pipe_stop(&l.pipe);
	for (i = 0; i < l.nslots; i++)
		plan_item_free(&l.slots[i].it);
	free(l.slots);
	loop_close_trees(&l);
	db_writer_free(l.w);
	plan_release(&plan);
	return ret;
}
