/*
 * image/draw.c: the few shapes a contact sheet needs, clipped to the
 * buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "draw.h"

static void
put(unsigned char *rgb, int w, int h, int x, int y, const unsigned char col[3])
{
	unsigned char	*p;

	if (x < 0 || y < 0 || x >= w || y >= h)
		return;
	p = rgb + ((size_t)y * w + x) * 3;
	p[0] = col[0];
	p[1] = col[1];
	p[2] = col[2];
}

/* See draw.h. */
void
draw_fill(unsigned char *rgb, int w, int h, int x0, int y0, int x1, int y1,
    const unsigned char col[3])
{
	int	x, y;

	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > w)
		x1 = w;
	if (y1 > h)
		y1 = h;
	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++)
			put(rgb, w, h, x, y, col);
}

/* See draw.h. */
void
draw_rect(unsigned char *rgb, int w, int h, int x0, int y0, int x1, int y1,
    int thick, const unsigned char col[3])
{
	if (x1 - x0 <= 2 * thick || y1 - y0 <= 2 * thick) {
		draw_fill(rgb, w, h, x0, y0, x1, y1, col);
		return;
	}
	draw_fill(rgb, w, h, x0, y0, x1, y0 + thick, col);
	draw_fill(rgb, w, h, x0, y1 - thick, x1, y1, col);
	draw_fill(rgb, w, h, x0, y0 + thick, x0 + thick, y1 - thick, col);
	draw_fill(rgb, w, h, x1 - thick, y0 + thick, x1, y1 - thick, col);
}

/* See draw.h. */
void
draw_cross(unsigned char *rgb, int w, int h, int x0, int y0, int x1, int y1,
    int thick, const unsigned char col[3])
{
	int	dw = x1 - x0, dh = y1 - y0, n, i, t, x, y;

	if (dw <= 0 || dh <= 0)
		return;
	n = dw > dh ? dw : dh;
	for (i = 0; i < n; i++) {
		x = x0 + (int)((long)i * dw / n);
		y = y0 + (int)((long)i * dh / n);
		for (t = 0; t < thick; t++) {
			put(rgb, w, h, x + t, y, col);
			put(rgb, w, h, x1 - 1 - (x - x0) - t, y, col);
		}
	}
}

/* See draw.h. */
void
draw_blit(unsigned char *rgb, int w, int h, int x, int y,
    const unsigned char *src, int sw, int sh)
{
	int	r, c0, c1;

	c0 = x < 0 ? -x : 0;
	c1 = x + sw > w ? w - x : sw;
	if (c1 <= c0)
		return;
	for (r = 0; r < sh; r++) {
		if (y + r < 0 || y + r >= h)
			continue;
		memcpy(rgb + ((size_t)(y + r) * w + x + c0) * 3,
		    src + ((size_t)r * sw + c0) * 3, (size_t)(c1 - c0) * 3);
	}
}
