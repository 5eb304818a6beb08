/*
 * Unit tests for lib/progress.c: the formatted line (bar width,
 * percentage, rate, ETA as m:ss and h:mm:ss, unknown total, narrow
 * terminals), the counter under two threads, the drawn output when
 * forced on, the clearing before a message, and --quiet.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "../../lib/err.h"
#include "../../lib/progress.h"

#define PER_THREAD	100000

static char	line[512];

static const char *
fmt(const char *label, long done, long total, double elapsed, int width,
    int final)
{
	size_t	n = progress_format(line, sizeof line, label, done, total,
		    elapsed, width, final);

	if (n != strlen(line))
		printf("# length %zu, strlen %zu\n", n, strlen(line));
	return line;
}

static void
test_format(void)
{
	/* 79 columns: a 28-column bar, 12 of them full (44.6%). */
	CHECK_STR(fmt("import base", 8432, 18900, 13.78, 80, 0),
	    "import base  [############................]   8432/18900   44%"
	    "  612/s  ETA 0:17");
	CHECK_INT(strlen(line), 79);
	/* Wide: the bar stops at 30 columns. */
	CHECK_STR(fmt("import base", 8432, 18900, 13.78, 200, 0),
	    "import base  [#############.................]   8432/18900   44%"
	    "  612/s  ETA 0:17");
	/* h:mm:ss from an hour; a rate from 10/s has no decimals. */
	CHECK_STR(fmt("scan", 100, 100000, 10, 80, 0),
	    "scan  [..............................]     100/100000    0%"
	    "  10/s  ETA 2:46:30");
	/* Slow: one decimal. */
	CHECK_STR(fmt("export", 5, 10, 2, 80, 0),
	    "export  [###############...............]   5/10   50%  2.5/s"
	    "  ETA 0:02");
	/* Nothing done yet: no ETA. */
	CHECK_STR(fmt("a", 0, 50, 0, 80, 0),
	    "a  [..............................]   0/50    0%  0.0/s"
	    "  ETA -:--");
	/* All done but not final: ETA 0:00, a full bar. */
	CHECK_STR(fmt("a", 50, 50, 1, 80, 0),
	    "a  [##############################]  50/50  100%  50/s"
	    "  ETA 0:00");
	/* The final line: the elapsed time instead of the ETA. */
	CHECK_STR(fmt("export", 210, 210, 61.2, 80, 1),
	    "export  [##############################]  210/210  100%  3.4/s"
	    "  in 1:01");
	/* 79 - 14 - 6 - 34 columns: a 25-column bar. */
	CHECK_STR(fmt("audit features", 9000, 9000, 3725, 80, 1),
	    "audit features  [#########################]  9000/9000"
	    "  100%  2.4/s  in 1:02:05");
	/* Unknown total: count and rate only; the final line adds the time. */
	CHECK_STR(fmt("import folder", 1234, 0, 2, 80, 0),
	    "import folder  1234  617/s");
	CHECK_STR(fmt("import folder", 1234, 0, 2, 80, 1),
	    "import folder  1234  617/s  in 0:02");
}

static void
test_narrow(void)
{
	/* 61 columns leave 60: a 10-column bar fits. */
	CHECK_STR(fmt("import base", 8432, 18900, 13.78, 62, 0),
	    "import base  [####......]   8432/18900   44%  612/s  ETA 0:17");
	/* One less: no bar. */
	CHECK_STR(fmt("import base", 8432, 18900, 13.78, 61, 0),
	    "import base   8432/18900   44%  612/s  ETA 0:17");
	/* No room for the label: the numbers alone. */
	CHECK_STR(fmt("import base", 8432, 18900, 13.78, 45, 0),
	    "8432/18900   44%  612/s  ETA 0:17");
	/* Tiny: cut, never wider than width - 1. */
	CHECK_STR(fmt("import base", 8432, 18900, 13.78, 20, 0),
	    "8432/18900   44%  6");
	CHECK_STR(fmt("import base", 8432, 18900, 13.78, 1, 0), "");
	/* A short buffer is cut and stays terminated. */
	progress_format(line, 8, "import base", 1, 2, 1, 80, 0);
	CHECK_STR(line, "import ");
}

