/*
 * db/schema.h: the migrations, private to db/.
 */
#ifndef DB_SCHEMA_H
#define DB_SCHEMA_H

#include <sqlite3.h>

/* The schema version after the last migration. */
int	schema_latest(void);
/*
 * Takes the schema from 'version' to version + 1 inside the caller's
 * transaction.  Returns 0, or -1 after reporting.
 */
int	schema_step(sqlite3 *db, int version);

#endif
