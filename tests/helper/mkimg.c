/*
 * tests/helper/mkimg.c: makes image fixtures for the tests, good and bad,
 * so that no test image needs to be committed; "mkimg probe FILE..."
 * runs img_probe_mem() on files and "mkimg measure FILE..."
 * img_probe_measure().
 *
 *   mkimg KIND OUT [W H]
 *   mkimg probe FILE...
 *   mkimg measure FILE...
 *
 * Test-only code: it writes with plain fopen() and dies on any error.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "../../image/image.h"
#include "../../lib/err.h"

/* A growable byte buffer for files built in memory. */
struct bytes {
	unsigned char	*p;
	size_t		 len;
	size_t		 cap;
};

static void
bytes_add(struct bytes *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
bytes_be32(struct bytes *b, unsigned long v)
{
	unsigned char	c[4] = { v >> 24, v >> 16, v >> 8, v };

	bytes_add(b, c, 4);
}

static void
bytes_le32(struct bytes *b, unsigned long v)
{
	unsigned char	c[4] = { v, v >> 8, v >> 16, v >> 24 };

	bytes_add(b, c, 4);
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL)
		die("cannot create '%s'", path);
	if ((n > 0 && fwrite(p, 1, n, fp) != n) || fclose(fp) != 0)
		die("cannot write '%s'", path);
}

/* A gradient with some texture, so the encoders have work to do. */
static unsigned char *
gradient(int w, int h, int channels)
{
	unsigned char	*px, *q;
	int		 x, y, c;

	px = xmallocarray((size_t)w * h, (size_t)channels);
	q = px;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			for (c = 0; c < channels; c++)
				*q++ = c == 0 ? x * 255 / (w > 1 ? w - 1 : 1) :
				    c == 1 ? y * 255 / (h > 1 ? h - 1 : 1) :
				    c == 2 ? ((x ^ y) * 7) & 255 :
				    (x + y) & 255;
	return px;
}

/* JPEG in memory; libjpeg's default error handler exits on failure. */
static void
jpeg_encode(struct bytes *out, int w, int h, J_COLOR_SPACE cs,
    int progressive)
{
	struct jpeg_compress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	unsigned char			*px, *mem = NULL;
	unsigned long			 memlen = 0;
	JSAMPROW			 row;
	int				 nc;

	nc = cs == JCS_GRAYSCALE ? 1 : cs == JCS_CMYK ? 4 : 3;
	px = gradient(w, h, nc);
	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, &mem, &memlen);
	cinfo.image_width = w;
	cinfo.image_height = h;
	cinfo.input_components = nc;
	cinfo.in_color_space = cs;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, 90, TRUE);
	if (progressive)
		jpeg_simple_progression(&cinfo);
	jpeg_start_compress(&cinfo, TRUE);
	while (cinfo.next_scanline < cinfo.image_height) {
		row = px + (size_t)cinfo.next_scanline * w * nc;
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	bytes_add(out, mem, memlen);
	free(mem);
	free(px);
}

/*
 * A valid grey baseline JPEG of w x h written straight to 'path' one row
 * at a time, so an image over the default pixel limit costs one row of
 * memory and little time: a soft ramp at quality 50.
 */
static void
big_jpeg(const char *path, int w, int h)
{
	struct jpeg_compress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	unsigned char			*row;
	FILE				*fp;
	int				 x;

	if ((fp = fopen(path, "wb")) == NULL)
		die("cannot create '%s'", path);
	row = xmalloc((size_t)w);
	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	jpeg_stdio_dest(&cinfo, fp);
	cinfo.image_width = w;
	cinfo.image_height = h;
	cinfo.input_components = 1;
	cinfo.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, 50, TRUE);
	jpeg_start_compress(&cinfo, TRUE);
	while (cinfo.next_scanline < cinfo.image_height) {
		for (x = 0; x < w; x++)
			row[x] = (unsigned char)(64 + ((x / 64 +
			    (int)cinfo.next_scanline / 64) & 127));
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	free(row);
	if (fclose(fp) != 0)
		die("cannot write '%s'", path);
}

struct png_opts {
	int	color_type;
	int	bit_depth;
	int	interlace;
	int	level;		/* zlib level; 0 stores rows */
	int	idat_max;	/* IDAT size, 0 for libpng's default */
};

static void
png_write_mem(png_structp png, png_bytep p, size_t n)
{
	bytes_add(png_get_io_ptr(png), p, n);
}

static void
png_flush_mem(png_structp png)
{
	(void)png;
}

