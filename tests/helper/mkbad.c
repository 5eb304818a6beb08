/*
 * tests/helper/mkbad.c: the image files of the bad-input corpus
 * (tests/t7000-bad-input.sh) that tests/helper/mkimg does not make, each
 * drawn from one known upright picture, and a checker that decodes a file
 * through img_decode_rgb() and compares it with that picture.
 *
 *   mkbad KIND OUT [WANT.ppm]	writes OUT; for a kind that must be
 *				accepted also WANT.ppm, the upright 8-bit
 *				RGB pixels a correct decoder gives
 *   mkbad cmp FILE WANT.ppm MAE	decodes FILE, prints "WxH mae M max D"
 *				and fails if the size differs or the mean
 *				absolute error is over MAE
 *
 * The picture is 64x48: red grows to the right, green downwards, and the
 * top-left 16x16 block is blue, so any flip or turn shows.  The expected
 * pixels are worked out here from the formats' definitions (EXIF's table
 * of orientations, Adobe's inverted CMYK, PNG's sample scaling and tRNS),
 * never by the code under test.  Test-only: dies on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "../../image/image.h"
#include "../../lib/err.h"
#include "../../lib/fs.h"

#define PIC_W		64
#define PIC_H		48
#define BOMB_SCANS	5000	/* scans in sos-bomb-jpeg */

/* The upright picture: channel c of pixel x, y. */
static unsigned
pic(int x, int y, int c)
{
	if (c == 0)
		return (unsigned)(x * 255 / (PIC_W - 1));
	if (c == 1)
		return (unsigned)(y * 255 / (PIC_H - 1));
	return x < 16 && y < 16 ? 255 : 40;
}

/*
 * Where stored pixel sx, sy of an image with EXIF orientation o shows in
 * the upright picture.  The tag says where the stored 0th row and 0th
 * column go: 2 row top, column right; 3 bottom, right; 4 bottom, left;
 * 5 row left, column top; 6 right, top; 7 right, bottom; 8 left, bottom.
 */
static void
exif_upright(int o, int sx, int sy, int *ux, int *uy)
{
	switch (o) {
	case 2: *ux = PIC_W - 1 - sx; *uy = sy; break;
	case 3: *ux = PIC_W - 1 - sx; *uy = PIC_H - 1 - sy; break;
	case 4: *ux = sx; *uy = PIC_H - 1 - sy; break;
	case 5: *ux = sy; *uy = sx; break;
	case 6: *ux = PIC_W - 1 - sy; *uy = sx; break;
	case 7: *ux = PIC_W - 1 - sy; *uy = PIC_H - 1 - sx; break;
	case 8: *ux = sy; *uy = PIC_H - 1 - sx; break;
	default: *ux = sx; *uy = sy; break;
	}
}

/* Writes a new file (an existing one is an error), or dies. */
static void
write_file(const char *path, const void *p, size_t n)
{
	char	why[256];

	if (fs_write_new(path, p, n, why) != 0)
		die("cannot write '%s': %s", path, why);
}

/* What px() gives for every upright pixel, as a binary PPM. */
static void
write_want(const char *path, unsigned (*px)(int, int, int))
{
	unsigned char	*buf, *q;
	char		 head[32];
	int		 x, y, c, n;

	n = snprintf(head, sizeof head, "P6\n%d %d\n255\n", PIC_W, PIC_H);
	buf = q = xmalloc((size_t)n + PIC_W * PIC_H * 3);
	memcpy(q, head, (size_t)n);
	q += n;
	for (y = 0; y < PIC_H; y++)
		for (x = 0; x < PIC_W; x++)
			for (c = 0; c < 3; c++)
				*q++ = (unsigned char)px(x, y, c);
	write_file(path, buf, (size_t)(q - buf));
	free(buf);
}

/*
 * CMYK as Adobe writes it in JPEG (and libjpeg passes it through): each
 * byte is 255 minus the ink.  The inks: cyan against the red of the
 * picture, magenta against its green, yellow against its blue, and black
 * 0 in the top half, 80 in the bottom one.  So the true colour is
 * (255 - ink) * (255 - black) / 255 per channel.
 */
static unsigned
cmyk_ink(int x, int y, int c)
{
	return c == 3 ? (y < 32 ? 0 : 80) : 255 - pic(x, y, c);
}

static unsigned
cmyk_rgb(int x, int y, int c)
{
	return ((255 - cmyk_ink(x, y, c)) * (255 - cmyk_ink(x, y, 3)) +
	    127) / 255;
}

