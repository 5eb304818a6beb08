/* Unit tests for importers/labelmap.c. */
#include "unit.h"
#include "../../importers/labelmap.h"
#include "../../lib/labels.h"

int
main(void)
{
	struct label_map	*m = label_map_new();
	char			 why[256];

	CHECK_INT(label_map_lookup(m, "with_mask"), MASK_WEAR);
	CHECK_INT(label_map_lookup(m, "WithMask"), MASK_WEAR);
	CHECK_INT(label_map_lookup(m, "Mask"), MASK_WEAR);
	CHECK_INT(label_map_lookup(m, "cloth_mask"), MASK_WEAR);
	CHECK_INT(label_map_lookup(m, "con_mascarilla"), MASK_WEAR);
	CHECK_INT(label_map_lookup(m, "mask_weared_incorrect"), MASK_INCORRECT);
	CHECK_INT(label_map_lookup(m, "mask_worn_incorrectly"), MASK_INCORRECT);
	CHECK_INT(label_map_lookup(m, "mascarilla_mal_puesta"), MASK_INCORRECT);
	CHECK_INT(label_map_lookup(m, "without_mask"), MASK_NOT_WEAR);
	CHECK_INT(label_map_lookup(m, "WithoutMask"), MASK_NOT_WEAR);
	CHECK_INT(label_map_lookup(m, "Non Mask"), MASK_NOT_WEAR);
	CHECK_INT(label_map_lookup(m, "no-face-mask"), MASK_NOT_WEAR);
	CHECK_INT(label_map_lookup(m, "sin_mascarilla"), MASK_NOT_WEAR);
	CHECK_INT(label_map_lookup(m, "helmet"), LABEL_UNKNOWN);
	CHECK_INT(label_map_add(m, "helmet=ignore", why), 0);
	CHECK_INT(label_map_lookup(m, "Helmet"), LABEL_IGNORE);
	CHECK_INT(label_map_add(m, "Mask=not_wear", why), 0);
	CHECK_INT(label_map_lookup(m, "mask"), MASK_NOT_WEAR);
	CHECK_INT(label_map_add(m, "a=b=wear", why), 0);
	CHECK_INT(label_map_lookup(m, "a=b"), MASK_WEAR);
	CHECK_INT(label_map_add(m, "helmet", why), -1);
	CHECK_STR(why, "expected NAME=wear|incorrect|not_wear|ignore, got 'helmet'");
	CHECK_INT(label_map_add(m, "x=maybe", why), -1);
	CHECK_INT(label_map_add(m, "=wear", why), -1);
	label_map_free(m);
	return unit_done();
}
