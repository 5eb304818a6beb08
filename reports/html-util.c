/*
 * reports/html-util.c: the pieces of "report html" that are not
 * sections: escaping, base64, reading JSON with SQLite's JSON functions,
 * charts run through gnuplot and thumbnails drawn by the contact-sheet
 * code, both embedded as data: URIs.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html-int.h"
#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/file.h"

/* See html-int.h. */
void
html_text(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
}

/*
 * See html-int.h.  Hand-written: none of our libraries (sqlite3, libjpeg,
 * libpng, zlib, xxhash, libarchive, expat) exposes a base64 encoder.
 */
void
html_base64(FILE *out, const unsigned char *d, size_t len)
{
	static const char	 abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long		 v;
	size_t			 i;
	char			 q[4];

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)d[i] << 16 | (unsigned long)d[i + 1] << 8 |
		    d[i + 2];
		q[0] = abc[v >> 18 & 63];
		q[1] = abc[v >> 12 & 63];
		q[2] = abc[v >> 6 & 63];
		q[3] = abc[v & 63];
		fwrite(q, 1, 4, out);
	}
	if (i < len) {
		v = (unsigned long)d[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)d[i + 1] << 8;
		q[0] = abc[v >> 18 & 63];
		q[1] = abc[v >> 12 & 63];
		q[2] = i + 1 < len ? abc[v >> 6 & 63] : '=';
		q[3] = '=';
		fwrite(q, 1, 4, out);
	}
}

/* See html-int.h. */
sqlite3_stmt *
html_json(struct hpage *p, const char *sql, const char *json)
{
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(p->mem, sql, -1, &st, NULL) != SQLITE_OK) {
		error("cannot read a saved report: %s in \"%s\"",
		    sqlite3_errmsg(p->mem), sql);
		sqlite3_finalize(st);
		return NULL;
	}
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	return st;
}

/* See html-int.h. */
const char *
html_col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/* Writes an <img> of 'data' as a data: URI of 'mime'. */
static void
img_uri(FILE *out, const char *mime, const unsigned char *data, size_t len,
    const char *alt, int w, int h)
{
	fprintf(out, "<img src=\"data:%s;base64,", mime);
	html_base64(out, data, len);
	fputs("\" alt=\"", out);
	html_text(out, alt);
	fputc('"', out);
	if (w > 0)
		fprintf(out, " width=\"%d\" height=\"%d\"", w, h);
	fputs(" onerror=\"this.setAttribute('data-broken','1')\">", out);
}

/* See html-int.h. */
void
html_chart(struct hpage *p, const struct plot_opts *o, const char *caption)
{
	char	*script = NULL, *path, *data = NULL, why[256];
	size_t	 len = 0, dlen;

	if (!p->gnuplot)
		return;		/* said once, where the charts would be */
	path = path_join(p->tmp, "chart.png");
	unlink(path);
	if (plot_script(p->db, o, path, &script, &len) != 0 ||
	    plot_run(script, len) != 0) {
		p->failed++;
		fputs("<p class=\"note\">This chart could not be drawn: ", p->out);
		html_text(p->out, caption);
		fputs(" (see the error on standard error).</p>\n", p->out);
		goto out;
	}
	if (file_read(path, (size_t)16 << 20, &data, &dlen, why) != 0) {
		error("cannot read the chart gnuplot drew, '%s': %s", path, why);
		p->failed++;
		goto out;
	}
	fputs("<figure class=\"chart\">", p->out);
	img_uri(p->out, "image/png", (unsigned char *)data, dlen, caption, 0, 0);
	fputs("<figcaption>", p->out);
	html_text(p->out, caption);
	fputs("</figcaption></figure>\n", p->out);
out:
	unlink(path);
	free(path);
	free(script);
	free(data);
}

/*
 * One tile drawn by sheet_render() into a temporary PNG, cut to its
 * picture (the caption bar goes into the page as text) and re-encoded as
 * JPEG.  0 with *jpg malloc()ed (caller frees), or -1 after reporting.
 */
static int
tile_jpeg(struct hpage *p, const struct sheet_tile *t, unsigned char **jpg,
    size_t *jlen, long *failed)
{
	struct sheet		 one;
	struct sheet_opts	 so = { HTML_THUMB, 1 };
	unsigned char		*data = NULL, *rgb = NULL;
	size_t			 len;
	char			*path, why[IMG_REASON_MAX];
	int			 w, h, rc = -1;

	*jpg = NULL;
	*failed = 0;
	memset(&one, 0, sizeof one);
	one.t = (struct sheet_tile *)t;		/* read only */
	one.n = one.cap = 1;
	one.limit = 1;
	path = path_join(p->tmp, "tile.png");
	if (sheet_render(p->db, &one, &so, path, failed) != 0)
		goto out;
	if (img_read_file(path, &data, &len, why) != 0 ||
	    img_decode_rgb(data, len, &rgb, &w, &h, why) != 0) {
		error("cannot read back the thumbnail '%s': %s", path, why);
		goto out;
	}
	if (w != HTML_THUMB || h < HTML_THUMB) {
		error("'%s': unexpected thumbnail size %dx%d", path, w, h);
		goto out;
	}
	/* Rows run top to bottom: the picture is the first HTML_THUMB rows. */
	if (img_encode_mem(IMG_JPEG, rgb, w, HTML_THUMB, HTML_QUALITY, jpg,
	    jlen, why) != 0) {
		error("cannot encode a thumbnail of '%s': %s", t->path != NULL ?
		    t->path : "?", why);
		goto out;
	}
	rc = 0;
out:
	unlink(path);
	free(path);
	free(data);
	free(rgb);
	return rc;
}

/* See html-int.h. */
void
html_gallery(struct hpage *p, const struct sheet *s, const char *what)
{
	const struct sheet_tile	*t;
	unsigned char		*jpg;
	size_t			 i, jlen;
	long			 failed;

	if (s->n == 0)
		return;
	fputs("<div class=\"gallery\">\n", p->out);
	for (i = 0; i < s->n; i++) {
		t = &s->t[i];
		fputs("<figure>", p->out);
		if (tile_jpeg(p, t, &jpg, &jlen, &failed) == 0) {
			img_uri(p->out, "image/jpeg", jpg, jlen, t->path,
			    HTML_THUMB, HTML_THUMB);
			free(jpg);
		} else
			failed = 1;
		p->failed += failed;
		fputs("<figcaption>", p->out);
		if (t->info != NULL) {
			html_text(p->out, t->info);
			fputs("<br>", p->out);
		}
		if (t->reason != NULL) {
			fputs("<span class=\"bad\">", p->out);
			html_text(p->out, t->reason);
			fputs("</span><br>", p->out);
		}
		fputs("<span class=\"path\">", p->out);
		if (t->source != NULL) {
			html_text(p->out, t->source);
			fputc(':', p->out);
		}
		html_text(p->out, t->path);
		fputs("</span></figcaption></figure>\n", p->out);
	}
	fputs("</div>\n", p->out);
	if (s->left_out > 0)
		fprintf(p->out, "<p class=\"note\">%ld more %s left out of this"
		    " gallery (--gallery %ld).</p>\n", s->left_out, what,
		    p->o->gallery);
	else
		fprintf(p->out, "<p class=\"note\">All %zu %s shown.</p>\n",
		    s->n, what);
}
