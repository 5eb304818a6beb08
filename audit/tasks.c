/*
 * audit/tasks.c: per task, out-of-fold probabilities of the built-in
 * classifier, the figures (accuracy, macro F1 against the given labels)
 * and the flags of confident learning: per photo for the mask state, per
 * person for gender and age (the photos' log-probabilities summed, so
 * seven photos vote together); and duplicates whose labels disagree.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit-int.h"
#include "confident.h"
#include "features.h"
#include "model.h"
#include "../lib/err.h"
#include "../lib/progress.h"

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* See audit-int.h. */
int
audit_predict(struct arun *r, int task)
{
	struct audit_train_opts	 opts;
	struct progress		 bar;
	char			 label[64];
	const size_t		 dim = AUDIT_FEAT_DIM;
	int			 nc = audit_nclass(task), *y, *group, rc;
	size_t			*row, n = 0, i;
	float			*x;
	double			*prob, t0 = now_s();

	row = xmallocarray(r->n + 1, sizeof *row);
	for (i = 0; i < r->n; i++)
		if (r->s[i].has_x && r->s[i].label[task] >= 0)
			row[n++] = i;
	r->prob[task] = xcalloc(r->n * (size_t)nc + 1, sizeof **r->prob);
	for (i = 0; i < r->n * (size_t)nc; i++)
		r->prob[task][i] = -1;		/* no prediction */
	if (n < (size_t)r->o->folds * 2) {
		free(row);
		return 0;
	}
	/* All rows: use the matrix as it is; else copy the rows used. */
	x = n == r->n ? r->x : xmallocarray(n * dim, sizeof *x);
	y = xmallocarray(n, sizeof *y);
	group = xmallocarray(n, sizeof *group);
	prob = xmallocarray(n * (size_t)nc, sizeof *prob);
	for (i = 0; i < n; i++) {
		if (x != r->x)
			memcpy(x + i * dim, r->x + row[i] * dim,
			    dim * sizeof *x);
		y[i] = r->s[row[i]].label[task];
		group[i] = (int)r->s[row[i]].group;
	}
	audit_train_opts_init(&opts);
	opts.seed = r->o->seed;
	/*
	 * 30 passes (the default) up to 6,000 rows, where they were
	 * measured best; over that, a fixed budget of about 180,000
	 * row-steps (at least 12 passes): larger sets take more steps per
	 * pass, and the 2,700-person sample trains in a third of the time.
	 */
	if (n > 6000)
		opts.epochs = 180000 / (int)n > 12 ? 180000 / (int)n : 12;
	snprintf(label, sizeof label, "audit train %s",
	    audit_task_name(task));
	progress_start(&bar, label, r->o->folds);	/* one step per fold */
	opts.progress = &bar;
	rc = audit_oof(x, y, group, n, (int)dim, nc, r->o->folds, &opts,
	    r->o->jobs, prob, NULL);
	progress_done(&bar);
	if (rc != 0)
		error("cannot train the %s classifier on %zu samples (%d"
		    " folds): too few groups or one class only?",
		    audit_task_name(task), n, r->o->folds);
	else
		for (i = 0; i < n; i++)
			memcpy(r->prob[task] + row[i] * nc, prob + i * nc,
			    (size_t)nc * sizeof *prob);
	if (x != r->x)
		free(x);
	free(y);
	free(group);
	free(prob);
	free(row);
	r->seconds_model += now_s() - t0;
	return rc;
}

static int
argmax(const double *p, int nc)
{
	int	j, b = 0;

	for (j = 1; j < nc; j++)
		if (p[j] > p[b])
			b = j;
	return b;
}

/* Accuracy and macro F1 of argmax(prob) against label, over n rows. */
static void
figures(const double *prob, const int *label, size_t n, int nc, double *acc,
    double *f1)
{
	long	tp[AUDIT_MAX_CLASS] = { 0 }, fp[AUDIT_MAX_CLASS] = { 0 };
	long	fn[AUDIT_MAX_CLASS] = { 0 }, ok = 0;
	size_t	i;
	int	j, k, present = 0;
	double	sum = 0;

	for (i = 0; i < n; i++) {
		k = argmax(prob + i * nc, nc);
		if (k == label[i]) {
			tp[k]++;
			ok++;
		} else {
			fp[k]++;
			fn[label[i]]++;
		}
	}
	for (j = 0; j < nc; j++) {
		if (tp[j] + fn[j] == 0)
			continue;
		present++;
		sum += 2.0 * tp[j] / (2.0 * tp[j] + fp[j] + fn[j]);
	}
	*acc = n > 0 ? (double)ok / n : 0;
	*f1 = present > 0 ? sum / present : 0;
}

/* The ranking score (lower: more suspect) the options ask for. */
static void
rank_scores(const struct arun *r, const double *p, const int *lab, size_t n,
    int nc, double *score)
{
	if (r->o->rank_margin)
		confident_margin(p, lab, n, nc, score);
	else
		confident_self(p, lab, n, nc, score);
}

