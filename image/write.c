/*
 * image/write.c: encoding 8-bit RGB as JPEG or PNG (img_encode_mem())
 * and writing it atomically: a temporary file in the same folder, then
 * rename(), so readers never see half an image.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../lib/err.h"
#include "image-int.h"

/* Encodes and writes; 0, or -1 after reporting with the path. */
static int
write_encoded(const char *path, enum img_format fmt, const unsigned char *rgb,
    int w, int h, int quality)
{
	struct img_atomic	 a;
	unsigned char		*buf;
	size_t			 len;
	char			 why[IMG_REASON_MAX];

	if (img_encode_mem(fmt, rgb, w, h, quality, &buf, &len, why) != 0)
		return error("cannot write '%s': %s", path, why);
	if (img_atomic_open(&a, path) != 0) {
		free(buf);
		return -1;
	}
	if (fwrite(buf, 1, len, a.fp) != len) {
		error_errno("cannot write '%s'", path);
		img_atomic_abort(&a);
		free(buf);
		return -1;
	}
	free(buf);
	return img_atomic_commit(&a);
}

/*
 * See image.h.  rgb is borrowed (w * h * 3 bytes).  Sizes outside
 * 1..IMG_MAX_SIDE and qualities outside 1..100 are reported as errors.
 */
int
img_write_jpeg(const char *path, const unsigned char *rgb, int w, int h,
    int quality)
{
	return write_encoded(path, IMG_JPEG, rgb, w, h, quality);
}

/* See image.h.  Sizes outside 1..IMG_MAX_SIDE are reported as errors. */
int
img_write_png(const char *path, const unsigned char *rgb, int w, int h)
{
	return write_encoded(path, IMG_PNG, rgb, w, h, 0);
}
