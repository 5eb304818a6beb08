/*
 * db/catalog.c: the writes of an import run.  A writer holds the prepared
 * statements of one run; the import loop wraps batches of puts in
 * db_begin()/db_commit() so a killed run keeps every committed batch.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "../lib/err.h"
#include "../lib/labels.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

enum {
	ST_PERSON, ST_IMAGE, ST_IMAGE_UNQUARANTINE, ST_QUARANTINE,
	ST_QUARANTINE_UNIMAGE, ST_CACHED, ST_BOX_CLEAR, ST_BOX, ST_MEASURES,
	ST_COUNT
};

static const char *const writer_sql[ST_COUNT] = {
	[ST_PERSON] =
	    "INSERT INTO persons (source_id, folder, ext_id, gender, race,"
	    " age, csv_line, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (source_id, folder) DO UPDATE SET"
	    " ext_id = excluded.ext_id, gender = excluded.gender,"
	    " race = excluded.race, age = excluded.age,"
	    " csv_line = excluded.csv_line, import_id = excluded.import_id"
	    " RETURNING id",
	/* dup_of: the first (lowest id) other row with these bytes. */
	[ST_IMAGE] =
	    "INSERT INTO images (source_id, person_id, path, bytes, mtime_ns,"
	    " hash, format, width, height, channels, mask, gender, age,"
	    " age_bin, class, seq, status, import_id, label, subtype, split,"
	    " race, dup_of) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
	    " ?19, ?20, ?21, ?22, (SELECT min(id) FROM images WHERE hash = ?6"
	    " AND id < coalesce((SELECT id FROM images WHERE source_id = ?1"
	    " AND path = ?3), 9223372036854775807)))"
	    " ON CONFLICT (source_id, path) DO UPDATE SET"
	    " label = excluded.label, subtype = excluded.subtype,"
	    " split = excluded.split, race = excluded.race,"
	    " dup_of = excluded.dup_of,"
	    " person_id = excluded.person_id, bytes = excluded.bytes,"
	    " mtime_ns = excluded.mtime_ns, hash = excluded.hash,"
	    " format = excluded.format, width = excluded.width,"
	    " height = excluded.height, channels = excluded.channels,"
	    " mask = excluded.mask, gender = excluded.gender,"
	    " age = excluded.age, age_bin = excluded.age_bin,"
	    " class = excluded.class, seq = excluded.seq,"
	    " status = excluded.status, import_id = excluded.import_id"
	    " RETURNING id, dup_of",
	[ST_IMAGE_UNQUARANTINE] =
	    "DELETE FROM quarantine WHERE source_id = ?1 AND path = ?2",
	[ST_QUARANTINE] =
	    "INSERT INTO quarantine (source_id, path, reason, import_id)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (source_id, path) DO UPDATE"
	    " SET reason = excluded.reason, import_id = excluded.import_id",
	[ST_QUARANTINE_UNIMAGE] =
	    "DELETE FROM images WHERE source_id = ?1 AND path = ?2",
	[ST_CACHED] =
	    "SELECT bytes, mtime_ns, hash, format, width, height, channels,"
	    " (SELECT version FROM measures m WHERE m.image_id = images.id)"
	    " FROM images WHERE source_id = ?1 AND path = ?2",
	[ST_BOX_CLEAR] =
	    "DELETE FROM boxes WHERE image_id = ?1",
	[ST_MEASURES] =
	    "INSERT OR REPLACE INTO measures (image_id, version, phash, dhash,"
	    " thumb_hash, bright_p1, bright_p99, bright_mean, sharpness,"
	    " entropy, colour, orientation, thumb_w, thumb_h, phash_mirror,"
	    " dhash_mirror) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14, ?15, ?16)",
	[ST_BOX] =
	    "INSERT INTO boxes (image_id, idx, x0, y0, x1, y1, clipped, label,"
	    " mask, difficult, truncated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8, ?9, ?10, ?11)",
};

static int	measures_step(sqlite3 *, sqlite3_stmt *, int64_t,
		    const struct db_measures *);

struct db_writer {
	sqlite3		*db;
	int64_t		 source_id;
	int64_t		 import_id;
	sqlite3_stmt	*st[ST_COUNT];
};

int64_t
db_writer_source_id(const struct db_writer *w)
{
	return w->source_id;
}

/* Steps a statement expected to finish; resets it.  0 or -1 (reported). */
static int
writer_step(struct db_writer *w, int which, const char *what)
{
	sqlite3_stmt	*st = w->st[which];
	int		 rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return error("cannot add '%s' to catalog '%s': %s (code %d)",
		    what, db_name(w->db), db_errmsg(w->db), rc);
	return 0;
}

