/*
 * tests/fuzz/fuzz-zip.c: arbitrary bytes opened as a zip through
 * tree_open(), then every folder listed and every file read.
 */
#include <stdlib.h>
#include <string.h>

#include "../../tree/tree.h"
#include "fuzz.h"

#define MAX_DEPTH	16

static void
refused(const char *member, const char *reason, void *arg)
{
	(void)member;
	(void)reason;
	(*(int *)arg)++;
}

static void
walk(struct tree *t, const char *dir, int depth)
{
	struct tree_entry	*ents, st;
	size_t			 n, i, len;
	char			*data, why[256];

	if (depth > MAX_DEPTH || tree_list(t, dir, &ents, &n, NULL) != 0)
		return;
	for (i = 0; i < n; i++) {
		if (ents[i].is_dir) {
			walk(t, ents[i].path, depth + 1);
			continue;
		}
		(void)tree_stat(t, ents[i].path, &st, why);
		if (tree_read(t, ents[i].path, 1u << 20, &data, &len,
		    why) == 0) {
			if (data[len] != '\0')
				abort();
			free(data);
		}
	}
	tree_entries_free(ents, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tree	*t;
	const char	*path;
	int		 nrefused = 0;

	if ((path = fuzz_tmpfile(data, size)) == NULL)
		return 0;
	if (tree_open(path, &t, refused, &nrefused) != 0)
		return 0;
	walk(t, "", 0);
	(void)tree_is_dir(t, "a");
	(void)tree_is_file(t, "a/b.jpg");
	tree_close(t);
	return 0;
}
