/*
 * reports/sheet-select.c: which tiles a contact sheet shows: samples
 * through the catalog's filters, the rows of an audit CSV, duplicate
 * clusters, quarantined files.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"
#include "report.h"
#include "../lib/csv.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"

/* A copy of one sample row, for lookups after the query has ended. */
struct srow {
	int64_t	 image_id;
	int	 box_idx;		/* -1: whole image */
	char	*source, *root, *prefix, *path, *person;
	int	 mask, gender, age_bin;
	int	 width, height, orientation;
};

struct snap {
	struct srow	*v;
	size_t		 n, cap;
};

static char *
opt_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
snap_collect(const struct db_sample *r, void *arg)
{
	struct snap	*sn = arg;
	struct srow	*w;

	if (sn->n == sn->cap) {
		sn->cap = sn->cap ? sn->cap * 2 : 256;
		sn->v = xrealloc(sn->v, sn->cap * sizeof *sn->v);
	}
	w = &sn->v[sn->n++];
	w->image_id = r->image_id;
	w->box_idx = r->box_id != 0 ? r->box_idx : -1;
	w->source = xstrdup(r->source);
	w->root = xstrdup(r->root);
	w->prefix = xstrdup(r->prefix != NULL ? r->prefix : "");
	w->path = xstrdup(r->path);
	w->person = opt_dup(r->person);
	w->mask = r->mask;
	w->gender = r->gender;
	w->age_bin = r->age_bin;
	w->width = r->width;
	w->height = r->height;
	w->orientation = r->orientation;
	return 0;
}

static void
snap_free(struct snap *sn)
{
	size_t	i;

	for (i = 0; i < sn->n; i++) {
		free(sn->v[i].source);
		free(sn->v[i].root);
		free(sn->v[i].prefix);
		free(sn->v[i].path);
		free(sn->v[i].person);
	}
	free(sn->v);
	memset(sn, 0, sizeof *sn);
}

/* Every sample of one source (NULL: all), byte-identical copies included. */
static int
snap_load(sqlite3 *db, const char *source, struct snap *sn)
{
	memset(sn, 0, sizeof *sn);
	if (db_each_sample(db, source, NULL, 0, 1, snap_collect, sn) != 0) {
		snap_free(sn);
		return -1;
	}
	return 0;
}

/* Index of the first row of (source, path): rows are ordered by both. */
static size_t
snap_find(const struct snap *sn, const char *source, const char *path)
{
	size_t	lo = 0, hi = sn->n, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(sn->v[mid].source, source);
		if (c == 0)
			c = strcmp(sn->v[mid].path, path);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sn->n && strcmp(sn->v[lo].source, source) == 0 &&
	    strcmp(sn->v[lo].path, path) == 0)
		return lo;
	return (size_t)-1;
}

/* "box 2: wear male <30": the known label words (malloc()ed). */
static char *
label_words(int box_idx, int mask, int gender, int age_bin)
{
	char	buf[96];
	size_t	len = 0;

	buf[0] = '\0';
	if (box_idx >= 0)
		len += snprintf(buf, sizeof buf, "box %d:", box_idx);
	if (mask >= 0)
		len += snprintf(buf + len, sizeof buf - len, "%s%s",
		    len ? " " : "", label_mask_word(mask));
	if (gender >= 0)
		len += snprintf(buf + len, sizeof buf - len, "%s%s",
		    len ? " " : "", label_gender_word(gender));
	if (age_bin >= 0)
		len += snprintf(buf + len, sizeof buf - len, "%s%s",
		    len ? " " : "", label_age_bin_word(age_bin));
	if (mask < 0 && gender < 0 && age_bin < 0)
		snprintf(buf + len, sizeof buf - len, "%sunlabelled",
		    len ? " " : "");
	return xstrdup(buf);
}

