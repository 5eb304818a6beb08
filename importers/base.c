/*
 * importers/base.c: the base dataset of the 18-class task (DATASETS.md
 * section 1): train.csv (id,gender,race,age,path) and images/<path>/ with
 * mask1-5, incorrect_mask and normal, extensions resolved per file.
 * Persons are keyed by folder name, never by id (ids repeat).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base-name.h"
#include "importer.h"
#include "../lib/csv.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"

static int	base_walk(const char *, struct import_plan *);

const struct importer importer_base = {
	.name = "base",
	.summary = "the base dataset: train.csv + images/<id>_<gender>_<race>_<age>/ (7 photos each)",
	.source_name = "base",
	.walk = base_walk
};

/* The seven photos of a person, by file stem. */
static const struct {
	const char	*stem;
	int		 mask;
} base_slots[] = {
	{ "mask1", MASK_WEAR }, { "mask2", MASK_WEAR }, { "mask3", MASK_WEAR },
	{ "mask4", MASK_WEAR }, { "mask5", MASK_WEAR },
	{ "incorrect_mask", MASK_INCORRECT }, { "normal", MASK_NOT_WEAR },
};
#define N_SLOTS	(sizeof base_slots / sizeof base_slots[0])

enum { COL_ID, COL_GENDER, COL_RACE, COL_AGE, COL_PATH, N_COLS };
static const char *const base_cols[N_COLS] = {
	"id", "gender", "race", "age", "path"
};

/* A train.csv row; rejected rows keep only folder and line. */
struct base_row {
	char	*id, *gender_word, *race, *folder;
	int	 gender, age;
	long	 line;
	int	 rejected;
};

