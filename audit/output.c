/*
 * audit/output.c: the audit's report: per task what was judged and how
 * well the out-of-fold predictions agree with the labels, then the
 * flagged items (labels that look wrong, swapped files, duplicates whose
 * labels disagree) as text, CSV or JSON.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit-int.h"
#include "features.h"
#include "../lib/err.h"

static const char *const kind_names[] = { "label", "swap", "duplicate" };

/* A likelihood ratio from its logarithm, capped so it prints. */
static double
exp_ratio(double llr)
{
	return llr > 700 ? exp(700) : exp(llr);
}

/* Writes a flag's fields as CSV or JSON. */
static void
flag_fields(const struct arun *r, const struct aflag *f, FILE *out, int json)
{
	const struct asample	*s = &r->s[f->sample];
	char			 box[16] = "", score[32];

	if (s->box_idx >= 0 && !f->person)
		snprintf(box, sizeof box, "%d", s->box_idx);
	snprintf(score, sizeof score, "%.6g", f->score);
	if (!json) {
		fprintf(out, "%s,%s,", kind_names[f->kind],
		    audit_task_name(f->task));
		csv_field(out, r->src[s->src].name);
		fputc(',', out);
		csv_field(out, s->person != NULL ? s->person : "");
		fputc(',', out);
		csv_field(out, f->person ? "" : s->path);
		fprintf(out, ",%s,%s,%s,%s,", box, f->given >= 0 ?
		    audit_label_word(f->task, f->given) : "", f->suggested >= 0 ?
		    audit_label_word(f->task, f->suggested) : "", score);
		csv_field(out, f->detail != NULL ? f->detail : "");
		fputc('\n', out);
		return;
	}
	fprintf(out, "{\"kind\": \"%s\", \"task\": \"%s\", \"source\": ",
	    kind_names[f->kind], audit_task_name(f->task));
	json_string(out, r->src[s->src].name);
	fputs(", \"person\": ", out);
	if (s->person != NULL)
		json_string(out, s->person);
	else
		fputs("null", out);
	fputs(", \"path\": ", out);
	if (!f->person)
		json_string(out, s->path);
	else
		fputs("null", out);
	fprintf(out, ", \"box\": %s, \"given\": ", box[0] ? box : "null");
	if (f->given >= 0)
		json_string(out, audit_label_word(f->task, f->given));
	else
		fputs("null", out);
	fputs(", \"suggested\": ", out);
	if (f->suggested >= 0)
		json_string(out, audit_label_word(f->task, f->suggested));
	else
		fputs("null", out);
	fprintf(out, ", \"score\": %s, \"detail\": ", score);
	if (f->detail != NULL)
		json_string(out, f->detail);
	else
		fputs("null", out);
	fputc('}', out);
}

static void
text_flags(const struct arun *r, FILE *out)
{
	const struct aflag	*f;
	const struct asample	*s;
	long			 shown, total;
	size_t			 i;
	int			 t, k;

	for (k = FLAG_LABEL; k <= FLAG_DUP; k++)
		for (t = 0; t < AUDIT_NTASKS; t++) {
			if (k == FLAG_SWAP && t != AUDIT_MASK)
				continue;
			for (i = 0, total = 0; i < r->nflags; i++)
				total += r->flags[i].kind == (enum aflag_kind)k &&
				    r->flags[i].task == t;
			if (total == 0)
				continue;
			if (k == FLAG_LABEL)
				fprintf(out, "\n%s: %ld %s whose label looks"
				    " wrong (least self-confident first)\n",
				    audit_task_name(t), total, t == AUDIT_MASK ?
				    "photos" : "persons or photos");
			else if (k == FLAG_SWAP)
				fprintf(out, "\nswapped files: %ld persons"
				    " (likelihood ratio over %g)\n", total,
				    r->o->swap_ratio);
			else
				fprintf(out, "\n%s: %ld duplicate clusters"
				    " whose labels disagree\n",
				    audit_task_name(t), total);
			for (i = 0, shown = 0; i < r->nflags; i++) {
				f = &r->flags[i];
				if (f->kind != (enum aflag_kind)k || f->task != t)
					continue;
				if (r->o->limit >= 0 && shown++ >= r->o->limit) {
					fprintf(out, "  ... %ld more (--limit,"
					    " or --format csv for all)\n",
					    total - r->o->limit);
					break;
				}
				s = &r->s[f->sample];
				if (k == FLAG_LABEL)
					fprintf(out, "  %.3f  %-9s -> %-9s %s:%s"
					    "%s\n", f->score, audit_label_word(t,
					    f->given), audit_label_word(t,
					    f->suggested), r->src[s->src].name,
					    f->person ? s->person : s->path,
					    f->person ? " (person)" : "");
				else if (k == FLAG_SWAP)
					fprintf(out, "  %s:%s: %s (ratio %.3g)\n",
					    r->src[s->src].name, s->person,
					    f->detail, exp_ratio(f->score));
				else
					fprintf(out, "  %s\n", f->detail);
			}
		}
}

