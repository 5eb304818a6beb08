/*
 * importers/base-name.c: parsing "<id>_<gender>_<race>_<age>" (see
 * base-name.h).
 */
#include <string.h>

#include "base-name.h"

/* Copies [s, e) into dst[size]; -1 if empty or too long. */
static int
copy_field(char *dst, size_t size, const char *s, const char *e)
{
	size_t	n = (size_t)(e - s);

	if (n == 0 || n >= size)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

int
base_name_parse(const char *name, struct base_name *out)
{
	const char	*end = name + strlen(name), *cut[3], *p = end;
	int		 i;

	for (i = 0; i < 3; i++) {
		while (p > name && p[-1] != '_')
			p--;
		if (p == name)
			return -1;
		cut[i] = --p;		/* the '_' */
	}
	if (copy_field(out->age, sizeof out->age, cut[0] + 1, end) != 0 ||
	    copy_field(out->race, sizeof out->race, cut[1] + 1, cut[0]) != 0 ||
	    copy_field(out->gender, sizeof out->gender, cut[2] + 1,
	    cut[1]) != 0 ||
	    copy_field(out->id, sizeof out->id, name, cut[2]) != 0)
		return -1;
	return 0;
}
