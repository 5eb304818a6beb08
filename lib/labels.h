/*
 * lib/labels.h: the one set of label enums (mask state, gender, age bin,
 * 18-class index) and the one place that converts them to and from words.
 */
#ifndef LIB_LABELS_H
#define LIB_LABELS_H

#define LABEL_UNKNOWN	(-1)

enum mask_state { MASK_WEAR = 0, MASK_INCORRECT = 1, MASK_NOT_WEAR = 2 };
enum gender { GENDER_MALE = 0, GENDER_FEMALE = 1 };
enum age_bin { AGE_UNDER30 = 0, AGE_30_59 = 1, AGE_60PLUS = 2 };

#define N_MASK		3
#define N_GENDER	2
#define N_AGE_BIN	3
#define N_CLASS		18

/* Age bin of an age in years: <30, 30-59, 60+; LABEL_UNKNOWN if age < 0. */
int	label_age_bin(int age);
/*
 * class = mask * 6 + gender * 3 + age_bin (0-17); LABEL_UNKNOWN if any
 * part is unknown or out of range.
 */
int	label_class(int mask, int gender, int age_bin);
/* Splits a class index back into its parts; returns -1 if out of range. */
int	label_class_parts(int cls, int *mask, int *gender, int *age_bin);

/* Words: "wear"/"incorrect"/"not_wear", "male"/"female", "<30"/"30-59"/"60+". */
const char	*label_mask_word(int mask);	/* "?" if unknown */
const char	*label_gender_word(int gender);
const char	*label_age_bin_word(int age_bin);

/* Parses "male"/"female" (any case); returns LABEL_UNKNOWN otherwise. */
int	label_gender_parse(const char *);
/* Parses "wear"/"incorrect"/"not_wear"; returns LABEL_UNKNOWN otherwise. */
int	label_mask_parse(const char *);
/*
 * Parses a whole decimal age 0..150 (surrounding blanks allowed); returns
 * the age, or -1 for anything else ("", "4O", "-3", "45.5").
 */
int	label_age_parse(const char *);

#endif
