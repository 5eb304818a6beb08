/*
 * Unit tests for audit/features.c and feat-texture.c: the block layout,
 * finite values on plain and patterned images, determinism, invariance to
 * a pixel-replicated upscale, and a mask-coloured lower face changing the
 * lower-face features while leaving the upper face's alone.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../audit/features.h"

#define W	96
#define H	128
/* REGION block: 7 regions x 8 values, then 5 lower regions x 5. */
#define R_STAT(r, k)	(AUDIT_FEAT_REGION + (r) * 8 + (k))
#define R_DIFF(r, k)	(AUDIT_FEAT_REGION + 56 + ((r) - 2) * 5 + (k))
#define R_FOREHEAD	0
#define R_MOUTH		3

static void
fill(unsigned char *rgb, int w, int x0, int y0, int x1, int y1, int r,
    int g, int b)
{
	int	x, y;

	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++) {
			rgb[(y * w + x) * 3] = (unsigned char)r;
			rgb[(y * w + x) * 3 + 1] = (unsigned char)g;
			rgb[(y * w + x) * 3 + 2] = (unsigned char)b;
		}
}

/* A skin-coloured face on grey, with dark eyes and a mouth line. */
static void
face(unsigned char *rgb)
{
	fill(rgb, W, 0, 0, W, H, 128, 128, 128);
	fill(rgb, W, 10, 5, W - 10, H, 224, 172, 140);
	fill(rgb, W, 25, 40, 40, 48, 40, 30, 30);
	fill(rgb, W, 56, 40, 71, 48, 40, 30, 30);
	fill(rgb, W, 35, 92, 61, 96, 150, 60, 60);
}

static int
all_finite(const float *f)
{
	int	i;

	for (i = 0; i < AUDIT_FEAT_DIM; i++)
		if (!isfinite(f[i]))
			return 0;
	return 1;
}

static void
test_layout(void)
{
	CHECK_INT(AUDIT_FEAT_DIM, AUDIT_FEAT_HOG64_DIM + AUDIT_FEAT_HOG32_DIM +
	    AUDIT_FEAT_GRID_DIM + AUDIT_FEAT_LBP_DIM + AUDIT_FEAT_HUE_DIM +
	    AUDIT_FEAT_REGION_DIM);
	CHECK_INT(AUDIT_FEAT_DIM, 1542);
	CHECK_INT(AUDIT_FEAT_VERSION, 1);
}

static void
test_plain(void)
{
	unsigned char	 px[3] = { 0, 0, 0 };
	unsigned char	*big = malloc(640 * 480 * 3);
	float		 f[AUDIT_FEAT_DIM];
	int		 i, zero = 1;

	/* 1x1 black: no gradient, no texture, still all finite. */
	audit_features(px, 1, 1, f);
	CHECK(all_finite(f));
	for (i = 0; i < AUDIT_FEAT_HOG64_DIM; i++)
		zero &= f[AUDIT_FEAT_HOG64 + i] == 0;
	CHECK(zero);
	memset(big, 255, 640 * 480 * 3);
	audit_features(big, 640, 480, f);
	CHECK(all_finite(f));
	/* White: L* 1 (100 / 100), no skin. */
	CHECK(fabsf(f[AUDIT_FEAT_GRID] - 1) < 1e-3);
	CHECK(f[AUDIT_FEAT_GRID + 4] == 0);
	free(big);
}

static void
test_face_and_mask(void)
{
	unsigned char	*a = malloc(W * H * 3), *b = malloc(W * H * 3);
	unsigned char	*up = malloc(2 * W * 2 * H * 3);
	float		 fa[AUDIT_FEAT_DIM], fb[AUDIT_FEAT_DIM];
	float		 fu[AUDIT_FEAT_DIM];
	int		 x, y, i, same;
	float		 d;

	face(a);
	audit_features(a, W, H, fa);
	CHECK(all_finite(fa));
	audit_features(a, W, H, fb);
	CHECK(memcmp(fa, fb, sizeof fa) == 0);

	/* The mouth is skin, the same colour as the forehead. */
	CHECK(fa[R_STAT(R_MOUTH, 6)] > 0.8f);
	CHECK(fa[R_DIFF(R_MOUTH, 3)] < 0.1f);

	/* A light-blue surgical mask over the lower half. */
	memcpy(b, a, W * H * 3);
	fill(b, W, 10, 66, W - 10, 118, 100, 160, 220);
	audit_features(b, W, H, fb);
	CHECK(all_finite(fb));
	CHECK(fb[R_STAT(R_MOUTH, 6)] < 0.05f);		/* no skin left */
	CHECK(fb[R_DIFF(R_MOUTH, 4)] < -0.8f);		/* skin share drop */
	CHECK(fb[R_DIFF(R_MOUTH, 3)] > 0.3f);		/* colour distance */
	CHECK(fb[R_DIFF(R_MOUTH, 2)] < -0.3f);		/* b*: bluer */
	/* Forehead statistics and the upper-half colour names unchanged. */
	for (same = 1, i = 0; i < 8; i++)
		same &= fa[R_STAT(R_FOREHEAD, i)] == fb[R_STAT(R_FOREHEAD, i)];
	CHECK(same);
	for (same = 1, i = 0; i < 28; i++)
		same &= fa[AUDIT_FEAT_HUE + i] == fb[AUDIT_FEAT_HUE + i];
	CHECK(same);
	for (d = 0, i = 0; i < 28; i++)
		d += fabsf(fa[AUDIT_FEAT_HUE + 28 + i] -
		    fb[AUDIT_FEAT_HUE + 28 + i]);
	CHECK(d > 0.5f);

	/* Each pixel repeated 2x2: the area-mean resize sees the same image. */
	for (y = 0; y < 2 * H; y++)
		for (x = 0; x < 2 * W; x++)
			memcpy(up + (y * 2 * W + x) * 3,
			    a + ((y / 2) * W + x / 2) * 3, 3);
	audit_features(up, 2 * W, 2 * H, fu);
	for (d = 0, i = 0; i < AUDIT_FEAT_DIM; i++)
		if (fabsf(fu[i] - fa[i]) > d)
			d = fabsf(fu[i] - fa[i]);
	if (d >= 1e-5f)
		printf("# largest difference %g\n", (double)d);
	CHECK(d < 1e-5f);
	free(a);
	free(b);
	free(up);
}

int
main(void)
{
	test_layout();
	test_plain();
	test_face_and_mask();
	return unit_done();
}
