/*
 * tests/unit/resize-ref.h: the reference resize the tests and the resize
 * benchmark compare image/transform.c's img_resize_rgb() with: the
 * straightforward version it replaced (an exact area mean when shrinking,
 * bilinear between pixel centres when enlarging, two passes in doubles,
 * rounded once at the end, weight tables allocated on every call).
 */
#ifndef TESTS_RESIZE_REF_H
#define TESTS_RESIZE_REF_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/err.h"

struct ref_axis {
	int	*first;
	int	*count;
	double	*wt;
	int	 taps;
};

static void
ref_axis_init(struct ref_axis *a, int n, int dn)
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
			lo = (double)i * n / dn;
			hi = (double)(i + 1) * n / dn;
			j0 = (int)floor(lo);
			j1 = (int)ceil(hi);
			if (j1 > n)
				j1 = n;
			if (j1 - j0 > a->taps)
				j1 = j0 + a->taps;
			a->first[i] = j0;
			a->count[i] = j1 - j0;
			for (j = j0; j < j1; j++)
				a->wt[(size_t)i * a->taps + (j - j0)] =
				    (fmin(hi, j + 1) - fmax(lo, j)) / scale;
			continue;
		}
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
ref_axis_release(struct ref_axis *a)
{
	free(a->first);
	free(a->count);
	free(a->wt);
}

static unsigned char
ref_to_byte(double v)
{
	v = floor(v + 0.5 + 1e-9);
	return v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)v;
}

/* The reference: same contract as img_resize_rgb(). */
static void
ref_resize_rgb(const unsigned char *in, int w, int h, unsigned char *out,
    int dw, int dh)
{
	struct ref_axis	 ax, ay;
	double		*tmp, *t, v0, v1, v2, wt;
	const double	*s;
	int		 x, y, k, j;

	if (w < 1 || h < 1 || dw < 1 || dh < 1)
		return;
	if (w == dw && h == dh) {
		memcpy(out, in, (size_t)w * h * 3);
		return;
	}
	ref_axis_init(&ax, w, dw);
	ref_axis_init(&ay, h, dh);
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
			out[((size_t)y * dw + x) * 3] = ref_to_byte(v0);
			out[((size_t)y * dw + x) * 3 + 1] = ref_to_byte(v1);
			out[((size_t)y * dw + x) * 3 + 2] = ref_to_byte(v2);
		}
	free(tmp);
	ref_axis_release(&ax);
	ref_axis_release(&ay);
}

#endif
