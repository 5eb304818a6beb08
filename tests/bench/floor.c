/*
 * tests/bench/floor.c: the floor for the import benchmark: a minimal loop
 * doing only the unavoidable work of an import (read each file, hash it,
 * decode it to validate) with the same image/ code, and no catalog.
 * Usage: floor [--measure] LISTFILE (one path per line).  Prints "N files".
 * With --measure the loop also computes the quality measures (the same
 * img_probe_measure() as maskcat import), so the two runs show what the
 * measures cost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../image/image.h"

int
main(int argc, char **argv)
{
	struct img_measures m;
	struct img_info	 info;
	unsigned char	*data;
	char		 line[4096], why[IMG_REASON_MAX];
	size_t		 len;
	long		 n = 0, bad = 0;
	FILE		*fp;
	int		 measure = argc == 3 && strcmp(argv[1], "--measure") == 0;

	if (argc != 2 + measure || (fp = fopen(argv[argc - 1], "r")) == NULL) {
		fprintf(stderr, "usage: floor [--measure] LISTFILE\n");
		return 2;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (img_read_file(line, &data, &len, why) != 0 ||
		    img_probe_measure(data, len, &info, measure ? &m : NULL,
		    why) != 0)
			bad++;
		free(data);
		n++;
	}
	fclose(fp);
	printf("%ld files, %ld refused\n", n, bad);
	return 0;
}
