/*
 * importers/voc.c: PASCAL VOC layouts (DATASETS.md section 2): images/
 * beside annotations/, one <annotation> XML per image, one <object> per
 * labelled face.  Each annotated image becomes one item with a box per
 * object; object names are mapped by the loop's label map.
 *
 * An annotation belongs to the image its <filename> names; when that image
 * is not there (converted sets keep "a.png" in the XML of "a.jpg"), to the
 * one image with the XML's stem.  A file whose <filename> names one image
 * while its own name names another is not guessed at: it is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importer.h"
#include "voc-xml.h"
#include "../lib/err.h"
#include "../lib/file.h"

#define VOC_XML_MAX	(4u << 20)	/* bytes of one annotation file */

static int	voc_walk(const char *, struct import_plan *);

const struct importer importer_voc = {
	.name = "voc",
	.summary = "PASCAL VOC: images/ + annotations/*.xml, a box per face",
	.source_name = "voc",
	.walk = voc_walk
};

struct voc_image {
	const char	*path;		/* "images/a.jpg", borrowed */
	const char	*name;		/* "a.jpg", inside path */
	size_t		 stem;		/* length of "a" */
	long		 xml;		/* the annotation it gets, or -1 */
	long		 refused;	/* a refused annotation of its, or -1 */
};

struct voc_xml {
	const char	*path;		/* "annotations/a.xml", borrowed */
	const char	*name;		/* "a.xml" */
	size_t		 stem;
	struct voc_ann	 ann;
	long		 image;		/* the image it annotates, or -1 */
};

