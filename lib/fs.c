/*
 * lib/fs.c: folder helpers (see fs.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fs.h"

/* See fs.h. */
int
fs_mkdir_p(const char *path)
{
	char		*p, *s, c;
	struct stat	 st;
	int		 rc = 0;

	if (*path == '\0')
		return error("cannot create '': empty folder name");
	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = error_errno("cannot create '%s'", p);
			break;
		}
		if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
			rc = error("cannot create '%s': not a directory", p);
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* See fs.h. */
int
fs_mkdir_new(const char *path)
{
	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST)
		return error("'%s' already exists; refusing to overwrite it",
		    path);
	return error_errno("cannot create '%s'", path);
}

static int
remove_entry(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	if (remove(path) != 0)
		warning("cannot remove '%s': %s", path, strerror(errno));
	return 0;
}

/* See fs.h. */
void
fs_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* See fs.h. */
int
fs_write_new(const char *path, const void *data, size_t len, char *why)
{
	const char	*p = data;
	ssize_t		 w;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd == -1)
		goto fail;
	while (len > 0) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			goto fail_fd;
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail_fd;
	}
	return 0;

fail_fd:
	snprintf(why, 256, "%s", strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(path);
	return -1;
fail:
	snprintf(why, 256, "%s", strerror(errno));
	return -1;
}

/* Removes "<dir>/<prefix>*" folders whose lock no live process holds. */
static int
remove_stale_stages(const char *dir, const char *prefix)
{
	struct dirent	*de;
	DIR		*d;
	char		*path, *lock;
	size_t		 plen = strlen(prefix);
	int		 fd, stale, n = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, plen) != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		lock = xasprintf("%s/.lock", path);
		fd = open(lock, O_RDONLY | O_CLOEXEC);
		stale = fd == -1 || flock(fd, LOCK_EX | LOCK_NB) == 0;
		if (fd != -1)
			close(fd);
		if (stale) {
			fs_remove_tree(path);
			n++;
		}
		free(lock);
		free(path);
	}
	closedir(d);
	return n;
}

/* See fs.h. */
int
fs_stage_open(struct fs_stage *s, const char *dir, const char *prefix,
    int *removed)
{
	char	*lock;
	int	 n;

	s->path = NULL;
	s->lockfd = -1;
	n = remove_stale_stages(dir, prefix);
	if (removed != NULL)
		*removed = n;
	s->path = xasprintf("%s/%s%ld", dir, prefix, (long)getpid());
	if (fs_mkdir_new(s->path) != 0) {
		free(s->path);
		s->path = NULL;
		return -1;
	}
	lock = xasprintf("%s/.lock", s->path);
	if ((s->lockfd = open(lock, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) ==
	    -1 || flock(s->lockfd, LOCK_EX) != 0) {
		error_errno("cannot lock '%s'", lock);
		free(lock);
		fs_stage_close(s, 1);
		return -1;
	}
	free(lock);
	return 0;
}

/* See fs.h. */
void
fs_stage_close(struct fs_stage *s, int remove)
{
	if (s->path != NULL && remove)
		fs_remove_tree(s->path);
	if (s->lockfd != -1)
		close(s->lockfd);
	s->lockfd = -1;
	free(s->path);
	s->path = NULL;
}
