/*
 * Unit tests for image/font.c and image/draw.c: glyph patterns, drawing
 * with clipping, '?' for bytes outside ASCII, string widths; and the
 * caption helpers of reports/sheet.c (wrapping, path tails).
 */
#include <stdlib.h>

#include "unit.h"
#include "../../image/draw.h"
#include "../../image/font.h"
#include "../../reports/sheet.h"

static const unsigned char	WHITE[3] = { 255, 255, 255 };
static const unsigned char	RED[3] = { 255, 0, 0 };

/* The buffer as '#' (WHITE) and '.' rows, for comparison. */
static void
pattern(const unsigned char *px, int w, int h, char *out)
{
	int	x, y;

	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++)
			*out++ = px[(y * w + x) * 3] == 255 ? '#' : '.';
		*out++ = '/';
	}
	*out = '\0';
}

static void
test_glyphs(void)
{
	static const unsigned char	I[7] = { 0x0e, 0x04, 0x04, 0x04, 0x04,
					    0x04, 0x0e };
	unsigned char			px[6 * 7 * 3];
	char				got[64];
	int				x;

	CHECK(memcmp(font_glyph('I'), I, 7) == 0);
	CHECK(font_glyph(0xc3) == font_glyph('?'));
	CHECK(font_glyph(0x7f) == font_glyph('?'));
	CHECK(font_glyph('\n') == font_glyph('?'));
	CHECK(font_glyph(' ')[3] == 0);

	memset(px, 0, sizeof px);
	x = font_draw_string(px, 6, 7, 0, 0, "L", WHITE);
	CHECK_INT(x, FONT_ADVANCE);
	pattern(px, 6, 7, got);
	CHECK_STR(got, "#...../#...../#...../#...../#...../#...../#####./");

	memset(px, 0, sizeof px);
	font_draw_string(px, 6, 7, 0, 0, "I", WHITE);
	pattern(px, 6, 7, got);
	CHECK_STR(got, ".###../..#.../..#.../..#.../..#.../..#.../.###../");

	/* A UTF-8 byte pair is two '?'. */
	{
		unsigned char	a[12 * 7 * 3], b[12 * 7 * 3];

		memset(a, 0, sizeof a);
		memset(b, 0, sizeof b);
		font_draw_string(a, 12, 7, 0, 0, "\xc3\xa9", WHITE);
		font_draw_string(b, 12, 7, 0, 0, "??", WHITE);
		CHECK(memcmp(a, b, sizeof a) == 0);
	}
}

static void
test_clip(void)
{
	unsigned char	*px;
	char		 got[64];
	int		 i, untouched;

	/* 'L' drawn at (-1, -4) in 4x4: its bar clipped, its foot on row 2. */
	px = calloc(4 * 4, 3);
	font_draw_string(px, 4, 4, -1, -4, "L", WHITE);
	pattern(px, 4, 4, got);
	CHECK_STR(got, "..../..../####/..../");
	free(px);

	/* Entirely outside, on every side: nothing drawn, nothing overrun. */
	px = calloc(4 * 4, 3);
	font_draw_string(px, 4, 4, 4, 0, "MMM", WHITE);
	font_draw_string(px, 4, 4, -20, 0, "MMM", WHITE);
	font_draw_string(px, 4, 4, 0, 4, "M", WHITE);
	font_draw_string(px, 4, 4, 0, -7, "M", WHITE);
	for (i = 0, untouched = 1; i < 4 * 4 * 3; i++)
		untouched &= px[i] == 0;
	CHECK(untouched);
	/* A long string clipped at the right edge. */
	font_draw_string(px, 4, 4, 0, 0, "##########", RED);
	CHECK(px[(0 * 4 + 1) * 3] == 255 && px[(0 * 4 + 1) * 3 + 1] == 0);
	free(px);

	/* Rectangles and crosses clip too. */
	px = calloc(4 * 4, 3);
	draw_rect(px, 4, 4, -2, -2, 3, 3, 1, WHITE);
	pattern(px, 4, 4, got);
	CHECK_STR(got, "..#./..#./###./..../");
	draw_cross(px, 4, 4, -10, -10, 30, 30, 2, WHITE);
	draw_fill(px, 4, 4, 2, 2, 100, 100, WHITE);
	CHECK(px[(3 * 4 + 3) * 3] == 255);
	free(px);
}

static void
test_width(void)
{
	CHECK_INT(font_text_width(""), 0);
	CHECK_INT(font_text_width("a"), FONT_W);
	CHECK_INT(font_text_width("abc"), 2 * FONT_ADVANCE + FONT_W);
	CHECK_INT(font_text_width("\xc3\xa9"), FONT_ADVANCE + FONT_W);
}

static void
test_captions(void)
{
	char	buf[3 * 11], tail[16];
	int	n;

	n = sheet_wrap("wear -> not_wear  0.05", 10, 3, buf);
	CHECK_INT(n, 3);
	CHECK_STR(buf, "wear ->");
	CHECK_STR(buf + 11, "not_wear");
	CHECK_STR(buf + 22, "0.05");
	n = sheet_wrap("a very long caption that cannot fit", 10, 2, buf);
	CHECK_INT(n, 2);
	CHECK_STR(buf, "a very");
	CHECK_STR(buf + 11, "long ca...");
	n = sheet_wrap("abcdefghijklmno", 10, 2, buf);
	CHECK_INT(n, 2);
	CHECK_STR(buf, "abcdefghij");
	CHECK_STR(buf + 11, "klmno");
	CHECK_INT(sheet_wrap("", 10, 2, buf), 0);

	sheet_tail("images/000001/mask1.jpg", 13, tail);
	CHECK_STR(tail, ".../mask1.jpg");
	sheet_tail("a.jpg", 12, tail);
	CHECK_STR(tail, "a.jpg");
	sheet_tail("abcdef", 2, tail);
	CHECK_STR(tail, "..");
}

int
main(void)
{
	test_glyphs();
	test_clip();
	test_width();
	test_captions();
	return unit_done();
}
