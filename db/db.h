/*
 * db/db.h: the catalog.  The only room that holds SQL text: opening and
 * migrating (db.c), the schema (schema.c), writes of importers
 * (catalog.c) and read-only queries for reports (query.c).
 */
#ifndef DB_DB_H
#define DB_DB_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

/* The newest schema this binary knows (PRAGMA user_version). */
int	db_schema_version(void);

/*
 * Opens the catalog at 'path'.  For writing, creates it if needed, sets WAL
 * and migrates the schema to the newest version; for reading, refuses a
 * catalog that does not exist or needs migrating.  Every connection has
 * foreign keys on, extended result codes and a busy timeout.  A catalog
 * newer than this binary, or a file that is not SQLite, is refused.
 * Returns 0 and sets *dbp (close with db_close()), or -1 after reporting
 * (and *dbp is NULL).
 */
int	db_open(const char *path, int writable, sqlite3 **dbp);
/* Closes 'db' (NULL is fine).  Returns 0, or -1 after reporting. */
int	db_close(sqlite3 *db);
/*
 * Migrates an open, writable connection to the newest schema inside one
 * BEGIN IMMEDIATE transaction.  Returns 0, or -1 after reporting (nothing
 * changed).  Exposed for the unit tests on ":memory:".
 */
int	db_migrate(sqlite3 *db, const char *path);

/*
 * The catalog's file name for messages: borrowed, valid while 'db' is
 * open; "(memory)" for an in-memory catalog.
 */
const char	*db_name(sqlite3 *db);
/*
 * sqlite3_errmsg(db), or, when the last system call on the catalog or its
 * WAL failed with EIO, "Input/output error (SQLite: <errmsg>)".  Borrowed:
 * valid until the next call in this thread.
 */
const char	*db_errmsg(sqlite3 *db);
/* Runs SQL without results; returns 0, or -1 after reporting it with the SQL. */
int	db_exec(sqlite3 *db, const char *sql);
/* Reports the connection's last error with the SQL text; returns -1. */
int	db_error(sqlite3 *db, const char *sql);
/*
 * Prepares a query whose ?1 is a source name (or NULL for all sources)
 * and binds it.  Returns 0 and *st (finalize it), or -1 after reporting.
 */
int	db_prepare_source(sqlite3 *db, const char *sql, const char *source,
	    sqlite3_stmt **st);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; 0 or -1 after reporting. */
int	db_begin(sqlite3 *db);
int	db_commit(sqlite3 *db);
/* Rolls back if a transaction is open; never reports. */
void	db_rollback(sqlite3 *db);

/* --- Writes (catalog.c) ------------------------------------------------ */

struct db_writer;		/* prepared statements for one import run */

struct db_person {
	const char	*folder;	/* key within the source */
	const char	*ext_id;	/* the dataset's id, as text */
	int		 gender;	/* -1 unknown */
	const char	*race;		/* NULL unknown */
	int		 age;		/* -1 unknown */
	long		 csv_line;	/* 0 if none */
};

/* The quality measures of one image (see image/image.h for meanings). */
struct db_measures {
	int		 version;
	uint64_t	 phash, dhash, thumb_hash;
	uint64_t	 phash_mirror, dhash_mirror;	/* of the mirrored image */
	double		 bright_p1, bright_p99, bright_mean;
	double		 sharpness, entropy, colour;
	int		 orientation, thumb_w, thumb_h;
};

struct db_image {
	int64_t		 person_id;	/* 0 = none */
	const char	*path;		/* relative to the source root */
	int64_t		 bytes;
	int64_t		 mtime_ns;
	uint64_t	 hash;
	const char	*format;	/* "jpeg" or "png" */
	int		 width, height, channels;
	int		 mask, gender, age;	/* -1 unknown */
	long		 seq;		/* manifest row order; <= 0 for none */
	const char	*label;		/* original label, or NULL */
	const char	*subtype;	/* or NULL */
	const char	*split;		/* or NULL */
	const char	*race;		/* or NULL */
	int		 boxed;		/* labels are on its boxes */
	const struct db_measures *measures;	/* NULL: keep what is there */
};

struct db_box {
	int		 idx;		/* order in the annotation */
	int		 x0, y0, x1, y1;	/* clipped to the image */
	int		 clipped;
	const char	*label;
	int		 mask;		/* -1 unknown */
	int		 difficult, truncated;
};

/* Where a source's files are and where it came from. */
struct db_source {
	const char	*name;
	const char	*kind;		/* the importer: "base", "voc", ... */
	const char	*root;		/* absolute folder or zip path */
	const char	*container;	/* "folder" or "zip" */
	const char	*prefix;	/* layout root inside the zip, "" */
	const char	*slug;		/* Kaggle OWNER/SLUG, or NULL */
	const char	*license;	/* or NULL */
};

/*
 * Starts an import run of a source: creates it, or reuses it when one of
 * that name exists with the same kind, root and prefix (anything else is
 * refused: "source 'x' already holds ...") and updates its slug and
 * licence.  Records an imports row with 'command'.  Runs in its own
 * transaction.  Returns a writer to free with db_writer_free(), or NULL
 * after reporting.
 */
