/*
 * image/font.h: a small built-in 5x7 bitmap font (printable ASCII) drawn
 * into 8-bit RGB buffers, for captions on contact sheets.  Pure: no
 * allocation, no I/O, nothing reported.
 */
#ifndef IMAGE_FONT_H
#define IMAGE_FONT_H

#define FONT_W		5	/* glyph width in pixels */
#define FONT_H		7	/* glyph height in pixels */
#define FONT_ADVANCE	6	/* horizontal step: the glyph and one blank column */

/*
 * The 7 rows of the glyph for byte c, top to bottom, each 5 bits with
 * bit 4 the leftmost pixel.  Bytes outside 32..126 (control characters,
 * UTF-8 bytes) get the glyph of '?'.  Returns a pointer into a static
 * table (borrowed, never NULL).
 */
const unsigned char	*font_glyph(unsigned char c);

/*
 * Width in pixels of 's' drawn by font_draw_string(): FONT_ADVANCE per
 * byte, less the trailing blank column (0 for "").
 */
int	font_text_width(const char *s);

/*
 * Draws 's' into rgb (w x h, 3 bytes a pixel, rows top to bottom) with
 * its top-left corner at x, y, setting the glyph pixels to colour col[3]
 * and leaving the others alone.  Anything outside the buffer is clipped
 * (x and y may be negative).  Returns the x after the last glyph's
 * advance.  Cannot fail.
 */
int	font_draw_string(unsigned char *rgb, int w, int h, int x, int y,
	    const char *s, const unsigned char col[3]);

#endif
