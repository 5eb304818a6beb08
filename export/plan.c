/*
 * export/plan.c: the split of an export's groups into sides, the keys
 * balancing counts by, and the names of sides and keys.
 */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "split.h"
#include "../lib/err.h"
#include "../lib/labels.h"

/* See export-int.h. */
int
xplan_split(struct xplan *p)
{
	struct split_group	*g;
	int			*count, *fold;
	size_t			 i;
	int			 k = p->o->folds >= 2 ? p->o->folds : 2, rc;

	p->nsides = k;
	count = xcalloc(p->ngroups * X_NSTRATA + 1, sizeof *count);
	g = xmallocarray(p->ngroups + 1, sizeof *g);
	fold = xmallocarray(p->ngroups + 1, sizeof *fold);
	for (i = 0; i < p->n; i++)
		count[p->s[i].group * X_NSTRATA + p->s[i].stratum]++;
	for (i = 0; i < p->ngroups; i++)
		g[i].count = count + i * X_NSTRATA;
	rc = split_assign(g, p->ngroups, X_NSTRATA, k, p->o->valid,
	    p->o->seed, fold);
	if (rc == 0)
		for (i = 0; i < p->n; i++)
			p->s[i].side = fold[p->s[i].group];
	else
		error("cannot split %zu groups into %d sides (valid share %g)",
		    p->ngroups, k, p->o->valid);
	free(count);
	free(g);
	free(fold);
	return rc;
}

/* See export-int.h. */
int
xplan_key(const struct xsample *s, enum export_by by)
{
	switch (by) {
	case BY_CLASS:
		return s->cls;
	case BY_MASK:
		return s->mask;
	case BY_AGE:
		return s->age_bin;
	case BY_GENDER_AGE:
		return s->gender >= 0 && s->age_bin >= 0 ?
		    s->gender * N_AGE_BIN + s->age_bin : -1;
	}
	return -1;
}

/* See export-int.h. */
int
xplan_nkeys(enum export_by by)
{
	switch (by) {
	case BY_CLASS:
		return N_CLASS;
	case BY_MASK:
		return N_MASK;
	case BY_AGE:
		return N_AGE_BIN;
	case BY_GENDER_AGE:
		return N_GENDER * N_AGE_BIN;
	}
	return 0;
}

/* See export-int.h. */
const char *
xplan_key_name(enum export_by by, int key, char buf[32])
{
	int	m, g, a;

	switch (by) {
	case BY_CLASS:
		if (label_class_parts(key, &m, &g, &a) != 0)
			return "?";
		snprintf(buf, 32, "%d %s %s %s", key, label_mask_word(m),
		    label_gender_word(g), label_age_bin_word(a));
		return buf;
	case BY_MASK:
		return label_mask_word(key);
	case BY_AGE:
		return label_age_bin_word(key);
	case BY_GENDER_AGE:
		snprintf(buf, 32, "%s %s", label_gender_word(key / N_AGE_BIN),
		    label_age_bin_word(key % N_AGE_BIN));
		return buf;
	}
	return "?";
}

/* See export-int.h. */
const char *
xplan_side_name(const struct xplan *p, int s, char buf[16])
{
	if (p->o->folds >= 2) {
		snprintf(buf, 16, "fold%d", s);
		return buf;
	}
	return s == 0 ? "train" : "valid";
}

/* See export.h. */
const char *
export_balance_name(enum export_balance b)
{
	static const char *const n[] = { "none", "oversample", "undersample",
	    "weights" };

	return (unsigned)b < 4 ? n[b] : "?";
}

/* See export.h. */
const char *
export_by_name(enum export_by b)
{
	static const char *const n[] = { "class", "mask", "age",
	    "gender-age" };

	return (unsigned)b < 4 ? n[b] : "?";
}

/* See export.h. */
const char *
export_crop_name(enum img_crop c)
{
	static const char *const n[] = { "none", "center", "box",
	    "face-region" };

	return (unsigned)c < 4 ? n[c] : "?";
}
