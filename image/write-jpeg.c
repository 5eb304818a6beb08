/*
 * image/write-jpeg.c: encoding 8-bit RGB as a baseline JPEG (4:2:0,
 * Huffman optimisation off: libjpeg's defaults), written atomically.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

#include "../lib/err.h"
#include "image-int.h"

/* What must survive a longjmp out of libjpeg, owned by the caller. */
struct jpeg_enc {
	struct jpeg_error_mgr	pub;	/* must be first */
	jmp_buf			jb;
	char			msg[JMSG_LENGTH_MAX];
};

static void
jpeg_enc_error_exit(j_common_ptr cinfo)
{
	struct jpeg_enc	*e = (struct jpeg_enc *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, e->msg);
	longjmp(e->jb, 1);
}

static void
jpeg_enc_output_message(j_common_ptr cinfo)
{
	(void)cinfo;
}

/* The libjpeg calls, on state owned by the caller. */
static int
jpeg_enc_run(struct jpeg_compress_struct *cinfo, struct jpeg_enc *e,
    FILE *fp, const char *path, const unsigned char *rgb, int w, int h,
    int quality)
{
	JSAMPROW	row;

	if (setjmp(e->jb))
		return error("cannot write '%s': %s", path, e->msg);
	jpeg_create_compress(cinfo);
	jpeg_stdio_dest(cinfo, fp);
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

/*
 * See image.h.  rgb is borrowed (w * h * 3 bytes).  Sizes outside
 * 1..IMG_MAX_SIDE and qualities outside 1..100 are reported as errors.
 */
int
img_write_jpeg(const char *path, const unsigned char *rgb, int w, int h,
    int quality)
{
	struct jpeg_compress_struct	cinfo;
	struct jpeg_enc			e;
	struct img_atomic		a;
	int				rc;

	if (w < 1 || h < 1 || w > IMG_MAX_SIDE || h > IMG_MAX_SIDE)
		return error("cannot write '%s': bad size %dx%d", path, w, h);
	if (quality < 1 || quality > 100)
		return error("cannot write '%s': bad JPEG quality %d", path,
		    quality);
	if (img_atomic_open(&a, path) != 0)
		return -1;
	memset(&e, 0, sizeof e);
	cinfo.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = jpeg_enc_error_exit;
	e.pub.output_message = jpeg_enc_output_message;
	rc = jpeg_enc_run(&cinfo, &e, a.fp, path, rgb, w, h, quality);
	jpeg_destroy_compress(&cinfo);
	if (rc != 0) {
		img_atomic_abort(&a);
		return -1;
	}
	return img_atomic_commit(&a);
}
