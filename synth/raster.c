/*
 * synth/raster.c: anti-aliased polygon filling (see raster.h).  Each row
 * is sampled on SUB sub-scanlines; every covered interval adds its exact
 * horizontal coverage: the partial end pixels directly, the full pixels
 * through a difference array, so a span costs O(1) whatever its length.
 */
#include <math.h>
#include <string.h>

#include "../lib/err.h"
#include "raster.h"

#define SUB	5

struct edge {
	float	ytop, ybot, x, dxdy;
	int	dir;
};

void
path_init(struct path *p)
{
	p->n = 0;
	p->nc = 0;
	p->start[0] = 0;
}

void
path_add(struct path *p, float x, float y)
{
	if (p->n >= RASTER_MAXPT)
		return;
	p->x[p->n] = x;
	p->y[p->n] = y;
	p->n++;
}

void
path_close(struct path *p)
{
	if (p->nc >= RASTER_MAXC || p->n == p->start[p->nc])
		return;
	p->nc++;
	p->start[p->nc] = p->n;
}

void
path_ellipse(struct path *p, float cx, float cy, float rx, float ry,
    float rot)
{
	float	cr = cosf(rot), sr = sinf(rot), t, ca, sa;
	int	i, n;

	n = (int)(8 + (rx + ry) * 0.9f);
	if (n > 96)
		n = 96;
	for (i = 0; i < n; i++) {
		t = (float)i * 6.2831853f / (float)n;
		ca = cosf(t) * rx;
		sa = sinf(t) * ry;
		path_add(p, cx + ca * cr - sa * sr, cy + ca * sr + sa * cr);
	}
	path_close(p);
}

void
path_quad(struct path *p, float x0, float y0, float x1, float y1, float x2,
    float y2, int steps)
{
	float	t, m;
	int	i;

	for (i = 1; i <= steps; i++) {
		t = (float)i / (float)steps;
		m = 1 - t;
		path_add(p, m * m * x0 + 2 * m * t * x1 + t * t * x2,
		    m * m * y0 + 2 * m * t * y1 + t * t * y2);
	}
}

void
xf_make(struct xf *t, float tx, float ty, float rad, float s)
{
	float	c = cosf(rad) * s, n = sinf(rad) * s;

	t->a = c;
	t->b = -n;
	t->c = tx;
	t->d = n;
	t->e = c;
	t->f = ty;
}

void
xf_compose(struct xf *out, const struct xf *o, const struct xf *i)
{
	struct xf	r;

	r.a = o->a * i->a + o->b * i->d;
	r.b = o->a * i->b + o->b * i->e;
	r.c = o->a * i->c + o->b * i->f + o->c;
	r.d = o->d * i->a + o->e * i->d;
	r.e = o->d * i->b + o->e * i->e;
	r.f = o->d * i->c + o->e * i->f + o->f;
	*out = r;
}

static inline void
span(struct canvas *cv, float xa, float xb, int *xlo, int *xhi)
{
	const float	w = 1.0f / SUB;
	int		ia, ib;

	if (xa < 0)
		xa = 0;
	if (xb > SYNTH_W)
		xb = SYNTH_W;
	if (xb <= xa)
		return;
	ia = (int)xa;
	ib = (int)xb;
	if (ia == ib)
		cv->acc[ia] += (xb - xa) * w;
	else {
		cv->acc[ia] += ((float)ia + 1 - xa) * w;
		cv->dlt[ia + 1] += w;
		cv->dlt[ib] -= w;
		if (ib < SYNTH_W)
			cv->acc[ib] += (xb - (float)ib) * w;
	}
	if (ia < *xlo)
		*xlo = ia;
	if (ib > *xhi)
		*xhi = ib;
}

static inline float
clamp01(float v)
{
	v = v < 0 ? 0 : v;
	return v > 1 ? 1 : v;
}

static inline float
clamp255(float v)
{
	v = v < 0 ? 0 : v;
	return v > 255 ? 255 : v;
}

/* Colours are kept within 0-255, so the blend needs no clamping. */
static inline unsigned char
mixc(unsigned char d, float s, float a)
{
	return (unsigned char)((float)d + (s - (float)d) * a + 0.5f);
}