/* See audit-int.h. */
void
audit_judge(struct arun *r, int task)
{
	struct atask	*t = &r->task[task];
	const double	*p = r->prob[task];
	int		 nc = audit_nclass(task), per_person = task != AUDIT_MASK;
	size_t		 i, n = 0, u, nu = 0, *first, *unit_row;
	double		*pp, *up, *score, acc, f1;
	int		*lab, *ulab, *votes;
	unsigned char	*issue;

	if (p == NULL)
		return;
	pp = xmallocarray(r->n * (size_t)nc + 1, sizeof *pp);
	lab = xmallocarray(r->n + 1, sizeof *lab);
	for (i = 0; i < r->n; i++) {
		if (p[i * nc] < 0 || r->s[i].label[task] < 0)
			continue;
		memcpy(pp + n * nc, p + i * nc, (size_t)nc * sizeof *pp);
		lab[n++] = r->s[i].label[task];
	}
	t->rows = (long)n;
	if (n == 0) {
		free(pp);
		free(lab);
		return;
	}
	t->run = 1;
	figures(pp, lab, n, nc, &acc, &f1);
	t->acc = acc;
	t->macro_f1 = f1;
	/* The units judged: photos, or persons (log-probabilities summed). */
	up = xcalloc(r->nunits * (size_t)nc + 1, sizeof *up);
	votes = xcalloc(r->nunits * (size_t)nc + 1, sizeof *votes);
	first = xmallocarray(r->nunits + 1, sizeof *first);
	unit_row = xmallocarray(r->nunits + 1, sizeof *unit_row);
	for (u = 0; u < r->nunits; u++)
		first[u] = (size_t)-1;
	for (i = 0; per_person && i < r->n; i++) {
		if (p[i * nc] < 0 || r->s[i].label[task] < 0)
			continue;
		u = r->s[i].unit;
		for (int j = 0; j < nc; j++)
			up[u * nc + j] += log(p[i * nc + j] > 1e-9 ?
			    p[i * nc + j] : 1e-9);
		votes[u * nc + r->s[i].label[task]]++;
		if (first[u] == (size_t)-1)
			first[u] = i;
	}
	if (!per_person) {
		/* Photos: judge the rows as they are. */
		issue = xcalloc(n + 1, 1);
		score = xmallocarray(n + 1, sizeof *score);
		t->units = (long)n;
		t->flagged = (long)confident_issues(pp, lab, n, nc, issue, NULL);
		rank_scores(r, pp, lab, n, nc, score);
		for (i = 0, u = 0; i < r->n; i++) {
			if (p[i * nc] < 0 || r->s[i].label[task] < 0)
				continue;
			if (issue[u])
				audit_flag(r, FLAG_LABEL, task, i, 0, lab[u],
				    argmax(pp + u * nc, nc), score[u], NULL);
			u++;
		}
	} else {
		/* Persons: normalise the summed log-probabilities. */
		ulab = xmallocarray(r->nunits + 1, sizeof *ulab);
		for (u = 0; u < r->nunits; u++) {
			double	m = -INFINITY, z = 0;
			int	j, best = -1;

			if (first[u] == (size_t)-1)
				continue;
			for (j = 0; j < nc; j++)
				if (best < 0 || votes[u * nc + j] >
				    votes[u * nc + best])
					best = j;
			for (j = 0; j < nc; j++)
				if (up[u * nc + j] > m)
					m = up[u * nc + j];
			for (j = 0; j < nc; j++)
				z += exp(up[u * nc + j] - m);
			for (j = 0; j < nc; j++)
				up[nu * nc + j] = exp(up[u * nc + j] - m) / z;
			ulab[nu] = best;
			unit_row[nu++] = first[u];
		}
		issue = xcalloc(nu + 1, 1);
		score = xmallocarray(nu + 1, sizeof *score);
		t->units = (long)nu;
		t->flagged = (long)confident_issues(up, ulab, nu, nc, issue,
		    NULL);
		rank_scores(r, up, ulab, nu, nc, score);
		for (u = 0; u < nu; u++)
			if (issue[u])
				audit_flag(r, FLAG_LABEL, task, unit_row[u],
				    r->s[unit_row[u]].person_id != 0, ulab[u],
				    argmax(up + u * nc, nc), score[u], NULL);
		free(ulab);
	}
	free(issue);
	free(score);
	free(up);
	free(votes);
	free(first);
	free(unit_row);
	free(pp);
	free(lab);
}

static const struct arun *cmp_r;

static int
cmp_cluster(const void *a, const void *b)
{
	const struct asample *x = &cmp_r->s[*(const size_t *)a];
	const struct asample *y = &cmp_r->s[*(const size_t *)b];

	if (x->cluster != y->cluster)
		return x->cluster < y->cluster ? -1 : 1;
	return (*(const size_t *)a > *(const size_t *)b) -
	    (*(const size_t *)a < *(const size_t *)b);
}

/* See audit-int.h. */
void
audit_dup_disagree(struct arun *r)
{
	size_t	*idx = xmallocarray(r->n + 1, sizeof *idx), i, j, k, m;
	int	 task, a, b;
	char	*d, *t;

	for (i = 0; i < r->n; i++)
		idx[i] = i;
	cmp_r = r;
	qsort(idx, r->n, sizeof *idx, cmp_cluster);
	for (i = 0; i < r->n; i = j) {
		for (j = i + 1; j < r->n && r->s[idx[j]].cluster ==
		    r->s[idx[i]].cluster; j++)
			;
		if (r->s[idx[i]].cluster == 0 || j - i < 2)
			continue;
		for (task = 0; task < AUDIT_NTASKS; task++) {
			if (!(r->o->tasks & (1u << task)))
				continue;
			for (k = i, a = -1, b = -1; k < j; k++) {
				int l = r->s[idx[k]].label[task];

				if (l < 0)
					continue;
				if (a < 0)
					a = l;
				else if (l != a)
					b = l;
			}
			if (b < 0)
				continue;
			d = xstrdup("");
			for (m = i; m < j; m++) {
				const struct asample *s = &r->s[idx[m]];

				t = xasprintf("%s%s%s/%s=%s", d, m > i ? ", " :
				    "", r->src[s->src].name, s->path,
				    audit_label_word(task, s->label[task]));
				free(d);
				d = t;
			}
			audit_flag(r, FLAG_DUP, task, idx[i], 0, a, b, 0, d);
		}
	}
	free(idx);
}
