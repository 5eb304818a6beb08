/*
 * tests/bench/mkset.c: the class-folder sets of the benchmark, laid out as
 * a Kaggle class-folder set (vijaykumar1799/face-mask-detection:
 * <root>/{with_mask,without_mask,mask_weared_incorrect}/<n>.<ext>).
 *
 *	mkset classes LISTFILE OUT
 *	    hard-links every file of LISTFILE (synthetic base-layout photos,
 *	    one path a line) to OUT/<class>/<n>.<ext>, n the line number from
 *	    0, the class from the photo's name: mask1-5 with_mask,
 *	    incorrect_mask mask_weared_incorrect, normal without_mask.  No
 *	    pixel is copied: the files are the photos themselves.
 *
 *	mkset tiny OUT N [--also OUT2 M] [--seed S] [--min A] [--max B]
 *	    [--jobs J]
 *	    writes N distinct small JPEGs (quality 90), each A..B pixels a
 *	    side (default 32..64, drawn per image), to OUT/<class>/<n>.jpg
 *	    (classes drawn 60/30/10%); a seeded gradient, a few ellipses and
 *	    pixel noise, so no two files share their bytes and the decoder
 *	    has real work.  With --also, the first M files are also
 *	    hard-linked into OUT2 (the same layout): a subset made of the
 *	    same files.  J threads (default 2).
 *
 * Prints what it wrote.  OUT (and OUT2) must not exist yet.  Exit 0, 1 on
 * any failure (reported), 2 on usage errors.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../image/image.h"
#include "../../lib/err.h"
#include "../../lib/rng.h"

#define MAXJOBS	16

static const char *const classes[] = {
	"with_mask", "without_mask", "mask_weared_incorrect"
};

static int
usage(void)
{
	fprintf(stderr, "usage: mkset classes LISTFILE OUT\n"
	    "       mkset tiny OUT N [--also OUT2 M] [--seed S] [--min A]"
	    " [--max B] [--jobs J]\n");
	return 2;
}

/* Creates OUT and its class folders; 0, or -1 after reporting. */
static int
make_layout(const char *out)
{
	char	*d;
	size_t	 c;

	if (mkdir(out, 0777) != 0)
		return error_errno("cannot create '%s'", out);
	for (c = 0; c < 3; c++) {
		d = xasprintf("%s/%s", out, classes[c]);
		if (mkdir(d, 0777) != 0) {
			error_errno("cannot create '%s'", d);
			free(d);
			return -1;
		}
		free(d);
	}
	return 0;
}

/* The class of a synthetic photo from its file name; -1 if none. */
static int
photo_class(const char *path, const char **ext)
{
	const char	*base = strrchr(path, '/');
	size_t		 n;

	base = base != NULL ? base + 1 : path;
	*ext = strrchr(base, '.');
	if (*ext == NULL)
		return -1;
	n = (size_t)(*ext - base);
	if (n == 5 && strncmp(base, "mask", 4) == 0 && base[4] >= '1' &&
	    base[4] <= '5')
		return 0;
	if (n == 6 && strncmp(base, "normal", 6) == 0)
		return 1;
	if (n == 14 && strncmp(base, "incorrect_mask", 14) == 0)
		return 2;
	return -1;
}

static int
mk_classes(const char *list, const char *out)
{
	const char	*ext;
	char		 line[4096], *dst;
	FILE		*fp;
	long		 n = 0, per[3] = { 0, 0, 0 };
	int		 c;

	if ((fp = fopen(list, "r")) == NULL)
		return error_errno("cannot open '%s'", list);
	if (make_layout(out) != 0) {
		fclose(fp);
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0')
			continue;
		if ((c = photo_class(line, &ext)) < 0) {
			fclose(fp);
			return error("'%s': not a base-layout photo name",
			    line);
		}
		dst = xasprintf("%s/%s/%06ld%s", out, classes[c], n, ext);
		if (link(line, dst) != 0) {
			error_errno("cannot link '%s' to '%s'", line, dst);
			free(dst);
			fclose(fp);
			return -1;
		}
		free(dst);
		per[c]++;
		n++;
	}
	fclose(fp);
	printf("mkset: %ld photos linked into '%s' (%s %ld, %s %ld, %s %ld)\n",
	    n, out, classes[0], per[0], classes[1], per[1], classes[2],
	    per[2]);
	return 0;
}

