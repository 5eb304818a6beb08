/*
 * reports/check.h: "maskcat check": is the catalog sound, and are the
 * catalogued files still what import saw?
 */
#ifndef REPORTS_CHECK_H
#define REPORTS_CHECK_H

#include <sqlite3.h>
#include <stdio.h>

#include "report.h"

struct check_opts {
	const char		*source;	/* one source; NULL: all */
	int			 jobs;		/* reading threads, 1..64 */
	enum report_format	 fmt;
	long			 limit;		/* findings shown; < 0: all */
};

/*
 * Runs the catalog's integrity checks, reads every catalogued image back
 * from its folder or zip (on o->jobs threads) comparing size and XXH3,
 * and lists image files present in a source but neither catalogued nor
 * quarantined.  Writes the findings, in catalog order, and a summary to
 * 'out' in o->fmt.  *dirty is set to 1 when anything was found (changed,
 * missing, new, integrity), else 0.  A source that cannot be opened is
 * reported (once) and all its images count as missing.  Returns 0, or -1
 * after reporting (unknown source, catalog error); *dirty is then 1.
 */
int	report_check(sqlite3 *db, const struct check_opts *o, FILE *out,
	    int *dirty);

#endif
