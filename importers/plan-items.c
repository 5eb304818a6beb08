/*
 * importers/plan-items.c: the plan's list of files, kept in an unlinked
 * temporary file rather than in memory, so that an import's memory does
 * not grow with the number of files.  The last item added stays open
 * (importers set its fields and add its boxes after adding it); adding
 * the next one, or plan_close_items(), writes it out.  The labels that
 * need mapping are counted as items close, so that unknown labels can be
 * reported before anything is written.
 */
#include <errno.h>
#include <search.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "importer.h"
#include "../lib/err.h"

#define NO_STRING	UINT32_MAX

/* Orders label counts by name, for tsearch(). */
static int
label_cmp(const void *a, const void *b)
{
	return strcmp(((const struct plan_label *)a)->name,
	    ((const struct plan_label *)b)->name);
}

/* Counts one use of 'name' (first sight keeps the order of the list). */
static void
plan_count_label(struct import_plan *p, const char *name)
{
	struct plan_label	 key, *l, **found;

	key.name = (char *)name;
	found = tfind(&key, &p->label_tree, label_cmp);
	if (found != NULL) {
		(*found)->count++;
		return;
	}
	l = xcalloc(1, sizeof *l);
	l->name = xstrdup(name);
	l->count = 1;
	if (tsearch(l, &p->label_tree, label_cmp) == NULL)
		die("out of memory");
	p->labels = xrealloc(p->labels, (p->nlabels + 1) *
	    sizeof *p->labels);
	p->labels[p->nlabels++] = l;
}

/* Opens the spill file on first use; records the first failure. */
static FILE *
plan_spill(struct import_plan *p)
{
	const char	*dir = getenv("TMPDIR");
	char		*tmpl;
	int		 fd;

	if (p->spill != NULL || p->spill_errno != 0)
		return p->spill;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	tmpl = xasprintf("%s/maskcat-plan.XXXXXX", dir);
	if ((fd = mkstemp(tmpl)) < 0 || unlink(tmpl) != 0 ||
	    (p->spill = fdopen(fd, "w+")) == NULL) {
		p->spill_errno = errno;
		if (fd >= 0)
			close(fd);
	}
	free(p->spill_dir);
	p->spill_dir = xstrdup(dir);
	free(tmpl);
	return p->spill;
}

static void
put_bytes(struct import_plan *p, const void *v, size_t n)
{
	if (p->spill != NULL && fwrite(v, 1, n, p->spill) != n &&
	    p->spill_errno == 0)
		p->spill_errno = errno ? errno : EIO;
}

static void
put_i64(struct import_plan *p, int64_t v)
{
	put_bytes(p, &v, sizeof v);
}

static void
put_str(struct import_plan *p, const char *s)
{
	uint32_t	n = s != NULL ? (uint32_t)strlen(s) : NO_STRING;

	put_bytes(p, &n, sizeof n);
	if (s != NULL)
		put_bytes(p, s, n);
}

/* Writes the open item out, counts its labels and frees it. */
static void
plan_flush_item(struct import_plan *p)
{
	struct import_item	*it = &p->open;
	struct import_box	*b;
	size_t			 i;

	if (!p->has_open)
		return;
	if (it->mask < 0 && it->label != NULL && it->nboxes == 0)
		plan_count_label(p, it->label);
	for (i = 0; i < it->nboxes; i++)
		plan_count_label(p, it->boxes[i].label);
	if (plan_spill(p) != NULL) {
		put_i64(p, it->person);
		put_i64(p, it->seq);
		put_i64(p, it->mask);
		put_i64(p, it->gender);
		put_i64(p, it->age);
		put_i64(p, (int64_t)it->nboxes);
		put_str(p, it->path);
		put_str(p, it->label);
		put_str(p, it->subtype);
		put_str(p, it->split);
		put_str(p, it->race);
		for (i = 0; i < it->nboxes; i++) {
			b = &it->boxes[i];
			put_i64(p, b->xmin);
			put_i64(p, b->ymin);
			put_i64(p, b->xmax);
			put_i64(p, b->ymax);
			put_i64(p, b->difficult);
			put_i64(p, b->truncated);
			put_str(p, b->label);
		}
	}
	plan_item_free(it);
	p->has_open = 0;
}

struct import_item *
plan_add_item_labelled(struct import_plan *p, const char *path,
    const char *label, int gender, int age)
{
	struct import_item	*it = &p->open;

	if (p->items_closed)
		BUG("plan: item added after plan_close_items()");
	plan_flush_item(p);
	memset(it, 0, sizeof *it);
	it->path = xstrdup(path);
	it->label = label != NULL ? xstrdup(label) : NULL;
	it->person = -1;
	it->mask = -1;
	it->gender = gender;
	it->age = age;
	p->has_open = 1;
	p->nitems++;
	return it;
}

