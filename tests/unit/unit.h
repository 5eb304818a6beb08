/*
 * tests/unit/unit.h: a tiny TAP harness for unit tests of pure functions.
 *   CHECK(cond); CHECK_STR(got, want); CHECK_INT(got, want); return unit_done();
 */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <stdio.h>
#include <string.h>

static int	unit_n, unit_failed;

static void
unit_check(int ok, const char *what, const char *file, int line)
{
	unit_n++;
	if (ok)
		printf("ok %d - %s\n", unit_n, what);
	else {
		printf("not ok %d - %s (%s:%d)\n", unit_n, what, file, line);
		unit_failed++;
	}
}

#define CHECK(c)	unit_check((c) != 0, #c, __FILE__, __LINE__)
#define CHECK_INT(got, want) do {					\
	long long g_ = (got), w_ = (want);				\
	if (g_ != w_)							\
		printf("# %s: got %lld, want %lld\n", #got, g_, w_);	\
	unit_check(g_ == w_, #got " == " #want, __FILE__, __LINE__);	\
} while (0)
#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int ok_ = g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0;	\
	if (!ok_)							\
		printf("# %s: got '%s', want '%s'\n", #got,		\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
	unit_check(ok_, #got " == " #want, __FILE__, __LINE__);		\
} while (0)

static int
unit_done(void)
{
	printf("1..%d\n", unit_n);
	return unit_failed != 0;
}

#endif
