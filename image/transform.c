/*
 * image/transform.c: the geometry the exporter needs: a resize that is
 * an area mean when shrinking and bilinear when enlarging (in float, its
 * scratch kept in a reusable img_resizer), the crop regions (whole,
 * centred, face box, fixed face region), a region copy and a light
 * augmentation.  Pure: no I/O, nothing printed.  The mirror reuses
 * img_thumb_orient() (orientation 2).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "image-int.h"

/* The fixed FACE region, as fractions of the width and height. */
#define FACE_X0		0.15
#define FACE_X1		0.85
#define FACE_Y0		0.05
#define FACE_Y1		0.65

/*
 * Rounding: the sums are in float, off by some 1e-5 of a level.  The
 * bias (6e-5) makes an exact half computed a little low (common with
 * simple ratios, as the 2.5 of a 2:1 mean) round up as in exact
 * arithmetic.  Measured against the double-precision reference, fewer
 * than 1 byte in 10,000 differs, by one level (tests/bench/resize.c).
 */
#define ROUND_BIAS	(0.5f + 1.0f / 16384)

/*
 * How one output index along an axis is made: count[i] source indices
 * from first[i], with weights wt[i * taps .. + count[i]) summing to 1;
 * the weights after count[i], up to taps, are 0.  Made for n -> dn and
 * kept while the sizes stay the same.
 */
struct axis {
	int	 n, dn;		/* the sizes the tables are for; 0: none */
	int	 taps;		/* the stride of wt */
	int	*first;
	int	*count;
	float	*wt;
	size_t	 cap, wcap;	/* entries allocated in first/count, wt */
};

/* Scratch for img_resizer_run(): see image.h. */
struct img_resizer {
	struct axis	 x, y;
	float		*row;		/* a source row resampled vertically */
	uint16_t	*isum;		/* source rows summed in integers */
	size_t		 rowcap;	/* floats allocated in row */
	size_t		 isumcap;	/* and in isum */
};

/*
 * Fills the tables of a for n -> dn unless they are for those sizes
 * already.  The weights are computed in doubles, then stored as floats.
 */
static void
axis_make(struct axis *a, int n, int dn)
{
	double	scale, lo, hi, s, f;
	float	*wt;
	int	i, j, j0, j1, taps;

	if (a->n == n && a->dn == dn)
		return;
	scale = (double)n / dn;
	taps = dn < n ? (int)ceil(scale) + 1 : 2;
	if ((size_t)dn > a->cap) {
		free(a->first);
		free(a->count);
		a->first = xmallocarray((size_t)dn, sizeof *a->first);
		a->count = xmallocarray((size_t)dn, sizeof *a->count);
		a->cap = (size_t)dn;
	}
	if ((size_t)dn * taps > a->wcap) {
		free(a->wt);
		a->wt = xmallocarray((size_t)dn, taps * sizeof *a->wt);
		a->wcap = (size_t)dn * taps;
	}
	memset(a->wt, 0, (size_t)dn * taps * sizeof *a->wt);
	for (i = 0; i < dn; i++) {
		wt = a->wt + (size_t)i * taps;
		if (dn < n) {
			/* Output i covers [lo, hi) in source pixels. */
			lo = (double)i * n / dn;
			hi = (double)(i + 1) * n / dn;
			j0 = (int)floor(lo);
			j1 = (int)ceil(hi);
			if (j1 > n)
				j1 = n;
			if (j1 - j0 > taps)	/* cannot happen; be safe */
				j1 = j0 + taps;
			a->first[i] = j0;
			a->count[i] = j1 - j0;
			for (j = j0; j < j1; j++)
				wt[j - j0] = (float)((fmin(hi, j + 1) -
				    fmax(lo, j)) / scale);
			continue;
		}
		/* Pixel centres aligned, as Pillow and OpenCV do. */
		s = (i + 0.5) * scale - 0.5;
		if (s < 0)
			s = 0;
		j0 = (int)floor(s);
		f = s - j0;
		a->first[i] = j0 < n - 1 ? j0 : n - 1;
		if (j0 >= n - 1 || f == 0) {
			a->count[i] = 1;	/* on a source pixel */
			wt[0] = 1;
			continue;
		}
		a->count[i] = 2;
		wt[0] = (float)(1 - f);
		wt[1] = (float)f;
	}
	a->n = n;
	a->dn = dn;
	a->taps = taps;
}

static void
axis_release(struct axis *a)
{
	free(a->first);
	free(a->count);
	free(a->wt);
}

