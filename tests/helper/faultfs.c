/*
 * tests/helper/faultfs.c: an LD_PRELOAD shim that makes chosen files
 * fail like a full disk or a bad sector, for tests/t6300-faults.sh (the
 * idea of jq's error-injection shim).  Built as faultfs.so in every
 * build flavour; preloaded only into the maskcat under test:
 *
 *   FAULTFS_ENOSPC=GLOB	writes to files whose path (as passed to
 *				open) matches GLOB (fnmatch, no flags) fail
 *				with ENOSPC ...
 *   FAULTFS_ENOSPC_AFTER=N	... once N bytes (default 0) have been
 *				written to such files, counted over the
 *				process; the write that crosses N is short,
 *				as on a real full disk; fsync and fdatasync
 *				of such files fail too from then on
 *   FAULTFS_EIO=GLOB		reads from matching files fail with EIO ...
 *   FAULTFS_EIO_AFTER=N	... once N bytes (default 0) were read
 *   FAULTFS_LOG=FILE		appends "ENOSPC PATH" or "EIO PATH" for
 *				every failure injected, so a test can tell
 *				that the fault really happened
 *
 * It wraps open, open64, openat, openat64 (to learn each descriptor's
 * path), close, read, pread, pread64, write, pwrite, pwrite64, fsync and
 * fdatasync: what maskcat, SQLite (open64, pread64, pwrite64, write,
 * fdatasync) and libarchive call.  glibc's stdio calls its own internal
 * read and write, which no preload can reach, so fopen and fdopen of a
 * matching file return a fopencookie() stream whose I/O goes through the
 * wrappers above (fileno() of such a stream is -1).
 *
 * With an ASan build of maskcat, set ASAN_OPTIONS=verify_asan_link_order=0:
 * the ASan runtime then comes after this library, which is harmless here
 * since the wrappers call through to ASan's own interceptors.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define FD_MAX		4096	/* descriptors tracked; above: untouched */
#define F_ENOSPC	1
#define F_EIO		2