/* A big-endian or little-endian TIFF with IFD0 = { orientation o }. */
static size_t
exif_app1(unsigned char *seg, int o)
{
	static const unsigned char mm[] = { 'M', 'M', 0, 42, 0, 0, 0, 8,
	    0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned char ii[] = { 'I', 'I', 42, 0, 8, 0, 0, 0,
	    1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

	memcpy(seg, "Exif\0\0", 6);
	/* Odd orientations big-endian, even ones little-endian. */
	memcpy(seg + 6, o % 2 ? mm : ii, sizeof mm);
	seg[6 + 18 + (o % 2 ? 1 : 0)] = (unsigned char)o;
	return 6 + sizeof mm;
}

/* A made-up but well-formed ICC header, padded to n bytes with zeros. */
static unsigned char *
icc_profile(size_t n)
{
	unsigned char	*p = xcalloc(n, 1);

	p[0] = (unsigned char)(n >> 24);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	memcpy(p + 8, "\x02\x10\0\0mntrRGB XYZ ", 16);
	memcpy(p + 36, "acsp", 4);
	return p;
}

enum jpeg_kind { J_RGB, J_CMYK, J_YCCK, J_ICC, J_EXIF, J_PROGRESSIVE };

/*
 * The picture as a JPEG (quality 95, libjpeg's defaults otherwise), stored
 * so that EXIF orientation o turns it upright; *len bytes, malloc()ed.
 */
static unsigned char *
jpeg_make(enum jpeg_kind kind, int o, unsigned long *len)
{
	struct jpeg_compress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	unsigned char			*mem = NULL, *row, *icc, seg[64];
	int				 sw, sh, nc, x, y, c, ux, uy;

	sw = o >= 5 ? PIC_H : PIC_W;
	sh = o >= 5 ? PIC_W : PIC_H;
	nc = kind == J_CMYK || kind == J_YCCK ? 4 : 3;
	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	*len = 0;
	jpeg_mem_dest(&cinfo, &mem, len);
	cinfo.image_width = (JDIMENSION)sw;
	cinfo.image_height = (JDIMENSION)sh;
	cinfo.input_components = nc;
	cinfo.in_color_space = nc == 4 ? JCS_CMYK : JCS_RGB;
	jpeg_set_defaults(&cinfo);
	if (kind == J_YCCK)
		jpeg_set_colorspace(&cinfo, JCS_YCCK);
	if (kind == J_PROGRESSIVE)
		jpeg_simple_progression(&cinfo);
	jpeg_set_quality(&cinfo, 95, TRUE);
	jpeg_start_compress(&cinfo, TRUE);
	if (kind == J_EXIF)
		jpeg_write_marker(&cinfo, JPEG_APP0 + 1, seg,
		    (unsigned)exif_app1(seg, o));
	if (kind == J_ICC) {
		/* Over one APP2 segment's 65519 bytes: it takes two. */
		icc = icc_profile(100000);
		jpeg_write_icc_profile(&cinfo, icc, 100000);
		free(icc);
	}
	row = xmallocarray((size_t)sw, (size_t)nc);
	for (y = 0; y < sh; y++) {
		for (x = 0; x < sw; x++) {
			exif_upright(o, x, y, &ux, &uy);
			for (c = 0; c < nc; c++)
				row[x * nc + c] = (unsigned char)(nc == 4 ?
				    255 - cmyk_ink(ux, uy, c) : pic(ux, uy, c));
		}
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	free(row);
	return mem;
}

/* Offset of the next marker at or after off, past entropy-coded data. */
static size_t
jpeg_skip_entropy(const unsigned char *p, size_t len, size_t off)
{
	while (off + 1 < len && !(p[off] == 0xff && p[off + 1] != 0 &&
	    (p[off + 1] < 0xd0 || p[off + 1] > 0xd7)))
		off++;
	return off;
}

/*
 * A progressive JPEG whose last scan (an AC refinement) is repeated until
 * the file holds BOMB_SCANS scans.  Each copy is a full pass over the
 * coefficients for a decoder without a scan limit; libjpeg itself only
 * warns that the progression is bogus.
 */
static void
sos_bomb(const char *out)
{
	unsigned char	*mem, *buf, *q;
	unsigned long	 len;
	size_t		 off = 2, last = 0, seg, scan, nscans = 0, i;

	mem = jpeg_make(J_PROGRESSIVE, 1, &len);
	while (off + 4 <= len && mem[off] == 0xff && mem[off + 1] != 0xd9) {
		seg = 2 + ((size_t)mem[off + 2] << 8 | mem[off + 3]);
		if (mem[off + 1] == 0xda) {
			last = off;
			nscans++;
			off = jpeg_skip_entropy(mem, len, off + seg);
		} else
			off += seg;
	}
	if (nscans == 0 || off + 2 > len || mem[off] != 0xff ||
	    mem[off + 1] != 0xd9)
		die("sos-bomb: unexpected JPEG layout");
	scan = off - last;		/* the SOS segment and its data */
	buf = q = xmalloc(off + (BOMB_SCANS - nscans) * scan + 2);
	memcpy(q, mem, off);
	q += off;
	for (i = nscans; i < BOMB_SCANS; i++, q += scan)
		memcpy(q, mem + last, scan);
	memcpy(q, "\xff\xd9", 2);
	write_file(out, buf, (size_t)(q + 2 - buf));
	free(buf);
	free(mem);
}

/*
 * A palette of 256 colours, each index i = 4 * column + (row / 16):
 * red follows the column, green the band of rows; tRNS makes every
 * index with i % 4 == 1 fully transparent and i % 4 == 2 half (alpha
 * 128).  Transparent pixels are shown over mid-grey (128), as maskcat
 * documents, on the 8-bit values: c * a / 255 + 128 * (255 - a) / 255.
 */
static unsigned
pal_colour(int i, int c)
{
	if (c == 0)
		return (unsigned)(i / 4 * 4);
	return c == 1 ? (unsigned)(i % 4 * 80) : 200;
}

static unsigned
pal_alpha(int i)
{
	return i % 4 == 1 ? 0 : i % 4 == 2 ? 128 : 255;
}

static int
pal_index(int x, int y)
{
	return x * 4 + y / 16;
}

static unsigned
pal_rgb(int x, int y, int c)
{
	int	i = pal_index(x, y);

	return (pal_colour(i, c) * pal_alpha(i) + 128 * (255 - pal_alpha(i)) +
	    127) / 255;
}

/*
 * 16-bit samples near the picture's 8-bit values: v * 257 plus a wobble
 * of up to +-100, which PNG's scaling to 8 bits (round(s * 255 / 65535))
 * takes back to v.
 */
static unsigned
rgb16(int x, int y, int c)
{
	long	v;

	v = (long)pic(x, y, c) * 257 + (x * 7 + y * 3 + c * 5) % 201 - 100;

	return v < 0 ? 0 : v > 65535 ? 65535 : (unsigned)v;
}

enum png_kind { P_RGB16, P_PALETTE, P_INTERLACED };

/* Row y of the picture, as a PNG of this kind stores it. */
static void
png_row(enum png_kind kind, int y, unsigned char *row)
{
	unsigned	v;
	int		x, c;

	for (x = 0; x < PIC_W; x++)
		for (c = 0; c < 3; c++) {
			if (kind == P_PALETTE)
				row[x] = (unsigned char)pal_index(x, y);
			else if (kind == P_RGB16) {
				v = rgb16(x, y, c);	/* big-endian */
				row[x * 6 + c * 2] = (unsigned char)(v >> 8);
				row[x * 6 + c * 2 + 1] = (unsigned char)v;
			} else
				row[x * 3 + c] = (unsigned char)pic(x, y, c);
		}
}

/* The picture as a PNG of the given kind, written with libpng. */
static void
png_make(enum png_kind kind, const char *out)
{
	png_structp	 png;
	png_infop	 info;
	png_color	 pal[256];
	png_byte	 trns[256];
	unsigned char	*row;
	FILE		*fp;
	int		 y, i, pass, passes;

	if ((fp = fopen(out, "wb")) == NULL)
		die("cannot create '%s'", out);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	if (png == NULL || info == NULL || setjmp(png_jmpbuf(png)))
		die("cannot encode '%s'", out);
	png_init_io(png, fp);
	png_set_IHDR(png, info, PIC_W, PIC_H, kind == P_RGB16 ? 16 : 8,
	    kind == P_PALETTE ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB,
	    kind == P_INTERLACED ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (kind == P_PALETTE) {
		for (i = 0; i < 256; i++) {
			pal[i].red = (png_byte)pal_colour(i, 0);
			pal[i].green = (png_byte)pal_colour(i, 1);
			pal[i].blue = (png_byte)pal_colour(i, 2);
			trns[i] = (png_byte)pal_alpha(i);
		}
		png_set_PLTE(png, info, pal, 256);
		png_set_tRNS(png, info, trns, 256, NULL);
	}
	png_write_info(png, info);
	row = xmalloc(PIC_W * 6);
	passes = png_set_interlace_handling(png);
	for (pass = 0; pass < passes; pass++)
		for (y = 0; y < PIC_H; y++) {
			png_row(kind, y, row);
			png_write_row(png, row);
		}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	if (fclose(fp) != 0)
		die("cannot write '%s'", out);
}

/* A binary PPM as this file writes them; dies on anything else. */
static unsigned char *
read_ppm(const char *path, int *w, int *h)
{
	unsigned char	*data, *px;
	size_t		 len;
	char		 why[IMG_REASON_MAX];
	int		 n = 0;

	if (img_read_file(path, &data, &len, why) != 0)
		die("'%s': %s", path, why);
	if (sscanf((char *)data, "P6 %d %d 255%n", w, h, &n) != 2 || n == 0 ||
	    *w < 1 || *h < 1 || len - (size_t)n - 1 != (size_t)*w * *h * 3)
		die("'%s': not a PPM from mkbad", path);
	px = xmalloc(len - (size_t)n - 1);
	memcpy(px, data + n + 1, len - (size_t)n - 1);
	free(data);
	return px;
}

/* mkbad cmp FILE WANT.ppm MAE: see the comment at the top. */
static int
cmp(const char *file, const char *want, double max_mae)
{
	unsigned char	*data = NULL, *got = NULL, *exp;
	size_t		 len, i, n;
	char		 why[IMG_REASON_MAX];
	double		 sum = 0;
	int		 w, h, ew, eh, d, dmax = 0, rc = 1;

	exp = read_ppm(want, &ew, &eh);
	if (img_read_file(file, &data, &len, why) != 0 ||
	    img_decode_rgb(data, len, &got, &w, &h, why) != 0)
		printf("%s\n", why);
	else if (w != ew || h != eh)
		printf("%dx%d, want %dx%d\n", w, h, ew, eh);
	else {
		n = (size_t)w * h * 3;
		for (i = 0; i < n; i++) {
			d = abs((int)got[i] - (int)exp[i]);
			sum += d;
			if (d > dmax)
				dmax = d;
		}
		printf("%dx%d mae %.2f max %d\n", w, h, sum / (double)n, dmax);
		rc = sum / (double)n > max_mae;
	}
	free(data);
	free(got);
	free(exp);
	return rc;
}

/* Writes a JPEG made by jpeg_make() to 'out'. */
static void
jpeg_file(enum jpeg_kind kind, int o, const char *out)
{
	unsigned char	*mem;
	unsigned long	 len;

	mem = jpeg_make(kind, o, &len);
	write_file(out, mem, len);
	free(mem);
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: mkbad KIND OUT [WANT.ppm]\n"
	    "       mkbad cmp FILE WANT.ppm MAE\n"
	    "kinds: rgb-jpeg cmyk-jpeg ycck-jpeg icc-jpeg exif-N-jpeg (N 1-8)\n"
	    "       rgb16-png palette-trns-png interlaced-png sos-bomb-jpeg\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	unsigned	(*want)(int, int, int) = pic;
	const char	*kind, *out;
	int		 o;

	if (argc == 5 && strcmp(argv[1], "cmp") == 0)
		return cmp(argv[2], argv[3], atof(argv[4]));
	if (argc != 3 && argc != 4)
		usage();
	kind = argv[1];
	out = argv[2];
	if (strcmp(kind, "rgb-jpeg") == 0)
		jpeg_file(J_RGB, 1, out);
	else if (strcmp(kind, "cmyk-jpeg") == 0 ||
	    strcmp(kind, "ycck-jpeg") == 0) {
		jpeg_file(kind[0] == 'c' ? J_CMYK : J_YCCK, 1, out);
		want = cmyk_rgb;
	} else if (strcmp(kind, "icc-jpeg") == 0)
		jpeg_file(J_ICC, 1, out);
	else if (sscanf(kind, "exif-%d-jpeg", &o) == 1 && o >= 1 && o <= 8)
		jpeg_file(J_EXIF, o, out);
	else if (strcmp(kind, "rgb16-png") == 0)
		png_make(P_RGB16, out);
	else if (strcmp(kind, "palette-trns-png") == 0) {
		png_make(P_PALETTE, out);
		want = pal_rgb;
	} else if (strcmp(kind, "interlaced-png") == 0)
		png_make(P_INTERLACED, out);
	else if (strcmp(kind, "sos-bomb-jpeg") == 0)
		sos_bomb(out);
	else
		usage();
	if (argc == 4)
		write_want(argv[3], want);
	return 0;
}