/*
 * EACH(j, n, stmt) runs stmt for j = 0 .. n - 1, in blocks of 16 then
 * one by one, so that gcc's cheapest vectoriser (the one -O2 enables)
 * takes the blocks: it vectorises only loops whose count it knows to be
 * a multiple of the vector width.  The row loops below are these.
 */
#define EACH(j, n, stmt) do {						\
	size_t	i_, k_, j;						\
									\
	for (i_ = 0; i_ + 16 <= (n); i_ += 16)				\
		for (k_ = 0; k_ < 16; k_++) {				\
			j = i_ + k_;					\
			stmt;						\
		}							\
	for (j = i_; j < (n); j++)					\
		stmt;							\
} while (0)

/* acc[i] = wt * s[i], for i < n. */
static void
row_set(float *restrict acc, const unsigned char *restrict s, float wt,
    size_t n)
{
	EACH(i, n, acc[i] = wt * s[i]);
}

/* acc[i] += wt * s[i], for i < n. */
static void
row_add(float *restrict acc, const unsigned char *restrict s, float wt,
    size_t n)
{
	EACH(i, n, acc[i] += wt * s[i]);
}

/* acc[i] += wt * s[i], for i < n, from 16-bit sums. */
static void
row_add16(float *restrict acc, const uint16_t *restrict s, float wt,
    size_t n)
{
	EACH(i, n, acc[i] += wt * s[i]);
}

/* acc[i] = s[i], for i < n. */
static void
isum_set(uint16_t *restrict acc, const unsigned char *restrict s, size_t n)
{
	EACH(i, n, acc[i] = s[i]);
}

/* acc[i] += s[i], for i < n. */
static void
isum_add(uint16_t *restrict acc, const unsigned char *restrict s, size_t n)
{
	EACH(i, n, acc[i] += s[i]);
}

/*
 * The vertical pass of output row y into rz->row (n floats): the
 * weighted sum of its source rows.  When shrinking, every source row but
 * the first and the last lies wholly inside the output row and weighs
 * the same (1 / scale): those are summed exactly in integers, at most
 * ISUM_ROWS at a time (256 rows of 255 fit in 16 bits), and weighed
 * once.
 */
#define ISUM_ROWS	256

static void
row_vertical(struct img_resizer *rz, const unsigned char *in, size_t stride,
    size_t n, int y)
{
	const struct axis	*a = &rz->y;
	const unsigned char	*s = in + (size_t)a->first[y] * stride;
	const float		*wt = a->wt + (size_t)y * a->taps;
	int			 k, k1, count = a->count[y];

	row_set(rz->row, s, wt[0], n);
	if (count < 4) {
		for (k = 1; k < count; k++)
			row_add(rz->row, s + k * stride, wt[k], n);
		return;
	}
	row_add(rz->row, s + (count - 1) * stride, wt[count - 1], n);
	for (k = 1; k < count - 1; k = k1) {
		k1 = k + ISUM_ROWS < count - 1 ? k + ISUM_ROWS : count - 1;
		isum_set(rz->isum, s + k * stride, n);
		while (++k < k1)
			isum_add(rz->isum, s + k * stride, n);
		row_add16(rz->row, rz->isum, wt[1], n);
	}
}

static inline unsigned char
clamp_byte(int v)
{
	return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/*
 * The horizontal pass of one row: out (dn pixels) from row (a source
 * row resampled vertically, padded with 3 * taps + 1 zeros at the end).
 * Each tap adds 4 floats, a pixel and the first channel of the next, so
 * that it is one vector operation; the fourth lane is dropped.  Every
 * output runs all taps (the unused ones weigh 0): a fixed count that the
 * branch predictor gets right.  The sums are >= 0 and at most 255 plus
 * the float error (weights >= 0 summing to 1), so adding the bias and
 * truncating rounds; the clamp is a guard.
 */
static void
row_horizontal(unsigned char *restrict out, const float *restrict row,
    const struct axis *a)
{
	const float	*wt, *p;
	float		 v[4];
	int		 x, k, c, q[4], taps = a->taps;

	wt = a->wt;
	for (x = 0; x < a->dn; x++, wt += taps) {
		p = row + (size_t)a->first[x] * 3;
		for (c = 0; c < 4; c++)
			v[c] = 0;
		for (k = 0; k < taps; k++, p += 3)
			for (c = 0; c < 4; c++)
				v[c] += wt[k] * p[c];
		for (c = 0; c < 4; c++)
			q[c] = (int)(v[c] + ROUND_BIAS);
		out[x * 3] = clamp_byte(q[0]);
		out[x * 3 + 1] = clamp_byte(q[1]);
		out[x * 3 + 2] = clamp_byte(q[2]);
	}
}

/* See image.h. */
struct img_resizer *
img_resizer_new(void)
{
	return xcalloc(1, sizeof(struct img_resizer));
}

static void
resizer_release(struct img_resizer *rz)
{
	axis_release(&rz->x);
	axis_release(&rz->y);
	free(rz->row);
	free(rz->isum);
}

/* See image.h. */
void
img_resizer_free(struct img_resizer *rz)
{
	if (rz == NULL)
		return;
	resizer_release(rz);
	free(rz);
}

/* Makes *buf hold at least n items of size bytes; *cap counts them. */
static void
grow(void **buf, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap)
		return;
	free(*buf);
	*buf = xmallocarray(n, size);
	*cap = n;
}

