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

/* Writes 's' as a JSON string literal, quotes included. */
void	json_string(FILE *out, const char *s);

#endif
