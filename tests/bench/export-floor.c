/*
 * tests/bench/export-floor.c: the floor for the export benchmark: a minimal
 * loop doing only the unavoidable work of an export to 224x224 JPEGs with
 * the same image/ code, no catalog, no split, no manifests.  For each file:
 * read, decode to RGB, take the centred 1:1 region (IMG_CROP_CENTER),
 * resize it by area averaging to 224x224 (in place: the region is read
 * from the decoded image, with a resizer and an output buffer kept per
 * thread, as maskcat export does), encode as JPEG quality 90 in memory,
 * write the bytes to OUTDIR/<n>.jpg (n: the line number from 0).
 * Usage: export-floor [--jobs N] LISTFILE OUTDIR (one path per line; N
 * threads, default the number of online cores; files handed out by an
 * atomic counter).  OUTDIR is created if absent.  Prints "N files" (and
 * on stderr how many failed, with the first reason, if any did).  EXIF
 * orientation is not applied: the synthetic photos carry none.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/err.h"
#include "../../image/image.h"

#define SIDE	 224
#define QUALITY	 90
#define MAXJOBS	 256

struct work {
	char		**paths;
	size_t		  npaths;
	const char	 *outdir;
	atomic_size_t	  next;		/* the next file to hand out */
	atomic_long	  failed;
	pthread_mutex_t	  lock;		/* guards why */
	char		  why[IMG_REASON_MAX + 4096];	/* the first failure */
};

static void
work_fail(struct work *w, const char *path, const char *why)
{
	atomic_fetch_add(&w->failed, 1);
	pthread_mutex_lock(&w->lock);
	if (w->why[0] == '\0')
		snprintf(w->why, sizeof w->why, "'%s': %s", path, why);
	pthread_mutex_unlock(&w->lock);
}

/* Writes len bytes to 'path'; returns 0, or -1 with a reason in why. */
static int
write_bytes(const char *path, const unsigned char *buf, size_t len,
    char *why)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1) {
		snprintf(why, IMG_REASON_MAX, "cannot create: %s",
		    strerror(errno));
		return -1;
	}
	while (len > 0) {
		if ((n = write(fd, buf, len)) < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			break;
		}
		buf += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0 || len > 0) {
		snprintf(why, IMG_REASON_MAX, "cannot write: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* One file through the whole chain; returns 0, or -1 with a reason. */
static int
export_one(const char *src, const char *dst, struct img_resizer *rz,
    unsigned char *out, char *why)
{
	struct img_rect	 r;
	unsigned char	*data = NULL, *rgb = NULL, *jpg = NULL;
	size_t		 len, jlen;
	int		 w, h, rc = -1;

	if (img_read_file(src, &data, &len, why) != 0 ||
	    img_decode_rgb(data, len, &rgb, &w, &h, why) != 0)
		goto out;
	r = img_crop_rect(w, h, IMG_CROP_CENTER, NULL, 0, SIDE, SIDE);
	img_resizer_run(rz, rgb + ((size_t)r.y0 * w + r.x0) * 3, r.x1 - r.x0,
	    r.y1 - r.y0, (size_t)w * 3, out, SIDE, SIDE);
	if (img_encode_mem(IMG_JPEG, out, SIDE, SIDE, QUALITY, &jpg, &jlen,
	    why) != 0)
		goto out;
	rc = write_bytes(dst, jpg, jlen, why);
out:
	free(jpg);
	free(rgb);
	free(data);
	return rc;
}

static void *
worker(void *arg)
{
	struct work		*w = arg;
	struct img_resizer	*rz = img_resizer_new();
	unsigned char		*out = xmalloc((size_t)SIDE * SIDE * 3);
	char			*dst, why[IMG_REASON_MAX];
	size_t			 i;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->npaths) {
		dst = xasprintf("%s/%zu.jpg", w->outdir, i);
		why[0] = '\0';
		if (export_one(w->paths[i], dst, rz, out, why) != 0)
			work_fail(w, w->paths[i], why);
		free(dst);
	}
	free(out);
	img_resizer_free(rz);
	return NULL;
}

/* Reads LISTFILE into w->paths; returns 0, or -1 after reporting. */
static int
read_list(const char *list, struct work *w)
{
	char	 line[4096];
	size_t	 cap = 0;
	FILE	*fp;

	if ((fp = fopen(list, "r")) == NULL) {
		fprintf(stderr, "export-floor: cannot open '%s': %s\n", list,
		    strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0')
			continue;
		if (w->npaths == cap) {
			cap = cap ? cap * 2 : 1024;
			w->paths = xrealloc(w->paths, cap * sizeof *w->paths);
		}
		w->paths[w->npaths++] = xstrdup(line);
	}
	fclose(fp);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: export-floor [--jobs N] LISTFILE OUTDIR\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static struct work	 w;
	pthread_t		 tid[MAXJOBS];
	long			 jobs = sysconf(_SC_NPROCESSORS_ONLN);
	char			*end;
	size_t			 i;
	int			 t, err;

	if (argc == 5 && strcmp(argv[1], "--jobs") == 0) {
		errno = 0;
		jobs = strtol(argv[2], &end, 10);
		if (errno != 0 || *end != '\0' || jobs < 1 || jobs > MAXJOBS)
			return usage();
		argv += 2;
		argc -= 2;
	}
	if (argc != 3)
		return usage();
	if (jobs < 1)
		jobs = 1;
	if (jobs > MAXJOBS)
		jobs = MAXJOBS;
	w.outdir = argv[2];
	atomic_init(&w.next, 0);
	atomic_init(&w.failed, 0);
	pthread_mutex_init(&w.lock, NULL);
	if (read_list(argv[1], &w) != 0)
		return 1;
	if (mkdir(w.outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "export-floor: cannot create '%s': %s\n",
		    w.outdir, strerror(errno));
		return 1;
	}
	for (t = 0; t < jobs; t++)
		if ((err = pthread_create(&tid[t], NULL, worker, &w)) != 0) {
			fprintf(stderr, "export-floor: cannot start thread: %s\n",
			    strerror(err));
			return 1;
		}
	for (t = 0; t < jobs; t++)
		pthread_join(tid[t], NULL);
	printf("%zu files\n", w.npaths);
	if (atomic_load(&w.failed) > 0) {
		fprintf(stderr, "export-floor: %ld failed, first %s\n",
		    (long)atomic_load(&w.failed), w.why);
		return 1;
	}
	for (i = 0; i < w.npaths; i++)
		free(w.paths[i]);
	free(w.paths);
	pthread_mutex_destroy(&w.lock);
	return 0;
}
