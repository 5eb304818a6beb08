/*
 * image/jpeg.c: validating a JPEG held in memory with libjpeg(-turbo),
 * and measuring it in the same pass when asked.
 *
 * Probe only: the header is checked against the size limits, then all the
 * entropy-coded data is decoded into DCT coefficients
 * (jpeg_read_coefficients): every Huffman code and marker is read, which
 * is where truncation and corruption show, but the inverse DCT, upsampling
 * and colour conversion, which cannot fail, are skipped.
 *
 * Probe and measure: the same Huffman decoding, but through the scanline
 * API at 1/8 scale, where libjpeg-turbo's inverse DCT keeps only the DC
 * coefficient (one value per 8x8 block), so pixels cost little more than
 * the coefficients; the scaled rows are box-averaged into the measuring
 * thumbnail as they come.  Every warning still counts as corruption.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "jpeg-int.h"

/* The probe's state: all of it survives a longjmp, in the caller's frame. */
struct jpeg_probe {
	struct img_jpeg_err	 e;		/* must be first */
	struct img_thumb	 thumb;		/* owned */
	unsigned char		*row;		/* owned: one decoded row */
	unsigned char		*rgb;		/* owned: the row as RGB */
	int			 orientation;
};

/* The EXIF orientation from the first APP1 segment that is EXIF. */
static int
jpeg_orientation(struct jpeg_decompress_struct *cinfo)
{
	jpeg_saved_marker_ptr	mk;

	for (mk = cinfo->marker_list; mk != NULL; mk = mk->next)
		if (mk->marker == JPEG_APP0 + 1 && mk->data_length >= 6 &&
		    memcmp(mk->data, "Exif\0\0", 6) == 0)
			return img_exif_orientation(mk->data,
			    mk->data_length);
	return 1;
}

/*
 * The smallest decode that still gives at least thumbnail-size pixels:
 * 1/8 for anything 512 pixels or more on the long side, less reduction
 * for smaller images, so the thumbnail is never an upscale.
 */
static int
jpeg_scale_denom(unsigned long w, unsigned long h, int tw, int th)
{
	unsigned long	d;

	for (d = 8; d > 1; d /= 2)
		if ((w + d - 1) / d >= (unsigned long)tw &&
		    (h + d - 1) / d >= (unsigned long)th)
			break;
	return (int)d;
}

/* After jpeg_read_header(): decode at reduced scale into p->thumb. */
static void
jpeg_probe_pixels(struct jpeg_decompress_struct *cinfo, struct jpeg_probe *p)
{
	JSAMPROW	row;
	int		tw, th, y;

	img_thumb_size((int)cinfo->image_width, (int)cinfo->image_height,
	    &tw, &th);
	cinfo->scale_num = 1;
	cinfo->scale_denom = jpeg_scale_denom(cinfo->image_width,
	    cinfo->image_height, tw, th);
	cinfo->out_color_space = img_jpeg_out_space(cinfo->jpeg_color_space);
	cinfo->dct_method = JDCT_IFAST;		/* only matters at 1/1 */
	jpeg_start_decompress(cinfo);
	img_thumb_init(&p->thumb, (int)cinfo->output_width,
	    (int)cinfo->output_height, tw, th);
	p->row = xmallocarray(cinfo->output_width, cinfo->output_components);
	p->rgb = xmallocarray(cinfo->output_width, 3);
	row = p->row;
	while (cinfo->output_scanline < cinfo->output_height) {
		y = (int)cinfo->output_scanline;
		(void)jpeg_read_scanlines(cinfo, &row, 1);
		img_jpeg_row_rgb(cinfo, p->row, p->rgb);
		img_thumb_add_row(&p->thumb, y, p->rgb, 0, 1);
	}
}

/*
 * The libjpeg calls, on a cinfo and probe state owned by the caller (the
 * libjpeg-turbo example's advice): after a longjmp only they are read.
 * With measure set, decodes to pixels (jpeg_probe_pixels()) instead of
 * coefficients.
 */
static int
jpeg_probe_run(struct jpeg_decompress_struct *cinfo, struct jpeg_probe *p,
    const unsigned char *data, size_t len, struct img_info *info,
    int measure, char *why)
{
	if (setjmp(p->e.jb))
		return img_jpeg_err_reason(cinfo, &p->e, why);
	jpeg_create_decompress(cinfo);
	cinfo->progress = &p->e.progress;
	jpeg_mem_src(cinfo, data, (unsigned long)len);
	if (measure)
		jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xffff);
	jpeg_read_header(cinfo, TRUE);
	if (img_check_size(cinfo->image_width, cinfo->image_height, why) != 0)
		return -1;
	info->width = (int)cinfo->image_width;
	info->height = (int)cinfo->image_height;
	info->channels = cinfo->num_components;
	if (measure) {
		p->orientation = jpeg_orientation(cinfo);
		jpeg_probe_pixels(cinfo, p);
	} else
		(void)jpeg_read_coefficients(cinfo);
	jpeg_finish_decompress(cinfo);
	return img_jpeg_err_verdict(&p->e, why);
}

/* One probe, with or without pixels; frees everything it allocated. */
static int
jpeg_probe_once(const unsigned char *data, size_t len, struct img_info *info,
    struct img_measures *m, char *why)
{
	struct jpeg_decompress_struct	cinfo;
	struct jpeg_probe		p;
	int				rc;

	memset(&p, 0, sizeof p);
	img_jpeg_err_init(&cinfo, &p.e);
	rc = jpeg_probe_run(&cinfo, &p, data, len, info, m != NULL, why);
	if (rc == 0 && m != NULL)
		img_thumb_measure(&p.thumb, p.orientation, m);
	jpeg_destroy_decompress(&cinfo);	/* frees the coefficients too */
	img_thumb_release(&p.thumb);
	free(p.row);
	free(p.rgb);
	return rc;
}

/*
 * See image-int.h.  Should the decode to pixels fail, the verdict and
 * reason are those of the coefficient-only probe, run again: that keeps
 * img_probe_measure() answering exactly as img_probe_mem() does, even for
 * a file whose pixels libjpeg cannot produce (an odd sampling layout)
 * although its data are sound; then *m is zero but for orientation 1
 * (thumb_w 0 says "not measured").  Only
 * refused files pay for the second pass.
 */
int
img_jpeg_probe_measure(const unsigned char *data, size_t len,
    struct img_info *info, struct img_measures *m, char *why)
{
	if (m != NULL && jpeg_probe_once(data, len, info, m, why) == 0)
		return 0;
	if (jpeg_probe_once(data, len, info, NULL, why) != 0)
		return -1;
	if (m != NULL) {
		memset(m, 0, sizeof *m);
		m->orientation = 1;
	}
	return 0;
}
