/*
 * db/saved.h: the latest reports kept in the catalog (table
 * saved_reports, schema 5), so "maskcat report html" can show the last
 * audit and the last export's split without running them again.
 *
 * Bodies are JSON text:
 *   'audit'  the text "maskcat audit --format json" prints;
 *   'split'  {"out": "<OUT as given>", "report": <OUT/split_report.json>}.
 */
#ifndef DB_SAVED_H
#define DB_SAVED_H

#include <sqlite3.h>

/*
 * Stores one report of 'kind' ("audit" or "split") with the command line
 * 'command' and the JSON text 'body' (all borrowed), stamped with the
 * current UTC time.  Needs a writable connection.  Returns 0, or -1 after
 * reporting the catalog error.
 */
int	db_saved_put(sqlite3 *db, const char *kind, const char *command,
	    const char *body);

/*
 * The latest report of 'kind': on success *body, *command and *created_at
 * (any may be NULL when not wanted) are malloc()ed strings the caller
 * must free(), or all NULL when no report of that kind was saved.
 * Returns 0 (found or not), or -1 after reporting.
 */
int	db_saved_latest(sqlite3 *db, const char *kind, char **body,
	    char **command, char **created_at);

#endif
