/*
 * export/export.h: "maskcat export" and "maskcat verify": writing a
 * stratified, person-grouped, optionally balanced and resized split of
 * the catalogued samples into a fresh folder, with manifests that let
 * anyone check every written byte later.
 */
#ifndef EXPORT_EXPORT_H
#define EXPORT_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "../db/db.h"
#include "../image/image.h"

enum export_balance { BAL_NONE, BAL_OVERSAMPLE, BAL_UNDERSAMPLE, BAL_WEIGHTS };
enum export_by { BY_CLASS, BY_MASK, BY_AGE, BY_GENDER_AGE };
enum export_layout { LAYOUT_IMAGEFOLDER, LAYOUT_BASE };
enum export_classes { CLASSES_CLASS, CLASSES_MASK };

struct export_opts {
	const char		*out;		/* the folder to create */
	const char		*source;	/* one source, or NULL */
	const struct db_filter	*where;		/* ANDed filters */
	size_t			 nwhere;
	double			 valid;		/* valid share (folds == 0) */
	int			 folds;		/* K >= 2: K-fold, else 0 */
	uint64_t		 seed;
	enum export_balance	 balance;
	enum export_by		 balance_by;
	int			 width, height;	/* 0 0: keep the region's size */
	enum img_crop		 crop;
	double			 margin;	/* around a face box, e.g. 0.2 */
	enum img_format		 format;	/* IMG_JPEG or IMG_PNG */
	int			 quality;	/* JPEG 1-100 */
	enum export_layout	 layout;
	enum export_classes	 classes;	/* imagefolder folder names */
	int			 dup_threshold;	/* < 0: no duplicate groups */
	int			 jobs;		/* threads, >= 1 */
	int			 force;		/* replace a non-empty out */
	int			 argc;		/* the command, for export.json */
	char			**argv;
	const char		*db_path;	/* the catalog, for export.json */
};

/* Lower-case option words, for messages, parsing and export.json. */
const char	*export_balance_name(enum export_balance);
const char	*export_by_name(enum export_by);
const char	*export_crop_name(enum img_crop);

/*
 * Writes the export described by *o, printing the split and balance
 * report to 'out'.  Everything goes into a locked staging folder beside
 * o->out that is renamed into place at the end, so an interrupted run
 * leaves no OUT (and the next run removes the stale staging folder).
 * Refuses a non-empty OUT without force, an OUT inside a source folder,
 * and an OUT that holds a source or the catalog.  Every failure (a
 * source file that is gone, changed since import or no longer decodes)
 * is reported with its path and fails the whole export: nothing is
 * renamed into place.  Once OUT is in place, its split report is saved
 * in the catalog (db/saved.h, kind 'split'; 'db' must be writable).
 * Returns 0, or -1 after reporting.
 */
int	export_run(sqlite3 *db, const struct export_opts *o, FILE *out);

/*
 * Checks an export folder: export.json is readable and names the
 * manifests; every manifest row's file exists with the recorded size and
 * XXH3 hash; no file in the folder is missing from the manifests (other
 * than the manifests and reports themselves); the manifests' own hashes
 * match export.json.  Prints each problem (at most 'limit', < 0 all) and
 * a summary to 'out'; *problems gets their number.  Returns 0 when the
 * check could run (whatever it found), -1 after reporting when it could
 * not (no such folder, no export.json).
 */
int	export_verify(const char *dir, long limit, FILE *out, long *problems);

#endif
