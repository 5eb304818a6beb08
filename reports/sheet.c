/*
 * reports/sheet.c: draws a contact sheet: each tile is the image fitted
 * inside a square (letterboxed on dark grey, EXIF orientation applied)
 * with its face boxes, and a caption bar of text under it; files that
 * cannot be shown get a red cross (or, quarantined ones, a grey square)
 * and their reason instead.  The grid is written as one PNG.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"
#include "../db/sheet.h"
#include "../image/draw.h"
#include "../image/font.h"
#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/limits.h"
#include "../tree/tree.h"

static const unsigned char C_BACK[3] = { 16, 16, 16 };	/* caption bar */
static const unsigned char C_LETTERBOX[3] = { 48, 48, 48 };
static const unsigned char C_TEXT[3] = { 235, 235, 235 };
static const unsigned char C_PATH[3] = { 150, 150, 150 };
static const unsigned char C_ERRTEXT[3] = { 255, 130, 130 };
static const unsigned char C_CROSS[3] = { 220, 30, 30 };
static const unsigned char C_GREY[3] = { 128, 128, 128 };
static const unsigned char C_DARK[3] = { 0, 0, 0 };
static const unsigned char C_OWN[3] = { 255, 214, 0 };	/* the sample's box */
static const unsigned char C_BOX[3] = { 0, 220, 110 };	/* other boxes */

/* See sheet.h. */
void
sheet_init(struct sheet *s, long limit)
{
	memset(s, 0, sizeof *s);
	s->limit = limit;
}

/* See sheet.h. */
void
sheet_release(struct sheet *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		free(s->t[i].source);
		free(s->t[i].root);
		free(s->t[i].prefix);
		free(s->t[i].path);
		free(s->t[i].info);
		free(s->t[i].reason);
	}
	free(s->t);
	memset(s, 0, sizeof *s);
}

static char *
opt_dup(const char *p)
{
	return p != NULL ? xstrdup(p) : NULL;
}

/* See sheet.h. */
struct sheet_tile *
sheet_add(struct sheet *s, const struct sheet_tile *t)
{
	struct sheet_tile	*n;

	if ((long)s->n >= s->limit) {
		s->left_out++;
		return NULL;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->t = xrealloc(s->t, s->cap * sizeof *s->t);
	}
	n = &s->t[s->n++];
	*n = *t;
	n->source = opt_dup(t->source);
	n->root = opt_dup(t->root);
	n->prefix = opt_dup(t->prefix);
	n->path = opt_dup(t->path);
	n->info = opt_dup(t->info);
	n->reason = opt_dup(t->reason);
	return n;
}

/* See sheet.h. */
int
sheet_wrap(const char *text, int width, int lines, char *buf)
{
	const char	*p = text;
	char		*line;
	size_t		 n, cut, w;
	int		 used = 0;

	if (width < 1 || lines < 1)
		return 0;
	w = (size_t)width;
	while (*p == ' ')
		p++;
	while (*p != '\0' && used < lines) {
		line = buf + (size_t)used * (w + 1);
		used++;
		n = strlen(p);
		if (n <= w) {
			memcpy(line, p, n + 1);
			break;
		}
		if (used == lines) {
			if (w <= 3)
				memcpy(line, "...", w);
			else {
				memcpy(line, p, w - 3);
				memcpy(line + w - 3, "...", 3);
			}
			line[w] = '\0';
			break;
		}
		for (cut = w; cut > 0 && p[cut] != ' '; cut--)
			;
		if (cut == 0)
			cut = w;		/* one long word: break it */
		for (n = cut; n > 1 && p[n - 1] == ' '; n--)
			;
		memcpy(line, p, n);
		line[n] = '\0';
		for (p += cut; *p == ' '; p++)
			;
	}
	return used;
}

/* See sheet.h. */
void
sheet_tail(const char *path, int width, char *buf)
{
	size_t	n = strlen(path), w = width > 0 ? (size_t)width : 0;

	if (n <= w)
		memcpy(buf, path, n + 1);
	else if (w <= 3) {
		memcpy(buf, "...", w);
		buf[w] = '\0';
	} else {
		memcpy(buf, "...", 3);
		memcpy(buf + 3, path + n - (w - 3), w - 3 + 1);
	}
}

/* --- Drawing ------------------------------------------------------------- */