/* Adds the tile of a row; whole: show the image, not the row's box. */
static void
add_row(struct sheet *s, const struct srow *r, int whole, const char *info,
    int row_break)
{
	struct sheet_tile	 t;
	char			*words = NULL;

	memset(&t, 0, sizeof t);
	t.image_id = r->image_id;
	t.box_idx = whole ? -1 : r->box_idx;
	t.source = r->source;
	t.root = r->root;
	t.prefix = r->prefix;
	t.path = r->path;
	t.width = r->width;
	t.height = r->height;
	t.orientation = r->orientation;
	if (info == NULL)
		info = words = label_words(t.box_idx, r->mask, r->gender,
		    r->age_bin);
	t.info = (char *)info;
	t.row_break = row_break;
	sheet_add(s, &t);
	free(words);
}

/* A tile for something the catalog does not have; reports it. */
static void
add_missing(struct sheet *s, const char *source, const char *path,
    const char *why)
{
	struct sheet_tile	t;

	memset(&t, 0, sizeof t);
	t.box_idx = -1;
	t.source = (char *)source;
	t.path = (char *)path;
	t.reason = (char *)why;
	t.info = (char *)why;
	sheet_add(s, &t);
	s->missing++;
}

static int
sample_tile(const struct db_sample *r, void *arg)
{
	struct srow	row;

	memset(&row, 0, sizeof row);
	row.image_id = r->image_id;
	row.box_idx = r->box_id != 0 ? r->box_idx : -1;
	row.source = (char *)r->source;
	row.root = (char *)r->root;
	row.prefix = (char *)(r->prefix != NULL ? r->prefix : "");
	row.path = (char *)r->path;
	row.mask = r->mask;
	row.gender = r->gender;
	row.age_bin = r->age_bin;
	row.width = r->width;
	row.height = r->height;
	row.orientation = r->orientation;
	add_row(arg, &row, 0, NULL, 0);
	return 0;
}

/* See sheet.h. */
int
sheet_select_samples(sqlite3 *db, const char *source,
    const struct db_filter *f, size_t nf, struct sheet *s)
{
	return db_each_sample(db, source, f, nf, 0, sample_tile, s);
}

/* --- Audit flags --------------------------------------------------------- */

struct fcols {
	int	kind, task, source, person, path, box, given, suggested, score,
		detail;
};

static const char *
field(const struct csv *r, int col)
{
	return col >= 0 && (size_t)col < r->nfields ? r->fields[col] : "";
}

/* The photos of a person, each captioned by info(row). */
static int
flag_person(struct sheet *s, const struct snap *sn, const char *source,
    const char *person, const char *kind, const char *detail,
    const char *given, const char *suggested, const char *score)
{
	const char	*base, *p;
	char		*info, seg[128];
	size_t		 i, k;
	int		 found = 0, first = 1;

	for (i = 0; i < sn->n; i++) {
		const struct srow *r = &sn->v[i];

		if (r->person == NULL || strcmp(r->source, source) != 0 ||
		    strcmp(r->person, person) != 0)
			continue;
		found = 1;
		if (strcmp(kind, "swap") == 0) {
			/* "mask3.jpg incorrect -> not_wear, normal.jpg ...". */
			base = strrchr(r->path, '/');
			base = base != NULL ? base + 1 : r->path;
			p = strstr(detail, base);
			if (p != NULL && p[strlen(base)] == ' ') {
				p += strlen(base) + 1;
				for (k = 0; p[k] != '\0' && p[k] != ',' &&
				    k + 1 < sizeof seg; k++)
					seg[k] = p[k];
				seg[k] = '\0';
				info = xasprintf("swap: %s", seg);
			} else
				info = xasprintf("%s, same person",
				    label_mask_word(r->mask));
		} else
			info = xasprintf("%s -> %s  %s (person)", given,
			    suggested, score);
		add_row(s, r, 1, info, first);
		first = 0;
		free(info);
	}
	return found;
}

