/*
 * reports/html-int.h: what the files of "report html" share (html.c: the
 * page and the overview, imbalance and "how it was made" sections;
 * html-sect.c: quality, duplicates, split and audit; html-util.c: base64,
 * escaping, thumbnails, charts and JSON reading).
 */
#ifndef REPORTS_HTML_INT_H
#define REPORTS_HTML_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

#include "html.h"
#include "plot.h"
#include "sheet.h"

#define HTML_THUMB	128	/* thumbnail side, pixels */
#define HTML_QUALITY	80	/* thumbnail JPEG quality */

struct hpage {
	sqlite3			*db;
	sqlite3			*mem;		/* in-memory: JSON functions only */
	const struct html_opts	*o;
	FILE			*out;		/* the page (a memory stream) */
	char			*tmp;		/* private temporary folder */
	int			 gnuplot;	/* 1 found, 0 missing */
	long			 failed;	/* charts or photos that failed */
};

/* Writes s HTML-escaped (& < > " '); NULL writes nothing. */
void	html_text(FILE *out, const char *s);
/* Writes len bytes of data as base64 (RFC 4648, padded). */
void	html_base64(FILE *out, const unsigned char *data, size_t len);

/*
 * Prepares 'sql' on the in-memory connection with ?1 bound to 'json'
 * (borrowed; must outlive the statement).  Returns the statement the
 * caller must sqlite3_finalize(), or NULL after reporting.
 */
sqlite3_stmt *html_json(struct hpage *p, const char *sql, const char *json);

/* A text column, or "" when NULL. */
const char *html_col(sqlite3_stmt *st, int i);

/*
 * Writes chart o->kind as an <img> (PNG data URI) in a <figure> with
 * 'caption'; when gnuplot is missing or fails, a paragraph saying so
 * instead (a failure is reported once and counted in p->failed).
 */
void	html_chart(struct hpage *p, const struct plot_opts *o,
	    const char *caption);

/*
 * Writes the tiles of 's' as a grid of <figure>s, each a HTML_THUMB
 * JPEG thumbnail drawn by the contact-sheet code (boxes included) with
 * its caption, then what was left out of the gallery.  A photo that
 * cannot be read is reported once (by the sheet code) and counted.
 */
void	html_gallery(struct hpage *p, const struct sheet *s, const char *what);

/* The sections of html-sect.c; each writes its <section>.  0 or -1. */
int	html_quality(struct hpage *p);
int	html_duplicates(struct hpage *p);
int	html_split(struct hpage *p);
int	html_audit(struct hpage *p);

#endif
