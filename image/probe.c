/*
 * image/probe.c: img_probe_mem() and img_probe_measure(), the entry points
 * that say whether a file is an image maskcat can use: sniff, hash, then
 * the format's probe (which also measures when asked).
 */
#include <stdio.h>
#include <string.h>

#include "image-int.h"

/* Display names for the reason of a recognised, unsupported format. */
static const char *
unsupported_name(enum img_format f)
{
	switch (f) {
	case IMG_GIF:
		return "GIF";
	case IMG_WEBP:
		return "WebP";
	case IMG_BMP:
		return "BMP";
	case IMG_TIFF:
		return "TIFF";
	case IMG_HEIF:
		return "HEIF";
	default:
		return NULL;
	}
}

/*
 * See image.h.  On failure *info still has format, hash and bytes set (the
 * caller may record what the file was); width, height and channels are
 * 0.  data may be NULL when len is 0.
 */
int
img_probe_mem(const unsigned char *data, size_t len, struct img_info *info,
    char *why)
{
	return img_probe_measure(data, len, info, NULL, why);
}

/*
 * See image.h.  As img_probe_mem(); *m, when not NULL, is zeroed first
 * and filled only when the image passes.
 */
int
img_probe_measure(const unsigned char *data, size_t len,
    struct img_info *info, struct img_measures *m, char *why)
{
	const char	*name;
	int		 rc;

	memset(info, 0, sizeof *info);
	if (m != NULL)
		memset(m, 0, sizeof *m);
	why[0] = '\0';
	info->bytes = len;
	info->hash = img_hash(data, len);
	info->format = img_sniff(data, len);
	if (len == 0) {
		snprintf(why, IMG_REASON_MAX, "empty file");
		return -1;
	}
	switch (info->format) {
	case IMG_JPEG:
		rc = img_jpeg_probe_measure(data, len, info, m, why);
		break;
	case IMG_PNG:
		rc = img_png_probe_measure(data, len, info, m, why);
		break;
	case IMG_UNKNOWN:
		snprintf(why, IMG_REASON_MAX,
		    "not an image (unrecognised content)");
		return -1;
	default:
		name = unsupported_name(info->format);
		snprintf(why, IMG_REASON_MAX, "%s images are not supported",
		    name != NULL ? name : img_format_name(info->format));
		return -1;
	}
	if (rc != 0) {
		info->width = info->height = info->channels = 0;
		if (m != NULL)
			memset(m, 0, sizeof *m);
		return -1;
	}
	return 0;
}
