/*
 * Unit tests for image/transform.c: resize (area mean, bilinear, sizes,
 * against the reference in resize-ref.h), crop regions, region copy and
 * augmentation.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"
#include "resize-ref.h"
#include "../../image/image.h"
#include "../../lib/rng.h"

#define GUARD	0xA5

static int
rect_is(struct img_rect r, int x0, int y0, int x1, int y1)
{
	if (r.x0 == x0 && r.y0 == y0 && r.x1 == x1 && r.y1 == y1)
		return 1;
	printf("# rect (%d,%d)-(%d,%d), want (%d,%d)-(%d,%d)\n", r.x0, r.y0,
	    r.x1, r.y1, x0, y0, x1, y1);
	return 0;
}

static void
test_constant(void)
{
	static const int	sz[][4] = {
		{ 7, 5, 3, 2 }, { 3, 2, 7, 5 }, { 640, 480, 224, 224 },
		{ 5, 9, 13, 2 }, { 1, 1, 4, 3 }, { 10, 10, 3, 3 },
	};
	unsigned char	*in, *out;
	size_t		 i, k, n;
	int		 ok;

	for (i = 0; i < sizeof sz / sizeof sz[0]; i++) {
		n = (size_t)sz[i][0] * sz[i][1];
		in = malloc(n * 3);
		out = malloc((size_t)sz[i][2] * sz[i][3] * 3);
		for (k = 0; k < n; k++) {
			in[k * 3] = 17;
			in[k * 3 + 1] = 128;
			in[k * 3 + 2] = 255;
		}
		img_resize_rgb(in, sz[i][0], sz[i][1], out, sz[i][2], sz[i][3]);
		ok = 1;
		for (k = 0; k < (size_t)sz[i][2] * sz[i][3]; k++)
			ok &= out[k * 3] == 17 && out[k * 3 + 1] == 128 &&
			    out[k * 3 + 2] == 255;
		CHECK(ok);
		free(in);
		free(out);
	}
}

static void
test_shrink(void)
{
	unsigned char	in[4 * 4 * 3], out[2 * 2 * 3], in3[3 * 3 * 3];
	int		x, y, c, ok;
	double		want;

	/* Values (4y + x) * 10 + c: block means are exact integers. */
	for (y = 0; y < 4; y++)
		for (x = 0; x < 4; x++)
			for (c = 0; c < 3; c++)
				in[(y * 4 + x) * 3 + c] =
				    (unsigned char)((y * 4 + x) * 10 + c);
	img_resize_rgb(in, 4, 4, out, 2, 2);
	for (c = 0; c < 3; c++) {
		CHECK_INT(out[0 * 3 + c], 25 + c);
		CHECK_INT(out[1 * 3 + c], 45 + c);
		CHECK_INT(out[2 * 3 + c], 105 + c);
		CHECK_INT(out[3 * 3 + c], 125 + c);
	}
	/* Values 4y + x: means 2.5, 4.5, 10.5, 12.5 round half up. */
	for (x = 0; x < 16 * 3; x++)
		in[x] = (unsigned char)(x / 3);
	img_resize_rgb(in, 4, 4, out, 2, 2);
	CHECK_INT(out[0], 3);
	CHECK_INT(out[3], 5);
	CHECK_INT(out[6], 11);
	CHECK_INT(out[9], 13);

	/*
	 * 3x3 -> 2x2, a non-integer ratio: output (0,0) covers [0,1.5)^2,
	 * so weights 1, .5, .5, .25 over an area of 2.25.
	 */
	for (y = 0; y < 3; y++)
		for (x = 0; x < 3; x++)
			for (c = 0; c < 3; c++)
				in3[(y * 3 + x) * 3 + c] =
				    (unsigned char)(x * 90 + y * 7 + c * 3);
	img_resize_rgb(in3, 3, 3, out, 2, 2);
	ok = 1;
	for (c = 0; c < 3; c++) {
		want = (in3[(0 * 3 + 0) * 3 + c] * 1.0 +
		    in3[(0 * 3 + 1) * 3 + c] * 0.5 +
		    in3[(1 * 3 + 0) * 3 + c] * 0.5 +
		    in3[(1 * 3 + 1) * 3 + c] * 0.25) / 2.25;
		ok &= out[c] == (int)floor(want + 0.5);
		want = (in3[(1 * 3 + 1) * 3 + c] * 0.25 +
		    in3[(1 * 3 + 2) * 3 + c] * 0.5 +
		    in3[(2 * 3 + 1) * 3 + c] * 0.5 +
		    in3[(2 * 3 + 2) * 3 + c] * 1.0) / 2.25;
		ok &= out[9 + c] == (int)floor(want + 0.5);
	}
	CHECK(ok);
}

