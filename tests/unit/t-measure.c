/*
 * Unit tests for the quality measures: img_measure_rgb() on synthetic
 * images, img_probe_measure() on encoded ones (EXIF orientation, PNG
 * re-encodes, refusals) and img_decode_rgb().
 */
#include <stdlib.h>
#include <unistd.h>

#include <png.h>

#include "unit.h"
#include "../../image/image-int.h"

static char	tmpdir[] = "/tmp/t-measure.XXXXXX";

static int
hamming(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}

static unsigned char *
flat(int w, int h, int r, int g, int b)
{
	unsigned char	*px = malloc((size_t)w * h * 3);
	int		 i;

	for (i = 0; i < w * h; i++) {
		px[i * 3] = (unsigned char)r;
		px[i * 3 + 1] = (unsigned char)g;
		px[i * 3 + 2] = (unsigned char)b;
	}
	return px;
}

/* A "photo": smooth shading, a few discs and some texture. */
static unsigned char *
scene(int w, int h, int variant)
{
	unsigned char	*px = malloc((size_t)w * h * 3);
	int		 x, y, c, v, dx, dy;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			v = variant ? 60 + 120 * ((x / 9 + y / 7) % 2) :
			    40 + x * 150 / w + y * 40 / h;
			dx = x - w / 3, dy = y - h / 2;
			if (!variant && dx * dx + dy * dy < w * h / 20)
				v += 50;
			v += ((x * 7 + y * 13) % 11) - 5;
			for (c = 0; c < 3; c++)
				px[((size_t)y * w + x) * 3 + c] = (unsigned char)
				    (v + c * 10 > 255 ? 255 : v + c * 10);
		}
	return px;
}

/* 3x3 box blur, twice. */
static unsigned char *
blurred(const unsigned char *in, int w, int h)
{
	unsigned char	*a = malloc((size_t)w * h * 3), *b;
	int		 pass, x, y, c, dx, dy, s, n;

	memcpy(a, in, (size_t)w * h * 3);
	b = malloc((size_t)w * h * 3);
	for (pass = 0; pass < 2; pass++) {
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++)
				for (c = 0; c < 3; c++) {
					s = n = 0;
					for (dy = -1; dy <= 1; dy++)
						for (dx = -1; dx <= 1; dx++)
							if (x + dx >= 0 && x + dx < w &&
							    y + dy >= 0 && y + dy < h) {
								s += a[((y + dy) * w + x + dx) * 3 + c];
								n++;
							}
					b[(y * w + x) * 3 + c] = (unsigned char)(s / n);
				}
		memcpy(a, b, (size_t)w * h * 3);
	}
	free(b);
	return a;
}

static void
test_flat(void)
{
	struct img_measures	 m;
	unsigned char		*px;

	px = flat(40, 30, 0, 0, 0);
	img_measure_rgb(px, 40, 30, &m);
	CHECK(m.bright_p99 < 0.05f);
	CHECK(m.bright_mean < 0.05f);
	CHECK(m.thumb_w == 40 && m.thumb_h == 30 && m.orientation == 1);
	free(px);
	px = flat(40, 30, 255, 255, 255);
	img_measure_rgb(px, 40, 30, &m);
	CHECK(m.bright_p1 > 0.95f);
	free(px);
	px = flat(17, 5, 128, 128, 128);
	img_measure_rgb(px, 17, 5, &m);
	CHECK(m.entropy == 0.0f);
	CHECK(m.colour == 0.0f);
	CHECK(m.sharpness == 0.0f);
	CHECK(m.bright_p1 == m.bright_p99);
	free(px);
	px = flat(8, 8, 255, 0, 0);			/* pure red */
	img_measure_rgb(px, 8, 8, &m);
	CHECK(m.colour > 0.99f);
	CHECK(m.bright_mean > 0.29f && m.bright_mean < 0.30f);
	free(px);
	px = flat(1, 1, 10, 20, 30);			/* no interior */
	img_measure_rgb(px, 1, 1, &m);
	CHECK(m.sharpness == 0.0f && m.entropy == 0.0f);
	free(px);
}

