/*
 * image/png.c: validating a PNG held in memory with libpng's low-level
 * API, row by row into one buffer, so a large image costs one row of
 * memory.  libpng's errors and warnings are captured as text.
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

/* The libpng calls; p belongs to the caller, which frees what p holds. */
static int
png_probe_run(struct png_probe *p, struct img_info *info, char *why)
{
	png_uint_32	w, h, y;
	int		pass, passes;

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
	for (pass = 0; pass < passes; pass++)
		for (y = 0; y < h; y++)
			png_read_row(p->png, p->row, NULL);
	/* Reads to IEND: damage after the last row still counts. */
	png_read_end(p->png, NULL);
	return 0;
}

/* See image-int.h. */
int
img_png_probe(const unsigned char *data, size_t len, struct img_info *info,
    char *why)
{
	struct png_probe	p;
	int			rc;

	if (png_probe_header_size(data, len, why) != 0)
		return -1;
	memset(&p, 0, sizeof p);
	p.data = data;
	p.len = len;
	rc = png_probe_run(&p, info, why);
	png_destroy_read_struct(&p.png, &p.info, NULL);
	free(p.row);
	return rc;
}
