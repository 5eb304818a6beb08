/*
 * synth/draw.c: synth_draw(), one procedurally drawn photo per look.
 *
 * The labels live in the pixels:
 *  - mask state: the lower face.  Worn: the mask runs from the nose
 *    bridge to under the chin.  Incorrect: its top edge sits under the
 *    nostrils (nose visible) or under the lower lip (mouth visible too).
 *    Not worn: nose and mouth visible, no mask.
 *  - gender: hair length and shape, face width and jaw, brow weight, eye
 *    liner, lip colour, shoulders, stubble, earrings.  Each cue overlaps
 *    between the genders; none decides alone.
 *  - age: grey strands (white by 60, with a personal offset and some dyed
 *    hair), wrinkles (forehead, eyes, nasolabial folds), eye bags, paler
 *    and less saturated skin, age spots, receding hairlines, glasses.
 * Identity (from person_seed) fixes face shape, skin, hair, clothes and
 * the room; the shot (shot_seed) varies pose, light, mask, noise.
 */
#include <math.h>
#include <string.h>

#include "../lib/labels.h"
#include "raster.h"
#include "rng.h"
#include "synth.h"

#define PI	3.14159265f

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

struct scene {
	struct look_id		 id;
	struct look_shot	 sh;
	struct xf		 body, head;
	struct canvas		*cv;
	const struct synth_look	*look;
};

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

