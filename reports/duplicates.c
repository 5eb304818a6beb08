/*
 * reports/duplicates.c: "maskcat report duplicates": clusters of images
 * that are byte-identical, pixel-identical (other bytes, same pixels) or
 * near duplicates (perceptual hashes within a Hamming distance, found by
 * multi-index hashing, grouped by single linkage), with their labels and
 * what they cross.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/labels.h"
#include "../lib/limits.h"
#include "../quality/neardup.h"
#include "../tree/tree.h"

enum relation { REL_ANCHOR, REL_BYTES, REL_PIXELS, REL_NEAR, REL_MIRROR };
static const char *const rel_names[] = {
	"first", "same bytes", "same pixels", "near", "mirrored"
};

struct drow {
	int64_t		 id;
	char		*source, *root, *container, *prefix, *path;
	char		*label, *person, *split;
	int		 mask, gender, age_bin;
	uint64_t	 hash, phash, thumb, dhash, phash_m, dhash_m;
	double		 mean, colour;	/* brightness and colourfulness */
	int		 rel, dist;	/* to the cluster's first member */
};

struct dset {
	struct drow	*rows;
	size_t		 n, cap;
};

static char *
dup_opt(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
d_collect(const struct db_measured *r, void *arg)
{
	struct dset	*d = arg;
	struct drow	*w;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		d->rows = xrealloc(d->rows, d->cap * sizeof *d->rows);
	}
	w = &d->rows[d->n++];
	w->id = r->image_id;
	w->source = xstrdup(r->source);
	w->root = xstrdup(r->root);
	w->container = xstrdup(r->container);
	w->prefix = xstrdup(r->prefix);
	w->path = xstrdup(r->path);
	w->label = dup_opt(r->label);
	w->person = dup_opt(r->person);
	w->split = dup_opt(r->split);
	w->mask = r->mask;
	w->gender = r->gender;
	w->age_bin = r->age_bin;
	w->hash = r->hash;
	w->phash = r->m.phash;
	w->thumb = r->m.thumb_hash;
	w->dhash = r->m.dhash;
	w->phash_m = r->m.phash_mirror;
	w->dhash_m = r->m.dhash_mirror;
	w->mean = r->m.bright_mean;
	w->colour = r->m.colour;
	w->rel = REL_NEAR;
	w->dist = 0;
	return 0;
}

/*
 * XXH3 of the fully decoded pixels of a row's file, or 0 when it cannot
 * be read (reported).  One tree is kept open between calls.
 */
static uint64_t
d_pixel_hash(const struct drow *r, struct tree **t, char **open_root)
{
	unsigned char	*rgb = NULL;
	char		*data = NULL, *tp, why[IMG_REASON_MAX];
	size_t		 len;
	uint64_t	 h = 0;
	int		 w, hgt;

	if (*open_root == NULL || strcmp(*open_root, r->root) != 0) {
		tree_close(*t);
		*t = NULL;
		free(*open_root);
		*open_root = xstrdup(r->root);
		if (tree_open(r->root, t, NULL, NULL) != 0)
			return 0;
	}
	if (*t == NULL)
		return 0;
	tp = xasprintf("%s%s", r->prefix, r->path);
	if (tree_read(*t, tp, limit_size(LIMIT_FILE_BYTES), &data, &len,
	    why) != 0)
		error("'%s/%s': cannot read: %s", r->root, tp, why);
	else if (img_decode_rgb((unsigned char *)data, len, &rgb, &w, &hgt,
	    why) != 0)
		error("'%s/%s': %s", r->root, tp, why);
	else
		h = img_hash(rgb, (size_t)w * hgt * 3) ^ ((uint64_t)w << 32 |
		    (uint64_t)hgt);
	free(rgb);
	free(data);
	free(tp);
	return h;
}

/* What a cluster crosses and whether its labels agree. */
struct dflags {
	int	sources, splits, persons, labels;
};

static int
str_differs(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) != 0;
}

