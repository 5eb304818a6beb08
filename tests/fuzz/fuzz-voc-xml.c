/*
 * tests/fuzz/fuzz-voc-xml.c: voc_parse() on arbitrary bytes (not
 * NUL-terminated: the copy is exactly 'size' bytes, so ASan sees any
 * read past the end).
 */
#include <stdlib.h>
#include <string.h>

#include "../../importers/voc-xml.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct voc_ann	 ann;
	char		 why[VOC_WHY_MAX];
	char		*xml = malloc(size > 0 ? size : 1);
	volatile size_t	 n = 0;
	size_t		 i;

	if (xml == NULL)
		abort();
	if (size > 0)
		memcpy(xml, data, size);
	if (voc_parse(xml, size, &ann, why) == 0) {
		n += strlen(ann.filename);
		for (i = 0; i < ann.nobjects; i++) {
			n += strlen(ann.objects[i].name);
			if (ann.objects[i].pose != NULL)
				n += strlen(ann.objects[i].pose);
		}
		voc_ann_release(&ann);
		voc_ann_release(&ann);
	} else if (memchr(why, '\0', sizeof why) == NULL || ann.nobjects != 0)
		abort();
	free(xml);
	(void)n;
	return 0;
}