static float
clampf(float v, float lo, float hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void
setc(float *c, float r, float g, float b)
{
	c[0] = r;
	c[1] = g;
	c[2] = b;
}

static void
mixv(float *out, const float *a, const float *b, float t)
{
	int	i;

	for (i = 0; i < 3; i++)
		out[i] = a[i] + (b[i] - a[i]) * t;
}

static void
scalev(float *out, const float *a, float r, float g, float b)
{
	out[0] = clampf(a[0] * r, 0, 255);
	out[1] = clampf(a[1] * g, 0, 255);
	out[2] = clampf(a[2] * b, 0, 255);
}

static void
flat(struct paint *p, const float *rgb, float alpha)
{
	memset(p, 0, sizeof *p);
	p->rgb[0] = clampf(rgb[0], 0, 255);
	p->rgb[1] = clampf(rgb[1], 0, 255);
	p->rgb[2] = clampf(rgb[2], 0, 255);
	p->alpha = alpha;
}

static float
pickf(struct synth_rng *r, float lo, float hi)
{
	return synth_rng_range(r, lo, hi);
}

static int
chance(struct synth_rng *r, float p)
{
	return synth_rng_unit(r) < p;
}

/* ---------------------------------------------------------------- identity */

static void
make_identity(struct look_id *id, const struct synth_look *lk)
{
	static const float	hairs[][3] = {
		{ 22, 18, 17 }, { 30, 24, 20 }, { 48, 34, 26 }, { 70, 48, 32 },
		{ 110, 76, 48 }, { 140, 100, 62 }, { 84, 36, 34 }
	};
	static const float	lips[][3] = {
		{ 196, 62, 78 }, { 206, 92, 100 }, { 172, 52, 64 },
		{ 214, 112, 108 }, { 186, 80, 112 }
	};
	static const float	cloths[][3] = {
		{ 240, 240, 236 }, { 30, 30, 34 }, { 60, 70, 110 },
		{ 120, 120, 124 }, { 150, 40, 46 }, { 70, 110, 80 },
		{ 200, 180, 140 }, { 90, 140, 190 }, { 220, 150, 170 },
		{ 110, 80, 60 }, { 236, 210, 90 }, { 160, 120, 190 }
	};
	static const float	walls[][3] = {
		{ 232, 228, 218 }, { 210, 206, 198 }, { 190, 196, 200 },
		{ 222, 214, 196 }, { 180, 190, 176 }, { 240, 240, 240 },
		{ 170, 160, 150 }, { 200, 210, 226 }
	};
	struct synth_rng	 r;
	const float		*hc;
	int			 female = lk->gender == GENDER_FEMALE;
	float			 af, t, lum, light[3], tan[3], natural[3];

	synth_rng_seed(&r, lk->person_seed);
	af = clampf(((float)lk->age - 18) / 42, 0, 1);
	id->agef = af;
	id->scale = pickf(&r, 0.93f, 1.07f);
	id->fw = (female ? 59.5f : 65.0f) + 2.6f * synth_rng_normal(&r);
	id->fh = 80 + 3 * synth_rng_normal(&r) + (female ? -1 : 1.5f);
	id->jaw = clampf((female ? 0.38f : 0.72f) + 0.16f *
	    synth_rng_normal(&r), 0, 1);
	/* Skin: light to tan; paler, greyer and yellower with age. */
	setc(light, 240, 206, 182);
	setc(tan, 198, 146, 110);
	mixv(id->skin, light, tan, pickf(&r, 0, 1) * 0.85f + (female ? 0 :
	    0.12f));
	lum = 0.3f * id->skin[0] + 0.55f * id->skin[1] + 0.15f * id->skin[2];
	t = 0.32f * af * af;
	id->skin[0] += (lum - id->skin[0]) * t;
	id->skin[1] += (lum - id->skin[1]) * t;
	id->skin[2] += (lum - id->skin[2]) * t - 6 * af;
	scalev(id->skin, id->skin, 1 - 0.07f * af, 1 - 0.07f * af, 1 - 0.1f * af);
	/* Hair colour, greyness (white at 60), some dyed. */
	if (female && lk->age < 45 && chance(&r, 0.3f))
		hc = hairs[4 + synth_rng_below(&r, 3)];
	else
		hc = hairs[synth_rng_below(&r, 4)];
	memcpy(id->hair, hc, sizeof id->hair);
	t = ((float)lk->age - 36 + 3.5f * synth_rng_normal(&r)) / 24;
	t = clampf(t, 0, 1);
	id->grey = t * t * (3 - 2 * t);
	if (lk->age >= 60)
		id->grey = clampf(id->grey + 0.1f, 0, 1);
	if (lk->age >= 45 && chance(&r, female ? 0.22f : 0.1f))
		id->grey *= 0.35f;		/* dyed */
	id->strand_seed = (uint32_t)synth_rng_next(&r);
	/* Hair style: long for most women, short for most men. */
	t = pickf(&r, 0, 1);
	if (female)
		id->hair_style = t < 0.62f ? 2 : t < 0.9f ? 1 : 0;
	else
		id->hair_style = t < 0.86f ? 0 : t < 0.97f ? 1 : 2;
	if (!female && chance(&r, 0.5f * af * af))
		id->hair_style = 3;
	id->hair_len = id->hair_style == 2 ? pickf(&r, 150, 260) :
	    pickf(&r, 45, 80);
	id->hairline = -id->fh * pickf(&r, 0.5f, 0.62f);
	if (!female)
		id->hairline -= 14 * af * pickf(&r, 0, 1);
	id->part = pickf(&r, -0.4f, 0.4f);
	id->volume = female ? pickf(&r, 8, 20) : pickf(&r, 5, 14);
	id->fringe = chance(&r, female ? 0.45f : 0.3f) && id->hair_style != 3;
	/* Features. */
	id->eye_dx = id->fw * pickf(&r, 0.38f, 0.45f);
	id->eye_rx = pickf(&r, 10, 12.5f);
	id->eye_ry = pickf(&r, 4.2f, 6);
	id->liner = female && chance(&r, 0.75f);
	id->brow_w = female ? pickf(&r, 2.2f, 3.6f) : pickf(&r, 3.6f, 5.5f);
	id->brow_arch = female ? pickf(&r, 4, 8) : pickf(&r, 1, 4);
	id->brow_y = -26 - pickf(&r, 0, 6) + (female ? -2 : 1.5f);
	id->nose_w = pickf(&r, 9, 13) + (female ? 0 : 1.5f);
	id->mouth_w = pickf(&r, 16, 21) + (female ? 0 : 1.5f);
	id->mouth_y = pickf(&r, 43, 48);
	id->lip_u = pickf(&r, 4, 6.5f) * (female ? 1.1f : 0.9f);
	id->lip_l = pickf(&r, 5, 8) * (female ? 1.1f : 0.9f);
	scalev(natural, id->skin, pickf(&r, 0.8f, 0.9f), 0.62f, 0.64f);
	if (female && chance(&r, 0.75f))
		mixv(id->lip, natural, lips[synth_rng_below(&r, 5)],
		    pickf(&r, 0.45f, 0.95f));
	else
		memcpy(id->lip, natural, sizeof id->lip);
	setc(id->iris, pickf(&r, 30, 70), pickf(&r, 20, 45), pickf(&r, 14, 30));
	id->wrinkle = clampf(powf(clampf(((float)lk->age - 27) / 33, 0, 1),
	    1.2f) * pickf(&r, 0.7f, 1.25f), 0, 1);
	id->spots = lk->age >= 50 ? (int)synth_rng_below(&r, 5) : 0;
	id->beard = !female && lk->age >= 20 && chance(&r, 0.35f) ?
	    1 + (int)synth_rng_below(&r, 2) : 0;
	id->blush = female && chance(&r, 0.5f);
	id->earring = female && chance(&r, 0.3f);
	setc(id->earring_col, 230, 200, 120);
	if (chance(&r, 0.4f))
		setc(id->earring_col, 220, 220, 228);
	id->glasses = chance(&r, 0.12f + 0.3f * af);
	t = pickf(&r, 0, 1);
	if (t < 0.5f)
		setc(id->glass_col, 25, 22, 22);
	else if (t < 0.8f)
		setc(id->glass_col, 150, 120, 80);
	else
		setc(id->glass_col, 190, 190, 196);
	/* Body and clothes. */
	id->shoulder = (female ? 128 : 152) + 8 * synth_rng_normal(&r);
	id->neck_w = id->fw * (female ? 0.5f : 0.6f);
	memcpy(id->cloth, cloths[synth_rng_below(&r, 12)], sizeof id->cloth);
	memcpy(id->cloth2, cloths[synth_rng_below(&r, 12)], sizeof id->cloth2);
	id->cloth_kind = (int)synth_rng_below(&r, 4);
	/* The room: wall, a floor line or skirting, one object. */
	memcpy(id->wall, walls[synth_rng_below(&r, 8)], sizeof id->wall);
	scalev(id->wall2, id->wall, pickf(&r, 0.8f, 1.02f),
	    pickf(&r, 0.8f, 1.02f), pickf(&r, 0.8f, 1.02f));
	id->floor_y = pickf(&r, 380, 560);
	id->room = (int)synth_rng_below(&r, 5);
	id->room_x = pickf(&r, -40, 330);
	id->room_w = pickf(&r, 40, 140);
	memcpy(id->room_col, cloths[synth_rng_below(&r, 12)],
	    sizeof id->room_col);
}

/* ------------------------------------------------------------------- shot */

static void
make_shot(struct look_shot *sh, const struct synth_look *lk)
{
	static const float	masks[][3] = {
		{ 238, 238, 236 }, { 166, 206, 232 }, { 26, 26, 30 },
		{ 150, 150, 156 }, { 236, 186, 196 }, { 40, 52, 92 },
		{ 200, 222, 210 }, { 120, 30, 40 }
	};
	struct synth_rng	r;
	float			t;

	synth_rng_seed(&r, lk->shot_seed);
	sh->dx = 10 * synth_rng_normal(&r);
	sh->dy = 7 * synth_rng_normal(&r);
	sh->scale = pickf(&r, 0.95f, 1.05f);
	sh->roll = 0.035f * synth_rng_normal(&r);
	sh->tilt = 0.06f * synth_rng_normal(&r);
	sh->yaw = clampf(0.5f * synth_rng_normal(&r), -1, 1);
	sh->bright = pickf(&r, 0.8f, 1.12f);
	sh->contrast = pickf(&r, 0.82f, 1.12f);
	sh->gx = 0.18f * synth_rng_normal(&r);
	sh->gy = 0.1f * synth_rng_normal(&r);
	sh->warm = 0.04f * synth_rng_normal(&r);
	sh->noise = pickf(&r, 1.5f, 6);
	sh->bg_dx = 8 * synth_rng_normal(&r);
	sh->bg_b = pickf(&r, 0.94f, 1.06f);
	t = pickf(&r, 0, 1);
	sh->mask_kind = t < 0.45f ? 0 : t < 0.7f ? 1 : 2;
	if (sh->mask_kind == 0)
		memcpy(sh->mask, masks[chance(&r, 0.6f) ? 1 : 0],
		    sizeof sh->mask);
	else if (sh->mask_kind == 1)
		memcpy(sh->mask, masks[chance(&r, 0.6f) ? 0 : 2],
		    sizeof sh->mask);
	else
		memcpy(sh->mask, masks[synth_rng_below(&r, 8)],
		    sizeof sh->mask);
	memcpy(sh->mask2, masks[synth_rng_below(&r, 8)], sizeof sh->mask2);
	sh->pattern = sh->mask_kind == 2 && chance(&r, 0.5f) ?
	    1 + (int)synth_rng_below(&r, 3) : 0;
	sh->mask_dy = 2.5f * synth_rng_normal(&r);
	sh->mask_drop = pickf(&r, 0, 1);
	sh->noise_seed = synth_rng_next(&r);
}

/* ---------------------------------------------------------- paint shaders */

/*
 * Hair: strands fanning out of an apex (k0, k1); each strand is dark or
 * grey by a hash against the greyness k2, with a sheen band near k3.
 */
static void
paint_hair(const struct paint *p, float u, float v, float *rgb, float *a)
{
	const struct look_id	*id = p->arg;
	float			 s, h, g, sheen, lv;
	uint32_t		 strand, hb;

	(void)a;
	/* Offsets keep the values positive, so truncation floors. */
	s = (u - p->k[0]) / (v - p->k[1] + 40) * 150 + 0.04f * v + 4000;
	strand = (uint32_t)(s > 0 ? s : 0);
	/* Strands break every few pixels: pepper-and-salt, not stripes. */
	s = v * 0.08f + (float)(strand * 2654435761U >> 24) * (1.0f / 256) +
	    100;
	strand = strand * 131U + (uint32_t)(s > 0 ? s : 0);
	hb = hash32(strand ^ id->strand_seed);
	h = (float)(hb & 0xffff) * (1.0f / 65536);
	g = (float)(hb >> 16) * (1.0f / 65536);
	sheen = 1 + 0.22f * clampf(1 - fabsf(v - p->k[3]) / 22, 0, 1);
	if (g < p->k[2]) {
		lv = 150 + 90 * h;
		rgb[0] = lv * sheen * 0.98f;
		rgb[1] = lv * sheen * 0.97f;
		rgb[2] = lv * sheen;
		if (p->k[2] < 0.9f) {
			/* Early grey is pepper-and-salt, not stripes. */
			rgb[0] = 0.7f * rgb[0] + 0.3f * id->hair[0];
			rgb[1] = 0.7f * rgb[1] + 0.3f * id->hair[1];
			rgb[2] = 0.7f * rgb[2] + 0.3f * id->hair[2];
		}
	} else {
		lv = 0.75f + 0.5f * h;
		rgb[0] = id->hair[0] * lv * sheen + 6;
		rgb[1] = id->hair[1] * lv * sheen + 5;
		rgb[2] = id->hair[2] * lv * sheen + 5;
	}
	rgb[0] = clampf(rgb[0], 0, 255);
	rgb[1] = clampf(rgb[1], 0, 255);
	rgb[2] = clampf(rgb[2], 0, 255);
}

/* Stubble: dark dots, denser towards the jaw. */
static void
paint_stubble(const struct paint *p, float u, float v, float *rgb, float *a)
{
	uint32_t	cell = (uint32_t)(int32_t)floorf(u * 0.8f) * 73856093U ^
	    (uint32_t)(int32_t)floorf(v * 0.8f) * 19349663U;

	(void)rgb;
	*a *= hashf(cell ^ (uint32_t)p->k[0]) < 0.55f ? 1 : 0.25f;
}

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

/* ------------------------------------------------------------ the drawing */

static void
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

static void
draw_hair_back(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	struct path		 p;
	struct paint		 pt;
	float			 W = id->fw + id->volume, L = id->hair_len;
	float			 top = -id->fh - id->volume * 1.5f;

	if (id->hair_style != 1 && id->hair_style != 2)
		return;
	memset(&pt, 0, sizeof pt);
	pt.alpha = 1;
	pt.fn = paint_hair;
	pt.arg = id;
	pt.k[0] = id->part * id->fw;
	pt.k[1] = -id->fh - 30;
	pt.k[2] = id->grey;
	pt.k[3] = -id->fh * 0.7f;
	path_init(&p);
	path_add(&p, -W, -10);
	path_quad(&p, -W, -10, -W, top, 0, top, 12);
	path_quad(&p, 0, top, W, top, W, -10, 12);
	path_quad(&p, W, -10, W + 10, L * 0.6f, W + 4, L, 10);
	path_quad(&p, W + 4, L, 0, L + 10, -W - 4, L, 8);
	path_quad(&p, -W - 4, L, -W - 10, L * 0.6f, -W, -10, 10);
	path_close(&p);
	raster_fill(sc->cv, &p, &sc->head, &pt);
}

static void
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

static void
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

static void
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

static void
draw_hair_front(struct scene *sc)
{
	const struct look_id	*id = &sc->id;
	struct path		 p;
	struct paint		 pt;
	float			 W = id->fw + id->volume * 0.5f, hl = id->hairline;
	float			 top = -id->fh - id->volume, pxx, side_y;

	memset(&pt, 0, sizeof pt);
	pt.alpha = 1;
	pt.fn = paint_hair;
	pt.arg = id;
	pt.k[0] = id->part * id->fw;
	pt.k[1] = -id->fh - 30;
	pt.k[2] = id->grey;
	pt.k[3] = -id->fh * 0.75f;
	pxx = id->part * id->fw;
	path_init(&p);
	if (id->hair_style == 3) {
		/* Bald top: hair only over the ears and at the back. */
		path_add(&p, -id->fw - 4, 12);
		path_quad(&p, -id->fw - 4, 12, -id->fw - 8, -30, -id->fw + 6,
		    -50, 6);
		path_quad(&p, -id->fw + 6, -50, -id->fw + 2, -20, -id->fw + 8,
		    5, 6);
		path_close(&p);
		path_add(&p, id->fw + 4, 12);
		path_quad(&p, id->fw + 4, 12, id->fw - 8, 5, id->fw - 2, -20, 4);
		path_quad(&p, id->fw - 2, -20, id->fw - 6, -50, id->fw + 8,
		    -30, 4);
		path_close(&p);
		pt.alpha = 0.9f;
		raster_fill(sc->cv, &p, &sc->head, &pt);
		return;
	}
	side_y = id->hair_style == 0 ? -4 : 30;
	path_add(&p, -W, side_y);
	path_quad(&p, -W, side_y, -W - 4, top * 0.7f, -W * 0.5f, top * 0.95f,
	    8);
	path_quad(&p, -W * 0.5f, top * 0.95f, 0, top * 1.08f, W * 0.5f,
	    top * 0.95f, 8);
	path_quad(&p, W * 0.5f, top * 0.95f, W + 4, top * 0.7f, W, side_y, 8);
	if (id->fringe) {
		/* Bangs down to the brows, uneven tips. */
		path_add(&p, id->fw * 0.92f, hl * 0.2f);
		path_quad(&p, id->fw * 0.92f, hl * 0.2f, id->fw * 0.8f,
		    id->brow_y - 8, id->fw * 0.5f, id->brow_y - 6, 6);
		path_add(&p, id->fw * 0.25f, id->brow_y - 10);
		path_add(&p, 0, id->brow_y - 5);
		path_add(&p, -id->fw * 0.25f, id->brow_y - 9);
		path_add(&p, -id->fw * 0.5f, id->brow_y - 5);
		path_quad(&p, -id->fw * 0.5f, id->brow_y - 5, -id->fw * 0.85f,
		    id->brow_y - 8, -id->fw * 0.92f, hl * 0.2f, 6);
	} else {
		/* A hairline with a parting. */
		path_add(&p, id->fw * 0.93f, side_y < 0 ? -8 : hl * 0.2f);
		path_quad(&p, id->fw * 0.93f, hl * 0.3f, id->fw * 0.75f, hl,
		    pxx + 6, hl - 4, 8);
		path_add(&p, pxx, hl - 10);
		path_quad(&p, pxx - 6, hl - 4, -id->fw * 0.75f, hl,
		    -id->fw * 0.93f, hl * 0.3f, 8);
		path_add(&p, -id->fw * 0.93f, side_y < 0 ? -8 : hl * 0.2f);
	}
	path_close(&p);
	raster_fill(sc->cv, &p, &sc->head, &pt);
	if (id->hair_style == 2) {
		/* Locks falling past the cheeks onto the shoulders. */
		path_init(&p);
		path_add(&p, -id->fw * 0.9f, -20);
		path_quad(&p, -id->fw * 0.9f, -20, -id->fw * 0.96f, 50,
		    -id->fw + 4, id->hair_len, 10);
		path_add(&p, -W - 12, id->hair_len - 8);
		path_quad(&p, -W - 12, id->hair_len - 8, -W - 8, 40, -W - 2,
		    -30, 10);
		path_close(&p);
		path_add(&p, id->fw * 0.9f, -20);
		path_add(&p, W + 2, -30);
		path_quad(&p, W + 2, -30, W + 8, 40, W + 12, id->hair_len - 8,
		    10);
		path_add(&p, id->fw - 4, id->hair_len);
		path_quad(&p, id->fw - 4, id->hair_len, id->fw * 0.96f, 50,
		    id->fw * 0.9f, -20, 10);
		path_close(&p);
		raster_fill(sc->cv, &p, &sc->head, &pt);
	}
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

static void
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
 */
static void
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

static void
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

/*
 * Light (brightness, contrast, a gradient, warmth) and sensor noise.  The
 * noise comes from a per-photo table read at a random offset per row:
 * one random number per row instead of one per sample.
 */
#define NOISE_TAB	8192

static void
finish(struct scene *sc)
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

void
synth_draw(unsigned char *rgb, const struct synth_look *look)
{
	struct canvas	cv;
	struct scene	sc;
	struct xf	tilt, neck_in, neck_out, tmp;
	float		s;

	memset(&cv, 0, sizeof cv);
	cv.px = rgb;
	memset(&sc, 0, sizeof sc);
	sc.cv = &cv;
	sc.look = look;
	make_identity(&sc.id, look);
	make_shot(&sc.sh, look);
	s = 1.15f * sc.id.scale * sc.sh.scale;
	xf_make(&sc.body, SYNTH_W / 2 + sc.sh.dx, 212 + sc.sh.dy, sc.sh.roll,
	    s);
	/* The head tilts about the neck. */
	xf_make(&neck_in, 0, -95, 0, 1);
	xf_make(&tilt, 0, 0, sc.sh.tilt, 1);
	xf_make(&neck_out, 0, 95, 0, 1);
	xf_compose(&tmp, &tilt, &neck_in);
	xf_compose(&tmp, &neck_out, &tmp);
	xf_compose(&sc.head, &sc.body, &tmp);

	draw_background(&sc);
	draw_hair_back(&sc);
	draw_body(&sc);
	draw_ears(&sc);
	draw_face(&sc);
	draw_hair_front(&sc);
	draw_glasses(&sc);
	draw_mask(&sc);
	draw_earrings(&sc);
	finish(&sc);
}
