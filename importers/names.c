/*
 * importers/names.c: labels carried by file names (see names.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "names.h"
#include "../lib/labels.h"

static const char *const utk_races[] = {
	"White", "Black", "Asian", "Indian", "Others"
};

const char *
utkface_race_word(int race)
{
	return race >= 0 && race < 5 ? utk_races[race] : NULL;
}

/* True if s[0..n) is n > 0 decimal digits. */
static int
all_digits(const char *s, size_t n)
{
	size_t	i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The value of n decimal digits (n <= 9). */
static int
atoi_n(const char *s, size_t n)
{
	int	v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* Length of 'name' without a trailing 'suffix' (any case), or 0. */
static size_t
strip_suffix(const char *name, const char *suffix)
{
	size_t	n = strlen(name), k = strlen(suffix);

	if (n > k && strcasecmp(name + n - k, suffix) == 0)
		return n - k;
	return 0;
}

int
utkface_parse_name(const char *name, int *age, int *gender, int *race,
    char *why)
{
	const char	*f[5];
	size_t		 len, flen[4];
	int		 nf = 0, i;
	const char	*p;

	if ((len = strip_suffix(name, ".jpg.chip.jpg")) == 0 &&
	    (len = strip_suffix(name, ".chip.jpg")) == 0 &&
	    (len = strip_suffix(name, ".jpg")) == 0) {
		snprintf(why, 256, "name does not end in .jpg or .jpg.chip.jpg");
		return -1;
	}
	f[nf++] = name;
	for (p = name; p < name + len; p++) {
		if (*p != '_')
			continue;
		if (nf == 4) {
			nf++;
			break;
		}
		f[nf++] = p + 1;
	}
	if (nf != 4) {
		if (nf > 4)
			snprintf(why, 256, "name has more than 4 fields,"
			    " expected <age>_<gender>_<race>_<datetime>");
		else
			snprintf(why, 256, "name has %d fields, expected"
			    " <age>_<gender>_<race>_<datetime>", nf);
		return -1;
	}
	for (i = 0; i < 3; i++)
		flen[i] = (size_t)(f[i + 1] - f[i] - 1);
	flen[3] = (size_t)(name + len - f[3]);
	if (!all_digits(f[0], flen[0]) || flen[0] > 3 ||
	    (*age = atoi_n(f[0], flen[0])) > 150) {
		snprintf(why, 256, "age '%.*s' is not a number of years",
		    (int)flen[0], f[0]);
		return -1;
	}
	if (flen[1] != 1 || (f[1][0] != '0' && f[1][0] != '1')) {
		snprintf(why, 256, "gender '%.*s' is not 0 (male) or 1"
		    " (female)", (int)flen[1], f[1]);
		return -1;
	}
	*gender = f[1][0] == '0' ? GENDER_MALE : GENDER_FEMALE;
	if (flen[2] != 1 || f[2][0] < '0' || f[2][0] > '4') {
		snprintf(why, 256, "race '%.*s' is not 0-4", (int)flen[2],
		    f[2]);
		return -1;
	}
	*race = f[2][0] - '0';
	if (flen[3] != 17 || !all_digits(f[3], flen[3])) {
		snprintf(why, 256, "datetime '%.*s' is not 17 digits",
		    (int)flen[3], f[3]);
		return -1;
	}
	return 0;
}

static const struct {
	const char	*suffix;	/* after the digits */
	const char	*subtype;
	int		 mask;
} mfn_kinds[] = {
	{ "_Mask", "Mask", MASK_WEAR },
	{ "_Mask_Chin", "Mask_Chin", MASK_INCORRECT },
	{ "_Mask_Mouth_Chin", "Mask_Mouth_Chin", MASK_INCORRECT },
	{ "_Mask_Nose_Mouth", "Mask_Nose_Mouth", MASK_INCORRECT },
};

int
maskedface_parse_name(const char *name, int *mask, const char **subtype,
    char *why)
{
	const char	*dot = strrchr(name, '.');
	size_t		 digits = strspn(name, "0123456789"), rest, i;

	if (dot == NULL || dot == name) {
		snprintf(why, 256, "name has no extension");
		return -1;
	}
	rest = (size_t)(dot - name) - digits;
	if (digits == 0 || digits > (size_t)(dot - name))
		goto bad;
	for (i = 0; i < sizeof mfn_kinds / sizeof mfn_kinds[0]; i++) {
		if (strlen(mfn_kinds[i].suffix) == rest &&
		    strncmp(name + digits, mfn_kinds[i].suffix, rest) == 0) {
			*mask = mfn_kinds[i].mask;
			*subtype = mfn_kinds[i].subtype;
			return 0;
		}
	}
bad:
	snprintf(why, 256, "name is not <number>_Mask, _Mask_Chin,"
	    " _Mask_Mouth_Chin or _Mask_Nose_Mouth");
	return -1;
}
