/*
 * image/transform.c: the geometry the exporter needs: a resize that is
 * an exact area mean when shrinking and bilinear when enlarging, the
 * crop regions (whole, centred, face box, fixed face region), a region
 * copy and a light augmentation.  Pure: no I/O, nothing printed.  The
 * mirror reuses img_thumb_orient() (orientation 2).
 */
#include <math.h>
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
 * How one output index along an axis is made: count source indices
 * from first, with weights wt[i * taps .. + count) summing to 1.
 */
struct axis {
	int	*first;
	int	*count;
	double	*wt;
	int	 taps;
};

static void
axis_init(struct axis *a, int n, int dn)
{
	double	scale, lo, hi, s, f;
	int	i, j, j0, j1;

	scale = (double)n / dn;
	a->taps = dn < n ? (int)ceil(scale) + 1 : 2;
	a->first = xmallocarray((size_t)dn, sizeof *a->first);
	a->count = xmallocarray((size_t)dn, sizeof *a->count);
	a->wt = xcalloc((size_t)dn * a->taps, sizeof *a->wt);
	for (i = 0; i < dn; i++) {
		if (dn < n) {
			/* Output i covers [lo, hi) in source pixels. */
			lo = (double)i * n / dn;
			hi = (double)(i + 1) * n / dn;
			j0 = (int)floor(lo);
			j1 = (int)ceil(hi);
			if (j1 > n)
				j1 = n;
			if (j1 - j0 > a->taps)	/* cannot happen; be safe */
				j1 = j0 + a->taps;
			a->first[i] = j0;
			a->count[i] = j1 - j0;
			for (j = j0; j < j1; j++)
				a->wt[(size_t)i * a->taps + (j - j0)] =
				    (fmin(hi, j + 1) - fmax(lo, j)) / scale;
			continue;
		}
		/* Pixel centres aligned, as Pillow and OpenCV do. */
		s = (i + 0.5) * scale - 0.5;
		if (s < 0)
			s = 0;
		j0 = (int)floor(s);
		if (j0 >= n - 1) {
			a->first[i] = n - 1;
			a->count[i] = 1;
			a->wt[(size_t)i * a->taps] = 1;
			continue;
		}
		f = s - j0;
		a->first[i] = j0;
		a->count[i] = 2;
		a->wt[(size_t)i * a->taps] = 1 - f;
		a->wt[(size_t)i * a->taps + 1] = f;
	}
}

static void
axis_release(struct axis *a)
{
	free(a->first);
	free(a->count);
	free(a->wt);
}

static unsigned char
to_byte(double v)
{
	/* The epsilon keeps an exact .5 computed as .4999999 rounding up. */
	v = floor(v + 0.5 + 1e-9);
	return v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)v;
}

/*
 * See image.h.  Separable: a horizontal pass into doubles, then a
 * vertical pass, so the area weights multiply out to exactly the
 * overlap of each output pixel with each source pixel and nothing is
 * rounded in between.
 */
void
img_resize_rgb(const unsigned char *in, int w, int h, unsigned char *out,
    int dw, int dh)
{
	struct axis	 ax, ay;
	double		*tmp, *t, v0, v1, v2, wt;
	const double	*s;
	int		 x, y, k, j;

	if (w < 1 || h < 1 || dw < 1 || dh < 1)
		return;
	if (w == dw && h == dh) {
		memcpy(out, in, (size_t)w * h * 3);
		return;
	}
	axis_init(&ax, w, dw);
	axis_init(&ay, h, dh);
	tmp = xmallocarray((size_t)dw * h, 3 * sizeof *tmp);
	for (y = 0; y < h; y++)
		for (x = 0; x < dw; x++) {
			v0 = v1 = v2 = 0;
			for (k = 0; k < ax.count[x]; k++) {
				j = ax.first[x] + k;
				wt = ax.wt[(size_t)x * ax.taps + k];
				v0 += wt * in[((size_t)y * w + j) * 3];
				v1 += wt * in[((size_t)y * w + j) * 3 + 1];
				v2 += wt * in[((size_t)y * w + j) * 3 + 2];
			}
			t = tmp + ((size_t)y * dw + x) * 3;
			t[0] = v0;
			t[1] = v1;
			t[2] = v2;
		}
	for (y = 0; y < dh; y++)
		for (x = 0; x < dw; x++) {
			v0 = v1 = v2 = 0;
			for (k = 0; k < ay.count[y]; k++) {
				j = ay.first[y] + k;
				wt = ay.wt[(size_t)y * ay.taps + k];
				s = tmp + ((size_t)j * dw + x) * 3;
				v0 += wt * s[0];
				v1 += wt * s[1];
				v2 += wt * s[2];
			}
			out[((size_t)y * dw + x) * 3] = to_byte(v0);
			out[((size_t)y * dw + x) * 3 + 1] = to_byte(v1);
			out[((size_t)y * dw + x) * 3 + 2] = to_byte(v2);
		}
	free(tmp);
	axis_release(&ax);
	axis_release(&ay);
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
