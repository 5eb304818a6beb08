/*
 * db/query.c: read-only queries behind the reports and "maskcat info".
 * Reports render; these only count.
 */
#include <string.h>

#include "db.h"
#include "../lib/err.h"

int
db_check_source(sqlite3 *db, const char *source)
{
	static const char	 sql[] = "SELECT 1 FROM sources WHERE name = ?1";
	sqlite3_stmt		*st = NULL;
	int			 rc;

	if (source == NULL)
		return 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return error("no source named '%s' in the catalog (see"
		    " maskcat info)", source);
	return db_error(db, sql);
}

/* Runs 'sql' (?1 = source or NULL) and calls row() per result row. */
static int
query_rows(sqlite3 *db, const char *sql, const char *source,
    void (*row)(sqlite3_stmt *, void *), void *arg)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	if (db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(st, arg);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, sql);
	return 0;
}

static void
row_class(sqlite3_stmt *st, void *arg)
{
	struct db_class_counts	*c = arg;
	int			 cls = sqlite3_column_int(st, 0);

	if (cls >= 0 && cls < 18) {
		c->images[cls] = sqlite3_column_int64(st, 1);
		c->persons[cls] = sqlite3_column_int64(st, 2);
	}
}

static void
row_cube(sqlite3_stmt *st, void *arg)
{
	struct db_class_counts	*c = arg;
	int			 m, g, a;

	m = sqlite3_column_type(st, 0) == SQLITE_NULL ? CUBE_UNKNOWN_MASK :
	    sqlite3_column_int(st, 0);
	g = sqlite3_column_type(st, 1) == SQLITE_NULL ? CUBE_UNKNOWN_GENDER :
	    sqlite3_column_int(st, 1);
	a = sqlite3_column_type(st, 2) == SQLITE_NULL ? CUBE_UNKNOWN_AGE :
	    sqlite3_column_int(st, 2);
	if (m >= 0 && m <= 3 && g >= 0 && g <= 2 && a >= 0 && a <= 3)
		c->cube[m][g][a] += sqlite3_column_int64(st, 3);
}

static void
row_age(sqlite3_stmt *st, void *arg)
{
	struct db_class_counts	*c = arg;
	int			 age = sqlite3_column_int(st, 0);

	if (age >= 0 && age <= 150)
		c->age_persons[age] += sqlite3_column_int64(st, 1);
}

static void
row_totals(sqlite3_stmt *st, void *arg)
{
	struct db_class_counts	*c = arg;

	c->labelled_images = sqlite3_column_int64(st, 0);
	c->samples = sqlite3_column_int64(st, 1);
	c->persons_total = sqlite3_column_int64(st, 2);
	c->unlabelled_images = sqlite3_column_int64(st, 3);
	c->duplicates = sqlite3_column_int64(st, 4);
}

#define SOURCE_FILTER \
	" (?1 IS NULL OR i.source_id = (SELECT id FROM sources WHERE name = ?1))"

int
db_class_counts(sqlite3 *db, const char *source, struct db_class_counts *out)
{
	static const char	 classes[] =
	    "SELECT i.class, count(*), count(DISTINCT i.person_id)"
	    " FROM samples i WHERE i.class IS NOT NULL AND" SOURCE_FILTER
	    " GROUP BY i.class";
	static const char	 cube[] =
	    "SELECT i.mask, i.gender, i.age_bin, count(*) FROM samples i"
	    " WHERE i.status = 'ok' AND" SOURCE_FILTER " GROUP BY 1, 2, 3";
	/* Ages count persons; samples with an age but no person count alone. */
	static const char	 ages[] =
	    "SELECT age, count(*) FROM ("
	    " SELECT DISTINCT coalesce(i.person_id, -i.image_id) AS who,"
	    " i.age AS age FROM samples i WHERE i.age IS NOT NULL AND"
	    SOURCE_FILTER ") GROUP BY age";
	static const char	 totals[] =
	    "SELECT (SELECT count(i.class) FROM samples i WHERE" SOURCE_FILTER "),"
	    " (SELECT count(*) FROM samples i WHERE i.status = 'ok' AND"
	    SOURCE_FILTER "),"
	    " (SELECT count(DISTINCT i.person_id) FROM samples i WHERE"
	    " i.class IS NOT NULL AND" SOURCE_FILTER "),"
	    " (SELECT count(*) FROM images i WHERE i.status = 'unlabelled' AND"
	    SOURCE_FILTER "),"
	    " (SELECT count(*) FROM images i WHERE i.dup_of IS NOT NULL AND"
	    SOURCE_FILTER ")";

	memset(out, 0, sizeof *out);
	if (db_check_source(db, source) != 0)
		return -1;
	if (query_rows(db, classes, source, row_class, out) != 0 ||
	    query_rows(db, cube, source, row_cube, out) != 0 ||
	    query_rows(db, ages, source, row_age, out) != 0 ||
	    query_rows(db, totals, source, row_totals, out) != 0)
		return -1;
	return 0;
}

