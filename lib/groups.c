/*
 * lib/groups.c: union-find with path halving (see groups.h).
 */
#include <stdlib.h>

#include "err.h"
#include "groups.h"

static size_t
root(size_t *up, size_t i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

/* See groups.h. */
void
groups_init(struct groups *g, size_t n)
{
	size_t	i;

	g->n = n;
	g->up = xmallocarray(n + 1, sizeof *g->up);
	for (i = 0; i < n; i++)
		g->up[i] = i;
}

/* See groups.h.  The smaller root wins, so numbering is stable. */
void
groups_join(struct groups *g, size_t a, size_t b)
{
	a = root(g->up, a);
	b = root(g->up, b);
	if (a != b)
		g->up[a > b ? a : b] = a < b ? a : b;
}

/* An item and its key, sorted to find equal keys. */
struct kv {
	int64_t	key;
	size_t	i;
};

static int
cmp_kv(const void *x, const void *y)
{
	const struct kv	*a = x, *b = y;

	if (a->key != b->key)
		return (a->key > b->key) - (a->key < b->key);
	return (a->i > b->i) - (a->i < b->i);
}

/* See groups.h. */
void
groups_join_equal(struct groups *g, const int64_t *key)
{
	struct kv	*v = xmallocarray(g->n + 1, sizeof *v);
	size_t		 i;

	for (i = 0; i < g->n; i++)
		v[i] = (struct kv){ key[i], i };
	qsort(v, g->n, sizeof *v, cmp_kv);
	for (i = 1; i < g->n; i++)
		if (v[i].key != 0 && v[i].key == v[i - 1].key)
			groups_join(g, v[i - 1].i, v[i].i);
	free(v);
}

/* See groups.h. */
size_t
groups_number(struct groups *g, size_t *id)
{
	size_t	i, count = 0, r;

	for (i = 0; i < g->n; i++)
		id[i] = (size_t)-1;
	for (i = 0; i < g->n; i++) {
		r = root(g->up, i);
		if (id[r] == (size_t)-1)
			id[r] = count++;
		id[i] = id[r];
	}
	return count;
}

/* See groups.h. */
void
groups_release(struct groups *g)
{
	free(g->up);
	g->up = NULL;
	g->n = 0;
}
