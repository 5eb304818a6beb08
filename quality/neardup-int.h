/*
 * quality/neardup-int.h: test hooks of quality/neardup.c, not for callers
 * outside quality/ and tests/.
 */
#ifndef QUALITY_NEARDUP_INT_H
#define QUALITY_NEARDUP_INT_H

#include "neardup.h"

#define NEARDUP_MIN_CHUNKS	4	/* so a chunk has at most 16 bits */
#define NEARDUP_MAX_CHUNKS	8

/*
 * As neardup_pairs(), but with m chunks (NEARDUP_MIN_CHUNKS to
 * NEARDUP_MAX_CHUNKS) instead of the plan the cost model picks, so tests
 * can check every plan on small inputs.  Returns -1 if t or m is out of
 * range (nothing reported).
 */
int	neardup_pairs_chunks(const uint64_t *h, size_t n, int t, int m,
	    neardup_fn *fn, void *arg);

#endif
