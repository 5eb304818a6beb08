/*
 * tests/bench/bench.h: what the benchmark programs share.
 */
#ifndef TESTS_BENCH_H
#define TESTS_BENCH_H

#include <time.h>

/* Seconds on the monotonic clock. */
static inline double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * CPU seconds used by the calling thread: steadier than the wall clock on
 * a machine shared with other work, for single-threaded timings.
 */
static inline double
bench_cpu(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif
