/*
 * image/png.c: validating a PNG held in memory with libpng's low-level
 * API, row by row into one buffer, so a large image costs one row of
 * memory.  libpng's errors and warnings are captured as text.  When
 * measuring, the same rows (untransformed, so libpng validates exactly as
 * without measuring) are converted to RGB here and box-averaged into the
 * measuring thumbnail.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <zlib.h>

#include "../lib/err.h"
#include "image-int.h"

/*
 * Everything that must survive a longjmp lives here, in the caller's
 * frame, so nothing local to png_probe_run() needs to be volatile.
 */
struct png_probe {
	jmp_buf			 jb;
	png_structp		 png;
	png_infop		 info;
	unsigned char		*row;		/* owned: one row */
	const unsigned char	*data;	/* borrowed: the file */
	size_t			 len;
	size_t			 pos;	/* next byte for libpng */
	/* Leaves room for "corrupt PNG: " in front. */
	char			 msg[IMG_REASON_MAX - 16];
	struct img_thumb	 thumb;	/* owned, when measuring */
	unsigned char		*rgb;	/* owned: one row as RGB */
	int			 orientation;
};

static void
png_probe_error(png_structp png, png_const_charp msg)
{
	struct png_probe	*p = png_get_error_ptr(png);

	snprintf(p->msg, sizeof p->msg, "%s", msg);
	longjmp(p->jb, 1);
}

/*
 * Which warnings mean a damaged file.  libpng prefixes a chunk's warnings
 * with the chunk name; a lower-case first letter is an ancillary chunk
 * (metadata such as "iCCP: known incorrect sRGB profile", a bad gAMA or
 * tEXt), which libpng skips and which does not touch the pixels.  Those
 * are harmless, except a CRC error: libpng only warns about a bad CRC on an
 * ancillary chunk, but a damaged checksum means damaged bytes.  Warnings
 * about critical chunks (IHDR, PLTE, IDAT, IEND) or without a chunk name
 * (the image data stream) make the file corrupt.
 */
static int
png_warning_is_benign(const char *msg)
{
	if (strstr(msg, "CRC") != NULL)
		return 0;
	return strlen(msg) > 6 && msg[0] >= 'a' && msg[0] <= 'z' &&
	    msg[4] == ':' && msg[5] == ' ';
}

/* A damaging warning is reported as if it were an error. */
static void
png_probe_warning(png_structp png, png_const_charp msg)
{
	if (!png_warning_is_benign(msg))
		png_probe_error(png, msg);
}

