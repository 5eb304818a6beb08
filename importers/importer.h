/*
 * importers/importer.h: the table of importers and the plan they fill.
 * An importer only walks its layout and names labels; probing, hashing,
 * quarantine, batching and progress live once, in the shared loop
 * (loop.c).
 */
#ifndef IMPORTERS_IMPORTER_H
#define IMPORTERS_IMPORTER_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "../tree/tree.h"

struct label_map;

struct import_person {
	char		*folder;	/* key within the source */
	char		*ext_id;
	char		*race;		/* NULL if unknown */
	int		 gender, age;	/* -1 if unknown */
	long		 csv_line;
	int64_t		 row_id;	/* set by the loop */
};

/* A labelled face region of an image (PASCAL VOC <object>). */
struct import_box {
	int		 xmin, ymin, xmax, ymax;	/* as annotated */
	char		*label;		/* the source's name for it */
	int		 mask;		/* mapped by the loop from label */
	int		 difficult, truncated;
};

struct import_item {
	char		*path;		/* relative to the plan's root */
	long		 person;	/* index in persons, or -1 */
	int		 mask, gender, age;	/* -1 if unknown */
	long		 seq;		/* manifest order, or 0 */
	char		*label;		/* original label; NULL if none */
	char		*subtype;	/* e.g. "Mask_Chin"; NULL if none */
	char		*split;		/* provenance: "Train", ...; NULL */
	char		*race;		/* NULL if unknown */
	struct import_box *boxes;	/* owned; mask comes from each box */
	size_t		 nboxes;
};

struct import_problem {
	char		*path;		/* relative path, or "train.csv:N" */
	char		*reason;
};

/* A label the walk found, and how many items and boxes carry it. */
struct plan_label {
	char		*name;
	long		 count;
};

struct import_plan {
	const struct import_opts *opts;		/* the command's options */
	struct tree		*tree;		/* the folder or zip read */
	char			*root;		/* as the user named it (display) */
	char			*abs_root;	/* realpath(): the source's identity */
	char			*prefix;	/* where the layout starts in the
						 * tree: "" or "train/" */
	struct import_person	*persons;
	size_t			 npersons, cap_persons;
	/* The files, in order, in a temporary file (plan-items.c). */
	struct import_item	 open;		/* the last added, still open */
	int			 has_open, items_closed;
	size_t			 nitems;	/* added */
	size_t			 nread;		/* read back */
	FILE			*spill;		/* closed items */
	int			 spill_errno;	/* first failure, or 0 */
	char			*spill_dir;
	/* Labels still to map (items without a mask state, boxes). */
	struct plan_label	**labels;	/* in order of first sight */
	size_t			 nlabels;
	void			*label_tree;	/* tsearch() index of them */
	struct import_problem	*problems;
	size_t			 nproblems, cap_problems;
	long			 skipped;	/* '.'-files left out on purpose */
};

struct importer {
	const char	*name;		/* "base", "eval", ... */
	const char	*summary;
	const char	*source_name;	/* default --name */
	/*
	 * Walks the layout under 'dir' and fills 'plan' (root set by the
	 * walker).  Bad entries become plan problems, not failures.
	 * Returns 0, or -1 after reporting when nothing can be imported
	 * (e.g. no train.csv, a header without a needed column).
	 */
	int		(*walk)(const char *dir, struct import_plan *plan);
};

extern const struct importer importer_base;
extern const struct importer importer_eval;
extern const struct importer importer_voc;
extern const struct importer importer_csv;
extern const struct importer importer_folder;
extern const struct importer importer_utkface;
extern const struct importer importer_maskedface;

/*
 * The importer whose layout 'path' (a folder or zip) holds: base, eval,
 * voc, utkface (3 in 4 names parse), maskedface (likewise), else folder
 * when there are folders.  Returns NULL after reporting when none fits
 * or the path cannot be opened.
 */
const struct importer *importer_detect(const char *path);
/* The importer called 'name', or NULL. */
const struct importer *importer_find(const char *name);
/* Prints "   name   summary" lines for usage text. */
void	importer_list(FILE *fp);

/* Plan building (plan.c).  Strings are copied; the plan owns them. */
void	plan_init(struct import_plan *);
void	plan_release(struct import_plan *);
/*
 * Opens 'dir' (a folder or a zip) as the plan's tree with the layout at
 * its root.  -1 after reporting.  plan_find_root() is the usual entry.
 */
int	plan_open(struct import_plan *, const char *dir);
/*
 * Opens 'dir' (a folder or a zip) and sets the layout root to it if it
 * holds 'manifest', else to its 'sub' folder if that does; otherwise
 * reports "cannot find 'train.csv' in 'D' or 'D/train'" (or that dir
 * cannot be opened) and returns -1.
 */
int	plan_find_root(struct import_plan *, const char *dir,
	    const char *manifest, const char *sub);
/*
 * Moves the layout root down into its folder 'sub' (a folder tree is
 * reopened there; a zip gets a longer prefix).  -1 after reporting.
 */
