/*
 * image/measure.c: img_measure_rgb(), the quality measures of a small RGB
 * image (the measuring thumbnail).  Pure arithmetic, no library but xxhash.
 *
 * Definitions (change one, bump IMG_MEASURE_VERSION):
 *  - L, the luminance: (299 R + 587 G + 114 B) / 1000 / 255, in 0..1.
 *  - bright_p1, bright_p99: the 1st and 99th percentiles of L quantised
 *    to 256 levels (L * 255 rounded), interpolated linearly between the
 *    closest ranks (numpy's default method); bright_mean: the exact mean
 *    of L.
 *  - entropy: Shannon entropy, in bits, of the 256-bin histogram of L
 *    (L * 255 rounded), divided by 8: 0 for a flat image, 1 for a
 *    uniform spread over all 256 levels.
 *  - colour: the mean over pixels of (max(R,G,B) - min(R,G,B)) / 255.
 *  - sharpness: s = sd / (sd + SHARP_HALF), where sd is the standard
 *    deviation of the 3x3 Laplacian (4-neighbour: up + down + left +
 *    right - 4 centre) of L over the pixels with all four neighbours.
 *    sd lies in 0..4 (a one-pixel checkerboard gives 4); the saturating
 *    map keeps s in 0..1 (0.98 at most), is 0.5 at sd = SHARP_HALF and
 *    keeps the order of sd, so it only ranks images by edge strength.  On
 *    the 10,233 real photos of ../shared/data the 5th, 50th and 95th
 *    percentiles of s are 0.40, 0.60 and 0.78; a 3x3 box blur applied
 *    twice takes a 64-pixel scene from 0.52 to 0.11 (tests/unit).  Images
 *    with a side under 3 have no interior and score 0.
 *  - phash, as the imagehash library's phash(): L resampled to 32x32 (an
 *    exact area-weighted box filter, where imagehash uses Pillow's
 *    Lanczos), the 2-D DCT-II (rows then columns), the 8x8 block of lowest
 *    frequencies, bit = coefficient > the median of those 64.  Bit i
 *    (i = 8 * vertical frequency + horizontal frequency) is bit 63 - i of
 *    the value, so its hex spelling reads as imagehash's string does.
 *  - dhash: L resampled to 9 wide by 8 high, bit = pixel > its right-hand
 *    neighbour, row by row, the first bit the most significant.  (This is
 *    the project's definition; imagehash's dhash() tests right > left,
 *    the complement.)
 *  - thumb_hash: XXH3-64 of the w*h*3 RGB bytes, seeded with w << 32 | h,
 *    so equal pixels of another size hash differently.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "../lib/err.h"
#include "image.h"

#define SHARP_HALF	0.08	/* sd of the Laplacian that scores 0.5 */

