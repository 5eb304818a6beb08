/*
 * reports/html-sect.c: the sections of "report html" read from reports
 * rendered as JSON (report quality and duplicates into a memory stream,
 * the saved split and audit reports from the catalog), with SQLite's
 * JSON functions on the page's in-memory connection, and their
 * galleries.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html-int.h"
#include "report.h"
#include "../db/saved.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/fs.h"

/* Renders a report as JSON into a malloc()ed string; NULL after reporting. */
static char *
as_json(struct hpage *p, int quality)
{
	struct quality_opts	 qo;
	struct dup_opts		 dopt = { 3, 0, -1, 1 };
	FILE			*fp;
	char			*data = NULL;
	size_t			 len = 0;
	int			 rc;

	quality_opts_default(&qo);
	qo.limit = p->o->gallery;
	if ((fp = open_memstream(&data, &len)) == NULL)
		die("out of memory");
	rc = quality ? report_quality(p->db, p->o->source, &qo, REPORT_JSON,
	    fp) : report_duplicates(p->db, p->o->source, &dopt, REPORT_JSON,
	    fp);
	if (fclose(fp) != 0)
		die("out of memory");
	if (rc != 0) {
		free(data);
		return NULL;
	}
	return data;
}

/* Ends a step loop: 0, or -1 after reporting. */
static int
done(struct hpage *p, sqlite3_stmt *st, int rc)
{
	if (rc != SQLITE_DONE) {
		error("cannot read a report: %s", sqlite3_errmsg(p->mem));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* See html-int.h. */
int
html_quality(struct hpage *p)
{
	struct sheet		 s;
	struct db_filter	 f;
	sqlite3_stmt		*st = NULL;
	char			*json, *expr, why[256];
	size_t			 before, i;
	int			 q, rc, ret = -1;

	if ((json = as_json(p, 1)) == NULL)
		return -1;
	sheet_init(&s, p->o->gallery);
	fputs("<section id=\"quality\"><h2>Quality</h2>\n", p->out);
	if ((st = html_json(p, "SELECT ?1->>'measured', ?1->>'unmeasured'",
	    json)) == NULL)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW)
		fprintf(p->out, "<p>%s images measured, %s not measured (maskcat"
		    " scan measures them). Images flagged per issue, with the"
		    " thresholds of maskcat report quality:</p>\n",
		    html_col(st, 0), html_col(st, 1));
	sqlite3_finalize(st);
	fputs("<table><tr><th class=\"l\">source</th>", p->out);
	for (q = 0; q < Q_COUNT; q++)
		fprintf(p->out, "<th>%s</th>", quality_issue_name(q));
	fputs("</tr>\n", p->out);
	if ((st = html_json(p, "SELECT s.key, s.value->>'source', k.value"
	    " FROM json_each(?1, '$.sources') s, json_each(s.value) k WHERE"
	    " k.key <> 'source' ORDER BY s.key, k.id", json)) == NULL)
		goto out;
	q = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (q != sqlite3_column_int(st, 0)) {
			fprintf(p->out, "%s<tr><td class=\"l\">", q >= 0 ?
			    "</tr>\n" : "");
			html_text(p->out, html_col(st, 1));
			fputs("</td>", p->out);
			q = sqlite3_column_int(st, 0);
		}
		fprintf(p->out, "<td>%s</td>", html_col(st, 2));
	}
	if (q >= 0)
		fputs("</tr>\n", p->out);
	fputs("</table>\n", p->out);
	if (done(p, st, rc) != 0)
		goto out;
	/* The worst examples, one tile per image with all its issues. */
	if ((st = html_json(p, "SELECT e.value->>'source', e.value->>'path',"
	    " group_concat(f.key || ' ' || printf('%.3f', e.value->>'score'),"
	    " ', ') FROM json_each(?1, '$.flagged') f, json_each(f.value) e"
	    " GROUP BY 1, 2 ORDER BY min(f.id * 100000 + e.key)", json)) ==
	    NULL)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		expr = xasprintf("path=%s", html_col(st, 1));
		before = s.n;
		if (db_filter_parse(expr, &f, why) != 0)
			error("'%s': %s", html_col(st, 1), why);
		else if (sheet_select_samples(p->db, html_col(st, 0), &f, 1,
		    &s) != 0) {
			free(expr);
			sqlite3_finalize(st);
			goto out;
		}
		free(expr);
		for (i = before; i < s.n; i++) {
			free(s.t[i].info);
			s.t[i].info = xstrdup(html_col(st, 2));
		}
	}
	if (done(p, st, rc) != 0)
		goto out;
	if (s.n + s.left_out == 0)
		fputs("<p>No image is flagged.</p>\n", p->out);
	else {
		fprintf(p->out, "<h3>Worst examples</h3>\n<p>The worst %ld per"
		    " issue, each image once with its issues and scores.</p>\n",
		    p->o->gallery);
		html_gallery(p, &s, "photos");
	}
	fputs("</section>\n", p->out);
	ret = 0;
