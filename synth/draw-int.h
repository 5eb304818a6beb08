/*
 * synth/draw-int.h: what the synth/draw*.c files share, and nothing else
 * includes.  synth_draw() (draw.c) fills a struct scene from the look,
 * then calls the draw_*() functions below in back-to-front order; each
 * paints onto sc->cv in place.  None allocates, none can fail, and every
 * pointer they take is borrowed for the duration of the call.
 */
#ifndef SYNTH_DRAW_INT_H
#define SYNTH_DRAW_INT_H

#include <stdint.h>
#include <string.h>

#include "raster.h"
#include "rng.h"
#include "synth.h"

/* Who the person is: fixed by person_seed, the same in all their photos. */
struct look_id {
	float	fw, fh, jaw;		/* face half width/height, 0 pointed..1 square */
	float	skin[3], hair[3], lip[3], iris[3], cloth[3], cloth2[3];
	float	grey, wrinkle, agef;	/* 0..1 */
	int	hair_style;		/* 0 short, 1 bob, 2 long, 3 bald top */
	float	hair_len, hairline, part, volume;
	int	fringe, liner, beard, blush, earring, glasses, cloth_kind;
	float	glass_col[3], earring_col[3];
	float	brow_w, brow_arch, brow_y;
	float	eye_dx, eye_rx, eye_ry;
	float	nose_w, mouth_w, mouth_y, lip_u, lip_l;
	float	shoulder, neck_w, scale;
	float	wall[3], wall2[3], floor_y;
	int	room;
	float	room_x, room_w;
	float	room_col[3];
	uint32_t strand_seed;
	int	spots;
};

/* This photo: pose, light, mask, noise; fixed by shot_seed. */
struct look_shot {
	float	dx, dy, scale, roll, tilt, yaw;
	float	bright, contrast, gx, gy, warm, noise;
	int	mask_kind;		/* 0 surgical, 1 KF94, 2 cloth */
	int	pattern;		/* 0 plain, 1 stripes, 2 dots, 3 checks */
	float	mask[3], mask2[3];
	float	mask_dy, mask_drop;
	float	bg_dx, bg_b;
	uint64_t noise_seed;
};

/*
 * One photo being drawn.  id and sh are filled once by synth_draw(), then
 * only read; body and head map person space and head space to the image.
 * cv and look are borrowed from synth_draw()'s caller.
 */
struct scene {
	struct look_id		 id;
	struct look_shot	 sh;
	struct xf		 body, head;
	struct canvas		*cv;
	const struct synth_look	*look;
};

/* Small helpers used by several files (static, so each file has its own). */

static inline uint32_t
hash32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

static inline float
hashf(uint32_t x)
{
	return (float)(hash32(x) >> 8) * (1.0f / 16777216.0f);
}

static inline float
clampf(float v, float lo, float hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static inline void
setc(float *c, float r, float g, float b)
{
	c[0] = r;
	c[1] = g;
	c[2] = b;
}

static inline void
mixv(float *out, const float *a, const float *b, float t)
{
	int	i;

	for (i = 0; i < 3; i++)
		out[i] = a[i] + (b[i] - a[i]) * t;
}

static inline void
scalev(float *out, const float *a, float r, float g, float b)
{
	out[0] = clampf(a[0] * r, 0, 255);
	out[1] = clampf(a[1] * g, 0, 255);
	out[2] = clampf(a[2] * b, 0, 255);
}

static inline void
flat(struct paint *p, const float *rgb, float alpha)
{
	memset(p, 0, sizeof *p);
	p->rgb[0] = clampf(rgb[0], 0, 255);
	p->rgb[1] = clampf(rgb[1], 0, 255);
	p->rgb[2] = clampf(rgb[2], 0, 255);
	p->alpha = alpha;
}

static inline float
pickf(struct synth_rng *r, float lo, float hi)
{
	return synth_rng_range(r, lo, hi);
}

static inline int
chance(struct synth_rng *r, float p)
{
	return synth_rng_unit(r) < p;
}

/* ------------------------------------------------ draw-scene.c: the room */

/*
 * Fills the whole canvas with the wall gradient, then the room object
 * (door, window, picture, panels) and the floor, shifted by the shot.
 */
void	draw_background(struct scene *sc);
/* Neck with the chin's shadow, torso and neckline, in body space. */
void	draw_body(struct scene *sc);
/*
 * The last pass over every pixel: brightness, contrast, a light
 * gradient, warmth and sensor noise from sc->sh.  Uses a stack table of
 * about 37 KB; allocates nothing.
 */
void	draw_light_noise(struct scene *sc);

/* --------------------------------------------------- draw-hair.c: hair */

/* Long hair and bobs behind the head and neck; nothing for other styles. */
void	draw_hair_back(struct scene *sc);
/* The hair over the face: crown, fringe or hairline, side locks, bald top. */
void	draw_hair_front(struct scene *sc);

/* --------------------------------------------------- draw-face.c: face */

/* Both ears, shifted with the yaw; drawn before the face covers them. */
void	draw_ears(struct scene *sc);
/*
 * Skin, forehead lines, brows, eyes, nose, nasolabial folds, blush, age
 * spots, beard, lips and marionette lines, in head space.
 */
void	draw_face(struct scene *sc);

/* ------------------------------- draw-wear.c: worn over face and hair */

/* Glasses frames and temples, when id->glasses. */
void	draw_glasses(struct scene *sc);
/*
 * The mask and its ear loops, placed by sc->look->mask and
 * incorrect_kind (nothing for MASK_NOT_WEAR): this is the label.
 */
void	draw_mask(struct scene *sc);
/* Ear studs, when id->earring. */
void	draw_earrings(struct scene *sc);

#endif
