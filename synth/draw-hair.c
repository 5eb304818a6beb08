/*
 * synth/draw-hair.c: the hair, in two layers around the face: long hair
 * behind the head, and the crown, fringe or hairline over it.  Greyness,
 * sheen and strands come from one paint shader.
 */
#include <math.h>
#include <string.h>

#include "draw-int.h"

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

/*
 * Long hair and bobs, behind head and neck.  Reads sc; writes sc->cv
 * (borrowed); paint_hair borrows sc->id for the fill only.  Cannot fail.
 */
void
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

/*
 * The hair over the face.  Reads sc; writes sc->cv (borrowed);
 * paint_hair borrows sc->id for the fill only.  Cannot fail.
 */
void
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
