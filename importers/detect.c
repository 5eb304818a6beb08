/*
 * importers/detect.c: "maskcat import auto PATH": which layout a folder or
 * zip holds, from what is in it.
 */
#include <stdlib.h>
#include <string.h>

#include "importer.h"
#include "names.h"
#include "../lib/err.h"

/* Counts of what the first levels of a tree hold. */
struct detect_census {
	long	files, utkface, maskedface, dirs;
};

/* Visits up to 'depth' levels below 'dir', counting names. */
static void
detect_visit(struct tree *t, const char *dir, int depth,
    struct detect_census *c)
{
	struct tree_entry	*ents = NULL;
	size_t			 n = 0, i;
	const char		*sub, *name;
	char			 why[256];
	int			 a, g, r, m;

	if (tree_list(t, dir, &ents, &n, NULL) != 0)
		return;
	for (i = 0; i < n && c->files < 5000; i++) {
		name = strrchr(ents[i].path, '/');
		name = name ? name + 1 : ents[i].path;
		if (ents[i].is_dir) {
			c->dirs++;
			if (depth > 0)
				detect_visit(t, ents[i].path, depth - 1, c);
			continue;
		}
		c->files++;
		if (utkface_parse_name(name, &a, &g, &r, why) == 0)
			c->utkface++;
		if (maskedface_parse_name(name, &m, &sub, why) == 0)
			c->maskedface++;
	}
	tree_entries_free(ents, n);
}

/* True if the tree has 'a' and 'b' in 'dir' (both files or folders). */
static int
detect_has(struct tree *t, const char *dir, const char *a, const char *b,
    int folders)
{
	char	*pa = *dir ? xasprintf("%s/%s", dir, a) : xstrdup(a);
	char	*pb = b == NULL ? NULL : *dir ? xasprintf("%s/%s", dir, b) :
		    xstrdup(b);
	int	 rc;

	rc = folders ? tree_is_dir(t, pa) && (pb == NULL || tree_is_dir(t, pb)) :
	    tree_is_file(t, pa) && (pb == NULL || tree_is_file(t, pb));
	free(pa);
	free(pb);
	return rc;
}

/* The one sub-folder of 'dir', if it holds exactly one entry. */
static char *
detect_only_child(struct tree *t, const char *dir)
{
	struct tree_entry	*ents = NULL;
	size_t			 n = 0;
	char			*only = NULL;

	if (tree_list(t, dir, &ents, &n, NULL) == 0 && n == 1 &&
	    ents[0].is_dir)
		only = xstrdup(ents[0].path);
	tree_entries_free(ents, n);
	return only;
}

const struct importer *
importer_detect(const char *path)
{
	struct detect_census	 c;
	struct tree		*t = NULL;
	const struct importer	*imp = NULL;
	char			*root = xstrdup(""), *only;
	int			 hops;

	if (tree_open(path, &t, NULL, NULL) != 0)
		goto out;
	/* Look through wrapper folders ("dataset/", "Face Mask Dataset/"). */
	for (hops = 0; hops < 3; hops++) {
		if (detect_has(t, root, "train.csv", NULL, 0) ||
		    detect_has(t, root, "train/train.csv", NULL, 0)) {
			imp = &importer_base;
			goto out;
		}
		if (detect_has(t, root, "info.csv", NULL, 0) ||
		    detect_has(t, root, "eval/info.csv", NULL, 0)) {
			imp = &importer_eval;
			goto out;
		}
		if (detect_has(t, root, "images", "annotations", 1)) {
			if ((imp = importer_find("voc")) == NULL)
				error("'%s' holds a PASCAL VOC layout, which"
				    " this maskcat cannot import", path);
			goto out;
		}
		if ((only = detect_only_child(t, root)) == NULL)
			break;
		free(root);
		root = only;
	}
	memset(&c, 0, sizeof c);
	detect_visit(t, "", 3, &c);
	if (c.files > 0 && c.utkface * 4 >= c.files * 3)
		imp = &importer_utkface;
	else if (c.files > 0 && c.maskedface * 4 >= c.files * 3)
		imp = &importer_maskedface;
	else if (c.dirs > 0)
		imp = &importer_folder;
	if (imp == NULL)
		error("cannot tell the layout of '%s'; name a format (see"
		    " maskcat import --help)", path);
out:
	free(root);
	tree_close(t);
	return imp;
}