int
db_each_source(sqlite3 *db, int (*fn)(const struct db_source_row *, void *),
    void *arg)
{
	static const char	 sql[] =
	    "SELECT s.name, s.kind, s.root, s.imported_at,"
	    " (SELECT count(*) FROM images i WHERE i.source_id = s.id),"
	    " (SELECT count(*) FROM persons p WHERE p.source_id = s.id),"
	    " (SELECT count(*) FROM quarantine q WHERE q.source_id = s.id),"
	    " s.container, s.prefix, s.slug, s.license,"
	    " (SELECT count(*) FROM boxes b JOIN images i ON i.id = b.image_id"
	    "  WHERE i.source_id = s.id),"
	    " (SELECT count(*) FROM images i WHERE i.source_id = s.id"
	    "  AND i.dup_of IS NOT NULL),"
	    " (SELECT count(*) FROM images i JOIN images f ON f.id = i.dup_of"
	    "  WHERE i.source_id = s.id AND f.source_id <> s.id)"
	    " FROM sources s ORDER BY s.name";
	struct db_source_row	 r;
	sqlite3_stmt		*st = NULL;
	int			 rc, ret = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.name = (const char *)sqlite3_column_text(st, 0);
		r.kind = (const char *)sqlite3_column_text(st, 1);
		r.root = (const char *)sqlite3_column_text(st, 2);
		r.imported_at = (const char *)sqlite3_column_text(st, 3);
		r.images = sqlite3_column_int64(st, 4);
		r.persons = sqlite3_column_int64(st, 5);
		r.quarantined = sqlite3_column_int64(st, 6);
		r.container = (const char *)sqlite3_column_text(st, 7);
		r.prefix = (const char *)sqlite3_column_text(st, 8);
		r.slug = (const char *)sqlite3_column_text(st, 9);
		r.license = (const char *)sqlite3_column_text(st, 10);
		r.boxes = sqlite3_column_int64(st, 11);
		r.duplicates = sqlite3_column_int64(st, 12);
		r.cross_duplicates = sqlite3_column_int64(st, 13);
		if ((ret = fn(&r, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(db, sql);
	return ret;
}

int
db_each_quarantine(sqlite3 *db, const char *source, long limit,
    int (*fn)(const char *, const char *, const char *, void *), void *arg,
    long *total)
{
	static const char	 sql[] =
	    "SELECT s.name, q.path, q.reason, count(*) OVER ()"
	    " FROM quarantine q JOIN sources s ON s.id = q.source_id"
	    " WHERE ?1 IS NULL OR s.name = ?1 ORDER BY s.name, q.path";
	sqlite3_stmt		*st = NULL;
	long			 n = 0;
	int			 rc, ret = 0;

	*total = 0;
	if (db_check_source(db, source) != 0)
		return -1;
	if (db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 3);
		if (limit >= 0 && n >= limit)
			break;
		n++;
		if ((ret = fn((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(db, sql);
	return ret;
}

int
db_each_image(sqlite3 *db, const char *source,
    int (*fn)(const struct db_image_row *, void *), void *arg)
{
	static const char	 sql[] =
	    "SELECT i.id, s.name, s.root, i.path, p.folder, i.mask, i.class"
	    " FROM images i JOIN sources s ON s.id = i.source_id"
	    " LEFT JOIN persons p ON p.id = i.person_id"
	    " WHERE ?1 IS NULL OR s.name = ?1 ORDER BY i.id";
	struct db_image_row	 r;
	sqlite3_stmt		*st = NULL;
	int			 rc, ret = 0;

	if (db_check_source(db, source) != 0)
		return -1;
	if (db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.source = (const char *)sqlite3_column_text(st, 1);
		r.root = (const char *)sqlite3_column_text(st, 2);
		r.path = (const char *)sqlite3_column_text(st, 3);
		r.person = (const char *)sqlite3_column_text(st, 4);
		r.mask = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 5);
		r.cls = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 6);
		if ((ret = fn(&r, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE)
		return db_error(db, sql);
	return ret;
}
