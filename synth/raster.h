/*
 * synth/raster.h: a tiny anti-aliased polygon filler for synth_draw().
 * Paths are built in a local frame (person or head space) and mapped to
 * the image by an affine transform; fills use the non-zero rule with
 * exact horizontal and SUB-sample vertical coverage.
 */
#ifndef SYNTH_RASTER_H
#define SYNTH_RASTER_H

#include "synth.h"

#define RASTER_MAXPT	768
#define RASTER_MAXC	8

/* Image point = (a*u + b*v + c, d*u + e*v + f) for a local point (u, v). */
struct xf {
	float	a, b, c, d, e, f;
};

struct path {
	float	x[RASTER_MAXPT], y[RASTER_MAXPT];
	int	start[RASTER_MAXC + 1];	/* first point of each contour */
	int	nc;			/* contours */
	int	n;			/* points */
};

struct paint;
/* Per-pixel paint: adjusts rgb (0-255) and alpha at local point (u, v). */
typedef void	paint_fn(const struct paint *, float u, float v, float *rgb,
		    float *alpha);

struct paint {
	float		 rgb[3];	/* 0-255 */
	float		 alpha;		/* 0-1 */
	paint_fn	*fn;		/* NULL: flat colour */
	const void	*arg;		/* for fn */
	float		 k[10];		/* for fn */
	float		 rgb2[3];	/* for fn */
	/*
	 * shade != 0: rgb is multiplied by sh0 + sh1 u + sh2 v + sh3 u^2 +
	 * sh4 v^2, at least sh5 (cheap shading without a callback).
	 */
	int		 shade;
	float		 sh[6];
};

struct canvas {
	unsigned char	*px;		/* SYNTH_W * SYNTH_H * 3, borrowed */
	float		 acc[SYNTH_W + 2];
	float		 dlt[SYNTH_W + 2];
};

/* Clears p; then add points; path_close() ends a contour. */
void	path_init(struct path *p);
void	path_add(struct path *p, float x, float y);
void	path_close(struct path *p);
/* Appends a closed ellipse contour (rotation rot radians). */
void	path_ellipse(struct path *p, float cx, float cy, float rx, float ry,
	    float rot);
/* Appends points of a quadratic Bezier after (x0, y0), ending at (x2, y2). */
void	path_quad(struct path *p, float x0, float y0, float x1, float y1,
	    float x2, float y2, int steps);

/* Fills the path (all contours, non-zero rule) through transform t. */
void	raster_fill(struct canvas *, const struct path *, const struct xf *,
	    const struct paint *);
/*
 * Strokes a quadratic Bezier of width w0 tapering to w1 (local units)
 * with round-ish ends.
 */
void	raster_stroke(struct canvas *, const struct xf *, const struct paint *,
	    float x0, float y0, float x1, float y1, float x2, float y2,
	    float w0, float w1);

/* Affine helpers: t = translate(tx,ty) * rotate(rad) * scale(s). */
void	xf_make(struct xf *t, float tx, float ty, float rad, float s);
/* out = outer o inner (apply inner first). */
void	xf_compose(struct xf *out, const struct xf *outer,
	    const struct xf *inner);

#endif
