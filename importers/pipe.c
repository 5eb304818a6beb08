/*
 * importers/pipe.c: the work pipeline of import and scan (see pipe.h).
 * One mutex guards the counters and the done flags; taking it after a
 * worker fills an item and before the writer reads it is what hands the
 * results over.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pipe.h"
#include "../lib/err.h"

struct pipe_thread {
	struct pipe	*p;
	int		 index;
	pthread_t	 th;
};

/* A worker: takes released items in order until pipe_stop(). */
static void *
pipe_worker(void *arg)
{
	struct pipe_thread	*t = arg;
	struct pipe		*p = t->p;
	size_t			 i;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next >= p->released)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->stop)
			break;
		/*
		 * An item more than a window behind the last released one
		 * has been waited for, and its slot now belongs to a later
		 * item: never look at it (its done flag is no longer its
		 * own).  Items released with nothing to do are skipped.
		 */
		if (p->released > p->window &&
		    p->next < p->released - p->window)
			p->next = p->released - p->window;
		i = p->next++;
		if (p->done[i % p->window])
			continue;
		pthread_mutex_unlock(&p->mu);
		p->work(p->arg, t->index, i);
		pthread_mutex_lock(&p->mu);
		p->done[i % p->window] = 1;
		pthread_cond_signal(&p->done_cv);	/* one waiter: the writer */
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* See pipe.h. */
void
pipe_start(struct pipe *p, int jobs, pipe_work_fn *work, void *arg)
{
	int	i;

	memset(p, 0, sizeof *p);
	p->work = work;
	p->arg = arg;
	p->jobs = jobs < 1 ? 1 : jobs > PIPE_MAX_JOBS ? PIPE_MAX_JOBS : jobs;
	p->window = p->jobs > 1 ? PIPE_WINDOW : 1;
	p->done = xcalloc(p->window, 1);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	if (p->jobs == 1)
		return;
	/*
	 * libarchive converts zip times with mktime(); glibc guards its time
	 * zone state with a lock ThreadSanitizer cannot see.  Setting it up
	 * here, before the threads, keeps a TSan run quiet when TZ is set.
	 */
	tzset();
	p->th = xcalloc((size_t)p->jobs, sizeof *p->th);
	for (i = 0; i < p->jobs; i++) {
		p->th[i].p = p;
		p->th[i].index = i;
		if (pthread_create(&p->th[i].th, NULL, pipe_worker,
		    &p->th[i]) != 0)
			break;
		p->started++;
	}
}

/* See pipe.h. */
size_t
pipe_window(const struct pipe *p)
{
	return p->window;
}

/* See pipe.h. */
void
pipe_release(struct pipe *p, size_t i, int work)
{
	if (i != p->released)
		BUG("pipe: item %zu released out of order", i);
	if (p->started == 0) {
		p->done[i % p->window] = !work;
		p->released = i + 1;
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->done[i % p->window] = !work;
	p->released = i + 1;
	if (work)
		pthread_cond_signal(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
}

/* See pipe.h. */
void
pipe_wait(struct pipe *p, size_t i)
{
	if (i >= p->released)
		BUG("pipe: item %zu waited for before its release", i);
	if (p->started == 0) {
		/* No workers (one job, or none could start): do it here. */
		if (!p->done[i % p->window])
			p->work(p->arg, 0, i);
		return;
	}
	pthread_mutex_lock(&p->mu);
	while (!p->done[i % p->window])
		pthread_cond_wait(&p->done_cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

/* See pipe.h. */
void
pipe_stop(struct pipe *p)
{
	int	i;

	if (p->done == NULL)
		return;			/* never started, or stopped */
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->started; i++)
		pthread_join(p->th[i].th, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work_cv);
	pthread_cond_destroy(&p->done_cv);
	free(p->th);
	free(p->done);
	p->th = NULL;
	p->done = NULL;
	p->started = 0;
}
