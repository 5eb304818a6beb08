/*
 * audit/feat-texture.c: the texture blocks of the audit features:
 * histograms of oriented gradients (Dalal and Triggs, with a lighter
 * normalisation: one cell against its 3x3 neighbourhood) and local binary
 * patterns (Ojala et al.: the rotation-invariant uniform "riu2" codes and
 * the 59 uniform "u2" codes).  Pure and reentrant.
 */
#include <math.h>
#include <string.h>

#include "features.h"
#include "features-int.h"

#define HOG_BINS	9
#define HOG_EPS		1e-4f

/* See features-int.h: writes side * side values to mag and ang. */
void
feat_gradient(const float *grey, int side, float *mag, float *ang)
{
	float	gx, gy, a;
	int	x, y, xl, xr, yu, yd;

	for (y = 0; y < side; y++) {
		yu = y > 0 ? y - 1 : y;
		yd = y < side - 1 ? y + 1 : y;
		for (x = 0; x < side; x++) {
			xl = x > 0 ? x - 1 : x;
			xr = x < side - 1 ? x + 1 : x;
			gx = grey[y * side + xr] - grey[y * side + xl];
			gy = grey[yd * side + x] - grey[yu * side + x];
			a = atan2f(gy, gx);
			if (a < 0)
				a += (float)M_PI;
			if (a >= (float)M_PI)
				a -= (float)M_PI;
			mag[y * side + x] = sqrtf(gx * gx + gy * gy);
			ang[y * side + x] = a;
		}
	}
}

/* See features-int.h: at most 16 x 16 cells; out is the caller's. */
void
feat_hog(const float *mag, const float *ang, int side, int cell, float *out)
{
	float	 hist[16 * 16 * HOG_BINS], energy[16 * 16];
	float	 pos, f, e;
	int	 nc = side / cell, x, y, cx, cy, b0, b1, i, j, cnt;

	if (nc > 16)
		nc = 16;
	memset(hist, 0, sizeof hist);
	for (y = 0; y < nc * cell; y++) {
		cy = y / cell;
		for (x = 0; x < nc * cell; x++) {
			cx = x / cell;
			/* Bin centres at (b + 0.5) * pi / 9; vote into two. */
			pos = ang[y * side + x] * (HOG_BINS / (float)M_PI) -
			    0.5f;
			b0 = (int)floorf(pos);
			f = pos - (float)b0;
			b1 = b0 + 1;
			if (b0 < 0)
				b0 += HOG_BINS;
			if (b1 >= HOG_BINS)
				b1 -= HOG_BINS;
			i = (cy * nc + cx) * HOG_BINS;
			hist[i + b0] += (1 - f) * mag[y * side + x];
			hist[i + b1] += f * mag[y * side + x];
		}
	}
	for (i = 0; i < nc * nc; i++) {
		e = 0;
		for (j = 0; j < HOG_BINS; j++)
			e += hist[i * HOG_BINS + j] * hist[i * HOG_BINS + j];
		energy[i] = e;
	}
	for (cy = 0; cy < nc; cy++) {
		for (cx = 0; cx < nc; cx++) {
			e = 0;
			cnt = 0;
			for (y = cy - 1; y <= cy + 1; y++)
				for (x = cx - 1; x <= cx + 1; x++) {
					if (y < 0 || y >= nc || x < 0 ||
					    x >= nc)
						continue;
					e += energy[y * nc + x];
					cnt++;
				}
			e = sqrtf(e / (float)cnt + HOG_EPS);
			i = (cy * nc + cx) * HOG_BINS;
			for (j = 0; j < HOG_BINS; j++)
				out[i + j] = sqrtf(hist[i + j] / e);
		}
	}
}

/* Number of 0/1 changes around the circle of 8 bits. */
static int
lbp_transitions(int code)
{
	int	i, t = 0;

	for (i = 0; i < 8; i++)
		t += ((code >> i) & 1) != ((code >> ((i + 1) & 7)) & 1);
	return t;
}

static int
lbp_popcount(int code)
{
	int	i, c = 0;

	for (i = 0; i < 8; i++)
		c += (code >> i) & 1;
	return c;
}

/*
 * See features-int.h: riu2 histograms of the 4x4 grid, then u2 histograms
 * of the three bands, as square-rooted shares; out is the caller's.
 */
void
feat_lbp(const struct feat_planes *p, float *out)
{
	static const int dx[8] = { -1, 0, 1, 1, 1, 0, -1, -1 };
	static const int dy[8] = { -1, -1, -1, 0, 1, 1, 1, 0 };
	float		 riu[16 * 10], u2[3 * 59], cntg[16], cntb[3];
	float		 c;
	int		 riu_of[256], u2_of[256];
	int		 x, y, k, code, g, band, next = 0;
	const float	*grey = p->grey;

	/* Code tables, built here so that nothing is global. */
	for (code = 0; code < 256; code++) {
		if (lbp_transitions(code) <= 2) {
			riu_of[code] = lbp_popcount(code);
			u2_of[code] = next++;	/* 58 uniform codes */
		} else {
			riu_of[code] = 9;
			u2_of[code] = 58;
		}
	}
	memset(riu, 0, sizeof riu);
	memset(u2, 0, sizeof u2);
	memset(cntg, 0, sizeof cntg);
	memset(cntb, 0, sizeof cntb);
	for (y = 1; y < FEAT_SIDE - 1; y++) {
		band = y * 3 / FEAT_SIDE;
		for (x = 1; x < FEAT_SIDE - 1; x++) {
			c = grey[y * FEAT_SIDE + x];
			code = 0;
			for (k = 0; k < 8; k++)
				if (grey[(y + dy[k]) * FEAT_SIDE + x + dx[k]] >=
				    c)
					code |= 1 << k;
			g = (y * 4 / FEAT_SIDE) * 4 + x * 4 / FEAT_SIDE;
			riu[g * 10 + riu_of[code]] += 1;
			cntg[g] += 1;
			u2[band * 59 + u2_of[code]] += 1;
			cntb[band] += 1;
		}
	}
	for (g = 0; g < 16; g++)
		for (k = 0; k < 10; k++)
			*out++ = sqrtf(riu[g * 10 + k] / cntg[g]);
	for (band = 0; band < 3; band++)
		for (k = 0; k < 59; k++)
			*out++ = sqrtf(u2[band * 59 + k] / cntb[band]);
}