static void
png_probe_read(png_structp png, png_bytep out, size_t n)
{
	struct png_probe	*p = png_get_io_ptr(png);

	if (n > p->len - p->pos)
		png_probe_error(png, "premature end of file");
	memcpy(out, p->data + p->pos, n);
	p->pos += n;
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/*
 * The size limits straight from the IHDR bytes (signature, length, "IHDR",
 * width, height, 5 more bytes, CRC), before libpng: a file claiming
 * 60000x60000 and ending after IHDR would otherwise fail as truncated,
 * hiding the better reason.  Only an intact IHDR (right CRC) is believed;
 * libpng reports anything else.
 */
static int
png_probe_header_size(const unsigned char *data, size_t len, char *why)
{
	if (len < 33 || be32(data + 8) != 13 ||
	    memcmp(data + 12, "IHDR", 4) != 0 ||
	    crc32(crc32(0, Z_NULL, 0), data + 12, 17) != be32(data + 29))
		return 0;
	return img_check_size(be32(data + 16), be32(data + 20), why);
}

static int
png_channels(png_structp png, png_infop info)
{
	switch (png_get_color_type(png, info)) {
	case PNG_COLOR_TYPE_GRAY:
		return 1;
	case PNG_COLOR_TYPE_GRAY_ALPHA:
		return 2;
	case PNG_COLOR_TYPE_PALETTE:
		return png_get_valid(png, info, PNG_INFO_tRNS) ? 4 : 3;
	case PNG_COLOR_TYPE_RGB_ALPHA:
		return 4;
	default:
		return 3;
	}
}

/*
 * Sample i (pixel * channels + channel) of a raw row: packed 1, 2 or 4
 * bits, 8 bits, or 16 bits big-endian; not scaled.
 */
static unsigned
png_sample(const unsigned char *row, size_t i, int depth)
{
	size_t	bit;

	if (depth == 8)
		return row[i];
	if (depth == 16)
		return (unsigned)row[2 * i] << 8 | row[2 * i + 1];
	bit = i * (size_t)depth;
	return (row[bit / 8] >> (8 - depth - bit % 8)) & ((1u << depth) - 1);
}

/*
 * Pixels x0, x0 + dx, ... of a raw row (any colour type and depth) to
 * 8-bit RGB: palette looked up (an index past the palette is black),
 * grey replicated, 16 bits rounded to 8, transparency (alpha channel or
 * tRNS) composited over mid-grey, as img_decode_rgb() does.
 */
static void
png_row_rgb(struct png_probe *p, const unsigned char *row, int x0, int dx)
{
	png_colorp	 pal = NULL;
	png_bytep	 trns = NULL;
	png_color_16p	 key = NULL;
	int		 npal = 0, ntrns = 0, depth, type, nc, x, c, w;
	unsigned	 max, v[4], a;
	unsigned char	*out;

	depth = png_get_bit_depth(p->png, p->info);
	type = png_get_color_type(p->png, p->info);
	nc = png_get_channels(p->png, p->info);
	w = (int)png_get_image_width(p->png, p->info);
	max = (1u << depth) - 1;
	if (type == PNG_COLOR_TYPE_PALETTE)
		png_get_PLTE(p->png, p->info, &pal, &npal);
	if (png_get_valid(p->png, p->info, PNG_INFO_tRNS))
		png_get_tRNS(p->png, p->info, &trns, &ntrns, &key);
	if (depth == 8 && key == NULL && (type == PNG_COLOR_TYPE_RGB ||
	    type == PNG_COLOR_TYPE_RGB_ALPHA)) {
		/* The common case, without the general machinery below. */
		for (x = x0; x < w; x += dx) {
			out = p->rgb + (size_t)x * 3;
			for (c = 0; c < 3; c++)
				out[c] = type == PNG_COLOR_TYPE_RGB ?
				    row[(size_t)x * 3 + c] :
				    img_over_grey(row[(size_t)x * 4 + c],
				    row[(size_t)x * 4 + 3]);
		}
		return;
	}
	for (x = x0; x < w; x += dx) {
		out = p->rgb + (size_t)x * 3;
		for (c = 0; c < nc; c++)
			v[c] = png_sample(row, (size_t)x * nc + c, depth);
		a = 255;
		if (type == PNG_COLOR_TYPE_PALETTE) {
			if (trns != NULL && (int)v[0] < ntrns)
				a = trns[v[0]];
			if ((int)v[0] < npal) {
				out[0] = pal[v[0]].red;
				out[1] = pal[v[0]].green;
				out[2] = pal[v[0]].blue;
			} else
				out[0] = out[1] = out[2] = 0;
		} else {
			if (key != NULL && !(type & PNG_COLOR_MASK_ALPHA) &&
			    (type & PNG_COLOR_MASK_COLOR ? v[0] == key->red &&
			    v[1] == key->green && v[2] == key->blue :
			    v[0] == key->gray))
				a = 0;
			for (c = 0; c < nc; c++)
				v[c] = (v[c] * 255 + max / 2) / max;
			if (type & PNG_COLOR_MASK_ALPHA)
				a = v[nc - 1];
			for (c = 0; c < 3; c++)
				out[c] = (unsigned char)(type &
				    PNG_COLOR_MASK_COLOR ? v[c] : v[0]);
		}
		if (a != 255)
			for (c = 0; c < 3; c++)
				out[c] = img_over_grey(out[c], a);
	}
}

/* The EXIF orientation from an eXIf chunk before the image data. */
static int
png_orientation(struct png_probe *p)
{
#ifdef PNG_READ_eXIf_SUPPORTED
	png_bytep	exif = NULL;
	png_uint_32	n = 0;

	if (png_get_eXIf_1(p->png, p->info, &n, &exif) != 0)
		return img_tiff_orientation(exif, n);
#else
	(void)p;
#endif
	return 1;
}

/*
 * After png_read_row(): adds the pixels of row y that this pass brought
 * (all of them when not interlaced; with interlace handling libpng puts
 * a pass's pixels in place and leaves the others alone).
 */
static void
png_measure_row(struct png_probe *p, png_uint_32 y, int pass, int passes)
{
	int	x0 = 0, dx = 1;

	if (passes > 1) {
		if (!PNG_ROW_IN_INTERLACE_PASS(y, pass))
			return;
		x0 = (int)PNG_PASS_START_COL(pass);
		dx = 1 << PNG_PASS_COL_SHIFT(pass);
	}
	png_row_rgb(p, p->row, x0, dx);
	img_thumb_add_row(&p->thumb, (int)y, p->rgb, x0, dx);
}

/*
 * The libpng calls; p belongs to the caller, which frees what p holds.
 * With measure set, also fills p->thumb and p->orientation.
 */
static int
png_probe_run(struct png_probe *p, struct img_info *info, int measure,
    char *why)
{
	png_uint_32	w, h, y;
	int		pass, passes, tw, th;

	if (setjmp(p->jb)) {
		snprintf(why, IMG_REASON_MAX, "corrupt PNG: %s", p->msg);
		return -1;
	}
	p->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, p,
	    png_probe_error, png_probe_warning);
	if (p->png == NULL)
		die("cannot allocate PNG read structure");
	p->info = png_create_info_struct(p->png);
	if (p->info == NULL)
		die("cannot allocate PNG info structure");
	png_set_read_fn(p->png, p, png_probe_read);
	png_set_user_limits(p->png, IMG_MAX_SIDE, IMG_MAX_SIDE);
	png_read_info(p->png, p->info);
	w = png_get_image_width(p->png, p->info);
	h = png_get_image_height(p->png, p->info);
	if (img_check_size(w, h, why) != 0)
		return -1;
	info->width = (int)w;
	info->height = (int)h;
	info->channels = png_channels(p->png, p->info);

	passes = png_set_interlace_handling(p->png);
	png_read_update_info(p->png, p->info);
	p->row = xmalloc(png_get_rowbytes(p->png, p->info));
	if (measure) {
		p->orientation = png_orientation(p);
		img_thumb_size((int)w, (int)h, &tw, &th);
		img_thumb_init(&p->thumb, (int)w, (int)h, tw, th);
		p->rgb = xmallocarray(w, 3);
	}
	for (pass = 0; pass < passes; pass++)
		for (y = 0; y < h; y++) {
			png_read_row(p->png, p->row, NULL);
			if (measure)
				png_measure_row(p, y, pass, passes);
		}
	/* Reads to IEND: damage after the last row still counts. */
	png_read_end(p->png, NULL);
	return 0;
}

/* See image-int.h. */
int
img_png_probe_measure(const unsigned char *data, size_t len,
    struct img_info *info, struct img_measures *m, char *why)
{
	struct png_probe	p;
	int			rc;

	if (png_probe_header_size(data, len, why) != 0)
		return -1;
	memset(&p, 0, sizeof p);
	p.data = data;
	p.len = len;
	rc = png_probe_run(&p, info, m != NULL, why);
	if (rc == 0 && m != NULL)
		img_thumb_measure(&p.thumb, p.orientation, m);
	png_destroy_read_struct(&p.png, &p.info, NULL);
	img_thumb_release(&p.thumb);
	free(p.row);
	free(p.rgb);
	return rc;
}
