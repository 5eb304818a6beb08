/*
 * audit/model.c: training and prediction of the audit's softmax model
 * (logistic regression, or one hidden ReLU layer), see model.h.
 *
 * Why this design (measured with tests/bench/audit-eval.c on the youyinnn
 * mask photos and UTKFace, grouped 5-fold out-of-fold, 5% flips): on the
 * features of audit/features.c, logistic regression with a strong L2
 * (0.3; 0.01 loses 5 points of accuracy) comes within 1 point of
 * accuracy of a 64-unit MLP (mask 0.81 vs 0.82, gender 0.88 vs 0.88) at
 * a twentieth of the cost (the MLP would blow the audit's time budget on
 * 19,000 images), so it is the default; the MLP stays available through
 * opts.hidden.
 *
 * All parameters live in one array (weights of a layer row by row, then
 * its biases), so that Adam and the L2 penalty are one loop.  Inputs are
 * standardised on the fly while training; at the end the standardisation
 * is folded into the first layer, so prediction is plain dot products.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "../lib/rng.h"
#include "model.h"
#include "model-int.h"

#define ADAM_B1		0.9
#define ADAM_B2		0.999
#define ADAM_EPS	1e-8
#define MAX_HIDDEN	4096

struct audit_model {
	int	 dim, nclass, hidden;
	float	*w1, *b1;	/* hidden x dim, hidden (MLP only) */
	float	*w2, *b2;	/* nclass x (hidden or dim), nclass */
};

/* One training run's state; all arrays owned by it. */
struct trainer {
	const float	*x;
	int		 dim, nclass, hidden, in2;	/* in2: width into w2 */
	size_t		 np;		/* number of parameters */
	float		*par, *grad;
	double		*m, *v;
	float		*mean, *isd;	/* standardisation */
	float		*xb;		/* one standardised row */
	float		*act, *dact;	/* hidden activations and gradients */
	double		*p;		/* class probabilities */
};

/* See model.h: fills *o (the caller's) with the defaults. */
void
audit_train_opts_init(struct audit_train_opts *o)
{
	memset(o, 0, sizeof *o);
	o->hidden = 0;
	o->l2 = 0.3;
	o->epochs = 30;
	o->batch = 64;
	o->lr = 2e-3;
	o->balanced = 0;
	o->weight = NULL;
	o->seed = 1;
}

/* Dot product with four accumulators, so that the compiler vectorises. */
static float
dotf(const float *a, const float *b, int n)
{
	float	s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	int	i;

	for (i = 0; i + 4 <= n; i += 4) {
		s0 += a[i] * b[i];
		s1 += a[i + 1] * b[i + 1];
		s2 += a[i + 2] * b[i + 2];
		s3 += a[i + 3] * b[i + 3];
	}
	for (; i < n; i++)
		s0 += a[i] * b[i];
	return (s0 + s1) + (s2 + s3);
}

static void
axpyf(float a, const float *x, float *y, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		y[i] += a * x[i];
}

/* Softmax of z[0..n) into p, stable against overflow. */
static void
softmax(const float *z, int n, double *p)
{
	double	mx = z[0], s = 0;
	int	c;

	for (c = 1; c < n; c++)
		if (z[c] > mx)
			mx = z[c];
	for (c = 0; c < n; c++)
		s += p[c] = exp(z[c] - mx);
	for (c = 0; c < n; c++)
		p[c] /= s;
}

/* Standardising statistics over the rows idx[0..n) (or 0..n-1). */
static void
fit_scaler(struct trainer *t, const size_t *idx, size_t n)
{
	double	*s = xcalloc((size_t)t->dim, sizeof *s);
	double	*ss = xcalloc((size_t)t->dim, sizeof *ss);
	double	 mu, var;
	size_t	 i;
	int	 j;

	for (i = 0; i < n; i++) {
		const float *r = t->x + (idx ? idx[i] : i) * (size_t)t->dim;

		for (j = 0; j < t->dim; j++) {
			s[j] += r[j];
			ss[j] += (double)r[j] * r[j];
		}
	}
	for (j = 0; j < t->dim; j++) {
		mu = s[j] / n;
		var = ss[j] / n - mu * mu;
		t->mean[j] = (float)mu;
		/* Constant features carry nothing: scale them to 0. */
		t->isd[j] = var > 1e-12 ? (float)(1 / sqrt(var)) : 0;
	}
	free(s);
	free(ss);
}