struct db_writer *db_writer_start(sqlite3 *db, const struct db_source *,
	    const char *command);
void	db_writer_free(struct db_writer *);
int64_t	db_writer_source_id(const struct db_writer *);

/*
 * Inserts or updates a person of this source; *id gets its row id.
 * Must run inside a transaction.  Returns 0, or -1 after reporting.
 */
int	db_put_person(struct db_writer *, const struct db_person *, int64_t *id);
/*
 * Inserts or updates an image by (source, path) and clears any quarantine
 * row of the same path.  An image whose hash an earlier row already has
 * (any source) is linked to the first as its duplicate (dup_of), and
 * *dup is set to 1.  *id gets the row id.  Returns 0, or -1 after
 * reporting.
 */
int	db_put_image(struct db_writer *, const struct db_image *, int64_t *id,
	    int *dup);
/* Replaces the boxes of an image.  Returns 0, or -1 after reporting. */
int	db_put_boxes(struct db_writer *, int64_t image_id,
	    const struct db_box *boxes, size_t n);
/*
 * Records (or updates) a quarantine row for 'path' and removes any image
 * row of the same path.  Returns 0, or -1 after reporting.
 */
int	db_put_quarantine(struct db_writer *, const char *path,
	    const char *reason);
/*
 * Looks up 'path' in this source.  When the catalogued size and mtime
 * equal bytes and mtime_ns and its measures are of 'measure_version'
 * (0: measures not needed), the file is unchanged since it was probed:
 * fills the probe fields of *cached (hash, format, width, height,
 * channels; format is a static string) and returns 1.  Returns 0 when
 * the file is new or changed, -1 after reporting.
 */
int	db_image_cached(struct db_writer *, const char *path, int64_t bytes,
	    int64_t mtime_ns, int measure_version, struct db_image *cached);
/*
 * Stores the measures of an image (replacing older ones).  Returns 0, or
 * -1 after reporting.
 */
int	db_put_measures(sqlite3 *db, int64_t image_id,
	    const struct db_measures *m);

/* An image whose measures are missing or older than a version. */
struct db_unmeasured {
	int64_t		 image_id;
	const char	*source, *root, *container, *prefix, *path;
};
/*
 * Calls fn for every image of one source (NULL: all) without measures of
 * 'version', ordered by source and path.  The strings are borrowed for
 * the call.  Returns 0, fn's non-zero result, or -1 after reporting.
 */
int	db_each_unmeasured(sqlite3 *db, const char *source, int version,
	    int (*fn)(const struct db_unmeasured *, void *), void *arg);
/*
 * Ends a complete run: removes this source's images, persons and
 * quarantine rows that this run did not see (files gone from disk),
 * stores the counts in the imports row.  Runs in its own transaction.
 * *removed gets the number of image rows removed.  0 or -1.
 */
int	db_writer_finish(struct db_writer *, long images, long quarantined,
	    long *removed);

/* --- Queries for reports (query.c) ------------------------------------- */

/* 0 if a source of that name exists (or source is NULL), else -1 after
 * reporting "no source named 'x' in the catalog". */
int	db_check_source(sqlite3 *db, const char *source);

/* Index of "unknown" in the cube's dimensions. */
#define CUBE_UNKNOWN_MASK	3
#define CUBE_UNKNOWN_GENDER	2
#define CUBE_UNKNOWN_AGE	3

struct db_class_counts {
	long	images[18];		/* samples per class */
	long	persons[18];		/* distinct persons per class */
	/* samples by mask x gender x age bin, the last of each unknown */
	long	cube[4][3][4];
	long	age_persons[151];	/* persons (or unpersoned samples) by age */
	long	labelled_images;	/* samples with a class */
	long	samples;		/* samples with any label */
	long	unlabelled_images;	/* images without any label */
	long	duplicates;		/* byte-identical copies, not counted */
	long	persons_total;
};

/*
 * Counts samples (face boxes, or whole images without boxes; duplicates
 * left out) and distinct persons per class, the mask x gender x age cube
 * with unknowns, and the age histogram, for one source (NULL: all).
 * Returns 0, or -1 after reporting (an unknown source is reported).
 */
int	db_class_counts(sqlite3 *db, const char *source,
	    struct db_class_counts *out);

struct db_source_row {
	const char	*name, *kind, *root, *imported_at, *container, *prefix;
	const char	*slug, *license;	/* NULL if none */
	long		 images, persons, quarantined;
	long		 boxes;
	long		 duplicates;	/* byte-identical to an earlier image */
	long		 cross_duplicates; /* ... of another source */
};
/* Calls fn for each source in name order; returns 0 or -1 after reporting. */
int	db_each_source(sqlite3 *db,
	    int (*fn)(const struct db_source_row *, void *), void *arg);
/*
 * Calls fn(source, path, reason, arg) for each quarantine row (of one
 * source, or all when NULL), ordered by source and path, at most 'limit'
 * rows (< 0: all); *total gets the number of rows.  0 or -1.
 */
