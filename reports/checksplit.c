/*
 * reports/checksplit.c: "maskcat check-split": audits a split made by any
 * tool (one CSV per split) against the catalog: photos of one person on
 * two sides, duplicate clusters on two sides, and how far each class's
 * share on each side is from the whole.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../export/split.h"
#include "../lib/csv.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"

#define MAX_SPLITS	32	/* sides are bits of an unsigned */
#define N_STRATA	(N_CLASS + N_MASK + 1)	/* classes, mask only, none */

struct cimg {
	int64_t		 id;
	char		*key;		/* "root/path": matched by suffix */
	char		*person;	/* or NULL */
	int		 stratum;
	unsigned	 sides;		/* bit s: listed in split s */
	int		 side;		/* the first side listing it, or -1 */
};

struct cset {
	struct cimg	*v;		/* ordered by id */
	size_t		 n, cap;
};

static int
c_collect(const struct db_image_row *r, void *arg)
{
	struct cset	*c = arg;
	struct cimg	*m;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	m = &c->v[c->n++];
	m->id = r->id;
	m->key = xasprintf("%s/%s", r->root, r->path);
	m->person = r->person ? xstrdup(r->person) : NULL;
	m->stratum = r->cls >= 0 ? r->cls : r->mask >= 0 ? N_CLASS + r->mask :
	    N_STRATA - 1;
	m->sides = 0;
	m->side = -1;
	return 0;
}

/* Sorted by the key read backwards, so a suffix finds its image. */
static const struct cimg *c_sort;

static int
cmp_rev(const char *a, const char *b)
{
	size_t	i = strlen(a), j = strlen(b);

	while (i > 0 && j > 0) {
		if (a[i - 1] != b[j - 1])
			return (unsigned char)a[i - 1] -
			    (unsigned char)b[j - 1];
		i--;
		j--;
	}
	return (i > 0) - (j > 0);
}

static int
cmp_keys(const void *x, const void *y)
{
	return cmp_rev(c_sort[*(const size_t *)x].key,
	    c_sort[*(const size_t *)y].key);
}

/*
 * The image whose "root/path" ends with 'p' at a '/' boundary (or equals
 * it); when several do, none (ambiguous): returns -1 or -2.
 */
static long
c_match(const struct cset *c, const size_t *rev, const char *p)
{
	size_t		 lo = 0, hi = c->n, mid, plen = strlen(p), klen;
	long		 found = -1;
	const char	*k;

	if (plen == 0)
		return -1;
	/* Binary search for the first key >= p in reversed order. */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cmp_rev(c->v[rev[mid]].key, p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->n; lo++) {
		k = c->v[rev[lo]].key;
		klen = strlen(k);
		if (klen < plen || strcmp(k + klen - plen, p) != 0)
			break;
		if (klen > plen && k[klen - plen - 1] != '/' && p[0] != '/')
			continue;
		if (found >= 0)
			return -2;
		found = (long)rev[lo];
	}
	return found;
}

static int
cmp_person(const void *x, const void *y)
{
	return strcmp(c_sort[*(const size_t *)x].person,
	    c_sort[*(const size_t *)y].person);
}

/* A measured image's cluster and the sides listing it. */
struct cpair {
	int64_t		 cluster;
	unsigned	 sides;
};

static int
cmp_cpair(const void *x, const void *y)
{
	int64_t	a = ((const struct cpair *)x)->cluster;
	int64_t	b = ((const struct cpair *)y)->cluster;

	return (a > b) - (a < b);
}

/* The index of image 'id' in c->v (ordered by id), or -1. */
static long
c_index_of(const struct cset *c, int64_t id)
{
	size_t	lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->v[lo].id == id ? (long)lo : -1;
}

/* The sides listing image 'id'. */
static unsigned
c_sides_of(const struct cset *c, int64_t id)
{
	long	i = c_index_of(c, id);

	return i >= 0 ? c->v[i].sides : 0;
}

/* Reads one split file; counts what it could not match. 0 or -1. */
static int
c_read_split(struct cset *c, const size_t *rev, const char *file, int side,
    const char *col_name, FILE *out, long *listed, long *unmatched)
{
	struct csv	 r;
	char		*data = NULL, why[256];
	size_t		 len;
	long		 m;
	int		 col, rc, ret = -1;

	*listed = *unmatched = 0;
	if (file_read(file, 64u << 20, &data, &len, why) != 0)
		return error("cannot read '%s': %s", file, why);
	csv_init(&r, file, data, len);
	if ((rc = csv_next(&r, why)) <= 0) {
		error("'%s': %s", file, rc == 0 ? "empty file" : why);
		goto out;
	}
	if ((col = csv_column(&r, col_name)) < 0) {
		error("'%s': no column '%s' in the header (see --path-col)",
		    file, col_name);
		goto out;
	}
	while ((rc = csv_next(&r, why)) == 1) {
		if ((size_t)col >= r.nfields)
			continue;
		(*listed)++;
		if ((m = c_match(c, rev, r.fields[col])) < 0) {
			if ((*unmatched)++ < 5)
				fprintf(out, "  %s line %ld: '%s' %s\n", file,
				    r.record_line, r.fields[col], m == -2 ?
				    "matches several catalogued images" :
				    "is not in the catalog");
			continue;
		}
		c->v[m].sides |= 1u << side;
		if (c->v[m].side < 0)
			c->v[m].side = side;
	}
	if (rc < 0) {
		error("'%s': %s", file, why);
		goto out;
	}
	ret = 0;
out:
	csv_release(&r);
	free(data);
	return ret;
}

