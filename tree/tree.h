/*
 * tree/tree.h: a source tree, a folder or a .zip archive, listed and read
 * alike.  Importers and later commands read source files only through
 * here, so every layout imports equally from a folder or straight from a
 * zip without unpacking it.  Paths are relative to the tree's root, use
 * '/', and never hold "." or ".." components.
 */
#ifndef TREE_TREE_H
#define TREE_TREE_H

#include <stddef.h>
#include <stdint.h>

enum tree_kind { TREE_DIR, TREE_ZIP };

struct tree;

struct tree_entry {
	char		*path;		/* relative to the root, '/'-separated */
	int		 is_dir;	/* a folder (zips: explicit or implied) */
	int64_t		 size;		/* bytes (0 for folders) */
	int64_t		 mtime_ns;	/* modification time */
};

/*
 * Opens 'path' as a tree: a folder, or a file whose bytes are a zip
 * archive.  A zip's directory is read once here; members with an absolute
 * path, a ".." component, or that are symbolic links (zip slip) are never
 * listed nor read: each is reported once through the 'refused' callback
 * (may be NULL) with the member name and a reason such as "member path
 * escapes the archive ('../evil.jpg')" or "member is a symbolic link".
 * Returns 0 and *out (free with tree_close()), or -1 after reporting
 * ("cannot open 'x.zip': Truncated ZIP file header", "cannot open 'x':
 * No such file or directory").
 */
int	tree_open(const char *path, struct tree **out,
	    void (*refused)(const char *member, const char *reason, void *),
	    void *arg);
void	tree_close(struct tree *);

enum tree_kind	 tree_kind(const struct tree *);
/* The path given to tree_open(), borrowed. */
const char	*tree_path(const struct tree *);

/*
 * Lists the entries directly inside folder 'dir' ("" for the root),
 * sorted by name (strcmp), leaving out names that start with '.' (those
 * are counted in *skipped when skipped is not NULL).  *ents is a
 * malloc()ed array the caller frees with tree_entries_free().  Returns 0,
 * or -1 after reporting ("cannot open folder 'x/y': Permission denied",
 * "no folder 'y' in 'x.zip'").  A folder that is a symlink is followed;
 * a symlink loop is an error for that folder only.
 */
int	tree_list(struct tree *, const char *dir, struct tree_entry **ents,
	    size_t *n, long *skipped);
void	tree_entries_free(struct tree_entry *ents, size_t n);

/*
 * Size and mtime of one regular file.  Returns 0, or -1 with a reason in
 * why[256] ("No such file or directory", "not a regular file").
 * Reports nothing.
 */
int	tree_stat(struct tree *, const char *path, struct tree_entry *st,
	    char *why);

/*
 * Reads one regular file whole into a malloc()ed buffer (*data, *len;
 * NUL-terminated for convenience) the caller must free().  Refuses more
 * than 'max' bytes, checked before anything is allocated (images use
 * LIMIT_FILE_BYTES of lib/limits.h).  Reading a zip's members in the
 * order tree_list() gives them is cheap; any order works.  Returns 0, or
 * -1 with a one-line reason in why[256] and *data NULL.  Reports nothing.
 */
int	tree_read(struct tree *, const char *path, size_t max, char **data,
	    size_t *len, char *why);

/* True if 'path' names a folder in the tree ("" is the root). */
int	tree_is_dir(struct tree *, const char *path);
/* True if 'path' names a regular file in the tree. */
int	tree_is_file(struct tree *, const char *path);

#endif
