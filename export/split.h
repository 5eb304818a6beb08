/*
 * export/split.h: stratified, group-preserving train/valid splits and K-fold
 * assignment.  A group (a person, an image with its face boxes, a duplicate
 * cluster...) always goes whole to one fold, so no person leaks across the
 * split; within that constraint the folds get their target number of samples
 * and the share of every stratum (class) in each fold matches the whole.
 * Pure computation: no I/O, no SQL, no global state.
 */
#ifndef EXPORT_SPLIT_H
#define EXPORT_SPLIT_H

#include <stddef.h>
#include <stdint.h>

/*
 * The largest number of folds split_assign() accepts (the search costs
 * grow about linearly with k).
 */
#define SPLIT_MAX_K	100

/*
 * One group and how many samples of each stratum it holds: count[0..nstrata)
 * (each >= 0).  Borrowed by the functions below, which only read it.
 */
struct split_group {
	const int	*count;
};

/*
 * Assigns each of the n groups g[0..n) to a fold 0..k-1 and writes it to
 * fold[i].  k = 2 is a train/valid split: fold 1 is "valid" and targets a
 * share valid_frac (0 < valid_frac < 1) of the samples, fold 0 the rest.
 * k > 2 is a K-fold assignment with k folds of 1/k each (valid_frac is then
 * ignored).
 * Aims at (1) fold sizes (samples) close to their targets and (2) in every
 * fold, each stratum's share close to its share in the whole; the figure to
 * judge it by is split_stats.max_dev_pp.  Method: a randomized greedy start
 * (largest groups first) improved by local search (moves of one group, swaps
 * of two) on a smooth surrogate, polished on the largest deviation itself,
 * over a few restarts; see split.c.
 * Deterministic for a given seed; different seeds give different splits
 * whenever groups with the same counts can be exchanged.  Groups holding no
 * samples are spread over the folds in proportion to their targets.
 * Memory is O(n * nstrata) during the call, all freed before it returns.
 * Time: milliseconds for the base dataset (2,700 groups, 18 strata), about
 * 0.25 s for 20,000 groups, 2.5 s for 20,000 groups in 20 folds.
 * Returns 0, or -1 on bad arguments (k < 2 or > SPLIT_MAX_K, nstrata < 1,
 * valid_frac out of range for k = 2, g or fold NULL with n > 0, a NULL
 * count or a negative count); nothing is reported and fold[] is then left
 * untouched.  n = 0 is valid and does nothing.
 */
int	split_assign(const struct split_group *g, size_t n, int nstrata, int k,
	    double valid_frac, uint64_t seed, int *fold);

/* The achieved figures of an assignment; see split_stats_compute(). */
struct split_stats {
	int	 k, nstrata;
	double	*share;		/* share[f * nstrata + c]: stratum c in fold f */
	double	*whole;		/* whole[c]: stratum c in all samples */
	long	*samples;	/* samples[f] */
	double	 max_dev_pp;	/* max |share - whole| over f, c, in points */
};

/*
 * Fills *out for the assignment fold[0..n) of the groups g[0..n): per fold
 * and stratum the share (0 for an empty fold), the whole's shares, the
 * samples per fold and the largest absolute deviation between a fold's
 * share and the whole's, in percentage points (an empty fold counts as
 * share 0 everywhere).  Entries of fold[] outside 0..k-1 are skipped.
 * *out is overwritten (not freed first); its arrays are malloc()ed and
 * owned by the caller, who releases them with split_stats_free().  With
 * k < 1 or nstrata < 1 the arrays are NULL and the figures 0.  Dies only on
 * out-of-memory.
 */
void	split_stats_compute(const struct split_group *g, size_t n, int nstrata,
	    int k, const int *fold, struct split_stats *out);

/*
 * Frees the arrays of *st (filled by split_stats_compute()) and resets it
 * to an empty struct; st itself is the caller's.  NULL and an already
 * freed struct are fine.
 */
void	split_stats_free(struct split_stats *st);

#endif