/* Uniform in [-a, a). */
static float
uniform(uint64_t *st, double a)
{
	return (float)(((splitmix64(st) >> 11) * 0x1.0p-53 * 2 - 1) * a);
}

static void
trainer_init(struct trainer *t, const float *x, int dim, int nclass,
    int hidden, uint64_t *st)
{
	size_t	i, n1;

	memset(t, 0, sizeof *t);
	t->x = x;
	t->dim = dim;
	t->nclass = nclass;
	t->hidden = hidden;
	t->in2 = hidden > 0 ? hidden : dim;
	n1 = hidden > 0 ? (size_t)hidden * (dim + 1) : 0;
	t->np = n1 + (size_t)nclass * (t->in2 + 1);
	t->par = xcalloc(t->np, sizeof *t->par);
	t->grad = xcalloc(t->np, sizeof *t->grad);
	t->m = xcalloc(t->np, sizeof *t->m);
	t->v = xcalloc(t->np, sizeof *t->v);
	t->mean = xcalloc((size_t)dim, sizeof *t->mean);
	t->isd = xcalloc((size_t)dim, sizeof *t->isd);
	t->xb = xcalloc((size_t)dim, sizeof *t->xb);
	t->act = xcalloc((size_t)t->in2, sizeof *t->act);
	t->dact = xcalloc((size_t)t->in2, sizeof *t->dact);
	t->p = xcalloc((size_t)nclass, sizeof *t->p);
	if (hidden > 0) {
		/* He for the ReLU layer, Glorot for the output layer. */
		for (i = 0; i < (size_t)hidden * dim; i++)
			t->par[i] = uniform(st, sqrt(6.0 / dim));
		for (i = 0; i < (size_t)nclass * hidden; i++)
			t->par[n1 + i] = uniform(st,
			    sqrt(6.0 / (hidden + nclass)));
	}
}

static void
trainer_release(struct trainer *t)
{
	free(t->par);
	free(t->grad);
	free(t->m);
	free(t->v);
	free(t->mean);
	free(t->isd);
	free(t->xb);
	free(t->act);
	free(t->dact);
	free(t->p);
}

/*
 * Adds w times the gradient of the cross-entropy of row r (label y) to
 * t->grad.
 */
static void
accumulate(struct trainer *t, const float *r, int y, float w)
{
	float	 z[AUDIT_MAX_CLASS], g;
	float	*w1, *b1, *w2, *b2, *gw1, *gb1, *gw2, *gb2;
	size_t	 n1 = t->hidden > 0 ? (size_t)t->hidden * (t->dim + 1) : 0;
	int	 c, j;

	w1 = t->par;
	b1 = t->par + (size_t)t->hidden * t->dim;
	w2 = t->par + n1;
	b2 = w2 + (size_t)t->nclass * t->in2;
	gw1 = t->grad;
	gb1 = t->grad + (size_t)t->hidden * t->dim;
	gw2 = t->grad + n1;
	gb2 = gw2 + (size_t)t->nclass * t->in2;

	for (j = 0; j < t->dim; j++)
		t->xb[j] = (r[j] - t->mean[j]) * t->isd[j];
	if (t->hidden > 0) {
		for (j = 0; j < t->hidden; j++) {
			g = dotf(w1 + (size_t)j * t->dim, t->xb, t->dim) +
			    b1[j];
			t->act[j] = g > 0 ? g : 0;
		}
	} else
		memcpy(t->act, t->xb, (size_t)t->dim * sizeof *t->act);
	for (c = 0; c < t->nclass; c++)
		z[c] = dotf(w2 + (size_t)c * t->in2, t->act, t->in2) + b2[c];
	softmax(z, t->nclass, t->p);
	if (t->hidden > 0)
		memset(t->dact, 0, (size_t)t->hidden * sizeof *t->dact);
	for (c = 0; c < t->nclass; c++) {
		g = w * (float)(t->p[c] - (c == y));
		axpyf(g, t->act, gw2 + (size_t)c * t->in2, t->in2);
		gb2[c] += g;
		if (t->hidden > 0)
			axpyf(g, w2 + (size_t)c * t->in2, t->dact, t->hidden);
	}
	for (j = 0; j < t->hidden; j++) {
		if (t->act[j] <= 0)
			continue;
		axpyf(t->dact[j], t->xb, gw1 + (size_t)j * t->dim, t->dim);
		gb1[j] += t->dact[j];
	}
}