static void
test_entropy_and_percentiles(void)
{
	struct img_measures	 m;
	unsigned char		 px[256 * 3];
	int			 i;

	for (i = 0; i < 256; i++)
		px[i * 3] = px[i * 3 + 1] = px[i * 3 + 2] = (unsigned char)i;
	img_measure_rgb(px, 16, 16, &m);		/* every level once */
	CHECK(m.entropy > 0.999f && m.entropy <= 1.0f);
	CHECK(m.bright_p1 > 0.005f && m.bright_p1 < 0.015f);
	CHECK(m.bright_p99 > 0.985f && m.bright_p99 < 0.995f);
	CHECK(m.bright_mean > 0.499f && m.bright_mean < 0.501f);
	CHECK(m.colour == 0.0f);
}

static void
test_sharpness(void)
{
	struct img_measures	 a, b;
	unsigned char		*px, *soft;
	int			 x, y;

	px = malloc(64 * 64 * 3);
	for (y = 0; y < 64; y++)
		for (x = 0; x < 64; x++)
			memset(px + (y * 64 + x) * 3,
			    ((x / 4 + y / 4) & 1) ? 230 : 20, 3);
	soft = blurred(px, 64, 64);
	img_measure_rgb(px, 64, 64, &a);
	img_measure_rgb(soft, 64, 64, &b);
	printf("# checkerboard %.3f, blurred %.3f\n", a.sharpness,
	    b.sharpness);
	CHECK(a.sharpness > b.sharpness + 0.1f);
	CHECK(a.sharpness > 0 && a.sharpness < 1);
	free(px);
	free(soft);

	px = scene(64, 48, 0);
	soft = blurred(px, 64, 48);
	img_measure_rgb(px, 64, 48, &a);
	img_measure_rgb(soft, 64, 48, &b);
	printf("# scene %.3f, blurred %.3f\n", a.sharpness, b.sharpness);
	CHECK(a.sharpness > b.sharpness + 0.1f);
	free(px);
	free(soft);
}

static void
test_hashes(void)
{
	struct img_measures	 a, b, c;
	unsigned char		*px, *other;
	int			 i;

	px = scene(64, 48, 0);
	img_measure_rgb(px, 64, 48, &a);
	for (i = 0; i < 64 * 48 * 3; i++)	/* slightly brighter */
		px[i] = (unsigned char)(px[i] + 8 > 255 ? 255 : px[i] + 8);
	img_measure_rgb(px, 64, 48, &b);
	other = scene(64, 48, 1);
	img_measure_rgb(other, 64, 48, &c);
	printf("# phash %016llx %016llx %016llx\n",
	    (unsigned long long)a.phash, (unsigned long long)b.phash,
	    (unsigned long long)c.phash);
	CHECK(hamming(a.phash, b.phash) <= 4);
	CHECK(hamming(a.dhash, b.dhash) <= 4);
	CHECK(hamming(a.phash, c.phash) >= 16);
	CHECK(hamming(a.dhash, c.dhash) >= 16);
	CHECK(b.bright_mean > a.bright_mean);
	CHECK(a.thumb_hash != b.thumb_hash);

	/* thumb_hash: same pixels, same hash; same bytes, other size, not. */
	img_measure_rgb(other, 64, 48, &b);
	CHECK(b.thumb_hash == c.thumb_hash && b.phash == c.phash);
	img_measure_rgb(other, 48, 64, &b);
	CHECK(b.thumb_hash != c.thumb_hash);
	other[100] ^= 1;
	img_measure_rgb(other, 64, 48, &b);
	CHECK(b.thumb_hash != c.thumb_hash);
	free(px);
	free(other);
}

static unsigned char *
read_whole(const char *path, size_t *len)
{
	unsigned char	*data;
	char		 why[IMG_REASON_MAX];

	if (img_read_file(path, &data, len, why) != 0) {
		printf("# %s: %s\n", path, why);
		return NULL;
	}
	return data;
}

/* An APP1 EXIF segment with only the orientation, after the JFIF APP0. */
static unsigned char *
with_exif(const unsigned char *jpg, size_t len, int o, size_t *outlen)
{
	static const unsigned char seg[] = {
		0xff, 0xe1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0
	};
	unsigned char	*out;
	size_t		 off = 4 + ((size_t)jpg[4] << 8 | jpg[5]);

	out = malloc(len + sizeof seg);
	memcpy(out, jpg, off);
	memcpy(out + off, seg, sizeof seg);
	out[off + 29] = (unsigned char)o;
	memcpy(out + off + sizeof seg, jpg + off, len - off);
	*outlen = len + sizeof seg;
	return out;
}

