/*
 * image/image-int.h: what the files of image/ share with each other and
 * nobody else: the per-format probes and the atomic file writer.
 */
#ifndef IMAGE_IMAGE_INT_H
#define IMAGE_IMAGE_INT_H

#include <stdio.h>

#include "image.h"

/*
 * Per-format validating probes, called by img_probe_measure() after
 * sniffing.  Each fills width, height and channels of *info and returns
 * 0, or returns -1 with a one-line reason in why[IMG_REASON_MAX].  When m
 * is not NULL they also fill *m (only on success) from the thumbnail they
 * build while validating; the verdict and reason do not depend on m.
 * Nothing they allocate outlives the call.
 */
int	img_jpeg_probe_measure(const unsigned char *data, size_t len,
	    struct img_info *info, struct img_measures *m, char *why);
int	img_png_probe_measure(const unsigned char *data, size_t len,
	    struct img_info *info, struct img_measures *m, char *why);

/*
 * The EXIF orientation (1-8) from an APP1 payload ("Exif\0\0" then a
 * TIFF header), or from bare TIFF data (a PNG eXIf chunk).  Untrusted
 * input: every offset is bounds-checked; anything missing, truncated,
 * malformed or out of range gives 1.  data may be NULL when len is 0.
 */
int	img_exif_orientation(const unsigned char *app1, size_t len);
int	img_tiff_orientation(const unsigned char *tiff, size_t len);

/*
 * A box-filter thumbnail built from rows as a decoder produces them:
 * every source pixel is added to the thumbnail pixel it falls in, and
 * each thumbnail pixel is the rounded mean of its sources.
 */
struct img_thumb {
	int		 src_w, src_h;	/* the rows fed in */
	int		 w, h;		/* the thumbnail */
	int		*xmap;		/* owned: src_w target columns */
	uint32_t	*sum;		/* owned: w*h*3 channel sums */
	uint32_t	*n;		/* owned: w*h pixel counts */
};

/*
 * The thumbnail size for a w x h image: the long side min(w or h,
 * IMG_THUMB_MAX), the short side in proportion (rounded, at least 1).
 * Never larger than the image.
 */
void	img_thumb_size(int w, int h, int *tw, int *th);

/*
 * Prepares t to take src_w x src_h pixels into a tw x th thumbnail (tw
 * <= src_w, th <= src_h, all >= 1).  Release with img_thumb_release().
 */
void	img_thumb_init(struct img_thumb *t, int src_w, int src_h, int tw,
	    int th);

/*
 * Adds the RGB pixels x0, x0 + dx, x0 + 2 dx, ... (x < src_w) of source
 * row y; rgb holds the whole row (src_w * 3 bytes).  Rows may come in
 * any order (an interlaced PNG sends each pixel once, over 7 passes).
 */
void	img_thumb_add_row(struct img_thumb *t, int y,
	    const unsigned char *rgb, int x0, int dx);

/* Writes the means into rgb (w*h*3 bytes); a pixel never fed is 0. */
void	img_thumb_finish(const struct img_thumb *t, unsigned char *rgb);

/* Frees what t holds; t may be released twice. */
void	img_thumb_release(struct img_thumb *t);

/*
 * Applies EXIF orientation o (1-8; anything else is taken as 1) to the w
 * x h RGB image src, writing dst (w*h*3 bytes, not overlapping src) and
 * its size *ow x *oh (swapped for 5-8).
 */
void	img_thumb_orient(const unsigned char *src, int w, int h, int o,
	    unsigned char *dst, int *ow, int *oh);

/*
 * Finishes t, orients it, measures it into *m (img_measure_rgb()) and
 * records the orientation: what both probes do once every row is in.
 */
void	img_thumb_measure(const struct img_thumb *t, int orientation,
	    struct img_measures *m);

/*
 * Writes the reason for a width x height that is over IMG_MAX_SIDE or
 * LIMIT_PIXELS into why[IMG_REASON_MAX] and returns -1; returns 0 and
 * leaves why alone when the size is within the limits.
 */
int	img_check_size(unsigned long width, unsigned long height, char *why);

/*
 * Colour c under alpha a (both 0-255) over mid-grey 128, on the 8-bit
 * values: how both PNG readers (probe and full decode) drop transparency.
 */
static inline unsigned char
img_over_grey(unsigned c, unsigned a)
{
	return (unsigned char)((c * a + 128 * (255 - a) + 127) / 255);
}

/* A file written under a temporary name, then renamed into place. */
struct img_atomic {
	const char	*path;		/* borrowed: the final name */
	char		*tmp;		/* owned: "<path>.tmp.<pid>" */
	FILE		*fp;		/* open on tmp while writing */
};

/*
 * Creates "<path>.tmp.<pid>" (O_EXCL) and opens it on a->fp.  'path' is
 * borrowed and must outlive a.  Returns 0, or -1 after reporting the error
 * with error(); on failure nothing needs to be released.
 */
int	img_atomic_open(struct img_atomic *a, const char *path);

/*
 * Closes the temporary file (checking for write errors) and renames it to
 * the final name.  Returns 0, or -1 after reporting the error; either way
 * the temporary file is gone and a is released.
 */
int	img_atomic_commit(struct img_atomic *a);

/* Closes and removes the temporary file and releases a.  Never fails. */
void	img_atomic_abort(struct img_atomic *a);

#endif