/* One Adam step on the mean gradient of a batch of total weight wsum. */
static void
adam_step(struct trainer *t, double wsum, double l2, double lr, long step)
{
	double	 g, c1, c2;
	size_t	 i, n1, bias1_lo, bias2_lo;

	n1 = t->hidden > 0 ? (size_t)t->hidden * (t->dim + 1) : 0;
	bias1_lo = (size_t)t->hidden * t->dim;
	bias2_lo = n1 + (size_t)t->nclass * t->in2;
	c1 = 1 - pow(ADAM_B1, (double)step);
	c2 = 1 - pow(ADAM_B2, (double)step);
	for (i = 0; i < t->np; i++) {
		g = wsum > 0 ? t->grad[i] / wsum : 0;
		/* No penalty on the biases. */
		if (!((i >= bias1_lo && i < n1) || i >= bias2_lo))
			g += l2 * t->par[i];
		t->m[i] = ADAM_B1 * t->m[i] + (1 - ADAM_B1) * g;
		t->v[i] = ADAM_B2 * t->v[i] + (1 - ADAM_B2) * g * g;
		t->par[i] -= (float)(lr * (t->m[i] / c1) /
		    (sqrt(t->v[i] / c2) + ADAM_EPS));
	}
	memset(t->grad, 0, t->np * sizeof *t->grad);
}

/* The trained parameters, with the standardisation folded in. */
static struct audit_model *
trainer_model(const struct trainer *t)
{
	struct audit_model	*m = xcalloc(1, sizeof *m);
	const float		*w1, *b1, *w2, *b2;
	float			*wf, *bf;
	size_t			 n1;
	double			 s;
	int			 nout, j, k;

	n1 = t->hidden > 0 ? (size_t)t->hidden * (t->dim + 1) : 0;
	w1 = t->par;
	b1 = t->par + (size_t)t->hidden * t->dim;
	w2 = t->par + n1;
	b2 = w2 + (size_t)t->nclass * t->in2;
	m->dim = t->dim;
	m->nclass = t->nclass;
	m->hidden = t->hidden;
	m->w2 = xmallocarray((size_t)t->nclass * t->in2, sizeof *m->w2);
	m->b2 = xmallocarray((size_t)t->nclass, sizeof *m->b2);
	memcpy(m->w2, w2, (size_t)t->nclass * t->in2 * sizeof *m->w2);
	memcpy(m->b2, b2, (size_t)t->nclass * sizeof *m->b2);
	if (t->hidden > 0) {
		m->w1 = xmallocarray((size_t)t->hidden * t->dim,
		    sizeof *m->w1);
		m->b1 = xmallocarray((size_t)t->hidden, sizeof *m->b1);
		memcpy(m->w1, w1, (size_t)t->hidden * t->dim * sizeof *m->w1);
		memcpy(m->b1, b1, (size_t)t->hidden * sizeof *m->b1);
		wf = m->w1;
		bf = m->b1;
		nout = t->hidden;
	} else {
		wf = m->w2;
		bf = m->b2;
		nout = t->nclass;
	}
	/* w (x - mu) isd + b = (w isd) x + (b - sum w isd mu) */
	for (k = 0; k < nout; k++) {
		s = 0;
		for (j = 0; j < t->dim; j++) {
			wf[(size_t)k * t->dim + j] *= t->isd[j];
			s += (double)wf[(size_t)k * t->dim + j] * t->mean[j];
		}
		bf[k] -= (float)s;
	}
	return m;
}

/* See model-int.h: checks only, allocates nothing. */
int
audit_train_ok(const float *x, const int *y, size_t n, int dim, int nclass,
    const struct audit_train_opts *o)
{
	size_t	i;

	if (x == NULL || y == NULL || n == 0 || dim < 1 || nclass < 2 ||
	    nclass > AUDIT_MAX_CLASS)
		return 0;
	if (o->hidden < 0 || o->hidden > MAX_HIDDEN || o->epochs < 1 ||
	    o->batch < 1 || !(o->l2 >= 0) || !(o->lr > 0))
		return 0;
	for (i = 0; i < n; i++) {
		if (y[i] < 0 || y[i] >= nclass)
			return 0;
		if (o->weight != NULL && !(o->weight[i] >= 0))
			return 0;
	}
	return 1;
}