/* One "src/path=word" item of a duplicate flag's detail. */
static void
flag_dup_item(struct sheet *s, const struct snap *sn, const char *task,
    char *item, int row_break)
{
	char	*eq, *slash, *info;
	size_t	 i;

	eq = strrchr(item, '=');
	slash = strchr(item, '/');
	if (eq == NULL || slash == NULL || slash > eq) {
		error("audit flags: cannot read the duplicate item '%s'",
		    item);
		add_missing(s, NULL, item, "not a SOURCE/PATH=LABEL item");
		return;
	}
	*eq = *slash = '\0';
	if ((i = snap_find(sn, item, slash + 1)) == (size_t)-1) {
		error("audit flags: '%s:%s' is not in the catalog", item,
		    slash + 1);
		add_missing(s, item, slash + 1, "not in the catalog");
		return;
	}
	info = xasprintf("dup %s=%s", task, eq + 1);
	add_row(s, &sn->v[i], 1, info, row_break);
	free(info);
}

static void
flag_row(struct sheet *s, const struct snap *sn, const struct csv *r,
    const struct fcols *c, const char *file)
{
	const char	*kind = field(r, c->kind), *src = field(r, c->source);
	const char	*path = field(r, c->path), *person = field(r, c->person);
	const char	*box = field(r, c->box), *score = field(r, c->score);
	char		*info, *d, *item, *next, sc[32];
	size_t		 i;
	int		 b = -1, done = 0;

	/* Scores print as %.6g: keep three significant digits. */
	snprintf(sc, sizeof sc, "%.3g", strtod(score, NULL));
	if (strcmp(kind, "duplicate") == 0) {
		d = xstrdup(field(r, c->detail));
		for (item = d; item != NULL && *item != '\0'; item = next) {
			if ((next = strstr(item, ", ")) != NULL) {
				*next = '\0';
				next += 2;
			}
			flag_dup_item(s, sn, field(r, c->task), item,
			    item == d);
		}
		free(d);
		return;
	}
	if (strcmp(kind, "label") != 0 && strcmp(kind, "swap") != 0) {
		error("'%s' line %ld: unknown kind '%s' (label, swap or"
		    " duplicate)", file, r->record_line, kind);
		add_missing(s, src, path, "unknown kind of flag");
		return;
	}
	if (*path == '\0') {
		if (*person != '\0' && flag_person(s, sn, src, person, kind,
		    field(r, c->detail), field(r, c->given),
		    field(r, c->suggested), sc))
			return;
		error("'%s' line %ld: person '%s:%s' is not in the catalog",
		    file, r->record_line, src, person);
		add_missing(s, src, person, "person not in the catalog");
		return;
	}
	if (*box != '\0')
		b = atoi(box);
	info = xasprintf("%s -> %s  %s", field(r, c->given),
	    field(r, c->suggested), sc);
	if ((i = snap_find(sn, src, path)) != (size_t)-1)
		for (; i < sn->n && strcmp(sn->v[i].source, src) == 0 &&
		    strcmp(sn->v[i].path, path) == 0; i++) {
			if (b >= 0 && sn->v[i].box_idx != b)
				continue;
			add_row(s, &sn->v[i], b < 0, info, 0);
			done = 1;
			break;
		}
	if (!done) {
		error("'%s' line %ld: '%s:%s'%s%s is not in the catalog", file,
		    r->record_line, src, path, b >= 0 ? " box " : "",
		    b >= 0 ? box : "");
		add_missing(s, src, path, "not in the catalog");
	}
	free(info);
}

/* See sheet.h. */
int
sheet_select_flags(sqlite3 *db, const char *file, const char *source,
    struct sheet *s)
{
	struct snap	 sn;
	struct csv	 r;
	struct fcols	 c;
	char		*data = NULL, why[256];
	size_t		 len;
	int		 rc, ret = -1;