static void
d_flags(const struct dset *d, const size_t *mem, size_t k, struct dflags *f)
{
	const struct drow	*a = &d->rows[mem[0]], *b;
	size_t			 i, j;

	memset(f, 0, sizeof *f);
	for (i = 0; i < k; i++) {
		a = &d->rows[mem[i]];
		for (j = i + 1; j < k; j++) {
			b = &d->rows[mem[j]];
			f->sources |= strcmp(a->source, b->source) != 0;
			f->splits |= str_differs(a->split, b->split);
			f->persons |= str_differs(a->person, b->person);
			f->labels |= (a->mask >= 0 && b->mask >= 0 &&
			    a->mask != b->mask) ||
			    (a->gender >= 0 && b->gender >= 0 &&
			    a->gender != b->gender) ||
			    (a->age_bin >= 0 && b->age_bin >= 0 &&
			    a->age_bin != b->age_bin);
		}
	}
}

struct dcluster {
	size_t		*mem;
	size_t		 k;
	struct dflags	 f;
	int		 kind;		/* worst relation in it */
};

static int
cmp_clusters(const void *x, const void *y)
{
	const struct dcluster	*a = x, *b = y;
	int			 ai = a->f.labels * 2 + (a->f.sources ||
				    a->f.persons);
	int			 bi = b->f.labels * 2 + (b->f.sources ||
				    b->f.persons);

	if (ai != bi)
		return bi - ai;
	if (a->k != b->k)
		return a->k < b->k ? 1 : -1;
	return a->mem[0] < b->mem[0] ? -1 : 1;
}

static const char *
d_label(const struct drow *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", r->label ? r->label : "",
	    r->label ? "->" : "", label_mask_word(r->mask));
	return buf;
}

/* The last two components of a path ("folder/file"). */
static const char *
plan_tail(const char *path)
{
	const char	*p = path + strlen(path);
	int		 slashes = 0;

	while (p > path) {
		if (p[-1] == '/' && ++slashes == 2)
			break;
		p--;
	}
	return p;
}

static void
render_text(FILE *out, const struct dset *d, const struct dcluster *c,
    size_t nc, const struct dup_opts *o, const char *source, long counts[5])
{
	char	lab[128];
	size_t	i, j, shown = 0;

	fprintf(out, "duplicates in %s: %zu clusters (%ld of byte-identical"
	    " images, %ld of pixel-identical, %ld with near duplicates),"
	    " pHash and dHash distance <= %d (mirror images included)\n", source ? source :
	    "all sources", nc, counts[REL_BYTES], counts[REL_PIXELS],
	    counts[REL_NEAR], o->threshold);
	for (i = 0; i < nc; i++) {
		if (o->limit >= 0 && (long)shown >= o->limit) {
			fprintf(out, "\n... and %zu more clusters (--limit)\n",
			    nc - shown);
			break;
		}
		shown++;
		fprintf(out, "\ncluster %zu: %zu images, %s%s%s%s%s\n", i + 1,
		    c[i].k, rel_names[c[i].kind],
		    c[i].f.sources ? ", crosses sources" : "",
		    c[i].f.splits ? ", crosses splits" : "",
		    c[i].f.persons ? ", crosses persons" : "",
		    c[i].f.labels ? ", LABELS DISAGREE" : "");
		for (j = 0; j < c[i].k; j++) {
			const struct drow *r = &d->rows[c[i].mem[j]];

			fprintf(out, "  %-11s %2d  %s:%s  %s%s%s%s%s\n",
			    rel_names[r->rel], r->dist, r->source, r->path,
			    d_label(r, lab, sizeof lab),
			    r->split ? "  split " : "", r->split ? r->split : "",
			    r->person ? "  person " : "",
			    r->person ? r->person : "");
		}
	}
}

/* A pair of persons sharing a duplicate photo, for the persons list. */
struct ppair {
	const char	*a, *b;		/* a < b */
	const char	*fa, *fb;	/* one example pair of files */
	int		 rel;
	long		 n;		/* duplicate file pairs between them */
};

static int
cmp_ppair(const void *x, const void *y)
{
	const struct ppair	*p = x, *q = y;
	int			 c = strcmp(p->a, q->a);

	return c != 0 ? c : strcmp(p->b, q->b);
}

/*
 * Lists each pair of persons (base layout) whose photos fall in one
 * cluster once: two folders of one person, or one photo filed under two
 * people.
 */
