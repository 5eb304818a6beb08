/*
 * quality/neardup.h: near-duplicate search over 64-bit perceptual hashes
 * (pairs within a Hamming distance, and single-linkage clusters), by
 * multi-index hashing.  Pure computation: no I/O, no SQL.
 */
#ifndef QUALITY_NEARDUP_H
#define QUALITY_NEARDUP_H

#include <stddef.h>
#include <stdint.h>

/* The largest distance threshold the search accepts. */
#define NEARDUP_MAX_T	15

/* Callback for neardup_pairs(): a < b, dist = Hamming distance <= t. */
typedef void	neardup_fn(size_t a, size_t b, int dist, void *arg);

/*
 * Calls fn(a, b, dist, arg) once for every pair a < b of h[0..n) whose
 * Hamming distance is <= t (0 <= t <= NEARDUP_MAX_T), in no particular
 * order, without comparing every pair: the 64 bits are split into m chunks
 * (m chosen from t and n) and two hashes within distance t must be close on
 * at least one chunk (generalized pigeonhole); each chunk is indexed in turn
 * and only the pairs close on it are compared.  A pair found on several
 * chunks is reported once, from the first of them.
 * h is borrowed and only read; fn must not modify it.  Memory is O(n)
 * (12 bytes per hash plus under 1 MiB of tables), freed before returning.
 * n must be < 2^32 (larger is a BUG()).
 * Returns 0, or -1 if t is out of range (nothing reported, no message: the
 * caller is expected to have checked).
 */
int	neardup_pairs(const uint64_t *h, size_t n, int t, neardup_fn *fn,
	    void *arg);

/*
 * Groups h[0..n) into clusters: single linkage over the pairs within
 * distance t (union-find with path compression and union by size).
 * Identical hashes are collapsed first, so a large group of equal hashes
 * costs O(n), not O(n^2) pairs.  cluster[i] gets the smallest index of i's
 * cluster (a singleton has cluster[i] == i).  h is borrowed; cluster is the
 * caller's array of n entries.  Memory is O(n), about 32 bytes per hash at
 * the peak, freed before returning; n must be < 2^32 (larger is a BUG()).
 * Returns the number of clusters with two or more members, or (size_t)-1
 * if t is out of range (cluster[] then holds singletons, cluster[i] == i).
 */
size_t	neardup_clusters(const uint64_t *h, size_t n, int t, size_t *cluster);

#endif
