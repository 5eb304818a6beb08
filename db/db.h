/*
 * db/db.h: the catalog.  The only room that holds SQL text.
 */
#ifndef DB_DB_H
#define DB_DB_H

#include <sqlite3.h>

/*
 * Opens the catalog at 'path'.  For writing, creates it if needed, sets WAL
 * and migrates the schema to the newest version; for reading, refuses a
 * catalog that does not exist or needs migrating.  Every connection has
 * foreign keys on, extended result codes and a busy timeout.  A catalog
 * newer than this binary, or a file that is not SQLite, is refused.
 * Returns 0 and sets *dbp (close with db_close()), or -1 after reporting.
 */
int	db_open(const char *path, int writable, sqlite3 **dbp);
/* Closes 'db' (NULL is fine).  Returns 0, or -1 after reporting. */
int	db_close(sqlite3 *db);

#endif