static void
text_summary(const struct arun *r, FILE *out)
{
	const struct atask	*t;
	int			 k;

	fprintf(out, "audit of %zu samples in %zu groups (persons, face"
	    " boxes, duplicates), %d-fold out-of-fold predictions, no group"
	    " split across folds\n", r->n, r->ngroups, r->o->folds);
	fprintf(out, "features: %ld cached, %ld computed, %ld failed (%.1f s);"
	    " training %.1f s\n", r->features_cached, r->features_computed,
	    r->features_failed, r->seconds_features, r->seconds_model);
	fprintf(out, "%-7s %-10s %7s %8s %8s %9s %8s\n", "task", "model",
	    "rows", "judged", "oof-acc", "macro-F1", "flagged");
	for (k = 0; k < AUDIT_NTASKS; k++) {
		t = &r->task[k];
		if (!t->run)
			continue;
		fprintf(out, "%-7s %-10s %7ld %8ld %8.3f %9.3f %8ld\n",
		    audit_task_name(k), t->external ? "external" : "built-in",
		    t->rows, t->units, t->acc, t->macro_f1, t->flagged);
		if (t->missing > 0)
			fprintf(out, "        (%ld labelled samples have no"
			    " prediction in the file)\n", t->missing);
	}
}

static void
json_report(const struct arun *r, FILE *out)
{
	const struct atask	*t;
	size_t			 i;
	int			 k, first = 1;

	fprintf(out, "{\"samples\": %zu, \"groups\": %zu, \"folds\": %d,"
	    " \"features\": {\"version\": %d, \"dim\": %d, \"cached\": %ld,"
	    " \"computed\": %ld, \"failed\": %ld},\n \"tasks\": [", r->n,
	    r->ngroups, r->o->folds, AUDIT_FEAT_VERSION, AUDIT_FEAT_DIM,
	    r->features_cached, r->features_computed, r->features_failed);
	for (k = 0; k < AUDIT_NTASKS; k++) {
		t = &r->task[k];
		if (!t->run)
			continue;
		fprintf(out, "%s\n  {\"task\": \"%s\", \"model\": \"%s\","
		    " \"rows\": %ld, \"judged\": %ld, \"accuracy\": %.6g,"
		    " \"macro_f1\": %.6g, \"flagged\": %ld, \"missing\": %ld}",
		    first ? "" : ",", audit_task_name(k), t->external ?
		    "external" : "built-in", t->rows, t->units, t->acc,
		    t->macro_f1, t->flagged, t->missing);
		first = 0;
	}
	fputs("],\n \"flags\": [", out);
	for (i = 0; i < r->nflags; i++) {
		fputs(i ? ",\n  " : "\n  ", out);
		flag_fields(r, &r->flags[i], out, 1);
	}
	fputs("]}\n", out);
}

/* See audit-int.h. */
char *
audit_json(const struct arun *r)
{
	FILE	*fp;
	char	*data = NULL;
	size_t	 len = 0;

	if ((fp = open_memstream(&data, &len)) == NULL)
		die("out of memory");
	json_report(r, fp);
	if (fclose(fp) != 0)
		die("out of memory");
	return data;
}

/* See audit-int.h. */
int
audit_output(const struct arun *r, FILE *out)
{
	size_t	i;

	switch (r->o->fmt) {
	case REPORT_TEXT:
		text_summary(r, out);
		text_flags(r, out);
		break;
	case REPORT_CSV:
		fputs("kind,task,source,person,path,box,given,suggested,score,"
		    "detail\n", out);
		for (i = 0; i < r->nflags; i++)
			flag_fields(r, &r->flags[i], out, 0);
		break;
	case REPORT_JSON:
		json_report(r, out);
		break;
	}
	return 0;
}