/* Binds text that may be NULL. */
static void
bind_text_opt(sqlite3_stmt *st, int col, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
}

/* Finds or creates the source row; 0 or -1 after reporting. */
static int
writer_source(struct db_writer *w, const struct db_source *src)
{
	static const char	 sel[] =
	    "SELECT id, kind, root, prefix FROM sources WHERE name = ?1";
	static const char	 ins[] =
	    "INSERT INTO sources (name, kind, root, imported_at, container,"
	    " prefix, slug, license) VALUES (?1, ?2, ?3, " NOW ", ?4, ?5, ?6,"
	    " ?7)";
	static const char	 upd[] =
	    "UPDATE sources SET slug = coalesce(?2, slug),"
	    " license = coalesce(?3, license) WHERE id = ?1";
	sqlite3_stmt		*st = NULL;
	const char		*sql = sel;
	int			 rc, ret = -1;

	if (sqlite3_prepare_v2(w->db, sel, -1, &st, NULL) != SQLITE_OK)
		return db_error(w->db, sel);
	sqlite3_bind_text(st, 1, src->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char	*k = (const char *)sqlite3_column_text(st, 1);
		const char	*r = (const char *)sqlite3_column_text(st, 2);
		const char	*p = (const char *)sqlite3_column_text(st, 3);

		if (strcmp(k, src->kind) != 0 || strcmp(r, src->root) != 0 ||
		    strcmp(p, src->prefix) != 0) {
			error("source '%s' already holds the %s data of"
			    " '%s%s%s'; give this import another name with"
			    " --name", src->name, k, r, *p ? ":" : "", p);
			goto out;
		}
		w->source_id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		sql = upd;
		if (sqlite3_prepare_v2(w->db, upd, -1, &st, NULL) != SQLITE_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, w->source_id);
		bind_text_opt(st, 2, src->slug);
		bind_text_opt(st, 3, src->license);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
		ret = 0;
		goto out;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	sql = ins;
	if (sqlite3_prepare_v2(w->db, ins, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, src->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, src->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, src->root, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, src->container, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, src->prefix, -1, SQLITE_STATIC);
	bind_text_opt(st, 6, src->slug);
	bind_text_opt(st, 7, src->license);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	w->source_id = sqlite3_last_insert_rowid(w->db);
	ret = 0;
	goto out;
fail:
	db_error(w->db, sql);
out:
	sqlite3_finalize(st);
	return ret;
}

/* Records the start of this run; 0 or -1 after reporting. */
static int
writer_import_row(struct db_writer *w, const char *command)
{
	static const char	 ins[] =
	    "INSERT INTO imports (source_id, command, started_at)"
	    " VALUES (?1, ?2, " NOW ")";
	sqlite3_stmt		*st = NULL;
	int			 ret = -1;

	if (sqlite3_prepare_v2(w->db, ins, -1, &st, NULL) != SQLITE_OK)
		return db_error(w->db, ins);
	sqlite3_bind_int64(st, 1, w->source_id);
	sqlite3_bind_text(st, 2, command, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		db_error(w->db, ins);
	else {
		w->import_id = sqlite3_last_insert_rowid(w->db);
		ret = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

struct db_writer *
db_writer_start(sqlite3 *db, const struct db_source *src, const char *command)
{
	struct db_writer	*w = xcalloc(1, sizeof *w);
	int			 i;

	w->db = db;
	for (i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v3(db, writer_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &w->st[i], NULL) != SQLITE_OK) {
			db_error(db, writer_sql[i]);
			goto fail;
		}
	}
	if (db_begin(db) != 0)
		goto fail;
	if (writer_source(w, src) != 0 ||
	    writer_import_row(w, command) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		goto fail;
	}
	return w;
fail:
	db_writer_free(w);
	return NULL;
}

void
db_writer_free(struct db_writer *w)
{
	int	i;

	if (w == NULL)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(w->st[i]);
	free(w);
}

/* Binds an int that may be unknown (< 0) as NULL. */
static void
bind_opt(sqlite3_stmt *st, int col, long v)
{
	if (v < 0)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_int64(st, col, v);
}

int
db_put_person(struct db_writer *w, const struct db_person *p, int64_t *id)
{
	sqlite3_stmt	*st = w->st[ST_PERSON];
	int		 rc;

	sqlite3_bind_int64(st, 1, w->source_id);
	sqlite3_bind_text(st, 2, p->folder, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->ext_id, -1, SQLITE_STATIC);
	bind_opt(st, 4, p->gender);
	if (p->race != NULL)
		sqlite3_bind_text(st, 5, p->race, -1, SQLITE_STATIC);
	bind_opt(st, 6, p->age);
	bind_opt(st, 7, p->csv_line > 0 ? p->csv_line : -1);
	sqlite3_bind_int64(st, 8, w->import_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return error("cannot add person '%s' to catalog '%s': %s",
		    p->folder, db_name(w->db), db_errmsg(w->db));
	return 0;
}

int
db_put_image(struct db_writer *w, const struct db_image *im, int64_t *id,
    int *dup)
{
	sqlite3_stmt	*st = w->st[ST_IMAGE];
	char		 hex[17];
	int		 age_bin = label_age_bin(im->age);
	int		 cls = label_class(im->mask, im->gender, age_bin);
	int		 labelled = im->mask >= 0 || im->gender >= 0 ||
			    im->age >= 0 || im->boxed;
	int		 rc;

	snprintf(hex, sizeof hex, "%016" PRIx64, im->hash);
	sqlite3_bind_int64(st, 1, w->source_id);
	if (im->person_id > 0)
		sqlite3_bind_int64(st, 2, im->person_id);
	sqlite3_bind_text(st, 3, im->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, im->bytes);
	sqlite3_bind_int64(st, 5, im->mtime_ns);
	sqlite3_bind_text(st, 6, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, im->format, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, im->width);
	sqlite3_bind_int(st, 9, im->height);
	sqlite3_bind_int(st, 10, im->channels);
	bind_opt(st, 11, im->mask);
	bind_opt(st, 12, im->gender);
	bind_opt(st, 13, im->age);
	bind_opt(st, 14, age_bin);
	bind_opt(st, 15, cls);
	bind_opt(st, 16, im->seq > 0 ? im->seq : -1);
	sqlite3_bind_text(st, 17, labelled ? "ok" : "unlabelled", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 18, w->import_id);
	bind_text_opt(st, 19, im->label);
	bind_text_opt(st, 20, im->subtype);
	bind_text_opt(st, 21, im->split);
	bind_text_opt(st, 22, im->race);
	*id = 0;
	*dup = 0;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*dup = sqlite3_column_type(st, 1) != SQLITE_NULL;
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return error("cannot add '%s' to catalog '%s': %s (code %d)",
		    im->path, db_name(w->db), db_errmsg(w->db), rc);
	if (im->measures != NULL && measures_step(w->db, w->st[ST_MEASURES],
	    *id, im->measures) != 0)
		return -1;
	sqlite3_bind_int64(w->st[ST_IMAGE_UNQUARANTINE], 1, w->source_id);
	sqlite3_bind_text(w->st[ST_IMAGE_UNQUARANTINE], 2, im->path, -1,
	    SQLITE_STATIC);
	return writer_step(w, ST_IMAGE_UNQUARANTINE, im->path);
}

int
db_put_boxes(struct db_writer *w, int64_t image_id, const struct db_box *b,
    size_t n)
{
	sqlite3_stmt	*st = w->st[ST_BOX];
	size_t		 i;

	sqlite3_bind_int64(w->st[ST_BOX_CLEAR], 1, image_id);
	if (writer_step(w, ST_BOX_CLEAR, "boxes") != 0)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, image_id);
		sqlite3_bind_int(st, 2, b[i].idx);
		sqlite3_bind_int(st, 3, b[i].x0);
		sqlite3_bind_int(st, 4, b[i].y0);
		sqlite3_bind_int(st, 5, b[i].x1);
		sqlite3_bind_int(st, 6, b[i].y1);
		sqlite3_bind_int(st, 7, b[i].clipped);
		sqlite3_bind_text(st, 8, b[i].label, -1, SQLITE_STATIC);
		bind_opt(st, 9, b[i].mask);
		sqlite3_bind_int(st, 10, b[i].difficult);
		sqlite3_bind_int(st, 11, b[i].truncated);
		if (writer_step(w, ST_BOX, b[i].label) != 0)
			return -1;
	}
	return 0;
}

int
db_put_quarantine(struct db_writer *w, const char *path, const char *reason)
{
	sqlite3_stmt	*st = w->st[ST_QUARANTINE];

	sqlite3_bind_int64(st, 1, w->source_id);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, w->import_id);
	if (writer_step(w, ST_QUARANTINE, path) != 0)
		return -1;
	sqlite3_bind_int64(w->st[ST_QUARANTINE_UNIMAGE], 1, w->source_id);
	sqlite3_bind_text(w->st[ST_QUARANTINE_UNIMAGE], 2, path, -1,
	    SQLITE_STATIC);
	return writer_step(w, ST_QUARANTINE_UNIMAGE, path);
}

int
db_image_cached(struct db_writer *w, const char *path, int64_t bytes,
    int64_t mtime_ns, int measure_version, struct db_image *cached)
{
	sqlite3_stmt	*st = w->st[ST_CACHED];
	const char	*fmt;
	int		 rc, found = 0;

	sqlite3_bind_int64(st, 1, w->source_id);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == bytes &&
	    sqlite3_column_int64(st, 1) == mtime_ns && (measure_version == 0 ||
	    sqlite3_column_int(st, 7) == measure_version)) {
		fmt = (const char *)sqlite3_column_text(st, 3);
		cached->hash = strtoull((const char *)sqlite3_column_text(st, 2),
		    NULL, 16);
		cached->format = strcmp(fmt, "png") == 0 ? "png" : "jpeg";
		cached->width = sqlite3_column_int(st, 4);
		cached->height = sqlite3_column_int(st, 5);
		cached->channels = sqlite3_column_int(st, 6);
		found = 1;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(w->db, writer_sql[ST_CACHED]);
	return found;
}

int
db_writer_finish(struct db_writer *w, long images, long quarantined,
    long *removed)
{
	static const char *const sql[] = {
		"DELETE FROM images WHERE source_id = ?1"
		" AND import_id IS NOT ?2",
		"DELETE FROM quarantine WHERE source_id = ?1"
		" AND import_id IS NOT ?2",
		"DELETE FROM persons WHERE source_id = ?1"
		" AND import_id IS NOT ?2",
		"UPDATE imports SET finished_at = " NOW ", images = ?3,"
		" quarantined = ?4 WHERE id = ?2 AND source_id = ?1",
		"UPDATE sources SET imported_at = " NOW " WHERE id = ?1",
	};
	sqlite3_stmt	*st = NULL;
	size_t		 i;

	*removed = 0;
	if (db_begin(w->db) != 0)
		return -1;
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		if (sqlite3_prepare_v2(w->db, sql[i], -1, &st, NULL) !=
		    SQLITE_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, w->source_id);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int64(st, 2, w->import_id);
		if (sqlite3_bind_parameter_count(st) >= 4) {
			sqlite3_bind_int64(st, 3, images);
			sqlite3_bind_int64(st, 4, quarantined);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
		if (i == 0)
			*removed = sqlite3_changes(w->db);
		sqlite3_finalize(st);
		st = NULL;
	}
	return db_commit(w->db);
fail:
	db_error(w->db, sql[i]);
	sqlite3_finalize(st);
	db_rollback(w->db);
	return -1;
}

/* Writes a 64-bit value as 16 hex digits into hex[17]. */
static const char *
hex64(char *hex, uint64_t v)
{
	snprintf(hex, 17, "%016" PRIx64, v);
	return hex;
}

/* Binds and runs the measures insert on 'st' (reset after).  0 or -1. */
static int
measures_step(sqlite3 *db, sqlite3_stmt *st, int64_t image_id,
    const struct db_measures *m)
{
	char	h1[17], h2[17], h3[17], h4[17], h5[17];
	int	rc;

	sqlite3_bind_int64(st, 1, image_id);
	sqlite3_bind_int(st, 2, m->version);
	sqlite3_bind_text(st, 3, hex64(h1, m->phash), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hex64(h2, m->dhash), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, hex64(h3, m->thumb_hash), -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 6, m->bright_p1);
	sqlite3_bind_double(st, 7, m->bright_p99);
	sqlite3_bind_double(st, 8, m->bright_mean);
	sqlite3_bind_double(st, 9, m->sharpness);
	sqlite3_bind_double(st, 10, m->entropy);
	sqlite3_bind_double(st, 11, m->colour);
	sqlite3_bind_int(st, 12, m->orientation);
	sqlite3_bind_int(st, 13, m->thumb_w);
	sqlite3_bind_int(st, 14, m->thumb_h);
	sqlite3_bind_text(st, 15, hex64(h4, m->phash_mirror), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 16, hex64(h5, m->dhash_mirror), -1,
	    SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return error("cannot store the measures of image %lld in"
		    " catalog '%s': %s", (long long)image_id, db_name(db),
		    db_errmsg(db));
	return 0;
}

int
db_put_measures(sqlite3 *db, int64_t image_id, const struct db_measures *m)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	if (sqlite3_prepare_v2(db, writer_sql[ST_MEASURES], -1, &st, NULL) !=
	    SQLITE_OK)
		return db_error(db, writer_sql[ST_MEASURES]);
	rc = measures_step(db, st, image_id, m);
	sqlite3_finalize(st);
	return rc;
}
