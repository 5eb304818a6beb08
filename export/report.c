/*
 * export/report.c: what an export says about itself: the split report
 * (printed, and OUT/split_report.json: target and achieved shares per
 * stratum and side, the largest deviation, groups, a leakage check
 * recomputed from the assignment, balancing before and after) and
 * OUT/export.json (command, seed, options, catalog state, program
 * version, and the size and XXH3 of every manifest and report).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export-int.h"
#include "split.h"
#include "../lib/err.h"
#include "../lib/labels.h"
#include "../reports/report.h"
#include "../lib/file.h"
#include "../lib/fs.h"
#include "../maskcat.h"

/* What the report computes from the plan. */
struct xsummary {
	long	 samples[SPLIT_MAX_K], groups[SPLIT_MAX_K];
	long	 count[SPLIT_MAX_K][X_NSTRATA], whole[X_NSTRATA];
	double	 max_dev_pp;
	long	 leak_persons, leak_clusters, leak_images;
	long	 files, copies, dropped;
};

static const char *
stratum_name(int st, char buf[40])
{
	int	m, g, a;

	if (st < N_CLASS) {
		label_class_parts(st, &m, &g, &a);
		snprintf(buf, 40, "%d %s %s %s", st, label_mask_word(m),
		    label_gender_word(g), label_age_bin_word(a));
	} else if (st < N_CLASS + N_MASK)
		snprintf(buf, 40, "mask %s", label_mask_word(st - N_CLASS));
	else if (st < X_NSTRATA - 1) {
		st -= N_CLASS + N_MASK;
		snprintf(buf, 40, "%s %s", label_gender_word(st / N_AGE_BIN),
		    label_age_bin_word(st % N_AGE_BIN));
	} else
		snprintf(buf, 40, "unlabelled");
	return buf;
}

static const struct xplan *cmp_p;
static int cmp_field;		/* 0 person, 1 cluster, 2 image */

static int64_t
leak_key(const struct xsample *s)
{
	return cmp_field == 0 ? s->person_id : cmp_field == 1 ? s->cluster :
	    s->image_id;
}

static int
cmp_leak(const void *a, const void *b)
{
	int64_t	x = leak_key(&cmp_p->s[*(const size_t *)a]);
	int64_t	y = leak_key(&cmp_p->s[*(const size_t *)b]);

	return (x > y) - (x < y);
}

/*
 * Keys (persons, duplicate clusters, images) whose samples sit on more
 * than one side, counted from the sides themselves, not from the groups
 * the split was given: a check, not a restatement.
 */
static long
count_leaks(const struct xplan *p, size_t *idx, int field)
{
	size_t	i, j;
	long	leaks = 0;
	int64_t	k;

	for (i = 0; i < p->n; i++)
		idx[i] = i;
	cmp_p = p;
	cmp_field = field;
	qsort(idx, p->n, sizeof *idx, cmp_leak);
	for (i = 0; i < p->n; i = j) {
		k = leak_key(&p->s[idx[i]]);
		for (j = i + 1; j < p->n && leak_key(&p->s[idx[j]]) == k; j++)
			;
		if (k == 0)
			continue;
		for (size_t t = i + 1; t < j; t++)
			if (p->s[idx[t]].side != p->s[idx[i]].side) {
				leaks++;
				break;
			}
	}
	return leaks;
}

