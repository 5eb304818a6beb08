/*
 * importers/utkface.c: UTKFace, a flat folder of faces named
 * "<age>_<gender>_<race>_<datetime>.jpg.chip.jpg".  The names carry age,
 * gender and race; nobody wears a mask, so every face is not_wear and
 * counts toward the age and gender tables.
 */
#include <stdlib.h>

#include "importer.h"
#include "names.h"
#include "../lib/err.h"
#include "../lib/labels.h"

static int	utkface_walk(const char *, struct import_plan *);

const struct importer importer_utkface = {
	.name = "utkface",
	.summary = "UTKFace names: <age>_<gender>_<race>_<datetime>.jpg[.chip.jpg]",
	.source_name = "utkface",
	.walk = utkface_walk
};

static int
utkface_file(struct import_plan *p, const struct tree_entry *e, void *arg)
{
	struct import_item	*it;
	char			 why[256];
	int			 age, gender, race;

	(void)arg;
	if (utkface_parse_name(plan_basename(e->path), &age, &gender, &race,
	    why) != 0) {
		plan_problem(p, e->path, "%s", why);
		return 0;
	}
	it = plan_add_item_labelled(p, e->path, NULL, gender, age);
	it->mask = MASK_NOT_WEAR;
	it->race = xstrdup(utkface_race_word(race));
	return 0;
}

static int
utkface_walk(const char *dir, struct import_plan *plan)
{
	long	files = 0;

	if (plan_open(plan, dir) != 0)
		return -1;
	plan_walk_files(plan, "", utkface_file, NULL, &files);
	if (files == 0)
		return error("'%s': no files", plan->root);
	return 0;
}
