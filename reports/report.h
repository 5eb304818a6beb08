/*
 * reports/report.h: reports render catalog counts into a FILE * they are
 * given; cmd/ decides where it goes.
 */
#ifndef REPORTS_REPORT_H
#define REPORTS_REPORT_H

#include <sqlite3.h>
#include <stdio.h>

#include "../db/db.h"

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_JSON };

/* Parses "text", "csv" or "json"; -1 otherwise. */
int	report_format_parse(const char *);

/* What the imbalance report derives from the class counts. */
struct imbalance {
	long	total;			/* labelled images */
	long	largest;		/* images in the largest class */
	double	median;			/* median images per class, over 18 */
	double	share[18];		/* images / total */
	double	ratio[18];		/* largest / images (0 if empty) */
	double	oversample[18];		/* median / images, >= 1 (0 if empty) */
	double	weight[18];		/* total / (18 * images) (0 if empty) */
	int	scarce[18];		/* images < median / 2 */
	double	entropy;		/* H of the class shares, nats */
	double	score;			/* 1 - H / log 18: 0 balanced, 1 one class */
};

/*
 * Sums a slice of the counts' mask x gender x age cube: -1 in a dimension
 * means "all" (the unknowns included).  Pure.
 */
long	cube_sum(const struct db_class_counts *c, int m, int g, int a);

/* Derives the imbalance figures from counts.  Pure; cannot fail. */
void	imbalance_compute(const struct db_class_counts *, struct imbalance *);

/*
 * Writes the imbalance report of one source (NULL: all) to 'out'.
 * Returns 0, or -1 after reporting (unknown source, catalog error).
 */
int	report_imbalance(sqlite3 *db, const char *source,
	    enum report_format fmt, FILE *out);

/*
 * Writes the catalog overview of "maskcat info": sources, counts, and up
 * to 'limit' quarantined items (< 0: all) with their reasons.  0 or -1.
 */
int	report_info(sqlite3 *db, long limit, FILE *out);

/* The quality issues, in report order. */
enum quality_issue {
	Q_DARK, Q_LIGHT, Q_BLURRY, Q_LOW_INFO, Q_GREY, Q_ASPECT, Q_SIZE,
	Q_COUNT
};

/* Thresholds of the quality report (options of report quality). */
struct quality_opts {
	double	dark;		/* 99th brightness percentile below: dark */
	double	light;		/* 1st brightness percentile above: overexposed */
	double	blurry;		/* sharpness below: blurry */
	double	low_info;	/* entropy below: low information */
	double	grey;		/* colourfulness below: grey-only */
	double	aspect;		/* min(w/h, h/w) below: odd aspect ratio */
	double	size;		/* sqrt(area) this many times off the source's median */
	long	limit;		/* worst examples listed per issue */
};

/* The defaults (documented in the README next to cleanvision's). */
void	quality_opts_default(struct quality_opts *);
/* "dark", "overexposed", ... */
const char *quality_issue_name(enum quality_issue);

/*
 * Writes the quality report of one source (NULL: all): per source and
 * issue the number of images flagged, then the worst examples with paths
 * (text), every flagged image (csv), or both (json).  0 or -1.
 */
int	report_quality(sqlite3 *db, const char *source,
	    const struct quality_opts *, enum report_format fmt, FILE *out);

/* Options of the duplicate report. */
struct dup_opts {
	int	threshold;	/* Hamming distance on the perceptual hash */
	int	across;		/* only clusters that cross sources or persons */
	long	limit;		/* clusters listed in text (< 0: all) */
	int	confirm;	/* decode to confirm same-pixel copies */
};

/*
 * Writes the duplicate report: clusters of byte-identical, pixel-identical
 * and near-duplicate images (perceptual hash within the threshold, found
 * by multi-index hashing), with their labels, the flags "crosses sources
 * / splits / persons" and "labels disagree", and the base persons sharing
 * a photo with another person.  0 or -1.
 */
int	report_duplicates(sqlite3 *db, const char *source,
	    const struct dup_opts *, enum report_format fmt, FILE *out);

/*
 * The duplicate clusters of every measured image (of one source, or all),
 * as report duplicates finds them: *ids and *cluster (malloc()ed, *n
 * each) give each image id the id of its cluster's first image (its own
 * id when it has no duplicate).  Returns 0, or -1 after reporting.
 */
int	dup_cluster_ids(sqlite3 *db, const char *source, int threshold,
	    int64_t **ids, int64_t **cluster, size_t *n);
/*
 * The cluster of image 'id' in the arrays dup_cluster_ids() filled (ids
 * ascending), or 0 when the image is not there (unmeasured).  Pure.
 */
int64_t	dup_cluster_find(const int64_t *ids, const int64_t *cluster, size_t n,
	    int64_t id);

struct check_split_opts {
	const char	*path_col;	/* column naming the image (path) */
	const char	*source;	/* only this source's images, or NULL */
	int		 threshold;	/* near-duplicate distance (3) */
};

/*
 * Audits a split made elsewhere: each file is one side (CSV with a path
 * column; a path matches the catalogued image whose root/path ends with
 * it).  Prints unmatched rows, persons and duplicate clusters found on
 * two sides, and the largest class share deviation; *leaks is 1 when
 * anything leaks.  Returns 0, or -1 after reporting.
 */
int	check_split(sqlite3 *db, char **files, int nfiles,
	    const struct check_split_opts *, FILE *out, int *leaks);

/* Writes 's' as a JSON string literal, quotes included. */
void	json_string(FILE *out, const char *s);
/* Writes 's' as one CSV field, quoted when it holds , " CR or LF. */
void	csv_field(FILE *out, const char *s);

#endif
