/*
 * tests/fuzz/fuzz-csv.c: the CSV reader over arbitrary bytes, with a
 * small field limit (input starting with 'L') or row limit ('R') so the
 * "longer than" paths are reached too.  A record returned never holds
 * more field bytes than the row limit allows.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/csv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv	r;
	char		why[256];
	size_t		i, bytes;
	volatile size_t	n = 0;
	int		rc, records = 0;

	csv_init(&r, "fuzz", (const char *)data, size);
	if (size > 0 && data[0] == 'L')
		r.max_field = 16;
	if (size > 0 && data[0] == 'R')
		r.max_line = 32;
	while ((rc = csv_next(&r, why)) == 1) {
		for (i = bytes = 0; i < r.nfields; i++) {
			if (strlen(r.fields[i]) > r.max_field)
				abort();
			bytes += strlen(r.fields[i]);
		}
		if (bytes > r.max_line)
			abort();
		n += bytes;
		if (records++ == 0)
			(void)csv_column(&r, "path");
	}
	if (rc == -1 && memchr(why, '\0', sizeof why) == NULL)
		abort();
	csv_release(&r);
	(void)n;
	return 0;
}
