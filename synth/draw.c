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
 *
 * This file sets the scene up (identity, shot, transforms) and calls the
 * painters in order: draw-scene.c (room, body, light and noise),
 * draw-hair.c, draw-face.c and draw-wear.c (glasses, mask, earrings).
 */
#include <math.h>
#include <string.h>

#include "../lib/labels.h"
#include "draw-int.h"

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
	draw_light_noise(&sc);
}
