/*
 * lib/file.h: small file helpers shared by every room.
 */
#ifndef LIB_FILE_H
#define LIB_FILE_H

#include <stddef.h>

/*
 * Reads the whole regular file 'path' into a malloc()ed, NUL-terminated
 * buffer *data (*len bytes, not counting the NUL) the caller must free().
 * Refuses files over 'max' bytes.  Returns 0, or -1 with a one-line reason
 * in why[256] ("No such file or directory", "not a regular file", "file is
 * N bytes, over the limit of M") and *data NULL.  Reports nothing.
 */
int	file_read(const char *path, size_t max, char **data, size_t *len,
	    char *why);

/* Returns a malloc()ed "dir/name" (no doubled slash). */
char	*path_join(const char *dir, const char *name);
/* True if 'name' is usable as one path component from a manifest: not
 * empty, ".", "..", and holds no '/' or NUL. */
int	path_is_component(const char *name);
/* True if 'path' is a safe relative path: not empty, not absolute, and
 * no empty, "." or ".." component (so it cannot leave its folder). */
int	path_is_safe_relative(const char *path);
/* Returns the extension after the last '.', without it ("" if none). */
const char *path_ext(const char *name);

#endif
