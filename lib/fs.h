/*
 * lib/fs.h: folder helpers for the commands that write trees of files
 * (synth, export): creating folders, removing trees, writing a file whole,
 * and locked staging folders that a later run can tell from live ones.
 */
#ifndef LIB_FS_H
#define LIB_FS_H

#include <stddef.h>

/* mkdir -p: creates path and its missing parents.  0, or -1 after reporting. */
int	fs_mkdir_p(const char *path);
/*
 * mkdir that refuses an existing path ("'x' already exists; refusing to
 * overwrite it").  0, or -1 after reporting.
 */
int	fs_mkdir_new(const char *path);
/*
 * Removes path and everything in it, not following symbolic links.  What
 * cannot be removed is reported as a warning; never fails.
 */
void	fs_remove_tree(const char *path);
/*
 * Writes len bytes to a new file 'path' (O_EXCL: an existing file is an
 * error).  Returns 0, or -1 with errno's text in why[256]; reports
 * nothing, so worker threads may call it.  A partial file is removed.
 */
int	fs_write_new(const char *path, const void *data, size_t len,
	    char *why);

/*
 * A staging folder "<dir>/<prefix><pid>" holding an flock() on its
 * ".lock" file for as long as the process lives, so that a run killed
 * half-way leaves a folder the next run recognises as stale.
 */
struct fs_stage {
	char	*path;		/* owned */
	int	 lockfd;
};
/*
 * Removes the stale staging folders "<dir>/<prefix>*" (those whose lock no
 * live process holds), then creates and locks a new one.  *removed (may
 * be NULL) gets how many stale folders were removed.  Returns 0, or -1
 * after reporting (nothing is left behind).
 */
int	fs_stage_open(struct fs_stage *, const char *dir, const char *prefix,
	    int *removed);
/*
 * Releases the lock; with remove set, removes the folder and what is
 * left in it first.  s->path is freed.  A stage never opened (path NULL)
 * is fine.
 */
void	fs_stage_close(struct fs_stage *, int remove);

#endif