/* PNG in memory through the low-level API, for the unusual layouts. */
static void
png_encode(struct bytes *out, int w, int h, const struct png_opts *o)
{
	png_structp	 png;
	png_infop	 info;
	png_color	 pal[256];
	png_byte	 trns[256];
	unsigned char	*row;
	size_t		 rowbytes;
	int		 x, y, i, nc, pass, passes;

	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
	    NULL);
	info = png_create_info_struct(png);
	if (png == NULL || info == NULL || setjmp(png_jmpbuf(png)))
		die("cannot encode PNG");
	png_set_write_fn(png, out, png_write_mem, png_flush_mem);
	png_set_IHDR(png, info, w, h, o->bit_depth, o->color_type,
	    o->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (o->color_type == PNG_COLOR_TYPE_PALETTE) {
		for (i = 0; i < 256; i++) {
			pal[i].red = i;
			pal[i].green = 255 - i;
			pal[i].blue = (i * 3) & 255;
			trns[i] = i < 16 ? i * 16 : 255;
		}
		png_set_PLTE(png, info, pal, 256);
		png_set_tRNS(png, info, trns, 256, NULL);
	}
	if (o->level >= 0) {
		png_set_compression_level(png, o->level);
		png_set_filter(png, 0, PNG_FILTER_NONE);
	}
	if (o->idat_max > 0)
		png_set_compression_buffer_size(png, o->idat_max);
	png_write_info(png, info);
	if (o->bit_depth == 16)
		png_set_swap(png);	/* rows below are little-endian */
	nc = o->color_type == PNG_COLOR_TYPE_GRAY ? 1 :
	    o->color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 :
	    o->color_type == PNG_COLOR_TYPE_PALETTE ? 1 :
	    o->color_type == PNG_COLOR_TYPE_RGB ? 3 : 4;
	rowbytes = (size_t)w * nc * (o->bit_depth / 8);
	row = xmalloc(rowbytes);
	passes = png_set_interlace_handling(png);
	for (pass = 0; pass < passes; pass++)
		for (y = 0; y < h; y++) {
			for (x = 0; x < (int)rowbytes; x++)
				row[x] = (x * 5 + y * 3) & 255;
			png_write_row(png, row);
		}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
}

/*
 * A progressive JPEG of 1 + 3 * 63 * 6 = 1135 scans: one DC scan, then
 * every AC coefficient of every component on its own, first at Al 5 and
 * refined one bit at a time.  Valid, and over the default scan limit, 1000.
 */
static void
many_scans_jpeg(struct bytes *out, int w, int h)
{
	struct jpeg_compress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	jpeg_scan_info			*scans, *s;
	unsigned char			*px, *mem = NULL;
	unsigned long			 memlen = 0;
	JSAMPROW			 row;
	int				 c, k, al;

	px = gradient(w, h, 3);
	scans = s = xmallocarray(1 + 3 * 63 * 6, sizeof *scans);
	memset(s, 0, sizeof *s);
	s->comps_in_scan = 3;
	s->component_index[1] = 1;
	s->component_index[2] = 2;
	s++;
	for (c = 0; c < 3; c++)
		for (k = 1; k < 64; k++)
			for (al = 5; al >= 0; al--, s++) {
				memset(s, 0, sizeof *s);
				s->comps_in_scan = 1;
				s->component_index[0] = c;
				s->Ss = s->Se = k;
				s->Ah = al == 5 ? 0 : al + 1;
				s->Al = al;
			}
	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, &mem, &memlen);
	cinfo.image_width = w;
	cinfo.image_height = h;
	cinfo.input_components = 3;
	cinfo.in_color_space = JCS_RGB;
	jpeg_set_defaults(&cinfo);
	cinfo.scan_info = scans;
	cinfo.num_scans = (int)(s - scans);
	jpeg_start_compress(&cinfo, TRUE);
	while (cinfo.next_scanline < cinfo.image_height) {
		row = px + (size_t)cinfo.next_scanline * w * 3;
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	bytes_add(out, mem, memlen);
	free(mem);
	free(scans);
	free(px);
}

static const struct png_opts png_plain = { PNG_COLOR_TYPE_RGB, 8, 0, -1, 0 };

/* The first chunk named 'type' after the signature, or die. */
static size_t
png_find_chunk(const struct bytes *b, const char *type)
{
	size_t		off = 8;
	unsigned long	n;

	while (off + 8 <= b->len) {
		n = (unsigned long)b->p[off] << 24 | b->p[off + 1] << 16 |
		    b->p[off + 2] << 8 | b->p[off + 3];
		if (memcmp(b->p + off + 4, type, 4) == 0)
			return off;
		off += 12 + n;
	}
	die("no %s chunk", type);
}

