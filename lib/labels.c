/*
 * lib/labels.c: label enums to and from words, the age bin and the class
 * formula of the 18-class task (see labels.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "labels.h"

static const char *const mask_words[N_MASK] = { "wear", "incorrect", "not_wear" };
static const char *const gender_words[N_GENDER] = { "male", "female" };
static const char *const age_words[N_AGE_BIN] = { "<30", "30-59", "60+" };

int
label_age_bin(int age)
{
	if (age < 0)
		return LABEL_UNKNOWN;
	if (age < 30)
		return AGE_UNDER30;
	if (age < 60)
		return AGE_30_59;
	return AGE_60PLUS;
}

int
label_class(int mask, int gender, int age_bin)
{
	if (mask < 0 || mask >= N_MASK || gender < 0 || gender >= N_GENDER ||
	    age_bin < 0 || age_bin >= N_AGE_BIN)
		return LABEL_UNKNOWN;
	return mask * 6 + gender * 3 + age_bin;
}

int
label_class_parts(int cls, int *mask, int *gender, int *age_bin)
{
	if (cls < 0 || cls >= N_CLASS)
		return -1;
	*mask = cls / 6;
	*gender = (cls / 3) % 2;
	*age_bin = cls % 3;
	return 0;
}

const char *
label_mask_word(int mask)
{
	return mask >= 0 && mask < N_MASK ? mask_words[mask] : "?";
}

const char *
label_gender_word(int gender)
{
	return gender >= 0 && gender < N_GENDER ? gender_words[gender] : "?";
}

const char *
label_age_bin_word(int age_bin)
{
	return age_bin >= 0 && age_bin < N_AGE_BIN ? age_words[age_bin] : "?";
}

int
label_gender_parse(const char *s)
{
	int	i;

	for (i = 0; i < N_GENDER; i++)
		if (strcasecmp(s, gender_words[i]) == 0)
			return i;
	return LABEL_UNKNOWN;
}

int
label_mask_parse(const char *s)
{
	int	i;

	for (i = 0; i < N_MASK; i++)
		if (strcasecmp(s, mask_words[i]) == 0)
			return i;
	return LABEL_UNKNOWN;
}

int
label_age_parse(const char *s)
{
	int	age = 0, digits = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; isdigit((unsigned char)*s); s++) {
		if (++digits > 3)
			return -1;
		age = age * 10 + (*s - '0');
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (digits == 0 || *s != '\0' || age > 150)
		return -1;
	return age;
}
