/*
 * tests/fuzz/fuzz-base-name.c: base_name_parse() on an arbitrary name.
 */
#include <stdlib.h>
#include <string.h>

#include "../../importers/base-name.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct base_name	bn;
	char			*s = fuzz_strdup(data, size);

	if (base_name_parse(s, &bn) == 0 &&
	    (bn.id[0] == '\0' || bn.gender[0] == '\0' || bn.race[0] == '\0' ||
	    bn.age[0] == '\0' || strlen(bn.age) >= sizeof bn.age))
		abort();
	free(s);
	return 0;
}
