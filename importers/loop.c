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
#include "../db/corrections.h"
#include "../db/db.h"
#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"
#include "../lib/limits.h"
#include "../lib/progress.h"

#define IMPORT_BATCH	256	/* items per transaction */

struct loop {
	sqlite3			*db;
	struct db_writer	*w;
	struct import_plan	*plan;
	struct import_stats	*stats;
};

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

/* Probes one planned file and writes its row; 0 or -1 (catalog failed). */
static int
loop_item(struct loop *l, const struct import_item *it)
{
	struct db_image		 im;
	struct db_measures	 dm;
	struct img_measures	 m;
	struct img_info		 info;
	struct tree_entry	 st;
	unsigned char		*data = NULL;
	char			*tp = xasprintf("%s%s", l->plan->prefix,
				    it->path);
	char			 why[IMG_REASON_MAX];
	char			 reason[IMG_REASON_MAX + 32];
	size_t			 len;
	int64_t			 id;
	int			 rc, dup;

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
	if (tree_stat(l->plan->tree, tp, &st, why) != 0) {
		snprintf(reason, sizeof reason, "cannot read: %s", why);
		goto bad;
	}
	im.bytes = st.size;
	im.mtime_ns = st.mtime_ns;
	if (st.size > 0) {
		if ((rc = db_image_cached(l->w, it->path, im.bytes, im.mtime_ns,
		    IMG_MEASURE_VERSION, &im)) < 0)
			goto fail;
		if (rc == 1) {
			l->stats->cached++;
			goto put;
		}
	}
	if (tree_read(l->plan->tree, tp, limit_size(LIMIT_FILE_BYTES),
	    (char **)&data, &len, why) != 0) {
		snprintf(reason, sizeof reason, "cannot read: %s", why);
		goto bad;
	}
	if (img_probe_measure(data, len, &info, &m, why) != 0) {
		snprintf(reason, sizeof reason, "%s", why);
		goto bad;
	}
	measures_to_db(&m, &dm);
	im.measures = &dm;
	im.bytes = (int64_t)len;
	im.hash = info.hash;
	im.format = img_format_name(info.format);
	im.width = info.width;
	im.height = info.height;
	im.channels = info.channels;
put:
	loop_check_ext(l, it->path, im.format);
	free(data);
	free(tp);
	l->stats->images++;
	if (db_put_image(l->w, &im, &id, &dup) != 0)
		return -1;
	l->stats->duplicates += dup;
	/* Only annotated layouts have boxes; skip the write for the rest. */
	return it->nboxes > 0 ? loop_boxes(l, it, id, im.width, im.height) :
	    0;
bad:
	free(data);
	free(tp);
	return loop_quarantine(l, it->path, reason);
fail:
	free(data);
	free(tp);
	return -1;
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

/* One unknown label and how many files or boxes carry it. */
struct unknown {
	const char	*label;
	long		 count;
};

/* Counts an unknown label; the list is short, a linear search will do. */
static void
note_unknown(struct unknown **u, size_t *n, const char *label)
{
	size_t	i;

	for (i = 0; i < *n; i++) {
		if (strcmp((*u)[i].label, label) == 0) {
			(*u)[i].count++;
			return;
		}
	}
	*u = xrealloc(*u, (*n + 1) * sizeof **u);
	(*u)[*n].label = label;
	(*u)[(*n)++].count = 1;
}

/*
 * Maps every label without a mask state through the label map before
 * anything is written.  Items and boxes mapped to "ignore" are dropped
 * (counted).  Unknown labels stop the import: one error lists them all
 * with the --map syntax.  Returns 0, or -1 after reporting.
 */
static int
loop_map_labels(struct import_plan *p, const struct label_map *map,
    struct import_stats *stats)
{
	struct unknown	*u = NULL;
	struct import_item *it;
	size_t		 nu = 0, i, j, k, keep;
	char		 list[2048];
	int		 state, rc = 0;

	for (i = keep = 0; i < p->nitems; i++) {
		it = &p->items[i];
		if (it->mask < 0 && it->label != NULL && it->nboxes == 0) {
			state = label_map_lookup(map, it->label);
			if (state == LABEL_UNKNOWN)
				note_unknown(&u, &nu, it->label);
			else if (state == LABEL_IGNORE) {
				stats->ignored++;
				free(it->path);
				it->path = NULL;
			} else
				it->mask = state;
		}
		for (j = k = 0; j < it->nboxes; j++) {
			state = label_map_lookup(map, it->boxes[j].label);
			if (state == LABEL_UNKNOWN)
				note_unknown(&u, &nu, it->boxes[j].label);
			if (state == LABEL_IGNORE) {
				stats->ignored++;
				free(it->boxes[j].label);
				continue;
			}
			it->boxes[j].mask = state;
			it->boxes[k++] = it->boxes[j];
		}
		it->nboxes = k;
		if (it->path != NULL)
			p->items[keep++] = *it;
		else {
			free(it->label);
			free(it->subtype);
			free(it->split);
			free(it->race);
			free(it->boxes);
		}
	}
	p->nitems = keep;
	if (nu > 0) {
		list[0] = '\0';
		for (i = 0; i < nu; i++) {
			size_t	len = strlen(list);

			if (len + 80 >= sizeof list) {
				strcat(list, ", ...");
				break;
			}
			snprintf(list + len, sizeof list - len, "%s'%.60s' (%ld)",
			    i ? ", " : "", u[i].label, u[i].count);
		}
		rc = error("'%s': unknown labels %s; map each with --map"
		    " NAME=wear|incorrect|not_wear|ignore", p->root, list);
	}
	free(u);
	return rc;
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
	size_t			 i;
	long			 applied, missing;
	int			 ret = -1;

	memset(stats, 0, sizeof *stats);
	memset(&l, 0, sizeof l);
	memset(&bar, 0, sizeof bar);	/* not started: done does nothing */
	plan_init(&plan);
	plan.opts = opts;
	if (imp->walk(dir, &plan) != 0)
		goto out;
	stats->skipped = plan.skipped;
	if (opts->map != NULL && loop_map_labels(&plan, opts->map, stats) != 0)
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
	for (i = 0; i < plan.nitems; i++) {
		if (i % IMPORT_BATCH == 0 && db_begin(db) != 0)
			goto out;
		if (loop_item(&l, &plan.items[i]) != 0)
			goto out;
		progress_add(&bar, 1);
		if ((i + 1) % IMPORT_BATCH == 0 || i + 1 == plan.nitems)
			if (db_commit(db) != 0)
				goto out;
	}
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
	db_writer_free(l.w);
	plan_release(&plan);
	return ret;
}