struct tiny {
	const char	*out, *also;
	long		 n, also_n;
	int		 min, max;
	uint64_t	 seed;
	atomic_long	 next;
	atomic_long	 failed;
	atomic_llong	 bytes;
};

/* Draws image i (deterministic for seed and i) into *rgb; sets w, h. */
static unsigned char *
draw(const struct tiny *t, long i, int *wp, int *hp, int *cls)
{
	uint64_t	 st = t->seed * 0x9e3779b97f4a7c15u + (uint64_t)i;
	unsigned char	*rgb, *p;
	double		 c0[3], c1[3], dx, dy, cx, cy, rx, ry, e, g;
	int		 w, h, x, y, k, ne, col[3], r;

	w = t->min + (int)(splitmix64(&st) % (uint64_t)(t->max - t->min + 1));
	h = t->min + (int)(splitmix64(&st) % (uint64_t)(t->max - t->min + 1));
	r = (int)(splitmix64(&st) % 10);
	*cls = r < 6 ? 0 : r < 9 ? 1 : 2;
	rgb = xmallocarray((size_t)w * h, 3);
	for (k = 0; k < 3; k++) {
		c0[k] = (double)(splitmix64(&st) % 256);
		c1[k] = (double)(splitmix64(&st) % 256);
	}
	dx = (double)(splitmix64(&st) % 1000) / 1000.0;
	dy = 1.0 - dx;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			g = (dx * x / w + dy * y / h);
			p = rgb + ((size_t)y * w + x) * 3;
			for (k = 0; k < 3; k++)
				p[k] = (unsigned char)(c0[k] + (c1[k] - c0[k]) * g);
		}
	ne = 2 + (int)(splitmix64(&st) % 5);
	while (ne-- > 0) {
		cx = (double)(splitmix64(&st) % (uint64_t)w);
		cy = (double)(splitmix64(&st) % (uint64_t)h);
		rx = 2 + (double)(splitmix64(&st) % (uint64_t)(w / 2));
		ry = 2 + (double)(splitmix64(&st) % (uint64_t)(h / 2));
		for (k = 0; k < 3; k++)
			col[k] = (int)(splitmix64(&st) % 256);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				e = (x - cx) * (x - cx) / (rx * rx) +
				    (y - cy) * (y - cy) / (ry * ry);
				if (e > 1)
					continue;
				p = rgb + ((size_t)y * w + x) * 3;
				for (k = 0; k < 3; k++)
					p[k] = (unsigned char)col[k];
			}
	}
	/* Noise of +-8 on every channel: every file its own bytes. */
	for (k = 0; k < w * h * 3; k++) {
		r = rgb[k] + (int)(splitmix64(&st) % 17) - 8;
		rgb[k] = (unsigned char)(r < 0 ? 0 : r > 255 ? 255 : r);
	}
	*wp = w;
	*hp = h;
	return rgb;
}

static int
write_file(const char *path, const unsigned char *buf, size_t len)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL)
		return error_errno("cannot create '%s'", path);
	if (fwrite(buf, 1, len, fp) != len) {
		fclose(fp);
		return error_errno("cannot write '%s'", path);
	}
	if (fclose(fp) != 0)
		return error_errno("cannot write '%s'", path);
	return 0;
}