out:
	sheet_release(&s);
	free(json);
	return ret;
}

/* See html-int.h. */
int
html_duplicates(struct hpage *p)
{
	struct sheet	 s;
	sqlite3_stmt	*st = NULL;
	char		*json;
	int		 rc, any = 0, ret = -1;

	if ((json = as_json(p, 0)) == NULL)
		return -1;
	sheet_init(&s, p->o->gallery);
	fputs("<section id=\"duplicates\"><h2>Duplicates</h2>\n<p>Clusters as"
	    " maskcat report duplicates finds them (perceptual hashes within"
	    " 3 bits):</p>\n", p->out);
	if ((st = html_json(p, "SELECT value->>'kind', count(*),"
	    " sum(json_array_length(value, '$.images')),"
	    " sum(value->>'labels_disagree'), sum(value->>'crosses_persons'),"
	    " sum(value->>'crosses_sources') FROM json_each(?1, '$.clusters')"
	    " GROUP BY 1 ORDER BY min(key)", json)) == NULL)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!any++)
			fputs("<table><tr><th class=\"l\">kind</th><th>clusters"
			    "</th><th>images</th><th>labels disagree</th>"
			    "<th>cross persons</th><th>cross sources</th></tr>\n",
			    p->out);
		fputs("<tr><td class=\"l\">", p->out);
		html_text(p->out, html_col(st, 0));
		fprintf(p->out, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s"
		    "</td><td>%s</td></tr>\n", html_col(st, 1), html_col(st, 2),
		    html_col(st, 3), html_col(st, 4), html_col(st, 5));
	}
	if (done(p, st, rc) != 0)
		goto out;
	if (!any) {
		fputs("<p>No duplicates found.</p>\n</section>\n", p->out);
		ret = 0;
		goto out;
	}
	fputs("</table>\n<h3>The largest clusters</h3>\n", p->out);
	if (sheet_select_clusters(p->db, p->o->source, 3, NULL, &s) != 0)
		goto out;
	html_gallery(p, &s, "photos of duplicate clusters");
	fputs("</section>\n", p->out);
	ret = 0;
out:
	sheet_release(&s);
	free(json);
	return ret;
}

/* Writes "saved by COMMAND at TIME" of a saved report. */
static void
saved_line(struct hpage *p, const char *what, const char *cmd,
    const char *when)
{
	fprintf(p->out, "<p>The latest %s saved in the catalog, made by <code>",
	    what);
	html_text(p->out, cmd);
	fputs("</code> at ", p->out);
	html_text(p->out, when);
	fputs(".</p>\n", p->out);
}

/* Writes 'text' (len bytes) into a new file 'name' of p->tmp; its path. */
static char *
tmp_file(struct hpage *p, const char *name, const char *text, size_t len)
{
	char	*path = path_join(p->tmp, name), why[256];

	unlink(path);
	if (fs_write_new(path, text, len, why) != 0) {
		error("cannot write '%s': %s", path, why);
		free(path);
		return NULL;
	}
	return path;
}