static void
test_enlarge(void)
{
	/* One channel shown; all three equal. 0 100 / 200 40. */
	static const int	v[4] = { 0, 100, 200, 40 };
	/* Pixel centres aligned: source x = (X + .5) / 2 - .5, clamped. */
	static const int	want[16] = {
		0, 25, 75, 100,
		50, 59, 76, 85,
		150, 126, 79, 55,
		200, 160, 80, 40,
	};
	unsigned char	in[2 * 2 * 3], out[4 * 4 * 3];
	int		i, ok;

	for (i = 0; i < 12; i++)
		in[i] = (unsigned char)v[i / 3];
	img_resize_rgb(in, 2, 2, out, 4, 4);
	ok = 1;
	for (i = 0; i < 48; i++)
		if (out[i] != want[i / 3]) {
			printf("# pixel %d channel %d: %d, want %d\n", i / 3,
			    i % 3, out[i], want[i / 3]);
			ok = 0;
		}
	CHECK(ok);
}

static void
test_sizes(void)
{
	static const int	sz[][4] = {
		{ 5, 3, 7, 2 }, { 2, 9, 1, 1 }, { 1, 1, 3, 5 }, { 31, 17, 8, 40 },
	};
	unsigned char	in[31 * 17 * 3], out[8 * 40 * 3 + 64];
	size_t		i, k, need;
	int		ok;

	for (k = 0; k < sizeof in; k++)
		in[k] = (unsigned char)(k * 7);
	for (i = 0; i < sizeof sz / sizeof sz[0]; i++) {
		memset(out, GUARD, sizeof out);
		img_resize_rgb(in, sz[i][0], sz[i][1], out, sz[i][2], sz[i][3]);
		need = (size_t)sz[i][2] * sz[i][3] * 3;
		ok = 1;
		for (k = need; k < sizeof out; k++)
			ok &= out[k] == GUARD;
		CHECK(ok);
	}
	/* Same size is a copy. */
	img_resize_rgb(in, 5, 3, out, 5, 3);
	CHECK(memcmp(in, out, 5 * 3 * 3) == 0);
}

/* Random pixels, or smooth ones (long runs of near-equal values). */
static void
fill(unsigned char *p, size_t n, uint64_t *st, int smooth)
{
	size_t	i;
	int	v = 128;

	for (i = 0; i < n; i++) {
		if (!smooth)
			v = (int)(splitmix64(st) & 255);
		else if (i % 3 == 0)
			v = (v + (int)(splitmix64(st) % 9) - 4) & 255;
		p[i] = (unsigned char)v;
	}
}

/*
 * One size pair against the reference: img_resize_rgb(), the shared
 * resizer rz and a resize of the same pixels in place, as a region of a
 * wider image (stride), must all agree exactly, and be within one level
 * of the reference.  Adds the bytes that differ from it to *ndiff.
 */
static int
check_ref(struct img_resizer *rz, uint64_t *st, int w, int h, int dw,
    int dh, int smooth, size_t *ndiff)
{
	unsigned char	*in, *wide, *want, *got, *again, *region;
	size_t		 i, nout = (size_t)dw * dh * 3, stride;
	int		 y, d, worst = 0, ok;

	in = xmallocarray((size_t)w * h, 3);
	fill(in, (size_t)w * h * 3, st, smooth);
	stride = ((size_t)w + 5) * 3;
	wide = xmallocarray(stride, (size_t)h);
	memset(wide, 0xEE, stride * h);
	for (y = 0; y < h; y++)
		memcpy(wide + y * stride + 2 * 3, in + (size_t)y * w * 3,
		    (size_t)w * 3);
	want = xmalloc(nout);
	got = xmalloc(nout);
	again = xmalloc(nout);
	region = xmalloc(nout);
	ref_resize_rgb(in, w, h, want, dw, dh);
	img_resize_rgb(in, w, h, got, dw, dh);
	img_resizer_run(rz, in, w, h, (size_t)w * 3, again, dw, dh);
	img_resizer_run(rz, wide + 2 * 3, w, h, stride, region, dw, dh);
	for (i = 0; i < nout; i++) {
		d = abs(want[i] - got[i]);
		*ndiff += d != 0;
		worst = d > worst ? d : worst;
	}
	ok = worst <= 1 && memcmp(got, again, nout) == 0 &&
	    memcmp(got, region, nout) == 0;
	if (!ok)
		printf("# %dx%d -> %dx%d: differs from the reference by %d,"
		    " resizer %s, region %s\n", w, h, dw, dh, worst,
		    memcmp(got, again, nout) ? "differs" : "same",
		    memcmp(got, region, nout) ? "differs" : "same");
	free(in);
	free(wide);
	free(want);
	free(got);
	free(again);
	free(region);
	return ok;
}

