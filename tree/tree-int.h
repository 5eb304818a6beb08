/*
 * tree/tree-int.h: what tree.c dispatches to; private to tree/.
 * Each backend fills a struct tree_ops; 'impl' is its own state.
 */
#ifndef TREE_TREE_INT_H
#define TREE_TREE_INT_H

#include "tree.h"

struct tree_ops {
	/* List the direct children of 'dir' (unsorted, '.'-names included). */
	int	(*list)(void *impl, const char *dir, struct tree_entry **ents,
		    size_t *n);
	/* 0 for a file or a folder (st->is_dir tells), -1 with why. */
	int	(*stat)(void *impl, const char *path, struct tree_entry *st,
		    char *why);
	int	(*read)(void *impl, const char *path, size_t max, char **data,
		    size_t *len, char *why);
	void	(*close)(void *impl);
};

struct tree {
	enum tree_kind		 kind;
	char			*path;
	const struct tree_ops	*ops;
	void			*impl;
};

/* The folder backend (dir.c). 0 and *impl, or -1 after reporting. */
int	tree_dir_open(const char *path, void **impl);
extern const struct tree_ops tree_dir_ops;

/*
 * The zip backend (zip.c, libarchive).  0 and *impl, or -1 after
 * reporting; refused members go to refused(member, reason, arg).
 */
int	tree_zip_open(const char *path, void **impl,
	    void (*refused)(const char *, const char *, void *), void *arg);
extern const struct tree_ops tree_zip_ops;

/*
 * 1 if the first bytes of the file at 'path' are a zip signature, 0 if
 * not, -1 (errno set) if it cannot be opened or read.
 */
int	tree_is_zip_file(const char *path);

#endif
