/*
 * reports/html.c: "maskcat report html": the page, its overview,
 * imbalance and "how it was made" sections, and writing it atomically.
 * The other sections are in html-sect.c, the helpers in html-util.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "html-int.h"
#include "report.h"
#include "../maskcat.h"
#include "../db/corrections.h"
#include "../lib/err.h"
#include "../lib/fs.h"
#include "../lib/labels.h"

#define QUARANTINE_SHOWN	20	/* quarantined files listed */

static const char css[] =
	"body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;"
	"margin:0 auto;padding:0 16px 40px;color:#222;background:#fff}"
	"h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;margin-top:2em}"
	"table{border-collapse:collapse;margin:.6em 0}"
	"th,td{border:1px solid #ccc;padding:2px 8px;text-align:right}"
	"th{background:#f2f2f2}td.l,th.l{text-align:left}"
	"tr.scarce td{background:#fde2e2}"
	".note{color:#555;font-style:italic}.bad{color:#b00}"
	".charts{display:grid;grid-template-columns:repeat(auto-fill,"
	"minmax(480px,1fr));gap:12px}"
	".charts img{max-width:100%;height:auto;border:1px solid #ddd}"
	".gallery{display:grid;grid-template-columns:repeat(auto-fill,"
	"minmax(140px,1fr));gap:8px}"
	"figure{margin:0}figcaption{font-size:12px;word-break:break-all}"
	".path{color:#666}code{background:#f4f4f4;padding:0 3px}";

/* A source row of the overview table. */
static int
source_row(const struct db_source_row *r, void *arg)
{
	struct hpage	*p = arg;

	if (p->o->source != NULL && strcmp(p->o->source, r->name) != 0)
		return 0;
	fputs("<tr><td class=\"l\">", p->out);
	html_text(p->out, r->name);
	fputs("</td><td class=\"l\">", p->out);
	html_text(p->out, r->kind);
	fputs("</td><td class=\"l\">", p->out);
	html_text(p->out, r->root);
	fprintf(p->out, "</td><td>%ld</td><td>%ld</td><td>%ld</td><td>%ld"
	    "</td><td>%ld</td><td class=\"l\">", r->images, r->persons,
	    r->boxes, r->quarantined, r->duplicates);
	html_text(p->out, r->imported_at);
	fputs("</td></tr>\n", p->out);
	return 0;
}

static int
quarantine_row(const char *source, const char *path, const char *reason,
    void *arg)
{
	struct hpage	*p = arg;

	fputs("<tr><td class=\"l\">", p->out);
	html_text(p->out, source);
	fputs("</td><td class=\"l\">", p->out);
	html_text(p->out, path);
	fputs("</td><td class=\"l\">", p->out);
	html_text(p->out, reason);
	fputs("</td></tr>\n", p->out);
	return 0;
}

static int
overview(struct hpage *p, const struct db_class_counts *c)
{
	FILE	*page;
	char	*rows = NULL;
	size_t	 len = 0;
	long	 total = 0, corrections = 0;
	int	 rc;

	fputs("<section id=\"overview\"><h2>Overview</h2>\n<p>Catalog <code>",
	    p->out);
	html_text(p->out, p->o->db_path);
	fputs("</code>", p->out);
	if (p->o->source != NULL) {
		fputs(", source <code>", p->out);
		html_text(p->out, p->o->source);
		fputs("</code> only", p->out);
	}
	fputs(".</p>\n<table><tr><th class=\"l\">source</th><th class=\"l\">"
	    "kind</th><th class=\"l\">root</th><th>images</th><th>persons</th>"
	    "<th>face boxes</th><th>quarantined</th><th>byte copies</th>"
	    "<th class=\"l\">imported</th></tr>\n", p->out);
	if (db_each_source(p->db, source_row, p) != 0)
		return -1;
	fputs("</table>\n", p->out);
	if (db_corrections_count(p->db, p->o->source, &corrections) != 0)
		return -1;
	fprintf(p->out, "<p>%ld labelled samples (face boxes, or whole images"
	    " without boxes), %ld samples with any label, %ld images without"
	    " labels, %ld persons, %ld byte-identical copies not counted;"
	    " %ld label correction%s applied (maskcat relabel).</p>\n",
	    c->labelled_images, c->samples, c->unlabelled_images,
	    c->persons_total, c->duplicates, corrections,
	    corrections == 1 ? "" : "s");
	/* The rows go aside first: the total decides what is written. */
	page = p->out;
	if ((p->out = open_memstream(&rows, &len)) == NULL)
		die("out of memory");
	rc = db_each_quarantine(p->db, p->o->source, QUARANTINE_SHOWN,
	    quarantine_row, p, &total);
	if (fclose(p->out) != 0)
		die("out of memory");
	p->out = page;
	if (rc != 0) {
		free(rows);
		return -1;
	}
	fputs("<h3>Quarantine</h3>\n", p->out);
	if (total == 0)
		fputs("<p>No file was quarantined.</p>\n", p->out);
	else {
		fprintf(p->out, "<p>%ld file%s could not be imported.</p>\n"
		    "<table><tr><th class=\"l\">source</th><th class=\"l\">"
		    "path</th><th class=\"l\">reason</th></tr>\n%s</table>\n",
		    total, total == 1 ? "" : "s", rows);
		if (total > QUARANTINE_SHOWN)
			fprintf(p->out, "<p class=\"note\">%ld more quarantined"
			    " files not listed (maskcat info, maskcat sheet"
			    " --quarantine).</p>\n", total - QUARANTINE_SHOWN);
	}
	free(rows);
	fputs("</section>\n", p->out);
	return 0;
}

