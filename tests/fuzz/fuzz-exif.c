/*
 * tests/fuzz/fuzz-exif.c: the EXIF orientation readers on arbitrary
 * bytes, both as an APP1 payload and as bare TIFF.  The copies are exact
 * so ASan sees any read past the end.
 */
#include <stdlib.h>
#include <string.h>

#include "../../image/image.h"
#include "../../image/image-int.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char	*p = NULL;
	int		 o1, o2;

	if (size > 0) {
		if ((p = malloc(size)) == NULL)
			abort();
		memcpy(p, data, size);
	}
	o1 = img_exif_orientation(p, size);
	o2 = img_tiff_orientation(p, size);
	if (o1 < 1 || o1 > 8 || o2 < 1 || o2 > 8)
		abort();
	free(p);
	return 0;
}
