/*
 * importers/csv.c: a generic CSV manifest: one row per image, with the
 * image path (relative to the manifest's folder) and its label in named
 * columns; gender, age and person optional.
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>
#include <xxhash.h>

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

/*
 * A hash index from a key (the XXH3 of a string, never 0) to a number:
 * the line a path was first listed on, or a person's index.  A match on
 * the key is confirmed by the caller's same() when it can compare the
 * strings themselves.
 */
struct csv_index {
	struct csv_slot {
		uint64_t	 key;	/* 0: empty */
		long		 val;
	}		*slot;
	size_t		 n, cap;
};

static uint64_t
csv_key(const char *s)
{
	return XXH3_64bits(s, strlen(s)) | 1;
}

/* Where 'key' is, or the empty slot where it would go. */
static struct csv_slot *
csv_index_find(struct csv_index *ix, uint64_t key,
    int (*same)(long, const void *), const void *arg)
{
	size_t	i;

	for (i = key & (ix->cap - 1); ix->slot[i].key != 0;
	    i = (i + 1) & (ix->cap - 1))
		if (ix->slot[i].key == key &&
		    (same == NULL || same(ix->slot[i].val, arg)))
			break;
	return &ix->slot[i];
}

/* Makes room for one more key (the table stays at most half full). */
static void
csv_index_grow(struct csv_index *ix)
{
	struct csv_slot	*old = ix->slot;
	size_t		 oldcap = ix->cap, i, j;

	if (2 * (ix->n + 1) <= ix->cap)
		return;
	ix->cap = ix->cap ? 2 * ix->cap : 1024;
	ix->slot = xcalloc(ix->cap, sizeof *ix->slot);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == 0)
			continue;
		for (j = old[i].key & (ix->cap - 1); ix->slot[j].key != 0;
		    j = (j + 1) & (ix->cap - 1))
			;
		ix->slot[j] = old[i];
	}
	free(old);
}

struct csv_person_key {
	const struct import_plan *p;
	const char		 *name;
};

static int
csv_same_person(long idx, const void *arg)
{
	const struct csv_person_key *k = arg;

	return strcmp(k->p->persons[idx].folder, k->name) == 0;
}

/* Index of the person called 'name', added on first sight. */
static long
csv_person(struct import_plan *p, struct csv_index *ix, const char *name,
    int gender, int age, long line)
{
	struct csv_person_key	 k = { p, name };
	struct csv_slot		*s;
	uint64_t		 key = csv_key(name);

	csv_index_grow(ix);
	s = csv_index_find(ix, key, csv_same_person, &k);
	if (s->key == 0) {
		s->key = key;
		s->val = plan_add_person(p, name, name, gender, NULL, age,
		    line);
		ix->n++;
	}
	return s->val;
}

/*
 * The line 'path' was first listed on, or 0 (then it is recorded): a path
 * listed on two rows would be one image with two labels.  Only the keys
 * are kept (16 bytes a row, whatever the paths' length); a false match
 * between two of n distinct paths has odds of about n^2 / 2^65.
 */
static long
csv_seen(struct csv_index *ix, const char *path, long line)
{
	struct csv_slot	*s;
	uint64_t	 key = csv_key(path);

	csv_index_grow(ix);
	s = csv_index_find(ix, key, NULL, NULL);
	if (s->key != 0)
		return s->val;
	s->key = key;
	s->val = line;
	ix->n++;
	return 0;
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
	struct csv_index	 seen = { NULL, 0, 0 };
	struct csv_index	 people = { NULL, 0, 0 };
	long			 first;

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
		if ((first = csv_seen(&seen, f, r.record_line)) != 0) {
			plan_problem(plan, at, "'%s' is already listed on line"
			    " %ld", f, first);
			continue;
		}
		it = plan_add_item_labelled(plan, f, r.fields[cl], g, a);
		it->seq = r.record_line;
		if (cper >= 0 && *r.fields[cper] != '\0')
			it->person = csv_person(plan, &people, r.fields[cper],
			    g, a, r.record_line);
	}
	if (rc < 0) {
		snprintf(at, sizeof at, "%s:%ld", base, r.record_line);
		plan_problem(plan, at, "%s; the rest of the file is ignored",
		    why);
	}
	ret = 0;
out:
	if (inited)
		csv_release(&r);
	free(data);
	free(shown);
	free(dir);
	free(seen.slot);
	free(people.slot);
	return ret;
}