static void
render_persons(FILE *out, const struct dset *d, const struct dcluster *c,
    size_t nc)
{
	const struct drow	*a, *b, *t;
	struct ppair		*v = NULL;
	size_t			 i, j, k, n = 0, cap = 0, u;

	for (i = 0; i < nc; i++) {
		if (!c[i].f.persons)
			continue;
		for (j = 0; j < c[i].k; j++) {
			for (k = j + 1; k < c[i].k; k++) {
				a = &d->rows[c[i].mem[j]];
				b = &d->rows[c[i].mem[k]];
				if (!str_differs(a->person, b->person))
					continue;
				if (strcmp(a->person, b->person) > 0) {
					t = a;
					a = b;
					b = t;
				}
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					v = xrealloc(v, cap * sizeof *v);
				}
				v[n].a = a->person;
				v[n].b = b->person;
				v[n].fa = a->path;
				v[n].fb = b->path;
				v[n].rel = a->rel > b->rel ? a->rel : b->rel;
				v[n++].n = 1;
			}
		}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_ppair);
	for (i = u = 0; i < n; i++) {
		if (u > 0 && cmp_ppair(&v[u - 1], &v[i]) == 0) {
			v[u - 1].n++;
			continue;
		}
		v[u++] = v[i];
	}
	if (u > 0)
		fprintf(out, "\n%zu pairs of persons share a duplicate photo"
		    " (one photo under two people, or two folders of one"
		    " person):\n", u);
	for (i = 0; i < u; i++)
		fprintf(out, "  %s ~ %s: %ld photo pair%s, e.g. %s ~ %s\n",
		    v[i].a, v[i].b, v[i].n, v[i].n > 1 ? "s" : "",
		    plan_tail(v[i].fa), plan_tail(v[i].fb));
	free(v);
}

static void
render_csv(FILE *out, const struct dset *d, const struct dcluster *c,
    size_t nc)
{
	const struct drow	*r;
	size_t			 i, j;

	fprintf(out, "cluster,kind,crosses_sources,crosses_splits,"
	    "crosses_persons,labels_disagree,source,path,relation,distance,"
	    "label,mask,person,split\n");
	for (i = 0; i < nc; i++) {
		for (j = 0; j < c[i].k; j++) {
			r = &d->rows[c[i].mem[j]];
			fprintf(out, "%zu,%s,%d,%d,%d,%d,", i + 1,
			    rel_names[c[i].kind], c[i].f.sources, c[i].f.splits,
			    c[i].f.persons, c[i].f.labels);
			csv_field(out, r->source);
			fputc(',', out);
			csv_field(out, r->path);
			fprintf(out, ",%s,%d,", rel_names[r->rel], r->dist);
			csv_field(out, r->label ? r->label : "");
			fprintf(out, ",%s,", r->mask >= 0 ?
			    label_mask_word(r->mask) : "");
			csv_field(out, r->person ? r->person : "");
			fputc(',', out);
			csv_field(out, r->split ? r->split : "");
			fputc('\n', out);
		}
	}
}

static void
json_opt(FILE *out, const char *s)
{
	if (s != NULL)
		json_string(out, s);
	else
		fputs("null", out);
}

static void
render_json(FILE *out, const struct dset *d, const struct dcluster *c,
    size_t nc, const struct dup_opts *o)
{
	const struct drow	*r;
	size_t			 i, j;

	fprintf(out, "{\n  \"threshold\": %d,\n  \"clusters\": [", o->threshold);
	for (i = 0; i < nc; i++) {
		fprintf(out, "%s\n    {\"kind\": \"%s\", \"crosses_sources\":"
		    " %s, \"crosses_splits\": %s, \"crosses_persons\": %s,"
		    " \"labels_disagree\": %s, \"images\": [", i ? "," : "",
		    rel_names[c[i].kind], c[i].f.sources ? "true" : "false",
		    c[i].f.splits ? "true" : "false",
		    c[i].f.persons ? "true" : "false",
		    c[i].f.labels ? "true" : "false");
		for (j = 0; j < c[i].k; j++) {
			r = &d->rows[c[i].mem[j]];
			fprintf(out, "%s{\"source\": ", j ? ", " : "");
			json_string(out, r->source);
			fprintf(out, ", \"path\": ");
			json_string(out, r->path);
			fprintf(out, ", \"relation\": \"%s\", \"distance\": %d,"
			    " \"label\": ", rel_names[r->rel], r->dist);
			json_opt(out, r->label);
			fprintf(out, ", \"mask\": ");
			json_opt(out, r->mask >= 0 ? label_mask_word(r->mask) :
			    NULL);
			fprintf(out, ", \"person\": ");
			json_opt(out, r->person);
			fprintf(out, ", \"split\": ");
			json_opt(out, r->split);
			fputc('}', out);
		}
		fprintf(out, "]}");
	}
	fprintf(out, "\n  ]\n}\n");
}

