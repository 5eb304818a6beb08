/*
 * reports/quality.c: "maskcat report quality": images that are dark,
 * overexposed, blurry, low in information, grey-only, or of an odd aspect
 * ratio or size, from the measures stored at import.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../image/image.h"
#include "../lib/err.h"

static const char *const issue_names[Q_COUNT] = {
	"dark", "overexposed", "blurry", "low_information", "grey",
	"odd_aspect", "odd_size"
};

const char *
quality_issue_name(enum quality_issue q)
{
	return q < Q_COUNT ? issue_names[q] : "?";
}

void
quality_opts_default(struct quality_opts *o)
{
	o->dark = 0.32;		/* cleanvision's dark threshold */
	o->light = 0.90;
	o->blurry = 0.30;
	o->low_info = 0.30;
	o->grey = 0.02;
	o->aspect = 0.50;	/* cleanvision's odd_aspect_ratio */
	o->size = 4.0;
	o->limit = 10;
}

/* One measured image, as much as the report needs. */
struct qrow {
	int		 source;	/* index in sources[] */
	char		*path;
	double		 score[Q_COUNT];	/* the value each issue tests */
	double		 side;		/* sqrt(width * height) */
};

struct qset {
	struct qrow	*rows;
	size_t		 n, cap;
	char		**sources;
	size_t		 nsources;
};

static int
q_collect(const struct db_measured *r, void *arg)
{
	struct qset	*q = arg;
	struct qrow	*row;
	size_t		 s;
	double		 a;

	for (s = 0; s < q->nsources; s++)
		if (strcmp(q->sources[s], r->source) == 0)
			break;
	if (s == q->nsources) {
		q->sources = xrealloc(q->sources, (s + 1) * sizeof *q->sources);
		q->sources[q->nsources++] = xstrdup(r->source);
	}
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 1024;
		q->rows = xrealloc(q->rows, q->cap * sizeof *q->rows);
	}
	row = &q->rows[q->n++];
	row->source = (int)s;
	row->path = xstrdup(r->path);
	a = (double)r->width / r->height;
	row->score[Q_DARK] = r->m.bright_p99;
	row->score[Q_LIGHT] = r->m.bright_p1;
	row->score[Q_BLURRY] = r->m.sharpness;
	row->score[Q_LOW_INFO] = r->m.entropy;
	row->score[Q_GREY] = r->m.colour;
	row->score[Q_ASPECT] = a < 1 ? a : 1 / a;
	row->side = sqrt((double)r->width * r->height);
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sets score[Q_SIZE]: how many times off the source's median side. */
static void
q_size_scores(struct qset *q)
{
	double	*v = xmallocarray(q->n + 1, sizeof *v), med;
	size_t	 s, i, k;

	for (s = 0; s < q->nsources; s++) {
		for (i = k = 0; i < q->n; i++)
			if (q->rows[i].source == (int)s)
				v[k++] = q->rows[i].side;
		qsort(v, k, sizeof *v, cmp_double);
		med = k ? (k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2) : 1;
		for (i = 0; i < q->n; i++) {
			if (q->rows[i].source != (int)s)
				continue;
			q->rows[i].score[Q_SIZE] = q->rows[i].side > med ?
			    q->rows[i].side / med : med / q->rows[i].side;
		}
	}
	free(v);
}

/* True when row r has issue i under the thresholds. */
static int
q_flagged(const struct qrow *r, int i, const struct quality_opts *o)
{
	switch (i) {
	case Q_DARK:
		return r->score[i] < o->dark;
	case Q_LIGHT:
		return r->score[i] > o->light;
	case Q_BLURRY:
		return r->score[i] < o->blurry;
	case Q_LOW_INFO:
		return r->score[i] < o->low_info;
	case Q_GREY:
		return r->score[i] < o->grey;
	case Q_ASPECT:
		return r->score[i] < o->aspect;
	default:
		return r->score[i] > o->size;
	}
}

