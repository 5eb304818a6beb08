/*
 * image/thumb.c: the measuring thumbnail.  Decoders feed it rows as they
 * produce them; each thumbnail pixel is the mean of the source pixels that
 * fall in it (a box filter, exact for any ratio), so a large image costs
 * a few sums per pixel and no image-sized buffer.  Also the eight EXIF
 * orientations, applied to the finished thumbnail.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "image-int.h"

/* See image-int.h. */
void
img_thumb_size(int w, int h, int *tw, int *th)
{
	long	l, s, t;

	l = w > h ? w : h;
	s = w > h ? h : w;
	if (l <= IMG_THUMB_MAX) {
		*tw = w;
		*th = h;
		return;
	}
	t = (s * IMG_THUMB_MAX + l / 2) / l;
	if (t < 1)
		t = 1;
	*tw = w > h ? IMG_THUMB_MAX : (int)t;
	*th = w > h ? (int)t : IMG_THUMB_MAX;
}

/*
 * See image-int.h.  Source column x goes to x * tw / src_w, which reaches
 * every thumbnail column because tw <= src_w (clamped here, defensively).
 */
void
img_thumb_init(struct img_thumb *t, int src_w, int src_h, int tw, int th)
{
	int	x;

	if (tw > src_w)
		tw = src_w;
	if (th > src_h)
		th = src_h;
	t->src_w = src_w;
	t->src_h = src_h;
	t->w = tw;
	t->h = th;
	t->xmap = xmallocarray((size_t)src_w, sizeof *t->xmap);
	for (x = 0; x < src_w; x++)
		t->xmap[x] = (int)((long long)x * tw / src_w);
	t->sum = xcalloc((size_t)tw * th * 3, sizeof *t->sum);
	t->n = xcalloc((size_t)tw * th, sizeof *t->n);
}

/*
 * See image-int.h.  The sums cannot overflow, whatever --max-pixels
 * allows: with both sides <= IMG_MAX_SIDE, one thumbnail pixel takes at
 * most 1024 source columns along the long side (65500 / 64, rounded up)
 * and 1536 rows along the short one (its thumbnail side is rounded, at
 * least 1), and 1024 * 1536 * 255 < 2^32.
 */
void
img_thumb_add_row(struct img_thumb *t, int y, const unsigned char *rgb,
    int x0, int dx)
{
	uint32_t	*sum, *n;
	size_t		 row;
	int		 x, tx;

	if (y < 0 || y >= t->src_h)
		return;
	row = (size_t)((long long)y * t->h / t->src_h) * t->w;
	sum = t->sum + row * 3;
	n = t->n + row;
	for (x = x0; x < t->src_w; x += dx) {
		tx = t->xmap[x];
		sum[tx * 3] += rgb[x * 3];
		sum[tx * 3 + 1] += rgb[x * 3 + 1];
		sum[tx * 3 + 2] += rgb[x * 3 + 2];
		n[tx]++;
	}
}

/* See image-int.h. */
void
img_thumb_finish(const struct img_thumb *t, unsigned char *rgb)
{
	size_t		i, c, npx;
	uint32_t	n;

	npx = (size_t)t->w * t->h;
	for (i = 0; i < npx; i++) {
		n = t->n[i];
		for (c = 0; c < 3; c++)
			/* Most thumbnails are 1:1 after DCT scaling. */
			rgb[i * 3 + c] = n <= 1 ? (unsigned char)t->sum[i * 3 + c] :
			    (unsigned char)((t->sum[i * 3 + c] + n / 2) / n);
	}
}

/* See image-int.h. */
void
img_thumb_release(struct img_thumb *t)
{
	free(t->xmap);
	free(t->sum);
	free(t->n);
	t->xmap = NULL;
	t->sum = t->n = NULL;
}

/*
 * See image-int.h.  For output pixel (X, Y) the source pixel is, by
 * orientation (as the EXIF 2.3 table and Pillow's exif_transpose()):
 * 1 (X, Y); 2 mirror (w-1-X, Y); 3 rotate 180 (w-1-X, h-1-Y); 4 flip
 * (X, h-1-Y); 5 transpose (Y, X); 6 rotate 90 clockwise (Y, h-1-X);
 * 7 transverse (w-1-Y, h-1-X); 8 rotate 90 anticlockwise (w-1-Y, X).
 */
void
img_thumb_orient(const unsigned char *src, int w, int h, int o,
    unsigned char *dst, int *ow, int *oh)
{
	int	X, Y, sx, sy, dw, dh;

	if (o < 1 || o > 8)
		o = 1;
	dw = o >= 5 ? h : w;
	dh = o >= 5 ? w : h;
	for (Y = 0; Y < dh; Y++)
		for (X = 0; X < dw; X++) {
			switch (o) {
			case 2:
				sx = w - 1 - X, sy = Y;
				break;
			case 3:
				sx = w - 1 - X, sy = h - 1 - Y;
				break;
			case 4:
				sx = X, sy = h - 1 - Y;
				break;
			case 5:
				sx = Y, sy = X;
				break;
			case 6:
				sx = Y, sy = h - 1 - X;
				break;
			case 7:
				sx = w - 1 - Y, sy = h - 1 - X;
				break;
			case 8:
				sx = w - 1 - Y, sy = X;
				break;
			default:
				sx = X, sy = Y;
				break;
			}
			memcpy(dst + ((size_t)Y * dw + X) * 3,
			    src + ((size_t)sy * w + sx) * 3, 3);
		}
	*ow = dw;
	*oh = dh;
}

/* See image-int.h. */
void
img_thumb_measure(const struct img_thumb *t, int orientation,
    struct img_measures *m)
{
	unsigned char	*px, *out;
	int		 ow, oh;

	if (orientation < 2 || orientation > 8)
		orientation = 1;
	px = xmallocarray((size_t)t->w * t->h, 3);
	img_thumb_finish(t, px);
	if (orientation == 1)
		img_measure_rgb(px, t->w, t->h, m);
	else {
		out = xmallocarray((size_t)t->w * t->h, 3);
		img_thumb_orient(px, t->w, t->h, orientation, out, &ow, &oh);
		img_measure_rgb(out, ow, oh, m);
		free(out);
	}
	m->orientation = orientation;
	free(px);
}
