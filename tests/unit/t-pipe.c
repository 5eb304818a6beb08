/*
 * tests/unit/t-pipe.c: the import/scan work pipeline hands every item's
 * results to the writer, whatever mix of items with and without work and
 * however late the workers wake (a slot is reused only by item i+window).
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../importers/pipe.h"

#define N	6000

struct run {
	size_t	*slot;		/* per window slot: the item last worked */
	int	*worked;	/* per item: times its work ran */
	size_t	 window;
};

static void
work(void *arg, int thread, size_t i)
{
	struct run	*r = arg;

	(void)thread;
	r->slot[i % r->window] = i;
	r->worked[i]++;
}

/* Runs N items; 'has_work(i)' says which need work.  0 if all was right. */
static int
run_pipe(int jobs, int (*has_work)(size_t), long *wrong, long *twice)
{
	struct pipe	p;
	struct run	r;
	size_t		i, rel;

	memset(&r, 0, sizeof r);
	pipe_start(&p, jobs, work, &r);
	r.window = pipe_window(&p);
	r.slot = calloc(r.window, sizeof *r.slot);
	r.worked = calloc(N, sizeof *r.worked);
	*wrong = *twice = 0;
	for (i = rel = 0; i < N; i++) {
		while (rel < N && rel < i + r.window) {
			if (has_work(rel))
				r.slot[rel % r.window] = (size_t)-1;
			pipe_release(&p, rel, has_work(rel));
			rel++;
		}
		pipe_wait(&p, i);
		if (has_work(i) && r.slot[i % r.window] != i)
			(*wrong)++;
	}
	pipe_stop(&p);
	for (i = 0; i < N; i++)
		if (r.worked[i] != (has_work(i) ? 1 : 0))
			(*twice)++;
	free(r.slot);
	free(r.worked);
	return *wrong != 0 || *twice != 0;
}

/* A rerun: the first 1,500 files known to the catalog, then new ones. */
static int
cached_head(size_t i)
{
	return i >= 1500;
}

/* Every third item known. */
static int
mixed(size_t i)
{
	return i % 3 != 0;
}

static int
all(size_t i)
{
	(void)i;
	return 1;
}

int
main(void)
{
	long	wrong, twice;
	int	jobs;

	for (jobs = 1; jobs <= 4; jobs++) {
		run_pipe(jobs, cached_head, &wrong, &twice);
		CHECK_INT(wrong, 0);
		CHECK_INT(twice, 0);
		run_pipe(jobs, mixed, &wrong, &twice);
		CHECK_INT(wrong, 0);
		CHECK_INT(twice, 0);
		run_pipe(jobs, all, &wrong, &twice);
		CHECK_INT(wrong, 0);
		CHECK_INT(twice, 0);
	}
	return unit_done();
}
