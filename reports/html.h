/*
 * reports/html.h: "maskcat report html": one self-contained HTML page
 * (charts and thumbnails embedded as data: URIs, no network, no script
 * beyond an onerror attribute) with the catalog overview, the class
 * imbalance and its charts, quality and duplicates, the latest saved
 * split and audit reports (db/saved.h) with their photos, and how the
 * page was made.
 */
#ifndef REPORTS_HTML_H
#define REPORTS_HTML_H

#include <sqlite3.h>

struct html_opts {
	const char	*out;		/* the page to write */
	const char	*source;	/* only this source, or NULL: all */
	long		 gallery;	/* thumbnails per gallery at most (> 0) */
	const char	*db_path;	/* the catalog, for the page */
	int		 argc;		/* the command as typed (borrowed) */
	char		**argv;
};

/*
 * Writes the page to o->out atomically ("<out>.tmp.<pid>", renamed when
 * complete).  A missing gnuplot is said in the page (and noted), not an
 * error.  A chart gnuplot failed to draw, or a photo that cannot be read,
 * is reported once and shown as such in the page, which is still written;
 * the return is then -1.  Returns 0, or -1 after reporting (unknown
 * source, catalog error, cannot write).
 */
int	report_html(sqlite3 *db, const struct html_opts *o);

#endif