int	plan_descend(struct import_plan *, const char *sub);
/* Adds a person; returns its index. */
long	plan_add_person(struct import_plan *, const char *folder,
	    const char *ext_id, int gender, const char *race, int age,
	    long csv_line);
void	plan_add_item(struct import_plan *, const char *path, long person,
	    int mask, int gender, int age, long seq);
void	plan_problem(struct import_plan *, const char *path,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * Adds an item with the common fields; returns it for the rest.  The
 * item stays open (the caller may set its fields and add boxes) until
 * the next item is added or the items are closed; the pointer is the
 * plan's and is not valid after that.  (plan-items.c)
 */
struct import_item *plan_add_item_labelled(struct import_plan *,
	    const char *path, const char *label, int gender, int age);
/* Adds a box to an item; 'label' is copied. */
void	plan_add_box(struct import_item *, int xmin, int ymin, int xmax,
	    int ymax, const char *label, int difficult, int truncated);
/*
 * Ends the walk's list of files: the last item is written out and the
 * list can be read back.  Returns 0, or -1 after reporting that the
 * temporary file failed (e.g. "...: No space left on device").
 */
int	plan_close_items(struct import_plan *);
/*
 * Reads the next item, in the order they were added, into *it (the
 * caller's: free with plan_item_free()).  Returns 1, 0 after the last,
 * or -1 after reporting a read failure.
 */
int	plan_next_item(struct import_plan *, struct import_item *it);
/* Frees an item's strings and boxes and zeroes it. */
void	plan_item_free(struct import_item *);
/* Frees the list (called by plan_release()). */
void	plan_items_release(struct import_plan *);
/*
 * A path as shown to the user: "data/train/images/a.jpg", or
 * "data.zip:train/images/a.jpg" for an archive.  malloc()ed.
 */
char	*plan_display(const struct import_plan *, const char *path);
/*
 * Reads a file of the layout (a manifest, an annotation) into memory:
 * 0 and *data (free(); NUL-terminated), or -1 after reporting
 * "cannot read '<display path>': <why>".
 */
int	plan_read_manifest(struct import_plan *, const char *path, char **data,
	    size_t *len);
/* Sorted, '.'-free entries of a layout folder ("" for the layout root);
 * -1 after reporting.  *skipped counts the '.'-names left out.  Entry
 * paths are relative to the layout root.  Free with tree_entries_free(). */
int	plan_list_dir(struct import_plan *, const char *dir,
	    struct tree_entry **ents, size_t *n, long *skipped);
/* True if 'path' (relative to the layout root) is a folder / a file. */
int	plan_is_dir(struct import_plan *, const char *path);
int	plan_is_file(struct import_plan *, const char *path);
/*
 * Calls fn(plan, entry, arg) for every file below layout folder 'dir', in
 * sorted order, depth first; *files (if not NULL) counts them.  A folder
 * that cannot be read is a plan problem, not a failure.  Returns 0, or
 * the first non-zero fn() result.
 */
int	plan_walk_files(struct import_plan *, const char *dir,
	    int (*fn)(struct import_plan *, const struct tree_entry *, void *),
	    void *arg, long *files);
/* The last component of a '/'-separated path. */
const char *plan_basename(const char *path);

struct import_opts {
	const char		*source_name;	/* NULL: the importer's default */
	const char		*command;	/* the command line, for provenance */
	const struct label_map	*map;		/* label names to mask states */
	const char		*slug;		/* Kaggle OWNER/SLUG, or NULL */
	const char		*license;	/* licence text, or NULL */
	int			 quiet;
	int			 jobs;		/* reading threads; 0 as 1 */
	/* csv: manifest columns (names or 1-based numbers) */
	const char		*path_col, *label_col, *gender_col,
				*age_col, *person_col;
};

struct import_stats {
	long	persons, images, boxes, cached, quarantined, warnings, removed,
		skipped, ignored, duplicates;
};

/*
 * Runs 'imp' on 'dir' into the catalog: walks, probes every file (on
 * opts->jobs threads), writes images and quarantine rows from the calling
 * thread in file order, in batches of one transaction each, and at the
 * end removes rows of files that are gone.  The catalog and the messages
 * are the same whatever the number of jobs.  Each problem is reported
 * once on stderr.  Returns 0 when the run completed (problems may have
 * been quarantined: see stats), or -1 when it stopped (reported).
 */
int	import_run(sqlite3 *db, const struct importer *imp, const char *dir,
	    const struct import_opts *opts, struct import_stats *stats);

struct img_measures;
struct db_measures;
/* Copies the image room's measures into the catalog's struct. */
void	measures_to_db(const struct img_measures *, struct db_measures *);
/*
 * Computes the measures of every image of one source (NULL: all) that
 * lacks measures of the current definition, reading files back from
 * their folder or zip on 'jobs' threads (the calling thread writes).  A
 * file that cannot be read or decoded is reported, in catalog order, and
 * counted in *failed.  Returns 0, or -1 after reporting a catalog
 * failure.
 */
int	import_scan(sqlite3 *db, const char *source, int jobs, long *scanned,
	    long *failed);

#endif