static void
summarise(const struct xplan *p, struct xsummary *x)
{
	size_t	*idx = xmallocarray(p->n + 1, sizeof *idx), i;
	char	*seen = xcalloc(p->ngroups + 1, 1);
	double	 d;
	int	 f, c;

	memset(x, 0, sizeof *x);
	for (i = 0; i < p->n; i++) {
		const struct xsample *s = &p->s[i];

		x->samples[s->side]++;
		x->count[s->side][s->stratum]++;
		x->whole[s->stratum]++;
		if (!seen[s->group]) {
			seen[s->group] = 1;
			x->groups[s->side]++;
		}
		x->dropped += !s->keep;
	}
	for (i = 0; i < p->nit; i++)
		x->copies += p->it[i].copy > 0;
	x->files = (long)p->nit;
	for (f = 0; f < p->nsides; f++)
		for (c = 0; c < X_NSTRATA; c++) {
			if (x->samples[f] == 0)
				continue;
			d = fabs((double)x->count[f][c] / x->samples[f] -
			    (double)x->whole[c] / p->n) * 100;
			if (d > x->max_dev_pp)
				x->max_dev_pp = d;
		}
	x->leak_persons = count_leaks(p, idx, 0);
	x->leak_clusters = count_leaks(p, idx, 1);
	x->leak_images = count_leaks(p, idx, 2);
	free(idx);
	free(seen);
}

static void
print_text(const struct xplan *p, const struct xsummary *x, FILE *out)
{
	char	sn[16], buf[40];
	int	f, c, k;

	fprintf(out, "%zu samples in %zu groups (persons, face boxes,"
	    " duplicate clusters)", p->n, p->ngroups);
	for (f = 0; f < p->nsides; f++)
		fprintf(out, "%s %s %ld (%ld groups)", f == 0 ? ": " : ", ",
		    xplan_side_name(p, f, sn), x->samples[f], x->groups[f]);
	fputc('\n', out);
	if (p->nsides == 2)
		fprintf(out, "valid share %.4f (target %.4f)\n",
		    (double)x->samples[1] / p->n, p->o->valid);
	fprintf(out, "class shares: largest deviation from the whole %.3f"
	    " points\n", x->max_dev_pp);
	fprintf(out, "  %-28s %7s", "stratum", "whole");
	for (f = 0; f < p->nsides && f < 10; f++)
		fprintf(out, " %7s", xplan_side_name(p, f, sn));
	fputc('\n', out);
	for (c = 0; c < X_NSTRATA; c++) {
		if (x->whole[c] == 0)
			continue;
		fprintf(out, "  %-28s %6.2f%%", stratum_name(c, buf),
		    100.0 * x->whole[c] / p->n);
		for (f = 0; f < p->nsides && f < 10; f++)
			fprintf(out, " %6.2f%%", x->samples[f] == 0 ? 0 :
			    100.0 * x->count[f][c] / x->samples[f]);
		fputc('\n', out);
	}
	fprintf(out, "leakage: %ld persons, %ld duplicate clusters, %ld"
	    " images on two sides\n", x->leak_persons, x->leak_clusters,
	    x->leak_images);
	if (p->o->balance != BAL_NONE) {
		fprintf(out, "balance (%s by %s), train side:\n",
		    export_balance_name(p->o->balance),
		    export_by_name(p->o->balance_by));
		for (k = 0; k < p->nkeys; k++)
			if (p->key_before[k] > 0)
				fprintf(out, "  %-22s %7ld -> %ld\n",
				    xplan_key_name(p->o->balance_by, k, buf),
				    p->key_before[k], p->key_after[k]);
	}
	if (p->corrections > 0)
		fprintf(out, "labels: %ld correction%s applied (maskcat relabel"
		    " --list)\n", p->corrections, p->corrections == 1 ? "" :
		    "s");
	if (p->skipped_label + p->skipped_person + p->skipped_name > 0)
		fprintf(out, "skipped: %ld without the label the layout needs,"
		    " %ld without a person (base layout), %ld not named"
		    " mask1-5/incorrect_mask/normal\n", p->skipped_label,
		    p->skipped_person, p->skipped_name);
}

