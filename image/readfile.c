/*
 * image/readfile.c: reading one image file whole, with a size limit, so
 * that sniffing, hashing and decoding all see the same bytes.
 */
#include "../lib/file.h"
#include "../lib/limits.h"
#include "image.h"

_Static_assert(IMG_REASON_MAX >= 256, "file_read() writes up to 256 bytes");

/*
 * See image.h.  lib/file.c does the reading (a FIFO is refused without
 * blocking); an empty file gives 0 with *len 0 and a buffer to free.
 */
int
img_read_file(const char *path, unsigned char **data, size_t *len,
    char *why)
{
	return file_read(path, limit_size(LIMIT_FILE_BYTES), (char **)data,
	    len, why);
}
