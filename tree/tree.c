/*
 * tree/tree.c: opening a folder or a zip as a tree, and the calls that
 * are the same for both (sorting, '.'-names, type checks).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tree-int.h"
#include "../lib/err.h"

int
tree_open(const char *path, struct tree **out,
    void (*refused)(const char *, const char *, void *), void *arg)
{
	struct tree	*t = xcalloc(1, sizeof *t);
	struct stat	 sb;
	int		 rc, zip = 0;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		free(t);
		return error_errno("cannot open '%s'", path);
	}
	if (S_ISREG(sb.st_mode) && (zip = tree_is_zip_file(path)) < 0) {
		free(t);
		return error("cannot open '%s': read error: %s", path,
		    strerror(errno));
	}
	if (S_ISDIR(sb.st_mode)) {
		t->kind = TREE_DIR;
		t->ops = &tree_dir_ops;
		rc = tree_dir_open(path, &t->impl);
	} else if (zip) {
		t->kind = TREE_ZIP;
		t->ops = &tree_zip_ops;
		rc = tree_zip_open(path, &t->impl, refused, arg);
	} else {
		free(t);
		return error("cannot open '%s': neither a folder nor a zip"
		    " archive", path);
	}
	if (rc != 0) {
		free(t);
		return -1;
	}
	t->path = xstrdup(path);
	*out = t;
	return 0;
}

void
tree_close(struct tree *t)
{
	if (t == NULL)
		return;
	t->ops->close(t->impl);
	free(t->path);
	free(t);
}

enum tree_kind
tree_kind(const struct tree *t)
{
	return t->kind;
}

const char *
tree_path(const struct tree *t)
{
	return t->path;
}

static int
tree_cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct tree_entry *)a)->path,
	    ((const struct tree_entry *)b)->path);
}

/* The last component of a '/'-separated path. */
static const char *
tree_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

int
tree_list(struct tree *t, const char *dir, struct tree_entry **ents,
    size_t *n, long *skipped)
{
	struct tree_entry	*v;
	size_t			 i, k;

	*ents = NULL;
	*n = 0;
	if (t->ops->list(t->impl, dir, &v, n) != 0)
		return -1;
	for (i = k = 0; i < *n; i++) {
		if (tree_basename(v[i].path)[0] == '.') {
			if (skipped != NULL)
				(*skipped)++;
			free(v[i].path);
			continue;
		}
		v[k++] = v[i];
	}
	*n = k;
	if (k > 1)
		qsort(v, k, sizeof *v, tree_cmp_entries);
	*ents = v;
	return 0;
}

void
tree_entries_free(struct tree_entry *ents, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(ents[i].path);
	free(ents);
}

int
tree_stat(struct tree *t, const char *path, struct tree_entry *st, char *why)
{
	st->path = NULL;
	if (t->ops->stat(t->impl, path, st, why) != 0)
		return -1;
	if (st->is_dir) {
		snprintf(why, 256, "not a regular file");
		return -1;
	}
	return 0;
}

int
tree_read(struct tree *t, const char *path, size_t max, char **data,
    size_t *len, char *why)
{
	return t->ops->read(t->impl, path, max, data, len, why);
}

int
tree_is_dir(struct tree *t, const char *path)
{
	struct tree_entry	st;
	char			why[256];

	if (*path == '\0')
		return 1;
	st.path = NULL;
	return t->ops->stat(t->impl, path, &st, why) == 0 && st.is_dir;
}

int
tree_is_file(struct tree *t, const char *path)
{
	struct tree_entry	st;
	char			why[256];

	st.path = NULL;
	return t->ops->stat(t->impl, path, &st, why) == 0 && !st.is_dir;
}
