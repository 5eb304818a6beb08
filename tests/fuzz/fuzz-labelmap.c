/*
 * tests/fuzz/fuzz-labelmap.c: arbitrary bytes loaded as a label-map file
 * with label_map_load(), then a few lookups.
 */
#include <stddef.h>

#include "../../importers/labelmap.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct label_map	*m = label_map_new();
	const char		*path;
	char			 key[64];

	if ((path = fuzz_tmpfile(data, size)) != NULL)
		(void)label_map_load(m, path);
	(void)label_map_lookup(m, "with_mask");
	(void)label_map_lookup(m, "Non Mask");
	label_map_key("Mask_Weared_Incorrect", key, sizeof key);
	(void)label_map_lookup(m, key);
	label_map_free(m);
	return 0;
}
