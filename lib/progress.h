/*
 * lib/progress.h: a progress bar on stderr for long commands (import,
 * scan, export, audit): count, rate and ETA, redrawn in place with "\r"
 * at most PROGRESS_HZ times a second, from any number of threads.
 *
 *   import base  [#########.........]   8432/18900   44%  612/s  ETA 0:17
 *
 * Enabled when stderr is a terminal; MASKCAT_PROGRESS=1 forces it on and
 * MASKCAT_PROGRESS=0 off; --quiet (err_quiet) always turns it off.  When
 * disabled nothing at all is printed.  progress_done() leaves the final
 * line (with the elapsed time) on screen, followed by a newline.  While a
 * bar is shown, error(), warning() and note() clear its line first (the
 * err_print_hook of lib/err.h), and the bar is redrawn below the message
 * at the next progress_add().  One bar at a time.
 */
#ifndef LIB_PROGRESS_H
#define LIB_PROGRESS_H

#include <stdatomic.h>
#include <stddef.h>

#define PROGRESS_HZ	8	/* redraws per second, at most */

/*
 * Caller-owned, usually on the stack.  A zeroed struct is a valid bar
 * that was never started: progress_add() counts into it and
 * progress_done() does nothing.
 */
struct progress {
	char		 label[64];
	long		 total;		/* 0: unknown, no bar and no ETA */
	atomic_long	 done;
	atomic_llong	 next_ns;	/* no redraw before this time */
	long long	 t0_ns;		/* monotonic start time */
	int		 started;
	int		 enabled;
	int		 shown;		/* a line is on screen (draw lock) */
};

/* Whether bars are shown now: the environment, the tty and err_quiet. */
int	progress_enabled(void);

/*
 * Starts a bar called 'label' (copied; cut at 63 bytes) for 'total'
 * steps (0 when unknown).  Draws the first line at the first
 * progress_add(), if enabled.  Nothing to free, but call progress_done().
 */
void	progress_start(struct progress *, const char *label, long total);

/*
 * Adds n steps; thread-safe (one atomic add, and a clock read when
 * enabled).  Redraws when the last redraw is 1/PROGRESS_HZ s old and no
 * other thread is drawing.  A NULL bar is fine: nothing happens.
 */
void	progress_add(struct progress *, long n);

/* Steps added so far. */
long	progress_count(struct progress *);

/*
 * Ends the bar: if enabled, prints the final line (count, rate and the
 * elapsed time) and a newline.  Call it once, from one thread, after the
 * workers have stopped adding; a second call, or one on a bar never
 * started (zeroed), does nothing.  NULL is fine.
 */
void	progress_done(struct progress *);

/*
 * The pure formatter behind the bar: writes into buf (len bytes, always
 * NUL-terminated when len > 0) the line for 'done' of 'total' steps
 * (0: unknown) after 'elapsed' seconds, fitted into a terminal 'width'
 * columns wide (one column is left free so that the cursor never
 * wraps): the bar (10 to 30 columns) goes first when space is short,
 * then the label, then the line is cut.  'final' replaces the ETA by "in <elapsed>".  Times are m:ss,
 * or h:mm:ss from one hour.  No "\r" and no escape sequences.  Returns
 * the line's length.
 */
size_t	progress_format(char *buf, size_t len, const char *label, long done,
	    long total, double elapsed, int width, int final);

#endif
