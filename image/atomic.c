/*
 * image/atomic.c: writing a file under a temporary name in the same
 * folder, then rename()ing it into place, so readers never see half an
 * image and a failure leaves the old file (or none) behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../lib/err.h"
#include "image-int.h"

/* See image-int.h. */
int
img_atomic_open(struct img_atomic *a, const char *path)
{
	int	fd;

	a->path = path;
	a->tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	a->fp = NULL;
	fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd == -1) {
		error_errno("cannot write '%s'", a->path);
		goto fail;
	}
	if ((a->fp = fdopen(fd, "wb")) == NULL) {
		error_errno("cannot write '%s'", a->path);
		close(fd);
		unlink(a->tmp);
		goto fail;
	}
	return 0;

fail:
	free(a->tmp);
	a->tmp = NULL;
	return -1;
}

/* See image-int.h. */
int
img_atomic_commit(struct img_atomic *a)
{
	int	rc = 0;

	if (ferror(a->fp)) {
		/* errno may be stale by now; say what we know. */
		fclose(a->fp);
		rc = error("cannot write '%s': write error", a->path);
	} else if (fclose(a->fp) != 0)
		rc = error_errno("cannot write '%s'", a->path);
	else if (rename(a->tmp, a->path) != 0)
		rc = error_errno("cannot rename '%s' to '%s'", a->tmp,
		    a->path);
	a->fp = NULL;
	if (rc != 0)
		unlink(a->tmp);
	free(a->tmp);
	a->tmp = NULL;
	return rc;
}

/* See image-int.h. */
void
img_atomic_abort(struct img_atomic *a)
{
	int	saved = errno;

	if (a->fp != NULL)
		fclose(a->fp);
	if (a->tmp != NULL)
		unlink(a->tmp);
	free(a->tmp);
	a->fp = NULL;
	a->tmp = NULL;
	errno = saved;
}
