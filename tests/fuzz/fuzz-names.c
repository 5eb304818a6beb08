/*
 * tests/fuzz/fuzz-names.c: the UTKFace and MaskedFace-Net name parsers on
 * an arbitrary name.  Results must stay in their documented ranges.
 */
#include <stdlib.h>
#include <string.h>

#include "../../importers/names.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s = fuzz_strdup(data, size);
	char		 why[256];
	const char	*sub;
	int		 age, gender, race, mask;

	if (utkface_parse_name(s, &age, &gender, &race, why) == 0) {
		if (age < 0 || age > 150 || gender < 0 || gender > 1 ||
		    utkface_race_word(race) == NULL)
			abort();
	} else if (memchr(why, '\0', sizeof why) == NULL)
		abort();
	if (maskedface_parse_name(s, &mask, &sub, why) == 0) {
		if (sub == NULL || strlen(sub) == 0)
			abort();
	} else if (memchr(why, '\0', sizeof why) == NULL)
		abort();
	free(s);
	return 0;
}
