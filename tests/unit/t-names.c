/* Unit tests for importers/names.c: UTKFace and MaskedFace-Net names. */
#include "unit.h"
#include "../../importers/names.h"
#include "../../lib/labels.h"

int
main(void)
{
	const char	*sub;
	char		 why[256];
	int		 age, g, r, m;

	CHECK_INT(utkface_parse_name("100_1_0_20170112213303693.jpg.chip.jpg",
	    &age, &g, &r, why), 0);
	CHECK_INT(age, 100);
	CHECK_INT(g, GENDER_FEMALE);
	CHECK_INT(r, 0);
	CHECK_INT(utkface_parse_name("1_0_4_20161221193016140.jpg", &age, &g,
	    &r, why), 0);
	CHECK_INT(age, 1);
	CHECK_STR(utkface_race_word(r), "Others");
	CHECK_INT(utkface_parse_name("39_1_20170116174525125.jpg.chip.jpg",
	    &age, &g, &r, why), -1);
	CHECK_STR(why, "name has 3 fields, expected"
	    " <age>_<gender>_<race>_<datetime>");
	CHECK_INT(utkface_parse_name("14_0_0_2017011022340900.jpg.chip.jpg",
	    &age, &g, &r, why), -1);
	CHECK_STR(why, "datetime '2017011022340900' is not 17 digits");
	CHECK_INT(utkface_parse_name("24_0_1_20170116220224657 .jpg.chip.jpg",
	    &age, &g, &r, why), -1);
	CHECK_STR(why, "datetime '20170116220224657 ' is not 17 digits");
	CHECK_INT(utkface_parse_name("55_0_0_20170116232725357jpg.chip.jpg",
	    &age, &g, &r, why), -1);
	CHECK_STR(why, "datetime '20170116232725357jpg' is not 17 digits");
	CHECK_INT(utkface_parse_name("x_0_0_20170116232725357.jpg", &age, &g,
	    &r, why), -1);
	CHECK_STR(why, "age 'x' is not a number of years");
	CHECK_INT(utkface_parse_name("30_2_0_20170116232725357.jpg", &age, &g,
	    &r, why), -1);
	CHECK_STR(why, "gender '2' is not 0 (male) or 1 (female)");
	CHECK_INT(utkface_parse_name("30_1_5_20170116232725357.jpg", &age, &g,
	    &r, why), -1);
	CHECK_INT(utkface_parse_name("30_1_1_1_20170116232725357.jpg", &age,
	    &g, &r, why), -1);
	CHECK_INT(utkface_parse_name("30_1_1_20170116232725357.png", &age, &g,
	    &r, why), -1);
	CHECK_STR(why, "name does not end in .jpg or .jpg.chip.jpg");
	CHECK_INT(utkface_parse_name("", &age, &g, &r, why), -1);

	CHECK_INT(maskedface_parse_name("00000_Mask.jpg", &m, &sub, why), 0);
	CHECK_INT(m, MASK_WEAR);
	CHECK_STR(sub, "Mask");
	CHECK_INT(maskedface_parse_name("12345_Mask_Mouth_Chin.jpg", &m, &sub,
	    why), 0);
	CHECK_INT(m, MASK_INCORRECT);
	CHECK_STR(sub, "Mask_Mouth_Chin");
	CHECK_INT(maskedface_parse_name("7_Mask_Nose_Mouth.png", &m, &sub, why),
	    0);
	CHECK_INT(maskedface_parse_name("7_Mask_Chin.jpg", &m, &sub, why), 0);
	CHECK_STR(sub, "Mask_Chin");
	CHECK_INT(maskedface_parse_name("7_Mask_Nose.jpg", &m, &sub, why), -1);
	CHECK_INT(maskedface_parse_name("_Mask.jpg", &m, &sub, why), -1);
	CHECK_INT(maskedface_parse_name("maksssksksss1.png", &m, &sub, why), -1);
	CHECK_STR(why, "name is not <number>_Mask, _Mask_Chin, _Mask_Mouth_Chin"
	    " or _Mask_Nose_Mouth");
	CHECK_INT(maskedface_parse_name("00001_Mask", &m, &sub, why), -1);
	return unit_done();
}