/* Blends colour rgb with weight a (0-1) into the pixel q. */
static inline void
put(unsigned char *q, const float *rgb, float a)
{
	if (a >= 0.998f) {
		q[0] = (unsigned char)(rgb[0] + 0.5f);
		q[1] = (unsigned char)(rgb[1] + 0.5f);
		q[2] = (unsigned char)(rgb[2] + 0.5f);
		return;
	}
	q[0] = mixc(q[0], rgb[0], a);
	q[1] = mixc(q[1], rgb[1], a);
	q[2] = mixc(q[2], rgb[2], a);
}

/*
 * Blends one row of accumulated coverage [xlo, xhi] with the paint and
 * clears the accumulators.  Three loops, so the flat case stays tight.
 */
static void
blend_row(struct canvas *cv, int y, int xlo, int xhi, const struct xf *t,
    const struct paint *pt)
{
	unsigned char	*row = cv->px + (size_t)y * SYNTH_W * 3;
	float		 run = 0, c, a, rgb[3], pa, det, u, v, du, dv, fx, fy, f;
	int		 x, end = xhi < SYNTH_W ? xhi : SYNTH_W - 1;

	if (pt->fn == NULL && !pt->shade) {
		for (x = xlo; x <= end; x++) {
			run += cv->dlt[x];
			c = cv->acc[x] + run;
			cv->acc[x] = cv->dlt[x] = 0;
			if (c >= 0.002f)
				put(row + 3 * x, pt->rgb, clamp01(c * pt->alpha));
		}
		goto out;
	}
	det = t->a * t->e - t->b * t->d;
	fx = (float)xlo + 0.5f - t->c;
	fy = (float)y + 0.5f - t->f;
	u = (t->e * fx - t->b * fy) / det;
	v = (-t->d * fx + t->a * fy) / det;
	du = t->e / det;
	dv = -t->d / det;
	if (pt->fn == NULL) {
		for (x = xlo; x <= end; x++, u += du, v += dv) {
			run += cv->dlt[x];
			c = cv->acc[x] + run;
			cv->acc[x] = cv->dlt[x] = 0;
			if (c < 0.002f)
				continue;
			f = pt->sh[0] + pt->sh[1] * u + pt->sh[2] * v +
			    pt->sh[3] * u * u + pt->sh[4] * v * v;
			f = f < pt->sh[5] ? pt->sh[5] : f;
			rgb[0] = clamp255(pt->rgb[0] * f);
			rgb[1] = clamp255(pt->rgb[1] * f);
			rgb[2] = clamp255(pt->rgb[2] * f);
			put(row + 3 * x, rgb, clamp01(c * pt->alpha));
		}
		goto out;
	}
	for (x = xlo; x <= end; x++, u += du, v += dv) {
		run += cv->dlt[x];
		c = cv->acc[x] + run;
		cv->acc[x] = cv->dlt[x] = 0;
		if (c < 0.002f)
			continue;
		rgb[0] = pt->rgb[0];
		rgb[1] = pt->rgb[1];
		rgb[2] = pt->rgb[2];
		pa = pt->alpha;
		pt->fn(pt, u, v, rgb, &pa);
		a = clamp01(c * pa);
		if (a <= 0)
			continue;
		rgb[0] = clamp255(rgb[0]);
		rgb[1] = clamp255(rgb[1]);
		rgb[2] = clamp255(rgb[2]);
		put(row + 3 * x, rgb, a);
	}
out:
	for (x = end + 1; x <= xhi; x++)
		cv->acc[x] = cv->dlt[x] = 0;
}

