/*
 * lib/limits.c: the process's limits on untrusted input (see limits.h):
 * one table of defaults, options and environment variables, and the
 * values in force.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "limits.h"

/* Byte limits stop at 1 TiB, or at what a size_t holds. */
#define BYTES_MAX	(SIZE_MAX < (1ULL << 40) ? (uint64_t)SIZE_MAX : \
			    (1ULL << 40))

struct limit_def {
	const char	*option;	/* "--max-pixels" */
	const char	*env;		/* "MASKCAT_MAX_PIXELS" */
	const char	*arg;		/* "N" or "BYTES", for the usage */
	const char	*what;		/* for the usage */
	uint64_t	 def, max;
	int		 bytes;		/* K, M, G suffixes allowed */
};

/*
 * The pixel limit stops at 2^30: an 8-bit RGB decode of that many pixels
 * is 3 GiB, and PNG_IMAGE_SIZE() computes it in 32 bits.  The sides
 * stay within IMG_MAX_SIDE (65500, libjpeg's own) whatever this is.
 * The scan count is compared with libjpeg's int input_scan_number.
 */
static const struct limit_def limit_defs[LIMIT_COUNT] = {
	[LIMIT_PIXELS] = { "--max-pixels", "MASKCAT_MAX_PIXELS", "N",
	    "pixels in one image", 89478485, 1ULL << 30, 0 },
	[LIMIT_JPEG_SCANS] = { "--max-jpeg-scans", "MASKCAT_MAX_JPEG_SCANS",
	    "N", "scans in one progressive JPEG", 1000, INT_MAX, 0 },
	[LIMIT_CSV_FIELD] = { "--max-csv-field", "MASKCAT_MAX_CSV_FIELD",
	    "BYTES", "bytes in one CSV field", 1u << 20, BYTES_MAX, 1 },
	[LIMIT_CSV_LINE] = { "--max-csv-line", "MASKCAT_MAX_CSV_LINE",
	    "BYTES", "bytes in one CSV row", 4u << 20, BYTES_MAX, 1 },
	[LIMIT_XML_DEPTH] = { "--max-xml-depth", "MASKCAT_MAX_XML_DEPTH",
	    "N", "element nesting in one XML file", 64, 1u << 20, 0 },
	[LIMIT_FILE_BYTES] = { "--max-file-bytes", "MASKCAT_MAX_FILE_BYTES",
	    "BYTES", "bytes read for one image", 256u << 20, BYTES_MAX, 1 },
};

/* The values set; 0 means the default. */
static uint64_t	limit_values[LIMIT_COUNT];

static const struct limit_def *
limit_def(enum limit_id id)
{
	if ((unsigned)id >= LIMIT_COUNT)
		BUG("no limit %d", (int)id);
	return &limit_defs[id];
}

/* See limits.h. */
uint64_t
limit_get(enum limit_id id)
{
	const struct limit_def	*d = limit_def(id);

	return limit_values[id] != 0 ? limit_values[id] : d->def;
}

/* See limits.h. */
size_t
limit_size(enum limit_id id)
{
	if (!limit_def(id)->bytes)
		BUG("%s is not a size", limit_defs[id].option);
	return (size_t)limit_get(id);
}

/* See limits.h. */
uint64_t
limit_default(enum limit_id id)
{
	return limit_def(id)->def;
}

/* See limits.h. */
uint64_t
limit_max(enum limit_id id)
{
	return limit_def(id)->max;
}

/* See limits.h. */
const char *
limit_option(enum limit_id id)
{
	return limit_def(id)->option;
}

/* See limits.h. */
void
limit_set(enum limit_id id, uint64_t v)
{
	if (v < 1 || v > limit_def(id)->max)
		BUG("%s %llu out of range", limit_defs[id].option,
		    (unsigned long long)v);
	limit_values[id] = v;
}

/* See limits.h. */
void
limits_reset(void)
{
	memset(limit_values, 0, sizeof limit_values);
}

