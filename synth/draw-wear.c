/*
 * synth/draw-wear.c: what the person wears over the face and hair,
 * drawn last: glasses, the mask (whose position is the mask label) with
 * its ear loops, and earrings.
 */
#include <math.h>
#include <string.h>

#include "../lib/labels.h"
#include "draw-int.h"

/*
 * Mask cloth: k0 kind, k1 pattern, k2 half width, k3 top y, k4 bottom y.
 * Shading rounds it over the face; pleats, seam or a print add texture.
 */
static void
paint_mask(const struct paint *p, float u, float v, float *rgb, float *a)
{
	int	kind = (int)p->k[0], pat = (int)p->k[1];
	float	x = u / p->k[2], t = (v - p->k[3]) / (p->k[4] - p->k[3]);
	float	f, d;

	(void)a;
	f = 1.04f - 0.22f * x * x - 0.12f * t * t;
	if (kind == 0) {
		d = t * 3.4f + 0.3f;
		d -= floorf(d);
		f *= 1 - 0.16f * clampf(1 - fabsf(d - 0.8f) * 8, 0, 1);
		f *= 1 + 0.06f * clampf(1 - fabsf(d - 0.6f) * 6, 0, 1);
	} else if (kind == 1)
		f *= 1 - 0.22f * clampf(1 - fabsf(u) / 1.6f, 0, 1);
	if (pat == 1) {
		d = (u + v * 0.5f) / 9;
		if (d - floorf(d) < 0.4f)
			memcpy(rgb, p->rgb2, sizeof p->rgb2);
	} else if (pat == 2) {
		float	cu = u / 9 - floorf(u / 9) - 0.5f;
		float	cv = v / 9 - floorf(v / 9) - 0.5f;

		if (cu * cu + cv * cv < 0.07f)
			memcpy(rgb, p->rgb2, sizeof p->rgb2);
	} else if (pat == 3) {
		int	cu = (int)floorf(u / 8), cv = (int)floorf(v / 8);

		if ((cu + cv) & 1)
			mixv(rgb, rgb, p->rgb2, 0.6f);
	}
	rgb[0] = clampf(rgb[0] * f, 0, 255);
	rgb[1] = clampf(rgb[1] * f, 0, 255);
	rgb[2] = clampf(rgb[2] * f, 0, 255);
}

/* Reverses the last contour of p, so non-zero filling cuts a hole. */
static void
reverse_last(struct path *p)
{
	int	a = p->start[p->nc - 1], b = p->n - 1;
	float	t;

	while (a < b) {
		t = p->x[a];
		p->x[a] = p->x[b];
		p->x[b] = t;
		t = p->y[a];
		p->y[a] = p->y[b];
		p->y[b] = t;
		a++;
		b--;
	}
}

/*
 * Frames, bridge and temples when id->glasses.  Reads sc; writes sc->cv
 * (borrowed).  Cannot fail.
 */
void
draw_glasses(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	struct path		 p;
	struct paint		 pt;
	float			 ex, rx = id->eye_rx + 6, ry = id->eye_ry + 7;
	int			 side;

	if (!id->glasses)
		return;
	flat(&pt, id->glass_col, 0.95f);
	path_init(&p);
	for (side = -1; side <= 1; side += 2) {
		ex = side * id->eye_dx + sc->sh.yaw * 6;
		path_ellipse(&p, ex, -7, rx, ry, 0);
		path_ellipse(&p, ex, -7, rx - 2.2f, ry - 2.2f, 0);
		/* The inner contour runs the other way: a hole. */
		reverse_last(&p);
	}
	raster_fill(sc->cv, &p, &sc->head, &pt);
	raster_stroke(sc->cv, &sc->head, &pt, sc->sh.yaw * 6 - id->eye_dx +
	    rx - 1, -9, sc->sh.yaw * 6, -13, sc->sh.yaw * 6 + id->eye_dx -
	    rx + 1, -9, 2.2f, 2.2f);
	for (side = -1; side <= 1; side += 2)
		raster_stroke(sc->cv, &sc->head, &pt, side * (id->eye_dx + rx) +
		    sc->sh.yaw * 6, -9, side * (id->fw - 2), -10,
		    side * (id->fw + 4), -6, 2, 2);
}

