/*
 * image/image-int.h: what the files of image/ share with each other and
 * nobody else: the per-format probes and the atomic file writer.
 */
#ifndef IMAGE_IMAGE_INT_H
#define IMAGE_IMAGE_INT_H

#include <stdio.h>

#include "image.h"

/* Progressive JPEGs with more scans than this are refused (a CPU bomb). */
#define IMG_MAX_JPEG_SCANS	1000

/*
 * Per-format validating probes, called by img_probe_mem() after sniffing.
 * Each fills width, height and channels of *info and returns 0, or
 * returns -1 with a one-line reason in why[IMG_REASON_MAX].  Nothing they
 * allocate outlives the call.
 */
int	img_jpeg_probe(const unsigned char *data, size_t len,
	    struct img_info *info, char *why);
int	img_png_probe(const unsigned char *data, size_t len,
	    struct img_info *info, char *why);

/*
 * Writes the reason for a width x height that is over IMG_MAX_SIDE or
 * IMG_MAX_PIXELS into why[IMG_REASON_MAX] and returns -1; returns 0 and
 * leaves why alone when the size is within the limits.
 */
int	img_check_size(unsigned long width, unsigned long height, char *why);

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
