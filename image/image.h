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

/*
 * Limits checked from the header, before any pixel buffer is allocated:
 * this side, and lib/limits.h's LIMIT_PIXELS (89478485 by default, as
 * Pillow's MAX_IMAGE_PIXELS; --max-pixels).  LIMIT_FILE_BYTES bounds the
 * bytes read for one image and LIMIT_JPEG_SCANS a progressive JPEG.
 */
#define IMG_MAX_SIDE		65500		/* pixels, either side */

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
 * "image is 60000x60000, over the limit of 89478485 pixels; raise it
 * with --max-pixels".
 * A libjpeg warning (such as a premature end) makes the probe fail.
 * On failure *info still has format, hash and bytes set (width, height
 * and channels are 0).  Allocates nothing that outlives the call.
 */
int	img_probe_mem(const unsigned char *data, size_t len,
	    struct img_info *info, char *why);

/*
 * Reads the whole file 'path' into a malloc()ed buffer (*data, *len) the
 * caller must free().  Refuses files over LIMIT_FILE_BYTES.  Returns 0,
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

/*
 * Quality measures, computed at import from a reduced decode (see
 * img_probe_measure()) or from any RGB thumbnail (img_measure_rgb()).
 * The thumbnail's long side is at most IMG_THUMB_MAX pixels (smaller
 * images keep their size: never upscaled); EXIF orientation is applied
 * to it before measuring.  Bump IMG_MEASURE_VERSION whenever a
 * definition below changes, so stored values can be recomputed.
 */
#define IMG_THUMB_MAX		64	/* long side of the measuring thumbnail */
#define IMG_MEASURE_VERSION	1	/* bump when a definition changes */

struct img_measures {
	uint64_t	phash;		/* 64-bit DCT perceptual hash of the oriented thumbnail */
	uint64_t	dhash;		/* 64-bit difference hash (9x8, row-wise) */
	uint64_t	phash_mirror;	/* the two hashes of the mirrored thumbnail, */
	uint64_t	dhash_mirror;	/* to find flipped copies */
	uint64_t	thumb_hash;	/* XXH3 of the oriented thumbnail's RGB pixels and size: equal for pixel-identical images */
	float		bright_p1, bright_p99, bright_mean;	/* luminance percentiles, 0..1 */
	float		sharpness;	/* edge score, 0..1, higher is sharper */
	float		entropy;	/* grey-level entropy / 8 bits, 0..1 */
	float		colour;		/* mean chroma (max-min of R,G,B) / 255, 0..1; ~0 for grey-only */
	int		orientation;	/* EXIF orientation 1-8 (1 when absent) */
	int		thumb_w, thumb_h;
};

/*
 * As img_probe_mem() (same verdicts, same reasons, same limits), and when
 * m is not NULL also fills *m from a reduced decode done in the same pass:
 * a JPEG is decoded at 1/8 scale (1/2 or 1/4 or full for images under 512
 * pixels), a PNG row by row, and both are box-averaged into the thumbnail.
 * On failure *m (when not NULL) is all zero.  Allocates nothing that
 * outlives the call.
 */
int	img_probe_measure(const unsigned char *data, size_t len,
	    struct img_info *info, struct img_measures *m, char *why);

/*
 * Pure: the measures of an 8-bit RGB thumbnail (w*h*3 bytes, rows top to
 * bottom, already oriented; w, h >= 1).  Sets orientation to 1 and
 * thumb_w, thumb_h to w, h.  See image/measure.c for the definitions.
 * Cannot fail; allocates nothing that outlives the call.
 */
void	img_measure_rgb(const unsigned char *rgb, int w, int h,
	    struct img_measures *m);

/*
 * Full decode of a JPEG or PNG held in memory to 8-bit RGB (grey,
 * palette and CMYK converted; 16-bit samples scaled as s * 255 / 65535;
 * alpha composited over mid-grey 128 on the 8-bit values, as the probe's
 * thumbnail does; EXIF orientation NOT applied).  Refuses over-limit
 * sizes from the header, before allocating.  A libjpeg warning counts as
 * corruption, as in img_probe_mem().  Returns 0 with *rgb a malloc()ed
 * w*h*3 buffer the caller must free(), or -1 with a reason in
 * why[IMG_REASON_MAX], *rgb NULL and *w, *h 0.
 */
int	img_decode_rgb(const unsigned char *data, size_t len,
	    unsigned char **rgb, int *w, int *h, char *why);
/*
 * As img_decode_rgb(), but a JPEG may be decoded at 1/2, 1/4 or 1/8 scale
 * (libjpeg's DCT scaling, much cheaper) as long as its short side stays
 * >= min_side; min_side <= 0 is a full decode.  PNG is always full size.
 * *w and *h are the decoded size.
 */
int	img_decode_rgb_min(const unsigned char *data, size_t len, int min_side,
	    unsigned char **rgb, int *w, int *h, char *why);

/*
 * Geometry for the exporter (image/transform.c).  All pure: rows top to
 * bottom, 8-bit RGB, coordinates in upright pixels (orientation applied).
 */
