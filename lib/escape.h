/*
 * lib/escape.h: the printed form of text that came from outside (file
 * names, zip members, CSV fields), so that a message stays one line and
 * cannot drive the terminal.
 */
#ifndef LIB_ESCAPE_H
#define LIB_ESCAPE_H

#include <stddef.h>

/*
 * Copies s into out[size] with what could break a one-line message
 * escaped: newline, carriage return and tab as \n, \r, \t; the other C0
 * controls, DEL and the C1 controls (U+0080-U+009F, as their two UTF-8
 * bytes) as \xNN; every byte that is not part of well-formed UTF-8
 * (a stray continuation byte, an overlong or surrogate form, a sequence
 * cut short) as \xNN, lower-case hex.  Valid UTF-8 (accented letters,
 * CJK, emoji) is kept as it is, and so is a backslash, so the form is
 * for reading, not for parsing back.  out is always NUL-terminated when
 * size > 0 and never ends inside an escape; returns strlen(out).
 */
size_t	escape_line(char *out, size_t size, const char *s);

#endif
