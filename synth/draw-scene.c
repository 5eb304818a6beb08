/*
 * synth/draw-scene.c: everything around the person: the room behind
 * them, the neck, torso and clothes, and the last pass that applies the
 * shot's light and the sensor noise to the whole photo.
 */
#include <stddef.h>
#include <string.h>

#include "draw-int.h"

/*
 * The wall gradient over every pixel, then the room object and the floor,
 * shifted by the shot.  Reads sc; writes sc->cv (borrowed).  Cannot fail.
 */
void
draw_background(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	unsigned char		*row;
	struct path		 p;
	struct paint		 pt;
	struct xf		 I;
	float			 c[3], t, b = sc->sh.bg_b, x0, fy;
	int			 x, y, i;

	for (y = 0; y < SYNTH_H; y++) {
		t = (float)y / SYNTH_H;
		for (i = 0; i < 3; i++)
			c[i] = clampf((id->wall[i] + (id->wall2[i] -
			    id->wall[i]) * t) * b, 0, 255);
		row = sc->cv->px + (size_t)y * SYNTH_W * 3;
		for (x = 0; x < SYNTH_W; x++) {
			row[3 * x] = (unsigned char)c[0];
			row[3 * x + 1] = (unsigned char)c[1];
			row[3 * x + 2] = (unsigned char)c[2];
		}
	}
	xf_make(&I, sc->sh.bg_dx, 0, 0, 1);
	x0 = id->room_x;
	switch (id->room) {
	case 0:		/* a door */
		scalev(c, id->room_col, 0.8f, 0.75f, 0.7f);
		flat(&pt, c, 1);
		path_init(&p);
		path_add(&p, x0, 40);
		path_add(&p, x0 + id->room_w + 40, 40);
		path_add(&p, x0 + id->room_w + 40, 520);
		path_add(&p, x0, 520);
		path_close(&p);
		raster_fill(sc->cv, &p, &I, &pt);
		break;
	case 1:		/* a window */
		setc(c, 236, 242, 250);
		flat(&pt, c, 0.85f);
		path_init(&p);
		path_add(&p, x0, 30);
		path_add(&p, x0 + id->room_w + 30, 30);
		path_add(&p, x0 + id->room_w + 30, 230);
		path_add(&p, x0, 230);
		path_close(&p);
		raster_fill(sc->cv, &p, &I, &pt);
		scalev(c, id->wall, 0.85f, 0.85f, 0.85f);
		flat(&pt, c, 1);
		raster_stroke(sc->cv, &I, &pt, x0 + (id->room_w + 30) / 2, 30,
		    x0 + (id->room_w + 30) / 2, 130, x0 + (id->room_w + 30) / 2,
		    230, 5, 5);
		break;
	case 2:		/* a picture frame */
		flat(&pt, id->room_col, 0.8f);
		path_init(&p);
		path_add(&p, x0, 60);
		path_add(&p, x0 + id->room_w, 60);
		path_add(&p, x0 + id->room_w, 60 + id->room_w * 0.8f);
		path_add(&p, x0, 60 + id->room_w * 0.8f);
		path_close(&p);
		raster_fill(sc->cv, &p, &I, &pt);
		break;
	case 3:		/* vertical panels */
		scalev(c, id->wall, 0.9f, 0.9f, 0.9f);
		flat(&pt, c, 0.6f);
		for (i = -1; i < 5; i++)
			raster_stroke(sc->cv, &I, &pt, (float)i * 90 + x0 * 0.3f,
			    -10, (float)i * 90 + x0 * 0.3f, 260,
			    (float)i * 90 + x0 * 0.3f, 530, 3, 3);
		break;
	default:
		break;
	}
	fy = id->floor_y;
	if (fy < SYNTH_H) {
		scalev(c, id->wall, 0.7f, 0.68f, 0.65f);
		flat(&pt, c, 1);
		path_init(&p);
		path_add(&p, -20, fy);
		path_add(&p, SYNTH_W + 20, fy);
		path_add(&p, SYNTH_W + 20, SYNTH_H + 5);
		path_add(&p, -20, SYNTH_H + 5);
		path_close(&p);
		raster_fill(sc->cv, &p, &I, &pt);
	}
}

/*
 * Neck and chin shadow, torso, neckline, in body space.  Reads sc;
 * writes sc->cv (borrowed).  Cannot fail.
 */
