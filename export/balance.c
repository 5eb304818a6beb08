/*
 * export/balance.c: balancing the train side (valid keeps the natural
 * distribution) and listing the files to write.
 *
 * Oversampling and undersampling take photos in "rounds over persons":
 * the persons of a key in a seeded random order, one photo of each per
 * round, so extra copies spread over as many persons as possible and no
 * photo is repeated twice before every photo was repeated once; and an
 * undersampled key keeps as many persons as it can.  A sample without a
 * person is its own person.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "../lib/err.h"
#include "../lib/labels.h"
#include "../lib/rng.h"

/* A train sample of one key, with its person unit and a random rank. */
struct bent {
	int64_t		unit;
	uint64_t	unit_rank, rank;
	size_t		i;
	long		round;
};

static int
cmp_unit(const void *x, const void *y)
{
	const struct bent *a = x, *b = y;

	if (a->unit_rank != b->unit_rank)
		return a->unit_rank < b->unit_rank ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

static int
cmp_round(const void *x, const void *y)
{
	const struct bent *a = x, *b = y;

	if (a->round != b->round)
		return a->round < b->round ? -1 : 1;
	return cmp_unit(x, y);
}

/* A random 64-bit rank from the seed and two numbers; stable per sample. */
static uint64_t
rank_of(uint64_t seed, int64_t a, int64_t b)
{
	uint64_t	st = seed ^ ((uint64_t)a * 0x9e3779b97f4a7c15ULL) ^
			    ((uint64_t)b * 0xc2b2ae3d27d4eb4fULL);

	return splitmix64(&st);
}

/*
 * Fills v[0..n) (the train samples of key k) in rounds-over-persons order.
 */
static void
order_by_rounds(const struct xplan *p, struct bent *v, size_t n)
{
	size_t	i;
	long	r = 0;

	for (i = 0; i < n; i++) {
		const struct xsample *s = &p->s[v[i].i];

		v[i].unit = s->person_id != 0 ? s->person_id : -s->image_id;
		v[i].unit_rank = rank_of(p->o->seed, v[i].unit, 0);
		v[i].rank = rank_of(p->o->seed, s->image_id, s->box_id + 1);
	}
	qsort(v, n, sizeof *v, cmp_unit);
	for (i = 0; i < n; i++) {
		r = i > 0 && v[i].unit == v[i - 1].unit ? r + 1 : 0;
		v[i].round = r;
	}
	qsort(v, n, sizeof *v, cmp_round);
}

/* See export-int.h. */
void
xplan_balance(struct xplan *p)
{
	const struct export_opts *o = p->o;
	struct bent	*v;
	size_t		 i, nv;
	long		 target = 0, known = 0, c;
	int		 k, nonempty = 0;

	p->nkeys = xplan_nkeys(o->balance_by);
	memset(p->key_before, 0, sizeof p->key_before);
	for (i = 0; i < p->n; i++) {
		p->s[i].key = xplan_key(&p->s[i], o->balance_by);
		if (p->s[i].side == 0 && p->s[i].key >= 0)
			p->key_before[p->s[i].key]++;
	}
	for (k = 0; k < p->nkeys; k++) {
		c = p->key_before[k];
		known += c;
		if (c == 0)
			continue;
		nonempty++;
		if (o->balance == BAL_OVERSAMPLE ? c > target :
		    target == 0 || c < target)
			target = c;
	}
	memcpy(p->key_after, p->key_before, sizeof p->key_after);
	if (o->balance == BAL_NONE || p->nsides != 2 || nonempty == 0)
		return;
	if (o->balance == BAL_WEIGHTS) {
		for (i = 0; i < p->n; i++)
			if (p->s[i].side == 0 && p->s[i].key >= 0)
				p->s[i].weight = (double)known / ((double)
				    nonempty * p->key_before[p->s[i].key]);
		return;
	}
	v = xmallocarray(p->n + 1, sizeof *v);
	for (k = 0; k < p->nkeys; k++) {
		if ((c = p->key_before[k]) == 0)
			continue;
		for (i = nv = 0; i < p->n; i++)
			if (p->s[i].side == 0 && p->s[i].key == k)
				v[nv++].i = i;
		order_by_rounds(p, v, nv);
		if (o->balance == BAL_OVERSAMPLE)
			for (i = 0; i < (size_t)(target - c); i++)
				p->s[v[i % nv].i].copies++;
		else
			for (i = (size_t)target; i < nv; i++)
				p->s[v[i].i].keep = 0;
		p->key_after[k] = target;
	}
	free(v);
}

/* The folder name of a sample's class in the imagefolder layout. */
static const char *
class_dir(const struct xplan *p, const struct xsample *s, char buf[8])
{
	if (p->o->classes == CLASSES_MASK)
		return label_mask_word(s->mask);
	snprintf(buf, 8, "%02d", s->cls);
	return buf;
}

/* The last component of a path without its extension, borrowed into buf. */
static const char *
stem_of(const char *path, char *buf, size_t size)
{
	const char	*b = strrchr(path, '/'), *dot;

	b = b != NULL ? b + 1 : path;
	dot = strrchr(b, '.');
	snprintf(buf, size, "%.*s", (int)(dot != NULL && dot != b ?
	    (size_t)(dot - b) : strlen(b)), b);
	return buf;
}

static char *
item_path(const struct xplan *p, const struct xsample *s, int copy)
{
	const char	*ext = p->o->format == IMG_PNG ? "png" : "jpg";
	char		 side[16], cd[8], stem[256], box[24] = "", cp[24] = "";

	if (s->box_idx >= 0)
		snprintf(box, sizeof box, "-b%d", s->box_idx);
	if (copy > 0)
		snprintf(cp, sizeof cp, "-c%d", copy);
	if (p->o->layout == LAYOUT_BASE)
		return xasprintf("%s/images/%s/%s.%s", xplan_side_name(p,
		    s->side, side), s->folder, stem_of(s->path, stem,
		    sizeof stem), ext);
	if (p->o->folds >= 2)
		return xasprintf("images/%s/%s-%lld%s.%s", class_dir(p, s, cd),
		    p->src[s->src].name, (long long)s->image_id, box, ext);
	return xasprintf("%s/%s/%s-%lld%s%s.%s", xplan_side_name(p, s->side,
	    side), class_dir(p, s, cd), p->src[s->src].name,
	    (long long)s->image_id, box, cp, ext);
}

/*
 * Draws a copy's augmentation from the seed and the sample, so it does
 * not depend on the order of the work: a mirror half the time, a shift of
 * up to 4% of each side (stored in thousandths), a gain of 0.85-1.15.
 * Never the identity: a copy must differ from its original.
 */
static void
draw_augment(const struct xplan *p, const struct xsample *s, struct xitem *it)
{
	uint64_t	st = rank_of(p->o->seed ^ 0xa0a0a0a0a0a0a0a0ULL,
			    s->image_id * 64 + it->copy, s->box_id);

	it->flip = (int)(splitmix64(&st) & 1);
	it->dx = (int)(splitmix64(&st) % 81) - 40;
	it->dy = (int)(splitmix64(&st) % 81) - 40;
	it->gain = 0.85 + 0.30 * (double)(splitmix64(&st) >> 11) /
	    (double)(1ULL << 53);
	if (!it->flip && it->dx == 0 && it->dy == 0 &&
	    fabs(it->gain - 1.0) < 0.02)
		it->flip = 1;
}

/* See export-int.h. */
void
xplan_items(struct xplan *p)
{
	size_t	 i, n = 0;
	int	 c;

	for (i = 0; i < p->n; i++)
		if (p->s[i].keep)
			n += 1 + (size_t)p->s[i].copies;
	p->it = xcalloc(n + 1, sizeof *p->it);
	for (i = 0; i < p->n; i++) {
		if (!p->s[i].keep)
			continue;
		for (c = 0; c <= p->s[i].copies; c++) {
			struct xitem	*it = &p->it[p->nit++];

			it->sample = i;
			it->copy = c;
			it->gain = 1.0;
			if (c > 0)
				draw_augment(p, &p->s[i], it);
			it->rel = item_path(p, &p->s[i], c);
		}
	}
}
