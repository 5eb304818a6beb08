/*
 * audit/swap.c: swapped files.  In the base layout every person has five
 * photos with a mask worn, one worn incorrectly and one without: a person
 * whose labels keep that shape but whose photos look otherwise (e.g.
 * normal.jpg showing a badly worn mask and incorrect_mask.jpg showing
 * none) most likely had two files swapped.  The check compares the most
 * likely assignment of the same labels with the given one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit-int.h"
#include "../lib/err.h"
#include "../lib/labels.h"

static double
lp(const double *p, int i, int k)
{
	double	v = p[i * 3 + k];

	return log(v > 1e-6 ? v : 1e-6);
}

/* See audit-int.h. */
double
audit_swap_best(const double *p, const int *given, int n, int *best)
{
	double	wear = 0, s, top = -INFINITY, gs = 0;
	int	i, j, bi = 0, bj = 1;

	for (i = 0; i < n; i++) {
		wear += lp(p, i, MASK_WEAR);
		gs += lp(p, i, given[i]);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			if (i == j)
				continue;
			s = wear - lp(p, i, MASK_WEAR) + lp(p, i,
			    MASK_INCORRECT) - lp(p, j, MASK_WEAR) + lp(p, j,
			    MASK_NOT_WEAR);
			if (s > top) {
				top = s;
				bi = i;
				bj = j;
			}
		}
	for (i = 0; i < n; i++)
		best[i] = i == bi ? MASK_INCORRECT : i == bj ? MASK_NOT_WEAR :
		    MASK_WEAR;
	return top - gs > 0 ? top - gs : 0;
}

/* The last path component, borrowed. */
static const char *
base_name(const char *path)
{
	const char	*b = strrchr(path, '/');

	return b != NULL ? b + 1 : path;
}

static const struct arun *cmp_r;

static int
cmp_person(const void *a, const void *b)
{
	const struct asample *x = &cmp_r->s[*(const size_t *)a];
	const struct asample *y = &cmp_r->s[*(const size_t *)b];

	if (x->person_id != y->person_id)
		return x->person_id < y->person_id ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* Checks one person's photos idx[0..n). */
static void
check_person(struct arun *r, const size_t *idx, int n)
{
	const double	*pm = r->prob[AUDIT_MASK];
	double		*p = xmallocarray((size_t)n * 3, sizeof *p), llr;
	int		*given = xmallocarray((size_t)n, sizeof *given);
	int		*best = xmallocarray((size_t)n, sizeof *best);
	int		 i, inc = 0, nw = 0;
	char		*d = NULL, *t;

	for (i = 0; i < n; i++) {
		const struct asample *s = &r->s[idx[i]];

		given[i] = s->label[AUDIT_MASK];
		if (given[i] < 0 || pm[idx[i] * 3] < 0 || s->box_idx >= 0)
			goto out;
		memcpy(p + i * 3, pm + idx[i] * 3, 3 * sizeof *p);
		inc += given[i] == MASK_INCORRECT;
		nw += given[i] == MASK_NOT_WEAR;
	}
	if (inc != 1 || nw != 1)
		goto out;
	llr = audit_swap_best(p, given, n, best);
	if (llr <= log(r->o->swap_ratio))
		goto out;
	for (i = 0; i < n; i++) {
		if (best[i] == given[i])
			continue;
		t = xasprintf("%s%s%s %s -> %s", d != NULL ? d : "",
		    d != NULL ? ", " : "", base_name(r->s[idx[i]].path),
		    label_mask_word(given[i]), label_mask_word(best[i]));
		free(d);
		d = t;
	}
	audit_flag(r, FLAG_SWAP, AUDIT_MASK, idx[0], 1, -1, -1, llr, d);
out:
	free(p);
	free(given);
	free(best);
}

/* See audit-int.h. */
void
audit_swaps(struct arun *r)
{
	size_t	*idx, i, j, n = 0;

	if (r->prob[AUDIT_MASK] == NULL)
		return;
	idx = xmallocarray(r->n + 1, sizeof *idx);
	for (i = 0; i < r->n; i++)
		if (r->s[i].person_id != 0)
			idx[n++] = i;
	cmp_r = r;
	qsort(idx, n, sizeof *idx, cmp_person);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && r->s[idx[j]].person_id ==
		    r->s[idx[i]].person_id; j++)
			;
		if (j - i >= 2 && j - i <= 64)
			check_person(r, idx + i, (int)(j - i));
	}
	free(idx);
}
