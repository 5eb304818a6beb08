/*
 * importers/walk.c: walking a layout folder recursively, for the layouts
 * whose labels sit in folder or file names (folder, utkface, maskedface).
 */
#include <stdlib.h>

#include "importer.h"

int
plan_walk_files(struct import_plan *p, const char *dir,
    int (*fn)(struct import_plan *, const struct tree_entry *, void *),
    void *arg, long *files)
{
	struct tree_entry	*ents = NULL;
	size_t			 n = 0, i;
	int			 rc = 0;

	if (plan_list_dir(p, dir, &ents, &n, &p->skipped) != 0) {
		plan_problem(p, dir, "cannot read the folder");
		return 0;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (ents[i].is_dir)
			rc = plan_walk_files(p, ents[i].path, fn, arg, files);
		else {
			if (files != NULL)
				(*files)++;
			rc = fn(p, &ents[i], arg);
		}
	}
	tree_entries_free(ents, n);
	return rc;
}