/* Union-find over image indices (path halving, union by index). */
static size_t
uf_find(size_t *up, size_t i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

static void
uf_union(size_t *up, size_t a, size_t b)
{
	a = uf_find(up, a);
	b = uf_find(up, b);
	if (a < b)
		up[b] = a;
	else if (b < a)
		up[a] = b;
}

/* What the pair callback needs: the dHashes and the union-find. */
struct dpairs {
	const uint64_t	*dh;		/* 2n: dhash, dhash of the mirror */
	const struct drow *rows;
	size_t		*up;
	int		 t;
};

/*
 * Two views of one photo keep their overall brightness and colourfulness;
 * photos that merely share a layout (the synthetic sample's centred
 * people) usually do not.
 */
#define D_MEAN_TOL	0.04
#define D_COLOUR_TOL	0.04

/*
 * A candidate pair from the pHash index over 2n hashes (each image and
 * its mirror): kept when the dHashes of the same two views agree too, so
 * that two different photos must look alike twice over.
 */
static void
d_pair(size_t a, size_t b, int dist, void *arg)
{
	struct dpairs	*p = arg;

	(void)dist;
	const struct drow	*x = &p->rows[a / 2], *y = &p->rows[b / 2];

	if (a / 2 == b / 2)
		return;
	if (__builtin_popcountll(p->dh[a] ^ p->dh[b]) <= p->t &&
	    fabs(x->mean - y->mean) <= D_MEAN_TOL &&
	    fabs(x->colour - y->colour) <= D_COLOUR_TOL)
		uf_union(p->up, a / 2, b / 2);
}

/* Groups images by cluster root; returns the clusters of 2+ members. */
static struct dcluster *
d_group(const struct dset *d, size_t *up, size_t *nc)
{
	struct dcluster	*c = NULL;
	size_t		*slot = xmallocarray(d->n + 1, sizeof *slot);
	size_t		*size = xcalloc(d->n + 1, sizeof *size);
	size_t		 i, r, k, cap = 0;

	*nc = 0;
	for (i = 0; i < d->n; i++)
		size[uf_find(up, i)]++;
	for (i = 0; i < d->n; i++) {
		r = uf_find(up, i);
		if (size[r] < 2)
			continue;
		if (r == i) {
			if (*nc == cap) {
				cap = cap ? cap * 2 : 64;
				c = xrealloc(c, cap * sizeof *c);
			}
			k = slot[r] = (*nc)++;
			c[k].mem = xmallocarray(size[r], sizeof *c[k].mem);
			c[k].k = 0;
		}
		/* The root is the smallest index, so its slot exists. */
		k = slot[r];
		c[k].mem[c[k].k++] = i;
	}
	free(slot);
	free(size);
	return c;
}

/*
 * Links the images of d into clusters: returns the union-find array
 * (malloc()ed; uf_find gives each image's cluster root, the smallest
 * index), or NULL after reporting a threshold out of range.
 */
static size_t *
d_link(struct dset *d, int threshold)
{
	struct dpairs	 dp;
	uint64_t	*ph, *dh;
	size_t		*up, i;
	int		 rc;

	/* Each image enters the index twice: as it is and mirrored. */
	ph = xmallocarray(2 * d->n + 1, sizeof *ph);
	dh = xmallocarray(2 * d->n + 1, sizeof *dh);
	up = xmallocarray(d->n + 1, sizeof *up);
	for (i = 0; i < d->n; i++) {
		ph[2 * i] = d->rows[i].phash;
		ph[2 * i + 1] = d->rows[i].phash_m;
		dh[2 * i] = d->rows[i].dhash;
		dh[2 * i + 1] = d->rows[i].dhash_m;
		up[i] = i;
	}
	dp.dh = dh;
	dp.rows = d->rows;
	dp.up = up;
	dp.t = threshold;
	rc = neardup_pairs(ph, 2 * d->n, threshold, d_pair, &dp);
	free(ph);
	free(dh);
	if (rc != 0) {
		error("duplicate threshold %d is out of range", threshold);
		free(up);
		return NULL;
	}
	return up;
}

static void
d_release(struct dset *d)
{
	size_t		 i;
	struct drow	*r;

	for (i = 0; i < d->n; i++) {
		r = &d->rows[i];
		free(r->source);
		free(r->root);
		free(r->container);
		free(r->prefix);
		free(r->path);
		free(r->label);
		free(r->person);
		free(r->split);
	}
	free(d->rows);
	memset(d, 0, sizeof *d);
}

int
dup_cluster_ids(sqlite3 *db, const char *source, int threshold, int64_t **ids,
    int64_t **cluster, size_t *n)
{
	struct dset	 d;
	size_t		*up, i;

	*ids = *cluster = NULL;
	*n = 0;
	memset(&d, 0, sizeof d);
	if (db_each_measured(db, source, IMG_MEASURE_VERSION, d_collect, &d,
	    NULL) != 0 || (up = d_link(&d, threshold)) == NULL) {
		d_release(&d);
		return -1;
	}
	*ids = xmallocarray(d.n + 1, sizeof **ids);
	*cluster = xmallocarray(d.n + 1, sizeof **cluster);
	for (i = 0; i < d.n; i++) {
		(*ids)[i] = d.rows[i].id;
		(*cluster)[i] = d.rows[uf_find(up, i)].id;
	}
	*n = d.n;
	free(up);
	d_release(&d);
	return 0;
}

/* See report.h: a binary search, ids being ascending. */
int64_t
dup_cluster_find(const int64_t *ids, const int64_t *cluster, size_t n,
    int64_t id)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id ? cluster[lo] : 0;
}

