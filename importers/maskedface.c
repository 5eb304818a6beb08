/*
 * importers/maskedface.c: MaskedFace-Net, "cmfd/NNNNN/NNNNN_Mask.jpg"
 * (mask worn correctly) and "imfd/NNNNN/NNNNN_Mask_{Chin,Mouth_Chin,
 * Nose_Mouth}.jpg" (worn incorrectly, the way kept as the subtype).  The
 * file name decides, wherever the file sits below the root.
 */
#include "importer.h"
#include "names.h"
#include "../lib/err.h"

static int	maskedface_walk(const char *, struct import_plan *);

const struct importer importer_maskedface = {
	.name = "maskedface",
	.summary = "MaskedFace-Net names: NNNNN_Mask[_Chin|_Mouth_Chin|_Nose_Mouth].jpg",
	.source_name = "maskedface",
	.walk = maskedface_walk
};

static int
maskedface_file(struct import_plan *p, const struct tree_entry *e, void *arg)
{
	struct import_item	*it;
	const char		*subtype;
	char			 why[256];
	int			 mask;

	(void)arg;
	if (maskedface_parse_name(plan_basename(e->path), &mask, &subtype,
	    why) != 0) {
		plan_problem(p, e->path, "%s", why);
		return 0;
	}
	it = plan_add_item_labelled(p, e->path, subtype, -1, -1);
	it->mask = mask;
	it->subtype = xstrdup(subtype);
	return 0;
}

static int
maskedface_walk(const char *dir, struct import_plan *plan)
{
	long	files = 0;

	if (plan_open(plan, dir) != 0)
		return -1;
	plan_walk_files(plan, "", maskedface_file, NULL, &files);
	if (files == 0)
		return error("'%s': no files", plan->root);
	return 0;
}
