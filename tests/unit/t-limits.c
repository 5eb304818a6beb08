/*
 * Unit tests for lib/limits.c: the defaults, parsing a value (digits,
 * byte suffixes, zero, signs, junk, overflow, the ceilings), the global
 * options in both spellings and the environment variables.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../lib/limits.h"

/* limit_parse() of 'text': the value, or -1 with the reason in why. */
static long long
parse(enum limit_id id, const char *text, char *why)
{
	uint64_t	v = 12345;

	why[0] = '\0';
	if (limit_parse(id, text, &v, why) != 0)
		return v == 12345 ? -1 : -2;	/* -2: *out changed on error */
	return (long long)v;
}

/* limits_option() on a NULL-terminated argv from index 1. */
static int
option(const char **args, int *i)
{
	int	argc = 0;

	while (args[argc] != NULL)
		argc++;
	*i = 1;
	return limits_option(argc, (char **)args, i);
}

static void
test_defaults(void)
{
	limits_reset();
	CHECK_INT(limit_get(LIMIT_PIXELS), 89478485);
	CHECK_INT(limit_get(LIMIT_JPEG_SCANS), 1000);
	CHECK_INT(limit_get(LIMIT_CSV_FIELD), 1 << 20);
	CHECK_INT(limit_get(LIMIT_CSV_LINE), 4 << 20);
	CHECK_INT(limit_get(LIMIT_XML_DEPTH), 64);
	CHECK_INT(limit_get(LIMIT_FILE_BYTES), 256 << 20);
	CHECK_INT(limit_size(LIMIT_FILE_BYTES), 256 << 20);
	CHECK_INT(limit_default(LIMIT_CSV_LINE), 4 << 20);
	CHECK_STR(limit_option(LIMIT_PIXELS), "--max-pixels");
	CHECK_STR(limit_option(LIMIT_JPEG_SCANS), "--max-jpeg-scans");
	CHECK_STR(limit_option(LIMIT_CSV_FIELD), "--max-csv-field");
	CHECK_STR(limit_option(LIMIT_CSV_LINE), "--max-csv-line");
	CHECK_STR(limit_option(LIMIT_XML_DEPTH), "--max-xml-depth");
	CHECK_STR(limit_option(LIMIT_FILE_BYTES), "--max-file-bytes");
	limit_set(LIMIT_PIXELS, 100);
	CHECK_INT(limit_get(LIMIT_PIXELS), 100);
	limits_reset();
	CHECK_INT(limit_get(LIMIT_PIXELS), 89478485);
}

static void
test_parse(void)
{
	char	why[LIMIT_WHY_MAX];

	CHECK_INT(parse(LIMIT_PIXELS, "1", why), 1);
	CHECK_INT(parse(LIMIT_PIXELS, "89478486", why), 89478486);
	CHECK_INT(parse(LIMIT_PIXELS, "0100", why), 100);
	CHECK_INT(parse(LIMIT_PIXELS, "1073741824", why), 1073741824);
	CHECK_INT(parse(LIMIT_PIXELS, "1073741825", why), -1);
	CHECK_STR(why, "expects a whole number from 1 to 1073741824, got"
	    " '1073741825'");
	CHECK_INT(parse(LIMIT_PIXELS, "0", why), -1);
	CHECK_STR(why, "expects a whole number from 1 to 1073741824, got '0'");
	CHECK_INT(parse(LIMIT_PIXELS, "-5", why), -1);
	CHECK_STR(why, "expects a whole number from 1 to 1073741824, got '-5'");
	CHECK_INT(parse(LIMIT_PIXELS, "", why), -1);
	CHECK_STR(why, "expects a whole number from 1 to 1073741824, got ''");
	CHECK_INT(parse(LIMIT_PIXELS, "abc", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, "+5", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, " 5", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, "5 ", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, "12x", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, "1e6", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, "0x10", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, "4M", why), -1);	/* not a size */
	/* Overflow of 64 bits, and far beyond. */
	CHECK_INT(parse(LIMIT_PIXELS, "18446744073709551616", why), -1);
	CHECK_INT(parse(LIMIT_PIXELS, "99999999999999999999999999999999",
	    why), -1);
	CHECK_STR(why, "expects a whole number from 1 to 1073741824, got"
	    " '99999999999999999999999999999999'");

	CHECK_INT(parse(LIMIT_JPEG_SCANS, "2147483647", why), 2147483647);
	CHECK_INT(parse(LIMIT_JPEG_SCANS, "2147483648", why), -1);
	CHECK_INT(parse(LIMIT_XML_DEPTH, "1048576", why), 1048576);
	CHECK_INT(parse(LIMIT_XML_DEPTH, "1048577", why), -1);
	CHECK_STR(why, "expects a whole number from 1 to 1048576, got"
	    " '1048577'");

	/* Byte limits: K, M, G in either case. */
	CHECK_INT(parse(LIMIT_CSV_LINE, "4194304", why), 4194304);
	CHECK_INT(parse(LIMIT_CSV_LINE, "8M", why), 8 << 20);
	CHECK_INT(parse(LIMIT_CSV_LINE, "8m", why), 8 << 20);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "3k", why), 3072);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "3K", why), 3072);
	CHECK_INT(parse(LIMIT_FILE_BYTES, "1G", why), 1LL << 30);
	CHECK_INT(parse(LIMIT_FILE_BYTES, "1024G", why), 1LL << 40);
	CHECK_INT(parse(LIMIT_FILE_BYTES, "1025G", why), -1);
	CHECK_STR(why, "expects a number of bytes from 1 to 1099511627776"
	    " (K, M or G may follow), got '1025G'");
	CHECK_INT(parse(LIMIT_FILE_BYTES, "1099511627776", why), 1LL << 40);
	CHECK_INT(parse(LIMIT_FILE_BYTES, "1099511627777", why), -1);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "0K", why), -1);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "M", why), -1);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "1MB", why), -1);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "1T", why), -1);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "1.5M", why), -1);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "-1M", why), -1);
	CHECK_INT(parse(LIMIT_CSV_FIELD, "18446744073709551615K", why), -1);
	CHECK_STR(why, "expects a number of bytes from 1 to 1099511627776"
	    " (K, M or G may follow), got '18446744073709551615K'");
}