	if (db_check_source(db, source) != 0)
		return -1;
	if (file_read(file, 64u << 20, &data, &len, why) != 0)
		return error("cannot read '%s': %s", file, why);
	csv_init(&r, file, data, len);
	memset(&sn, 0, sizeof sn);
	if ((rc = csv_next(&r, why)) <= 0) {
		error("'%s': %s", file, rc == 0 ? "empty file" : why);
		goto out;
	}
	c.kind = csv_column(&r, "kind");
	c.task = csv_column(&r, "task");
	c.source = csv_column(&r, "source");
	c.person = csv_column(&r, "person");
	c.path = csv_column(&r, "path");
	c.box = csv_column(&r, "box");
	c.given = csv_column(&r, "given");
	c.suggested = csv_column(&r, "suggested");
	c.score = csv_column(&r, "score");
	c.detail = csv_column(&r, "detail");
	if (c.kind < 0 || c.source < 0 || c.path < 0 || c.person < 0) {
		error("'%s': not an audit CSV (the header needs kind, source,"
		    " person and path, as maskcat audit --format csv writes)",
		    file);
		goto out;
	}
	if (snap_load(db, NULL, &sn) != 0)
		goto out;
	while ((rc = csv_next(&r, why)) == 1) {
		if (source != NULL && strcmp(field(&r, c.source), source) != 0)
			continue;
		flag_row(s, &sn, &r, &c, file);
	}
	if (rc < 0) {
		error("'%s': %s", file, why);
		goto out;
	}
	ret = 0;
out:
	snap_free(&sn);
	csv_release(&r);
	free(data);
	return ret;
}

/* --- Duplicate clusters -------------------------------------------------- */

struct member {
	int64_t	cluster, image;
	size_t	size;		/* members of its cluster */
};

static int
cmp_member(const void *x, const void *y)
{
	const struct member	*a = x, *b = y;

	if (a->size != b->size)
		return a->size < b->size ? 1 : -1;
	if (a->cluster != b->cluster)
		return a->cluster < b->cluster ? -1 : 1;
	return (a->image > b->image) - (a->image < b->image);
}

struct byid {
	int64_t	id;
	size_t	row;		/* first row of the image in the snapshot */
};

static int
cmp_byid(const void *x, const void *y)
{
	const struct byid	*a = x, *b = y;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a->row > b->row) - (a->row < b->row);
}

