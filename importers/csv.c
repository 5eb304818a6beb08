/*
 * importers/csv.c: a generic CSV manifest: one row per image, with the
 * image path (relative to the manifest's folder) and its label in named
 * columns; gender, age and person optional.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importer.h"
#include "../lib/csv.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"

static int	csv_walk(const char *, struct import_plan *);

const struct importer importer_csv = {
	.name = "csv",
	.summary = "a CSV manifest: PATH is the .csv; --path-col, --label-col,"
	    " [--gender-col, --age-col, --person-col]",
	.source_name = "csv",
	.walk = csv_walk
};

/*
 * Finds a column by header name, or by 1-based number; -1 if 'name' is
 * NULL (an optional column not asked for), -2 after reporting.
 */
static int
csv_find(const struct csv *r, const char *shown, const char *opt,
    const char *name)
{
	char	*end;
	long	 n;
	int	 col;

	if (name == NULL)
		return -1;
	if ((col = csv_column(r, name)) >= 0)
		return col;
	n = strtol(name, &end, 10);
	if (*end == '\0' && n >= 1 && (size_t)n <= r->nfields)
		return (int)n - 1;
	error("'%s': no column '%s' for %s in the header", shown, name, opt);
	return -2;
}

/* Accepts male/female, m/f and 0/1 (0 male, as UTKFace); -1 otherwise. */
static int
csv_gender(const char *s)
{
	int	g = label_gender_parse(s);

	if (g >= 0)
		return g;
	if (strcasecmp(s, "m") == 0 || strcmp(s, "0") == 0)
		return GENDER_MALE;
	if (strcasecmp(s, "f") == 0 || strcmp(s, "1") == 0)
		return GENDER_FEMALE;
	return -1;
}

/* Index of the person called 'name', added on first sight. */
static long
csv_person(struct import_plan *p, const char *name, int gender, int age,
    long line)
{
	size_t	i;

	for (i = p->npersons; i-- > 0;)
		if (strcmp(p->persons[i].folder, name) == 0)
			return (long)i;
	return plan_add_person(p, name, name, gender, NULL, age, line);
}

static const struct import_item *csv_sort_items;

static int
cmp_item_paths(const void *a, const void *b)
{
	const struct import_item	*x = &csv_sort_items[*(const size_t *)a];
	const struct import_item	*y = &csv_sort_items[*(const size_t *)b];
	int				 c = strcmp(x->path, y->path);

	return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * A path listed on two rows would be one image with two labels: the
 * later rows are problems and leave the plan.
 */
static void
csv_drop_repeats(struct import_plan *p, const char *base)
{
	struct import_item	*it;
	size_t			*idx = xmallocarray(p->nitems + 1, sizeof *idx);
	size_t			 i, k, first;
	char			 at[300];

	for (i = 0; i < p->nitems; i++)
		idx[i] = i;
	csv_sort_items = p->items;
	qsort(idx, p->nitems, sizeof *idx, cmp_item_paths);
	for (i = 1, first = 0; i < p->nitems; i++) {
		if (strcmp(p->items[idx[i]].path, p->items[idx[first]].path)) {
			first = i;
			continue;
		}
		it = &p->items[idx[i]];
		snprintf(at, sizeof at, "%s:%ld", base, it->seq);
		plan_problem(p, at, "'%s' is already listed on line %ld",
		    it->path, p->items[idx[first]].seq);
		it->seq = -it->seq;	/* marks it for removal */
	}
	for (i = k = 0; i < p->nitems; i++) {
		it = &p->items[i];
		if (it->seq < 0) {
			free(it->path);
			free(it->label);
			continue;
		}
		p->items[k++] = *it;
	}
	p->nitems = k;
	free(idx);
}

static int
csv_walk(const char *path, struct import_plan *plan)
{
	const struct import_opts *o = plan->opts;
	struct import_item	*it;
	struct csv		 r;
	char			*dir = NULL, *data = NULL, *shown = NULL;
	char			 why[256], at[300];
	const char		*base, *slash, *f;
	size_t			 len;
	int			 cp, cl, cg, ca, cper, rc, ret = -1, inited = 0;
	int			 g, a;

	if (o == NULL || o->path_col == NULL || o->label_col == NULL)
		return error("import csv needs --path-col and --label-col");
	slash = strrchr(path, '/');
	dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) :
	    xstrdup(".");
	base = slash ? slash + 1 : path;
	if (plan_open(plan, dir) != 0)
		goto out;
	shown = plan_display(plan, base);
	if (plan_read_manifest(plan, base, &data, &len) != 0)
		goto out;
	csv_init(&r, shown, data, len);
	inited = 1;
	if ((rc = csv_next(&r, why)) <= 0) {
		error("'%s': %s", shown, rc == 0 ? "empty file" : why);
		goto out;
	}
	if ((cp = csv_find(&r, shown, "--path-col", o->path_col)) < -1 ||
	    (cl = csv_find(&r, shown, "--label-col", o->label_col)) < -1 ||
	    (cg = csv_find(&r, shown, "--gender-col", o->gender_col)) < -1 ||
	    (ca = csv_find(&r, shown, "--age-col", o->age_col)) < -1 ||
	    (cper = csv_find(&r, shown, "--person-col", o->person_col)) < -1)
		goto out;
	while ((rc = csv_next(&r, why)) == 1) {
		snprintf(at, sizeof at, "%s:%ld", base, r.record_line);
		if ((size_t)cp >= r.nfields || (size_t)cl >= r.nfields ||
		    (cg >= 0 && (size_t)cg >= r.nfields) ||
		    (ca >= 0 && (size_t)ca >= r.nfields) ||
		    (cper >= 0 && (size_t)cper >= r.nfields)) {
			plan_problem(plan, at, "row has %zu fields", r.nfields);
			continue;
		}
		f = r.fields[cp];
		if (!path_is_safe_relative(f)) {
			plan_problem(plan, at, "path '%s' is empty, absolute"
			    " or leaves the manifest's folder", f);
			continue;
		}
		if (*r.fields[cl] == '\0') {
			plan_problem(plan, at, "empty label");
			continue;
		}
		g = -1;
		if (cg >= 0 && *r.fields[cg] != '\0' &&
		    (g = csv_gender(r.fields[cg])) < 0) {
			plan_problem(plan, at, "unknown gender '%s'",
			    r.fields[cg]);
			continue;
		}
		a = -1;
		if (ca >= 0 && *r.fields[ca] != '\0' &&
		    (a = label_age_parse(r.fields[ca])) < 0) {
			plan_problem(plan, at, "age '%s' is not a whole number"
			    " of years", r.fields[ca]);
			continue;
		}
		it = plan_add_item_labelled(plan, f, r.fields[cl], g, a);
		it->seq = r.record_line;
		if (cper >= 0 && *r.fields[cper] != '\0')
			it->person = csv_person(plan, r.fields[cper], g, a,
			    r.record_line);
	}
	if (rc < 0) {
		snprintf(at, sizeof at, "%s:%ld", base, r.record_line);
		plan_problem(plan, at, "%s; the rest of the file is ignored",
		    why);
	}
	csv_drop_repeats(plan, base);
	ret = 0;
out:
	if (inited)
		csv_release(&r);
	free(data);
	free(shown);
	free(dir);
	return ret;
}