static void *
tiny_worker(void *arg)
{
	struct tiny	*t = arg;
	unsigned char	*rgb, *jpg;
	char		*dst, *dst2, why[IMG_REASON_MAX];
	size_t		 len;
	long		 i;
	int		 w, h, cls;

	while ((i = atomic_fetch_add(&t->next, 1)) < t->n) {
		rgb = draw(t, i, &w, &h, &cls);
		if (img_encode_mem(IMG_JPEG, rgb, w, h, 90, &jpg, &len,
		    why) != 0) {
			error("image %ld: %s", i, why);
			atomic_fetch_add(&t->failed, 1);
			free(rgb);
			continue;
		}
		dst = xasprintf("%s/%s/%07ld.jpg", t->out, classes[cls], i);
		if (write_file(dst, jpg, len) != 0)
			atomic_fetch_add(&t->failed, 1);
		else if (t->also != NULL && i < t->also_n) {
			dst2 = xasprintf("%s/%s/%07ld.jpg", t->also,
			    classes[cls], i);
			if (link(dst, dst2) != 0) {
				error_errno("cannot link '%s' to '%s'", dst,
				    dst2);
				atomic_fetch_add(&t->failed, 1);
			}
			free(dst2);
		}
		atomic_fetch_add(&t->bytes, (long long)len);
		free(dst);
		free(jpg);
		free(rgb);
	}
	return NULL;
}

static int
num(const char *s, long lo, long hi, long *v)
{
	char	*end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && end != s && *v >= lo && *v <= hi;
}

static int
mk_tiny(int argc, char **argv)
{
	static struct tiny	 t;
	pthread_t		 tid[MAXJOBS];
	long			 v, jobs = 2;
	int			 i, j;

	if (argc < 2)
		return usage();
	t.out = argv[0];
	if (!num(argv[1], 1, 10000000, &t.n))
		return usage();
	t.min = 32;
	t.max = 64;
	t.seed = 1;
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--also") == 0 && i + 2 < argc &&
		    num(argv[i + 2], 0, t.n, &t.also_n)) {
			t.also = argv[i + 1];
			i += 2;
		} else if (i + 1 >= argc)
			return usage();
		else if (strcmp(argv[i], "--seed") == 0 &&
		    num(argv[i + 1], 0, 1L << 40, &v))
			t.seed = (uint64_t)v, i++;
		else if (strcmp(argv[i], "--min") == 0 &&
		    num(argv[i + 1], 8, 4096, &v))
			t.min = (int)v, i++;
		else if (strcmp(argv[i], "--max") == 0 &&
		    num(argv[i + 1], 8, 4096, &v))
			t.max = (int)v, i++;
		else if (strcmp(argv[i], "--jobs") == 0 &&
		    num(argv[i + 1], 1, MAXJOBS, &jobs))
			i++;
		else
			return usage();
	}
	if (t.max < t.min)
		return usage();
	if (make_layout(t.out) != 0 ||
	    (t.also != NULL && make_layout(t.also) != 0))
		return 1;
	atomic_init(&t.next, 0);
	atomic_init(&t.failed, 0);
	atomic_init(&t.bytes, 0);
	for (j = 1; j < jobs; j++)
		if (pthread_create(&tid[j], NULL, tiny_worker, &t) != 0)
			die("cannot start a thread");
	tiny_worker(&t);
	for (j = 1; j < jobs; j++)
		pthread_join(tid[j], NULL);
	if (atomic_load(&t.failed) > 0) {
		error("%ld images failed", (long)atomic_load(&t.failed));
		return 1;
	}
	printf("mkset: %ld images of %d..%d pixels a side, %lld bytes, in '%s'",
	    t.n, t.min, t.max, (long long)atomic_load(&t.bytes), t.out);
	if (t.also != NULL)
		printf("; the first %ld also in '%s'", t.also_n, t.also);
	printf("\n");
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "classes") == 0)
		return mk_classes(argv[2], argv[3]) == 0 ? 0 : 1;
	if (argc >= 4 && strcmp(argv[1], "tiny") == 0)
		return mk_tiny(argc - 2, argv + 2);
	return usage();
}