/* The entry of key->id with the smallest row, or NULL. */
static struct byid *
lower_byid(struct byid *by, size_t n, const struct byid *key)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cmp_byid(&by[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && by[lo].id == key->id ? &by[lo] : NULL;
}

/* The image named by 'cluster': a catalog id, PATH or SOURCE:PATH. */
static int64_t
cluster_image(const struct snap *sn, const char *arg)
{
	const char	*p;
	char		*end;
	long long	 id;
	size_t		 i, k;

	for (p = arg; isdigit((unsigned char)*p); p++)
		;
	if (*arg != '\0' && *p == '\0') {
		id = strtoll(arg, &end, 10);
		return id > 0 ? (int64_t)id : -1;
	}
	for (i = 0; i < sn->n; i++) {
		const struct srow *r = &sn->v[i];

		if (strcmp(r->path, arg) == 0)
			return r->image_id;
		k = strlen(r->source);
		if (strncmp(arg, r->source, k) == 0 && arg[k] == ':' &&
		    strcmp(arg + k + 1, r->path) == 0)
			return r->image_id;
	}
	return -1;
}

/* See sheet.h. */
int
sheet_select_clusters(sqlite3 *db, const char *source, int threshold,
    const char *cluster, struct sheet *s)
{
	struct snap	 sn;
	struct member	*m = NULL;
	struct byid	*by = NULL, key, *hit;
	int64_t		*ids = NULL, *cl = NULL, want = 0, img;
	size_t		 n = 0, i, j, k, nm = 0;
	char		*words, *info;
	int		 ret = -1;

	if (snap_load(db, source, &sn) != 0)
		return -1;
	if (dup_cluster_ids(db, source, threshold, &ids, &cl, &n) != 0)
		goto out;
	if (cluster != NULL) {
		if ((img = cluster_image(&sn, cluster)) < 0 ||
		    (want = dup_cluster_find(ids, cl, n, img)) == 0) {
			error("no measured image '%s' in the catalog (--cluster"
			    " takes an image id, PATH or SOURCE:PATH)",
			    cluster);
			goto out;
		}
	}
	m = xmallocarray(n + 1, sizeof *m);
	for (i = 0; i < n; i++)
		if (want == 0 || cl[i] == want) {
			m[nm].cluster = cl[i];
			m[nm].image = ids[i];
			m[nm++].size = 0;
		}
	/* Cluster sizes: group by cluster id first. */
	qsort(m, nm, sizeof *m, cmp_member);
	for (i = 0; i < nm; i = j) {
		for (j = i; j < nm && m[j].cluster == m[i].cluster; j++)
			;
		for (k = i; k < j; k++)
			m[k].size = j - i;
	}
	qsort(m, nm, sizeof *m, cmp_member);
	by = xmallocarray(sn.n + 1, sizeof *by);
	for (i = 0; i < sn.n; i++) {
		by[i].id = sn.v[i].image_id;
		by[i].row = i;
	}
	qsort(by, sn.n, sizeof *by, cmp_byid);
	for (i = 0; i < nm; i++) {
		if (want == 0 && m[i].size < 2)
			continue;
		key.id = m[i].image;
		key.row = 0;
		hit = lower_byid(by, sn.n, &key);
		if (hit == NULL)
			continue;	/* outside the --source */
		words = label_words(-1, sn.v[hit->row].mask,
		    sn.v[hit->row].gender, sn.v[hit->row].age_bin);
		info = xasprintf("#%lld %s", (long long)m[i].cluster, words);
		add_row(s, &sn.v[hit->row], 1, info, i == 0 ||
		    m[i - 1].cluster != m[i].cluster);
		free(info);
		free(words);
	}
	ret = 0;
out:
	free(m);
	free(by);
	free(ids);
	free(cl);
	snap_free(&sn);
	return ret;
}

/* --- Quarantine ---------------------------------------------------------- */

struct qsrc {
	char	*name, *root, *prefix;
};

struct qstate {
	struct qsrc	*v;
	size_t		 n;
	struct sheet	*s;
};

static int
q_source(const struct db_source_row *r, void *arg)
{
	struct qstate	*q = arg;

	q->v = xrealloc(q->v, (q->n + 1) * sizeof *q->v);
	q->v[q->n].name = xstrdup(r->name);
	q->v[q->n].root = xstrdup(r->root);
	q->v[q->n++].prefix = xstrdup(r->prefix != NULL ? r->prefix : "");
	return 0;
}

static int
q_row(const char *source, const char *path, const char *reason, void *arg)
{
	struct qstate		*q = arg;
	struct sheet_tile	 t;
	size_t			 i;

	memset(&t, 0, sizeof t);
	t.box_idx = -1;
	t.source = (char *)source;
	t.path = (char *)path;
	t.info = (char *)reason;
	t.quarantined = 1;
	t.orientation = 1;
	for (i = 0; i < q->n; i++)
		if (strcmp(q->v[i].name, source) == 0) {
			t.root = q->v[i].root;
			t.prefix = q->v[i].prefix;
		}
	sheet_add(q->s, &t);
	return 0;
}

/* See sheet.h. */
int
sheet_select_quarantine(sqlite3 *db, const char *source, struct sheet *s)
{
	struct qstate	q;
	long		total;
	size_t		i;
	int		ret;

	memset(&q, 0, sizeof q);
	q.s = s;
	ret = db_each_source(db, q_source, &q);
	if (ret == 0)
		ret = db_each_quarantine(db, source, -1, q_row, &q, &total);
	for (i = 0; i < q.n; i++) {
		free(q.v[i].name);
		free(q.v[i].root);
		free(q.v[i].prefix);
	}
	free(q.v);
	return ret;
}
