/*
 * audit/collect.c: the samples an audit judges, and their groups: the
 * photos of a person, the face boxes of an image, byte-identical files
 * and each duplicate cluster never sit on both sides of a fold.
 */
#include <stdlib.h>
#include <string.h>

#include "audit-int.h"
#include "../lib/err.h"
#include "../lib/groups.h"
#include "../lib/labels.h"

static size_t
source_index(struct arun *r, const struct db_sample *d)
{
	struct asource	*x;
	size_t		 i;

	for (i = 0; i < r->nsrc; i++)
		if (strcmp(r->src[i].name, d->source) == 0)
			return i;
	r->src = xrealloc(r->src, (r->nsrc + 1) * sizeof *r->src);
	x = &r->src[r->nsrc];
	x->name = xstrdup(d->source);
	x->kind = xstrdup(d->kind);
	x->root = xstrdup(d->root);
	x->container = xstrdup(d->container);
	x->prefix = xstrdup(d->prefix);
	return r->nsrc++;
}

static int
collect(const struct db_sample *d, void *arg)
{
	struct arun	*r = arg;
	struct asample	*s;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4096;
		r->s = xrealloc(r->s, r->cap * sizeof *r->s);
	}
	s = &r->s[r->n++];
	memset(s, 0, sizeof *s);
	s->image_id = d->image_id;
	s->box_id = d->box_id;
	s->box_idx = d->box_id != 0 ? d->box_idx : -1;
	s->box = (struct img_rect){ d->x0, d->y0, d->x1, d->y1 };
	s->src = source_index(r, d);
	s->path = xstrdup(d->path);
	s->person_id = d->person_id;
	s->person = d->person != NULL ? xstrdup(d->person) : NULL;
	s->label[AUDIT_MASK] = d->mask;
	s->label[AUDIT_GENDER] = d->gender;
	s->label[AUDIT_AGE] = d->age_bin;
	snprintf(s->hash, sizeof s->hash, "%s", d->hash);
	s->orientation = d->orientation >= 1 ? d->orientation : 1;
	return 0;
}

/* See audit-int.h. */
int
audit_collect(sqlite3 *db, struct arun *r)
{
	const struct audit_opts	*o = r->o;
	struct groups		 g, u;
	int64_t			*key, *ids = NULL, *cl = NULL;
	size_t			*id, i, nd = 0;

	/*
	 * Byte-identical copies are judged too: each file carries its own
	 * label, and a copy labelled otherwise is exactly what to flag.
	 * They share their original's group, so never its fold.
	 */
	if (db_each_sample(db, o->source, o->where, o->nwhere, 1, collect, r)
	    != 0)
		return -1;
	if (r->n == 0)
		return error("nothing to audit: no sample passes the filters");
	if (o->dup_threshold >= 0 && dup_cluster_ids(db, o->source,
	    o->dup_threshold, &ids, &cl, &nd) != 0)
		return -1;
	key = xmallocarray(r->n + 1, sizeof *key);
	id = xmallocarray(r->n + 1, sizeof *id);
	groups_init(&g, r->n);
	groups_init(&u, r->n);
	for (i = 0; i < r->n; i++)
		key[i] = r->s[i].person_id;
	groups_join_equal(&g, key);
	groups_join_equal(&u, key);	/* a unit: a person, or one sample */
	for (i = 0; i < r->n; i++)
		key[i] = r->s[i].image_id;
	groups_join_equal(&g, key);
	for (i = 0; i < r->n; i++)
		key[i] = (int64_t)(strtoull(r->s[i].hash, NULL, 16) | 1);
	groups_join_equal(&g, key);
	for (i = 0; i < r->n; i++)
		key[i] = r->s[i].cluster = dup_cluster_find(ids, cl, nd,
		    r->s[i].image_id);
	groups_join_equal(&g, key);
	r->ngroups = groups_number(&g, id);
	for (i = 0; i < r->n; i++)
		r->s[i].group = id[i];
	r->nunits = groups_number(&u, id);
	for (i = 0; i < r->n; i++)
		r->s[i].unit = id[i];
	groups_release(&g);
	groups_release(&u);
	free(key);
	free(id);
	free(ids);
	free(cl);
	return 0;
}

/* See audit-int.h. */
void
audit_release(struct arun *r)
{
	size_t	i;
	int	t;

	for (i = 0; i < r->nsrc; i++) {
		free(r->src[i].name);
		free(r->src[i].kind);
		free(r->src[i].root);
		free(r->src[i].container);
		free(r->src[i].prefix);
	}
	free(r->src);
	for (i = 0; i < r->n; i++) {
		free(r->s[i].path);
		free(r->s[i].person);
	}
	free(r->s);
	free(r->x);
	for (t = 0; t < AUDIT_NTASKS; t++)
		free(r->prob[t]);
	for (i = 0; i < r->nflags; i++)
		free(r->flags[i].detail);
	free(r->flags);
	memset(r, 0, sizeof *r);
}

/* See audit-int.h. */
int
audit_nclass(int task)
{
	return task == AUDIT_MASK ? N_MASK : task == AUDIT_GENDER ? N_GENDER :
	    N_AGE_BIN;
}

/* See audit-int.h. */
const char *
audit_label_word(int task, int label)
{
	if (task == AUDIT_MASK)
		return label_mask_word(label);
	if (task == AUDIT_GENDER)
		return label_gender_word(label);
	return label_age_bin_word(label);
}

/* See audit.h. */
const char *
audit_task_name(enum audit_task t)
{
	return t == AUDIT_MASK ? "mask" : t == AUDIT_GENDER ? "gender" : "age";
}

/* See audit-int.h. */
void
audit_flag(struct arun *r, enum aflag_kind kind, int task, size_t sample,
    int person, int given, int suggested, double score, char *detail)
{
	struct aflag	*f;

	r->flags = xrealloc(r->flags, (r->nflags + 1) * sizeof *r->flags);
	f = &r->flags[r->nflags++];
	f->kind = kind;
	f->task = task;
	f->sample = sample;
	f->person = person;
	f->given = given;
	f->suggested = suggested;
	f->score = score;
	f->detail = detail;
}
