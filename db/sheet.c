/*
 * db/sheet.c: queries for contact sheets ("maskcat sheet").
 */
#include <stdlib.h>

#include "db.h"
#include "sheet.h"
#include "../lib/err.h"

/* See sheet.h. */
int
db_sheet_boxes(sqlite3 *db, int64_t image_id, struct db_sheet_box **boxes,
    size_t *n)
{
	static const char	 sql[] =
	    "SELECT idx, x0, y0, x1, y1, mask FROM boxes WHERE image_id = ?1"
	    " ORDER BY idx";
	struct db_sheet_box	*v = NULL, *b;
	sqlite3_stmt		*st = NULL;
	size_t			 cap = 0;
	int			 rc;

	*boxes = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_int64(st, 1, image_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof *v);
		}
		b = &v[(*n)++];
		b->idx = sqlite3_column_int(st, 0);
		b->x0 = sqlite3_column_int(st, 1);
		b->y0 = sqlite3_column_int(st, 2);
		b->x1 = sqlite3_column_int(st, 3);
		b->y1 = sqlite3_column_int(st, 4);
		b->mask = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return db_error(db, sql);
	}
	*boxes = v;
	return 0;
}
