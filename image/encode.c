/*
 * image/encode.c: encoding 8-bit RGB to JPEG or PNG bytes in memory, for
 * writers that hash what they write (the exporter) and report failures
 * themselves (worker threads must not print).
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "../lib/err.h"
#include "image-int.h"

/* What must survive a longjmp out of libjpeg, in the caller's frame. */
struct enc_err {
	struct jpeg_error_mgr	pub;	/* must be first */
	jmp_buf			jb;
	char			msg[JMSG_LENGTH_MAX];
};

static void
enc_error_exit(j_common_ptr cinfo)
{
	struct enc_err	*e = (struct enc_err *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, e->msg);
	longjmp(e->jb, 1);
}

static void
enc_output_message(j_common_ptr cinfo)
{
	(void)cinfo;
}

/* The libjpeg calls; *buf is libjpeg's malloc()ed buffer, even on failure. */
static int
jpeg_encode_run(struct jpeg_compress_struct *cinfo, struct enc_err *e,
    const unsigned char *rgb, int w, int h, int quality, unsigned char **buf,
    unsigned long *len, char *why)
{
	JSAMPROW	row;

	if (setjmp(e->jb)) {
		snprintf(why, IMG_REASON_MAX, "JPEG encoder: %s", e->msg);
		return -1;
	}
	jpeg_create_compress(cinfo);
	jpeg_mem_dest(cinfo, buf, len);
	cinfo->image_width = (JDIMENSION)w;
	cinfo->image_height = (JDIMENSION)h;
	cinfo->input_components = 3;
	cinfo->in_color_space = JCS_RGB;
	jpeg_set_defaults(cinfo);
	jpeg_set_quality(cinfo, quality, TRUE);
	jpeg_start_compress(cinfo, TRUE);
	while (cinfo->next_scanline < cinfo->image_height) {
		/* libjpeg does not write through it; the cast drops const. */
		row = (JSAMPROW)(rgb + (size_t)cinfo->next_scanline * w * 3);
		jpeg_write_scanlines(cinfo, &row, 1);
	}
	jpeg_finish_compress(cinfo);
	return 0;
}

static int
jpeg_encode(const unsigned char *rgb, int w, int h, int quality,
    unsigned char **out, size_t *outlen, char *why)
{
	struct jpeg_compress_struct	cinfo;
	struct enc_err			e;
	unsigned char			*buf = NULL;
	unsigned long			len = 0;
	int				rc;

	memset(&e, 0, sizeof e);
	cinfo.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = enc_error_exit;
	e.pub.output_message = enc_output_message;
	rc = jpeg_encode_run(&cinfo, &e, rgb, w, h, quality, &buf, &len, why);
	jpeg_destroy_compress(&cinfo);
	if (rc != 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

static int
png_encode(const unsigned char *rgb, int w, int h, unsigned char **out,
    size_t *outlen, char *why)
{
	png_image	img;
	png_alloc_size_t size = 0;
	unsigned char	*buf;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGB;
	/* First call sizes the buffer, the second fills it. */
	if (!png_image_write_to_memory(&img, NULL, &size, 0, rgb, 0, NULL)) {
		snprintf(why, IMG_REASON_MAX, "PNG encoder: %s", img.message);
		return -1;
	}
	buf = xmalloc(size);
	if (!png_image_write_to_memory(&img, buf, &size, 0, rgb, 0, NULL)) {
		snprintf(why, IMG_REASON_MAX, "PNG encoder: %s", img.message);
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = size;
	return 0;
}

/* See image.h. */
int
img_encode_mem(enum img_format fmt, const unsigned char *rgb, int w, int h,
    int quality, unsigned char **out, size_t *len, char *why)
{
	*out = NULL;
	*len = 0;
	if (w < 1 || h < 1 || w > IMG_MAX_SIDE || h > IMG_MAX_SIDE) {
		snprintf(why, IMG_REASON_MAX, "bad size %dx%d", w, h);
		return -1;
	}
	switch (fmt) {
	case IMG_JPEG:
		if (quality < 1 || quality > 100) {
			snprintf(why, IMG_REASON_MAX, "bad JPEG quality %d",
			    quality);
			return -1;
		}
		return jpeg_encode(rgb, w, h, quality, out, len, why);
	case IMG_PNG:
		return png_encode(rgb, w, h, out, len, why);
	default:
		snprintf(why, IMG_REASON_MAX, "cannot encode %s images",
		    img_format_name(fmt));
		return -1;
	}
}

/* See image.h. */
unsigned char *
img_orient_rgb(const unsigned char *rgb, int w, int h, int orientation,
    int *ow, int *oh)
{
	unsigned char	*dst = xmallocarray((size_t)w * 3, (size_t)h);

	img_thumb_orient(rgb, w, h, orientation, dst, ow, oh);
	return dst;
}
