/*
 * audit/model-int.h: what model.c lends to oof.c (not for callers).
 */
#ifndef AUDIT_MODEL_INT_H
#define AUDIT_MODEL_INT_H

#include <stddef.h>

#include "model.h"

/*
 * Non-zero when audit_model_train() would accept these arguments (o not
 * NULL).  Reads only.
 */
int	audit_train_ok(const float *x, const int *y, size_t n, int dim,
	    int nclass, const struct audit_train_opts *o);

/*
 * Trains on the rows idx[0..n) of x and y (all rows 0..n-1 when idx is
 * NULL), without copying them.  Arguments must have passed
 * audit_train_ok(); idx is borrowed.  Returns the model (caller frees it
 * with audit_model_free()); dies only on out-of-memory.
 */
struct audit_model	*audit_train_rows(const float *x, const int *y,
			    const size_t *idx, size_t n, int dim, int nclass,
			    const struct audit_train_opts *o);

#endif