void
plan_add_item(struct import_plan *p, const char *path, long person, int mask,
    int gender, int age, long seq)
{
	struct import_item	*it;

	it = plan_add_item_labelled(p, path, NULL, gender, age);
	it->person = person;
	it->mask = mask;
	it->seq = seq;
}

void
plan_add_box(struct import_item *it, int xmin, int ymin, int xmax, int ymax,
    const char *label, int difficult, int truncated)
{
	struct import_box	*b;

	it->boxes = xrealloc(it->boxes, (it->nboxes + 1) *
	    sizeof *it->boxes);
	b = &it->boxes[it->nboxes++];
	b->xmin = xmin;
	b->ymin = ymin;
	b->xmax = xmax;
	b->ymax = ymax;
	b->label = xstrdup(label);
	b->mask = -1;
	b->difficult = difficult != 0;
	b->truncated = truncated != 0;
}

int
plan_close_items(struct import_plan *p)
{
	plan_flush_item(p);
	p->items_closed = 1;
	if (p->spill != NULL && p->spill_errno == 0 &&
	    (fflush(p->spill) != 0 || fseeko(p->spill, 0, SEEK_SET) != 0))
		p->spill_errno = errno ? errno : EIO;
	if (p->spill_errno != 0)
		return error("cannot keep the list of files to import in a"
		    " temporary file in '%s': %s", p->spill_dir ?
		    p->spill_dir : "/tmp", strerror(p->spill_errno));
	return 0;
}

static int
get_bytes(struct import_plan *p, void *v, size_t n)
{
	if (fread(v, 1, n, p->spill) == n)
		return 0;
	if (p->spill_errno == 0)
		p->spill_errno = ferror(p->spill) ? (errno ? errno : EIO) :
		    EIO;
	return -1;
}

static int64_t
get_i64(struct import_plan *p)
{
	int64_t	v = 0;

	(void)get_bytes(p, &v, sizeof v);
	return v;
}

static char *
get_str(struct import_plan *p)
{
	uint32_t	 n;
	char		*s;

	if (get_bytes(p, &n, sizeof n) != 0 || n == NO_STRING)
		return NULL;
	s = xmalloc((size_t)n + 1);
	if (get_bytes(p, s, n) != 0)
		n = 0;
	s[n] = '\0';
	return s;
}

int
plan_next_item(struct import_plan *p, struct import_item *it)
{
	struct import_box	*b;
	size_t			 i;

	memset(it, 0, sizeof *it);
	if (!p->items_closed)
		BUG("plan: items read before plan_close_items()");
	if (p->nread >= p->nitems)
		return 0;
	it->person = (long)get_i64(p);
	it->seq = (long)get_i64(p);
	it->mask = (int)get_i64(p);
	it->gender = (int)get_i64(p);
	it->age = (int)get_i64(p);
	it->nboxes = (size_t)get_i64(p);
	if (p->spill_errno == 0 && it->nboxes > 1u << 20)
		p->spill_errno = EIO;		/* cannot be: we wrote it */
	if (p->spill_errno != 0)
		goto bad;
	it->path = get_str(p);
	it->label = get_str(p);
	it->subtype = get_str(p);
	it->split = get_str(p);
	it->race = get_str(p);
	it->boxes = xcalloc(it->nboxes ? it->nboxes : 1, sizeof *it->boxes);
	for (i = 0; i < it->nboxes; i++) {
		b = &it->boxes[i];
		b->xmin = (int)get_i64(p);
		b->ymin = (int)get_i64(p);
		b->xmax = (int)get_i64(p);
		b->ymax = (int)get_i64(p);
		b->difficult = (int)get_i64(p);
		b->truncated = (int)get_i64(p);
		b->label = get_str(p);
		b->mask = -1;
	}
	if (p->spill_errno != 0 || it->path == NULL)
		goto bad;
	p->nread++;
	return 1;
bad:
	plan_item_free(it);
	return error("cannot read back the list of files to import from its"
	    " temporary file in '%s': %s", p->spill_dir ? p->spill_dir :
	    "/tmp", strerror(p->spill_errno ? p->spill_errno : EIO));
}

void
plan_item_free(struct import_item *it)
{
	size_t	i;

	free(it->path);
	free(it->label);
	free(it->subtype);
	free(it->split);
	free(it->race);
	for (i = 0; i < it->nboxes; i++)
		free(it->boxes[i].label);
	free(it->boxes);
	memset(it, 0, sizeof *it);
}

/* tdestroy() callback: the nodes' labels are freed from p->labels. */
static void
label_node_free(void *node)
{
	(void)node;
}

void
plan_items_release(struct import_plan *p)
{
	size_t	i;

	if (p->has_open)
		plan_item_free(&p->open);
	if (p->spill != NULL)
		fclose(p->spill);
	tdestroy(p->label_tree, label_node_free);
	for (i = 0; i < p->nlabels; i++) {
		free(p->labels[i]->name);
		free(p->labels[i]);
	}
	free(p->labels);
	free(p->spill_dir);
}