/* Worst first: the issues where a high score is bad sort descending. */
static int	 q_sort_issue;
static const struct qrow *q_sort_rows;

static int
cmp_worst(const void *a, const void *b)
{
	double	x = q_sort_rows[*(const size_t *)a].score[q_sort_issue];
	double	y = q_sort_rows[*(const size_t *)b].score[q_sort_issue];
	int	c = (x > y) - (x < y);

	if (q_sort_issue == Q_LIGHT || q_sort_issue == Q_SIZE)
		c = -c;
	return c != 0 ? c : (*(const size_t *)a > *(const size_t *)b) -
	    (*(const size_t *)a < *(const size_t *)b);
}

/* Indices of the rows flagged with issue i, worst first; *k of them. */
static size_t *
q_flagged_rows(const struct qset *q, int i, const struct quality_opts *o,
    size_t *k)
{
	size_t	*idx = xmallocarray(q->n + 1, sizeof *idx), j;

	for (j = *k = 0; j < q->n; j++)
		if (q_flagged(&q->rows[j], i, o))
			idx[(*k)++] = j;
	q_sort_issue = i;
	q_sort_rows = q->rows;
	qsort(idx, *k, sizeof *idx, cmp_worst);
	return idx;
}

static void
q_thresholds(FILE *out, const struct quality_opts *o)
{
	fprintf(out, "thresholds: dark = 99th brightness percentile < %.2f;"
	    " overexposed = 1st percentile > %.2f; blurry = sharpness < %.3f;"
	    " low_information = entropy < %.2f; grey = colourfulness < %.3f;"
	    " odd_aspect = min(w/h, h/w) < %.2f; odd_size = %.1fx off the"
	    " source's median side\n", o->dark, o->light, o->blurry,
	    o->low_info, o->grey, o->aspect, o->size);
}

static void
render_text(FILE *out, const struct qset *q, long unmeasured,
    const struct quality_opts *o, const char *source)
{
	long	 counts[Q_COUNT], total[Q_COUNT] = { 0 }, images;
	size_t	 s, j, k, *idx;
	int	 i;

	fprintf(out, "quality of %s: %zu images measured", source ? source :
	    "all sources", q->n);
	if (unmeasured > 0)
		fprintf(out, ", %ld not measured (run maskcat scan)",
		    unmeasured);
	fprintf(out, "\n");
	q_thresholds(out, o);
	fprintf(out, "\n%-14s %8s", "source", "images");
	for (i = 0; i < Q_COUNT; i++)
		fprintf(out, " %*s", (int)strlen(issue_names[i]) > 6 ?
		    (int)strlen(issue_names[i]) : 6, issue_names[i]);
	fputc('\n', out);
	for (s = 0; s < q->nsources; s++) {
		memset(counts, 0, sizeof counts);
		for (j = 0, images = 0; j < q->n; j++) {
			if (q->rows[j].source != (int)s)
				continue;
			images++;
			for (i = 0; i < Q_COUNT; i++)
				counts[i] += q_flagged(&q->rows[j], i, o);
		}
		fprintf(out, "%-14s %8ld", q->sources[s], images);
		for (i = 0; i < Q_COUNT; i++) {
			fprintf(out, " %*ld", (int)strlen(issue_names[i]) > 6 ?
			    (int)strlen(issue_names[i]) : 6, counts[i]);
			total[i] += counts[i];
		}
		fputc('\n', out);
	}
	for (i = 0; i < Q_COUNT; i++) {
		if (total[i] == 0)
			continue;
		idx = q_flagged_rows(q, i, o, &k);
		fprintf(out, "\n%s: %zu images%s\n", issue_names[i], k,
		    o->limit >= 0 && (long)k > o->limit ? ", the worst:" : "");
		for (j = 0; j < k && (o->limit < 0 || (long)j < o->limit); j++)
			fprintf(out, "  %8.3f  %s:%s\n",
			    q->rows[idx[j]].score[i],
			    q->sources[q->rows[idx[j]].source],
			    q->rows[idx[j]].path);
		free(idx);
	}
}

