/*
 * lib/groups.h: grouping items that share any key (union-find), for the
 * code that must keep a person's photos, an image's face boxes and each
 * duplicate cluster together (export, audit).  Pure; no global state.
 */
#ifndef LIB_GROUPS_H
#define LIB_GROUPS_H

#include <stddef.h>
#include <stdint.h>

struct groups {
	size_t	*up;		/* owned: parent of each item */
	size_t	 n;
};

/* Starts n items, each in its own group.  Dies only on out-of-memory. */
void	groups_init(struct groups *g, size_t n);
/*
 * Joins every two items whose key[i] are equal and non-zero (key 0 means
 * "no key"); key[0..n) is borrowed.  Dies only on out-of-memory.
 */
void	groups_join_equal(struct groups *g, const int64_t *key);
/* Joins items a and b. */
void	groups_join(struct groups *g, size_t a, size_t b);
/*
 * Numbers the groups 0..count-1 in order of their first item, writes each
 * item's number to id[0..n) (caller-owned) and returns count.
 */
size_t	groups_number(struct groups *g, size_t *id);
/* Frees what g holds; g may be released twice. */
void	groups_release(struct groups *g);

#endif
