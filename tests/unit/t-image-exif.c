/*
 * Unit tests for image/exif.c (the EXIF orientation parser, on untrusted
 * bytes) and the eight orientations of image/thumb.c.
 */
#include <stdlib.h>

#include "unit.h"
#include "../../image/image-int.h"

static void
put(unsigned char *p, unsigned long v, int n, int be)
{
	int	i;

	for (i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/*
 * An APP1 payload: "Exif\0\0", a TIFF header, IFD0 with a dummy entry and
 * the orientation entry (type, count, value as given).  Returns its length.
 */
static size_t
app1(unsigned char *b, int be, unsigned type, unsigned long count,
    unsigned long value)
{
	unsigned char	*t = b + 6, *e;

	memset(b, 0, 64);
	memcpy(b, "Exif\0\0", 6);
	memcpy(t, be ? "MM" : "II", 2);
	put(t + 2, 42, 2, be);
	put(t + 4, 8, 4, be);
	put(t + 8, 2, 2, be);			/* two entries */
	e = t + 10;
	put(e, 0x010f, 2, be);			/* Make, ASCII: skipped */
	put(e + 2, 2, 2, be);
	put(e + 4, 4, 4, be);
	memcpy(e + 8, "abc", 4);
	e += 12;
	put(e, 0x0112, 2, be);
	put(e + 2, type, 2, be);
	put(e + 4, count, 4, be);
	put(e + 8, value, type == 3 ? 2 : 4, be);
	return 6 + 10 + 24 + 4;
}

static void
test_orientation_tags(void)
{
	unsigned char	b[64];
	size_t		len, n;
	int		be, o, ok;

	for (be = 0; be <= 1; be++)
		for (o = 1; o <= 8; o++) {
			len = app1(b, be, 3, 1, o);
			CHECK_INT(img_exif_orientation(b, len), o);
			CHECK_INT(img_tiff_orientation(b + 6, len - 6), o);
		}
	len = app1(b, 1, 4, 1, 6);		/* a LONG is accepted */
	CHECK_INT(img_exif_orientation(b, len), 6);
	len = app1(b, 0, 3, 1, 9);		/* out of range */
	CHECK_INT(img_exif_orientation(b, len), 1);
	len = app1(b, 0, 3, 1, 0);
	CHECK_INT(img_exif_orientation(b, len), 1);
	len = app1(b, 1, 3, 2, 6);		/* count 2 */
	CHECK_INT(img_exif_orientation(b, len), 1);
	len = app1(b, 1, 2, 1, 6);		/* ASCII */
	CHECK_INT(img_exif_orientation(b, len), 1);

	/* Every truncation gives 1 once the entry is cut, never a crash. */
	len = app1(b, 1, 3, 1, 6);
	ok = 1;
	for (n = 0; n < len; n++)
		if (img_exif_orientation(b, n) != (n >= 6 + 10 + 24 ? 6 : 1))
			ok = 0;
	CHECK(ok);
	CHECK_INT(img_exif_orientation(NULL, 0), 1);
	CHECK_INT(img_tiff_orientation(NULL, 0), 1);

	/* Not EXIF, bad byte order, bad magic, IFD offsets out of range. */
	CHECK_INT(img_exif_orientation((const unsigned char *)
	    "http://ns.adobe.com/xap/1.0/\0<x/>", 34), 1);
	len = app1(b, 0, 3, 1, 6);
	b[6] = 'X';
	CHECK_INT(img_exif_orientation(b, len), 1);
	len = app1(b, 0, 3, 1, 6);
	b[8] = 43;
	CHECK_INT(img_exif_orientation(b, len), 1);
	len = app1(b, 0, 3, 1, 6);
	put(b + 10, 0xffffffff, 4, 0);
	CHECK_INT(img_exif_orientation(b, len), 1);
	len = app1(b, 1, 3, 1, 6);
	put(b + 10, len - 6 - 1, 4, 1);		/* one byte before the end */
	CHECK_INT(img_exif_orientation(b, len), 1);
	len = app1(b, 1, 3, 1, 6);
	put(b + 16, 0xffff, 2, 1);		/* 65535 entries claimed */
	CHECK_INT(img_exif_orientation(b, len), 6);
	put(b + 16, 0xffff, 2, 1);
	b[6 + 10 + 12] = 0;			/* and the tag gone */
	CHECK_INT(img_exif_orientation(b, len), 1);
}

/* Random bytes behind a valid header: any answer 1-8, no crash. */
static void
test_garbage(void)
{
	unsigned char	b[256];
	unsigned long	seed = 12345;
	int		i, j, o, ok = 1;

	for (i = 0; i < 20000; i++) {
		for (j = 0; j < (int)sizeof b; j++) {
			seed = seed * 1103515245 + 12345;
			b[j] = (unsigned char)(seed >> 16);
		}
		memcpy(b, "Exif\0\0", 6);
		if (i & 1)
			memcpy(b + 6, i & 2 ? "MM\0*" : "II*\0", 4);
		if (i & 4)
			b[10] = b[11] = b[12] = 0;	/* small IFD offset */
		o = img_exif_orientation(b, (size_t)(i % (int)sizeof b));
		if (o < 1 || o > 8)
			ok = 0;
	}
	CHECK(ok);
}

/* Where the source pixels (0,0) and (w-1,0) land, for each orientation. */
static void
test_orient(void)
{
	static const int want[9][4] = {
		{ 0 }, { 0, 0, 2, 0 }, { 2, 0, 0, 0 }, { 2, 1, 0, 1 },
		{ 0, 1, 2, 1 }, { 0, 0, 0, 2 }, { 1, 0, 1, 2 }, { 1, 2, 1, 0 },
		{ 0, 2, 0, 0 }
	};
	unsigned char	src[3 * 2 * 3], dst[3 * 2 * 3];
	int		o, i, ow, oh, x0, y0, x1, y1, ok;

	for (i = 0; i < 3 * 2 * 3; i++)
		src[i] = (unsigned char)(i / 3);	/* pixel number */
	for (o = 1; o <= 8; o++) {
		img_thumb_orient(src, 3, 2, o, dst, &ow, &oh);
		CHECK_INT(ow, o >= 5 ? 2 : 3);
		CHECK_INT(oh, o >= 5 ? 3 : 2);
		x0 = want[o][0], y0 = want[o][1];
		x1 = want[o][2], y1 = want[o][3];
		ok = dst[(y0 * ow + x0) * 3] == 0 &&
		    dst[(y1 * ow + x1) * 3] == 2;
		if (!ok)
			printf("# orientation %d wrong\n", o);
		CHECK(ok);
	}
	img_thumb_orient(src, 3, 2, 0, dst, &ow, &oh);	/* as 1 */
	CHECK(ow == 3 && oh == 2 && memcmp(src, dst, sizeof src) == 0);
}

static void
test_thumb_size(void)
{
	int	w, h;

	img_thumb_size(384, 512, &w, &h);
	CHECK(w == 48 && h == 64);
	img_thumb_size(200, 200, &w, &h);
	CHECK(w == 64 && h == 64);
	img_thumb_size(40, 30, &w, &h);
	CHECK(w == 40 && h == 30);		/* never upscaled */
	img_thumb_size(65500, 1, &w, &h);
	CHECK(w == 64 && h == 1);
	img_thumb_size(1, 1000, &w, &h);
	CHECK(w == 1 && h == 64);
}

int
main(void)
{
	test_orientation_tags();
	test_garbage();
	test_orient();
	test_thumb_size();
	return unit_done();
}
