/*
 * export/manifest.c: an export's manifests: OUT/train.csv and
 * OUT/valid.csv (or OUT/folds.csv), one row per written file with its
 * labels, provenance, weight, augmentation and XXH3; and in the base
 * layout each side's own train.csv, as the base dataset has it.
 */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/fs.h"
#include "../lib/labels.h"
#include "../reports/report.h"

/* See export-int.h. */
int
xplan_write_new(const struct xplan *p, const char *dir, const char *name,
    const char *data, size_t len)
{
	char	*path = path_join(dir, name), *shown, why[256];
	int	 rc;

	if ((rc = fs_write_new(path, data, len, why)) != 0) {
		/* Named where it was to be: the staging folder goes. */
		shown = path_join(p->o->out, name);
		error("cannot write '%s': %s", shown, why);
		free(shown);
	}
	free(path);
	return rc;
}

/* See export-int.h. */
int
xplan_put_file(struct xplan *p, const char *dir, const char *name,
    const char *data, size_t len, long rows)
{
	struct xfile	*f;

	if (xplan_write_new(p, dir, name, data, len) != 0)
		return -1;
	p->files = xrealloc(p->files, (p->nfiles + 1) * sizeof *p->files);
	f = &p->files[p->nfiles++];
	f->name = xstrdup(name);
	f->rows = rows;
	f->bytes = (int64_t)len;
	snprintf(f->hash, sizeof f->hash, "%016llx",
	    (unsigned long long)img_hash(data, len));
	return 0;
}

/* An in-memory text file. */
struct mbuf {
	FILE	*fp;
	char	*data;
	size_t	 len;
};

static void
mbuf_open(struct mbuf *m)
{
	m->data = NULL;
	m->len = 0;
	if ((m->fp = open_memstream(&m->data, &m->len)) == NULL)
		die("out of memory");
}

/* Closes the stream and writes it as 'name'; frees it.  0 or -1. */
static int
mbuf_put(struct xplan *p, struct mbuf *m, const char *dir, const char *name,
    long rows)
{
	int	rc;

	if (fclose(m->fp) != 0)
		die("out of memory");
	rc = xplan_put_file(p, dir, name, m->data, m->len, rows);
	free(m->data);
	return rc;
}

static const struct xplan *sort_plan;

static int
cmp_item_path(const void *a, const void *b)
{
	return strcmp(sort_plan->it[*(const size_t *)a].rel,
	    sort_plan->it[*(const size_t *)b].rel);
}

/* An optional integer field: empty when unknown. */
static void
put_int(FILE *fp, int v)
{
	if (v >= 0)
		fprintf(fp, "%d", v);
}

/* A label word field: empty when unknown. */
static void
put_word(FILE *fp, const char *w, int v)
{
	if (v >= 0)
		csv_field(fp, w);
}

static void
manifest_row(const struct xplan *p, const struct xitem *it, FILE *fp)
{
	const struct xsample	*s = &p->s[it->sample];
	const struct xsource	*src = &p->src[s->src];
	char			*orig, side[16];

	csv_field(fp, it->rel);
	fputc(',', fp);
	if (p->nsides > 2) {
		fprintf(fp, "%d,", s->side);
	} else {
		fputs(xplan_side_name(p, s->side, side), fp);
		fputc(',', fp);
	}
	put_int(fp, s->cls);
	fputc(',', fp);
	put_word(fp, label_mask_word(s->mask), s->mask);
	fputc(',', fp);
	put_word(fp, label_gender_word(s->gender), s->gender);
	fputc(',', fp);
	put_int(fp, s->age);
	fputc(',', fp);
	put_word(fp, label_age_bin_word(s->age_bin), s->age_bin);
	fputc(',', fp);
	if (s->person != NULL)
		csv_field(fp, s->person);
	fputc(',', fp);
	csv_field(fp, src->name);
	fputc(',', fp);
	orig = xasprintf("%s%s%s%s", src->root, strcmp(src->container,
	    "zip") == 0 ? ":" : "/", src->prefix, s->path);
	csv_field(fp, orig);
	free(orig);
	fputc(',', fp);
	if (s->box_idx >= 0)
		fprintf(fp, "%d %d %d %d", s->box.x0, s->box.y0, s->box.x1,
		    s->box.y1);
	fprintf(fp, ",%.6g,", s->weight);
	if (it->copy > 0)
		fprintf(fp, "flip=%d;dx=%d;dy=%d;gain=%.3f", it->flip, it->dx,
		    it->dy, it->gain);
	fputc(',', fp);
	if (it->copy > 0)	/* the original is the item just before */
		csv_field(fp, (it - it->copy)->rel);
	fprintf(fp, ",%lld,%d,%d,%lld,%s\n", (long long)s->image_id, it->ow,
	    it->oh, (long long)it->bytes, it->hash);
}