int
report_duplicates(sqlite3 *db, const char *source, const struct dup_opts *o,
    enum report_format fmt, FILE *out)
{
	struct dset	 d;
	struct dcluster	*c = NULL;
	struct tree	*t = NULL;
	struct drow	*a, *r;
	uint64_t	 pa;
	size_t		*up = NULL, nc = 0, i, j, keep;
	int		 dm;
	char		*open_root = NULL;
	long		 counts[5] = { 0 };
	int		 rc = -1;

	memset(&d, 0, sizeof d);
	if (source != NULL && db_check_source(db, source) != 0)
		return -1;
	if (db_each_measured(db, source, IMG_MEASURE_VERSION, d_collect, &d,
	    NULL) != 0)
		goto out;
	if ((up = d_link(&d, o->threshold)) == NULL)
		goto out;
	c = d_group(&d, up, &nc);
	for (i = keep = 0; i < nc; i++) {
		a = &d.rows[c[i].mem[0]];
		a->rel = REL_ANCHOR;
		c[i].kind = REL_BYTES;
		for (j = 1; j < c[i].k; j++) {
			r = &d.rows[c[i].mem[j]];
			r->dist = __builtin_popcountll(r->phash ^ a->phash);
			dm = __builtin_popcountll(r->phash_m ^ a->phash);
			if (r->hash == a->hash)
				r->rel = REL_BYTES;
			else if (r->thumb == a->thumb && (!o->confirm ||
			    ((pa = d_pixel_hash(a, &t, &open_root)) != 0 &&
			    pa == d_pixel_hash(r, &t, &open_root))))
				r->rel = REL_PIXELS;
			else if (dm < r->dist) {
				r->rel = REL_MIRROR;
				r->dist = dm;
			} else
				r->rel = REL_NEAR;
			if (r->rel > c[i].kind)
				c[i].kind = r->rel > REL_NEAR ? REL_NEAR : r->rel;
		}
		d_flags(&d, c[i].mem, c[i].k, &c[i].f);
		if (o->across && !c[i].f.sources && !c[i].f.persons) {
			free(c[i].mem);
			continue;
		}
		counts[c[i].kind]++;
		c[keep++] = c[i];
	}
	nc = keep;
	qsort(c, nc, sizeof *c, cmp_clusters);
	if (fmt == REPORT_TEXT) {
		render_text(out, &d, c, nc, o, source, counts);
		render_persons(out, &d, c, nc);
	} else if (fmt == REPORT_CSV)
		render_csv(out, &d, c, nc);
	else
		render_json(out, &d, c, nc, o);
	rc = 0;
out:
	for (i = 0; i < nc; i++)
		free(c[i].mem);
	free(c);
	d_release(&d);
	free(up);
	tree_close(t);
	free(open_root);
	return rc;
}
