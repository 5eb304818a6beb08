/*
 * synth/draw-face.c: the ears and the face: skin shading, wrinkles,
 * brows, eyes, nose, blush, age spots, stubble or moustache, lips.
 * Most gender and age cues of the face live here.
 */
#include <math.h>
#include <string.h>

#include "draw-int.h"

#define PI	3.14159265f

/* Stubble: dark dots, denser towards the jaw. */
static void
paint_stubble(const struct paint *p, float u, float v, float *rgb, float *a)
{
	uint32_t	cell = (uint32_t)(int32_t)floorf(u * 0.8f) * 73856093U ^
	    (uint32_t)(int32_t)floorf(v * 0.8f) * 19349663U;

	(void)rgb;
	*a *= hashf(cell ^ (uint32_t)p->k[0]) < 0.55f ? 1 : 0.25f;
}

/* Iris clipped to the eye opening: k0 cx, k1 cy, k2 rx, k3 up, k4 down. */
static void
paint_iris(const struct paint *p, float u, float v, float *rgb, float *a)
{
	float	x = (u - p->k[0]) / p->k[2], w = 1 - x * x;
	float	du = u - p->k[5], dv = v - p->k[1];

	if (w <= 0 || v < p->k[1] - p->k[3] * w || v > p->k[1] + p->k[4] * w) {
		*a = 0;
		return;
	}
	if (du * du + dv * dv < p->k[6] * p->k[6]) {
		rgb[0] = 12;
		rgb[1] = 10;
		rgb[2] = 10;
	}
}

/* The face outline: an ellipse whose lower half narrows to the chin. */
static void
face_path(struct path *p, const struct look_id *id, float grow)
{
	float	t, s, c, x, y, k;
	int	i, n = 72;

	for (i = 0; i < n; i++) {
		t = (float)i * 2 * PI / (float)n;
		c = cosf(t);
		s = sinf(t);
		x = (id->fw + grow) * c;
		y = (id->fh + grow) * s;
		if (s > 0) {
			k = 1 - (1 - id->jaw) * 0.42f * s * s * s;
			x *= k - 0.08f * s * s;
			y = (id->fh + grow) * (s * (0.92f + 0.08f * id->jaw));
			if (s > 0.7f)
				y += (s - 0.7f) * 8 * (1 - id->jaw);
		} else
			y *= 1.04f;
		path_add(p, x, y);
	}
	path_close(p);
}

/*
 * Both ears, before the face covers their inner edge.  Reads sc; writes
 * sc->cv (borrowed).  Cannot fail.
 */
void
draw_ears(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	struct path		 p;
	struct paint		 pt;
	float			 c[3], x = id->fw * 0.97f, yaw = sc->sh.yaw;

	scalev(c, id->skin, 0.94f, 0.9f, 0.9f);
	flat(&pt, c, 1);
	path_init(&p);
	path_ellipse(&p, -x + yaw * 3, 0, 10 - yaw * 2, 18, 0.1f);
	path_ellipse(&p, x + yaw * 3, 0, 10 + yaw * 2, 18, -0.1f);
	raster_fill(sc->cv, &p, &sc->head, &pt);
}

static void
draw_eye(struct scene *sc, float cx, float cy, int side)
{
	const struct look_id	*id = &sc->id;
	struct path		 p;
	struct paint		 pt;
	float			 rx = id->eye_rx, up = id->eye_ry * 1.1f;
	float			 dn = id->eye_ry * 0.75f, c[3], look;
	float			 x, w;
	int			 i;

	look = sc->sh.yaw * 2.5f;
	setc(c, 236, 232, 228);
	flat(&pt, c, 0.95f);
	path_init(&p);
	for (i = 0; i <= 16; i++) {
		x = -1 + (float)i / 8;
		w = 1 - x * x;
		path_add(&p, cx + x * rx, cy - up * w - side * x * 1.2f);
	}
	for (i = 15; i > 0; i--) {
		x = -1 + (float)i / 8;
		w = 1 - x * x;
		path_add(&p, cx + x * rx, cy + dn * w);
	}
	path_close(&p);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	memset(&pt, 0, sizeof pt);
	memcpy(pt.rgb, id->iris, sizeof pt.rgb);
	pt.alpha = 1;
	pt.fn = paint_iris;
	pt.k[0] = cx;
	pt.k[1] = cy;
	pt.k[2] = rx;
	pt.k[3] = up;
	pt.k[4] = dn;
	pt.k[5] = cx + look;
	pt.k[6] = 2.2f;
	path_init(&p);
	path_ellipse(&p, cx + look, cy, 5.2f, 5.2f, 0);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	/* Lids: liner and lashes make the upper one heavy. */
	setc(c, 30, 22, 20);
	flat(&pt, c, id->liner ? 0.95f : 0.55f);
	raster_stroke(sc->cv, &sc->head, &pt, cx - rx * 1.05f, cy + 0.5f,
	    cx, cy - up * 2 - 0.5f, cx + rx * 1.1f, cy - side * 1.5f,
	    id->liner ? 2.6f : 1.5f, id->liner ? 3.2f : 1.4f);
	scalev(c, id->skin, 0.72f, 0.65f, 0.65f);
	flat(&pt, c, 0.35f + 0.3f * id->wrinkle);
	raster_stroke(sc->cv, &sc->head, &pt, cx - rx * 0.8f, cy + dn + 3,
	    cx, cy + dn * 1.9f + 3 + 2 * id->wrinkle, cx + rx * 0.8f,
	    cy + dn + 3, 1.2f, 1.2f);
	/* Crow's feet and bags come with age. */
	if (id->wrinkle > 0.15f) {
		flat(&pt, c, 0.5f * id->wrinkle);
		for (i = 0; i < 3; i++)
			raster_stroke(sc->cv, &sc->head, &pt,
			    cx + side * (rx + 3), cy - 2 + (float)i * 4,
			    cx + side * (rx + 8), cy - 3 + (float)i * 5,
			    cx + side * (rx + 13), cy - 5 + (float)i * 7,
			    1.3f, 0.8f);
		raster_stroke(sc->cv, &sc->head, &pt, cx - rx * 0.7f,
		    cy + dn + 8, cx, cy + dn + 13, cx + rx * 0.8f, cy + dn + 7,
		    1.4f, 1.4f);
	}
}

