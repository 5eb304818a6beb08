/*
 * audit/oof.c: group-aware folds and out-of-fold probabilities for the
 * label audit (see model.h).  The folds come from export/split.c's
 * stratified, group-preserving search; the folds' models are trained in
 * parallel, each from its own seed, so the result does not depend on the
 * number of threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../export/split.h"
#include "../lib/err.h"
#include "../lib/progress.h"
#include "../lib/rng.h"
#include "model.h"
#include "model-int.h"

struct oof_job {
	const float			*x;
	const int			*y;
	const int			*fold;
	size_t				 n;
	int				 dim, nclass, k;
	const struct audit_train_opts	*opts;
	double				*prob;
	pthread_mutex_t			 lock;
	int				 next;		/* next fold to train */
};

/* qsort_r() order of row indices by group value, then index. */
static int
cmp_group(const void *a, const void *b, void *arg)
{
	const int	*group = arg;
	size_t		 x = *(const size_t *)a, y = *(const size_t *)b;

	if (group[x] != group[y])
		return group[x] < group[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/*
 * See model.h.  Groups are numbered in order of their values, so the
 * result depends only on the partition, the labels and the seed.
 */
int
audit_folds(const int *y, const int *group, size_t n, int nclass, int k,
    uint64_t seed, int *fold)
{
	struct split_group	*g = NULL;
	size_t			*order = NULL, *gid = NULL, i, ng = 0;
	int			*cnt = NULL, *gfold = NULL, rc = -1;

	if (k < 2 || k > AUDIT_MAX_K || nclass < 1 ||
	    nclass > AUDIT_MAX_CLASS)
		return -1;
	if (n == 0)
		return 0;
	if (y == NULL || group == NULL || fold == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (y[i] < 0 || y[i] >= nclass)
			return -1;
	order = xmallocarray(n, sizeof *order);
	gid = xmallocarray(n, sizeof *gid);
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, n, sizeof *order, cmp_group, (void *)group);
	for (i = 0; i < n; i++) {
		if (i > 0 && group[order[i]] != group[order[i - 1]])
			ng++;
		gid[order[i]] = ng;
	}
	ng++;
	cnt = xcalloc(ng * (size_t)nclass, sizeof *cnt);
	g = xmallocarray(ng, sizeof *g);
	gfold = xmallocarray(ng, sizeof *gfold);
	for (i = 0; i < n; i++)
		cnt[gid[i] * nclass + y[i]]++;
	for (i = 0; i < ng; i++)
		g[i].count = &cnt[i * nclass];
	/* valid_frac matters only for k = 2: two halves. */
	if (split_assign(g, ng, nclass, k, 0.5, seed, gfold) != 0)
		goto out;
	for (i = 0; i < n; i++)
		fold[i] = gfold[gid[i]];
	rc = 0;
out:
	free(order);
	free(gid);
	free(cnt);
	free(g);
	free(gfold);
	return rc;
}

/* Trains fold f's model on the other folds and predicts fold f's rows. */
static void
oof_fold(struct oof_job *j, int f)
{
	struct audit_train_opts	 o = *j->opts;
	struct audit_model	*m;
	size_t			*idx, i, nt = 0;
	uint64_t		 st = j->opts->seed + (uint64_t)f;

	o.seed = splitmix64(&st);
	idx = xmallocarray(j->n, sizeof *idx);
	for (i = 0; i < j->n; i++)
		if (j->fold[i] != f)
			idx[nt++] = i;
	m = audit_train_rows(j->x, j->y, idx, nt, j->dim, j->nclass, &o);
	for (i = 0; i < j->n; i++)
		if (j->fold[i] == f)
			audit_model_predict(m, j->x + i * (size_t)j->dim,
			    j->prob + i * (size_t)j->nclass);
	audit_model_free(m);
	free(idx);
	progress_add(j->opts->progress, 1);	/* NULL: nothing */
}

static void *
oof_worker(void *arg)
{
	struct oof_job	*j = arg;
	int		 f;

	for (;;) {
		pthread_mutex_lock(&j->lock);
		f = j->next++;
		pthread_mutex_unlock(&j->lock);
		if (f >= j->k)
			return NULL;
		oof_fold(j, f);
	}
}

/*
 * See model.h.  Returns 0 with prob[] filled, or -1 on bad arguments.
 * A thread that cannot be started is not an error: the calling thread
 * does its share.
 */
int
audit_oof(const float *x, const int *y, const int *group, size_t n, int dim,
    int nclass, int k, const struct audit_train_opts *opts, int nthreads,
    double *prob, int *fold)
{
	struct audit_train_opts	 def;
	struct oof_job		 j;
	pthread_t		*th;
	size_t			 i, per[AUDIT_MAX_K];
	int			*fd, f, t, started = 0, rc = -1;

	if (opts == NULL) {
		audit_train_opts_init(&def);
		opts = &def;
	}
	if (prob == NULL || !audit_train_ok(x, y, n, dim, nclass, opts))
		return -1;
	if (k < 2 || k > AUDIT_MAX_K)
		return -1;
	fd = fold != NULL ? fold : xmallocarray(n, sizeof *fd);
	if (audit_folds(y, group, n, nclass, k, opts->seed, fd) != 0)
		goto out;
	memset(per, 0, sizeof per);
	for (i = 0; i < n; i++)
		per[fd[i]]++;
	for (f = 0; f < k; f++)
		if (per[f] == n)
			goto out;	/* nothing left to train on */

	memset(&j, 0, sizeof j);
	j.x = x;
	j.y = y;
	j.fold = fd;
	j.n = n;
	j.dim = dim;
	j.nclass = nclass;
	j.k = k;
	j.opts = opts;
	j.prob = prob;
	j.next = 0;
	pthread_mutex_init(&j.lock, NULL);
	if (nthreads < 1)
		nthreads = 1;
	if (nthreads > k)
		nthreads = k;
	th = xmallocarray((size_t)nthreads, sizeof *th);
	for (t = 1; t < nthreads; t++) {
		if (pthread_create(&th[started], NULL, oof_worker, &j) != 0)
			break;
		started++;
	}
	oof_worker(&j);
	for (t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	free(th);
	pthread_mutex_destroy(&j.lock);
	rc = 0;
out:
	if (fd != fold)
		free(fd);
	return rc;
}
