/*
 * image/decode.c: img_decode_rgb(), a full decode to 8-bit RGB for the
 * code that needs every pixel.  JPEG through libjpeg's scanline API (the
 * error manager of jpeg-err.c, so warnings count as corruption as in the
 * probe); PNG through libpng's simplified API.
 */
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "../lib/err.h"
#include "jpeg-int.h"

/* What must survive a longjmp, in the caller's frame. */
struct jpeg_decode {
	struct img_jpeg_err	 e;
	unsigned char		*out;		/* owned until handed over */
	unsigned char		*row;		/* owned: one decoded row, when
						   it needs converting to RGB */
};

static int
jpeg_decode_run(struct jpeg_decompress_struct *cinfo, struct jpeg_decode *d,
    const unsigned char *data, size_t len, int min_side, int *w, int *h,
    char *why)
{
	unsigned	short_side, denom;

	JSAMPROW	row;
	size_t		stride;

	if (setjmp(d->e.jb))
		return img_jpeg_err_reason(cinfo, &d->e, why);
	jpeg_create_decompress(cinfo);
	cinfo->progress = &d->e.progress;
	jpeg_mem_src(cinfo, data, (unsigned long)len);
	jpeg_read_header(cinfo, TRUE);
	if (img_check_size(cinfo->image_width, cinfo->image_height, why) != 0)
		return -1;
	cinfo->out_color_space = img_jpeg_out_space(cinfo->jpeg_color_space);
	/* The smallest DCT scale that keeps the short side >= min_side. */
	short_side = cinfo->image_width < cinfo->image_height ?
	    cinfo->image_width : cinfo->image_height;
	for (denom = 8; min_side > 0 && denom > 1; denom /= 2)
		if (short_side / denom >= (unsigned)min_side)
			break;
	cinfo->scale_num = 1;
	cinfo->scale_denom = min_side > 0 ? denom : 1;
	jpeg_start_decompress(cinfo);
	stride = (size_t)cinfo->output_width * 3;
	d->out = xmallocarray(stride, cinfo->output_height);
	if (cinfo->out_color_space != JCS_RGB)
		d->row = xmallocarray(cinfo->output_width,
		    cinfo->output_components);
	while (cinfo->output_scanline < cinfo->output_height) {
		/* RGB rows go straight to their place: no copy. */
		if (d->row == NULL) {
			row = d->out + stride * cinfo->output_scanline;
			(void)jpeg_read_scanlines(cinfo, &row, 1);
			continue;
		}
		row = d->row;
		(void)jpeg_read_scanlines(cinfo, &row, 1);
		img_jpeg_row_rgb(cinfo, d->row,
		    d->out + stride * (cinfo->output_scanline - 1));
	}
	jpeg_finish_decompress(cinfo);
	if (img_jpeg_err_verdict(&d->e, why) != 0)
		return -1;
	*w = (int)cinfo->output_width;
	*h = (int)cinfo->output_height;
	return 0;
}

static int
jpeg_decode(const unsigned char *data, size_t len, int min_side,
    unsigned char **rgb, int *w, int *h, char *why)
{
	struct jpeg_decompress_struct	cinfo;
	struct jpeg_decode		d;
	int				rc;

	memset(&d, 0, sizeof d);
	img_jpeg_err_init(&cinfo, &d.e);
	rc = jpeg_decode_run(&cinfo, &d, data, len, min_side, w, h, why);
	jpeg_destroy_decompress(&cinfo);
	free(d.row);
	if (rc == 0)
		*rgb = d.out;
	else
		free(d.out);
	return rc;
}

/*
 * The simplified API composites transparency over the background given
 * to png_image_finish_read() when the output has no alpha channel.  Its
 * warnings (a bad ancillary chunk) are ignored; its errors fail.
 */
static int
png_decode(const unsigned char *data, size_t len, unsigned char **rgb,
    int *w, int *h, char *why)
{
	png_image	 img;
	png_color	 grey = { 128, 128, 128 };
	unsigned char	*buf;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len)) {
		snprintf(why, IMG_REASON_MAX, "corrupt PNG: %s", img.message);
		return -1;
	}
	if (img_check_size(img.width, img.height, why) != 0) {
		png_image_free(&img);	/* we stop before finish_read */
		return -1;
	}
	img.format = PNG_FORMAT_RGB;
	buf = xmalloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, &grey, buf, 0, NULL)) {
		free(buf);		/* libpng already cleaned up */
		snprintf(why, IMG_REASON_MAX, "corrupt PNG: %s", img.message);
		return -1;
	}
	*rgb = buf;
	*w = (int)img.width;
	*h = (int)img.height;
	return 0;
}

/*
 * See image.h.  The limits are checked from the header, before the
 * pixel buffer is allocated; width * height * 3 then fits easily.
 */
int
img_decode_rgb(const unsigned char *data, size_t len, unsigned char **rgb,
    int *w, int *h, char *why)
{
	return img_decode_rgb_min(data, len, 0, rgb, w, h, why);
}

/* See image.h. */
int
img_decode_rgb_min(const unsigned char *data, size_t len, int min_side,
    unsigned char **rgb, int *w, int *h, char *why)
{
	enum img_format	f;
	int		rc;

	*rgb = NULL;
	*w = *h = 0;
	why[0] = '\0';
	f = img_sniff(data, len);
	if (len == 0) {
		snprintf(why, IMG_REASON_MAX, "empty file");
		return -1;
	}
	if (f == IMG_JPEG)
		rc = jpeg_decode(data, len, min_side, rgb, w, h, why);
	else if (f == IMG_PNG)
		rc = png_decode(data, len, rgb, w, h, why);
	else {
		snprintf(why, IMG_REASON_MAX, "cannot decode %s images",
		    img_format_name(f));
		return -1;
	}
	if (rc != 0) {
		*rgb = NULL;
		*w = *h = 0;
	}
	return rc;
}
