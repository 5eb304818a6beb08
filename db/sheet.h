/*
 * db/sheet.h: the read-only queries of "maskcat sheet" (contact sheets)
 * that db/db.h does not already offer.
 */
#ifndef DB_SHEET_H
#define DB_SHEET_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* One face box of an image, in stored (not oriented) pixels, x1 y1 exclusive. */
struct db_sheet_box {
	int	idx;
	int	x0, y0, x1, y1;
	int	mask;		/* -1 unknown */
};

/*
 * The boxes of image 'image_id' in annotation order: *boxes is a
 * malloc()ed array of *n entries the caller must free() (NULL when there
 * are none).  Returns 0, or -1 after reporting (with the SQL) and *boxes
 * NULL, *n 0.
 */
int	db_sheet_boxes(sqlite3 *db, int64_t image_id,
	    struct db_sheet_box **boxes, size_t *n);

#endif