/*
 * A JPEG header claiming w x h, built by hand: SOI, one quantisation
 * table, SOF0 with three components, SOS, EOI, and no scan data at all.
 */
static void
huge_jpeg_header(struct bytes *b, int w, int h)
{
	static const unsigned char soi[] = { 0xff, 0xd8 };
	static const unsigned char dqt[] = { 0xff, 0xdb, 0x00, 0x43, 0x00 };
	static const unsigned char sos[] = { 0xff, 0xda, 0x00, 0x0c, 0x03,
	    0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00 };
	static const unsigned char eoi[] = { 0xff, 0xd9 };
	unsigned char	q[64], sof[19] = { 0xff, 0xc0, 0x00, 0x11, 0x08,
	    h >> 8, h, w >> 8, w, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x00,
	    0x03, 0x11, 0x00 };

	memset(q, 1, sizeof q);
	bytes_add(b, soi, sizeof soi);
	bytes_add(b, dqt, sizeof dqt);
	bytes_add(b, q, sizeof q);
	bytes_add(b, sof, sizeof sof);
	bytes_add(b, sos, sizeof sos);
	bytes_add(b, eoi, sizeof eoi);
}

/* The PNG signature and an IHDR (with its right CRC), then nothing. */
static void
huge_png_header(struct bytes *b, unsigned long w, unsigned long h)
{
	struct bytes	ihdr = { 0 };
	unsigned char	rest[5] = { 8, PNG_COLOR_TYPE_RGB, 0, 0, 0 };

	bytes_add(b, "\x89PNG\r\n\x1a\n", 8);
	bytes_add(&ihdr, "IHDR", 4);
	bytes_be32(&ihdr, w);
	bytes_be32(&ihdr, h);
	bytes_add(&ihdr, rest, sizeof rest);
	bytes_be32(b, 13);
	bytes_add(b, ihdr.p, ihdr.len);
	bytes_be32(b, crc32(crc32(0, Z_NULL, 0), ihdr.p, ihdr.len));
	free(ihdr.p);
}

/* Just enough of the unsupported formats for the sniffer. */
static void
other_format(struct bytes *b, const char *kind)
{
	static const unsigned char gif[] = {
		'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0,
		0, 0, 0, 0xff, 0xff, 0xff,			/* palette */
		0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0,		/* image */
		2, 2, 0x44, 0x01, 0, 0x3b			/* data, end */
	};
	static const unsigned char bmp_info[] = {
		40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0,
		0, 0, 0, 0, 4, 0, 0, 0, 0x13, 0x0b, 0, 0, 0x13, 0x0b, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 0
	};
	static const unsigned char tiff[] = {
		'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0
	};

	if (strcmp(kind, "gif") == 0)
		bytes_add(b, gif, sizeof gif);
	else if (strcmp(kind, "webp") == 0) {
		bytes_add(b, "RIFF", 4);
		bytes_le32(b, 4 + 8 + 6);
		bytes_add(b, "WEBPVP8L", 8);
		bytes_le32(b, 5);
		bytes_add(b, "\x2f\0\0\0\0\0", 6);	/* 1x1, padded */
	} else if (strcmp(kind, "bmp") == 0) {
		bytes_add(b, "BM", 2);
		bytes_le32(b, 14 + 40 + 4);
		bytes_le32(b, 0);
		bytes_le32(b, 14 + 40);
		bytes_add(b, bmp_info, sizeof bmp_info);
	} else if (strcmp(kind, "tiff") == 0)
		bytes_add(b, tiff, sizeof tiff);
	else if (strcmp(kind, "heif") == 0) {
		bytes_be32(b, 24);
		bytes_add(b, "ftypheic\0\0\0\0mif1heic", 20);
	} else
		bytes_add(b, "this is not an image\n", 21);
}

static int
probe(int argc, char **argv)
{
	struct img_info	 info;
	unsigned char	*data;
	size_t		 len;
	char		 why[IMG_REASON_MAX];
	int		 i, rc = 0, ok;

	for (i = 0; i < argc; i++) {
		ok = img_read_file(argv[i], &data, &len, why) == 0 &&
		    img_probe_mem(data, len, &info, why) == 0;
		if (argc > 1)
			printf("%s: ", argv[i]);
		if (ok)
			printf("%s %dx%d %d\n", img_format_name(info.format),
			    info.width, info.height, info.channels);
		else
			printf("%s\n", why);
		if (!ok)
			rc = 1;
		free(data);
	}
	return rc;
}