static void
test_probe_jpeg(void)
{
	struct img_info		 info;
	struct img_measures	 m, m6;
	unsigned char		*px, *data, *e;
	size_t			 len, elen;
	char			 why[IMG_REASON_MAX], path[64];

	px = scene(80, 40, 0);
	snprintf(path, sizeof path, "%s/a.jpg", tmpdir);
	CHECK_INT(img_write_jpeg(path, px, 80, 40, 92), 0);
	data = read_whole(path, &len);
	CHECK_INT(img_probe_measure(data, len, &info, &m, why), 0);
	CHECK(info.width == 80 && info.height == 40);
	CHECK(m.thumb_w == 64 && m.thumb_h == 32 && m.orientation == 1);

	/* Orientation 6: the landscape file gives a portrait thumbnail. */
	e = with_exif(data, len, 6, &elen);
	CHECK_INT(img_probe_measure(e, elen, &info, &m6, why), 0);
	CHECK(info.width == 80 && info.height == 40);
	CHECK_INT(m6.orientation, 6);
	CHECK(m6.thumb_w == 32 && m6.thumb_h == 64);
	CHECK(m6.bright_mean == m.bright_mean);
	CHECK(m6.phash != m.phash);
	free(e);
	e = with_exif(data, len, 3, &elen);
	CHECK_INT(img_probe_measure(e, elen, &info, &m6, why), 0);
	CHECK(m6.orientation == 3 && m6.thumb_w == 64 && m6.thumb_h == 32);
	free(e);

	/* Same verdict and reason as img_probe_mem(); *m zeroed. */
	CHECK_INT(img_probe_measure(data, len / 2, &info, &m, why), -1);
	CHECK_STR(why, "corrupt JPEG: Premature end of JPEG file");
	CHECK(m.thumb_w == 0 && m.phash == 0 && m.orientation == 0);
	CHECK_INT(img_probe_measure(data, len, &info, NULL, why), 0);
	free(data);
	free(px);
}

/* png as RGBA (opaque) with the fast-compression flag: same pixels. */
static unsigned char *
png_reencode(const unsigned char *rgb, int w, int h, size_t *len)
{
	png_image	 img;
	unsigned char	*rgba, *out;
	png_alloc_size_t n = 0;
	int		 i;

	rgba = malloc((size_t)w * h * 4);
	for (i = 0; i < w * h; i++) {
		memcpy(rgba + i * 4, rgb + i * 3, 3);
		rgba[i * 4 + 3] = 255;
	}
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGBA;
	img.flags = PNG_IMAGE_FLAG_FAST;
	if (!png_image_write_to_memory(&img, NULL, &n, 0, rgba, 0, NULL))
		return NULL;
	out = malloc(n);
	if (!png_image_write_to_memory(&img, out, &n, 0, rgba, 0, NULL))
		return NULL;
	free(rgba);
	*len = n;
	return out;
}

