/*
 * export/split-int.h: test and benchmark hooks of export/split.c, not for
 * callers outside export/ and tests/.
 */
#ifndef EXPORT_SPLIT_INT_H
#define EXPORT_SPLIT_INT_H

#include "split.h"

/* The knobs of split_assign(); split_opts_init() gives its defaults. */
struct split_opts {
	int	restarts;	/* >= 1: independent runs, the best is kept */
	int	local_search;	/* 0: stop after the greedy pass */
	int	polish;		/* 0: no pass on the largest deviation itself */
	double	size_weight;	/* weight of the fold-size term (> 0) */
};

/* Fills *o with the defaults split_assign() uses.  Cannot fail. */
void	split_opts_init(struct split_opts *o);

/*
 * split_assign() with explicit knobs: restarts = 1 and local_search = 0 is
 * the plain greedy single pass (largest groups first, each to the fold
 * whose surrogate cost it lowers most), the baseline of tests/bench/split.c.
 * Returns -1 (nothing reported) on the bad arguments split_assign() rejects
 * and on o NULL, restarts < 1 or size_weight <= 0; otherwise 0.
 */
int	split_assign_opts(const struct split_group *g, size_t n, int nstrata,
	    int k, double valid_frac, uint64_t seed,
	    const struct split_opts *o, int *fold);

#endif
