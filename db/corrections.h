/*
 * db/corrections.h: "maskcat relabel", the label correction overlay.  A
 * correction names its target by the source's own keys (a person's
 * folder, an image's path, a face box's index) so it survives re-imports.
 * The catalogued labels are the corrected ones; old_value keeps what was
 * there before, and undoing restores it.  Source files are never touched.
 */
#ifndef DB_CORRECTIONS_H
#define DB_CORRECTIONS_H

#include <stdint.h>

#include "db.h"

/* What to correct: exactly one of person and path; box_idx only with path. */
struct db_correction {
	const char	*source;	/* NULL: the catalog's only source */
	const char	*person;	/* a person's folder, or NULL */
	const char	*path;		/* an image's path, or NULL */
	int		 box_idx;	/* a face box of that image; -1 none */
	const char	*field;		/* "mask", "gender" or "age" */
	int		 value;		/* the label code (lib/labels.h), or age */
	const char	*reason;	/* why; not empty */
};

/* One correction as recorded. */
struct db_correction_row {
	int64_t		 id;
	const char	*source, *person, *path;	/* person or path NULL */
	int		 box_idx;			/* -1: none */
	const char	*field;
	int		 old_value;			/* -1: was unknown */
	int		 new_value;
	const char	*reason, *created_at;
	const char	*undone_at;			/* NULL: active */
};

/*
 * Records and applies one correction in one BEGIN IMMEDIATE transaction:
 * checks that the source and the target exist ("no person 'F' in source
 * 'S'", "no image 'P' in source 'S'", "image 'P' has no face box N"), that
 * the field applies to it (a mask belongs to a photo or a face box; the
 * gender and age of a photo with a person belong to the person), and that
 * the value differs from the current one ("person 'F' is already
 * female"); reads the current value as old_value, inserts the row and
 * updates the catalog's labels (a person's images too, with age bin and
 * class).  *id gets the new row id and *old_value the replaced value (-1:
 * unknown).  Returns 0, or -1 after reporting (nothing changed).
 */
int	db_correction_add(sqlite3 *db, const struct db_correction *c,
	    int64_t *id, int *old_value);

/*
 * Undoes correction 'id' (0: the latest active one) in one transaction:
 * restores its old_value on the target (if the target is still
 * catalogued) and sets undone_at.  Refused, with nothing changed, when
 * the id is unknown, already undone, or a later active correction of the
 * same target and field exists ("undo #7 first").  On success *row is the
 * undone correction with malloc()ed strings: release it with
 * db_correction_row_release().  Returns 0, or -1 after reporting.
 */
int	db_correction_undo(sqlite3 *db, int64_t id,
	    struct db_correction_row *row);
/* Frees the strings of a row filled by db_correction_undo(). */
void	db_correction_row_release(struct db_correction_row *row);

/*
 * Re-applies every active correction of a source in id order, in one
 * transaction; an import calls it after rewriting the labels from the
 * files.  When the files now say something else than the correction's
 * old_value, old_value follows them (so an undo restores what the files
 * say).  A target no longer in the catalog is warned about (once per
 * correction) and counted in *missing; *applied counts the others.
 * Returns 0, or -1 after reporting (nothing changed).
 */
int	db_corrections_apply(sqlite3 *db, int64_t source_id, long *applied,
	    long *missing);

/*
 * *count gets the number of active corrections of one source (NULL: all
 * sources; an unknown source counts 0).  Returns 0, or -1 after reporting.
 */
int	db_corrections_count(sqlite3 *db, const char *source, long *count);

/*
 * Calls fn for every correction of one source (NULL: all), active ones
 * only unless 'all', in id order; the row's strings are borrowed for the
 * call.  Returns 0, fn's non-zero result, or -1 after reporting (an
 * unknown source is reported).
 */
int	db_each_correction(sqlite3 *db, const char *source, int all,
	    int (*fn)(const struct db_correction_row *, void *), void *arg);

/*
 * The word of a value of 'field': "wear", "female", "45"; "?" for -1.
 * The result is 'buf' (16 bytes) or a static string.  Pure.
 */
const char *db_correction_word(const char *field, int value, char *buf);

#endif
