/*
 * image/jpeg-rgb.c: what colour space to ask libjpeg for, and its rows to
 * 8-bit RGB, for the measuring probe and the full decoder alike.
 */
#include <string.h>

#include "jpeg-int.h"

/* See jpeg-int.h. */
J_COLOR_SPACE
img_jpeg_out_space(J_COLOR_SPACE in)
{
	switch (in) {
	case JCS_GRAYSCALE:
	case JCS_YCbCr:
	case JCS_RGB:
		return JCS_RGB;
	case JCS_CMYK:
	case JCS_YCCK:
		return JCS_CMYK;
	default:
		return in;	/* no conversion */
	}
}

/*
 * See jpeg-int.h.  CMYK comes out of libjpeg inverted, as Adobe writes it
 * (0 is full ink), so R = C * K / 255 and so on.  A colour space libjpeg
 * does not convert is taken as grey from its first component.
 */
void
img_jpeg_row_rgb(const struct jpeg_decompress_struct *cinfo,
    const unsigned char *in, unsigned char *out)
{
	JDIMENSION	x;
	int		nc = cinfo->output_components;
	unsigned	k;

	if (cinfo->out_color_space == JCS_RGB) {
		memcpy(out, in, (size_t)cinfo->output_width * 3);
		return;
	}
	for (x = 0; x < cinfo->output_width; x++, in += nc, out += 3) {
		if (cinfo->out_color_space == JCS_CMYK) {
			k = in[3];
			out[0] = (unsigned char)((in[0] * k + 127) / 255);
			out[1] = (unsigned char)((in[1] * k + 127) / 255);
			out[2] = (unsigned char)((in[2] * k + 127) / 255);
		} else
			out[0] = out[1] = out[2] = in[0];
	}
}
