/*
 * importers/loop.c: the one import loop every format shares: walk the
 * layout, then probe each file and write it, a batch per transaction, so
 * that a killed run keeps every committed batch and a rerun completes it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "importer.h"
#include "../db/db.h"
#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/file.h"

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
	char	*full = path_join(l->plan->root, path);

	error("'%s': %s", full, reason);
	free(full);
	l->stats->quarantined++;
	return db_put_quarantine(l->w, path, reason);
}

/* Warns when the extension names another format than the bytes hold. */
static void
loop_check_ext(struct loop *l, const char *path, const char *format)
{
	const char	*ext = path_ext(path);
	const char	*named = NULL;
	char		*full;

	if (strcasecmp(ext, "jpg") == 0 || strcasecmp(ext, "jpeg") == 0)
		named = "jpeg";
	else if (strcasecmp(ext, "png") == 0)
		named = "png";
	if (named != NULL && strcmp(named, format) == 0)
		return;
	full = path_join(l->plan->root, path);
	if (named != NULL)
		warning("'%s': %s content in a .%s file; catalogued as %s",
		    full, format, ext, format);
	else
		warning("'%s': %s content with extension '.%s'; catalogued as"
		    " %s", full, format, ext, format);
	free(full);
	l->stats->warnings++;
}

/* Probes one planned file and writes its row; 0 or -1 (catalog failed). */
static int
loop_item(struct loop *l, const struct import_item *it)
{
	struct db_image	 im;
	struct img_info	 info;
	struct stat	 sb;
	unsigned char	*data = NULL;
	char		*full = path_join(l->plan->root, it->path);
	char		 why[IMG_REASON_MAX], reason[IMG_REASON_MAX + 32];
	size_t		 len;
	int		 rc;

	memset(&im, 0, sizeof im);
	im.path = it->path;
	im.person_id = it->person >= 0 ? l->plan->persons[it->person].row_id :
	    0;
	im.mask = it->mask;
	im.gender = it->gender;
	im.age = it->age;
	im.seq = it->seq;
	if (stat(full, &sb) != 0) {
		snprintf(reason, sizeof reason, "cannot read: %s",
		    strerror(errno));
		goto bad;
	}
	im.bytes = sb.st_size;
	im.mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
	    sb.st_mtim.tv_nsec;
	if (S_ISREG(sb.st_mode) && sb.st_size > 0) {
		if ((rc = db_image_cached(l->w, it->path, im.bytes, im.mtime_ns,
		    &im)) < 0)
			goto fail;
		if (rc == 1) {
			l->stats->cached++;
			goto put;
		}
	}
	if (img_read_file(full, &data, &len, why) != 0) {
		snprintf(reason, sizeof reason, "cannot read: %s", why);
		goto bad;
	}
	if (img_probe_mem(data, len, &info, why) != 0) {
		snprintf(reason, sizeof reason, "%s", why);
		goto bad;
	}
	im.bytes = (int64_t)len;
	im.hash = info.hash;
	im.format = img_format_name(info.format);
	im.width = info.width;
	im.height = info.height;
	im.channels = info.channels;
put:
	loop_check_ext(l, it->path, im.format);
	free(data);
	free(full);
	l->stats->images++;
	return db_put_image(l->w, &im);
bad:
	free(data);
	free(full);
	return loop_quarantine(l, it->path, reason);
fail:
	free(data);
	free(full);
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

int
import_run(sqlite3 *db, const struct importer *imp, const char *dir,
    const struct import_opts *opts, struct import_stats *stats)
{
	struct import_plan	 plan;
	struct loop		 l;
	size_t			 i;
	int			 ret = -1;

	memset(stats, 0, sizeof *stats);
	memset(&l, 0, sizeof l);
	plan_init(&plan);
	if (imp->walk(dir, &plan) != 0)
		goto out;
	stats->skipped = plan.skipped;
	l.db = db;
	l.plan = &plan;
	l.stats = stats;
	l.w = db_writer_start(db, opts->source_name ? opts->source_name :
	    imp->source_name, imp->name, plan.abs_root, opts->command);
	if (l.w == NULL || loop_plan_rows(&l) != 0)
		goto out;
	for (i = 0; i < plan.nitems; i++) {
		if (i % IMPORT_BATCH == 0 && db_begin(db) != 0)
			goto out;
		if (loop_item(&l, &plan.items[i]) != 0)
			goto out;
		if ((i + 1) % IMPORT_BATCH == 0 || i + 1 == plan.nitems)
			if (db_commit(db) != 0)
				goto out;
	}
	if (db_writer_finish(l.w, stats->images, stats->quarantined,
	    &stats->removed) != 0)
		goto out;
	ret = 0;
out:
	if (ret != 0)
		db_rollback(db);
	db_writer_free(l.w);
	plan_release(&plan);
	return ret;
}
