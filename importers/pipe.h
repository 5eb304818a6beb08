/*
 * importers/pipe.h: the work pipeline of import and scan.  Items are
 * numbered 0..n-1; the calling thread (the writer) releases them in order,
 * N worker threads do the costly part (read, hash, probe, measure) of any
 * released item, and the writer waits for each in order and writes it.
 * The writer may release at most a window of items ahead of the one it
 * writes, so the memory in flight is bounded.  With one job there are no
 * threads: pipe_wait() does the work in the writer's thread.
 */
#ifndef IMPORTERS_PIPE_H
#define IMPORTERS_PIPE_H

#include <pthread.h>
#include <stddef.h>

#define PIPE_MAX_JOBS	64
#define PIPE_WINDOW	1024	/* items in flight: 4 batches of 256 */

/*
 * The work of item i, run by worker 'thread' (0..jobs-1) or, with one
 * job, by the writer (thread 0).  It must not print nor touch the catalog:
 * it keeps its results (and its failure reasons) for the writer.
 */
typedef void	pipe_work_fn(void *arg, int thread, size_t i);

struct pipe {
	pthread_mutex_t	 mu;
	pthread_cond_t	 work_cv;	/* an item was released, or stop */
	pthread_cond_t	 done_cv;	/* an item was done */
	pipe_work_fn	*work;
	void		*arg;
	unsigned char	*done;		/* per window slot, under mu (with
					 * no workers: "nothing to do") */
	size_t		 window;	/* 1 with one job */
	size_t		 released;	/* items 0..released-1 are released */
	size_t		 next;		/* the next item a worker takes */
	int		 stop;
	int		 jobs, started;
	struct pipe_thread *th;
};

/*
 * Starts 'jobs' workers (1..PIPE_MAX_JOBS; 1: none) calling work(arg, ...).
 * A thread that cannot be started leaves fewer workers (at least one
 * runs: the writer itself when none could).  Stop with pipe_stop().
 */
void	pipe_start(struct pipe *, int jobs, pipe_work_fn *work, void *arg);
/* How many items the writer may release beyond the one it waits for. */
size_t	pipe_window(const struct pipe *);
/*
 * Releases item i to the workers; items are released in order, from 0,
 * and i < (the item last waited for) + pipe_window().  The caller's
 * per-item inputs must be ready: this is the hand-over point.  With
 * 'work' 0 the item is done at once (nothing to read: e.g. a file the
 * catalog already knows) and no worker is woken for it.
 */
void	pipe_release(struct pipe *, size_t i, int work);
/*
 * Blocks until item i (released) is done; items are waited for in order.
 * After it returns the writer may read the item's results.
 */
void	pipe_wait(struct pipe *, size_t i);
/* Stops the workers (an item being worked on is finished) and joins them. */
void	pipe_stop(struct pipe *);

#endif
