/*
 * image/jpeg-int.h: the libjpeg error manager shared by the JPEG probe
 * (jpeg.c) and the full decoder (decode.c): errors and warnings captured
 * as text, never printed, and the scan limit.
 */
#ifndef IMAGE_JPEG_INT_H
#define IMAGE_JPEG_INT_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <jpeglib.h>

#include "image-int.h"

/*
 * Everything that must survive a longjmp lives here, in the caller's
 * frame, so nothing local to the function that calls libjpeg needs to be
 * volatile.
 */
struct img_jpeg_err {
	struct jpeg_error_mgr	 pub;		/* must be first */
	struct jpeg_progress_mgr progress;
	jmp_buf			 jb;
	char			 msg[JMSG_LENGTH_MAX]; /* the error */
	char			 warn[JMSG_LENGTH_MAX]; /* first bad one */
	long			 nwarn;		/* every warning */
	long			 nextraneous; /* JWRN_EXTRANEOUS_DATA */
	uint64_t		 max_scans;	/* LIMIT_JPEG_SCANS at init */
	int			 too_many_scans;
};

/*
 * Clears e and makes it cinfo's error manager (before
 * jpeg_create_decompress()).  After jpeg_create_decompress() the caller
 * sets cinfo->progress = &e->progress, which enforces LIMIT_JPEG_SCANS
 * (lib/limits.h) as it was at this call.
 * The caller must setjmp(e->jb) before any libjpeg call that may fail.
 */
void	img_jpeg_err_init(struct jpeg_decompress_struct *cinfo,
	    struct img_jpeg_err *e);

/*
 * After a longjmp to e->jb: writes the reason into why[IMG_REASON_MAX]
 * (the scan limit, a size limit, or "corrupt JPEG: ..." with the first
 * warning, its usual cause, else the error) and returns -1.
 */
int	img_jpeg_err_reason(struct jpeg_decompress_struct *cinfo,
	    struct img_jpeg_err *e, char *why);

/*
 * Once the whole image is decoded: returns 0 when the warnings are
 * harmless, else -1 with "corrupt JPEG: <first warning>" in why.
 */
int	img_jpeg_err_verdict(const struct img_jpeg_err *e, char *why);

/*
 * The output colour space to ask libjpeg for: RGB for grey, YCbCr and
 * RGB; CMYK for CMYK and YCCK; any other (2 components, unknown) as is.
 */
J_COLOR_SPACE	img_jpeg_out_space(J_COLOR_SPACE in);

/*
 * One row decoded in img_jpeg_out_space() to 8-bit RGB: out holds
 * output_width * 3 bytes.  Cannot fail.
 */
void	img_jpeg_row_rgb(const struct jpeg_decompress_struct *cinfo,
	    const unsigned char *in, unsigned char *out);

#endif