void
raster_fill(struct canvas *cv, const struct path *p, const struct xf *t,
    const struct paint *pt)
{
	struct edge	 e[RASTER_MAXPT], *act[RASTER_MAXPT];
	float		 xs[RASTER_MAXPT], ymin = 1e9f, ymax = -1e9f;
	float		 X0, Y0, X1, Y1, sy, xv, start = 0;
	int		 ds[RASTER_MAXPT];
	int		 ne = 0, na, nx, c, i, j, k, y, y0, y1, s, wind, was;
	int		 xlo, xhi;

	for (c = 0; c < p->nc; c++) {
		for (i = p->start[c]; i < p->start[c + 1]; i++) {
			j = i + 1 < p->start[c + 1] ? i + 1 : p->start[c];
			X0 = t->a * p->x[i] + t->b * p->y[i] + t->c;
			Y0 = t->d * p->x[i] + t->e * p->y[i] + t->f;
			X1 = t->a * p->x[j] + t->b * p->y[j] + t->c;
			Y1 = t->d * p->x[j] + t->e * p->y[j] + t->f;
			if (Y0 == Y1)
				continue;
			if (Y0 < Y1) {
				e[ne].dir = 1;
				e[ne].ytop = Y0;
				e[ne].ybot = Y1;
				e[ne].x = X0;
				e[ne].dxdy = (X1 - X0) / (Y1 - Y0);
			} else {
				e[ne].dir = -1;
				e[ne].ytop = Y1;
				e[ne].ybot = Y0;
				e[ne].x = X1;
				e[ne].dxdy = (X0 - X1) / (Y0 - Y1);
			}
			if (e[ne].ytop < ymin)
				ymin = e[ne].ytop;
			if (e[ne].ybot > ymax)
				ymax = e[ne].ybot;
			ne++;
		}
	}
	if (ne == 0 || ymax <= 0 || ymin >= SYNTH_H)
		return;
	y0 = ymin < 0 ? 0 : (int)ymin;
	y1 = ymax > SYNTH_H ? SYNTH_H - 1 : (int)ceilf(ymax) - 1;
	for (y = y0; y <= y1; y++) {
		na = 0;
		for (i = 0; i < ne; i++)
			if (e[i].ytop < (float)y + 1 && e[i].ybot > (float)y)
				act[na++] = &e[i];
		if (na < 2)
			continue;
		xlo = SYNTH_W + 1;
		xhi = -1;
		for (s = 0; s < SUB; s++) {
			sy = (float)y + ((float)s + 0.5f) / SUB;
			nx = 0;
			for (i = 0; i < na; i++) {
				if (!(act[i]->ytop <= sy && sy < act[i]->ybot))
					continue;
				xv = act[i]->x + (sy - act[i]->ytop) *
				    act[i]->dxdy;
				for (k = nx; k > 0 && xs[k - 1] > xv; k--) {
					xs[k] = xs[k - 1];
					ds[k] = ds[k - 1];
				}
				xs[k] = xv;
				ds[k] = act[i]->dir;
				nx++;
			}
			wind = 0;
			for (i = 0; i < nx; i++) {
				was = wind;
				wind += ds[i];
				if (was == 0 && wind != 0)
					start = xs[i];
				else if (was != 0 && wind == 0)
					span(cv, start, xs[i], &xlo, &xhi);
			}
		}
		if (xhi >= 0)
			blend_row(cv, y, xlo, xhi, t, pt);
	}
}

void
raster_stroke(struct canvas *cv, const struct xf *t, const struct paint *pt,
    float x0, float y0, float x1, float y1, float x2, float y2, float w0,
    float w1)
{
	struct path	p;
	float		px[33], py[33], nx[33], ny[33], wd[33];
	float		tt, m, dx, dy, len, len_total = 0;
	int		i, steps;

	len_total = hypotf(x1 - x0, y1 - y0) + hypotf(x2 - x1, y2 - y1);
	steps = (int)(len_total / 4) + 2;
	if (steps > 32)
		steps = 32;
	for (i = 0; i <= steps; i++) {
		tt = (float)i / (float)steps;
		m = 1 - tt;
		px[i] = m * m * x0 + 2 * m * tt * x1 + tt * tt * x2;
		py[i] = m * m * y0 + 2 * m * tt * y1 + tt * tt * y2;
		dx = 2 * m * (x1 - x0) + 2 * tt * (x2 - x1);
		dy = 2 * m * (y1 - y0) + 2 * tt * (y2 - y1);
		len = hypotf(dx, dy);
		if (len < 1e-6f) {
			dx = 1;
			dy = 0;
			len = 1;
		}
		nx[i] = -dy / len;
		ny[i] = dx / len;
		/* Taper both ends a little so strokes do not look cut. */
		wd[i] = 0.5f * (w0 + (w1 - w0) * tt) *
		    (0.55f + 0.45f * sqrtf(4 * tt * m));
	}
	path_init(&p);
	for (i = 0; i <= steps; i++)
		path_add(&p, px[i] + nx[i] * wd[i], py[i] + ny[i] * wd[i]);
	for (i = steps; i >= 0; i--)
		path_add(&p, px[i] - nx[i] * wd[i], py[i] - ny[i] * wd[i]);
	path_close(&p);
	raster_fill(cv, &p, t, pt);
}
