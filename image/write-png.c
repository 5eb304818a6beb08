/*
 * image/write-png.c: encoding 8-bit RGB as PNG with libpng's simplified
 * API, written atomically.
 */
#include <stdio.h>
#include <string.h>

#include <png.h>

#include "../lib/err.h"
#include "image-int.h"

/*
 * See image.h.  rgb is borrowed (w * h * 3 bytes).  Sizes outside
 * 1..IMG_MAX_SIDE are reported as errors.
 */
int
img_write_png(const char *path, const unsigned char *rgb, int w, int h)
{
	png_image		img;
	struct img_atomic	a;

	if (w < 1 || h < 1 || w > IMG_MAX_SIDE || h > IMG_MAX_SIDE)
		return error("cannot write '%s': bad size %dx%d", path, w, h);
	if (img_atomic_open(&a, path) != 0)
		return -1;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGB;
	/* On failure libpng has already freed what it allocated. */
	if (!png_image_write_to_stdio(&img, a.fp, 0, rgb, 0, NULL)) {
		error("cannot write '%s': %s", path, img.message);
		img_atomic_abort(&a);
		return -1;
	}
	return img_atomic_commit(&a);
}
