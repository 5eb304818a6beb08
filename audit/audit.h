/*
 * audit/audit.h: "maskcat audit": out-of-fold predictions of the built-in
 * classifier (or of any model, from a CSV), confident learning per task,
 * persons flagged for gender and age, swapped files in the base layout,
 * and duplicates whose labels disagree.
 */
#ifndef AUDIT_AUDIT_H
#define AUDIT_AUDIT_H

#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "../db/db.h"
#include "../reports/report.h"

enum audit_task { AUDIT_MASK, AUDIT_GENDER, AUDIT_AGE, AUDIT_NTASKS };

struct audit_opts {
	const char		*source;	/* one source, or NULL */
	const struct db_filter	*where;
	size_t			 nwhere;
	unsigned		 tasks;		/* bit (1 << task) per task */
	int			 folds;		/* K, 2-20 */
	uint64_t		 seed;
	int			 jobs;		/* threads */
	int			 dup_threshold;	/* < 0: no duplicate groups */
	double			 swap_ratio;	/* likelihood ratio to flag a swap */
	const char		*predictions;	/* external CSV, or NULL */
	long			 limit;		/* flags listed per kind (text) */
	int			 rank_margin;	/* rank by normalised margin */
	enum report_format	 fmt;
	int			 argc;		/* the command as typed, */
	char			**argv;		/* for the saved report */
};

/* "mask", "gender", "age". */
const char	*audit_task_name(enum audit_task);

/*
 * Runs the audit of the selected samples and writes the summary and the
 * flagged items to 'out' in o->fmt.  Features are computed with o->jobs
 * threads from a reduced decode and cached in the catalog (writable
 * connection needed).  The JSON report is then saved in the catalog
 * (db/saved.h, kind 'audit') whatever o->fmt is.  Returns 0, or -1 after
 * reporting.
 */
int	audit_run(sqlite3 *db, const struct audit_opts *o, FILE *out);

#endif
