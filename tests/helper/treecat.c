/*
 * tests/helper/treecat.c: lists and reads a tree (a folder or a zip)
 * through tree/tree.h, for the tests.
 *
 *   treecat ls TREE [DIR]	"d path" or "f path size", one per line
 *   treecat cat TREE PATH	the bytes of PATH on stdout
 *   treecat all TREE		every file, recursively in sorted order:
 *				"path size hash" (img_hash, hex)
 *   treecat order TREE ORDER	reads every file in ORDER (sorted,
 *				reverse or random), prints "N files B bytes"
 *
 * Refused zip members are printed "refused: <member>: <reason>" on stderr.
 * Exits 0, 1 when something failed (the reason is on stderr), 2 on usage.
 */
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../image/image.h"
#include "../../lib/err.h"
#include "../../lib/limits.h"
#include "../../tree/tree.h"

struct files {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static void
refused(const char *member, const char *reason, void *arg)
{
	(void)arg;
	fprintf(stderr, "refused: %s: %s\n", member, reason);
}

static int
cmd_ls(struct tree *t, const char *dir)
{
	struct tree_entry	*ents;
	size_t			 n, i;

	if (tree_list(t, dir, &ents, &n, NULL) != 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (ents[i].is_dir)
			printf("d %s\n", ents[i].path);
		else
			printf("f %s %lld\n", ents[i].path,
			    (long long)ents[i].size);
	}
	tree_entries_free(ents, n);
	return 0;
}

static int
cmd_cat(struct tree *t, const char *path)
{
	char	*data, why[256];
	size_t	 len;

	if (tree_read(t, path, limit_size(LIMIT_FILE_BYTES), &data, &len,
	    why) != 0) {
		fprintf(stderr, "%s\n", why);
		return 1;
	}
	fwrite(data, 1, len, stdout);
	free(data);
	return 0;
}

static void
files_add(struct files *f, const char *path)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = xstrdup(path);
}

/* Appends every file under 'dir' to f, in sorted (depth-first) order. */
static int
collect(struct tree *t, const char *dir, struct files *f)
{
	struct tree_entry	*ents;
	size_t			 n, i;
	int			 rc = 0;

	if (tree_list(t, dir, &ents, &n, NULL) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (ents[i].is_dir) {
			if (collect(t, ents[i].path, f) != 0)
				rc = -1;
			continue;
		}
		files_add(f, ents[i].path);
	}
	tree_entries_free(ents, n);
	return rc;
}

static int
cmd_all(struct tree *t, const char *order)
{
	struct files	 f = { NULL, 0, 0 };
	char		*data, why[256];
	size_t		 len, i, j, k;
	long long	 bytes = 0;
	int		 rc = 0;

	if (order != NULL && strcmp(order, "-") == 0) {
		while (fgets(why, sizeof why, stdin) != NULL) {
			why[strcspn(why, "\n")] = '\0';
			files_add(&f, why);
		}
	} else if (collect(t, "", &f) != 0)
		rc = 1;
	if (order == NULL || strcmp(order, "-") == 0 ||
	    strcmp(order, "sorted") == 0)
		;
	else if (strcmp(order, "reverse") == 0) {
		for (i = 0; i < f.n / 2; i++) {
			data = f.v[i];
			f.v[i] = f.v[f.n - 1 - i];
			f.v[f.n - 1 - i] = data;
		}
	} else if (strcmp(order, "random") == 0) {
		srand(1);
		for (i = f.n; i > 1; i--) {
			j = (size_t)rand() % i;
			data = f.v[i - 1];
			f.v[i - 1] = f.v[j];
			f.v[j] = data;
		}
	} else {
		fprintf(stderr, "treecat: unknown order '%s'\n", order);
		rc = 2;
		for (k = 0; k < f.n; k++)
			free(f.v[k]);
		f.n = 0;
	}
	for (k = 0; k < f.n; k++) {
		if (tree_read(t, f.v[k], limit_size(LIMIT_FILE_BYTES), &data,
		    &len, why) != 0) {
			fprintf(stderr, "%s: %s\n", f.v[k], why);
			rc = 1;
		} else {
			if (order == NULL)
				printf("%s %zu %016" PRIx64 "\n", f.v[k], len,
				    img_hash(data, len));
			bytes += (long long)len;
			free(data);
		}
		free(f.v[k]);
	}
	if (order != NULL)
		printf("%zu files %lld bytes\n", f.n, bytes);
	free(f.v);
	return rc;
}

int
main(int argc, char **argv)
{
	struct tree	*t;
	int		 rc;

	setlocale(LC_CTYPE, "C.UTF-8");	/* as maskcat does: zip names */

	if (argc < 3 || (strcmp(argv[1], "ls") == 0 && argc > 4) ||
	    (strcmp(argv[1], "cat") == 0 && argc != 4) ||
	    (strcmp(argv[1], "all") == 0 && argc != 3) ||
	    (strcmp(argv[1], "order") == 0 && argc != 4)) {
		fprintf(stderr, "usage: treecat ls TREE [DIR] | cat TREE PATH"
		    " | all TREE | order TREE sorted|reverse|random\n");
		return 2;
	}
	if (tree_open(argv[2], &t, refused, NULL) != 0)
		return 1;
	if (strcmp(argv[1], "ls") == 0)
		rc = cmd_ls(t, argc == 4 ? argv[3] : "");
	else if (strcmp(argv[1], "cat") == 0)
		rc = cmd_cat(t, argv[3]);
	else if (strcmp(argv[1], "all") == 0)
		rc = cmd_all(t, NULL);
	else if (strcmp(argv[1], "order") == 0)
		rc = cmd_all(t, argv[3]);
	else {
		fprintf(stderr, "treecat: unknown command '%s'\n", argv[1]);
		rc = 2;
	}
	tree_close(t);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	return rc;
}
