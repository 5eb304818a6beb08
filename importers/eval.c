/*
 * importers/eval.c: the unlabelled evaluation set of the base dataset:
 * info.csv (ImageID,ans) and images/<ImageID>.  The row order of info.csv
 * is the submission order, kept as images.seq.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "importer.h"
#include "../lib/csv.h"
#include "../lib/err.h"
#include "../lib/file.h"

static int	eval_walk(const char *, struct import_plan *);

const struct importer importer_eval = {
	.name = "eval",
	.summary = "the base dataset's unlabelled eval set: info.csv + images/",
	.source_name = "eval",
	.walk = eval_walk
};

struct eval_row {
	char	*name;
	long	 line, seq;
};

static int
eval_cmp_rows(const void *a, const void *b)
{
	const struct eval_row	*x = a, *y = b;
	int			 c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

static int
eval_walk(const char *dir, struct import_plan *plan)
{
	struct csv	 r;
	struct eval_row	*rows = NULL;
	struct tree_entry *ents = NULL;
	char		*csvpath = NULL, *data = NULL, why[256], at[64];
	size_t		 len, n = 0, nrows = 0, cap = 0, i, j;
	long		 seq = 0;
	int		 col, rc, c, ret = -1, have_csv = 0;

	if (plan_find_root(plan, dir, "info.csv", "eval") != 0)
		return -1;
	csvpath = plan_display(plan, "info.csv");
	if (plan_read_manifest(plan, "info.csv", &data, &len) != 0)
		goto out;
	csv_init(&r, csvpath, data, len);
	have_csv = 1;
	if ((rc = csv_next(&r, why)) <= 0) {
		error("'%s': %s", csvpath, rc == 0 ? "empty file, expected the"
		    " header ImageID,ans" : why);
		goto out;
	}
	if ((col = csv_column(&r, "ImageID")) < 0) {
		error("'%s': the header has no column 'ImageID'", csvpath);
		goto out;
	}
	while ((rc = csv_next(&r, why)) == 1) {
		snprintf(at, sizeof at, "info.csv:%ld", r.record_line);
		if (r.nfields <= (size_t)col) {
			plan_problem(plan, at, "row has no ImageID");
			continue;
		}
		if (!path_is_component(r.fields[col]) ||
		    r.fields[col][0] == '.') {
			plan_problem(plan, at, "bad ImageID '%s'",
			    r.fields[col]);
			continue;
		}
		if (nrows == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		rows[nrows].name = xstrdup(r.fields[col]);
		rows[nrows].line = r.record_line;
		rows[nrows].seq = ++seq;
		nrows++;
	}
	if (rc < 0) {
		snprintf(at, sizeof at, "info.csv:%ld", r.record_line);
		plan_problem(plan, at, "%s; the rest of the file is ignored",
		    why);
	}
	if (plan_list_dir(plan, "images", &ents, &n, &plan->skipped) != 0)
		goto out;
	qsort(rows, nrows, sizeof *rows, eval_cmp_rows);
	for (i = j = 0; i < nrows || j < n;) {
		if (i > 0 && i < nrows &&
		    strcmp(rows[i].name, rows[i - 1].name) == 0) {
			snprintf(at, sizeof at, "info.csv:%ld", rows[i].line);
			plan_problem(plan, at, "'%s' is already listed on line"
			    " %ld", rows[i].name, rows[i - 1].line);
			i++;
			continue;
		}
		c = i >= nrows ? 1 : j >= n ? -1 : strcmp(rows[i].name,
		    plan_basename(ents[j].path));
		if (c < 0) {
			snprintf(at, sizeof at, "info.csv:%ld", rows[i].line);
			plan_problem(plan, at, "'images/%s' does not exist",
			    rows[i].name);
			i++;
		} else if (c > 0) {
			plan_problem(plan, ents[j].path, "not listed in info.csv");
			j++;
		} else {
			plan_add_item(plan, ents[j].path, -1, -1, -1, -1,
			    rows[i].seq);
			i++;
			j++;
		}
	}
	ret = 0;
out:
	if (have_csv)
		csv_release(&r);
	for (i = 0; i < nrows; i++)
		free(rows[i].name);
	free(rows);
	tree_entries_free(ents, n);
	free(data);
	free(csvpath);
	return ret;
}