void
draw_body(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	struct path		 p;
	struct paint		 pt;
	float			 S = id->shoulder, nw = id->neck_w, top, c[3];

	top = id->fh + 48;
	/* Neck, with the chin's shadow. */
	scalev(c, id->skin, 0.9f, 0.88f, 0.88f);
	flat(&pt, c, 1);
	path_init(&p);
	path_add(&p, -nw, 20);
	path_add(&p, nw, 20);
	path_add(&p, nw * 1.08f, top + 30);
	path_add(&p, -nw * 1.08f, top + 30);
	path_close(&p);
	raster_fill(sc->cv, &p, &sc->body, &pt);
	scalev(c, id->skin, 0.62f, 0.58f, 0.58f);
	flat(&pt, c, 0.3f);
	path_init(&p);
	path_ellipse(&p, 0, id->fh - 2, id->fw * 0.55f, 11, 0);
	raster_fill(sc->cv, &p, &sc->body, &pt);
	/* Torso. */
	memset(&pt, 0, sizeof pt);
	memcpy(pt.rgb, id->cloth, sizeof pt.rgb);
	pt.alpha = 1;
	/* Darker downwards and towards the arms. */
	pt.shade = 1;
	pt.sh[0] = 1.06f + 0.2f * top / 200;
	pt.sh[2] = -0.2f / 200;
	pt.sh[3] = -0.1f / (200 * 200);
	pt.sh[5] = 0.8f;
	path_init(&p);
	path_add(&p, -nw * 1.2f, top);
	path_quad(&p, -nw * 1.2f, top, 0, top + 22, nw * 1.2f, top, 8);
	path_quad(&p, nw * 1.2f, top, S * 0.8f, top + 2, S, top + 42, 8);
	path_quad(&p, S, top + 42, S + 16, top + 80, S + 22, 420, 6);
	path_add(&p, -S - 22, 420);
	path_quad(&p, -S - 22, 420, -S - 16, top + 80, -S, top + 42, 6);
	path_quad(&p, -S, top + 42, -S * 0.8f, top + 2, -nw * 1.2f, top, 8);
	path_close(&p);
	raster_fill(sc->cv, &p, &sc->body, &pt);
	/* Neckline. */
	if (id->cloth_kind == 1) {	/* V */
		flat(&pt, id->skin, 1);
		pt.rgb[0] *= 0.9f;
		pt.rgb[1] *= 0.88f;
		pt.rgb[2] *= 0.88f;
		path_init(&p);
		path_add(&p, -nw * 1.1f, top + 4);
		path_add(&p, nw * 1.1f, top + 4);
		path_add(&p, 0, top + 60);
		path_close(&p);
		raster_fill(sc->cv, &p, &sc->body, &pt);
	} else if (id->cloth_kind == 2) {	/* collar */
		scalev(c, id->cloth2, 1.05f, 1.05f, 1.05f);
		flat(&pt, c, 1);
		path_init(&p);
		path_add(&p, -nw * 1.3f, top - 8);
		path_add(&p, -2, top + 24);
		path_add(&p, -nw * 1.5f, top + 34);
		path_close(&p);
		path_add(&p, nw * 1.3f, top - 8);
		path_add(&p, nw * 1.5f, top + 34);
		path_add(&p, 2, top + 24);
		path_close(&p);
		raster_fill(sc->cv, &p, &sc->body, &pt);
	} else if (id->cloth_kind == 3) {	/* open jacket over a shirt */
		flat(&pt, id->cloth2, 1);
		path_init(&p);
		path_add(&p, -nw * 1.15f, top + 2);
		path_add(&p, nw * 1.15f, top + 2);
		path_add(&p, nw * 1.4f, 420);
		path_add(&p, -nw * 1.4f, 420);
		path_close(&p);
		raster_fill(sc->cv, &p, &sc->body, &pt);
	}
}

/* Noise table entries: one row of samples is read from a random offset. */
#define NOISE_TAB	8192

/*
 * Light (brightness, contrast, a gradient, warmth) and sensor noise.  The
 * noise comes from a per-photo table read at a random offset per row:
 * one random number per row instead of one per sample.  Must be the last
 * pass.  Reads sc; rewrites every pixel of sc->cv (borrowed) in place;
 * the table lives on the stack.  Cannot fail.
 */
void
draw_light_noise(struct scene *sc)
{
	const struct look_shot	*sh = &sc->sh;
	unsigned char		*q;
	struct synth_rng	 r;
	float			 tab[NOISE_TAB + SYNTH_W * 3], gain[3], k;
	float			 A[SYNTH_W * 3], B[SYNTH_W * 3], base, dl, off, v;
	uint64_t		 bits;
	int			 x, y, i, o;

	synth_rng_seed(&r, sh->noise_seed);
	k = sh->noise / 64;
	for (i = 0; i < NOISE_TAB; i += 4) {
		bits = synth_rng_next(&r);
		for (o = 0; o < 4; o++, bits >>= 16)
			tab[i + o] = (float)((int)(bits & 0xff) +
			    (int)((bits >> 8) & 0xff) - 255) * k;
	}
	memcpy(tab + NOISE_TAB, tab, sizeof(float) * SYNTH_W * 3);
	gain[0] = sh->bright * (1 + sh->warm) * sh->contrast;
	gain[1] = sh->bright * sh->contrast;
	gain[2] = sh->bright * (1 - sh->warm) * sh->contrast;
	off = 128 - 128 * sh->contrast + 0.5f;
	dl = sh->gx / SYNTH_W;
	/* Light = gain * (base(y) + dl (x - W/2)) = A base(y) + B. */
	for (x = 0; x < SYNTH_W; x++)
		for (i = 0; i < 3; i++) {
			A[3 * x + i] = gain[i];
			B[3 * x + i] = gain[i] * dl * ((float)x - SYNTH_W / 2);
		}
	for (y = 0; y < SYNTH_H; y++) {
		const float	*nz = tab + (synth_rng_next(&r) >> 51);

		q = sc->cv->px + (size_t)y * SYNTH_W * 3;
		base = 1 + sh->gy * ((float)y / SYNTH_H - 0.5f);
		for (i = 0; i < SYNTH_W * 3; i++) {
			v = (float)q[i] * (A[i] * base + B[i]) + off + nz[i];
			v = v < 0 ? 0 : v;
			v = v > 255 ? 255 : v;
			q[i] = (unsigned char)v;
		}
	}
}