static void
test_probe_png(void)
{
	struct img_info		 info;
	struct img_measures	 a, b, c;
	struct img_thumb	 t;
	unsigned char		*px, *data, *re, *dec, *th;
	size_t			 len, relen = 0;
	char			 why[IMG_REASON_MAX], path[64];
	int			 w, h, y;

	px = scene(300, 200, 0);
	snprintf(path, sizeof path, "%s/a.png", tmpdir);
	CHECK_INT(img_write_png(path, px, 300, 200), 0);
	data = read_whole(path, &len);
	CHECK_INT(img_probe_measure(data, len, &info, &a, why), 0);
	CHECK(a.thumb_w == 64 && a.thumb_h == 43);
	re = png_reencode(px, 300, 200, &relen);
	CHECK(re != NULL && (relen != len || memcmp(re, data, len) != 0));
	CHECK_INT(img_probe_measure(re, relen, &info, &b, why), 0);
	CHECK_INT(info.channels, 4);
	CHECK(a.thumb_hash == b.thumb_hash);
	CHECK(a.phash == b.phash && a.dhash == b.dhash);

	/* img_decode_rgb round trip: the very pixels written. */
	CHECK_INT(img_decode_rgb(data, len, &dec, &w, &h, why), 0);
	CHECK(w == 300 && h == 200);
	CHECK(dec != NULL && memcmp(dec, px, (size_t)w * h * 3) == 0);

	/* The probe's thumbnail is the box filter of the full decode. */
	img_thumb_init(&t, w, h, 64, 43);
	for (y = 0; y < h; y++)
		img_thumb_add_row(&t, y, dec + (size_t)y * w * 3, 0, 1);
	th = malloc(64 * 43 * 3);
	img_thumb_finish(&t, th);
	img_measure_rgb(th, 64, 43, &c);
	CHECK(c.thumb_hash == a.thumb_hash);
	img_thumb_release(&t);
	img_thumb_release(&t);			/* twice is fine */
	free(th);
	free(dec);

	/* Refusals: the reason of img_probe_mem(), nothing allocated. */
	CHECK_INT(img_decode_rgb(data, len / 2, &dec, &w, &h, why), -1);
	CHECK(dec == NULL && w == 0 && h == 0 && why[0] != '\0');
	CHECK_INT(img_probe_measure(data, len / 2, &info, &a, why), -1);
	CHECK_STR(why, "corrupt PNG: premature end of file");
	CHECK(a.thumb_w == 0);
	free(re);
	free(data);
	free(px);
}

static void
test_decode_jpeg(void)
{
	unsigned char	*px, *data, *dec;
	size_t		 len, i;
	char		 why[IMG_REASON_MAX], path[64];
	long		 diff = 0;
	int		 w, h;

	px = scene(90, 70, 0);
	snprintf(path, sizeof path, "%s/b.jpg", tmpdir);
	CHECK_INT(img_write_jpeg(path, px, 90, 70, 95), 0);
	data = read_whole(path, &len);
	CHECK_INT(img_decode_rgb(data, len, &dec, &w, &h, why), 0);
	CHECK(w == 90 && h == 70);
	for (i = 0; dec != NULL && i < 90 * 70 * 3; i++)
		diff += labs((long)dec[i] - px[i]);
	printf("# mean abs error %.2f\n", diff / (90.0 * 70 * 3));
	CHECK(diff < 90 * 70 * 3 * 6);
	free(dec);
	CHECK_INT(img_decode_rgb(data, len / 2, &dec, &w, &h, why), -1);
	CHECK_STR(why, "corrupt JPEG: Premature end of JPEG file");
	CHECK(dec == NULL);
	CHECK_INT(img_decode_rgb((const unsigned char *)"GIF89a", 6, &dec,
	    &w, &h, why), -1);
	CHECK_INT(img_decode_rgb(NULL, 0, &dec, &w, &h, why), -1);
	CHECK_STR(why, "empty file");
	free(data);
	free(px);
}

static void
test_decode_limits(void)
{
	/* SOI, DQT, SOF0 claiming 60000x60000, SOS, EOI: no pixels. */
	static const unsigned char sof[] = {
		0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03,
		0x01, 0x22, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00, 0xff,
		0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11,
		0x00, 0x3f, 0x00, 0xff, 0xd9
	};
	unsigned char	jpg[7 + 64 + sizeof sof], *dec;
	char		why[IMG_REASON_MAX];
	int		w, h;

	memcpy(jpg, "\xff\xd8\xff\xdb\x00\x43\x00", 7);
	memset(jpg + 7, 1, 64);
	memcpy(jpg + 7 + 64, sof, sizeof sof);
	CHECK_INT(img_decode_rgb(jpg, sizeof jpg, &dec, &w, &h, why), -1);
	CHECK_STR(why, "image is 60000x60000, over the limit of 89478485"
	    " pixels; raise it with --max-pixels");
}

static void
cleanup(void)
{
	const char	*names[] = { "a.jpg", "a.png", "b.jpg" };
	char		 path[64];
	size_t		 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_flat();
	test_entropy_and_percentiles();
	test_sharpness();
	test_hashes();
	test_probe_jpeg();
	test_probe_png();
	test_decode_jpeg();
	test_decode_limits();
	cleanup();
	return unit_done();
}