static int
base_cmp_rows(const void *a, const void *b)
{
	const struct base_row	*x = a, *y = b;
	int			 c = strcmp(x->folder, y->folder);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * Reads train.csv into rows; bad rows become problems.  Returns the number
 * of rows, or -1 after reporting when the file cannot be used at all.
 */
static long
base_read_csv(struct import_plan *plan, struct base_row **rowsp)
{
	struct csv	 r;
	struct base_row	*rows = NULL, *row;
	char		*path = plan_display(plan, "train.csv");
	char		*data = NULL, why[256], at[64];
	const char	*id, *gender, *race, *age, *folder;
	struct base_name bn;
	const char	*what;
	size_t		 len, need = 0, cap = 0, n = 0;
	int		 col[N_COLS], i, rc, g, a;

	*rowsp = NULL;
	if (plan_read_manifest(plan, "train.csv", &data, &len) != 0)
		goto fail;
	csv_init(&r, path, data, len);
	if ((rc = csv_next(&r, why)) <= 0) {
		if (rc == 0)
			error("'%s': empty file, expected the header"
			    " id,gender,race,age,path", path);
		else
			error("'%s': %s", path, why);
		goto fail_csv;
	}
	for (i = 0; i < N_COLS; i++) {
		if ((col[i] = csv_column(&r, base_cols[i])) < 0) {
			error("'%s': the header has no column '%s' (it has:"
			    " %s%s%s%s%s...)", path, base_cols[i],
			    r.fields[0], r.nfields > 1 ? "," : "",
			    r.nfields > 1 ? r.fields[1] : "",
			    r.nfields > 2 ? "," : "",
			    r.nfields > 2 ? r.fields[2] : "");
			goto fail_csv;
		}
		if ((size_t)col[i] + 1 > need)
			need = (size_t)col[i] + 1;
	}
	while ((rc = csv_next(&r, why)) == 1) {
		snprintf(at, sizeof at, "train.csv:%ld", r.record_line);
		if (r.nfields < need) {
			plan_problem(plan, at, "row has %zu fields, the header"
			    " needs %zu", r.nfields, need);
			continue;
		}
		id = r.fields[col[COL_ID]];
		gender = r.fields[col[COL_GENDER]];
		race = r.fields[col[COL_RACE]];
		age = r.fields[col[COL_AGE]];
		folder = r.fields[col[COL_PATH]];
		if (*id == '\0') {
			plan_problem(plan, at, "empty id");
			continue;
		}
		if (!path_is_component(folder) || folder[0] == '.') {
			plan_problem(plan, at, "bad folder name '%s' in column"
			    " 'path'", folder);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		row = &rows[n++];
		memset(row, 0, sizeof *row);
		row->folder = xstrdup(folder);
		row->line = r.record_line;
		/* A rejected row still claims its folder, so the folder is
		 * reported as such rather than as one without a row. */
		row->rejected = 1;
		if ((g = label_gender_parse(gender)) < 0) {
			plan_problem(plan, at, "unknown gender '%s' (expected"
			    " male or female)", gender);
			continue;
		}
		if ((a = label_age_parse(age)) < 0) {
			plan_problem(plan, at, "age '%s' is not a whole number"
			    " of years", age);
			continue;
		}
		if (base_name_parse(folder, &bn) != 0) {
			plan_problem(plan, at, "folder name '%s' is not"
			    " <id>_<gender>_<race>_<age>", folder);
			continue;
		}
		if ((what = strcmp(bn.id, id) != 0 ? "id" :
		    strcmp(bn.gender, gender) != 0 ? "gender" :
		    strcmp(bn.race, race) != 0 ? "race" :
		    strcmp(bn.age, age) != 0 ? "age" : NULL) != NULL) {
			plan_problem(plan, at, "row and folder name disagree"
			    " on the %s: '%s' against '%s'", what,
			    what[0] == 'i' ? id : what[0] == 'g' ? gender :
			    what[0] == 'r' ? race : age,
			    what[0] == 'i' ? bn.id : what[0] == 'g' ?
			    bn.gender : what[0] == 'r' ? bn.race : bn.age);
			continue;
		}
		row->rejected = 0;
		row->id = xstrdup(id);
		row->gender_word = xstrdup(gender);
		row->race = xstrdup(race);
		row->gender = g;
		row->age = a;
	}
	if (rc < 0) {
		/* Rows before the bad spot are kept; the rest is unreadable. */
		snprintf(at, sizeof at, "train.csv:%ld", r.record_line);
		plan_problem(plan, at, "%s; the rest of the file is ignored",
		    why);
	}
	csv_release(&r);
	free(data);
	free(path);
	*rowsp = rows;
	return (long)n;
fail_csv:
	csv_release(&r);
fail:
	free(data);
	free(path);
	return -1;
}

/* Plans the photos of one person folder. */
static void
base_walk_person(struct import_plan *plan, const struct base_row *row,
    long person)
{
	struct tree_entry	*ents = NULL;
	const char		*name, *slot_file[N_SLOTS] = { 0 };
	char			*rel, tmp[1024];
	size_t			 n = 0, i, s, stem;
	struct import_item	*it;

	rel = xasprintf("images/%s", row->folder);
	if (plan_list_dir(plan, rel, &ents, &n, &plan->skipped) != 0) {
		plan_problem(plan, rel, "cannot read the folder");
		goto out;
	}
	for (i = 0; i < n; i++) {
		const char	*ext;

		name = plan_basename(ents[i].path);
		ext = path_ext(name);
		stem = *ext ? (size_t)(ext - 1 - name) : strlen(name);
		snprintf(tmp, sizeof tmp, "%s", ents[i].path);
		for (s = 0; s < N_SLOTS; s++)
			if (strlen(base_slots[s].stem) == stem &&
			    strncmp(base_slots[s].stem, name, stem) == 0)
				break;
		if (s == N_SLOTS) {
			plan_problem(plan, tmp, "unexpected file: a person"
			    " folder holds mask1-5, incorrect_mask and normal");
			continue;
		}
		if (slot_file[s] != NULL) {
			plan_problem(plan, tmp, "second file for photo '%s'"
			    " (also '%s')", base_slots[s].stem, slot_file[s]);
			continue;
		}
		slot_file[s] = name;
		it = plan_add_item_labelled(plan, tmp, base_slots[s].stem,
		    row->gender, row->age);
		it->person = person;
		it->mask = base_slots[s].mask;
	}
	for (s = 0; s < N_SLOTS; s++) {
		if (slot_file[s] != NULL)
			continue;
		snprintf(tmp, sizeof tmp, "%s/%s", rel, base_slots[s].stem);
		plan_problem(plan, tmp, "missing photo '%s' (the folder has %zu"
		    " of 7)", base_slots[s].stem, n);
	}
out:
	tree_entries_free(ents, n);
	free(rel);
}

static int
base_walk(const char *dir, struct import_plan *plan)
{
	struct base_row	*rows = NULL;
	struct tree_entry *ents = NULL;
	char		 at[64];
	const char	*name;
	size_t		 n = 0, i = 0, j = 0;
	long		 nrows = 0, k, person;
	int		 c, ret = -1;

	if (plan_find_root(plan, dir, "train.csv", "train") != 0)
		return -1;
	if (!plan_is_dir(plan, "images")) {
		char *shown = plan_display(plan, "train.csv");
		error("cannot find the folder 'images' beside '%s'", shown);
		free(shown);
		goto out;
	}
	if ((nrows = base_read_csv(plan, &rows)) < 0)
		goto out;
	qsort(rows, (size_t)nrows, sizeof *rows, base_cmp_rows);
	if (plan_list_dir(plan, "images", &ents, &n, &plan->skipped) != 0)
		goto out;
	/* Merge rows and folders, both sorted by folder name. */
	while (i < (size_t)nrows || j < n) {
		if (i > 0 && i < (size_t)nrows &&
		    strcmp(rows[i].folder, rows[i - 1].folder) == 0) {
			snprintf(at, sizeof at, "train.csv:%ld", rows[i].line);
			plan_problem(plan, at, "folder '%s' is already listed"
			    " on line %ld", rows[i].folder, rows[i - 1].line);
			i++;
			continue;
		}
		name = j < n ? plan_basename(ents[j].path) : NULL;
		c = i >= (size_t)nrows ? 1 : j >= n ? -1 :
		    strcmp(rows[i].folder, name);
		if (c < 0) {
			if (!rows[i].rejected) {
				snprintf(at, sizeof at, "train.csv:%ld",
				    rows[i].line);
				plan_problem(plan, at, "folder 'images/%s' does"
				    " not exist", rows[i].folder);
			}
			i++;
		} else if (c == 0 && rows[i].rejected) {
			plan_problem(plan, ents[j].path, "not imported: its row on"
			    " train.csv line %ld was rejected", rows[i].line);
			i++;
			j++;
		} else if (c > 0) {
			plan_problem(plan, ents[j].path, ents[j].is_dir ?
			    "folder has no row in train.csv" :
			    "not a person folder");
			j++;
		} else {
			if (!ents[j].is_dir)
				plan_problem(plan, ents[j].path,
				    "not a person folder");
			else {
				person = plan_add_person(plan, rows[i].folder,
				    rows[i].id, rows[i].gender, rows[i].race,
				    rows[i].age, rows[i].line);
				base_walk_person(plan, &rows[i], person);
			}
			i++;
			j++;
		}
	}
	ret = 0;
out:
	for (k = 0; rows != NULL && k < nrows; k++) {
		free(rows[k].id);
		free(rows[k].gender_word);
		free(rows[k].race);
		free(rows[k].folder);
	}
	free(rows);
	tree_entries_free(ents, n);
	return ret;
}