/* Number of set bits. */
static int
nbits(unsigned v)
{
	return __builtin_popcount(v);
}

int
check_split(sqlite3 *db, char **files, int nfiles,
    const struct check_split_opts *o, FILE *out, int *leaks)
{
	struct cset		 c;
	struct split_group	*g = NULL;
	struct split_stats	 st;
	int64_t			*ids = NULL, *cl = NULL;
	struct cpair		*pairs = NULL;
	size_t			*rev = NULL, *byp = NULL, i, j, nd = 0, k, np;
	long			 listed, unmatched, persons = 0, dups = 0;
	long			 both = 0;
	int			*fold = NULL, *one = NULL, s, rc = -1;

	*leaks = 0;
	memset(&c, 0, sizeof c);
	memset(&st, 0, sizeof st);
	if (nfiles < 2 || nfiles > MAX_SPLITS)
		return error("check-split needs 2 to %d split files",
		    MAX_SPLITS);
	if (db_each_image(db, o->source, c_collect, &c) != 0)
		goto out;
	rev = xmallocarray(c.n + 1, sizeof *rev);
	for (i = 0; i < c.n; i++)
		rev[i] = i;
	c_sort = c.v;
	qsort(rev, c.n, sizeof *rev, cmp_keys);
	for (s = 0; s < nfiles; s++) {
		if (c_read_split(&c, rev, files[s], s, o->path_col, out,
		    &listed, &unmatched) != 0)
			goto out;
		fprintf(out, "split %d '%s': %ld rows, %ld not matched to the"
		    " catalog\n", s + 1, files[s], listed, unmatched);
	}
	/* An image listed on two sides. */
	for (i = 0; i < c.n; i++)
		both += nbits(c.v[i].sides) > 1;
	/* Persons on two sides: group images by person. */
	byp = xmallocarray(c.n + 1, sizeof *byp);
	for (i = np = 0; i < c.n; i++)
		if (c.v[i].person != NULL && c.v[i].sides != 0)
			byp[np++] = i;
	c_sort = c.v;
	qsort(byp, np, sizeof *byp, cmp_person);
	for (i = 0; i < np; i = j) {
		unsigned	sides = 0;

		for (j = i; j < np && strcmp(c.v[byp[j]].person,
		    c.v[byp[i]].person) == 0; j++)
			sides |= c.v[byp[j]].sides;
		if (nbits(sides) > 1 && persons++ < 20)
			fprintf(out, "LEAK person '%s' is in %d splits\n",
			    c.v[byp[i]].person, nbits(sides));
	}
	/* Duplicate clusters on two sides (images come ordered by id). */
	if (dup_cluster_ids(db, o->source, o->threshold, &ids, &cl, &nd) != 0)
		goto out;
	pairs = xmallocarray(nd + 1, sizeof *pairs);
	for (i = 0; i < nd; i++) {
		pairs[i].cluster = cl[i];
		pairs[i].sides = c_sides_of(&c, ids[i]);
	}
	qsort(pairs, nd, sizeof *pairs, cmp_cpair);
	for (i = 0; i < nd; i = j) {
		unsigned	sides = 0;

		for (j = i; j < nd && pairs[j].cluster == pairs[i].cluster; j++)
			sides |= pairs[j].sides;
		if (nbits(sides) > 1 && dups++ < 20) {
			long	a = c_index_of(&c, pairs[i].cluster);

			fprintf(out, "LEAK duplicates of '%s' are in %d"
			    " splits\n", a >= 0 ? c.v[a].key : "?",
			    nbits(sides));
		}
	}
	/* Class shares: each listed image a group of one. */
	g = xcalloc(c.n + 1, sizeof *g);
	one = xcalloc((size_t)(c.n + 1) * N_STRATA, sizeof *one);
	fold = xcalloc(c.n + 1, sizeof *fold);
	for (i = k = 0; i < c.n; i++) {
		if (c.v[i].side < 0)
			continue;
		one[k * N_STRATA + c.v[i].stratum] = 1;
		g[k].count = &one[k * N_STRATA];
		fold[k++] = c.v[i].side;
	}
	split_stats_compute(g, k, N_STRATA, nfiles, fold, &st);
	fprintf(out, "images on two sides: %ld\npersons on two sides: %ld\n"
	    "duplicate clusters on two sides: %ld\nlargest class share"
	    " deviation from the whole: %.3f percentage points\n", both,
	    persons, dups, st.max_dev_pp);
	*leaks = both > 0 || persons > 0 || dups > 0;
	fprintf(out, "%s\n", *leaks ? "LEAKY: the same person or photo is on"
	    " more than one side" : "no leakage");
	rc = 0;
out:
	split_stats_free(&st);
	for (i = 0; i < c.n; i++) {
		free(c.v[i].key);
		free(c.v[i].person);
	}
	free(c.v);
	free(rev);
	free(ids);
	free(cl);
	free(g);
	free(one);
	free(fold);
	free(byp);
	free(pairs);
	return rc;
}