/* Writes "key": value pairs of the report as JSON. */
static void
report_json(const struct xplan *p, const struct xsummary *x, FILE *fp)
{
	char	sn[16], buf[40];
	int	f, c, k, first;

	fputs("{\n \"sides\": [", fp);
	for (f = 0; f < p->nsides; f++)
		fprintf(fp, "%s\"%s\"", f ? ", " : "",
		    xplan_side_name(p, f, sn));
	fprintf(fp, "],\n \"samples\": %zu, \"groups\": %zu,\n"
	    " \"per_side\": [", p->n, p->ngroups);
	for (f = 0; f < p->nsides; f++)
		fprintf(fp, "%s{\"samples\": %ld, \"groups\": %ld}",
		    f ? ", " : "", x->samples[f], x->groups[f]);
	fputs("],\n", fp);
	if (p->nsides == 2)
		fprintf(fp, " \"valid_target\": %.6g, \"valid_achieved\":"
		    " %.6g,\n", p->o->valid, (double)x->samples[1] / p->n);
	fprintf(fp, " \"max_deviation_pp\": %.6g,\n \"strata\": [",
	    x->max_dev_pp);
	for (c = 0, first = 1; c < X_NSTRATA; c++) {
		if (x->whole[c] == 0)
			continue;
		fprintf(fp, "%s\n  {\"stratum\": ", first ? "" : ",");
		first = 0;
		json_string(fp, stratum_name(c, buf));
		fprintf(fp, ", \"whole\": %.6g, \"count\": %ld, \"share\": [",
		    (double)x->whole[c] / p->n, x->whole[c]);
		for (f = 0; f < p->nsides; f++)
			fprintf(fp, "%s%.6g", f ? ", " : "",
			    x->samples[f] == 0 ? 0 :
			    (double)x->count[f][c] / x->samples[f]);
		fputs("], \"counts\": [", fp);
		for (f = 0; f < p->nsides; f++)
			fprintf(fp, "%s%ld", f ? ", " : "", x->count[f][c]);
		fputs("]}", fp);
	}
	fprintf(fp, "\n ],\n \"leakage\": {\"persons\": %ld,"
	    " \"duplicate_clusters\": %ld, \"images\": %ld},\n",
	    x->leak_persons, x->leak_clusters, x->leak_images);
	fprintf(fp, " \"duplicate_clusters\": %ld,\n", p->dup_clusters);
	fprintf(fp, " \"balance\": {\"method\": \"%s\", \"by\": \"%s\","
	    " \"keys\": [", export_balance_name(p->o->balance),
	    export_by_name(p->o->balance_by));
	for (k = 0, first = 1; k < p->nkeys; k++) {
		if (p->key_before[k] == 0)
			continue;
		fprintf(fp, "%s\n  {\"key\": ", first ? "" : ",");
		first = 0;
		json_string(fp, xplan_key_name(p->o->balance_by, k, buf));
		fprintf(fp, ", \"before\": %ld, \"after\": %ld}",
		    p->key_before[k], p->key_after[k]);
	}
	fprintf(fp, "],\n  \"copies\": %ld, \"dropped\": %ld},\n"
	    " \"skipped\": {\"no_label\": %ld, \"no_person\": %ld,"
	    " \"odd_name\": %ld}\n}\n", x->copies, x->dropped,
	    p->skipped_label, p->skipped_person, p->skipped_name);
}

