/* Unit tests for lib/labels.c: words, the age bin and the class formula. */
#include "unit.h"
#include "../../lib/labels.h"

int
main(void)
{
	int	m, g, a, c, bad = 0;

	CHECK_INT(label_age_bin(18), AGE_UNDER30);
	CHECK_INT(label_age_bin(29), AGE_UNDER30);
	CHECK_INT(label_age_bin(30), AGE_30_59);
	CHECK_INT(label_age_bin(59), AGE_30_59);
	CHECK_INT(label_age_bin(60), AGE_60PLUS);
	CHECK_INT(label_age_bin(-1), LABEL_UNKNOWN);
	/* DATASETS.md: class = mask * 6 + gender * 3 + age_bin */
	CHECK_INT(label_class(MASK_WEAR, GENDER_MALE, AGE_UNDER30), 0);
	CHECK_INT(label_class(MASK_WEAR, GENDER_FEMALE, AGE_30_59), 4);
	CHECK_INT(label_class(MASK_INCORRECT, GENDER_MALE, AGE_60PLUS), 8);
	CHECK_INT(label_class(MASK_NOT_WEAR, GENDER_FEMALE, AGE_60PLUS), 17);
	CHECK_INT(label_class(3, 0, 0), LABEL_UNKNOWN);
	CHECK_INT(label_class(0, LABEL_UNKNOWN, 0), LABEL_UNKNOWN);
	for (c = 0; c < N_CLASS; c++)
		if (label_class_parts(c, &m, &g, &a) != 0 ||
		    label_class(m, g, a) != c)
			bad++;
	CHECK_INT(bad, 0);
	CHECK_INT(label_class_parts(18, &m, &g, &a), -1);
	CHECK_STR(label_mask_word(MASK_NOT_WEAR), "not_wear");
	CHECK_STR(label_gender_word(GENDER_FEMALE), "female");
	CHECK_STR(label_age_bin_word(AGE_60PLUS), "60+");
	CHECK_STR(label_mask_word(7), "?");
	CHECK_INT(label_gender_parse("Female"), GENDER_FEMALE);
	CHECK_INT(label_gender_parse("femal"), LABEL_UNKNOWN);
	CHECK_INT(label_mask_parse("incorrect"), MASK_INCORRECT);
	CHECK_INT(label_age_parse("45"), 45);
	CHECK_INT(label_age_parse(" 60 "), 60);
	CHECK_INT(label_age_parse("4O"), -1);
	CHECK_INT(label_age_parse(""), -1);
	CHECK_INT(label_age_parse("-3"), -1);
	CHECK_INT(label_age_parse("45.5"), -1);
	CHECK_INT(label_age_parse("1000"), -1);
	return unit_done();
}
