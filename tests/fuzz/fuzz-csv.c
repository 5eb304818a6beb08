/*
 * tests/fuzz/fuzz-csv.c: the CSV reader over arbitrary bytes, with a
 * small field limit so the "field too long" path is reached too.
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
	size_t		i;
	volatile size_t	n = 0;
	int		rc, records = 0;

	csv_init(&r, "fuzz", (const char *)data, size);
	if (size > 0 && data[0] == 'L')
		r.max_field = 16;
	while ((rc = csv_next(&r, why)) == 1) {
		for (i = 0; i < r.nfields; i++)
			n += strlen(r.fields[i]);
		if (records++ == 0)
			(void)csv_column(&r, "path");
	}
	if (rc == -1 && memchr(why, '\0', sizeof why) == NULL)
		abort();
	csv_release(&r);
	(void)n;
	return 0;
}