static void
test_options(void)
{
	const char	*a1[] = { "maskcat", "--max-pixels", "100", "info",
			    NULL };
	const char	*a2[] = { "maskcat", "--max-csv-line=8M", NULL };
	const char	*a3[] = { "maskcat", "--db", "x.db", NULL };
	const char	*a4[] = { "maskcat", "--max-pixelsx", "5", NULL };
	const char	*a5[] = { "maskcat", "--max-pixels", NULL };
	const char	*a6[] = { "maskcat", "--max-jpeg-scans=0", NULL };
	const char	*a7[] = { "maskcat", "--max-xml-depth", "deep", NULL };
	const char	*a8[] = { "maskcat", "--max-pixels=", NULL };
	int		 i;

	limits_reset();
	CHECK_INT(option(a1, &i), 1);
	CHECK_INT(i, 2);		/* the value is consumed */
	CHECK_INT(limit_get(LIMIT_PIXELS), 100);
	CHECK_INT(option(a2, &i), 1);
	CHECK_INT(i, 1);
	CHECK_INT(limit_get(LIMIT_CSV_LINE), 8 << 20);
	CHECK_INT(option(a3, &i), 0);
	CHECK_INT(i, 1);
	CHECK_INT(option(a4, &i), 0);
	CHECK_INT(limit_get(LIMIT_PIXELS), 100);

	fprintf(stderr, "# expected errors follow\n");
	CHECK_INT(option(a5, &i), -1);
	CHECK_INT(option(a6, &i), -1);
	CHECK_INT(limit_get(LIMIT_JPEG_SCANS), 1000);
	CHECK_INT(option(a7, &i), -1);
	CHECK_INT(limit_get(LIMIT_XML_DEPTH), 64);
	CHECK_INT(option(a8, &i), -1);
	CHECK_INT(limit_get(LIMIT_PIXELS), 100);
	limits_reset();
}

static void
test_env(void)
{
	const char	*a[] = { "maskcat", "--max-jpeg-scans", "7", NULL };
	int		 i;

	limits_reset();
	setenv("MASKCAT_MAX_PIXELS", "400", 1);
	setenv("MASKCAT_MAX_CSV_FIELD", "", 1);		/* empty: ignored */
	setenv("MASKCAT_MAX_JPEG_SCANS", "9", 1);
	CHECK_INT(option(a, &i), 1);
	CHECK_INT(limits_from_env(), 0);
	CHECK_INT(limit_get(LIMIT_PIXELS), 400);
	CHECK_INT(limit_get(LIMIT_CSV_FIELD), 1 << 20);
	CHECK_INT(limit_get(LIMIT_JPEG_SCANS), 7);	/* the option wins */
	limits_reset();
	setenv("MASKCAT_MAX_XML_DEPTH", "-1", 1);
	fprintf(stderr, "# expected errors follow\n");
	CHECK_INT(limits_from_env(), -1);
	CHECK_INT(limit_get(LIMIT_XML_DEPTH), 64);
	unsetenv("MASKCAT_MAX_PIXELS");
	unsetenv("MASKCAT_MAX_CSV_FIELD");
	unsetenv("MASKCAT_MAX_JPEG_SCANS");
	unsetenv("MASKCAT_MAX_XML_DEPTH");
	limits_reset();
}

static void
test_usage(void)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&text, &len);

	limits_usage(fp);
	fclose(fp);
	CHECK(strstr(text, "   --max-pixels N ") != NULL);
	CHECK(strstr(text, "(default 89478485)") != NULL);
	CHECK(strstr(text, "   --max-csv-line BYTES ") != NULL);
	CHECK(strstr(text, "(default 4M)") != NULL);
	CHECK(strstr(text, "--max-file-bytes BYTES") != NULL);
	free(text);
}

int
main(void)
{
	test_defaults();
	test_parse();
	test_options();
	test_env();
	test_usage();
	return unit_done();
}