static int
voc_cmp_stem_len(const char *a, size_t alen, const char *b, size_t blen)
{
	int	c = strncmp(a, b, alen < blen ? alen : blen);

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

/* Stem order over an array of image pointers. */
static int
voc_cmp_by_stem(const void *a, const void *b)
{
	const struct voc_image	*x = *(struct voc_image *const *)a;
	const struct voc_image	*y = *(struct voc_image *const *)b;
	int			 c = voc_cmp_stem_len(x->name, x->stem, y->name,
				    y->stem);

	return c != 0 ? c : strcmp(x->name, y->name);
}

/* The image called exactly 'name', or -1; images are sorted by name. */
static long
voc_find_name(const struct voc_image *imgs, size_t n, const char *name)
{
	size_t	lo = 0, hi = n, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(imgs[mid].name, name)) == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * The images whose stem is 'stem' (len bytes) in 'bystem' (sorted by
 * stem): sets *first to the first one's position, returns how many.
 */
static size_t
voc_find_stem(struct voc_image *const *bystem, size_t n, const char *stem,
    size_t len, size_t *first)
{
	size_t	lo = 0, hi = n, mid, k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (voc_cmp_stem_len(bystem[mid]->name, bystem[mid]->stem, stem,
		    len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < n && voc_cmp_stem_len(bystem[k]->name,
	    bystem[k]->stem, stem, len) == 0; k++)
		;
	*first = lo;
	return k - lo;
}

/* The length of 'name' without its extension. */
static size_t
voc_stem_len(const char *name)
{
	const char	*dot = strrchr(name, '.');

	return dot != NULL && dot != name ? (size_t)(dot - name) : strlen(name);
}

/* True if 'dir' (a layout path, "" for the root) holds both folders. */
static int
voc_has_layout(struct import_plan *plan, const char *dir)
{
	char	*img = *dir ? xasprintf("%s/images", dir) : xstrdup("images");
	char	*ann = *dir ? xasprintf("%s/annotations", dir) :
		    xstrdup("annotations");
	int	 yes = plan_is_dir(plan, img) && plan_is_dir(plan, ann);

	free(img);
	free(ann);
	return yes;
}

/*
 * Opens 'dir' with the layout root at it if it holds images/ and
 * annotations/, else at the one folder inside it that does (the folder a
 * zip usually wraps everything in).  -1 after reporting.
 */
static int
voc_find_root(struct import_plan *plan, const char *dir)
{
	struct tree_entry	*ents = NULL;
	const char		*found = NULL, *second = NULL;
	size_t			 n = 0, i;
	int			 rc = -1;

	if (plan_open(plan, dir) != 0)
		return -1;
	if (voc_has_layout(plan, ""))
		return 0;
	if (plan_list_dir(plan, "", &ents, &n, NULL) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!ents[i].is_dir || !voc_has_layout(plan, ents[i].path))
			continue;
		if (found == NULL)
			found = ents[i].path;
		else if (second == NULL)
			second = ents[i].path;
	}
	if (found == NULL) {
		error("cannot find the folders 'images' and 'annotations' in"
		    " '%s' or in a folder inside it", dir);
		goto out;
	}
	if (second != NULL) {
		error("'%s' holds more than one VOC layout ('%s', '%s'):"
		    " import each folder by itself", dir, found, second);
		goto out;
	}
	rc = plan_descend(plan, found);
out:
	tree_entries_free(ents, n);
	return rc;
}

/* Reads and parses one annotation; a problem if it cannot be used. */
static int
voc_read(struct import_plan *plan, struct voc_xml *x)
{
	char	*tp = xasprintf("%s%s", plan->prefix, x->path);
	char	*data = NULL, why[VOC_WHY_MAX];
	size_t	 len;
	int	 rc = -1;

	if (tree_read(plan->tree, tp, VOC_XML_MAX, &data, &len, why) != 0)
		plan_problem(plan, x->path, "cannot read: %s", why);
	else if (voc_parse(data, len, &x->ann, why) != 0)
		plan_problem(plan, x->path, "%s", why);
	else
		rc = 0;
	free(data);
	free(tp);
	return rc;
}

/*
 * Decides which image annotation 'x' belongs to (x->image), or refuses it
 * with a problem; a refused annotation marks the images of its stem so
 * they are reported as such rather than as unannotated.
 */
static void
voc_match(struct import_plan *plan, struct voc_image *imgs,
    struct voc_image *const *bystem, size_t nimg, struct voc_xml *x,
    long xi, int parsed)
{
	const char	*fn = parsed ? x->ann.filename : NULL;
	long		 named = fn != NULL ? voc_find_name(imgs, nimg, fn) : -1;
	size_t		 first = 0, k;
	size_t		 nstem = voc_find_stem(bystem, nimg, x->name, x->stem,
			    &first);
	long		 bystem_img = nstem == 1 ? bystem[first] - imgs : -1;

	x->image = -1;
	if (!parsed)
		goto refused;
	if (named >= 0 && (nstem == 0 || (imgs[named].stem == x->stem &&
	    strncmp(imgs[named].name, x->name, x->stem) == 0))) {
		x->image = named;	/* the usual case, or a renamed XML */
	} else if (named >= 0) {
		plan_problem(plan, x->path, "annotation names '%s' but is"
		    " called '%s'", fn, x->name);
		goto refused;
	} else if (bystem_img >= 0) {
		x->image = bystem_img;	/* "a.png" in the XML of "a.jpg" */
	} else if (nstem > 1) {
		plan_problem(plan, x->path, "annotation for '%s', which is not"
		    " in images/, and %zu images share its stem", fn, nstem);
		goto refused;
	} else {
		plan_problem(plan, x->path, "annotation for '%s', which is not"
		    " in images/", fn);
		return;
	}
	if (x->ann.nobjects == 0) {
		plan_problem(plan, x->path, "annotation has no <object>");
		imgs[x->image].refused = xi;
		x->image = -1;
	}
	return;
refused:
	for (k = first; k < first + nstem; k++)
		if (bystem[k]->refused < 0)
			bystem[k]->refused = xi;
}

/*
 * Gives each image at most one annotation.  When several claim one image,
 * the one with the image's stem wins, else the first by name; the others
 * are refused.
 */
static void
voc_settle(struct import_plan *plan, struct voc_image *imgs,
    struct voc_xml *xmls, size_t nxml)
{
	struct voc_image	*im;
	struct voc_xml		*x, *held;
	size_t			 i;

	for (i = 0; i < nxml; i++) {
		x = &xmls[i];
		if (x->image < 0)
			continue;
		im = &imgs[x->image];
		if (im->xml < 0) {
			im->xml = (long)i;
			continue;
		}
		held = &xmls[im->xml];
		if (x->stem == im->stem &&
		    strncmp(x->name, im->name, im->stem) == 0 &&
		    !(held->stem == im->stem &&
		    strncmp(held->name, im->name, im->stem) == 0)) {
			im->xml = (long)i;	/* x is the image's own */
			x = held;
		}
		plan_problem(plan, x->path, "annotation for '%s', which '%s'"
		    " annotates too", im->name, xmls[im->xml].path);
		x->image = -1;
	}
}

static int
voc_walk(const char *dir, struct import_plan *plan)
{
	struct tree_entry	*ie = NULL, *xe = NULL;
	struct voc_image	*imgs = NULL;
	struct voc_xml		*xmls = NULL;
	struct import_item	*it;
	const struct voc_object	*o;
	struct voc_image	**bystem = NULL;
	size_t			 ni = 0, nx = 0, nimg = 0, nxml = 0, i, j;
	int			 parsed, ret = -1;

	if (voc_find_root(plan, dir) != 0)
		return -1;
	if (plan_list_dir(plan, "images", &ie, &ni, &plan->skipped) != 0 ||
	    plan_list_dir(plan, "annotations", &xe, &nx, &plan->skipped) != 0)
		goto out;

	imgs = xcalloc(ni ? ni : 1, sizeof *imgs);
	for (i = 0; i < ni; i++) {
		if (ie[i].is_dir) {
			plan_problem(plan, ie[i].path, "a folder: images/ is"
			    " read without its subfolders");
			continue;
		}
		imgs[nimg].path = ie[i].path;
		imgs[nimg].name = plan_basename(ie[i].path);
		imgs[nimg].stem = voc_stem_len(imgs[nimg].name);
		imgs[nimg].xml = imgs[nimg].refused = -1;
		nimg++;
	}
	bystem = xcalloc(nimg ? nimg : 1, sizeof *bystem);
	for (i = 0; i < nimg; i++)
		bystem[i] = &imgs[i];
	qsort(bystem, nimg, sizeof *bystem, voc_cmp_by_stem);

	xmls = xcalloc(nx ? nx : 1, sizeof *xmls);
	for (i = 0; i < nx; i++) {
		const char	*name = plan_basename(xe[i].path);

		if (xe[i].is_dir) {
			plan_problem(plan, xe[i].path, "a folder: annotations/"
			    " is read without its subfolders");
			continue;
		}
		if (strcasecmp(path_ext(name), "xml") != 0 ||
		    voc_stem_len(name) == 0) {
			plan_problem(plan, xe[i].path, "not an annotation: a"
			    " .xml file was expected");
			continue;
		}
		xmls[nxml].path = xe[i].path;
		xmls[nxml].name = name;
		xmls[nxml].stem = voc_stem_len(name);
		parsed = voc_read(plan, &xmls[nxml]) == 0;
		voc_match(plan, imgs, bystem, nimg, &xmls[nxml], (long)nxml,
		    parsed);
		nxml++;
	}
	voc_settle(plan, imgs, xmls, nxml);

	for (i = 0; i < nimg; i++) {
		if (imgs[i].xml < 0) {
			if (imgs[i].refused >= 0)
				plan_problem(plan, imgs[i].path, "not imported:"
				    " its annotation '%s' was refused",
				    xmls[imgs[i].refused].path);
			else
				plan_problem(plan, imgs[i].path,
				    "no annotation file");
			continue;
		}
		it = plan_add_item_labelled(plan, imgs[i].path, NULL, -1, -1);
		it->split = NULL;
		for (j = 0; j < xmls[imgs[i].xml].ann.nobjects; j++) {
			o = &xmls[imgs[i].xml].ann.objects[j];
			plan_add_box(it, o->xmin, o->ymin, o->xmax, o->ymax,
			    o->name, o->difficult, o->truncated);
		}
	}
	ret = 0;
out:
	for (i = 0; i < nxml; i++)
		voc_ann_release(&xmls[i].ann);
	free(xmls);
	free(bystem);
	free(imgs);
	tree_entries_free(ie, ni);
	tree_entries_free(xe, nx);
	return ret;
}