/*
 * An APP1 EXIF segment with IFD0 holding only the orientation (a SHORT),
 * big-endian ("MM") when be is set, inserted after the JFIF APP0 segment.
 */
static void
jpeg_add_exif(struct bytes *b, int orientation, int be)
{
	unsigned char	seg[2 + 2 + 6 + 8 + 2 + 12 + 4];
	unsigned char	*t = seg + 10, *e = t + 10;
	size_t		 off;

	memset(seg, 0, sizeof seg);
	seg[0] = 0xff;
	seg[1] = 0xe1;
	seg[2] = (sizeof seg - 2) >> 8;
	seg[3] = (sizeof seg - 2) & 255;
	memcpy(seg + 4, "Exif\0\0", 6);
	memcpy(t, be ? "MM\0*\0\0\0\x08" : "II*\0\x08\0\0\0", 8);
	t[be ? 9 : 8] = 1;				/* one entry */
	e[be ? 0 : 1] = 0x01;				/* tag 0x0112 */
	e[be ? 1 : 0] = 0x12;
	e[be ? 3 : 2] = 3;				/* SHORT */
	e[be ? 7 : 4] = 1;				/* count 1 */
	e[be ? 9 : 8] = (unsigned char)orientation;
	off = 4 + ((size_t)b->p[4] << 8 | b->p[5]);	/* after APP0 */
	b->p = xrealloc(b->p, b->len + sizeof seg);
	memmove(b->p + off + sizeof seg, b->p + off, b->len - off);
	memcpy(b->p + off, seg, sizeof seg);
	b->len += sizeof seg;
}

/*
 * One line per file: "phash dhash thumb_hash p1 p99 mean sharpness
 * entropy colour orientation WxH", or the reason of a refusal (exit 1).
 */
