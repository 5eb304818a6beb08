/*
 * tests/fuzz/replay.c: runs a fuzz target's LLVMFuzzerTestOneInput() on
 * every file of the corpus folders given, without libFuzzer, so that the
 * normal and sanitizer builds replay the corpora (make check).  Prints
 * TAP: "ok N - FILE" per input, then "1..N".  A crash or sanitizer report
 * ends the process, which tests/run-suite counts as a failure.  The
 * parsers' error() messages are silenced (FUZZ_VERBOSE=1 shows them).
 *
 *   replay-<name> DIR...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file; returns a malloc()ed buffer or NULL. */
static unsigned char *
read_all(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*p = NULL, *q;
	size_t		 cap = 0, n;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((q = realloc(p, cap)) == NULL)
				break;
			p = q;
		}
		if ((n = fread(p + *len, 1, cap - *len, f)) == 0)
			break;
		*len += n;
	}
	if (ferror(f) || p == NULL) {
		free(p);
		p = NULL;
	}
	fclose(f);
	return p;
}

int
main(int argc, char **argv)
{
	DIR		*d;
	struct dirent	*de;
	char		**names, path[4096];
	size_t		 n, cap, i, len;
	unsigned char	*data, *exact;
	int		 a, tests = 0, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR...\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	LLVMFuzzerInitialize(&argc, &argv);
	for (a = 1; a < argc; a++) {
		if ((d = opendir(argv[a])) == NULL) {
			printf("not ok %d - cannot open %s\n", ++tests,
			    argv[a]);
			failed++;
			continue;
		}
		names = NULL;
		n = cap = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				if ((names = realloc(names,
				    cap * sizeof *names)) == NULL)
					abort();
			}
			if ((names[n++] = strdup(de->d_name)) == NULL)
				abort();
		}
		closedir(d);
		if (n > 0)
			qsort(names, n, sizeof *names, name_cmp);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof path, "%s/%s", argv[a],
			    names[i]);
			if ((data = read_all(path, &len)) == NULL) {
				printf("not ok %d - cannot read %s\n",
				    ++tests, path);
				failed++;
			} else {
				/* Exactly len bytes, as libFuzzer passes. */
				if ((exact = malloc(len ? len : 1)) == NULL)
					abort();
				memcpy(exact, data, len);
				free(data);
				LLVMFuzzerTestOneInput(exact, len);
				free(exact);
				printf("ok %d - %s\n", ++tests, path);
			}
			free(names[i]);
		}
		free(names);
	}
	printf("1..%d\n", tests);
	return failed != 0;
}