/* See html-int.h. */
int
html_split(struct hpage *p)
{
	struct plot_opts	 po;
	sqlite3_stmt		*st = NULL;
	char			*body = NULL, *cmd = NULL, *when = NULL;
	char			*path = NULL, *cells, *cell, *bar;
	int			 rc, ret = -1;

	fputs("<section id=\"split\"><h2>Latest split</h2>\n", p->out);
	if (db_saved_latest(p->db, "split", &body, &cmd, &when) != 0)
		goto out;
	if (body == NULL) {
		fputs("<p>No export has been saved in this catalog yet: run"
		    " <code>maskcat export OUT</code> and make this page"
		    " again.</p>\n</section>\n", p->out);
		ret = 0;
		goto out;
	}
	saved_line(p, "export", cmd, when);
	if ((st = html_json(p, "SELECT ?1->>'out', ?1->>'path',"
	    " ?1->>'$.report.samples', ?1->>'$.report.groups',"
	    " ?1->>'$.report.valid_target', ?1->>'$.report.valid_achieved',"
	    " ?1->>'$.report.max_deviation_pp',"
	    " ?1->>'$.report.leakage.persons',"
	    " ?1->>'$.report.leakage.duplicate_clusters',"
	    " ?1->>'$.report.leakage.images',"
	    " (SELECT group_concat(value, ', ') FROM"
	    " json_each(?1, '$.report.sides')),"
	    " json_extract(?1, '$.report')", body)) == NULL)
		goto out;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		done(p, st, rc);
		goto out;
	}
	fputs("<p>Written to <code>", p->out);
	html_text(p->out, html_col(st, 1));
	fprintf(p->out, "</code>: %s samples in %s groups, sides ",
	    html_col(st, 2), html_col(st, 3));
	html_text(p->out, html_col(st, 10));
	fprintf(p->out, "; valid share %s (target %s); largest class share"
	    " deviation %s points; leakage: %s persons, %s duplicate"
	    " clusters, %s images on two sides.</p>\n", html_col(st, 5),
	    html_col(st, 4), html_col(st, 6), html_col(st, 7),
	    html_col(st, 8), html_col(st, 9));
	path = tmp_file(p, "split_report.json", html_col(st, 11),
	    (size_t)sqlite3_column_bytes(st, 11));
	sqlite3_finalize(st);
	if (path == NULL)
		goto out;
	if ((st = html_json(p, "SELECT st.value->>'stratum',"
	    " printf('%.2f%%', 100 * (st.value->>'whole')), st.value->>'count',"
	    " (SELECT group_concat(printf('%.2f%% (%d)', 100 * sh.value,"
	    " json_extract(st.value, '$.counts[' || sh.key || ']')), '|')"
	    " FROM json_each(st.value, '$.share') sh)"
	    " FROM json_each(?1, '$.report.strata') st", body)) == NULL)
		goto out;
	fputs("<table><tr><th class=\"l\">stratum</th><th>whole</th>"
	    "<th>samples</th><th class=\"l\">share (samples) per side</th>"
	    "</tr>\n", p->out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs("<tr><td class=\"l\">", p->out);
		html_text(p->out, html_col(st, 0));
		fprintf(p->out, "</td><td>%s</td><td>%s</td><td class=\"l\">",
		    html_col(st, 1), html_col(st, 2));
		cells = xstrdup(html_col(st, 3));
		for (cell = cells; cell != NULL; cell = bar) {
			if ((bar = strchr(cell, '|')) != NULL)
				*bar++ = '\0';
			html_text(p->out, cell);
			if (bar != NULL)
				fputs(" &middot; ", p->out);
		}
		free(cells);
		fputs("</td></tr>\n", p->out);
	}
	fputs("</table>\n", p->out);
	if (done(p, st, rc) != 0)
		goto out;
	if (!p->gnuplot)
		fputs("<p class=\"note\">gnuplot is not installed: the split"
		    " chart is left out.</p>\n", p->out);
	else {
		memset(&po, 0, sizeof po);
		po.kind = PLOT_SPLIT;
		po.format = PLOT_PNG;
		po.report = path;
		po.width = 1000;
		po.height = 500;
		fputs("<div class=\"charts\">\n", p->out);
		html_chart(p, &po, "Share of each stratum: the whole and each"
		    " side");
		fputs("</div>\n", p->out);
	}
	fputs("</section>\n", p->out);
	ret = 0;
out:
	free(body);
	free(cmd);
	free(when);
	free(path);
	return ret;
}

