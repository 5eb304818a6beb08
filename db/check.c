/*
 * db/check.c: read-only queries of "maskcat check" (see check.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "db.h"
#include "../lib/err.h"

/* Runs one PRAGMA and hands its rows to row(); 0, fn's result or -1. */
static int
check_pragma(sqlite3 *db, const char *sql,
    int (*row)(sqlite3_stmt *, void *), void *arg)
{
	sqlite3_stmt	*st = NULL;
	int		 rc, ret = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((ret = row(st, arg)) != 0)
			break;
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(db, sql);
	sqlite3_finalize(st);
	return ret;
}

struct integrity_cb {
	int	(*fn)(const char *, const char *, void *);
	void	*arg;
	long	*problems;
};

static int
integrity_row(sqlite3_stmt *st, void *arg)
{
	struct integrity_cb	*cb = arg;
	const char		*msg = (const char *)sqlite3_column_text(st, 0);

	/* "*** in database main ***" only heads the lines that follow. */
	if (msg == NULL || strcmp(msg, "ok") == 0 ||
	    strncmp(msg, "*** ", 4) == 0)
		return 0;
	(*cb->problems)++;
	return cb->fn("integrity", msg, cb->arg);
}

static int
fk_row(sqlite3_stmt *st, void *arg)
{
	struct integrity_cb	*cb = arg;
	const char		*table, *parent;
	char			*detail;
	int			 ret;

	table = (const char *)sqlite3_column_text(st, 0);
	parent = (const char *)sqlite3_column_text(st, 2);
	(*cb->problems)++;
	if (sqlite3_column_type(st, 1) == SQLITE_NULL)
		detail = xasprintf("a row of '%s' refers to a missing '%s'"
		    " row", table ? table : "?", parent ? parent : "?");
	else
		detail = xasprintf("row %lld of '%s' refers to a missing '%s'"
		    " row", (long long)sqlite3_column_int64(st, 1),
		    table ? table : "?", parent ? parent : "?");
	ret = cb->fn("foreign-key", detail, cb->arg);
	free(detail);
	return ret;
}

/*
 * See check.h.  The detail strings handed to fn are borrowed for the call
 * (fn copies what it keeps); -1 only after db_error() reported the PRAGMA.
 */
int
db_check_integrity(sqlite3 *db,
    int (*fn)(const char *, const char *, void *), void *arg, long *problems)
{
	struct integrity_cb	cb = { fn, arg, problems };
	int			ret;

	*problems = 0;
	if ((ret = check_pragma(db, "PRAGMA integrity_check", integrity_row,
	    &cb)) != 0)
		return ret;
	return check_pragma(db, "PRAGMA foreign_key_check", fk_row, &cb);
}

/*
 * See check.h.  The row's strings belong to the statement and live only
 * during fn; -1 after db_error() reported the query.
 */
int
db_check_each_image(sqlite3 *db, const char *source,
    int (*fn)(const struct db_check_image *, void *), void *arg)
{
	static const char	 sql[] =
	    "SELECT i.id, s.name, i.path, i.hash, i.bytes"
	    " FROM images i JOIN sources s ON s.id = i.source_id"
	    " WHERE (?1 IS NULL OR s.name = ?1)"
	    " ORDER BY s.name, i.path";
	struct db_check_image	 im;
	sqlite3_stmt		*st = NULL;
	int			 rc, ret = 0;

	if (db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		im.id = sqlite3_column_int64(st, 0);
		im.source = (const char *)sqlite3_column_text(st, 1);
		im.path = (const char *)sqlite3_column_text(st, 2);
		im.hash = (const char *)sqlite3_column_text(st, 3);
		im.bytes = sqlite3_column_int64(st, 4);
		if ((ret = fn(&im, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE)
		return db_error(db, sql);
	return ret;
}
