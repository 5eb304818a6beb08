/*
 * db/saved.c: the latest audit and split reports (see saved.h).
 */
#include <stdlib.h>

#include "db.h"
#include "saved.h"
#include "../lib/err.h"

/* See saved.h. */
int
db_saved_put(sqlite3 *db, const char *kind, const char *command,
    const char *body)
{
	static const char	 sql[] = "INSERT INTO saved_reports (kind,"
	    " created_at, command, body) VALUES (?1,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3)";
	sqlite3_stmt		*st = NULL;
	int			 rc = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, command, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		error("cannot save the %s report in catalog '%s': %s (code"
		    " %d)", kind, db_name(db), db_errmsg(db),
		    sqlite3_extended_errcode(db));
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* A column as a malloc()ed string, or NULL when NULL. */
static char *
column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

/* See saved.h. */
int
db_saved_latest(sqlite3 *db, const char *kind, char **body, char **command,
    char **created_at)
{
	static const char	 sql[] = "SELECT body, command, created_at"
	    " FROM saved_reports WHERE kind = ?1 ORDER BY id DESC LIMIT 1";
	sqlite3_stmt		*st = NULL;
	int			 rc;

	if (body != NULL)
		*body = NULL;
	if (command != NULL)
		*command = NULL;
	if (created_at != NULL)
		*created_at = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (body != NULL)
			*body = column_dup(st, 0);
		if (command != NULL)
			*command = column_dup(st, 1);
		if (created_at != NULL)
			*created_at = column_dup(st, 2);
	} else if (rc != SQLITE_DONE) {
		db_error(db, sql);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