static int
measure(int argc, char **argv)
{
	struct img_info		 info;
	struct img_measures	 m;
	unsigned char		*data;
	size_t			 len;
	char			 why[IMG_REASON_MAX];
	int			 i, rc = 0, ok;

	for (i = 0; i < argc; i++) {
		ok = img_read_file(argv[i], &data, &len, why) == 0 &&
		    img_probe_measure(data, len, &info, &m, why) == 0;
		if (argc > 1)
			printf("%s: ", argv[i]);
		if (ok)
			printf("%016llx %016llx %016llx %.3f %.3f %.3f %.3f"
			    " %.3f %.3f %d %dx%d\n",
			    (unsigned long long)m.phash,
			    (unsigned long long)m.dhash,
			    (unsigned long long)m.thumb_hash, m.bright_p1,
			    m.bright_p99, m.bright_mean, m.sharpness,
			    m.entropy, m.colour, m.orientation, m.thumb_w,
			    m.thumb_h);
		else {
			printf("%s\n", why);
			rc = 1;
		}
		free(data);
	}
	return rc;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: mkimg KIND OUT [W H]\n"
	    "       mkimg probe FILE...\n"
	    "       mkimg measure FILE...\n"
	    "kinds: jpeg grey-jpeg cmyk-jpeg progressive-jpeg extraneous-jpeg\n"
	    "       many-scans-jpeg exif-jpeg-N exif-le-jpeg-N (N: orientation)\n"
	    "       big-jpeg (grey, written row by row: any size)\n"
	    "       png rgba-png palette-png grey16-png interlaced-png\n"
	    "       plain-png stored-png (the pixels of interlaced-png)\n"
	    "       truncated-jpeg truncated-png badcrc-png\n"
	    "       huge-jpeg-header huge-png-header\n"
	    "       gif webp bmp tiff heif text\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct png_opts	 o = png_plain;
	struct bytes	 b = { 0 };
	unsigned char	*px;
	const char	*kind, *out;
	int		 w = 64, h = 48;
	size_t		 off;

	if (argc >= 3 && strcmp(argv[1], "probe") == 0)
		return probe(argc - 2, argv + 2);
	if (argc >= 3 && strcmp(argv[1], "measure") == 0)
		return measure(argc - 2, argv + 2);
	if (argc != 3 && argc != 5)
		usage();
	kind = argv[1];
	out = argv[2];
	if (argc == 5) {
		w = atoi(argv[3]);
		h = atoi(argv[4]);
		if (w < 1 || h < 1)
			usage();
	}

	if (strcmp(kind, "jpeg") == 0 || strcmp(kind, "png") == 0) {
		/* Through the code under test: atomic, 8-bit RGB. */
		px = gradient(w, h, 3);
		if ((kind[0] == 'j' ? img_write_jpeg(out, px, w, h, 90) :
		    img_write_png(out, px, w, h)) != 0)
			return 1;
		free(px);
		return 0;
	} else if (strcmp(kind, "grey-jpeg") == 0)
		jpeg_encode(&b, w, h, JCS_GRAYSCALE, 0);
	else if (strcmp(kind, "cmyk-jpeg") == 0)
		jpeg_encode(&b, w, h, JCS_CMYK, 0);
	else if (strcmp(kind, "progressive-jpeg") == 0)
		jpeg_encode(&b, w, h, JCS_RGB, 1);
	else if (strcmp(kind, "big-jpeg") == 0) {
		big_jpeg(out, w, h);
		return 0;
	}
	else if (strncmp(kind, "exif-jpeg-", 10) == 0) {
		jpeg_encode(&b, w, h, JCS_RGB, 0);
		jpeg_add_exif(&b, atoi(kind + 10), 1);
	} else if (strncmp(kind, "exif-le-jpeg-", 13) == 0) {
		jpeg_encode(&b, w, h, JCS_RGB, 0);
		jpeg_add_exif(&b, atoi(kind + 13), 0);
	} else if (strcmp(kind, "plain-png") == 0)
		png_encode(&b, w, h, &o);
	else if (strcmp(kind, "stored-png") == 0) {
		o.level = 0;
		png_encode(&b, w, h, &o);
	} else if (strcmp(kind, "many-scans-jpeg") == 0)
		many_scans_jpeg(&b, w, h);
	else if (strcmp(kind, "extraneous-jpeg") == 0) {
		/* Three junk bytes after the JFIF APP0 segment. */
		jpeg_encode(&b, w, h, JCS_RGB, 0);
		off = 4 + ((size_t)b.p[4] << 8 | b.p[5]);
		b.p = xrealloc(b.p, b.len + 3);
		memmove(b.p + off + 3, b.p + off, b.len - off);
		memcpy(b.p + off, "\1\2\3", 3);
		b.len += 3;
	} else if (strcmp(kind, "truncated-jpeg") == 0) {
		jpeg_encode(&b, w, h, JCS_RGB, 0);
		b.len /= 2;
	} else if (strcmp(kind, "rgba-png") == 0) {
		o.color_type = PNG_COLOR_TYPE_RGB_ALPHA;
		png_encode(&b, w, h, &o);
	} else if (strcmp(kind, "palette-png") == 0) {
		o.color_type = PNG_COLOR_TYPE_PALETTE;
		png_encode(&b, w, h, &o);
	} else if (strcmp(kind, "grey16-png") == 0) {
		o.color_type = PNG_COLOR_TYPE_GRAY;
		o.bit_depth = 16;
		png_encode(&b, w, h, &o);
	} else if (strcmp(kind, "interlaced-png") == 0) {
		o.interlace = 1;
		png_encode(&b, w, h, &o);
	} else if (strcmp(kind, "truncated-png") == 0) {
		png_encode(&b, w, h, &o);
		b.len /= 2;
	} else if (strcmp(kind, "badcrc-png") == 0) {
		/*
		 * Stored (level 0) deflate blocks in small IDAT chunks: the
		 * flipped byte is a pixel, which zlib cannot notice, so the
		 * first IDAT's CRC is what fails.
		 */
		o.level = 0;
		o.idat_max = 256;
		png_encode(&b, w, h, &o);
		off = png_find_chunk(&b, "IDAT");
		b.p[off + 8 + 20] ^= 0x55;
	} else if (strcmp(kind, "huge-jpeg-header") == 0) {
		if (argc != 5 || w > 65535 || h > 65535)
			usage();
		huge_jpeg_header(&b, w, h);
	} else if (strcmp(kind, "huge-png-header") == 0) {
		if (argc != 5)
			usage();
		huge_png_header(&b, w, h);
	} else if (strcmp(kind, "gif") == 0 || strcmp(kind, "webp") == 0 ||
	    strcmp(kind, "bmp") == 0 || strcmp(kind, "tiff") == 0 ||
	    strcmp(kind, "heif") == 0 || strcmp(kind, "text") == 0)
		other_format(&b, kind);
	else
		usage();
	write_file(out, b.p, b.len);
	free(b.p);
	return 0;
}