enum img_crop { IMG_CROP_NONE, IMG_CROP_CENTER, IMG_CROP_BOX, IMG_CROP_FACE };

/* A region x0,y0 (inclusive) to x1,y1 (exclusive) in upright pixels. */
struct img_rect { int x0, y0, x1, y1; };

/*
 * Resizes in (w*h*3) to exactly dw x dh into out (dw*dh*3, caller-owned;
 * all sizes >= 1, otherwise nothing is done).  Each axis on its own: when
 * it shrinks, every output pixel is the area-weighted mean of the source
 * pixels it covers; when it grows (or stays), bilinear between pixel
 * centres (equal size is a copy).  Computed in float and rounded once, at
 * the end: within one level of the exact result.  Cannot fail (dies on
 * out-of-memory for its scratch, made and freed on every call: a loop
 * over many images should keep an img_resizer instead).
 */
void	img_resize_rgb(const unsigned char *in, int w, int h,
	    unsigned char *out, int dw, int dh);

/*
 * A resizer keeps the scratch of img_resizer_run() between calls: the
 * weight tables for the last sizes (made again only when a size changes)
 * and a row buffer (grown when needed), so a loop over images of one size
 * allocates nothing.  One per thread: it is not locked.
 * img_resizer_new() dies on out-of-memory; img_resizer_free() frees it
 * and everything it holds (NULL is fine).
 */
struct img_resizer;

struct img_resizer	*img_resizer_new(void);
void			 img_resizer_free(struct img_resizer *rz);

/*
 * img_resize_rgb() with rz's scratch, from rows stride bytes apart
 * (>= w * 3; a larger stride resizes a region of a bigger image in
 * place: pass its first pixel).  The same result as img_resize_rgb().
 */
void	img_resizer_run(struct img_resizer *rz, const unsigned char *in,
	    int w, int h, size_t stride, unsigned char *out, int dw, int dh);

/*
 * The source region of a w x h image to fill a dw x dh output:
 *  NONE	the whole image (aspect not kept: the resize stretches);
 *  CENTER	the largest centred region with the aspect dw:dh, as Pillow's
 *		ImageOps.fit(centering=(0.5, 0.5));
 *  BOX		*box grown by margin (a fraction of its width on the left
 *		and right, of its height on top and bottom, e.g. 0.2), then
 *		grown about its centre to the aspect dw:dh, then clipped to
 *		the image (so at an edge the aspect may be lost);
 *  FACE	the fixed region where the base layout centres its person:
 *		x 0.15w to 0.85w, y 0.05h to 0.65h, then grown to the
 *		aspect and clipped as BOX.
 * Grown edges are rounded outwards (floor/ceil) so the box is kept whole.
 * BOX with box NULL or empty, or any result that would be empty, falls
 * back to CENTER; dw or dh < 1 means "keep the region's aspect".
 */
struct img_rect	img_crop_rect(int w, int h, enum img_crop mode,
		    const struct img_rect *box, double margin, int dw, int dh);

/*
 * Copies region r of in (w x h) into a malloc()ed buffer of
 * (r.x1-r.x0) x (r.y1-r.y0) x 3 bytes the caller must free().  r is
 * clipped to the image first; returns NULL if it is then empty.
 */
unsigned char	*img_crop_copy(const unsigned char *in, int w, int h,
		    struct img_rect r);

/*
 * Light augmentation of rgb (w*h*3) in place.  Deterministic: the caller
 * draws flip, dx, dy and gain from its seeded generator.  In this order:
 * a horizontal mirror when flip is non-zero; a shift moving the content
 * dx pixels right and dy down (negative: left, up), the uncovered edge
 * filled by repeating the nearest edge pixel; each channel multiplied by
 * gain (>= 0), rounded and clamped to 0..255.  flip 0, dx dy 0, gain 1 is
 * the identity.  Cannot fail (dies on out-of-memory).
 */
void	img_augment(unsigned char *rgb, int w, int h, int flip, int dx,
	    int dy, double gain);

/*
 * Encodes an 8-bit RGB buffer (w*h*3 bytes, rows top to bottom) as
 * IMG_JPEG (quality 1-100, libjpeg's defaults: baseline 4:2:0) or IMG_PNG
 * (quality ignored) into memory.  Deterministic: the same pixels give the
 * same bytes.  Returns 0 with *out a malloc()ed buffer of *len bytes the
 * caller must free(), or -1 with a reason in why[IMG_REASON_MAX] (bad
 * size, bad quality, the encoder's message) and *out NULL.  Prints
 * nothing, so worker threads may call it.
 */
int	img_encode_mem(enum img_format fmt, const unsigned char *rgb, int w,
	    int h, int quality, unsigned char **out, size_t *len, char *why);

/*
 * Applies EXIF orientation 1-8 (anything else is taken as 1) to rgb
 * (w x h), as Pillow's ImageOps.exif_transpose() does.  Returns a
 * malloc()ed buffer the caller must free(), of *ow x *oh pixels (w and h
 * swapped for 5-8).  Dies only on out-of-memory.
 */
unsigned char	*img_orient_rgb(const unsigned char *rgb, int w, int h,
		    int orientation, int *ow, int *oh);

#endif
