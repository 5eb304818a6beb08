/*
 * importers/importers.c: the table of importers.  Adding a format means
 * adding one file and one line here.
 */
#include <string.h>

#include "importer.h"

static const struct importer *const importer_table[] = {
	&importer_base,
	&importer_csv,
	&importer_eval,
	&importer_voc,
	&importer_folder,
	&importer_maskedface,
	&importer_utkface,
	NULL
};

const struct importer *
importer_find(const char *name)
{
	const struct importer	*const *i;

	for (i = importer_table; *i != NULL; i++)
		if (strcmp((*i)->name, name) == 0)
			return *i;
	return NULL;
}

void
importer_list(FILE *fp)
{
	const struct importer	*const *i;

	for (i = importer_table; *i != NULL; i++)
		fprintf(fp, "   %-10s %s\n", (*i)->name, (*i)->summary);
}
