/*
 * lib/limits.h: the process's limits on untrusted input (pixels per image,
 * progressive JPEG scans, CSV field and record bytes, XML nesting, bytes
 * read for one image).  Each has a default, a global option that sets it
 * (--max-pixels N or --max-pixels=N, parsed in main.c before the command)
 * and an environment variable (MASKCAT_MAX_PIXELS), the option winning.
 * The values are set once in main(), before any thread starts, and only
 * read afterwards, so readers need no lock.
 */
#ifndef LIB_LIMITS_H
#define LIB_LIMITS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum limit_id {
	LIMIT_PIXELS,		/* width * height of one image */
	LIMIT_JPEG_SCANS,	/* scans of one progressive JPEG */
	LIMIT_CSV_FIELD,	/* bytes of one CSV field */
	LIMIT_CSV_LINE,		/* bytes of one CSV record (line) */
	LIMIT_XML_DEPTH,	/* element nesting of one XML file */
	LIMIT_FILE_BYTES,	/* bytes read for one image */
	LIMIT_COUNT
};

/* Room for a reason from limit_parse(), with the NUL. */
#define LIMIT_WHY_MAX	160

/* The value in force: the default until limit_set().  Cannot fail. */
uint64_t	limit_get(enum limit_id);
/*
 * limit_get() of a byte limit (LIMIT_CSV_FIELD, LIMIT_CSV_LINE,
 * LIMIT_FILE_BYTES) as a size_t: limit_max() keeps them within one.
 */
size_t		limit_size(enum limit_id);
/* The built-in default.  Cannot fail. */
uint64_t	limit_default(enum limit_id);
/* The largest value limit_parse() accepts (the smallest is 1). */
uint64_t	limit_max(enum limit_id);
/* The option that sets it, e.g. "--max-pixels": static, never NULL. */
const char	*limit_option(enum limit_id);

/*
 * Sets a limit, for main() and for tests (limits_reset() undoes it).  v
 * must be 1..limit_max(id): anything else is a BUG() (callers parse with
 * limit_parse() first).
 */
void	limit_set(enum limit_id, uint64_t v);
/* Puts every limit back to its default. */
void	limits_reset(void);

/*
 * Parses 'text' as a value of limit 'id': decimal digits only (no sign,
 * no blanks), and for the byte limits an optional K, M or G suffix
 * (1024, 1024^2, 1024^3; either case).  Pure.  Returns 0 with *out set,
 * or -1 with a reason in why[LIMIT_WHY_MAX] (no option name), e.g.
 * "expects a whole number from 1 to 1073741824, got '0'".
 */
int	limit_parse(enum limit_id, const char *text, uint64_t *out,
	    char *why);

/*
 * If argv[*i] is a limit option ("--max-pixels N" or "--max-pixels=N"),
 * parses and sets it, advances *i past a separate value and returns 1;
 * returns 0 (nothing changed) if it is not one, and -1 after reporting a
 * missing or bad value with error(), e.g. "--max-pixels expects a whole
 * number from 1 to 1073741824, got 'x'".
 */
int	limits_option(int argc, char **argv, int *i);

/*
 * Sets each limit not set yet (by limit_set(), so by an option) whose
 * environment variable (MASKCAT_MAX_PIXELS, ...) is set and not empty.
 * Returns 0, or -1 after reporting the first bad value with error()
 * (the limits read before it stay set).
 */
int	limits_from_env(void);

/* Writes the usage lines of the limit options (for maskcat help). */
void	limits_usage(FILE *fp);

#endif