/* Writes the saved audit's flags as the CSV of "audit --format csv". */
static char *
flags_csv(struct hpage *p, const char *body)
{
	sqlite3_stmt	*st;
	FILE		*fp;
	char		*csv = NULL, *path = NULL;
	size_t		 len = 0;
	int		 i, rc;

	if ((st = html_json(p, "SELECT value->>'kind', value->>'task',"
	    " value->>'source', value->>'person', value->>'path',"
	    " value->>'box', value->>'given', value->>'suggested',"
	    " value->>'score', value->>'detail'"
	    " FROM json_each(?1, '$.flags')", body)) == NULL)
		return NULL;
	if ((fp = open_memstream(&csv, &len)) == NULL)
		die("out of memory");
	fputs("kind,task,source,person,path,box,given,suggested,score,detail\n",
	    fp);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (i = 0; i < 10; i++) {
			csv_field(fp, html_col(st, i));
			fputc(i < 9 ? ',' : '\n', fp);
		}
	if (fclose(fp) != 0)
		die("out of memory");
	if (done(p, st, rc) == 0)
		path = tmp_file(p, "flags.csv", csv, len);
	free(csv);
	return path;
}

/* See html-int.h. */
int
html_audit(struct hpage *p)
{
	struct sheet	 s;
	sqlite3_stmt	*st = NULL;
	char		*body = NULL, *cmd = NULL, *when = NULL, *csv = NULL;
	int		 rc, ret = -1;

	sheet_init(&s, p->o->gallery);
	fputs("<section id=\"audit\"><h2>Latest audit</h2>\n", p->out);
	if (db_saved_latest(p->db, "audit", &body, &cmd, &when) != 0)
		goto out;
	if (body == NULL) {
		fputs("<p>No audit has been saved in this catalog yet: run"
		    " <code>maskcat audit</code> and make this page again.</p>\n"
		    "</section>\n", p->out);
		ret = 0;
		goto out;
	}
	saved_line(p, "audit", cmd, when);
	if ((st = html_json(p, "SELECT ?1->>'samples', ?1->>'groups',"
	    " ?1->>'folds', json_array_length(?1, '$.flags')", body)) == NULL)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW)
		fprintf(p->out, "<p>%s samples in %s groups, %s-fold"
		    " out-of-fold predictions; %s flags.</p>\n", html_col(st, 0),
		    html_col(st, 1), html_col(st, 2), html_col(st, 3));
	sqlite3_finalize(st);
	if ((st = html_json(p, "SELECT value->>'task', value->>'model',"
	    " value->>'rows', value->>'judged', printf('%.3f',"
	    " value->>'accuracy'), printf('%.3f', value->>'macro_f1'),"
	    " value->>'flagged' FROM json_each(?1, '$.tasks')", body)) == NULL)
		goto out;
	fputs("<table><tr><th class=\"l\">task</th><th class=\"l\">model</th>"
	    "<th>rows</th><th>judged</th><th>out-of-fold accuracy</th>"
	    "<th>macro F1</th><th>flagged</th></tr>\n", p->out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs("<tr><td class=\"l\">", p->out);
		html_text(p->out, html_col(st, 0));
		fputs("</td><td class=\"l\">", p->out);
		html_text(p->out, html_col(st, 1));
		fprintf(p->out, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s"
		    "</td><td>%s</td></tr>\n", html_col(st, 2), html_col(st, 3),
		    html_col(st, 4), html_col(st, 5), html_col(st, 6));
	}
	fputs("</table>\n", p->out);
	if (done(p, st, rc) != 0)
		goto out;
	if ((csv = flags_csv(p, body)) == NULL)
		goto out;
	if (sheet_select_flags(p->db, csv, p->o->source, &s) != 0)
		goto out;
	if (s.n + s.left_out == 0)
		fputs("<p>Nothing was flagged.</p>\n", p->out);
	else {
		fputs("<h3>Flagged photos</h3>\n<p>Most suspect first: a label"
		    " flag shows <em>given -&gt; suggested score</em> (a person's"
		    " flag shows the person's photos), a swap the person's"
		    " photos, a duplicate flag the files it lists.</p>\n",
		    p->out);
		html_gallery(p, &s, "photos of flags");
	}
	fputs("</section>\n", p->out);
	ret = 0;
out:
	sheet_release(&s);
	free(body);
	free(cmd);
	free(when);
	if (csv != NULL)
		unlink(csv);
	free(csv);
	return ret;
}
