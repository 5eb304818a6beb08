/*
 * lib/progress.c: the progress bar (see progress.h).  Worker threads
 * only add to an atomic counter; the one that finds the redraw due
 * claims it with a compare-and-swap on the next redraw time, then draws
 * if no other thread holds the draw lock (it never waits for it).  The
 * same lock is held by err.c's report() around every message, so a
 * message and a bar line never mix.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "progress.h"

#define BAR_MIN		10	/* narrower than this: no bar at all */
#define BAR_MAX		30
#define INTERVAL_NS	(1000000000LL / PROGRESS_HZ)

static pthread_mutex_t	 draw_lock = PTHREAD_MUTEX_INITIALIZER;
static struct progress	*active;	/* under draw_lock */

static long long
mono_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The terminal's width: TIOCGWINSZ on stderr, else $COLUMNS, else 80. */
static int
term_width(void)
{
	struct winsize	 ws;
	const char	*env;
	int		 w;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((env = getenv("COLUMNS")) != NULL && (w = atoi(env)) > 0)
		return w;
	return 80;
}

/* "m:ss", or "h:mm:ss" from one hour. */
static void
fmt_time(char *buf, size_t len, double sec)
{
	long	s = sec > 0 ? (long)(sec + 0.5) : 0;

	if (s < 3600)
		snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
	else
		snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
}

/* See progress.h. */
size_t
progress_format(char *buf, size_t len, const char *label, long done,
    long total, double elapsed, int width, int final)
{
	char	 tail[160], rate[32], t[32], digits[24], bar[BAR_MAX + 1];
	double	 r = elapsed > 0 ? done / elapsed : 0;
	size_t	 avail = width > 1 ? (size_t)width - 1 : 0, fixed, n;
	int	 pct, bw, fill;

	if (len == 0)
		return 0;
	snprintf(rate, sizeof rate, r < 9.95 ? "%.1f/s" : "%.0f/s", r);
	if (final)
		fmt_time(t, sizeof t, elapsed);
	else if (total > 0 && done >= total)
		fmt_time(t, sizeof t, 0);
	else if (done <= 0 || elapsed <= 0)
		snprintf(t, sizeof t, "-:--");
	else
		fmt_time(t, sizeof t, (double)(total - done) * elapsed / done);
	if (total <= 0) {
		snprintf(tail, sizeof tail, "%ld  %s%s%s", done, rate,
		    final ? "  in " : "", final ? t : "");
		bw = 0;
	} else {
		pct = done >= total ? 100 : done <= 0 ? 0 :
		    (int)((double)done * 100 / total);
		n = (size_t)snprintf(digits, sizeof digits, "%ld", total);
		snprintf(tail, sizeof tail, "%*ld/%ld  %3d%%  %s  %s%s",
		    (int)n, done, total, pct, rate, final ? "in " : "ETA ", t);
		/* label, "  [", the bar, "]  ", the tail */
		fixed = strlen(label) + 6 + strlen(tail);
		bw = avail > fixed ? (int)(avail - fixed) : 0;
		if (bw > BAR_MAX)
			bw = BAR_MAX;
		if (bw < BAR_MIN)
			bw = 0;
	}
	if (bw > 0) {
		fill = done >= total ? bw : done <= 0 ? 0 :
		    (int)((double)done * bw / total);
		memset(bar, '#', (size_t)fill);
		memset(bar + fill, '.', (size_t)(bw - fill));
		bar[bw] = '\0';
		snprintf(buf, len, "%.200s  [%s]  %s", label, bar, tail);
	} else if (strlen(label) + 2 + strlen(tail) <= avail)
		snprintf(buf, len, "%.200s  %s", label, tail);
	else	/* the numbers matter more than the label */
		snprintf(buf, len, "%s", tail + strspn(tail, " "));
	n = strlen(buf);
	if (n > avail) {
		buf[avail] = '\0';
		n = avail;
	}
	return n;
}

/* Draws p's line; the caller holds draw_lock. */
static void
draw(struct progress *p, int final)
{
	char	line[512];
	double	elapsed = (mono_ns() - p->t0_ns) / 1e9;

	progress_format(line + 1, sizeof line - 8, p->label,
	    atomic_load(&p->done), p->total, elapsed, term_width(), final);
	line[0] = '\r';
	/* Clear to the end of the line: the previous one may be longer. */
	strcat(line, final ? "\033[K\n" : "\033[K");
	fputs(line, stderr);
	p->shown = !final;
}

/* err.c's hook: clears the bar's line before a message (lock held). */
static void
before_message(int after)
{
	if (after) {
		pthread_mutex_unlock(&draw_lock);
		return;
	}
	pthread_mutex_lock(&draw_lock);
	if (active != NULL && active->shown) {
		fputs("\r\033[K", stderr);
		active->shown = 0;
		atomic_store(&active->next_ns, 0);	/* redraw soon */
	}
}

/* See progress.h. */
int
progress_enabled(void)
{
	const char	*env = getenv("MASKCAT_PROGRESS");

	if (err_quiet)
		return 0;
	if (env != NULL && strcmp(env, "1") == 0)
		return 1;
	if (env != NULL && strcmp(env, "0") == 0)
		return 0;
	return isatty(STDERR_FILENO);
}

/* See progress.h. */
void
progress_start(struct progress *p, const char *label, long total)
{
	memset(p, 0, sizeof *p);
	snprintf(p->label, sizeof p->label, "%s", label);
	p->total = total > 0 ? total : 0;
	atomic_init(&p->done, 0);
	atomic_init(&p->next_ns, 0);
	p->t0_ns = mono_ns();
	p->started = 1;
	p->enabled = progress_enabled();
	if (p->enabled) {
		pthread_mutex_lock(&draw_lock);
		active = p;
		err_print_hook = before_message;
		pthread_mutex_unlock(&draw_lock);
	}
}

/* See progress.h. */
void
progress_add(struct progress *p, long n)
{
	long long	now, next;

	if (p == NULL)
		return;
	atomic_fetch_add(&p->done, n);
	if (!p->enabled)
		return;
	now = mono_ns();
	next = atomic_load(&p->next_ns);
	if (now < next || !atomic_compare_exchange_strong(&p->next_ns, &next,
	    now + INTERVAL_NS))
		return;
	if (pthread_mutex_trylock(&draw_lock) != 0)
		return;
	if (active == p)
		draw(p, 0);
	pthread_mutex_unlock(&draw_lock);
}

/* See progress.h. */
long
progress_count(struct progress *p)
{
	return p != NULL ? atomic_load(&p->done) : 0;
}

/* See progress.h. */
void
progress_done(struct progress *p)
{
	if (p == NULL || !p->started)
		return;
	p->started = 0;
	if (!p->enabled)
		return;
	pthread_mutex_lock(&draw_lock);
	draw(p, 1);
	if (active == p)
		active = NULL;
	pthread_mutex_unlock(&draw_lock);
}