static void *
adder(void *arg)
{
	struct progress	*p = arg;
	int		 i;

	for (i = 0; i < PER_THREAD; i++)
		progress_add(p, 1);
	return NULL;
}

/* Two threads add at once, bar forced on: the count is exact. */
static void
test_threads(const char *tmp)
{
	struct progress	 p;
	pthread_t	 th;
	FILE		*fp;
	char		 buf[1 << 16];
	size_t		 n;

	setenv("MASKCAT_PROGRESS", "1", 1);
	CHECK(freopen(tmp, "w", stderr) != NULL);
	progress_start(&p, "two", 2 * PER_THREAD);
	CHECK(p.enabled);
	CHECK(pthread_create(&th, NULL, adder, &p) == 0);
	adder(&p);
	pthread_join(th, NULL);
	CHECK_INT(progress_count(&p), 2 * PER_THREAD);
	progress_done(&p);
	progress_done(&p);		/* the second call does nothing */
	fflush(stderr);
	fp = fopen(tmp, "r");
	n = fp != NULL ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	buf[n] = '\0';
	if (fp != NULL)
		fclose(fp);
	CHECK(n > 0 && buf[0] == '\r');
	CHECK(strstr(buf, "200000/200000  100%") != NULL);
	CHECK(strstr(buf, "  in 0:") != NULL);
	CHECK(n >= 4 && strcmp(buf + n - 4, "\033[K\n") == 0);
	/* One newline, at the end: every other line was redrawn in place. */
	CHECK(strchr(buf, '\n') == buf + n - 1);
}

/* A message while the bar is shown clears its line first. */
static void
test_message(const char *tmp)
{
	struct progress	 p;
	FILE		*fp;
	char		 buf[4096];
	size_t		 n;

	setenv("MASKCAT_PROGRESS", "1", 1);
	CHECK(freopen(tmp, "w", stderr) != NULL);
	progress_start(&p, "msg", 2);
	progress_add(&p, 1);		/* the first add draws */
	note("hello");
	progress_add(&p, 1);		/* drawn again below the note */
	progress_done(&p);
	fflush(stderr);
	fp = fopen(tmp, "r");
	n = fp != NULL ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	buf[n] = '\0';
	if (fp != NULL)
		fclose(fp);
	CHECK(strncmp(buf, "\rmsg  [", 7) == 0);
	CHECK(strstr(buf, "\033[K\r\033[Kmaskcat: hello\n\rmsg  [") != NULL);
	CHECK(strstr(buf, "2/2  100%") != NULL);
}

/* Off: forced off, or --quiet even when forced on.  Nothing printed. */
static void
test_off(const char *tmp)
{
	struct progress	 p;
	FILE		*fp;
	long		 size;

	CHECK(freopen(tmp, "w", stderr) != NULL);
	setenv("MASKCAT_PROGRESS", "0", 1);
	CHECK(!progress_enabled());
	progress_start(&p, "off", 3);
	progress_add(&p, 3);
	progress_done(&p);
	setenv("MASKCAT_PROGRESS", "1", 1);
	err_quiet = 1;
	CHECK(!progress_enabled());
	progress_start(&p, "quiet", 3);
	progress_add(&p, 3);
	CHECK_INT(progress_count(&p), 3);
	progress_done(&p);
	err_quiet = 0;
	/* A zeroed bar was never started: done does nothing. */
	memset(&p, 0, sizeof p);
	progress_add(&p, 1);
	progress_done(&p);
	progress_add(NULL, 1);
	progress_done(NULL);
	fflush(stderr);
	fp = fopen(tmp, "r");
	CHECK(fp != NULL && fseek(fp, 0, SEEK_END) == 0);
	size = fp != NULL ? ftell(fp) : -1;
	CHECK_INT(size, 0);
	if (fp != NULL)
		fclose(fp);
}

int
main(void)
{
	char	tmp[] = "/tmp/t-progress.XXXXXX";
	int	fd = mkstemp(tmp);

	CHECK(fd >= 0);
	close(fd);
	test_format();
	test_narrow();
	test_threads(tmp);
	test_message(tmp);
	test_off(tmp);
	unlink(tmp);
	return unit_done();
}