/*
 * See model-int.h: the model is the caller's; dies only on
 * out-of-memory.
 */
struct audit_model *
audit_train_rows(const float *x, const int *y, const size_t *idx, size_t n,
    int dim, int nclass, const struct audit_train_opts *o)
{
	struct trainer		 t;
	struct audit_model	*m;
	double			 cw[AUDIT_MAX_CLASS], wsum, lr;
	size_t			*order, i, b, r;
	long			 step = 0, nstep;
	uint64_t		 st = o->seed;
	float			 w;
	int			 e, c;

	trainer_init(&t, x, dim, nclass, o->hidden, &st);
	fit_scaler(&t, idx, n);
	for (c = 0; c < nclass; c++)
		cw[c] = 0;
	for (i = 0; i < n; i++)
		cw[y[idx ? idx[i] : i]] += 1;
	for (c = 0; c < nclass; c++)
		cw[c] = o->balanced && cw[c] > 0 ? n / (nclass * cw[c]) : 1;
	order = xmallocarray(n, sizeof *order);
	for (i = 0; i < n; i++)
		order[i] = idx ? idx[i] : i;
	nstep = (long)o->epochs * (long)((n + o->batch - 1) / o->batch);
	for (e = 0; e < o->epochs; e++) {
		for (i = n; i > 1; i--) {
			b = (size_t)(splitmix64(&st) % i);
			r = order[i - 1];
			order[i - 1] = order[b];
			order[b] = r;
		}
		for (b = 0; b < n; b += (size_t)o->batch) {
			wsum = 0;
			for (i = b; i < n && i < b + (size_t)o->batch; i++) {
				r = order[i];
				w = (float)cw[y[r]];
				if (o->weight != NULL)
					w *= o->weight[r];
				wsum += w;
				if (w > 0)
					accumulate(&t, x + r * (size_t)dim,
					    y[r], w);
			}
			step++;
			lr = o->lr * 0.5 * (1 + cos(M_PI * (step - 1) /
			    (double)nstep));
			adam_step(&t, wsum, o->l2, lr, step);
		}
	}
	free(order);
	m = trainer_model(&t);
	trainer_release(&t);
	return m;
}

/*
 * See model.h.  Returns NULL on bad arguments; the model is the
 * caller's, to free with audit_model_free().
 */
struct audit_model *
audit_model_train(const float *x, const int *y, size_t n, int dim,
    int nclass, const struct audit_train_opts *opts)
{
	struct audit_train_opts	def;

	if (opts == NULL) {
		audit_train_opts_init(&def);
		opts = &def;
	}
	if (!audit_train_ok(x, y, n, dim, nclass, opts))
		return NULL;
	return audit_train_rows(x, y, NULL, n, dim, nclass, opts);
}

/* See model.h: reads only the model, so any threads may share it. */
void
audit_model_predict(const struct audit_model *m, const float *x,
    double *prob)
{
	float	z[AUDIT_MAX_CLASS], act[MAX_HIDDEN], g;
	int	c, j;

	if (m->hidden > 0) {
		for (j = 0; j < m->hidden; j++) {
			g = dotf(m->w1 + (size_t)j * m->dim, x, m->dim) +
			    m->b1[j];
			act[j] = g > 0 ? g : 0;
		}
		for (c = 0; c < m->nclass; c++)
			z[c] = dotf(m->w2 + (size_t)c * m->hidden, act,
			    m->hidden) + m->b2[c];
	} else
		for (c = 0; c < m->nclass; c++)
			z[c] = dotf(m->w2 + (size_t)c * m->dim, x, m->dim) +
			    m->b2[c];
	softmax(z, m->nclass, prob);
}

/* See model.h. */
int
audit_model_nclass(const struct audit_model *m)
{
	return m->nclass;
}

/* See model.h: frees the model and everything it holds. */
void
audit_model_free(struct audit_model *m)
{
	if (m == NULL)
		return;
	free(m->w1);
	free(m->b1);
	free(m->w2);
	free(m->b2);
	free(m);
}
