/*
 * export/export-int.h: what the files of export/ share: the plan of an
 * export (sources, samples, items to write) and the steps that fill it.
 * Not for callers outside export/ and tests/.
 */
#ifndef EXPORT_EXPORT_INT_H
#define EXPORT_EXPORT_INT_H

#include "export.h"

#define X_SIDES		2		/* train, valid */
#define X_NSTRATA	28		/* 18 classes, 3 masks, 6 gender-ages, none */
#define X_NKEYS		18		/* balance keys at most (classes) */

struct xsource {
	char	*name, *kind, *root, *container, *prefix;
};

struct xsample {
	int64_t		 image_id, box_id;
	int		 box_idx;		/* -1: whole image */
	struct img_rect	 box;
	size_t		 src;			/* index in plan.src */
	char		*path;			/* relative to the source */
	int64_t		 person_id;		/* 0: none */
	char		*person, *ext_id, *race;	/* or NULL */
	char		*folder;		/* base layout: its folder */
	int		 mask, gender, age, age_bin, cls;
	char		*label;			/* or NULL */
	enum img_format	 fmt;
	int		 width, height, orientation;
	char		 hash[17];
	int64_t		 bytes;
	int		 stratum;		/* 0 .. X_NSTRATA-1 */
	int64_t		 cluster;		/* duplicate cluster, 0 none */
	size_t		 group;			/* index of its group */
	int		 side;			/* fold, or 0 train 1 valid */
	int		 key;			/* balance key, -1 none */
	int		 keep;			/* 0: dropped by undersampling */
	int		 copies;		/* extra augmented copies */
	double		 weight;
};

/* One file to write: a sample, or an augmented copy of one. */
struct xitem {
	size_t		 sample;
	int		 copy;			/* 0 original, 1.. copies */
	int		 flip, dx, dy;		/* augmentation (copies) */
	double		 gain;
	char		*rel;			/* path under OUT */
	/* Filled by the writers. */
	char		 hash[17];
	int64_t		 bytes;
	int		 ow, oh;
	int		 failed;
	char		 why[IMG_REASON_MAX];
};

struct xplan {
	const struct export_opts *o;
	struct xsource	*src;
	size_t		 nsrc;
	struct xsample	*s;
	size_t		 n, cap;
	struct xitem	*it;
	size_t		 nit;
	size_t		 ngroups;
	int		 nsides;		/* 2, or K folds */
	long		 skipped_label;		/* no label for its folder */
	long		 skipped_person;	/* base layout: no person */
	long		 skipped_name;		/* base layout: odd file name */
	long		 unmeasured;		/* no orientation: taken as 1 */
	long		 dup_clusters;		/* clusters of 2+ samples */
	long		 key_before[X_NKEYS], key_after[X_NKEYS];
	int		 nkeys;
	char		 fingerprint[17];	/* XXH3 of the selection */
	long		 corrections;		/* relabel corrections in force */
	struct xfile {				/* manifests and reports */
		char	*name;
		long	 rows;			/* CSV rows, -1 otherwise */
		int64_t	 bytes;
		char	 hash[17];
	}		*files;
	size_t		 nfiles;
};

/*
 * Reads the selected samples into p (after p->o is set), keeping those
 * the layout can name; fills strata, groups (persons, an image's boxes,
 * duplicate clusters) and the fingerprint.  0, or -1 after reporting.
 */
int	xplan_select(sqlite3 *db, struct xplan *p);
/* Frees what p holds (not p). */
void	xplan_release(struct xplan *p);
/* Splits the groups into train/valid or K folds.  0, or -1 after reporting. */
int	xplan_split(struct xplan *p);
/*
 * Balances the train side as p->o asks (keys, keep, copies, weights) and
 * records the counts before and after.  Pure on p; cannot fail.
 */
void	xplan_balance(struct xplan *p);
/* The balance key of a sample under 'by', or -1 when unknown.  Pure. */
int	xplan_key(const struct xsample *s, enum export_by by);
/* Number of keys under 'by' (18, 3, 3, 6) and a key's name. */
int	xplan_nkeys(enum export_by by);
const char *xplan_key_name(enum export_by by, int key, char buf[32]);
/*
 * Lists the files to write (originals and copies, with their paths under
 * OUT and augmentation drawn from the seed).  Cannot fail.
 */
void	xplan_items(struct xplan *p);
/*
 * Writes every item under folder 'dir' with o->jobs threads, filling the
 * items' hashes, sizes or failures; reports each failure with the source
 * path.  Returns 0, or -1 when any item failed.
 */
int	xplan_write(struct xplan *p, const char *dir);
/*
 * Writes the manifests (train.csv and valid.csv, or folds.csv), the base
 * layout's per-split train.csv files, split_report.json and export.json
 * into 'dir', and prints the split report to 'out'.  0, or -1 after
 * reporting.
 */
int	xplan_write_reports(struct xplan *p, const char *dir, FILE *out);
/*
 * Writes len bytes to "dir/name" (a new file; dir is the staging copy of
 * OUT).  0, or -1 after reporting it as "OUT/name", where the user will
 * look for it.
 */
int	xplan_write_new(const struct xplan *p, const char *dir,
	    const char *name, const char *data, size_t len);
/*
 * Writes len bytes to "dir/name" (a new file) and records its name, size
 * and hash for export.json.  0, or -1 after reporting.
 */
int	xplan_put_file(struct xplan *p, const char *dir, const char *name,
	    const char *data, size_t len, long rows);
/*
 * Writes the manifests: train.csv and valid.csv (or folds.csv) and, in
 * the base layout, each side's own train.csv.  0, or -1 after reporting.
 */
int	xplan_write_manifests(struct xplan *p, const char *dir);
/* The name of side s: "train", "valid", or "fold3". */
const char *xplan_side_name(const struct xplan *p, int s, char buf[16]);

#endif
