/*
 * image/draw.h: filled and outlined rectangles, crosses and copies into
 * 8-bit RGB buffers (w x h, 3 bytes a pixel, rows top to bottom), for
 * contact sheets.  All clip to the buffer, allocate nothing and cannot
 * fail.
 */
#ifndef IMAGE_DRAW_H
#define IMAGE_DRAW_H

/* Fills x0 <= x < x1, y0 <= y < y1 with col[3]. */
void	draw_fill(unsigned char *rgb, int w, int h, int x0, int y0, int x1,
	    int y1, const unsigned char col[3]);

/*
 * Outlines the rectangle x0 <= x < x1, y0 <= y < y1 with lines 'thick'
 * pixels wide drawn inside it (a rectangle thinner than that is filled).
 */
void	draw_rect(unsigned char *rgb, int w, int h, int x0, int y0, int x1,
	    int y1, int thick, const unsigned char col[3]);

/* Draws both diagonals of the rectangle, 'thick' pixels wide. */
void	draw_cross(unsigned char *rgb, int w, int h, int x0, int y0, int x1,
	    int y1, int thick, const unsigned char col[3]);

/* Copies src (sw x sh) with its top-left corner at x, y of rgb. */
void	draw_blit(unsigned char *rgb, int w, int h, int x, int y,
	    const unsigned char *src, int sw, int sh);

#endif
