/*
 * export/select.c: choosing what an export writes: the catalog's samples
 * through the filters, those the layout can name, their strata (what the
 * split keeps in proportion) and their groups (what the split never
 * breaks: a person's photos, an image's face boxes, a duplicate cluster).
 */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "../lib/err.h"
#include "../lib/groups.h"
#include "../lib/labels.h"
#include "../importers/base-name.h"
#include "../reports/report.h"
#include "../db/corrections.h"

/* The base layout's file names (without extension), as its importer reads them. */
static const char *const base_stems[] = {
	"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal",
};

/* The stem of a path's last component: "a/b/mask1.jpg" -> "mask1". */
static int
is_base_stem(const char *path)
{
	const char	*b = strrchr(path, '/'), *dot;
	size_t		 i, n;

	b = b != NULL ? b + 1 : path;
	dot = strrchr(b, '.');
	n = dot != NULL ? (size_t)(dot - b) : strlen(b);
	for (i = 0; i < sizeof base_stems / sizeof base_stems[0]; i++)
		if (strlen(base_stems[i]) == n &&
		    strncmp(base_stems[i], b, n) == 0)
			return 1;
	return 0;
}

/* Stratum: the class, else the mask state, else gender x age, else none. */
static int
stratum_of(const struct xsample *s)
{
	if (s->cls >= 0)
		return s->cls;
	if (s->mask >= 0)
		return N_CLASS + s->mask;
	if (s->gender >= 0 && s->age_bin >= 0)
		return N_CLASS + N_MASK + s->gender * N_AGE_BIN + s->age_bin;
	return X_NSTRATA - 1;
}

