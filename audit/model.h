/*
 * audit/model.h: the label audit's classifier and its out-of-fold use.
 * A softmax model over standardised features: multinomial logistic
 * regression, or with hidden > 0 one hidden layer of ReLU units (a small
 * MLP).  Trained by minibatch Adam on the weighted cross-entropy plus an
 * L2 penalty, with a cosine-decayed step size.  Deterministic for a seed
 * (lib/rng.h splitmix64 for the initial weights and the batch order);
 * no global state; a trained model is only read by prediction, so any
 * number of threads may predict with it at once.
 * Pure computation: no I/O, nothing printed; errors are bad arguments,
 * returned as NULL or -1 without a report (the caller knows the context).
 */
#ifndef AUDIT_MODEL_H
#define AUDIT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define AUDIT_MAX_CLASS	64	/* nclass limit of every function here */
#define AUDIT_MAX_K	20	/* fold limit of audit_folds() */

struct progress;

struct audit_train_opts {
	int		 hidden;	/* 0: logistic regression; else ReLU units */
	double		 l2;		/* penalty l2/2 |W|^2 (biases free) */
	int		 epochs;	/* passes over the data */
	int		 batch;		/* rows per step */
	double		 lr;		/* Adam step size at the start */
	int		 balanced;	/* non-zero: weight rows by n/(nclass n_y) */
	const float	*weight;	/* per-row weights (>= 0) or NULL; borrowed */
	uint64_t	 seed;
	/* audit_oof() adds 1 per trained fold (lib/progress.h); NULL: none */
	struct progress	*progress;
};

/*
 * The defaults: the design measured best for the audit (see the report
 * in audit/model.c): logistic regression, l2 1e-2, 30 epochs of batches
 * of 64, step 2e-3, unbalanced, no weights, seed 1, no progress bar.
 */
void	audit_train_opts_init(struct audit_train_opts *);

struct audit_model;

/*
 * Trains on the n rows x[i * dim .. + dim) (features, borrowed) with
 * labels y[i] in 0..nclass-1 (borrowed).  opts NULL means the defaults.
 * The model keeps its own copy of everything it needs (the standardising
 * means and scales too); the caller frees it with audit_model_free().
 * Returns NULL on bad arguments: n == 0, dim < 1, nclass < 2 or over
 * AUDIT_MAX_CLASS, a label out of range, x or y NULL, epochs or batch
 * < 1, a negative l2, lr or weight, hidden < 0.  Dies only on
 * out-of-memory.
 */
struct audit_model	*audit_model_train(const float *x, const int *y,
			    size_t n, int dim, int nclass,
			    const struct audit_train_opts *opts);

/*
 * Writes the nclass class probabilities of one row x[0..dim) (borrowed)
 * to prob[0..nclass) (caller-owned); they sum to 1.  Reentrant.
 */
void	audit_model_predict(const struct audit_model *, const float *x,
	    double *prob);

/* Number of classes of a trained model. */
int	audit_model_nclass(const struct audit_model *);

/* Frees a model from audit_model_train(); NULL is fine. */
void	audit_model_free(struct audit_model *);

/*
 * Assigns the n rows to k folds (2 <= k <= AUDIT_MAX_K) and writes them
 * to fold[0..n) (caller-owned): rows with equal group[] (any int values,
 * borrowed) always share a fold; fold sizes and, as far as the groups
 * allow, each class's share per fold are balanced (export/split.c's
 * search, stratified by y[] in 0..nclass-1).  Deterministic for a seed.
 * Returns 0, or -1 on bad arguments (NULL arrays with n > 0, k out of
 * range, a label out of range), leaving fold[] untouched.
 */
int	audit_folds(const int *y, const int *group, size_t n, int nclass,
	    int k, uint64_t seed, int *fold);

/*
 * Out-of-fold probabilities: splits the rows into k group-aware folds
 * (audit_folds() with opts' seed), trains one model per fold on the other
 * folds and writes the held-out rows' probabilities to prob[i * nclass ..
 * + nclass) (caller-owned, n * nclass doubles).  Folds are trained on up
 * to nthreads threads (< 1 means 1); the result does not depend on
 * nthreads.  When fold is not NULL the fold of each row is written there.
 * x, y, group are borrowed.  Returns 0, or -1 on bad arguments (as
 * audit_model_train() and audit_folds(), or a fold without training
 * rows), with prob[] then unspecified.  Dies only on out-of-memory or if
 * a thread cannot be created.
 */
int	audit_oof(const float *x, const int *y, const int *group, size_t n,
	    int dim, int nclass, int k, const struct audit_train_opts *opts,
	    int nthreads, double *prob, int *fold);

#endif
