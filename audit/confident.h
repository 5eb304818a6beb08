/*
 * audit/confident.h: confident learning (Northcutt, Jiang and Chuang,
 * 2021), as cleanlab 2.x computes it, on out-of-fold probabilities:
 * per-class thresholds, the calibrated confident joint, the label issues
 * found by "prune_by_noise_rate", the ranking scores, and the ROC AUC of
 * a ranking against known flips.
 * Common arguments: prob[i * nclass + j] is p(class j | row i) for the n
 * rows (each row summing to 1), label[i] the given label in
 * 0..nclass-1, 2 <= nclass <= AUDIT_MAX_CLASS (model.h); all borrowed
 * and only read.  Pure: no I/O, no global state, reentrant.  Arguments
 * are not checked beyond what each comment says: they are the output of
 * audit_oof() and the labels given to it.
 */
#ifndef AUDIT_CONFIDENT_H
#define AUDIT_CONFIDENT_H

#include <stddef.h>

/*
 * t[j] (caller-owned, nclass values) = the mean of prob[.][j] over the
 * rows labelled j; 2 (never reached) for a class no row has.
 */
void	confident_thresholds(const double *prob, const int *label, size_t n,
	    int nclass, double *t);

/*
 * The confident joint cj[i * nclass + j] (caller-owned, nclass^2): the
 * number of rows labelled i whose "confident class" is j.  A row's
 * confident classes are those with p(j) >= t[j] - 1e-6; with none it is
 * not counted, with one that class is taken, with several the argmax of
 * all its p (as cleanlab does).  The diagonal is then raised to at least
 * 1.  When calibrate is non-zero (cleanlab's default) each row is scaled
 * to the count of its label, the whole to n, and the rows rounded to
 * integers keeping their totals (round half to even, the remainder to
 * the largest fractions).
 */
void	confident_joint(const double *prob, const int *label, size_t n,
	    int nclass, int calibrate, long *cj);

/*
 * cleanlab's find_label_issues(filter_by="prune_by_noise_rate",
 * min_examples_per_class=1, frac_noise=1): from the calibrated joint,
 * for every off-diagonal cell (given i, confident j) flag the cj[i][j]
 * rows labelled i with the largest margin p(j) - p(i) (ties: lower row
 * first); skip a class with one row or none; then unflag every row whose
 * argmax is its given label.  Writes issue[0..n) (caller-owned) 1 or 0
 * and returns the number flagged.  When prune is not NULL it receives the
 * nclass^2 numbers of rows to prune, prune[i * nclass + j] for given i,
 * confident j (after cleanlab's "keep at least one per class" step).
 */
size_t	confident_issues(const double *prob, const int *label, size_t n,
	    int nclass, unsigned char *issue, long *prune);

/*
 * Ranking scores, lower meaning more likely mislabelled, into score[0..n)
 * (caller-owned): self-confidence p(given label), or cleanlab's
 * normalized margin (p(given) - max other p + 1) / 2.
 */
void	confident_self(const double *prob, const int *label, size_t n,
	    int nclass, double *score);
void	confident_margin(const double *prob, const int *label, size_t n,
	    int nclass, double *score);

/*
 * The area under the ROC curve of "score is high" as a detector of
 * positive[i] != 0 (pass 1 - self-confidence to rank by it): the
 * probability that a random positive scores above a random negative, ties
 * counting one half (Mann-Whitney U / (npos * nneg)).  Returns 0.5 when
 * there are no positives or no negatives.  Sorts a private copy (dies
 * only on out-of-memory).
 */
double	confident_roc_auc(const double *score, const unsigned char *positive,
	    size_t n);

/*
 * How many of the k rows with the lowest score[] are positive (ties:
 * lower row first); k is clipped to n.  Allocates a private copy.
 */
size_t	confident_top_hits(const double *score,
	    const unsigned char *positive, size_t n, size_t k);

#endif