static size_t
source_index(struct xplan *p, const struct db_sample *r)
{
	size_t		 i;
	struct xsource	*x;

	for (i = 0; i < p->nsrc; i++)
		if (strcmp(p->src[i].name, r->source) == 0)
			return i;
	p->src = xrealloc(p->src, (p->nsrc + 1) * sizeof *p->src);
	x = &p->src[p->nsrc];
	x->name = xstrdup(r->source);
	x->kind = xstrdup(r->kind);
	x->root = xstrdup(r->root);
	x->container = xstrdup(r->container);
	x->prefix = xstrdup(r->prefix);
	return p->nsrc++;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * The base layout's folder of a sample's person: its own name, unless a
 * correction (maskcat relabel) changed the gender or age that the name
 * spells, then "<id>_<gender>_<race>_<age>" with the corrected values, so
 * the folder agrees with train.csv as the base importer requires.
 */
static char *
base_folder(const struct xsample *s)
{
	struct base_name	bn;
	char			age[16];

	if (base_name_parse(s->person, &bn) != 0)
		return xstrdup(s->person);
	snprintf(age, sizeof age, "%d", s->age);
	if (strcmp(bn.gender, label_gender_word(s->gender)) == 0 &&
	    strcmp(bn.age, age) == 0)
		return xstrdup(s->person);
	return xasprintf("%s_%s_%s_%d", bn.id, label_gender_word(s->gender),
	    bn.race, s->age);
}

/* Keeps a sample if the layout can name it; counts why not. */
static int
collect(const struct db_sample *r, void *arg)
{
	struct xplan		*p = arg;
	const struct export_opts *o = p->o;
	struct xsample		*s;

	if (o->layout == LAYOUT_BASE) {
		if (r->cls < 0) {
			p->skipped_label++;
			return 0;
		}
		if (r->person == NULL || r->box_id != 0) {
			p->skipped_person++;
			return 0;
		}
		if (!is_base_stem(r->path)) {
			p->skipped_name++;
			return 0;
		}
	} else if (o->classes == CLASSES_CLASS ? r->cls < 0 : r->mask < 0) {
		p->skipped_label++;
		return 0;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->s = xrealloc(p->s, p->cap * sizeof *p->s);
	}
	s = &p->s[p->n++];
	memset(s, 0, sizeof *s);
	s->image_id = r->image_id;
	s->box_id = r->box_id;
	s->box_idx = r->box_id != 0 ? r->box_idx : -1;
	s->box.x0 = r->x0;
	s->box.y0 = r->y0;
	s->box.x1 = r->x1;
	s->box.y1 = r->y1;
	s->src = source_index(p, r);
	s->path = xstrdup(r->path);
	s->person_id = r->person_id;
	s->person = dup_or_null(r->person);
	s->ext_id = dup_or_null(r->ext_id);
	s->race = dup_or_null(r->race);
	s->mask = r->mask;
	s->gender = r->gender;
	s->age = r->age;
	s->age_bin = r->age_bin;
	s->cls = r->cls;
	s->label = dup_or_null(r->label);
	s->fmt = strcmp(r->format, "png") == 0 ? IMG_PNG : IMG_JPEG;
	s->width = r->width;
	s->height = r->height;
	s->orientation = r->orientation;
	if (s->orientation < 1) {
		s->orientation = 1;
		p->unmeasured++;
	}
	snprintf(s->hash, sizeof s->hash, "%s", r->hash);
	s->bytes = r->bytes;
	s->stratum = stratum_of(s);
	if (o->layout == LAYOUT_BASE)
		s->folder = base_folder(s);
	s->keep = 1;
	s->weight = 1.0;
	s->key = -1;
	return 0;
}

static int
cmp_i64(const void *x, const void *y)
{
	int64_t	a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

/*
 * Fills s->group: the samples of a person, of one image (its face
 * boxes), of byte-identical files and of one duplicate cluster are one
 * group.  0, or -1 after reporting.
 */
static int
make_groups(sqlite3 *db, struct xplan *p)
{
	struct groups	 g;
	int64_t		*ids = NULL, *cl = NULL, *key;
	size_t		*gid, i, nd = 0;
	long		 members;

	groups_init(&g, p->n);
	key = xmallocarray(p->n + 1, sizeof *key);
	for (i = 0; i < p->n; i++)
		key[i] = p->s[i].person_id;
	groups_join_equal(&g, key);
	for (i = 0; i < p->n; i++)
		key[i] = p->s[i].image_id;
	groups_join_equal(&g, key);
	for (i = 0; i < p->n; i++)	/* | 1: never the "no key" 0 */
		key[i] = (int64_t)(strtoull(p->s[i].hash, NULL, 16) | 1);
	groups_join_equal(&g, key);
	if (p->o->dup_threshold >= 0) {
		if (dup_cluster_ids(db, p->o->source, p->o->dup_threshold, &ids,
		    &cl, &nd) != 0) {
			groups_release(&g);
			free(key);
			return -1;
		}
		/* ids come ordered by image id (db_each_measured). */
		for (i = 0; i < p->n; i++)
			key[i] = p->s[i].cluster = dup_cluster_find(ids, cl, nd,
			    p->s[i].image_id);
		groups_join_equal(&g, key);
		/* Clusters holding two samples or more. */
		qsort(key, p->n, sizeof *key, cmp_i64);
		for (i = 1, members = 1; i < p->n; i++) {
			members = key[i] == key[i - 1] ? members + 1 : 1;
			if (key[i] != 0 && members == 2)
				p->dup_clusters++;
		}
	}
	gid = xmallocarray(p->n + 1, sizeof *gid);
	p->ngroups = groups_number(&g, gid);
	for (i = 0; i < p->n; i++)
		p->s[i].group = gid[i];
	free(gid);
	free(ids);
	free(cl);
	free(key);
	groups_release(&g);
	return 0;
}

static const struct xplan *cmp_plan;

static int
cmp_person_folder(const void *x, const void *y)
{
	const struct xsample *a = &cmp_plan->s[*(const size_t *)x];
	const struct xsample *b = &cmp_plan->s[*(const size_t *)y];

	return strcmp(a->folder, b->folder);
}

/*
 * The base layout names a person by its folder only: two sources with
 * the same folder name would merge two persons.  0, or -1 after
 * reporting the first collision.
 */
static int
base_collision(const struct xplan *p)
{
	size_t	*idx = xmallocarray(p->n + 1, sizeof *idx), i;
	int	 rc = 0;

	for (i = 0; i < p->n; i++)
		idx[i] = i;
	cmp_plan = p;
	qsort(idx, p->n, sizeof *idx, cmp_person_folder);
	for (i = 1; i < p->n; i++) {
		const struct xsample *a = &p->s[idx[i - 1]], *b = &p->s[idx[i]];

		if (a->src != b->src && strcmp(a->folder, b->folder) == 0) {
			rc = error("sources '%s' and '%s' both have a person"
			    " folder '%s': the base layout cannot tell them"
			    " apart; export one source at a time (--source)",
			    p->src[a->src].name, p->src[b->src].name,
			    a->folder);
			break;
		}
	}
	free(idx);
	return rc;
}

/* An XXH3 of what the selection is: ids, labels and file hashes. */
static void
fingerprint(struct xplan *p)
{
	char	*buf = NULL, *row;
	size_t	 len = 0, cap = 0, rl, i;
	const struct xsample *s;

	for (i = 0; i < p->n; i++) {
		s = &p->s[i];
		row = xasprintf("%lld %lld %d %d %d %s\n",
		    (long long)s->image_id, (long long)s->box_id, s->mask,
		    s->gender, s->age, s->hash);
		rl = strlen(row);
		if (len + rl > cap) {
			cap = (cap + rl) * 2;
			buf = xrealloc(buf, cap);
		}
		memcpy(buf + len, row, rl);
		len += rl;
		free(row);
	}
	snprintf(p->fingerprint, sizeof p->fingerprint, "%016llx",
	    (unsigned long long)img_hash(buf != NULL ? buf : "", len));
	free(buf);
}

/* See export-int.h. */
int
xplan_select(sqlite3 *db, struct xplan *p)
{
	const struct export_opts *o = p->o;

	/*
	 * The base layout keeps a person's folder whole, byte copies
	 * included (they join their original's group through the
	 * duplicate clusters); other layouts write each picture once.
	 */
	if (db_each_sample(db, o->source, o->where, o->nwhere,
	    o->layout == LAYOUT_BASE, collect, p) != 0)
		return -1;
	if (p->n == 0)
		return error("nothing to export: no sample passes the filters"
		    "%s (%ld without the label the layout needs, %ld without"
		    " a person, %ld not named as the base layout names them)",
		    o->nwhere > 0 || o->source != NULL ? "" : " (empty"
		    " catalog?)", p->skipped_label, p->skipped_person,
		    p->skipped_name);
	if (o->layout == LAYOUT_BASE && base_collision(p) != 0)
		return -1;
	if (db_corrections_count(db, o->source, &p->corrections) != 0)
		return -1;
	fingerprint(p);
	return make_groups(db, p);
}

/* See export-int.h. */
void
xplan_release(struct xplan *p)
{
	size_t	i;

	for (i = 0; i < p->nsrc; i++) {
		free(p->src[i].name);
		free(p->src[i].kind);
		free(p->src[i].root);
		free(p->src[i].container);
		free(p->src[i].prefix);
	}
	free(p->src);
	for (i = 0; i < p->n; i++) {
		free(p->s[i].path);
		free(p->s[i].person);
		free(p->s[i].ext_id);
		free(p->s[i].race);
		free(p->s[i].label);
		free(p->s[i].folder);
	}
	free(p->s);
	for (i = 0; i < p->nit; i++)
		free(p->it[i].rel);
	free(p->it);
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i].name);
	free(p->files);
	memset(p, 0, sizeof *p);
}