/* Source trees opened once per root. */
struct troot {
	char		*root;
	struct tree	*t;		/* NULL: could not open (reported) */
};

struct render {
	sqlite3			*db;
	const struct sheet_opts	*o;
	unsigned char		*px;		/* the canvas */
	int			 w, h;
	struct troot		*trees;
	size_t			 ntrees;
	long			*failed;
};

static struct tree *
get_tree(struct render *r, const char *root)
{
	size_t	i;

	for (i = 0; i < r->ntrees; i++)
		if (strcmp(r->trees[i].root, root) == 0)
			return r->trees[i].t;
	r->trees = xrealloc(r->trees, (r->ntrees + 1) * sizeof *r->trees);
	r->trees[r->ntrees].root = xstrdup(root);
	if (tree_open(root, &r->trees[r->ntrees].t, NULL, NULL) != 0)
		r->trees[r->ntrees].t = NULL;
	return r->trees[r->ntrees++].t;
}

/* Writes 'text' wrapped into at most 'lines' lines from x, y. */
static void
draw_lines(struct render *r, int x, int y, int width, int lines,
    const char *text, const unsigned char col[3])
{
	char	*buf;
	int	 cw = (width + FONT_ADVANCE - FONT_W) / FONT_ADVANCE, k, n;

	if (cw < 1 || lines < 1 || text == NULL)
		return;
	buf = xmallocarray((size_t)lines, (size_t)cw + 1);
	n = sheet_wrap(text, cw, lines, buf);
	for (k = 0; k < n; k++)
		font_draw_string(r->px, r->w, r->h, x, y + k * SHEET_LINE_H,
		    buf + (size_t)k * (cw + 1), col);
	free(buf);
}

/*
 * The rectangle [x0, x1) x [y0, y1) of a w x h image after EXIF
 * orientation o (see img_orient_rgb()).
 */
static void
orient_rect(int o, int w, int h, double v[4])
{
	double	x0 = v[0], y0 = v[1], x1 = v[2], y1 = v[3];

	switch (o) {
	case 2:
		v[0] = w - x1;
		v[2] = w - x0;
		break;
	case 3:
		v[0] = w - x1;
		v[2] = w - x0;
		v[1] = h - y1;
		v[3] = h - y0;
		break;
	case 4:
		v[1] = h - y1;
		v[3] = h - y0;
		break;
	case 5:
		v[0] = y0;
		v[2] = y1;
		v[1] = x0;
		v[3] = x1;
		break;
	case 6:
		v[0] = h - y1;
		v[2] = h - y0;
		v[1] = x0;
		v[3] = x1;
		break;
	case 7:
		v[0] = h - y1;
		v[2] = h - y0;
		v[1] = w - x1;
		v[3] = w - x0;
		break;
	case 8:
		v[0] = y0;
		v[2] = y1;
		v[1] = w - x1;
		v[3] = w - x0;
		break;
	default:
		break;
	}
}

/* The fitted picture at ox, oy (fw x fh, from an oriented ow x oh). */
struct fit {
	int	ox, oy, fw, fh, ow, oh;
};