static int
imbalance(struct hpage *p, const struct db_class_counts *c)
{
	static const enum plot_kind	 kinds[] = { PLOT_CLASSES, PLOT_CUBE,
	    PLOT_AGES, PLOT_SOURCES };
	static const char *const	 captions[] = {
	    "Images per class (scarce classes in red)",
	    "Samples by mask state, gender and age bin",
	    "Persons by age, with the bin edges",
	    "Samples per source by mask state" };
	struct imbalance		 im;
	struct plot_opts		 po;
	int				 k, m, g, a;
	size_t				 i;

	imbalance_compute(c, &im);
	fputs("<section id=\"imbalance\"><h2>Class imbalance</h2>\n", p->out);
	fprintf(p->out, "<p>%ld labelled images in 18 classes (mask x gender x"
	    " age bin); median class %.1f images; imbalance score %.3f (0:"
	    " balanced, 1: one class). Scarce classes (under half the median)"
	    " are marked.</p>\n", im.total, im.median, im.score);
	fputs("<table><tr><th>class</th><th class=\"l\">mask</th>"
	    "<th class=\"l\">gender</th><th class=\"l\">age</th><th>images</th>"
	    "<th>persons</th><th>share</th><th>oversample</th><th>weight</th>"
	    "<th class=\"l\">scarce</th></tr>\n", p->out);
	for (k = 0; k < N_CLASS; k++) {
		label_class_parts(k, &m, &g, &a);
		fprintf(p->out, "<tr%s><td>%d</td><td class=\"l\">%s</td>"
		    "<td class=\"l\">%s</td><td class=\"l\">", im.scarce[k] ?
		    " class=\"scarce\"" : "", k, label_mask_word(m),
		    label_gender_word(g));
		html_text(p->out, label_age_bin_word(a));	/* "<30" */
		fprintf(p->out, "</td><td>%ld</td><td>%ld</td><td>%.1f%%</td>"
		    "<td>%.2f</td><td>%.3f</td><td class=\"l\">%s</td></tr>\n",
		    c->images[k], c->persons[k], 100 * im.share[k],
		    im.oversample[k], im.weight[k], im.scarce[k] ? "scarce" :
		    "");
	}
	fputs("</table>\n", p->out);
	if (!p->gnuplot)
		fputs("<p class=\"note\">gnuplot is not installed, so the charts"
		    " of maskcat plot are left out (Debian: apt-get install"
		    " gnuplot-nox).</p>\n", p->out);
	else {
		fputs("<div class=\"charts\">\n", p->out);
		for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
			memset(&po, 0, sizeof po);
			po.kind = kinds[i];
			po.format = PLOT_PNG;
			po.source = p->o->source;
			po.width = 800;
			po.height = 480;
			html_chart(p, &po, captions[i]);
		}
		fputs("</div>\n", p->out);
	}
	fputs("</section>\n", p->out);
	return 0;
}

static void
made(struct hpage *p)
{
	char	ts[32];
	time_t	now = time(NULL);
	int	a;

	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fputs("<section id=\"made\"><h2>How this page was made</h2>\n<table>"
	    "<tr><th class=\"l\">command</th><td class=\"l\"><code>maskcat",
	    p->out);
	for (a = 0; a < p->o->argc; a++) {
		fputc(' ', p->out);
		html_text(p->out, p->o->argv[a]);
	}
	fprintf(p->out, "</code></td></tr>\n<tr><th class=\"l\">program</th>"
	    "<td class=\"l\">maskcat %s</td></tr>\n<tr><th class=\"l\">"
	    "catalog</th><td class=\"l\"><code>", MASKCAT_VERSION);
	html_text(p->out, p->o->db_path);
	fprintf(p->out, "</code>, schema %d</td></tr>\n<tr><th class=\"l\">"
	    "made</th><td class=\"l\">%s</td></tr>\n<tr><th class=\"l\">"
	    "galleries</th><td class=\"l\">at most %ld thumbnails each, %d"
	    " pixels, JPEG quality %d</td></tr>\n</table>\n</section>\n",
	    db_schema_version(), ts, p->o->gallery, HTML_THUMB,
	    HTML_QUALITY);
}

