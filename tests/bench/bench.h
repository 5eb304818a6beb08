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

#endif
