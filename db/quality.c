/*
 * db/quality.c: the queries behind "maskcat scan" and the quality and
 * duplicate reports.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "../lib/err.h"

int
db_each_unmeasured(sqlite3 *db, const char *source, int version,
    int (*fn)(const struct db_unmeasured *, void *), void *arg)
{
	static const char	 sql[] =
	    "SELECT i.id, s.name, s.root, s.container, s.prefix, i.path"
	    " FROM images i JOIN sources s ON s.id = i.source_id"
	    " LEFT JOIN measures m ON m.image_id = i.id"
	    " WHERE (?1 IS NULL OR s.name = ?1)"
	    " AND (m.version IS NULL OR m.version <> ?2)"
	    " ORDER BY s.name, i.path";
	struct db_unmeasured	 u;
	sqlite3_stmt		*st = NULL;
	int			 rc, ret = 0;

	if (db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	sqlite3_bind_int(st, 2, version);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		u.image_id = sqlite3_column_int64(st, 0);
		u.source = (const char *)sqlite3_column_text(st, 1);
		u.root = (const char *)sqlite3_column_text(st, 2);
		u.container = (const char *)sqlite3_column_text(st, 3);
		u.prefix = (const char *)sqlite3_column_text(st, 4);
		u.path = (const char *)sqlite3_column_text(st, 5);
		if ((ret = fn(&u, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE)
		return db_error(db, sql);
	return ret;
}

/* A nullable integer column, -1 for NULL. */
static int
col_opt(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, col);
}

static uint64_t
col_hex(sqlite3_stmt *st, int col)
{
	const char	*s = (const char *)sqlite3_column_text(st, col);

	return s != NULL ? strtoull(s, NULL, 16) : 0;
}

int
db_each_measured(sqlite3 *db, const char *source, int version,
    int (*fn)(const struct db_measured *, void *), void *arg,
    long *unmeasured)
{
	static const char	 sql[] =
	    "SELECT i.id, s.name, s.root, s.container, s.prefix, i.path,"
	    " i.label, p.folder, i.split, i.mask, i.gender, i.age_bin,"
	    " i.width, i.height, i.hash, m.phash, m.dhash, m.thumb_hash,"
	    " m.bright_p1, m.bright_p99, m.bright_mean, m.sharpness,"
	    " m.entropy, m.colour, m.orientation, m.thumb_w, m.thumb_h,"
	    " m.phash_mirror, m.dhash_mirror FROM images i JOIN sources s ON s.id = i.source_id"
	    " JOIN measures m ON m.image_id = i.id"
	    " LEFT JOIN persons p ON p.id = i.person_id"
	    " WHERE (?1 IS NULL OR s.name = ?1) AND m.version = ?2"
	    " ORDER BY i.id";
	static const char	 count[] =
	    "SELECT count(*) FROM images i JOIN sources s ON s.id = i.source_id"
	    " LEFT JOIN measures m ON m.image_id = i.id"
	    " WHERE (?1 IS NULL OR s.name = ?1)"
	    " AND (m.version IS NULL OR m.version <> ?2)";
	struct db_measured	 r;
	sqlite3_stmt		*st = NULL;
	int			 rc, ret = 0;

	if (unmeasured != NULL) {
		if (db_prepare_source(db, count, source, &st) != 0)
			return -1;
		sqlite3_bind_int(st, 2, version);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return db_error(db, count);
		}
		*unmeasured = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	sqlite3_bind_int(st, 2, version);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.image_id = sqlite3_column_int64(st, 0);
		r.source = (const char *)sqlite3_column_text(st, 1);
		r.root = (const char *)sqlite3_column_text(st, 2);
		r.container = (const char *)sqlite3_column_text(st, 3);
		r.prefix = (const char *)sqlite3_column_text(st, 4);
		r.path = (const char *)sqlite3_column_text(st, 5);
		r.label = (const char *)sqlite3_column_text(st, 6);
		r.person = (const char *)sqlite3_column_text(st, 7);
		r.split = (const char *)sqlite3_column_text(st, 8);
		r.mask = col_opt(st, 9);
		r.gender = col_opt(st, 10);
		r.age_bin = col_opt(st, 11);
		r.width = sqlite3_column_int(st, 12);
		r.height = sqlite3_column_int(st, 13);
		r.hash = col_hex(st, 14);
		r.m.version = version;
		r.m.phash = col_hex(st, 15);
		r.m.dhash = col_hex(st, 16);
		r.m.thumb_hash = col_hex(st, 17);
		r.m.bright_p1 = sqlite3_column_double(st, 18);
		r.m.bright_p99 = sqlite3_column_double(st, 19);
		r.m.bright_mean = sqlite3_column_double(st, 20);
		r.m.sharpness = sqlite3_column_double(st, 21);
		r.m.entropy = sqlite3_column_double(st, 22);
		r.m.colour = sqlite3_column_double(st, 23);
		r.m.orientation = sqlite3_column_int(st, 24);
		r.m.thumb_w = sqlite3_column_int(st, 25);
		r.m.thumb_h = sqlite3_column_int(st, 26);
		r.m.phash_mirror = col_hex(st, 27);
		r.m.dhash_mirror = col_hex(st, 28);
		if ((ret = fn(&r, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE)
		return db_error(db, sql);
	return ret;
}
