/* Unit tests for importers/base-name.c: person folder names. */
#include "unit.h"
#include "../../importers/base-name.h"

int
main(void)
{
	struct base_name	b;

	CHECK_INT(base_name_parse("000001_female_Asian_45", &b), 0);
	CHECK_STR(b.id, "000001");
	CHECK_STR(b.gender, "female");
	CHECK_STR(b.race, "Asian");
	CHECK_STR(b.age, "45");
	CHECK_INT(base_name_parse("000600-1_male_Asian_19", &b), 0);
	CHECK_STR(b.id, "000600-1");
	CHECK_INT(base_name_parse("a_b_c_d_e", &b), 0);
	CHECK_STR(b.id, "a_b");
	CHECK_STR(b.age, "e");
	CHECK_INT(base_name_parse("000001_female_45", &b), -1);
	CHECK_INT(base_name_parse("_female_Asian_45", &b), -1);
	CHECK_INT(base_name_parse("000001__Asian_45", &b), -1);
	CHECK_INT(base_name_parse("000001_female_Asian_", &b), -1);
	CHECK_INT(base_name_parse("", &b), -1);
	CHECK_INT(base_name_parse("___", &b), -1);
	CHECK_INT(base_name_parse("000001_female_Asian_123456789", &b), -1);
	return unit_done();
}
