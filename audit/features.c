/*
 * audit/features.c: the audit's feature vector (see features.h): the
 * colour blocks (grid, colour names, face regions) and the assembly.
 * The texture blocks are in feat-texture.c.  Pure and reentrant: the
 * scratch planes are allocated per call.
 *
 * The regions assume a face roughly filling the image, as in face crops
 * and head-and-shoulders photos; on other framings they are still defined
 * (just less telling), and the grid and histogram blocks carry the rest.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../image/image.h"
#include "../lib/err.h"
#include "features.h"
#include "features-int.h"

#define HUE_BINS	28	/* 12 hues x dark/bright, then 4 greys */
#define NREGION		7

/* Face regions as fractions x0, x1, y0, y1 of the image. */
static const float	regions[NREGION][4] = {
	{ 0.25f, 0.75f, 0.05f, 0.25f },		/* forehead */
	{ 0.20f, 0.80f, 0.25f, 0.45f },		/* eyes */
	{ 0.30f, 0.70f, 0.45f, 0.65f },		/* nose */
	{ 0.25f, 0.75f, 0.62f, 0.82f },		/* mouth */
	{ 0.30f, 0.70f, 0.82f, 0.98f },		/* chin */
	{ 0.08f, 0.30f, 0.48f, 0.75f },		/* left cheek */
	{ 0.70f, 0.92f, 0.48f, 0.75f },		/* right cheek */
};
#define REGION_NOSE	2	/* the lower regions are 2..6 */

/* The three areas of the colour-name histograms. */
static const float	hue_areas[3][4] = {
	{ 0.00f, 1.00f, 0.00f, 0.50f },		/* upper half */
	{ 0.00f, 1.00f, 0.50f, 1.00f },		/* lower half */
	{ 0.25f, 0.75f, 0.55f, 0.90f },		/* lower centre */
};

static float
srgb_linear(float c)
{
	return c <= 0.04045f ? c / 12.92f :
	    powf((c + 0.055f) / 1.055f, 2.4f);
}

static float
lab_f(float t)
{
	return t > 0.008856f ? cbrtf(t) : 7.787f * t + 16.0f / 116;
}

/*
 * The colour name of one pixel: achromatic pixels (low chroma, or very
 * dark) by brightness in 4 greys (24..27); the rest by hue in 12 sectors
 * of 30 degrees, dark (value under 0.5) or bright.
 */
static int
hue_name(float r, float g, float b)
{
	float	mx, mn, c, h;
	int	sector;

	mx = fmaxf(r, fmaxf(g, b));
	mn = fminf(r, fminf(g, b));
	c = mx - mn;
	if (c < 0.1f || mx < 0.15f) {
		sector = (int)(mx * 4);
		return 24 + (sector > 3 ? 3 : sector);
	}
	if (mx == r)
		h = fmodf((g - b) / c + 6, 6);
	else if (mx == g)
		h = (b - r) / c + 2;
	else
		h = (r - g) / c + 4;
	sector = (int)(h * 2);		/* 6 units of 60 degrees -> 12 */
	if (sector > 11)
		sector = 11;
	if (sector < 0)
		sector = 0;
	return sector * 2 + (mx >= 0.5f);
}

/* Fills the grey, Lab, skin and colour-name planes from 64x64 RGB. */
static void
colour_planes(const unsigned char *s, struct feat_planes *p)
{
	float	r, g, b, lr, lg, lb, X, Y, Z, fx, fy, fz, cb, cr;
	float	lin[256];
	int	i;

	/* 256 powf() calls instead of three per pixel. */
	for (i = 0; i < 256; i++)
		lin[i] = srgb_linear(i / 255.0f);
	for (i = 0; i < FEAT_NPIX; i++) {
		r = s[i * 3] / 255.0f;
		g = s[i * 3 + 1] / 255.0f;
		b = s[i * 3 + 2] / 255.0f;
		p->grey[i] = 0.299f * r + 0.587f * g + 0.114f * b;
		lr = lin[s[i * 3]];
		lg = lin[s[i * 3 + 1]];
		lb = lin[s[i * 3 + 2]];
		X = (0.4124f * lr + 0.3576f * lg + 0.1805f * lb) / 0.95047f;
		Y = 0.2126f * lr + 0.7152f * lg + 0.0722f * lb;
		Z = (0.0193f * lr + 0.1192f * lg + 0.9505f * lb) / 1.08883f;
		fx = lab_f(X);
		fy = lab_f(Y);
		fz = lab_f(Z);
		p->lab[i * 3] = (116 * fy - 16) / 100;
		p->lab[i * 3 + 1] = 500 * (fx - fy) / 100;
		p->lab[i * 3 + 2] = 200 * (fy - fz) / 100;
		/* Skin in YCbCr, after Chai and Ngan (1999). */
		cb = 128 + 255 * (-0.168736f * r - 0.331264f * g + 0.5f * b);
		cr = 128 + 255 * (0.5f * r - 0.418688f * g - 0.081312f * b);
		p->skin[i] = cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173;
		p->hue[i] = hue_name(r, g, b);
	}
}

/* Per 8x8-pixel cell: mean L*, a*, b*, spread of L*, share of skin. */
static void
grid_block(const struct feat_planes *p, float *out)
{
	double	s[5], ss;
	int	cx, cy, x, y, i, k;

	for (cy = 0; cy < 8; cy++)
		for (cx = 0; cx < 8; cx++) {
			memset(s, 0, sizeof s);
			ss = 0;
			for (y = cy * 8; y < cy * 8 + 8; y++)
				for (x = cx * 8; x < cx * 8 + 8; x++) {
					i = y * FEAT_SIDE + x;
					for (k = 0; k < 3; k++)
						s[k] += p->lab[i * 3 + k];
					ss += (double)p->lab[i * 3] *
					    p->lab[i * 3];
					s[4] += p->skin[i];
				}
			for (k = 0; k < 3; k++)
				*out++ = (float)(s[k] / 64);
			*out++ = (float)sqrt(fmax(ss / 64 -
			    (s[0] / 64) * (s[0] / 64), 0));
			*out++ = (float)(s[4] / 64);
		}
}

