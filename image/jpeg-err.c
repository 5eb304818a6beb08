/*
 * image/jpeg-err.c: the libjpeg error manager of image/ (see jpeg-int.h):
 * libjpeg's errors and warnings are captured as text, never printed, and
 * turned into our reasons.
 */
#include <string.h>

#include <jerror.h>

#include "jpeg-int.h"
#include "../lib/limits.h"

static void
jpeg_err_exit(j_common_ptr cinfo)
{
	struct img_jpeg_err	*e = (struct img_jpeg_err *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, e->msg);
	longjmp(e->jb, 1);
}

/* libjpeg would print warnings on stderr; we keep them instead. */
static void
jpeg_err_output_message(j_common_ptr cinfo)
{
	(void)cinfo;
}

/*
 * msg_level -1 is a warning (corrupt data that libjpeg worked around);
 * higher levels are trace messages, which we drop.  The first warning of
 * other kinds is kept as text: see img_jpeg_err_verdict() for which count.
 */
static void
jpeg_err_emit_message(j_common_ptr cinfo, int msg_level)
{
	struct img_jpeg_err	*e = (struct img_jpeg_err *)cinfo->err;

	if (msg_level != -1)
		return;
	e->nwarn++;
	cinfo->err->num_warnings++;
	if (cinfo->err->msg_code == JWRN_EXTRANEOUS_DATA)
		e->nextraneous++;
	else if (e->warn[0] == '\0')
		(*cinfo->err->format_message)(cinfo, e->warn);
}

/*
 * Called by libjpeg while it absorbs input.  A progressive file can hold
 * thousands of tiny scans, each costing a pass over the coefficients, so
 * stop counting scans at e->max_scans (LIMIT_JPEG_SCANS).
 */
static void
jpeg_err_progress(j_common_ptr cinfo)
{
	struct img_jpeg_err	*e = (struct img_jpeg_err *)cinfo->err;
	j_decompress_ptr	 d = (j_decompress_ptr)cinfo;

	if (cinfo->is_decompressor &&
	    (uint64_t)d->input_scan_number > e->max_scans) {
		e->too_many_scans = 1;
		longjmp(e->jb, 1);
	}
}

/* See jpeg-int.h. */
void
img_jpeg_err_init(struct jpeg_decompress_struct *cinfo,
    struct img_jpeg_err *e)
{
	memset(e, 0, sizeof *e);
	cinfo->err = jpeg_std_error(&e->pub);
	e->pub.error_exit = jpeg_err_exit;
	e->pub.output_message = jpeg_err_output_message;
	e->pub.emit_message = jpeg_err_emit_message;
	e->progress.progress_monitor = jpeg_err_progress;
	e->max_scans = limit_get(LIMIT_JPEG_SCANS);
}

/* See jpeg-int.h. */
int
img_jpeg_err_reason(struct jpeg_decompress_struct *cinfo,
    struct img_jpeg_err *e, char *why)
{
	if (e->too_many_scans)
		snprintf(why, IMG_REASON_MAX,
		    "progressive JPEG with more than %llu scans; raise it"
		    " with %s", (unsigned long long)e->max_scans,
		    limit_option(LIMIT_JPEG_SCANS));
	else if (e->pub.msg_code == JERR_IMAGE_TOO_BIG &&
	    img_check_size(cinfo->image_width, cinfo->image_height,
	    why) != 0)
		;	/* libjpeg's own side limit: say it our way */
	else
		/*
		 * An error after a warning is nearly always its
		 * consequence: 3 bytes "FF D8 FF" fail with "JPEG
		 * datastream contains no image", but the cause is the
		 * premature end warned about first.
		 */
		snprintf(why, IMG_REASON_MAX, "corrupt JPEG: %s",
		    e->warn[0] != '\0' ? e->warn : e->msg);
	return -1;
}

/*
 * See jpeg-int.h.
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
int
img_jpeg_err_verdict(const struct img_jpeg_err *e, char *why)
{
	if (e->nwarn == e->nextraneous)
		return 0;
	snprintf(why, IMG_REASON_MAX, "corrupt JPEG: %s", e->warn);
	return -1;
}