static void
draw_boxes(struct render *r, const struct sheet_tile *t, int dw, int dh,
    int o, const struct fit *f)
{
	struct db_sheet_box	*b = NULL;
	size_t			 n, i;
	double			 v[4];
	int			 pass, own, x0, y0, x1, y1;

	if (t->image_id == 0 || t->width <= 0 || t->height <= 0)
		return;
	if (db_sheet_boxes(r->db, t->image_id, &b, &n) != 0) {
		(*r->failed)++;
		return;
	}
	/* Other boxes first, so the sample's own box is drawn on top. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			own = t->box_idx >= 0 && b[i].idx == t->box_idx;
			if (own != pass)
				continue;
			v[0] = b[i].x0 * (double)dw / t->width;
			v[1] = b[i].y0 * (double)dh / t->height;
			v[2] = b[i].x1 * (double)dw / t->width;
			v[3] = b[i].y1 * (double)dh / t->height;
			orient_rect(o, dw, dh, v);
			x0 = f->ox + (int)floor(v[0] * f->fw / f->ow);
			y0 = f->oy + (int)floor(v[1] * f->fh / f->oh);
			x1 = f->ox + (int)ceil(v[2] * f->fw / f->ow);
			y1 = f->oy + (int)ceil(v[3] * f->fh / f->oh);
			if (x1 > f->ox + f->fw)
				x1 = f->ox + f->fw;
			if (y1 > f->oy + f->fh)
				y1 = f->oy + f->fh;
			if (x1 <= x0)
				x1 = x0 + 1;
			if (y1 <= y0)
				y1 = y0 + 1;
			draw_rect(r->px, r->w, r->h, x0, y0, x1, y1,
			    own || t->box_idx < 0 ? 2 : 1, own ? C_OWN : C_BOX);
		}
	free(b);
}

/* Fits the decoded rgb (w x h) into the tile at x, y; takes rgb. */
static void
draw_picture(struct render *r, const struct sheet_tile *t, int x, int y,
    unsigned char *rgb, int w, int h)
{
	struct fit	 f;
	unsigned char	*up = rgb, *small;
	int		 avail = r->o->tile - 2, o = t->orientation;
	double		 sc;

	if (o < 1 || o > 8)
		o = 1;
	if (o != 1)
		up = img_orient_rgb(rgb, w, h, o, &f.ow, &f.oh);
	else {
		f.ow = w;
		f.oh = h;
	}
	sc = fmin((double)avail / f.ow, (double)avail / f.oh);
	f.fw = (int)lround(f.ow * sc);
	f.fh = (int)lround(f.oh * sc);
	f.fw = f.fw < 1 ? 1 : f.fw > avail ? avail : f.fw;
	f.fh = f.fh < 1 ? 1 : f.fh > avail ? avail : f.fh;
	small = xmallocarray((size_t)f.fw * f.fh, 3);
	img_resize_rgb(up, f.ow, f.oh, small, f.fw, f.fh);
	f.ox = x + 1 + (avail - f.fw) / 2;
	f.oy = y + 1 + (avail - f.fh) / 2;
	draw_blit(r->px, r->w, r->h, f.ox, f.oy, small, f.fw, f.fh);
	draw_boxes(r, t, w, h, o, &f);
	free(small);
	if (up != rgb)
		free(up);
	free(rgb);
}

/* Reads and decodes a tile's file; 0, or -1 with a reason in why. */
static int
load(struct render *r, const struct sheet_tile *t, unsigned char **rgb,
    int *w, int *h, char *why, size_t whysize, int *decode_failed)
{
	struct tree	*tr;
	char		*data = NULL, *tp, rwhy[256];
	size_t		 len;
	int		 rc;

	*rgb = NULL;
	*decode_failed = 0;
	if (t->reason != NULL) {
		snprintf(why, whysize, "%s", t->reason);
		return -1;
	}
	if (t->root == NULL) {
		snprintf(why, whysize, "its source is not in the catalog");
		return -1;
	}
	if ((tr = get_tree(r, t->root)) == NULL) {
		snprintf(why, whysize, "cannot open its source");
		return -1;
	}
	tp = xasprintf("%s%s", t->prefix != NULL ? t->prefix : "", t->path);
	rc = tree_read(tr, tp, limit_size(LIMIT_FILE_BYTES), &data, &len, rwhy);
	free(tp);
	if (rc != 0) {
		snprintf(why, whysize, "%s", rwhy);
		return -1;
	}
	{
		char	dwhy[IMG_REASON_MAX];

		rc = img_decode_rgb_min((unsigned char *)data, len,
		    r->o->tile, rgb, w, h, dwhy);
		if (rc != 0) {
			snprintf(why, whysize, "%s", dwhy);
			*decode_failed = 1;
		}
	}
	free(data);
	return rc;
}

static void
draw_tile(struct render *r, const struct sheet_tile *t, int x, int y)
{
	unsigned char	*rgb;
	char		 why[IMG_REASON_MAX + 64], tail[256];
	int		 T = r->o->tile, w, h, dec, cw, tx = x + 2;
	int		 ty = y + T + 3;
	const char	*path = t->path != NULL ? t->path : "";

	draw_fill(r->px, r->w, r->h, x, y, x + T, y + T, C_LETTERBOX);
	cw = (T - 4 + FONT_ADVANCE - FONT_W) / FONT_ADVANCE;
	if (cw > (int)sizeof tail - 1)
		cw = (int)sizeof tail - 1;
	sheet_tail(path, cw, tail);
	font_draw_string(r->px, r->w, r->h, tx, ty + (SHEET_CAPTION_LINES - 1) *
	    SHEET_LINE_H, tail, C_PATH);
	if (load(r, t, &rgb, &w, &h, why, sizeof why, &dec) == 0) {
		draw_picture(r, t, x, y, rgb, w, h);
		draw_lines(r, tx, ty, T - 4, SHEET_CAPTION_LINES - 1, t->info,
		    C_TEXT);
		return;
	}
	if (t->quarantined) {
		/* Expected: it was quarantined because of this. */
		draw_fill(r->px, r->w, r->h, x + 1, y + 1, x + T - 1,
		    y + T - 1, C_GREY);
		draw_lines(r, tx, y + 3, T - 4, (T - 4) / SHEET_LINE_H, why,
		    C_DARK);
		draw_lines(r, tx, ty, T - 4, SHEET_CAPTION_LINES - 1, t->info,
		    C_TEXT);
		return;
	}
	if (t->reason == NULL && t->root != NULL) {
		/* Reported here, once; a missing item was reported already. */
		error("cannot %s '%s/%s%s': %s", dec ? "decode" : "read",
		    t->root, t->prefix != NULL ? t->prefix : "", path, why);
		(*r->failed)++;
	}
	draw_cross(r->px, r->w, r->h, x + 4, y + 4, x + T - 4, y + T - 4, 3,
	    C_CROSS);
	if (t->info != NULL && strcmp(t->info, why) != 0)
		draw_lines(r, tx, y + 3, T - 4, (T - 4) / SHEET_LINE_H,
		    t->info, C_TEXT);
	draw_lines(r, tx, ty, T - 4, SHEET_CAPTION_LINES - 1, why, C_ERRTEXT);
}

/* See sheet.h. */
int
sheet_render(sqlite3 *db, const struct sheet *s, const struct sheet_opts *o,
    const char *out, long *failed)
{
	struct render	 r;
	int		*col = NULL, *row = NULL, c = 0, rw = 0, maxc = 0;
	int		 cell_h = o->tile + SHEET_CAPTION_H, ret = -1;
	size_t		 i;

	*failed = 0;
	if (s->n == 0)
		return error("nothing to draw: the selection is empty");
	col = xmallocarray(s->n, sizeof *col);
	row = xmallocarray(s->n, sizeof *row);
	for (i = 0; i < s->n; i++) {
		if (c == o->columns || (s->t[i].row_break && c > 0)) {
			c = 0;
			rw++;
		}
		col[i] = c;
		row[i] = rw;
		if (++c > maxc)
			maxc = c;
	}
	memset(&r, 0, sizeof r);
	r.db = db;
	r.o = o;
	r.failed = failed;
	r.w = maxc * o->tile;
	if ((double)(rw + 1) * cell_h > IMG_MAX_SIDE || r.w > IMG_MAX_SIDE) {
		error("cannot write '%s': the sheet would be %dx%.0f pixels,"
		    " over the limit of %d pixels per side (lower --limit,"
		    " --tile or --columns)", out, r.w,
		    (double)(rw + 1) * cell_h, IMG_MAX_SIDE);
		goto out;
	}
	if ((double)r.w * (rw + 1) * cell_h > (double)limit_get(LIMIT_PIXELS)) {
		error("cannot write '%s': the sheet would be %dx%.0f pixels,"
		    " over the limit of %llu pixels (lower --limit, --tile or"
		    " --columns, or raise %s)", out, r.w,
		    (double)(rw + 1) * cell_h,
		    (unsigned long long)limit_get(LIMIT_PIXELS),
		    limit_option(LIMIT_PIXELS));
		goto out;
	}
	r.h = (rw + 1) * cell_h;
	r.px = xmallocarray((size_t)r.w * r.h, 3);
	draw_fill(r.px, r.w, r.h, 0, 0, r.w, r.h, C_BACK);
	for (i = 0; i < s->n; i++)
		draw_tile(&r, &s->t[i], col[i] * o->tile, row[i] * cell_h);
	ret = img_write_png(out, r.px, r.w, r.h);
out:
	for (i = 0; i < r.ntrees; i++) {
		tree_close(r.trees[i].t);
		free(r.trees[i].root);
	}
	free(r.trees);
	free(r.px);
	free(col);
	free(row);
	return ret;
}
