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
 * Through libpng's simplified API, with two choices of ours that make the
 * pixels those of the probe's thumbnail (image/png.c) and of other tools:
 * a 16-bit file without gAMA or sRGB is taken as sRGB, not linear, so its
 * samples scale to 8 bits as s * 255 / 65535 (libpng's default would run
 * them through the sRGB curve: a 16-bit 4/255 grey came out 37); and
 * transparency is composited over mid-grey on the 8-bit values, as
 * Pillow's alpha_composite and browsers do, rather than in the linear
 * light libpng uses for a background (half-transparent black over 128
 * gave 93, not 64).  Warnings (a bad ancillary chunk) are ignored; errors
 * fail.
 */
static int
png_decode(const unsigned char *data, size_t len, unsigned char **rgb,
    int *w, int *h, char *why)
{
	png_image	 img;
	unsigned char	*buf, *px;
	size_t		 i, n;
	unsigned	 a;
	int		 alpha, c;

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
	alpha = (img.format & PNG_FORMAT_FLAG_ALPHA) != 0;
	img.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	img.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
	buf = xmalloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, buf, 0, NULL)) {
		free(buf);		/* libpng already cleaned up */
		snprintf(why, IMG_REASON_MAX, "corrupt PNG: %s", img.message);
		return -1;
	}
	if (alpha) {
		/* RGBA to RGB in place: pixel i's RGB goes below its RGBA. */
		n = (size_t)img.width * img.height;
		for (i = 0; i < n; i++) {
			px = buf + i * 4;
			a = px[3];
			for (c = 0; c < 3; c++)
				buf[i * 3 + c] = img_over_grey(px[c], a);
		}
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