/* Pixel bounds of a fractional area, never empty. */
static void
area_bounds(const float *a, int *x0, int *x1, int *y0, int *y1)
{
	*x0 = (int)(a[0] * FEAT_SIDE);
	*x1 = (int)ceilf(a[1] * FEAT_SIDE);
	*y0 = (int)(a[2] * FEAT_SIDE);
	*y1 = (int)ceilf(a[3] * FEAT_SIDE);
	if (*x1 <= *x0)
		*x1 = *x0 + 1;
	if (*y1 <= *y0)
		*y1 = *y0 + 1;
}

/* Colour-name histograms of the three areas, as square-rooted shares. */
static void
hue_block(const struct feat_planes *p, float *out)
{
	float	h[HUE_BINS];
	int	a, x, y, x0, x1, y0, y1, k;

	for (a = 0; a < 3; a++) {
		memset(h, 0, sizeof h);
		area_bounds(hue_areas[a], &x0, &x1, &y0, &y1);
		for (y = y0; y < y1; y++)
			for (x = x0; x < x1; x++)
				h[p->hue[y * FEAT_SIDE + x]] += 1;
		for (k = 0; k < HUE_BINS; k++)
			*out++ = sqrtf(h[k] / (float)((x1 - x0) * (y1 - y0)));
	}
}

/*
 * Per region: mean and spread of L*, a*, b*, share of skin, mean gradient
 * magnitude (8 values); then for each lower region its difference from
 * the upper face (the mean of forehead and eyes) in L*, a*, b*, the
 * colour distance and the difference in skin share (5 values).  A mask
 * shows as a lower face whose colour, skin share and edges differ from
 * the eyes'.
 */
static void
region_block(const struct feat_planes *p, float *out)
{
	double	st[NREGION][8], s[8], n, ref[4], d[3];
	int	r, x, y, x0, x1, y0, y1, i, k;

	for (r = 0; r < NREGION; r++) {
		memset(s, 0, sizeof s);
		area_bounds(regions[r], &x0, &x1, &y0, &y1);
		n = (double)(x1 - x0) * (y1 - y0);
		for (y = y0; y < y1; y++)
			for (x = x0; x < x1; x++) {
				i = y * FEAT_SIDE + x;
				for (k = 0; k < 3; k++) {
					s[k] += p->lab[i * 3 + k];
					s[3 + k] += (double)p->lab[i * 3 + k] *
					    p->lab[i * 3 + k];
				}
				s[6] += p->skin[i];
				s[7] += p->mag[i];
			}
		for (k = 0; k < 3; k++) {
			st[r][k] = s[k] / n;
			st[r][3 + k] = sqrt(fmax(s[3 + k] / n -
			    st[r][k] * st[r][k], 0));
		}
		st[r][6] = s[6] / n;
		st[r][7] = s[7] / n;
		for (k = 0; k < 8; k++)
			*out++ = (float)st[r][k];
	}
	for (k = 0; k < 3; k++)
		ref[k] = (st[0][k] + st[1][k]) / 2;
	ref[3] = (st[0][6] + st[1][6]) / 2;
	for (r = REGION_NOSE; r < NREGION; r++) {
		for (k = 0; k < 3; k++) {
			d[k] = st[r][k] - ref[k];
			*out++ = (float)d[k];
		}
		*out++ = (float)sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
		*out++ = (float)(st[r][6] - ref[3]);
	}
}

/*
 * See features.h.  Order of the blocks: HOG64, HOG32, GRID, LBP, HUE,
 * REGION, at the offsets features.h defines.
 */
void
audit_features(const unsigned char *rgb, int w, int h, float *out)
{
	unsigned char		 s64[FEAT_NPIX * 3];
	unsigned char		 s32[FEAT_COARSE * FEAT_COARSE * 3];
	float			 g32[FEAT_COARSE * FEAT_COARSE];
	float			 m32[FEAT_COARSE * FEAT_COARSE];
	float			 a32[FEAT_COARSE * FEAT_COARSE];
	struct feat_planes	*p;
	int			 i;

	p = xmalloc(sizeof *p);
	img_resize_rgb(rgb, w, h, s64, FEAT_SIDE, FEAT_SIDE);
	/* From the 64x64 copy: the same area means, at half the cost. */
	img_resize_rgb(s64, FEAT_SIDE, FEAT_SIDE, s32, FEAT_COARSE,
	    FEAT_COARSE);
	colour_planes(s64, p);
	feat_gradient(p->grey, FEAT_SIDE, p->mag, p->ang);
	for (i = 0; i < FEAT_COARSE * FEAT_COARSE; i++)
		g32[i] = (0.299f * s32[i * 3] + 0.587f * s32[i * 3 + 1] +
		    0.114f * s32[i * 3 + 2]) / 255;
	feat_gradient(g32, FEAT_COARSE, m32, a32);

	feat_hog(p->mag, p->ang, FEAT_SIDE, 8, out + AUDIT_FEAT_HOG64);
	feat_hog(m32, a32, FEAT_COARSE, 8, out + AUDIT_FEAT_HOG32);
	grid_block(p, out + AUDIT_FEAT_GRID);
	feat_lbp(p, out + AUDIT_FEAT_LBP);
	hue_block(p, out + AUDIT_FEAT_HUE);
	region_block(p, out + AUDIT_FEAT_REGION);
	free(p);
}
