/*
 * lib/err.h: reporting errors once, with context, and allocation that
 * never returns NULL.  Messages look like "maskcat: error: <text>".
 */
#ifndef LIB_ERR_H
#define LIB_ERR_H

#include <stddef.h>

#define PRINTFLIKE(a, b) __attribute__((format(printf, a, b)))

/* Print "maskcat: error: <fmt>" on stderr; always returns -1. */
int	error(const char *fmt, ...) PRINTFLIKE(1, 2);
/* As error(), with ": <strerror(errno)>" appended; returns -1. */
int	error_errno(const char *fmt, ...) PRINTFLIKE(1, 2);
/* Print "maskcat: warning: <fmt>" on stderr. */
void	warning(const char *fmt, ...) PRINTFLIKE(1, 2);
/* Print "maskcat: <fmt>" on stderr (progress notes); silenced by err_quiet. */
void	note(const char *fmt, ...) PRINTFLIKE(1, 2);
/* Print "maskcat: fatal: <fmt>" and exit(1).  Only for out-of-memory. */
void	die(const char *fmt, ...) PRINTFLIKE(1, 2) __attribute__((noreturn));
/* A broken invariant (never bad input): print and abort(). */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
void	bug_fl(const char *, int, const char *fmt, ...) PRINTFLIKE(3, 4)
	    __attribute__((noreturn));

/* Number of error() and error_errno() calls so far in this process. */
int	err_count(void);
/* When non-zero, note() prints nothing. */
extern int err_quiet;
/*
 * Called with 0 just before every message above is printed and with 1
 * just after (lib/progress.c clears its bar line and holds its lock
 * meanwhile); NULL: none.
 */
extern void (*err_print_hook)(int after);

/* Allocation wrappers: die() on out-of-memory, never return NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* xmalloc(a * b), dying on overflow. */
void	*xmallocarray(size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Returns a malloc()ed formatted string the caller must free(). */
char	*xasprintf(const char *fmt, ...) PRINTFLIKE(1, 2);

#endif