static void
render_csv(FILE *out, const struct qset *q, const struct quality_opts *o)
{
	size_t	 j, k, *idx;
	int	 i;

	fprintf(out, "issue,source,path,score\n");
	for (i = 0; i < Q_COUNT; i++) {
		idx = q_flagged_rows(q, i, o, &k);
		for (j = 0; j < k; j++) {
			fprintf(out, "%s,%s,", issue_names[i],
			    q->sources[q->rows[idx[j]].source]);
			csv_field(out, q->rows[idx[j]].path);
			fprintf(out, ",%.4f\n", q->rows[idx[j]].score[i]);
		}
		free(idx);
	}
}

static void
render_json(FILE *out, const struct qset *q, long unmeasured,
    const struct quality_opts *o)
{
	size_t	 s, j, k, *idx;
	long	 c;
	int	 i;

	fprintf(out, "{\n  \"measured\": %zu,\n  \"unmeasured\": %ld,\n"
	    "  \"thresholds\": {\"dark\": %g, \"overexposed\": %g,"
	    " \"blurry\": %g, \"low_information\": %g, \"grey\": %g,"
	    " \"odd_aspect\": %g, \"odd_size\": %g},\n  \"sources\": [",
	    q->n, unmeasured, o->dark, o->light, o->blurry, o->low_info,
	    o->grey, o->aspect, o->size);
	for (s = 0; s < q->nsources; s++) {
		fprintf(out, "%s\n    {\"source\": ", s ? "," : "");
		json_string(out, q->sources[s]);
		for (i = 0; i < Q_COUNT; i++) {
			for (j = 0, c = 0; j < q->n; j++)
				c += q->rows[j].source == (int)s &&
				    q_flagged(&q->rows[j], i, o);
			fprintf(out, ", \"%s\": %ld", issue_names[i], c);
		}
		fputc('}', out);
	}
	fprintf(out, "\n  ],\n  \"flagged\": {");
	for (i = 0; i < Q_COUNT; i++) {
		idx = q_flagged_rows(q, i, o, &k);
		fprintf(out, "%s\n    \"%s\": [", i ? "," : "", issue_names[i]);
		for (j = 0; j < k; j++) {
			fprintf(out, "%s{\"source\": ", j ? ", " : "");
			json_string(out, q->sources[q->rows[idx[j]].source]);
			fprintf(out, ", \"path\": ");
			json_string(out, q->rows[idx[j]].path);
			fprintf(out, ", \"score\": %.4f}",
			    q->rows[idx[j]].score[i]);
		}
		fputc(']', out);
		free(idx);
	}
	fprintf(out, "\n  }\n}\n");
}

int
report_quality(sqlite3 *db, const char *source, const struct quality_opts *o,
    enum report_format fmt, FILE *out)
{
	struct qset	 q;
	long		 unmeasured = 0;
	size_t		 i;
	int		 rc = -1;

	memset(&q, 0, sizeof q);
	if (source != NULL && db_check_source(db, source) != 0)
		return -1;
	if (db_each_measured(db, source, IMG_MEASURE_VERSION, q_collect, &q,
	    &unmeasured) != 0)
		goto out;
	q_size_scores(&q);
	if (fmt == REPORT_TEXT)
		render_text(out, &q, unmeasured, o, source);
	else if (fmt == REPORT_CSV)
		render_csv(out, &q, o);
	else
		render_json(out, &q, unmeasured, o);
	rc = 0;
out:
	for (i = 0; i < q.n; i++)
		free(q.rows[i].path);
	for (i = 0; i < q.nsources; i++)
		free(q.sources[i]);
	free(q.rows);
	free(q.sources);
	return rc;
}