static void
test_reference(void)
{
	static const int	sz[][4] = {
		{ 1, 1, 1, 1 }, { 1, 1, 7, 3 }, { 1, 9, 1, 4 }, { 9, 1, 4, 1 },
		{ 1, 9, 1, 13 }, { 9, 1, 13, 1 }, { 12, 7, 1, 1 },
		{ 5, 5, 5, 5 }, { 5, 8, 5, 3 }, { 8, 5, 3, 5 }, { 6, 6, 3, 3 },
		{ 7, 7, 3, 3 }, { 3, 3, 2, 2 }, { 10, 10, 3, 3 },
		{ 17, 13, 5, 11 }, { 13, 17, 31, 6 }, { 2, 2, 4, 4 },
		{ 100, 80, 224, 224 }, { 384, 384, 224, 224 },
		{ 640, 480, 224, 224 }, { 300, 200, 64, 64 },
		{ 333, 111, 7, 97 }, { 64, 64, 32, 32 }, { 97, 101, 96, 100 },
		{ 3, 700, 2, 1 }, { 5, 1000, 3, 2 }, { 1000, 3, 3, 2 },
	};
	struct img_resizer	*rz = img_resizer_new();
	uint64_t		 st = 1;
	size_t			 i, ndiff = 0, nbytes = 0;
	int			 ok = 1, w, h, dw, dh;

	for (i = 0; i < sizeof sz / sizeof sz[0]; i++) {
		ok &= check_ref(rz, &st, sz[i][0], sz[i][1], sz[i][2],
		    sz[i][3], (int)(i & 1), &ndiff);
		nbytes += (size_t)sz[i][2] * sz[i][3] * 3;
	}
	CHECK(ok);
	/* Random pairs, shrinking, enlarging and mixed, one resizer. */
	ok = 1;
	for (i = 0; i < 300; i++) {
		w = 1 + (int)(splitmix64(&st) % 60);
		h = 1 + (int)(splitmix64(&st) % 60);
		dw = 1 + (int)(splitmix64(&st) % 60);
		dh = 1 + (int)(splitmix64(&st) % 60);
		ok &= check_ref(rz, &st, w, h, dw, dh, (int)(i % 3 == 0),
		    &ndiff);
		nbytes += (size_t)dw * dh * 3;
	}
	CHECK(ok);
	printf("# %zu of %zu bytes differ from the reference by 1\n", ndiff,
	    nbytes);
	img_resizer_free(rz);
	img_resizer_free(NULL);
}

/*
 * Many source rows or columns to one: the integer row sums go over the
 * 256 rows they take at a time, and white stays white.
 */
static void
test_tall(void)
{
	unsigned char	*in, out[3 * 2 * 3];
	size_t		 n = (size_t)3 * 2000 * 3, i;
	int		 ok = 1;

	in = xmalloc(n);
	memset(in, 255, n);
	img_resize_rgb(in, 3, 2000, out, 3, 2);
	for (i = 0; i < sizeof out; i++)
		ok &= out[i] == 255;
	img_resize_rgb(in, 2000, 3, out, 2, 3);
	for (i = 0; i < sizeof out; i++)
		ok &= out[i] == 255;
	CHECK(ok);
	free(in);
}

