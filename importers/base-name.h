/*
 * importers/base-name.h: the base dataset's person folder names,
 * "<id>_<gender>_<race>_<age>", e.g. "000600-1_male_Asian_19".
 */
#ifndef IMPORTERS_BASE_NAME_H
#define IMPORTERS_BASE_NAME_H

#include <stddef.h>

struct base_name {
	char	id[64];
	char	gender[16];
	char	race[32];
	char	age[8];
};

/*
 * Splits a folder name into its four fields, from the right so that an id
 * may hold '_'.  Pure.  Returns 0, or -1 if the name does not have four
 * non-empty fields that fit (fields are copied, NUL-terminated).
 */
int	base_name_parse(const char *name, struct base_name *out);

#endif