int	db_each_quarantine(sqlite3 *db, const char *source, long limit,
	    int (*fn)(const char *, const char *, const char *, void *),
	    void *arg, long *total);

/* One catalogued image, as split checks need it. */
struct db_image_row {
	int64_t		 id;
	const char	*source, *root, *path;
	const char	*person;	/* folder, or NULL */
	int		 mask, cls;	/* -1 unknown */
};
/*
 * Calls fn for every image (of one source, or all when NULL), ordered by
 * id; strings are borrowed for the call.  0, fn's result, or -1.
 */
int	db_each_image(sqlite3 *db, const char *source,
	    int (*fn)(const struct db_image_row *, void *), void *arg);

/* --- Quality (quality.c) ----------------------------------------------- */

/* One measured image with what the quality and duplicate reports need. */
struct db_measured {
	int64_t		 image_id;
	const char	*source, *root, *container, *prefix, *path;
	const char	*label;		/* original label or NULL */
	const char	*person;	/* person folder or NULL */
	const char	*split;		/* or NULL */
	int		 mask, gender, age_bin;	/* -1 unknown */
	int		 width, height;
	uint64_t	 hash;		/* bytes */
	struct db_measures m;
};

/*
 * Calls fn for every image with measures of 'version' (of one source, or
 * all when NULL), ordered by image id; strings are borrowed for the call.
 * *unmeasured (if not NULL) gets the number of images without them.
 * Returns 0, fn's non-zero result, or -1 after reporting.
 */
int	db_each_measured(sqlite3 *db, const char *source, int version,
	    int (*fn)(const struct db_measured *, void *), void *arg,
	    long *unmeasured);

/* --- Samples for export and audit (samples.c) -------------------------- */

/* One comparison of a filter: field op value, the value bound. */
struct db_filter {
	const char	*sql;		/* the column, from a fixed list */
	const char	*op;		/* "=", "!=", "<", "<=", ">", ">=" */
	const char	*text;		/* text value (borrowed), or NULL */
	int		 num;		/* else this number */
	int		 is_null;	/* "= null" / "!= null" */
};
/*
 * Parses "FIELD OP VALUE" (e.g. "age>=60", "mask=incorrect",
 * "source!=kaggle", "gender=null") into *f, which borrows from expr.
 * Fields: source kind person path label split race format (text), mask
 * gender age_bin (words or indices), age class width height (numbers).
 * Returns 0, or -1 with a one-line reason in why[256].  Pure.
 */
int	db_filter_parse(const char *expr, struct db_filter *f, char *why);

/* One sample: a face box, or a whole image without boxes. */
struct db_sample {
	int64_t		 image_id, box_id;	/* box_id 0: whole image */
	int		 box_idx, x0, y0, x1, y1;	/* the box, if any */
	const char	*source, *kind, *root, *container, *prefix, *path;
	int64_t		 person_id;		/* 0: none */
	const char	*person, *ext_id, *race;	/* or NULL */
	int		 mask, gender, age, age_bin, cls;	/* -1 unknown */
	const char	*label;			/* or NULL */
	const char	*format;		/* "jpeg" or "png" */
	int		 width, height;
	int		 orientation;		/* EXIF 1-8; -1 unmeasured */
	const char	*hash;			/* XXH3 of the file, hex */
	int64_t		 bytes;
	int64_t		 dup_of;		/* byte-identical to it, or 0 */
};
/*
 * Calls fn for every sample of one source (NULL: all) that passes all nf
 * filters, ordered by source, path and box; strings are borrowed for the
 * call.  Byte-identical copies of an earlier image (dup_of set) are not
 * samples (as in the samples view) unless with_copies is set.  Returns 0, fn's non-zero result, or -1 after reporting (unknown
 * source, catalog error).
 */
int	db_each_sample(sqlite3 *db, const char *source,
	    const struct db_filter *f, size_t nf, int with_copies,
	    int (*fn)(const struct db_sample *, void *), void *arg);

/* --- The audit's feature cache (features.c) ---------------------------- */

/* One stored vector; vec is dim half floats (see db_half_decode()). */
struct db_feature {
	int64_t			 image_id, box_id;	/* box_id 0: whole image */
	const char		*hash;			/* the image's, when computed */
	const unsigned char	*vec;
	int			 dim;
};
/*
 * Calls fn for every stored vector of this version and length, ordered
 * by image and box; the row is borrowed for the call.  Returns 0, fn's
 * non-zero result, or -1 after reporting.
 */
int	db_each_feature(sqlite3 *db, int version, int dim,
	    int (*fn)(const struct db_feature *, void *), void *arg);
/*
 * Stores (replacing) the vector v[0..dim) of a sample (box_id 0: the
 * whole image) computed from the image whose hash is 'hash'.  Call inside
 * a transaction.  Returns 0, or -1 after reporting.
 */
int	db_put_features(sqlite3 *db, int64_t image_id, int64_t box_id,
	    const char *hash, int version, const float *v, int dim);
/* Pure conversions between floats and little-endian IEEE half floats. */
void	db_half_encode(const float *v, int dim, unsigned char *out);
void	db_half_decode(const unsigned char *in, int dim, float *v);

#endif