static void
test_crop(void)
{
	struct img_rect	box;
	unsigned char	img[4 * 3 * 3], *c;
	int		i;

	CHECK(rect_is(img_crop_rect(384, 512, IMG_CROP_NONE, NULL, 0, 224,
	    224), 0, 0, 384, 512));
	/* Centred: (512 - 384) / 2 = 64 above and below. */
	CHECK(rect_is(img_crop_rect(384, 512, IMG_CROP_CENTER, NULL, 0, 224,
	    224), 0, 64, 384, 448));
	CHECK(rect_is(img_crop_rect(640, 480, IMG_CROP_CENTER, NULL, 0, 224,
	    224), 80, 0, 560, 480));
	CHECK(rect_is(img_crop_rect(640, 480, IMG_CROP_CENTER, NULL, 0, 640,
	    480), 0, 0, 640, 480));
	CHECK(rect_is(img_crop_rect(100, 100, IMG_CROP_CENTER, NULL, 0, 200,
	    100), 0, 25, 100, 75));

	/* BOX inside the image: 20x20 grown by 4 on each side. */
	box = (struct img_rect){ 40, 40, 60, 60 };
	CHECK(rect_is(img_crop_rect(100, 100, IMG_CROP_BOX, &box, 0.2, 224,
	    224), 36, 36, 64, 64));
	/* A tall box: grown to 28x28 then widened to the 2:1 target. */
	box = (struct img_rect){ 40, 40, 60, 60 };
	CHECK(rect_is(img_crop_rect(100, 100, IMG_CROP_BOX, &box, 0.2, 200,
	    100), 22, 36, 78, 64));
	/*
	 * At the corner: x -10..30, y -20..60, widened to 80 about x 10
	 * (-30..50), then clipped.
	 */
	box = (struct img_rect){ 0, 0, 20, 40 };
	CHECK(rect_is(img_crop_rect(100, 100, IMG_CROP_BOX, &box, 0.5, 224,
	    224), 0, 0, 50, 60));
	/* At the far corner: x 88..102, y 76..104, widened to 81..109. */
	box = (struct img_rect){ 90, 80, 100, 100 };
	CHECK(rect_is(img_crop_rect(100, 100, IMG_CROP_BOX, &box, 0.2, 224,
	    224), 81, 76, 100, 100));
	/* No box, or an empty one: CENTER. */
	CHECK(rect_is(img_crop_rect(384, 512, IMG_CROP_BOX, NULL, 0.2, 224,
	    224), 0, 64, 384, 448));
	box = (struct img_rect){ 10, 10, 10, 20 };
	CHECK(rect_is(img_crop_rect(384, 512, IMG_CROP_BOX, &box, 0.2, 224,
	    224), 0, 64, 384, 448));

	/* FACE: x 15..85, y 5..65, made square about y 35: 0..70. */
	CHECK(rect_is(img_crop_rect(100, 100, IMG_CROP_FACE, NULL, 0, 224,
	    224), 15, 0, 85, 70));
	/* 400x300: x 60..340, y 15..195, square about y 105, clipped. */
	CHECK(rect_is(img_crop_rect(400, 300, IMG_CROP_FACE, NULL, 0, 224,
	    224), 60, 0, 340, 245));
	/* 200x400 to 7:6 (x 30..170 = 140, y 20..260 = 240 -> 280 wide). */
	CHECK(rect_is(img_crop_rect(200, 400, IMG_CROP_FACE, NULL, 0, 7, 6),
	    0, 20, 200, 260));

	for (i = 0; i < 36; i++)
		img[i] = (unsigned char)i;
	c = img_crop_copy(img, 4, 3, (struct img_rect){ 1, 1, 3, 3 });
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(memcmp(c, img + (1 * 4 + 1) * 3, 6) == 0);
		CHECK(memcmp(c + 6, img + (2 * 4 + 1) * 3, 6) == 0);
	}
	free(c);
	CHECK(img_crop_copy(img, 4, 3, (struct img_rect){ 5, 0, 9, 3 }) ==
	    NULL);
}

static void
test_augment(void)
{
	unsigned char	a[5 * 3 * 3], b[5 * 3 * 3];
	size_t		i;
	int		x, y, ok;

	for (i = 0; i < sizeof a; i++)
		a[i] = (unsigned char)(i * 13 + 1);
	memcpy(b, a, sizeof a);
	img_augment(b, 5, 3, 0, 0, 0, 1.0);
	CHECK(memcmp(a, b, sizeof a) == 0);
	img_augment(b, 5, 3, 1, 0, 0, 1.0);
	CHECK(memcmp(a, b, sizeof a) != 0);
	CHECK(memcmp(b, a + 4 * 3, 3) == 0);	/* mirrored */
	img_augment(b, 5, 3, 1, 0, 0, 1.0);
	CHECK(memcmp(a, b, sizeof a) == 0);

	/* Shift 2 right, 1 up: edges repeated. */
	memcpy(b, a, sizeof a);
	img_augment(b, 5, 3, 0, 2, -1, 1.0);
	ok = 1;
	for (y = 0; y < 3; y++)
		for (x = 0; x < 5; x++) {
			int	sx = x - 2 < 0 ? 0 : x - 2;
			int	sy = y + 1 > 2 ? 2 : y + 1;

			ok &= memcmp(b + (y * 5 + x) * 3, a + (sy * 5 + sx) * 3,
			    3) == 0;
		}
	CHECK(ok);

	/* Gain: halved with rounding, and clamped at 255. */
	memset(b, 0, sizeof b);
	b[0] = 101;
	b[1] = 200;
	b[2] = 255;
	img_augment(b, 5, 3, 0, 0, 0, 0.5);
	CHECK_INT(b[0], 51);
	CHECK_INT(b[1], 100);
	CHECK_INT(b[2], 128);
	img_augment(b, 5, 3, 0, 0, 0, 3.0);
	CHECK_INT(b[1], 255);
}

int
main(void)
{
	test_constant();
	test_shrink();
	test_enlarge();
	test_sizes();
	test_reference();
	test_tall();
	test_crop();
	test_augment();
	return unit_done();
}
