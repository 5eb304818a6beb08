/*
 * image/jpeg.c: validating a JPEG held in memory with libjpeg(-turbo).
 * The header is checked against the size limits, then all the entropy-coded
 * data is decoded into DCT coefficients (jpeg_read_coefficients): every
 * Huffman code and marker is read, which is where truncation and corruption
 * show, but the inverse DCT, upsampling and colour conversion, which cannot
 * fail, are skipped: about three times faster than decoding to pixels.
 * libjpeg's errors and warnings are captured as text, never printed.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "image-int.h"

/*
 * Everything that must survive a longjmp lives here, in the caller's
 * frame, so nothing local to jpeg_probe_run() needs to be volatile.
 */
struct jpeg_probe {
	struct jpeg_error_mgr	 pub;		/* must be first */
	struct jpeg_progress_mgr progress;
	jmp_buf			 jb;
	char			 msg[JMSG_LENGTH_MAX]; /* the error */
	char			 warn[JMSG_LENGTH_MAX]; /* first bad one */
	long			 nwarn;		/* every warning */
	long			 nextraneous; /* JWRN_EXTRANEOUS_DATA */
	int			 too_many_scans;
};

static void
jpeg_probe_error_exit(j_common_ptr cinfo)
{
	struct jpeg_probe	*p = (struct jpeg_probe *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, p->msg);
	longjmp(p->jb, 1);
}

/* libjpeg would print warnings on stderr; we keep them instead. */
static void
jpeg_probe_output_message(j_common_ptr cinfo)
{
	(void)cinfo;
}

/*
 * msg_level -1 is a warning (corrupt data that libjpeg worked around);
 * higher levels are trace messages, which we drop.  The first warning of
 * other kinds is kept as text: see jpeg_probe_verdict() for which count.
 */
static void
jpeg_probe_emit_message(j_common_ptr cinfo, int msg_level)
{
	struct jpeg_probe	*p = (struct jpeg_probe *)cinfo->err;

	if (msg_level != -1)
		return;
	p->nwarn++;
	cinfo->err->num_warnings++;
	if (cinfo->err->msg_code == JWRN_EXTRANEOUS_DATA)
		p->nextraneous++;
	else if (p->warn[0] == '\0')
		(*cinfo->err->format_message)(cinfo, p->warn);
}

/*
 * Called by libjpeg while it absorbs input.  A progressive file can hold
 * thousands of tiny scans, each costing a pass over the coefficients, so
 * stop counting scans at IMG_MAX_JPEG_SCANS.
 */
static void
jpeg_probe_progress(j_common_ptr cinfo)
{
	struct jpeg_probe	*p = (struct jpeg_probe *)cinfo->err;
	j_decompress_ptr	 d = (j_decompress_ptr)cinfo;

	if (cinfo->is_decompressor &&
	    d->input_scan_number > IMG_MAX_JPEG_SCANS) {
		p->too_many_scans = 1;
		longjmp(p->jb, 1);
	}
}

/*
 * Decides what the warnings mean once the whole image has been decoded.
 *
 * JWRN_EXTRANEOUS_DATA ("Corrupt JPEG data: N extraneous bytes before
 * marker 0xXX") means padding or junk between two markers, outside the
 * entropy-coded data; the scans around it decode completely, so on its
 * own it is harmless (and Pillow, which ignores warnings, opens such
 * files).  Next to any other warning it is usually the tail of damaged
 * scan data, and the other warning is the better reason, so that one is
 * reported.  On the real data sets (the 10,003 JPEGs in ../shared/data)
 * libjpeg emits no warning at all, so the exception changes no verdict
 * there; tests/t1010 covers it with a crafted file.
 */
static int
jpeg_probe_verdict(struct jpeg_probe *p, char *why)
{
	if (p->nwarn == p->nextraneous)
		return 0;
	snprintf(why, IMG_REASON_MAX, "corrupt JPEG: %s", p->warn);
	return -1;
}

/*
 * The libjpeg calls, on a cinfo and probe state owned by the caller (the
 * libjpeg-turbo example's advice): after a longjmp only they are read.
 */
static int
jpeg_probe_run(struct jpeg_decompress_struct *cinfo, struct jpeg_probe *p,
    const unsigned char *data, size_t len, struct img_info *info, char *why)
{
	if (setjmp(p->jb)) {
		if (p->too_many_scans)
			snprintf(why, IMG_REASON_MAX,
			    "progressive JPEG with more than %d scans",
			    IMG_MAX_JPEG_SCANS);
		else if (p->pub.msg_code == JERR_IMAGE_TOO_BIG &&
		    img_check_size(cinfo->image_width, cinfo->image_height,
		    why) != 0)
			;	/* libjpeg's own side limit: say it our way */
		else
			/*
			 * An error after a warning is nearly always its
			 * consequence: 3 bytes "FF D8 FF" fail with "JPEG
			 * datastream contains no image", but the cause is
			 * the premature end warned about first.
			 */
			snprintf(why, IMG_REASON_MAX, "corrupt JPEG: %s",
			    p->warn[0] != '\0' ? p->warn : p->msg);
		return -1;
	}
	jpeg_create_decompress(cinfo);
	cinfo->progress = &p->progress;
	jpeg_mem_src(cinfo, data, (unsigned long)len);
	jpeg_read_header(cinfo, TRUE);
	if (img_check_size(cinfo->image_width, cinfo->image_height, why) != 0)
		return -1;
	info->width = (int)cinfo->image_width;
	info->height = (int)cinfo->image_height;
	info->channels = cinfo->num_components;
	(void)jpeg_read_coefficients(cinfo);
	jpeg_finish_decompress(cinfo);
	return jpeg_probe_verdict(p, why);
}

/* See image-int.h. */
int
img_jpeg_probe(const unsigned char *data, size_t len, struct img_info *info,
    char *why)
{
	struct jpeg_decompress_struct	cinfo;
	struct jpeg_probe		p;
	int				rc;

	memset(&p, 0, sizeof p);
	cinfo.err = jpeg_std_error(&p.pub);
	p.pub.error_exit = jpeg_probe_error_exit;
	p.pub.output_message = jpeg_probe_output_message;
	p.pub.emit_message = jpeg_probe_emit_message;
	p.progress.progress_monitor = jpeg_probe_progress;
	rc = jpeg_probe_run(&cinfo, &p, data, len, info, why);
	jpeg_destroy_decompress(&cinfo);	/* frees the coefficients too */
	return rc;
}