/*
 * The mask.  Worn: top at the nose bridge, bottom under the chin.
 * Incorrect kind 0: top under the nostrils; kind 1: under the lower lip.
 * Nothing for MASK_NOT_WEAR.  Reads sc; writes sc->cv (borrowed).
 * Cannot fail.
 */
void
draw_mask(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	const struct look_shot	*sh = &sc->sh;
	const struct synth_look	*lk = sc->look;
	struct path		 p;
	struct paint		 pt;
	float			 W, Wb, yt, yts, yb, ybs, x = sh->yaw * 7;
	float			 strap[3], ear = id->fw * 0.97f;
	int			 side;

	if (lk->mask == MASK_NOT_WEAR)
		return;
	W = id->fw * 1.0f;
	Wb = id->fw * 0.78f;
	if (lk->mask == MASK_WEAR) {
		yt = 6 + sh->mask_dy * 0.6f;
		yts = yt + 12;
		yb = id->fh + 8;
		ybs = id->fh * 0.45f;
	} else if (lk->incorrect_kind == 0) {
		yt = 30 + sh->mask_dy * 0.5f;
		yts = yt + 8;
		yb = id->fh + 14 + 8 * sh->mask_drop;
		ybs = id->fh * 0.6f;
	} else {
		yt = id->mouth_y + id->lip_l * 1.2f + 6 + sh->mask_dy * 0.5f;
		yts = yt - 6;
		yb = id->fh + 22 + 6 * sh->mask_drop;
		ybs = id->fh * 0.85f;
		W = id->fw * 0.88f;
		Wb = id->fw * 0.62f;
	}
	memset(&pt, 0, sizeof pt);
	memcpy(pt.rgb, sh->mask, sizeof pt.rgb);
	memcpy(pt.rgb2, sh->mask2, sizeof pt.rgb2);
	pt.alpha = 1;
	pt.fn = paint_mask;
	pt.k[0] = (float)sh->mask_kind;
	pt.k[1] = (float)sh->pattern;
	pt.k[2] = W;
	pt.k[3] = yt;
	pt.k[4] = yb;
	path_init(&p);
	path_add(&p, -W, yts);
	if (sh->mask_kind == 1) {
		path_quad(&p, -W, yts, x - W * 0.4f, yt + 2, x, yt - 3, 8);
		path_quad(&p, x, yt - 3, x + W * 0.4f, yt + 2, W, yts, 8);
	} else
		path_quad(&p, -W, yts, x, 2 * yt - yts, W, yts, 16);
	path_quad(&p, W, yts, W + 2, (yts + ybs) / 2, Wb, ybs, 6);
	path_quad(&p, Wb, ybs, x + Wb * 0.6f, yb + 6, x, yb, 8);
	path_quad(&p, x, yb, x - Wb * 0.6f, yb + 6, -Wb, ybs, 8);
	path_quad(&p, -Wb, ybs, -W - 2, (yts + ybs) / 2, -W, yts, 6);
	path_close(&p);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	/* Ear loops. */
	if (sh->mask_kind == 2)
		scalev(strap, sh->mask, 0.9f, 0.9f, 0.9f);
	else
		setc(strap, 235, 235, 235);
	flat(&pt, strap, 0.95f);
	for (side = -1; side <= 1; side += 2) {
		raster_stroke(sc->cv, &sc->head, &pt, side * W, yts + 3,
		    side * (ear - 2), (yts - 12) / 2, side * ear, -12, 2.2f,
		    2.2f);
		raster_stroke(sc->cv, &sc->head, &pt, side * Wb, ybs,
		    side * (ear + 2), ybs - 6, side * ear, 14, 2.2f, 2.2f);
	}
}

/*
 * Ear studs when id->earring.  Reads sc; writes sc->cv (borrowed).
 * Cannot fail.
 */
void
draw_earrings(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	struct path		 p;
	struct paint		 pt;

	if (!id->earring)
		return;
	flat(&pt, id->earring_col, 1);
	path_init(&p);
	path_ellipse(&p, -id->fw * 0.97f, 20, 2.6f, 2.6f, 0);
	path_ellipse(&p, id->fw * 0.97f, 20, 2.6f, 2.6f, 0);
	raster_fill(sc->cv, &p, &sc->head, &pt);
}