static int	(*real_open)(const char *, int, ...);
static int	(*real_open64)(const char *, int, ...);
static int	(*real_openat)(int, const char *, int, ...);
static int	(*real_openat64)(int, const char *, int, ...);
static int	(*real_close)(int);
static ssize_t	(*real_read)(int, void *, size_t);
static ssize_t	(*real_pread)(int, void *, size_t, off_t);
static ssize_t	(*real_pread64)(int, void *, size_t, off_t);
static ssize_t	(*real_write)(int, const void *, size_t);
static ssize_t	(*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t	(*real_pwrite64)(int, const void *, size_t, off_t);
static int	(*real_fsync)(int);
static int	(*real_fdatasync)(int);
static FILE	*(*real_fopen)(const char *, const char *);
static FILE	*(*real_fopen64)(const char *, const char *);
static FILE	*(*real_fdopen)(int, const char *);

static const char	*enospc_glob, *eio_glob, *log_path;
static long long	 enospc_after, eio_after;
static atomic_llong	 written, readb;
static atomic_int	 tripped;
static atomic_uchar	 fd_flags[FD_MAX];
static char		*fd_path[FD_MAX];
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;

static void *
sym(const char *name)
{
	void	*p = dlsym(RTLD_NEXT, name);

	if (p == NULL) {
		fprintf(stderr, "faultfs: no symbol %s\n", name);
		abort();
	}
	return p;
}

static long long
env_num(const char *name)
{
	const char	*v = getenv(name);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

__attribute__((constructor)) static void
faultfs_init(void)
{
	real_open = sym("open");
	real_open64 = sym("open64");
	real_openat = sym("openat");
	real_openat64 = sym("openat64");
	real_close = sym("close");
	real_read = sym("read");
	real_pread = sym("pread");
	real_pread64 = sym("pread64");
	real_write = sym("write");
	real_pwrite = sym("pwrite");
	real_pwrite64 = sym("pwrite64");
	real_fsync = sym("fsync");
	real_fdatasync = sym("fdatasync");
	real_fopen = sym("fopen");
	real_fopen64 = sym("fopen64");
	real_fdopen = sym("fdopen");
	enospc_glob = getenv("FAULTFS_ENOSPC");
	eio_glob = getenv("FAULTFS_EIO");
	log_path = getenv("FAULTFS_LOG");
	enospc_after = env_num("FAULTFS_ENOSPC_AFTER");
	eio_after = env_num("FAULTFS_EIO_AFTER");
}

/* Which faults apply to a file of this path. */
static int
path_flags(const char *path)
{
	int	f = 0;

	if (enospc_glob != NULL && fnmatch(enospc_glob, path, 0) == 0)
		f |= F_ENOSPC;
	if (eio_glob != NULL && fnmatch(eio_glob, path, 0) == 0)
		f |= F_EIO;
	return f;
}

static void
track(int fd, const char *path)
{
	int	f;

	if (fd < 0 || fd >= FD_MAX)
		return;
	f = path_flags(path);
	pthread_mutex_lock(&lock);
	free(fd_path[fd]);
	fd_path[fd] = f ? strdup(path) : NULL;
	atomic_store(&fd_flags[fd], (unsigned char)f);
	pthread_mutex_unlock(&lock);
}

static int
flags_of(int fd)
{
	return fd >= 0 && fd < FD_MAX ? atomic_load(&fd_flags[fd]) : 0;
}

/* Records an injected failure, sets errno and returns -1. */
static int
inject(int fd, int err)
{
	char	 line[4200];
	int	 lfd, n;

	if (log_path != NULL) {
		pthread_mutex_lock(&lock);
		n = snprintf(line, sizeof line, "%s %s\n", err == ENOSPC ?
		    "ENOSPC" : "EIO", fd_path[fd] ? fd_path[fd] : "?");
		pthread_mutex_unlock(&lock);
		lfd = real_open(log_path, O_WRONLY | O_CREAT | O_APPEND |
		    O_CLOEXEC, 0666);
		if (lfd != -1) {
			real_write(lfd, line, (size_t)n);
			real_close(lfd);
		}
	}
	errno = err;
	return -1;
}

/* How much of an n-byte transfer may still go through; 0: none. */
static size_t
allowance(atomic_llong *count, long long limit, size_t n)
{
	long long	old = atomic_fetch_add(count, (long long)n);

	if (old >= limit)
		return 0;
	return (long long)n > limit - old ? (size_t)(limit - old) : n;
}

#define OPEN_MODE(flags, mode) do {				\
	va_list	ap;						\
								\
	mode = 0;						\
	if (((flags) & O_CREAT) ||				\
	    ((flags) & O_TMPFILE) == O_TMPFILE) {		\
		va_start(ap, flags);				\
		mode = va_arg(ap, int);				\
		va_end(ap);					\
	}							\
} while (0)

int
open(const char *path, int flags, ...)
{
	int	mode, fd;

	OPEN_MODE(flags, mode);
	fd = real_open(path, flags, mode);
	track(fd, path);
	return fd;
}

int
open64(const char *path, int flags, ...)
{
	int	mode, fd;

	OPEN_MODE(flags, mode);
	fd = real_open64(path, flags, mode);
	track(fd, path);
	return fd;
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	int	mode, fd;

	OPEN_MODE(flags, mode);
	fd = real_openat(dirfd, path, flags, mode);
	track(fd, path);
	return fd;
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
	int	mode, fd;

	OPEN_MODE(flags, mode);
	fd = real_openat64(dirfd, path, flags, mode);
	track(fd, path);
	return fd;
}

int
close(int fd)
{
	if (flags_of(fd))
		track(fd, "");
	return real_close(fd);
}

static ssize_t
do_read(int fd, void *buf, size_t n, off_t off, int positioned, int is64)
{
	if (flags_of(fd) & F_EIO) {
		n = allowance(&readb, eio_after, n);
		if (n == 0)
			return inject(fd, EIO);
	}
	if (!positioned)
		return real_read(fd, buf, n);
	return is64 ? real_pread64(fd, buf, n, off) : real_pread(fd, buf, n,
	    off);
}

ssize_t
read(int fd, void *buf, size_t n)
{
	return do_read(fd, buf, n, 0, 0, 0);
}

ssize_t
pread(int fd, void *buf, size_t n, off_t off)
{
	return do_read(fd, buf, n, off, 1, 0);
}

ssize_t
pread64(int fd, void *buf, size_t n, off_t off)
{
	return do_read(fd, buf, n, off, 1, 1);
}

static ssize_t
do_write(int fd, const void *buf, size_t n, off_t off, int positioned,
    int is64)
{
	if ((flags_of(fd) & F_ENOSPC) && n > 0) {
		n = allowance(&written, enospc_after, n);
		if (n == 0) {
			atomic_store(&tripped, 1);
			return inject(fd, ENOSPC);
		}
	}
	if (!positioned)
		return real_write(fd, buf, n);
	return is64 ? real_pwrite64(fd, buf, n, off) : real_pwrite(fd, buf, n,
	    off);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	return do_write(fd, buf, n, 0, 0, 0);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return do_write(fd, buf, n, off, 1, 0);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	return do_write(fd, buf, n, off, 1, 1);
}

int
fsync(int fd)
{
	if ((flags_of(fd) & F_ENOSPC) && atomic_load(&tripped))
		return inject(fd, ENOSPC);
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	if ((flags_of(fd) & F_ENOSPC) && atomic_load(&tripped))
		return inject(fd, ENOSPC);
	return real_fdatasync(fd);
}

/* stdio on a matching file: a cookie stream over the wrappers above. */
static ssize_t
ck_read(void *c, char *buf, size_t n)
{
	return read((int)(intptr_t)c, buf, n);
}

static ssize_t
ck_write(void *c, const char *buf, size_t n)
{
	ssize_t	w = write((int)(intptr_t)c, buf, n);

	/* fopencookie wants 0, not -1, for a failed write. */
	return w < 0 ? 0 : w;
}

static int
ck_seek(void *c, off64_t *off, int whence)
{
	off64_t	r = lseek64((int)(intptr_t)c, *off, whence);

	if (r == -1)
		return -1;
	*off = r;
	return 0;
}

static int
ck_close(void *c)
{
	return close((int)(intptr_t)c);
}

static FILE *
cookie_stream(int fd, const char *mode)
{
	cookie_io_functions_t	io = { ck_read, ck_write, ck_seek, ck_close };

	return fopencookie((void *)(intptr_t)fd, mode, io);
}

/* open(2) flags for an fopen mode. */
static int
mode_flags(const char *mode)
{
	int	f;

	switch (mode[0]) {
	case 'r':
		f = strchr(mode, '+') ? O_RDWR : O_RDONLY;
		break;
	case 'w':
		f = (strchr(mode, '+') ? O_RDWR : O_WRONLY) | O_CREAT |
		    O_TRUNC;
		break;
	default:
		f = (strchr(mode, '+') ? O_RDWR : O_WRONLY) | O_CREAT |
		    O_APPEND;
		break;
	}
	if (strchr(mode, 'e'))
		f |= O_CLOEXEC;
	if (strchr(mode, 'x'))
		f |= O_EXCL;
	return f;
}

static FILE *
do_fopen(const char *path, const char *mode, FILE *(*real)(const char *,
    const char *))
{
	FILE	*fp;
	int	 fd;

	if (path_flags(path) == 0)
		return real(path, mode);
	if ((fd = open(path, mode_flags(mode), 0666)) == -1)
		return NULL;
	if ((fp = cookie_stream(fd, mode)) == NULL)
		close(fd);
	return fp;
}

FILE *
fopen(const char *path, const char *mode)
{
	return do_fopen(path, mode, real_fopen);
}

FILE *
fopen64(const char *path, const char *mode)
{
	return do_fopen(path, mode, real_fopen64);
}

FILE *
fdopen(int fd, const char *mode)
{
	if (flags_of(fd) == 0)
		return real_fdopen(fd, mode);
	return cookie_stream(fd, mode);
}