/* See limits.h.  The reason has no option name: callers add theirs. */
int
limit_parse(enum limit_id id, const char *text, uint64_t *out, char *why)
{
	const struct limit_def	*d = limit_def(id);
	const char		*s = text;
	uint64_t		 v = 0, mul = 1;
	int			 digits = 0, big = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (v > (UINT64_MAX - 9) / 10)
			big = 1;	/* keep scanning: it may be junk */
		else
			v = v * 10 + (uint64_t)(*s - '0');
	}
	if (d->bytes && digits > 0 && s[0] != '\0' && s[1] == '\0') {
		switch (*s) {
		case 'k': case 'K': mul = 1ULL << 10; s++; break;
		case 'm': case 'M': mul = 1ULL << 20; s++; break;
		case 'g': case 'G': mul = 1ULL << 30; s++; break;
		}
	}
	if (digits == 0 || *s != '\0' || big || v < 1 || v > d->max / mul) {
		if (d->bytes)
			snprintf(why, LIMIT_WHY_MAX, "expects a number of bytes"
			    " from 1 to %llu (K, M or G may follow), got"
			    " '%.40s'", (unsigned long long)d->max, text);
		else
			snprintf(why, LIMIT_WHY_MAX, "expects a whole number"
			    " from 1 to %llu, got '%.40s'",
			    (unsigned long long)d->max, text);
		return -1;
	}
	*out = v * mul;
	return 0;
}

/* Parses and sets; -1 after reporting, naming 'what' (option or variable). */
static int
limit_set_text(enum limit_id id, const char *what, const char *text)
{
	char		why[LIMIT_WHY_MAX];
	uint64_t	v;

	if (limit_parse(id, text, &v, why) != 0)
		return error("%s %s", what, why);
	limit_set(id, v);
	return 0;
}

/* See limits.h. */
int
limits_option(int argc, char **argv, int *i)
{
	const char	*a = argv[*i];
	size_t		 n;
	int		 id;

	for (id = 0; id < LIMIT_COUNT; id++) {
		n = strlen(limit_defs[id].option);
		if (strncmp(a, limit_defs[id].option, n) != 0)
			continue;
		if (a[n] == '=')
			return limit_set_text(id, limit_defs[id].option,
			    a + n + 1) == 0 ? 1 : -1;
		if (a[n] != '\0')
			continue;
		if (*i + 1 >= argc)
			return error("%s needs a value", a);
		*i += 1;
		return limit_set_text(id, a, argv[*i]) == 0 ? 1 : -1;
	}
	return 0;
}

/* See limits.h. */
int
limits_from_env(void)
{
	const char	*v;
	int		 id;

	for (id = 0; id < LIMIT_COUNT; id++) {
		if (limit_values[id] != 0)
			continue;	/* an option said otherwise */
		v = getenv(limit_defs[id].env);
		if (v != NULL && *v != '\0' &&
		    limit_set_text(id, limit_defs[id].env, v) != 0)
			return -1;
	}
	return 0;
}

/* "1M" for a whole number of MiB, else the number. */
static void
limit_print_value(FILE *fp, const struct limit_def *d)
{
	if (d->bytes && d->def % (1u << 20) == 0)
		fprintf(fp, "%lluM", (unsigned long long)(d->def >> 20));
	else
		fprintf(fp, "%llu", (unsigned long long)d->def);
}

/* See limits.h. */
void
limits_usage(FILE *fp)
{
	const struct limit_def	*d;
	char			 opt[40];
	int			 id;

	fprintf(fp, "limits on input (BYTES may end in K, M or G; each option"
	    " has a variable,\n--max-pixels N is MASKCAT_MAX_PIXELS=N):\n");
	for (id = 0; id < LIMIT_COUNT; id++) {
		d = &limit_defs[id];
		snprintf(opt, sizeof opt, "%s %s", d->option, d->arg);
		fprintf(fp, "   %-24s %s (default ", opt, d->what);
		limit_print_value(fp, d);
		fprintf(fp, ")\n");
	}
}