static void
export_json(const struct xplan *p, const struct xsummary *x, FILE *fp)
{
	const struct export_opts *o = p->o;
	char	 ts[32];
	time_t	 now = time(NULL);
	size_t	 i;
	int	 a;

	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fprintf(fp, "{\n \"program\": \"maskcat\", \"version\": \"%s\","
	    "\n \"created\": \"%s\",\n \"command\": [\"maskcat\"",
	    MASKCAT_VERSION, ts);
	for (a = 0; a < o->argc; a++) {
		fputs(", ", fp);
		json_string(fp, o->argv[a]);
	}
	fprintf(fp, "],\n \"seed\": %llu,\n \"options\": {\"valid\": %.6g,"
	    " \"folds\": %d, \"balance\": \"%s\", \"balance_by\": \"%s\","
	    " \"width\": %d, \"height\": %d, \"crop\": \"%s\", \"margin\":"
	    " %.6g, \"format\": \"%s\", \"quality\": %d, \"layout\": \"%s\","
	    " \"classes\": \"%s\", \"dup_threshold\": %d, \"source\": ",
	    (unsigned long long)o->seed, o->folds >= 2 ? 0 : o->valid,
	    o->folds, export_balance_name(o->balance),
	    export_by_name(o->balance_by), o->width, o->height,
	    export_crop_name(o->crop), o->margin, o->format == IMG_PNG ?
	    "png" : "jpg", o->quality, o->layout == LAYOUT_BASE ? "base" :
	    "imagefolder", o->classes == CLASSES_MASK ? "mask" : "class",
	    o->dup_threshold);
	if (o->source != NULL)
		json_string(fp, o->source);
	else
		fputs("null", fp);
	fputs("},\n \"catalog\": {\"path\": ", fp);
	json_string(fp, o->db_path != NULL ? o->db_path : "");
	fprintf(fp, ", \"schema\": %d, \"fingerprint\": \"%s\", \"samples\":"
	    " %zu, \"corrections\": %ld, \"sources\": [", db_schema_version(),
	    p->fingerprint, p->n, p->corrections);
	for (i = 0; i < p->nsrc; i++) {
		fputs(i ? ", {\"name\": " : "{\"name\": ", fp);
		json_string(fp, p->src[i].name);
		fputs(", \"kind\": ", fp);
		json_string(fp, p->src[i].kind);
		fputs(", \"root\": ", fp);
		json_string(fp, p->src[i].root);
		fputc('}', fp);
	}
	fprintf(fp, "]},\n \"counts\": {\"files\": %ld, \"copies\": %ld,"
	    " \"dropped\": %ld, \"leaks\": %ld},\n \"manifests\": [",
	    x->files, x->copies, x->dropped, x->leak_persons +
	    x->leak_clusters + x->leak_images);
	for (i = 0; i < p->nfiles; i++) {
		fputs(i ? ",\n  {\"name\": " : "\n  {\"name\": ", fp);
		json_string(fp, p->files[i].name);
		fprintf(fp, ", \"rows\": %ld, \"bytes\": %lld, \"xxh3\":"
		    " \"%s\"}", p->files[i].rows,
		    (long long)p->files[i].bytes, p->files[i].hash);
	}
	fputs("\n ]\n}\n", fp);
}

/*
 * Writes fn's output as file 'name' of dir, listed in export.json when
 * 'listed' is set.  0 or -1 after reporting.
 */
static int
put_json(struct xplan *p, const char *dir, const char *name,
    void (*fn)(const struct xplan *, const struct xsummary *, FILE *),
    const struct xsummary *x, int listed)
{
	FILE	*fp;
	char	*data = NULL;
	size_t	 len = 0;
	int	 rc;

	if ((fp = open_memstream(&data, &len)) == NULL)
		die("out of memory");
	fn(p, x, fp);
	if (fclose(fp) != 0)
		die("out of memory");
	if (listed)
		rc = xplan_put_file(p, dir, name, data, len, -1);
	else
		rc = xplan_write_new(p, dir, name, data, len);
	free(data);
	return rc;
}

/* See export-int.h. */
int
xplan_write_reports(struct xplan *p, const char *dir, FILE *out)
{
	struct xsummary	*x = xmalloc(sizeof *x);
	int		 rc = -1;

	summarise(p, x);
	if (xplan_write_manifests(p, dir) != 0 ||
	    put_json(p, dir, "split_report.json", report_json, x, 1) != 0)
		goto done;
	/* export.json last: it lists the others with their hashes. */
	if (put_json(p, dir, "export.json", export_json, x, 0) != 0)
		goto done;
	rc = 0;
	print_text(p, x, out);
	if (x->leak_persons + x->leak_clusters + x->leak_images > 0)
		rc = error("BUG: the split leaks (%ld persons, %ld clusters,"
		    " %ld images)", x->leak_persons, x->leak_clusters,
		    x->leak_images);
done:
	free(x);
	return rc;
}