/*
 * See image.h.  Separable, vertical pass first: each output row is the
 * weighted sum of its source rows, a plain loop over the row in float
 * that vectorises, then the horizontal pass reads that one row.  The
 * area weights multiply out to the overlap of each output pixel with
 * each source pixel, and nothing is rounded in between.
 */
void
img_resizer_run(struct img_resizer *rz, const unsigned char *in, int w,
    int h, size_t stride, unsigned char *out, int dw, int dh)
{
	size_t	n, pad;
	int	y;

	if (w < 1 || h < 1 || dw < 1 || dh < 1)
		return;
	n = (size_t)w * 3;
	if (stride < n)
		BUG("img_resizer_run: stride %zu < %zu", stride, n);
	if (w == dw && h == dh) {
		for (y = 0; y < h; y++)
			memcpy(out + (size_t)y * n, in + (size_t)y * stride, n);
		return;
	}
	axis_make(&rz->x, w, dw);
	axis_make(&rz->y, h, dh);
	pad = (size_t)rz->x.taps * 3 + 1;
	grow((void **)&rz->row, &rz->rowcap, n + pad, sizeof *rz->row);
	memset(rz->row + n, 0, pad * sizeof *rz->row);
	if (rz->y.taps >= 4)
		grow((void **)&rz->isum, &rz->isumcap, n, sizeof *rz->isum);
	for (y = 0; y < dh; y++) {
		row_vertical(rz, in, stride, n, y);
		row_horizontal(out + (size_t)y * dw * 3, rz->row, &rz->x);
	}
}

/* See image.h. */
void
img_resize_rgb(const unsigned char *in, int w, int h, unsigned char *out,
    int dw, int dh)
{
	struct img_resizer	rz;

	memset(&rz, 0, sizeof rz);
	img_resizer_run(&rz, in, w, h, (size_t)w * 3, out, dw, dh);
	resizer_release(&rz);
}

static unsigned char
to_byte(double v)
{
	/* The epsilon keeps an exact .5 computed as .4999999 rounding up. */
	v = floor(v + 0.5 + 1e-9);
	return v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)v;
}

/* Grows r (x0, y0, x1, y1) about its centre to the aspect dw:dh. */
static void
grow_to_aspect(double *r, int dw, int dh)
{
	double	cw, ch, a, c;

	if (dw < 1 || dh < 1)
		return;
	cw = r[2] - r[0];
	ch = r[3] - r[1];
	a = (double)dw / dh;
	if (cw <= 0 || ch <= 0)
		return;
	if (cw / ch < a) {
		c = (r[0] + r[2]) / 2;
		r[0] = c - ch * a / 2;
		r[2] = c + ch * a / 2;
	} else {
		c = (r[1] + r[3]) / 2;
		r[1] = c - cw / a / 2;
		r[3] = c + cw / a / 2;
	}
}

/* Rounds r outwards and clips it to w x h; returns 0 if it is empty. */
static int
clip_round(const double *r, int w, int h, struct img_rect *out)
{
	double	x0, y0, x1, y1;

	x0 = fmax(0, floor(r[0]));
	y0 = fmax(0, floor(r[1]));
	x1 = fmin(w, ceil(r[2]));
	y1 = fmin(h, ceil(r[3]));
	if (!(x1 > x0 && y1 > y0))	/* also false for NaN */
		return 0;
	out->x0 = (int)x0;
	out->y0 = (int)y0;
	out->x1 = (int)x1;
	out->y1 = (int)y1;
	return 1;
}

/*
 * The largest centred region with aspect dw:dh, in whole pixels: the
 * cropped side is rounded to the nearest pixel and the leftover split
 * with the smaller half first (384x512 to 1:1 gives y 64 to 448).
 */
