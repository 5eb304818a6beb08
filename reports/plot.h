/*
 * reports/plot.h: "maskcat plot": charts drawn by gnuplot, run as an
 * external program without a shell.  plot.c writes the gnuplot script
 * (data inline as datablocks); plot-run.c owns the gnuplot process and
 * the atomic rename of its output.
 */
#ifndef REPORTS_PLOT_H
#define REPORTS_PLOT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

enum plot_kind { PLOT_CLASSES, PLOT_AGES, PLOT_CUBE, PLOT_SOURCES, PLOT_SPLIT };
enum plot_format { PLOT_PNG, PLOT_SVG };

struct plot_opts {
	enum plot_kind	 kind;
	enum plot_format format;
	const char	*source;	/* only this source, or NULL: all */
	const char	*report;	/* PLOT_SPLIT: OUT/split_report.json */
	int		 width, height;	/* pixels */
};

/* Parses "classes", "ages", "cube", "sources" or "split"; -1 otherwise. */
int	plot_kind_parse(const char *name);
/*
 * The format named by the extension of 'path' (".png" or ".svg", any
 * case); -1 for anything else.  Pure; reports nothing.
 */
int	plot_format_for(const char *path);

/*
 * Writes the gnuplot script drawing chart o->kind into 'output' to *script
 * (a malloc()ed, NUL-terminated string of *len bytes the caller must
 * free(); NULL on failure).  Queries 'db' read-only (unused by
 * PLOT_SPLIT, which reads o->report).  'output' is embedded quoted in the
 * script, so a path holding ', CR or LF is refused.  Returns 0, or -1
 * after reporting (unknown source, nothing to plot, unreadable report).
 */
int	plot_script(sqlite3 *db, const struct plot_opts *o, const char *output,
	    char **script, size_t *len);

/*
 * Runs gnuplot ($MASKCAT_GNUPLOT, else "gnuplot" on PATH) with 'script'
 * on its standard input, its stdout and stderr captured.  Returns 0 when
 * it exited 0, or -1 after reporting one error: it could not start
 * ("cannot run 'gnuplot': ..."), was killed, or exited non-zero (its
 * status and the first lines of its messages).  'script' is borrowed.
 */
int	plot_run(const char *script, size_t len);

/*
 * Draws chart o->kind into 'output' atomically: the script tells gnuplot
 * to write "<output>.tmp.<pid>", which is renamed to 'output' only when
 * gnuplot exited 0 and the file is not empty; on any failure the
 * temporary file is removed and 'output' is left as it was.  Returns 0,
 * or -1 after reporting.
 */
int	plot_draw(sqlite3 *db, const struct plot_opts *o, const char *output);

#endif
