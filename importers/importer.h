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

struct import_person {
	char		*folder;	/* key within the source */
	char		*ext_id;
	char		*race;		/* NULL if unknown */
	int		 gender, age;	/* -1 if unknown */
	long		 csv_line;
	int64_t		 row_id;	/* set by the loop */
};

struct import_item {
	char		*path;		/* relative to the plan's root */
	long		 person;	/* index in persons, or -1 */
	int		 mask, gender, age;	/* -1 if unknown */
	long		 seq;		/* manifest order, or 0 */
};

struct import_problem {
	char		*path;		/* relative path, or "train.csv:N" */
	char		*reason;
};

struct import_plan {
	char			*root;		/* as the user named it */
	char			*abs_root;	/* realpath(): the source's identity */
	struct import_person	*persons;
	size_t			 npersons, cap_persons;
	struct import_item	*items;
	size_t			 nitems, cap_items;
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

/* The importer called 'name', or NULL. */
const struct importer *importer_find(const char *name);
/* Prints "   name   summary" lines for usage text. */
void	importer_list(FILE *fp);

/* Plan building (plan.c).  Strings are copied; the plan owns them. */
void	plan_init(struct import_plan *);
void	plan_release(struct import_plan *);
/* Sets plan->root and plan->abs_root; -1 after reporting if dir is bad. */
int	plan_set_root(struct import_plan *, const char *dir);
/*
 * Sets the root to 'dir' if it holds 'manifest', else to dir/sub if that
 * does; otherwise reports "cannot find 'train.csv' in 'D' or 'D/train'"
 * (or that dir cannot be opened) and returns -1.
 */
int	plan_find_root(struct import_plan *, const char *dir,
	    const char *manifest, const char *sub);
/* Adds a person; returns its index. */
long	plan_add_person(struct import_plan *, const char *folder,
	    const char *ext_id, int gender, const char *race, int age,
	    long csv_line);
void	plan_add_item(struct import_plan *, const char *path, long person,
	    int mask, int gender, int age, long seq);
void	plan_problem(struct import_plan *, const char *path,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * Reads a manifest CSV into memory: 0 and *data (free()), or -1 after
 * reporting "cannot read '<path>': <why>".
 */
int	plan_read_manifest(const char *path, char **data, size_t *len);
/* Sorted, '.'-free names of a folder; -1 after reporting.  *skipped
 * counts the '.'-names left out.  Free with plan_free_names(). */
int	plan_list_dir(const char *dir, char ***names, size_t *n, long *skipped);
void	plan_free_names(char **names, size_t n);

struct import_opts {
	const char	*source_name;	/* NULL: the importer's default */
	const char	*command;	/* the command line, for provenance */
	int		 quiet;
};

struct import_stats {
	long	persons, images, cached, quarantined, warnings, removed,
		skipped;
};

/*
 * Runs 'imp' on 'dir' into the catalog: walks, probes every file, writes
 * images and quarantine rows in batches of one transaction each, and at
 * the end removes rows of files that are gone.  Each problem is reported
 * once on stderr.  Returns 0 when the run completed (problems may have
 * been quarantined: see stats), or -1 when it stopped (reported).
 */
int	import_run(sqlite3 *db, const struct importer *imp, const char *dir,
	    const struct import_opts *opts, struct import_stats *stats);

#endif
