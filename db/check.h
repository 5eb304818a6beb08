/*
 * db/check.h: the queries behind "maskcat check": the catalog's own
 * integrity checks and every image with what its file held at import.
 */
#ifndef DB_CHECK_H
#define DB_CHECK_H

#include <sqlite3.h>
#include <stdint.h>

/*
 * Runs PRAGMA integrity_check and PRAGMA foreign_key_check and calls
 * fn(what, detail, arg) for each problem found: what is "integrity" or
 * "foreign-key", detail one line ("row 12 of 'images' refers to a
 * missing 'sources' row").  Strings are borrowed for the call.  *problems
 * gets the number of problems.  Returns 0, fn's non-zero result, or -1
 * after reporting (a catalog too damaged to run the checks at all).
 */
int	db_check_integrity(sqlite3 *db,
	    int (*fn)(const char *what, const char *detail, void *arg),
	    void *arg, long *problems);

/* One catalogued image as import saw its file. */
struct db_check_image {
	int64_t		 id;
	const char	*source, *path;	/* path relative to the source root */
	const char	*hash;		/* XXH3-64 of the bytes, 16 hex */
	int64_t		 bytes;
};
/*
 * Calls fn for every image of one source (NULL: all), ordered by source
 * name and path (strcmp order); the strings are borrowed for the call.
 * Returns 0, fn's non-zero result, or -1 after reporting.
 */
int	db_check_each_image(sqlite3 *db, const char *source,
	    int (*fn)(const struct db_check_image *, void *), void *arg);

#endif
