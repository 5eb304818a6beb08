/*
 * image/image.h: everything that touches pixels or image bytes: sniffing
 * the real format, validating decodes (libjpeg-turbo, libpng), hashing
 * (xxhash) and encoding.  The only room that calls libjpeg or libpng.
 * It knows no SQL and prints nothing: failures come back as a reason
 * string that the caller reports and records.
 */
#ifndef IMAGE_IMAGE_H
#define IMAGE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

enum img_format {
	IMG_UNKNOWN = 0,	/* not an image we recognise */
	IMG_JPEG,
	IMG_PNG,
	IMG_GIF,		/* recognised, unsupported */
	IMG_WEBP,		/* recognised, unsupported */
	IMG_BMP,		/* recognised, unsupported */
	IMG_TIFF,		/* recognised, unsupported */
	IMG_HEIF,		/* recognised, unsupported (HEIC/AVIF) */
};

/* Limits checked from the header, before any pixel buffer is allocated. */
#define IMG_MAX_SIDE		65500		/* pixels, either side */
#define IMG_MAX_PIXELS		89478485ULL	/* as Pillow's MAX_IMAGE_PIXELS */
#define IMG_MAX_FILE_BYTES	(256u << 20)	/* bytes read for one image */

/* Room for a reason: a library message plus our context. */
#define IMG_REASON_MAX		256

struct img_info {
	enum img_format	format;		/* sniffed from the bytes */
	int		width;
	int		height;
	int		channels;	/* 1 grey, 2 grey+alpha, 3 RGB/YCbCr, 4 RGBA/CMYK */
	uint64_t	hash;		/* XXH3 64-bit of the file bytes */
	size_t		bytes;		/* file size */
};

/* Lower-case name of a format: "jpeg", "png", "webp", ... "unknown". */
const char	*img_format_name(enum img_format);

/* Recognises the format from the first bytes (len may be short). */
enum img_format	img_sniff(const unsigned char *data, size_t len);

/* XXH3 64-bit hash of a buffer. */
uint64_t	img_hash(const void *data, size_t len);

/*
 * Probes an image held in memory: sniffs, reads the header, refuses
 * absurd dimensions before allocating, then fully decodes to validate.
 * Returns 0 and fills *info, or -1 and writes a one-line reason (no file
 * name, no trailing newline) into why[IMG_REASON_MAX], e.g.
 * "empty file", "WebP images are not supported",
 * "corrupt JPEG: Premature end of JPEG file",
 * "image is 60000x60000, over the limit of 89478485 pixels".
 * A libjpeg warning (such as a premature end) makes the probe fail.
 * On failure *info still has format, hash and bytes set (width, height
 * and channels are 0).  Allocates nothing that outlives the call.
 */
int	img_probe_mem(const unsigned char *data, size_t len,
	    struct img_info *info, char *why);

/*
 * Reads the whole file 'path' into a malloc()ed buffer (*data, *len) the
 * caller must free().  Refuses files over IMG_MAX_FILE_BYTES.  Returns 0,
 * or -1 with a reason in why[IMG_REASON_MAX] (e.g. "Permission denied",
 * "file is 300000000 bytes, over the limit of ...") and *data NULL.
 */
int	img_read_file(const char *path, unsigned char **data, size_t *len,
	    char *why);

/*
 * Encodes an 8-bit RGB buffer (w*h*3 bytes, rows top to bottom) as JPEG
 * (quality 1-100) or PNG and writes it to 'path' atomically: a temporary
 * file in the same folder, fsync-free, then rename().  Returns 0, or -1
 * after reporting the error (with the path) through error().
 */
int	img_write_jpeg(const char *path, const unsigned char *rgb, int w,
	    int h, int quality);
int	img_write_png(const char *path, const unsigned char *rgb, int w,
	    int h);

#endif
