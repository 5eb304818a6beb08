/*
 * tree/zip.c: placeholder until the libarchive backend is written.
 */
#include <stdio.h>

#include "tree-int.h"
#include "../lib/err.h"

int
tree_is_zip_file(const char *path)
{
	(void)path;
	return 0;
}

int
tree_zip_open(const char *path, void **impl,
    void (*refused)(const char *, const char *, void *), void *arg)
{
	(void)impl; (void)refused; (void)arg;
	return error("cannot open '%s': zip archives are not supported yet",
	    path);
}

const struct tree_ops tree_zip_ops;
