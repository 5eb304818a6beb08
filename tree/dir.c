/*
 * tree/dir.c: the folder backend of a tree: paths are joined to the
 * folder and read with the system calls.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tree-int.h"
#include "../lib/err.h"
#include "../lib/file.h"

struct tree_dir {
	char	*root;
};

int
tree_dir_open(const char *path, void **impl)
{
	struct tree_dir	*d = xcalloc(1, sizeof *d);

	d->root = xstrdup(path);
	*impl = d;
	return 0;
}

/* The system path of a tree path: malloc()ed. */
static char *
dir_full(const struct tree_dir *d, const char *path)
{
	return *path == '\0' ? xstrdup(d->root) : path_join(d->root, path);
}

static void
dir_fill(struct tree_entry *e, const struct stat *sb)
{
	e->is_dir = S_ISDIR(sb->st_mode);
	e->size = e->is_dir ? 0 : (int64_t)sb->st_size;
	e->mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 +
	    sb->st_mtim.tv_nsec;
}

static int
dir_list(void *impl, const char *dir, struct tree_entry **ents, size_t *n)
{
	struct tree_dir		*d = impl;
	struct tree_entry	*v = NULL;
	struct dirent		*de;
	struct stat		 sb;
	size_t			 cap = 0;
	char			*full = dir_full(d, dir), *child;
	DIR			*dp;

	*ents = NULL;
	*n = 0;
	if ((dp = opendir(full)) == NULL) {
		error_errno("cannot open folder '%s'", full);
		free(full);
		return -1;
	}
	errno = 0;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[*n].path = *dir ? xasprintf("%s/%s", dir, de->d_name) :
		    xstrdup(de->d_name);
		child = path_join(full, de->d_name);
		/* Follow links; a dangling link or a loop lists as a file
		 * whose read fails with the reason. */
		if (stat(child, &sb) == 0)
			dir_fill(&v[*n], &sb);
		else {
			v[*n].is_dir = 0;
			v[*n].size = 0;
			v[*n].mtime_ns = 0;
		}
		free(child);
		(*n)++;
		errno = 0;
	}
	if (errno != 0) {
		error_errno("cannot read folder '%s'", full);
		closedir(dp);
		tree_entries_free(v, *n);
		*n = 0;
		free(full);
		return -1;
	}
	closedir(dp);
	free(full);
	*ents = v;
	return 0;
}

static int
dir_stat(void *impl, const char *path, struct tree_entry *st, char *why)
{
	struct stat	 sb;
	char		*full = dir_full(impl, path);
	int		 rc = stat(full, &sb);

	free(full);
	if (rc != 0) {
		snprintf(why, 256, "%s", strerror(errno));
		return -1;
	}
	dir_fill(st, &sb);
	return 0;
}

static int
dir_read(void *impl, const char *path, size_t max, char **data, size_t *len,
    char *why)
{
	char	*full = dir_full(impl, path);
	int	 rc = file_read(full, max, data, len, why);

	free(full);
	return rc;
}

static void
dir_close(void *impl)
{
	struct tree_dir	*d = impl;

	free(d->root);
	free(d);
}

const struct tree_ops tree_dir_ops = {
	.list = dir_list,
	.stat = dir_stat,
	.read = dir_read,
	.close = dir_close,
};