static const char manifest_head[] =
    "path,%s,class,mask,gender,age,age_bin,person,source,original,box,"
    "weight,augmentation,copy_of,image_id,width,height,bytes,xxh3\n";

/* The base layout's train.csv of side 'side': one row per person. */
static int
base_csv(struct xplan *p, const char *dir, const size_t *order, int side)
{
	struct mbuf		 m;
	const struct xsample	*s, *last = NULL;
	char			*name, sn[16];
	long			 rows = 0;
	size_t			 i;
	int			 rc;

	mbuf_open(&m);
	fputs("id,gender,race,age,path\n", m.fp);
	for (i = 0; i < p->nit; i++) {
		s = &p->s[p->it[order[i]].sample];
		if (s->side != side || (last != NULL &&
		    strcmp(last->folder, s->folder) == 0))
			continue;
		last = s;
		csv_field(m.fp, s->ext_id != NULL ? s->ext_id : s->folder);
		fprintf(m.fp, ",%s,", label_gender_word(s->gender));
		csv_field(m.fp, s->race != NULL ? s->race : "");
		fprintf(m.fp, ",%d,", s->age);
		csv_field(m.fp, s->folder);
		fputc('\n', m.fp);
		rows++;
	}
	name = xasprintf("%s/train.csv", xplan_side_name(p, side, sn));
	rc = mbuf_put(p, &m, dir, name, rows);
	free(name);
	return rc;
}

/* See export-int.h. */
int
xplan_write_manifests(struct xplan *p, const char *dir)
{
	struct mbuf	 m[X_SIDES];
	size_t		*order, i;
	long		 rows[X_SIDES] = { 0, 0 };
	int		 s, folds = p->nsides > 2, nm = folds ? 1 : 2, rc = 0;

	order = xmallocarray(p->nit + 1, sizeof *order);
	for (i = 0; i < p->nit; i++)
		order[i] = i;
	sort_plan = p;
	qsort(order, p->nit, sizeof *order, cmp_item_path);
	for (s = 0; s < nm; s++) {
		mbuf_open(&m[s]);
		fprintf(m[s].fp, manifest_head, folds ? "fold" : "split");
	}
	for (i = 0; i < p->nit; i++) {
		s = folds ? 0 : p->s[p->it[order[i]].sample].side;
		manifest_row(p, &p->it[order[i]], m[s].fp);
		rows[s]++;
	}
	if (folds)
		rc = mbuf_put(p, &m[0], dir, "folds.csv", rows[0]);
	else {
		rc = mbuf_put(p, &m[0], dir, "train.csv", rows[0]);
		if (mbuf_put(p, &m[1], dir, "valid.csv", rows[1]) != 0)
			rc = -1;
	}
	if (rc == 0 && p->o->layout == LAYOUT_BASE)
		for (s = 0; s < p->nsides && rc == 0; s++)
			rc = base_csv(p, dir, order, s);
	free(order);
	return rc;
}
