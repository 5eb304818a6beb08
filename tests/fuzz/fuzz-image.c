/*
 * tests/fuzz/fuzz-image.c: img_probe_mem(), img_probe_measure() and
 * img_decode_rgb() on arbitrary bytes.  The two probes must agree; the
 * decode may accept more than the probe (it ignores a damaged ancillary
 * PNG chunk, see image/decode.c) but must give the probe's size when both
 * accept, and a whole w*h*3 buffer.
 */
#include <stdlib.h>

#include "../../image/image.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct img_info		info, info2;
	struct img_measures	m;
	unsigned char		*rgb;
	char			why[IMG_REASON_MAX];
	int			w, h, rc;
	volatile unsigned	sum = 0;

	rc = img_probe_mem(data, size, &info, why);
	if (img_probe_measure(data, size, &info2, &m, why) != rc)
		abort();
	if (img_decode_rgb(data, size, &rgb, &w, &h, why) == 0) {
		if (rc == 0 && (w != info.width || h != info.height))
			abort();
		/* Touch every byte so ASan sees a short buffer. */
		for (size_t i = 0; i < (size_t)w * h * 3; i++)
			sum += rgb[i];
		free(rgb);
	} else if (rgb != NULL || w != 0 || h != 0)
		abort();
	(void)sum;
	return 0;
}
