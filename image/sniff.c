/*
 * image/sniff.c: recognising an image format from its first bytes, never
 * from the file name (the data sets have .jpg files holding PNG or WebP).
 */
#include <string.h>

#include "image.h"

static int
has(const unsigned char *data, size_t len, size_t off, const char *magic,
    size_t n)
{
	return len >= off + n && memcmp(data + off, magic, n) == 0;
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

/*
 * "BM" alone is too weak (it starts many text files), so the header must
 * look like one: a known DIB header size, and pixel data after it.
 */
static int
sniff_bmp(const unsigned char *data, size_t len)
{
	unsigned long	dib, off;

	if (!has(data, len, 0, "BM", 2) || len < 18)
		return 0;
	off = le32(data + 10);
	dib = le32(data + 14);
	if (dib != 12 && dib != 16 && dib != 40 && dib != 52 && dib != 56 &&
	    dib != 64 && dib != 108 && dib != 124)
		return 0;
	return off >= 14 + dib;
}

static int
heif_brand(const unsigned char *p)
{
	static const char *const brands[] = {
		"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1",
		"msf1", "avif", "avis", NULL
	};
	int	i;

	for (i = 0; brands[i] != NULL; i++)
		if (memcmp(p, brands[i], 4) == 0)
			return 1;
	return 0;
}

/* ISO BMFF: box size, "ftyp", major brand, minor version, brands... */
static int
sniff_heif(const unsigned char *data, size_t len)
{
	unsigned long	size, off;

	if (!has(data, len, 4, "ftyp", 4) || len < 12)
		return 0;
	if (heif_brand(data + 8))
		return 1;
	size = be32(data);
	if (size > len)
		size = len;
	for (off = 16; off + 4 <= size; off += 4)
		if (heif_brand(data + off))
			return 1;
	return 0;
}

/*
 * Returns the format the bytes are in, or IMG_UNKNOWN.  Looks at no more
 * than the first few dozen bytes; data may be NULL when len is 0.
 */
enum img_format
img_sniff(const unsigned char *data, size_t len)
{
	if (len == 0)
		return IMG_UNKNOWN;
	if (has(data, len, 0, "\xff\xd8\xff", 3))
		return IMG_JPEG;
	if (has(data, len, 0, "\x89PNG\r\n\x1a\n", 8))
		return IMG_PNG;
	if (has(data, len, 0, "GIF87a", 6) || has(data, len, 0, "GIF89a", 6))
		return IMG_GIF;
	if (has(data, len, 0, "RIFF", 4) && has(data, len, 8, "WEBP", 4))
		return IMG_WEBP;
	/* Classic TIFF (42) and BigTIFF (43), either byte order. */
	if (has(data, len, 0, "II*\0", 4) || has(data, len, 0, "MM\0*", 4) ||
	    has(data, len, 0, "II+\0", 4) || has(data, len, 0, "MM\0+", 4))
		return IMG_TIFF;
	if (sniff_bmp(data, len))
		return IMG_BMP;
	if (sniff_heif(data, len))
		return IMG_HEIF;
	return IMG_UNKNOWN;
}
