/*
 * lib/escape.c: escape_line(), the one-line printed form of outside text
 * (see escape.h).  lib/err.c passes every message through it.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"

/*
 * The length of the well-formed UTF-8 sequence at s (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or 0 if the
 * byte at s does not start one.
 */
static size_t
utf8_len(const unsigned char *s)
{
	size_t	n, i;
	int	lo = 0x80, hi = 0xbf;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;		/* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f;		/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		if (s[0] == 0xf0)
			lo = 0x90;		/* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f;		/* past U+10FFFF */
	} else
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* Appends the n bytes of p if they fit with the NUL; 0 when they do not. */
static int
put(char *out, size_t size, size_t *len, const char *p, size_t n)
{
	if (size == 0 || n >= size - *len)
		return 0;
	memcpy(out + *len, p, n);
	*len += n;
	return 1;
}

/* See escape.h. */
size_t
escape_line(char *out, size_t size, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 e[16];
	size_t			 len = 0, n;
	int			 ok = 1;

	while (*p != '\0' && ok) {
		n = *p < 0x80 ? 1 : utf8_len(p);
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			e[0] = '\\';
			e[1] = *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't';
			ok = put(out, size, &len, e, 2);
		} else if (n == 0 || *p < 0x20 || *p == 0x7f) {
			snprintf(e, sizeof e, "\\x%02x", *p);
			ok = put(out, size, &len, e, 4);
			n = 1;
		} else if (p[0] == 0xc2 && p[1] < 0xa0) {
			snprintf(e, sizeof e, "\\xc2\\x%02x", p[1]);
			ok = put(out, size, &len, e, 8);
		} else
			ok = put(out, size, &len, (const char *)p, n);
		if (ok)
			p += n;
	}
	if (size > 0)
		out[len] = '\0';
	return len;
}
