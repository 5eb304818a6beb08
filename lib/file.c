/*
 * lib/file.c: reading whole files and joining paths (see file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "file.h"

int
file_read(const char *path, size_t max, char **data, size_t *len, char *why)
{
	struct stat	 sb;
	char		*buf = NULL;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1) {
		snprintf(why, 256, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0) {
		snprintf(why, 256, "%s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		snprintf(why, 256, "not a regular file");
		goto fail;
	}
	if ((unsigned long long)sb.st_size > max) {
		snprintf(why, 256, "file is %lld bytes, over the limit of %zu bytes",
		    (long long)sb.st_size, max);
		goto fail;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		n = read(fd, buf + got, (size_t)sb.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, 256, "read error: %s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;		/* shrank while we read: take what is there */
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
fail:
	free(buf);
	close(fd);
	return -1;
}

char *
path_join(const char *dir, const char *name)
{
	size_t	n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

int
path_is_component(const char *name)
{
	return name[0] != '\0' && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0 && strchr(name, '/') == NULL;
}

int
path_is_safe_relative(const char *path)
{
	const char	*p = path, *end;
	size_t		 n;

	if (*path == '\0' || *path == '/')
		return 0;
	for (;;) {
		end = strchr(p, '/');
		n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (end == NULL)
			return 1;
		p = end + 1;
	}
}

const char *
path_ext(const char *name)
{
	const char	*dot = strrchr(name, '.');

	return dot != NULL && dot != name ? dot + 1 : "";
}
