/* Unit tests for lib/escape.c: the one-line printed form of outside text. */
#include <string.h>

#include "unit.h"
#include "../../lib/escape.h"

/* escape_line() into a buffer of 'size' bytes. */
static const char *
esc(const char *s, size_t size)
{
	static char	out[256];

	memset(out, '#', sizeof out);
	escape_line(out, size, s);
	return out;
}

int
main(void)
{
	char	small[4];

	/* Plain text and valid UTF-8 are kept. */
	CHECK_STR(esc("images/a b.jpg", 256), "images/a b.jpg");
	CHECK_STR(esc("it's \"quoted\"", 256), "it's \"quoted\"");
	CHECK_STR(esc("donn\xc3\xa9" "es/\xe4\xb8\xad/\xf0\x9f\x98\xb7", 256),
	    "donn\xc3\xa9" "es/\xe4\xb8\xad/\xf0\x9f\x98\xb7");
	CHECK_STR(esc("a\\nb", 256), "a\\nb");	/* a backslash stays */
	CHECK_STR(esc("", 256), "");

	/* Controls. */
	CHECK_STR(esc("new\nline.jpg", 256), "new\\nline.jpg");
	CHECK_STR(esc("a\rb\tc", 256), "a\\rb\\tc");
	CHECK_STR(esc("\x1b[31mred", 256), "\\x1b[31mred");
	CHECK_STR(esc("del\x7f", 256), "del\\x7f");
	CHECK_STR(esc("c1 \xc2\x85 \xc2\x9b", 256), "c1 \\xc2\\x85 \\xc2\\x9b");
	CHECK_STR(esc("nbsp \xc2\xa0", 256), "nbsp \xc2\xa0");

	/* Bytes that are not UTF-8. */
	CHECK_STR(esc("bad\x9f.jpg", 256), "bad\\x9f.jpg");
	CHECK_STR(esc("latin1 \xe9t\xe9", 256), "latin1 \\xe9t\\xe9");
	CHECK_STR(esc("\xff\xfe", 256), "\\xff\\xfe");
	CHECK_STR(esc("overlong \xc0\xaf \xe0\x80\xaf", 256),
	    "overlong \\xc0\\xaf \\xe0\\x80\\xaf");
	CHECK_STR(esc("surrogate \xed\xa0\x80", 256),
	    "surrogate \\xed\\xa0\\x80");
	CHECK_STR(esc("too big \xf4\x90\x80\x80", 256),
	    "too big \\xf4\\x90\\x80\\x80");
	CHECK_STR(esc("cut \xe4\xb8", 256), "cut \\xe4\\xb8");
	CHECK_STR(esc("\xe4\xb8" "x", 256), "\\xe4\\xb8x");

	/* Truncation: NUL-terminated, never half an escape. */
	CHECK_STR(esc("abcdef", 4), "abc");
	CHECK_STR(esc("ab\ncd", 4), "ab");
	CHECK_STR(esc("a\x9f", 4), "a");
	CHECK_STR(esc("\xc3\xa9\xc3\xa9", 4), "\xc3\xa9");
	CHECK_INT(escape_line(small, sizeof small, "xy\n"), 2);
	CHECK_INT(escape_line(small, 0, "x"), 0);
	CHECK_INT(escape_line(small, sizeof small, "\n"), 2);
	CHECK_STR(small, "\\n");
	return unit_done();
}
