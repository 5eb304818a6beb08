/*
 * image/exif.c: the one EXIF field maskcat reads, the orientation (tag
 * 0x0112 of IFD0).  The bytes come straight from untrusted files, so every
 * read is checked against the length first and anything odd gives 1, the
 * orientation of an image without EXIF.
 */
#include <string.h>

#include "image-int.h"

#define EXIF_TAG_ORIENTATION	0x0112
#define TIFF_SHORT		3
#define TIFF_LONG		4

/* A 2- or 4-byte unsigned integer at p, in the file's byte order. */
static unsigned long
tiff_get(const unsigned char *p, int n, int big_endian)
{
	unsigned long	v = 0;
	int		i;

	for (i = 0; i < n; i++)
		v |= (unsigned long)p[big_endian ? i : n - 1 - i] <<
		    (8 * (n - 1 - i));
	return v;
}

/*
 * See image-int.h.  TIFF header: "II" (little-endian) or "MM" (big),
 * the number 42, the offset of IFD0; IFD0: a 2-byte entry count, then
 * 12-byte entries (tag, type, count, value or offset).  The orientation is
 * a SHORT held in the entry itself; a LONG is accepted too.
 */
int
img_tiff_orientation(const unsigned char *tiff, size_t len)
{
	unsigned long	ifd, n, i, tag, type, count, v;
	const unsigned char *e;
	int		be;

	if (tiff == NULL || len < 8)
		return 1;
	if (memcmp(tiff, "II", 2) == 0)
		be = 0;
	else if (memcmp(tiff, "MM", 2) == 0)
		be = 1;
	else
		return 1;
	if (tiff_get(tiff + 2, 2, be) != 42)
		return 1;
	ifd = tiff_get(tiff + 4, 4, be);
	if (ifd > len || len - ifd < 2)
		return 1;
	n = tiff_get(tiff + ifd, 2, be);
	for (i = 0; i < n; i++) {
		if ((len - ifd - 2) / 12 <= i)
			break;		/* truncated: the entry is not all there */
		e = tiff + ifd + 2 + i * 12;
		tag = tiff_get(e, 2, be);
		if (tag != EXIF_TAG_ORIENTATION)
			continue;
		type = tiff_get(e + 2, 2, be);
		count = tiff_get(e + 4, 4, be);
		if (count != 1)
			return 1;
		if (type == TIFF_SHORT)
			v = tiff_get(e + 8, 2, be);
		else if (type == TIFF_LONG)
			v = tiff_get(e + 8, 4, be);
		else
			return 1;
		return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

/* See image-int.h.  An APP1 segment may also be XMP: that gives 1. */
int
img_exif_orientation(const unsigned char *app1, size_t len)
{
	if (app1 == NULL || len < 6 || memcmp(app1, "Exif\0\0", 6) != 0)
		return 1;
	return img_tiff_orientation(app1 + 6, len - 6);
}
