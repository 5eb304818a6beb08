/*
 * importers/folder.c: class folders, "<root>/[<split>/]<class>/<files>"
 * (DATASETS.md section 2).  The class folder's name is the label, mapped
 * by the label map; a split folder (Train, Validation, Test, ...) is kept
 * as provenance.  Files deeper inside a class folder belong to it.
 */
#include <stdlib.h>
#include <string.h>

#include "importer.h"
#include "labelmap.h"
#include "../lib/err.h"
#include "../lib/labels.h"

static int	folder_walk(const char *, struct import_plan *);

const struct importer importer_folder = {
	.name = "folder",
	.summary = "class folders: <root>/[<split>/]<class>/<images>",
	.source_name = "folder",
	.walk = folder_walk
};

static const char *const split_names[] = {
	"train", "training", "test", "testing", "val", "valid",
	"validation", "dev", "eval",
};

/* True if a folder name is a split (any case and separators). */
static int
folder_is_split(const char *name)
{
	char	key[256];
	size_t	i;

	label_map_key(name, key, sizeof key);
	for (i = 0; i < sizeof split_names / sizeof split_names[0]; i++)
		if (strcmp(key, split_names[i]) == 0)
			return 1;
	return 0;
}

struct folder_class {
	const char	*label;		/* the class folder's name */
	const char	*split;		/* NULL without a split level */
};

static int
folder_file(struct import_plan *p, const struct tree_entry *e, void *arg)
{
	const struct folder_class	*c = arg;
	struct import_item		*it;

	it = plan_add_item_labelled(p, e->path, c->label, -1, -1);
	if (c->split != NULL)
		it->split = xstrdup(c->split);
	return 0;
}

/* Plans every file of the class folders inside 'dir'. */
static void
folder_classes(struct import_plan *p, const char *dir, const char *split)
{
	struct tree_entry	*ents = NULL;
	struct folder_class	 c;
	size_t			 n = 0, i;
	long			 files;

	if (plan_list_dir(p, dir, &ents, &n, &p->skipped) != 0) {
		plan_problem(p, dir, "cannot read the folder");
		return;
	}
	for (i = 0; i < n; i++) {
		if (!ents[i].is_dir) {
			plan_problem(p, ents[i].path, "file outside a class"
			    " folder");
			continue;
		}
		c.label = plan_basename(ents[i].path);
		c.split = split;
		files = 0;
		plan_walk_files(p, ents[i].path, folder_file, &c, &files);
		if (files == 0)
			plan_problem(p, ents[i].path, "empty class folder");
	}
	tree_entries_free(ents, n);
}

static int
folder_walk(const char *dir, struct import_plan *plan)
{
	struct label_map	*map = label_map_new();
	struct tree_entry	*ents = NULL;
	size_t			 n = 0, i, splits = 0, dirs = 0;
	int			 ret = -1;

	if (plan_open(plan, dir) != 0)
		goto out;
	/*
	 * A root holding one folder that is neither a split nor a known
	 * label is a wrapper ("Face Mask Dataset/" in a Kaggle zip): go in.
	 */
	for (;;) {
		if (plan_list_dir(plan, "", &ents, &n, &plan->skipped) != 0)
			goto out;
		if (n != 1 || !ents[0].is_dir ||
		    folder_is_split(ents[0].path) ||
		    label_map_lookup(map, ents[0].path) != LABEL_UNKNOWN)
			break;
		if (plan_descend(plan, ents[0].path) != 0)
			goto out;
		tree_entries_free(ents, n);
		ents = NULL;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		dirs += ents[i].is_dir;
		splits += ents[i].is_dir && folder_is_split(ents[i].path);
	}
	if (dirs == 0) {
		error("'%s': no class folders (expected <root>/[<split>/]"
		    "<class>/<images>)", plan->root);
		goto out;
	}
	if (splits > 0 && splits == dirs) {
		for (i = 0; i < n; i++) {
			if (ents[i].is_dir)
				folder_classes(plan, ents[i].path,
				    ents[i].path);
			else
				plan_problem(plan, ents[i].path, "file outside"
				    " a split folder");
		}
	} else
		folder_classes(plan, "", NULL);
	ret = 0;
out:
	tree_entries_free(ents, n);
	label_map_free(map);
	return ret;
}