/*
 * Skin and every feature of the face, in head space.  Reads sc; writes
 * sc->cv (borrowed).  Age spots use their own generator seeded from the
 * person, so they do not move between shots.  Cannot fail.
 */
void
draw_face(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	const struct synth_look	*lk = sc->look;
	struct path		 p;
	struct paint		 pt;
	struct synth_rng	 r;
	float			 c[3], brow[3], yaw = sc->sh.yaw, ex, my, mw;
	float			 x, y;
	int			 i, side;

	memset(&pt, 0, sizeof pt);
	memcpy(pt.rgb, id->skin, sizeof pt.rgb);
	pt.alpha = 1;
	/* Darker towards the rim: 1.05 - 0.16 ((u-cx)/fw)^2 - 0.16 (v/fh)^2. */
	pt.shade = 1;
	x = yaw * 6;
	pt.sh[0] = 1.05f - 0.16f * x * x / (id->fw * id->fw);
	pt.sh[1] = 0.32f * x / (id->fw * id->fw);
	pt.sh[3] = -0.16f / (id->fw * id->fw);
	pt.sh[4] = -0.16f / (id->fh * id->fh);
	pt.sh[5] = 0.7f;
	path_init(&p);
	face_path(&p, id, 0);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	/* Forehead lines. */
	if (id->wrinkle > 0.1f) {
		scalev(c, id->skin, 0.74f, 0.68f, 0.68f);
		flat(&pt, c, 0.55f * id->wrinkle);
		for (i = 0; i < 3; i++) {
			y = id->brow_y - 14 - (float)i * 7;
			raster_stroke(sc->cv, &sc->head, &pt, -id->fw * 0.45f,
			    y + 2, 0, y - 3, id->fw * 0.45f, y + 2, 1.5f, 1.5f);
		}
	}
	/* Brows: heavier, lower, straighter for men; grey later than hair. */
	mixv(brow, id->hair, (const float[]){ 200, 196, 190 }, id->grey * 0.6f);
	flat(&pt, brow, 0.92f);
	for (side = -1; side <= 1; side += 2) {
		ex = side * id->eye_dx + yaw * 6;
		raster_stroke(sc->cv, &sc->head, &pt, ex - side * id->eye_rx *
		    0.9f, id->brow_y + 3, ex + side * 2, id->brow_y -
		    id->brow_arch, ex + side * id->eye_rx * 1.3f,
		    id->brow_y + 2, id->brow_w * 1.15f, id->brow_w * 0.55f);
	}
	for (side = -1; side <= 1; side += 2)
		draw_eye(sc, side * id->eye_dx + yaw * 6, -8, side);
	/* Nose: bridge shadow, tip, wings, nostrils. */
	x = yaw * 9;
	scalev(c, id->skin, 0.8f, 0.74f, 0.74f);
	flat(&pt, c, 0.45f);
	raster_stroke(sc->cv, &sc->head, &pt, x - 5, -4, x - 7, 8, x - 8, 18,
	    2.2f, 3);
	path_init(&p);
	path_ellipse(&p, x - id->nose_w * 0.75f, 20, 5, 4.2f, 0.3f);
	path_ellipse(&p, x + id->nose_w * 0.75f, 20, 5, 4.2f, -0.3f);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	scalev(c, id->skin, 1.06f, 1.05f, 1.05f);
	flat(&pt, c, 0.5f);
	path_init(&p);
	path_ellipse(&p, x, 16, 6, 5, 0);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	scalev(c, id->skin, 0.38f, 0.3f, 0.3f);
	flat(&pt, c, 0.8f);
	path_init(&p);
	path_ellipse(&p, x - 5, 24, 3.4f, 1.9f, 0.25f);
	path_ellipse(&p, x + 5, 24, 3.4f, 1.9f, -0.25f);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	/* Nasolabial folds deepen with age. */
	scalev(c, id->skin, 0.76f, 0.7f, 0.7f);
	flat(&pt, c, 0.12f + 0.5f * id->wrinkle);
	mw = id->mouth_w;
	my = id->mouth_y;
	for (side = -1; side <= 1; side += 2)
		raster_stroke(sc->cv, &sc->head, &pt, x + side * (id->nose_w +
		    1), 20, x + side * (mw + 6), my - 10, x + side * (mw + 7),
		    my + 6, 1.8f, 1.2f);
	if (id->blush) {
		setc(c, 232, 130, 130);
		flat(&pt, c, 0.12f);
		path_init(&p);
		path_ellipse(&p, -id->fw * 0.55f + yaw * 5, 18, 15, 10, 0);
		path_ellipse(&p, id->fw * 0.55f + yaw * 5, 18, 15, 10, 0);
		raster_fill(sc->cv, &p, &sc->head, &pt);
	}
	/* Age spots. */
	synth_rng_seed(&r, lk->person_seed ^ 0x73706f74ULL);
	scalev(c, id->skin, 0.8f, 0.7f, 0.62f);
	flat(&pt, c, 0.35f);
	for (i = 0; i < id->spots; i++) {
		path_init(&p);
		path_ellipse(&p, pickf(&r, -id->fw * 0.7f, id->fw * 0.7f),
		    pickf(&r, -45, 30), pickf(&r, 1.5f, 3.5f),
		    pickf(&r, 1.5f, 3), 0);
		raster_fill(sc->cv, &p, &sc->head, &pt);
	}
	/* Beard shadow or moustache. */
	x = yaw * 7;
	if (id->beard) {
		memset(&pt, 0, sizeof pt);
		mixv(pt.rgb, id->hair, id->skin, 0.45f);
		pt.alpha = 0.3f;
		pt.fn = paint_stubble;
		pt.k[0] = (float)(lk->person_seed & 0xffff);
		path_init(&p);
		path_add(&p, x - mw - 8, my - 14);
		path_quad(&p, x - mw - 8, my - 14, x, my - 20, x + mw + 8,
		    my - 14, 6);
		path_add(&p, id->fw * 0.9f, 10);
		path_add(&p, id->fw, 20);
		path_quad(&p, id->fw, 20, id->fw * 0.8f, id->fh * 1.05f, 0,
		    id->fh * 1.01f, 10);
		path_quad(&p, 0, id->fh * 1.01f, -id->fw * 0.8f,
		    id->fh * 1.05f, -id->fw, 20, 10);
		path_add(&p, -id->fw * 0.9f, 10);
		path_close(&p);
		raster_fill(sc->cv, &p, &sc->head, &pt);
		if (id->beard == 2) {
			flat(&pt, id->hair, 0.8f);
			raster_stroke(sc->cv, &sc->head, &pt, x - mw - 2,
			    my - 1, x, my - 12, x + mw + 2, my - 1, 3.5f, 3.5f);
		}
	}
	/* Lips: a bow on top, a fuller lower lip, a dark line between. */
	flat(&pt, id->lip, 1);
	path_init(&p);
	path_add(&p, x - mw, my);
	path_quad(&p, x - mw, my, x - mw * 0.45f, my - id->lip_u * 1.3f,
	    x - mw * 0.2f, my - id->lip_u, 5);
	path_add(&p, x, my - id->lip_u * 0.7f);
	path_add(&p, x + mw * 0.2f, my - id->lip_u);
	path_quad(&p, x + mw * 0.2f, my - id->lip_u, x + mw * 0.45f,
	    my - id->lip_u * 1.3f, x + mw, my, 5);
	path_quad(&p, x + mw, my, x + mw * 0.2f, my + id->lip_l * 2.1f,
	    x - mw, my, 10);
	path_close(&p);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	scalev(c, id->lip, 0.45f, 0.35f, 0.38f);
	flat(&pt, c, 0.85f);
	raster_stroke(sc->cv, &sc->head, &pt, x - mw - 1, my + 0.5f, x,
	    my + 2.5f, x + mw + 1, my + 0.5f, 1.6f, 1.6f);
	scalev(c, id->lip, 1.2f, 1.2f, 1.2f);
	flat(&pt, c, 0.35f);
	path_init(&p);
	path_ellipse(&p, x + 2, my + id->lip_l * 0.55f, mw * 0.35f, 1.6f, 0);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	/* Marionette lines after fifty. */
	if (id->wrinkle > 0.6f) {
		scalev(c, id->skin, 0.76f, 0.7f, 0.7f);
		flat(&pt, c, 0.4f * id->wrinkle);
		for (side = -1; side <= 1; side += 2)
			raster_stroke(sc->cv, &sc->head, &pt, x + side * mw,
			    my + 3, x + side * (mw + 2), my + 12,
			    x + side * (mw + 1), my + 22, 1.3f, 1);
	}
}