static int
float_cmp(const void *a, const void *b)
{
	float	x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/*
 * The q-quantile of L from its 256-level histogram (n pixels in all):
 * the levels of the two closest ranks, interpolated linearly (numpy's
 * default method on the quantised values), in 0..1.
 */
static double
percentile(const unsigned long *hist, size_t n, double q)
{
	double	pos, frac;
	size_t	lo, seen = 0;
	int	i, a = -1, b = -1;

	pos = q * (double)(n - 1);
	lo = (size_t)pos;
	frac = pos - (double)lo;
	for (i = 0; i < 256 && b < 0; i++) {
		seen += hist[i];
		if (a < 0 && seen > lo)
			a = i;
		if (seen > lo + 1 || (seen == n && a >= 0))
			b = i;
	}
	if (b < 0)
		b = a;
	return (a + frac * (b - a)) / 255.0;
}

/*
 * Resamples one line of n values to dn values: output i is the mean of
 * the source over [i n / dn, (i + 1) n / dn), each source value weighted
 * by how much of it the interval covers.  Works both ways (an upscale
 * blends the two neighbours at a boundary).  Strided in and out.
 */
static void
resample_line(const float *in, size_t istride, int n, float *out,
    size_t ostride, int dn)
{
	double	x0, x1, lo, hi, s;
	int	i, j;

	for (i = 0; i < dn; i++) {
		x0 = (double)i * n / dn;
		x1 = (double)(i + 1) * n / dn;
		s = 0;
		for (j = (int)x0; j < n && j < x1; j++) {
			lo = j > x0 ? j : x0;
			hi = j + 1 < x1 ? j + 1 : x1;
			if (hi > lo)
				s += in[(size_t)j * istride] * (hi - lo);
		}
		out[(size_t)i * ostride] = (float)(s / (x1 - x0));
	}
}

/* The w x h plane l resampled to dw x dh (rows, then columns) into out. */
static void
resample(const float *l, int w, int h, float *out, int dw, int dh)
{
	float	*tmp;
	int	 x, y;

	tmp = xmallocarray((size_t)dw * h, sizeof *tmp);
	for (y = 0; y < h; y++)
		resample_line(l + (size_t)y * w, 1, w, tmp + (size_t)y * dw, 1,
		    dw);
	for (x = 0; x < dw; x++)
		resample_line(tmp + x, (size_t)dw, h, out + x, (size_t)dw, dh);
	free(tmp);
}

static uint64_t
phash(const float *l, int w, int h)
{
	float		 px[32 * 32], rows[8 * 32], dct[64], sorted[64];
	double		 c[8][32], t[33], s, med;
	uint64_t	 bits = 0;
	int		 u, v, x, y, i, k;

	resample(l, w, h, px, 32, 32);
	/* cos(k pi / 64) for k = 0..32; the rest by symmetry. */
	for (k = 0; k <= 32; k++)
		t[k] = cos(M_PI * k / 64.0);
	for (u = 0; u < 8; u++)
		for (x = 0; x < 32; x++) {
			k = u * (2 * x + 1) % 128;
			c[u][x] = k <= 32 ? t[k] : k <= 64 ? -t[64 - k] :
			    k <= 96 ? -t[k - 64] : t[128 - k];
		}
	/* Along the columns (vertical frequency u) for every x ... */
	for (u = 0; u < 8; u++)
		for (x = 0; x < 32; x++) {
			s = 0;
			for (y = 0; y < 32; y++)
				s += px[y * 32 + x] * c[u][y];
			rows[u * 32 + x] = (float)s;
		}
	/* ... then along the rows (horizontal frequency v). */
	for (u = 0; u < 8; u++)
		for (v = 0; v < 8; v++) {
			s = 0;
			for (x = 0; x < 32; x++)
				s += rows[u * 32 + x] * c[v][x];
			dct[u * 8 + v] = (float)s;
		}
	memcpy(sorted, dct, sizeof sorted);
	qsort(sorted, 64, sizeof *sorted, float_cmp);
	med = ((double)sorted[31] + sorted[32]) / 2;
	for (i = 0; i < 64; i++)
		if (dct[i] > med)
			bits |= (uint64_t)1 << (63 - i);
	return bits;
}

static uint64_t
dhash(const float *l, int w, int h)
{
	float		px[9 * 8];
	uint64_t	bits = 0;
	int		x, y;

	resample(l, w, h, px, 9, 8);
	for (y = 0; y < 8; y++)
		for (x = 0; x < 8; x++)
			if (px[y * 9 + x] > px[y * 9 + x + 1])
				bits |= (uint64_t)1 << (63 - (y * 8 + x));
	return bits;
}

/* SHARP_HALF-scaled standard deviation of the Laplacian of l. */
static double
sharpness(const float *l, int w, int h)
{
	double	lap, s = 0, s2 = 0, n, var, sd;
	int	x, y;

	if (w < 3 || h < 3)
		return 0;
	for (y = 1; y < h - 1; y++)
		for (x = 1; x < w - 1; x++) {
			lap = (double)l[(size_t)(y - 1) * w + x] +
			    l[(size_t)(y + 1) * w + x] +
			    l[(size_t)y * w + x - 1] +
			    l[(size_t)y * w + x + 1] -
			    4.0 * l[(size_t)y * w + x];
			s += lap;
			s2 += lap * lap;
		}
	n = (double)(w - 2) * (h - 2);
	var = s2 / n - (s / n) * (s / n);
	sd = var > 0 ? sqrt(var) : 0;
	return sd / (sd + SHARP_HALF);
}

/* Mirrors an image of floats left to right, in place. */
static void
mirror_rows(float *l, int w, int h)
{
	float	t;
	int	x, y;

	for (y = 0; y < h; y++)
		for (x = 0; x < w / 2; x++) {
			t = l[(size_t)y * w + x];
			l[(size_t)y * w + x] = l[(size_t)y * w + w - 1 - x];
			l[(size_t)y * w + w - 1 - x] = t;
		}
}

/* See image.h and the definitions at the top of this file. */
void
img_measure_rgb(const unsigned char *rgb, int w, int h,
    struct img_measures *m)
{
	const unsigned char	*p;
	float			*l;
	unsigned long		 hist[256] = { 0 };
	double			 sum = 0, chroma = 0, ent = 0, q;
	size_t			 n, i;
	unsigned		 y, mx, mn;

	memset(m, 0, sizeof *m);
	m->orientation = 1;
	m->thumb_w = w;
	m->thumb_h = h;
	n = (size_t)w * h;
	m->thumb_hash = XXH3_64bits_withSeed(rgb, n * 3,
	    (uint64_t)w << 32 | (uint32_t)h);
	if (n == 0)
		return;
	l = xmallocarray(n, sizeof *l);
	for (i = 0, p = rgb; i < n; i++, p += 3) {
		y = 299u * p[0] + 587u * p[1] + 114u * p[2];	/* 0..255000 */
		l[i] = (float)(y / 255000.0);
		hist[(y + 500) / 1000]++;
		sum += l[i];
		mx = p[0] > p[1] ? p[0] : p[1];
		mx = mx > p[2] ? mx : p[2];
		mn = p[0] < p[1] ? p[0] : p[1];
		mn = mn < p[2] ? mn : p[2];
		chroma += mx - mn;
	}
	m->bright_p1 = (float)percentile(hist, n, 0.01);
	m->bright_p99 = (float)percentile(hist, n, 0.99);
	m->bright_mean = (float)(sum / (double)n);
	for (i = 0; i < 256; i++)
		if (hist[i] != 0) {
			q = (double)hist[i] / (double)n;
			ent -= q * log2(q);
		}
	m->entropy = (float)(ent / 8);
	m->colour = (float)(chroma / 255.0 / (double)n);
	m->sharpness = (float)sharpness(l, w, h);
	m->phash = phash(l, w, h);
	m->dhash = dhash(l, w, h);
	/* The same hashes of the mirror image catch flipped copies. */
	mirror_rows(l, w, h);
	m->phash_mirror = phash(l, w, h);
	m->dhash_mirror = dhash(l, w, h);
	free(l);
}
