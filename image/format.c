/*
 * image/format.c: the names of the formats, and the check of dimensions
 * that every decoder makes before it allocates anything.
 */
#include <stdio.h>

#include "image-int.h"
#include "../lib/limits.h"

static const char *const format_names[] = {
	[IMG_UNKNOWN] = "unknown",
	[IMG_JPEG] = "jpeg",
	[IMG_PNG] = "png",
	[IMG_GIF] = "gif",
	[IMG_WEBP] = "webp",
	[IMG_BMP] = "bmp",
	[IMG_TIFF] = "tiff",
	[IMG_HEIF] = "heif",
};

/*
 * Returns a static lower-case name; "unknown" for IMG_UNKNOWN and for any
 * value outside the enum.  Never NULL, never to be freed.
 */
const char *
img_format_name(enum img_format f)
{
	if ((unsigned)f >= sizeof format_names / sizeof format_names[0])
		return "unknown";
	return format_names[f];
}

/*
 * See image-int.h.  The side is checked first: a side over the limit is
 * the more precise reason when both limits are exceeded.
 */
int
img_check_size(unsigned long width, unsigned long height, char *why)
{
	if (width > IMG_MAX_SIDE || height > IMG_MAX_SIDE) {
		snprintf(why, IMG_REASON_MAX,
		    "image is %lux%lu, over the limit of %d pixels per side",
		    width, height, IMG_MAX_SIDE);
		return -1;
	}
	/* Both sides are <= 65500, so the product fits in 64 bits. */
	if ((uint64_t)width * height > limit_get(LIMIT_PIXELS)) {
		snprintf(why, IMG_REASON_MAX,
		    "image is %lux%lu, over the limit of %llu pixels;"
		    " raise it with %s", width, height,
		    (unsigned long long)limit_get(LIMIT_PIXELS),
		    limit_option(LIMIT_PIXELS));
		return -1;
	}
	return 0;
}
