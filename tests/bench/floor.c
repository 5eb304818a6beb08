/*
 * tests/bench/floor.c: the floor for the import and scan benchmarks: a
 * minimal loop doing only the unavoidable work of an import (read each
 * file, hash it, decode it to validate) with the same image/ code, and no
 * catalog.
 * Usage: floor [--measure] [--jobs N] LISTFILE (one path per line).
 * Prints "N files, M refused".
 * With --measure the loop also computes the quality measures (the same
 * img_probe_measure() as maskcat import and maskcat scan), so the two runs
 * show what the measures cost, and it is the floor of "maskcat scan".
 * With --jobs N, N threads take the files from an atomic counter (default
 * 1: the one-thread loop).  The list is read into memory first.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../image/image.h"
#include "../../lib/err.h"

#define MAXJOBS	64

struct work {
	char		**paths;
	size_t		  npaths;
	int		  measure;
	atomic_size_t	  next;		/* the next file to hand out */
	atomic_long	  bad;
};

static void *
worker(void *arg)
{
	struct work		*w = arg;
	struct img_measures	 m;
	struct img_info		 info;
	unsigned char		*data;
	char			 why[IMG_REASON_MAX];
	size_t			 i, len;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->npaths) {
		if (img_read_file(w->paths[i], &data, &len, why) != 0 ||
		    img_probe_measure(data, len, &info, w->measure ? &m : NULL,
		    why) != 0)
			atomic_fetch_add(&w->bad, 1);
		free(data);
	}
	return NULL;
}

static int
usage(void)
{
	fprintf(stderr, "usage: floor [--measure] [--jobs N] LISTFILE\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static struct work	 w;
	pthread_t		 tid[MAXJOBS];
	char			 line[4096], *end;
	size_t			 cap = 0, i;
	long			 jobs = 1;
	FILE			*fp;
	int			 t;

	while (argc > 2 && strncmp(argv[1], "--", 2) == 0) {
		if (strcmp(argv[1], "--measure") == 0) {
			w.measure = 1;
			argv++;
			argc--;
		} else if (strcmp(argv[1], "--jobs") == 0 && argc > 3) {
			errno = 0;
			jobs = strtol(argv[2], &end, 10);
			if (errno != 0 || *end != '\0' || jobs < 1 ||
			    jobs > MAXJOBS)
				return usage();
			argv += 2;
			argc -= 2;
		} else
			return usage();
	}
	if (argc != 2 || (fp = fopen(argv[1], "r")) == NULL)
		return usage();
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0')
			continue;
		if (w.npaths == cap) {
			cap = cap ? cap * 2 : 1024;
			w.paths = xrealloc(w.paths, cap * sizeof *w.paths);
		}
		w.paths[w.npaths++] = xstrdup(line);
	}
	fclose(fp);
	atomic_init(&w.next, 0);
	atomic_init(&w.bad, 0);
	for (t = 1; t < jobs; t++)
		if (pthread_create(&tid[t], NULL, worker, &w) != 0) {
			fprintf(stderr, "floor: cannot start a thread\n");
			return 1;
		}
	worker(&w);
	for (t = 1; t < jobs; t++)
		pthread_join(tid[t], NULL);
	printf("%zu files, %ld refused\n", w.npaths,
	    (long)atomic_load(&w.bad));
	for (i = 0; i < w.npaths; i++)
		free(w.paths[i]);
	free(w.paths);
	return 0;
}