static struct img_rect
crop_center(int w, int h, int dw, int dh)
{
	struct img_rect	r = { 0, 0, w, h };
	long long	side;

	if (dw < 1 || dh < 1)
		return r;
	if ((long long)w * dh > (long long)h * dw) {
		side = ((long long)h * dw * 2 + dh) / (2 * dh);
		if (side < 1)
			side = 1;
		r.x0 = (int)((w - side) / 2);
		r.x1 = r.x0 + (int)side;
	} else if ((long long)w * dh < (long long)h * dw) {
		side = ((long long)w * dh * 2 + dw) / (2 * dw);
		if (side < 1)
			side = 1;
		r.y0 = (int)((h - side) / 2);
		r.y1 = r.y0 + (int)side;
	}
	return r;
}

/* See image.h. */
struct img_rect
img_crop_rect(int w, int h, enum img_crop mode, const struct img_rect *box,
    double margin, int dw, int dh)
{
	struct img_rect	r = { 0, 0, w, h };
	double		d[4], bw, bh;

	switch (mode) {
	case IMG_CROP_NONE:
		return r;
	case IMG_CROP_BOX:
		if (box == NULL || box->x1 <= box->x0 || box->y1 <= box->y0)
			break;
		if (!(margin >= 0))
			margin = 0;
		bw = box->x1 - box->x0;
		bh = box->y1 - box->y0;
		d[0] = box->x0 - margin * bw;
		d[1] = box->y0 - margin * bh;
		d[2] = box->x1 + margin * bw;
		d[3] = box->y1 + margin * bh;
		grow_to_aspect(d, dw, dh);
		if (clip_round(d, w, h, &r))
			return r;
		break;
	case IMG_CROP_FACE:
		d[0] = FACE_X0 * w;
		d[1] = FACE_Y0 * h;
		d[2] = FACE_X1 * w;
		d[3] = FACE_Y1 * h;
		grow_to_aspect(d, dw, dh);
		if (clip_round(d, w, h, &r))
			return r;
		break;
	case IMG_CROP_CENTER:
	default:
		break;
	}
	return crop_center(w, h, dw, dh);
}

/* See image.h. */
unsigned char *
img_crop_copy(const unsigned char *in, int w, int h, struct img_rect r)
{
	unsigned char	*out;
	size_t		 rw, rh, y;

	if (r.x0 < 0)
		r.x0 = 0;
	if (r.y0 < 0)
		r.y0 = 0;
	if (r.x1 > w)
		r.x1 = w;
	if (r.y1 > h)
		r.y1 = h;
	if (r.x1 <= r.x0 || r.y1 <= r.y0)
		return NULL;
	rw = (size_t)(r.x1 - r.x0);
	rh = (size_t)(r.y1 - r.y0);
	out = xmallocarray(rw * rh, 3);
	for (y = 0; y < rh; y++)
		memcpy(out + y * rw * 3,
		    in + (((size_t)r.y0 + y) * w + (size_t)r.x0) * 3, rw * 3);
	return out;
}

/* See image.h. */
void
img_augment(unsigned char *rgb, int w, int h, int flip, int dx, int dy,
    double gain)
{
	unsigned char	*tmp;
	size_t		 i, n;
	int		 x, y, sx, sy, ow, oh;

	if (w < 1 || h < 1)
		return;
	n = (size_t)w * h * 3;
	if (dx < -w)
		dx = -w;
	if (dx > w)
		dx = w;
	if (dy < -h)
		dy = -h;
	if (dy > h)
		dy = h;
	if (flip || dx != 0 || dy != 0) {
		tmp = xmalloc(n);
		if (flip) {
			memcpy(tmp, rgb, n);
			img_thumb_orient(tmp, w, h, 2, rgb, &ow, &oh);
		}
		if (dx != 0 || dy != 0) {
			memcpy(tmp, rgb, n);
			for (y = 0; y < h; y++) {
				sy = y - dy;
				sy = sy < 0 ? 0 : sy >= h ? h - 1 : sy;
				for (x = 0; x < w; x++) {
					sx = x - dx;
					sx = sx < 0 ? 0 : sx >= w ? w - 1 : sx;
					memcpy(rgb + ((size_t)y * w + x) * 3,
					    tmp + ((size_t)sy * w + sx) * 3, 3);
				}
			}
		}
		free(tmp);
	}
	if (gain == 1)
		return;
	if (!(gain >= 0))
		gain = 0;
	for (i = 0; i < n; i++)
		rgb[i] = to_byte(rgb[i] * gain);
}