/* 1 if 'prog' can be run: a path that is executable, or found on PATH. */
static int
can_run(const char *prog)
{
	const char	*path = getenv("PATH"), *s, *e;
	char		*f;
	int		 ok = 0;

	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	for (s = path != NULL ? path : "/usr/bin:/bin"; !ok; s = e + 1) {
		e = strchr(s, ':');
		if (e == NULL)
			e = s + strlen(s);
		f = xasprintf("%.*s/%s", e == s ? 1 : (int)(e - s),
		    e == s ? "." : s, prog);
		ok = access(f, X_OK) == 0;
		free(f);
		if (*e == '\0')
			break;
	}
	return ok;
}

/* Writes data to 'out' through "<out>.tmp.<pid>" and rename().  0 or -1. */
static int
write_atomic(const char *out, const char *data, size_t len)
{
	FILE	*fp;
	char	*tmp = xasprintf("%s.tmp.%ld", out, (long)getpid());
	int	 rc = -1;

	if ((fp = fopen(tmp, "w")) == NULL) {
		error_errno("cannot create '%s'", tmp);
		goto out;
	}
	if (fwrite(data, 1, len, fp) != len || fflush(fp) != 0 ||
	    ferror(fp)) {
		error_errno("cannot write '%s'", tmp);
		fclose(fp);
		unlink(tmp);
		goto out;
	}
	if (fclose(fp) != 0) {
		error_errno("cannot write '%s'", tmp);
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, out) != 0) {
		error_errno("cannot rename '%s' to '%s'", tmp, out);
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

/* See html.h. */
int
report_html(sqlite3 *db, const struct html_opts *o)
{
	struct db_class_counts	*c = NULL;
	struct hpage		 p;
	const char		*gp = getenv("MASKCAT_GNUPLOT"), *td;
	char			*page = NULL;
	size_t			 len = 0;
	int			 rc = -1, sect;

	memset(&p, 0, sizeof p);
	p.db = db;
	p.o = o;
	if (o->source != NULL && db_check_source(db, o->source) != 0)
		return -1;
	c = xcalloc(1, sizeof *c);
	if (db_class_counts(db, o->source, c) != 0)
		goto out;
	if (sqlite3_open_v2(":memory:", &p.mem, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		error("cannot open an in-memory database: %s", p.mem != NULL ?
		    sqlite3_errmsg(p.mem) : "out of memory");
		goto out;
	}
	td = getenv("TMPDIR");
	p.tmp = xasprintf("%s/maskcat-html-XXXXXX", td != NULL && *td != '\0' ?
	    td : "/tmp");
	if (mkdtemp(p.tmp) == NULL) {
		error_errno("cannot create a temporary folder '%s'", p.tmp);
		free(p.tmp);
		p.tmp = NULL;
		goto out;
	}
	p.gnuplot = can_run(gp != NULL && *gp != '\0' ? gp : "gnuplot");
	if (!p.gnuplot)
		note("gnuplot not found: the page says so instead of showing"
		    " the charts");
	if ((p.out = open_memstream(&page, &len)) == NULL)
		die("out of memory");
	fprintf(p.out, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\""
	    " content=\"width=device-width, initial-scale=1\">"
	    "<title>maskcat report</title>\n<style>%s</style></head><body>\n"
	    "<h1>maskcat report</h1>\n<p>Sections: <a href=\"#overview\">"
	    "overview</a> &middot; <a href=\"#imbalance\">class imbalance</a>"
	    " &middot; <a href=\"#quality\">quality</a> &middot; <a"
	    " href=\"#duplicates\">duplicates</a> &middot; <a href=\"#split\">"
	    "latest split</a> &middot; <a href=\"#audit\">latest audit</a>"
	    " &middot; <a href=\"#made\">how this page was made</a></p>\n",
	    css);
	sect = overview(&p, c) != 0 || imbalance(&p, c) != 0 ||
	    html_quality(&p) != 0 || html_duplicates(&p) != 0 ||
	    html_split(&p) != 0 || html_audit(&p) != 0;
	made(&p);
	fputs("</body></html>\n", p.out);
	if (fclose(p.out) != 0)
		die("out of memory");
	p.out = NULL;
	if (sect)
		goto out;
	if (write_atomic(o->out, page, len) != 0)
		goto out;
	if (p.failed > 0)
		error("'%s' written, but %ld chart%s or photo%s could not be"
		    " shown (reported above)", o->out, p.failed, p.failed == 1 ?
		    "" : "s", p.failed == 1 ? "" : "s");
	else
		rc = 0;
out:
	if (p.tmp != NULL) {
		fs_remove_tree(p.tmp);
		free(p.tmp);
	}
	sqlite3_close(p.mem);
	free(page);
	free(c);
	return rc;
}
