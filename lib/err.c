/*
 * lib/err.c: the error helpers and allocation wrappers (see err.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "escape.h"

int		 err_quiet;
void		(*err_print_hook)(int);
static _Atomic int errors;	/* synth reports from threads */

/*
 * One line on stderr.  The text is escaped (lib/escape.h) because it
 * carries names from outside: a file called "a<newline>b.jpg" must not
 * split its message in two, nor an escape sequence reach the terminal.
 * Only what is printed changes; callers store their own bytes.
 */
static void
report(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	void	(*hook)(int) = err_print_hook;	/* read once: paired calls */
	char	 raw[4096], msg[4 * sizeof raw];

	vsnprintf(raw, sizeof raw, fmt, ap);
	escape_line(msg, sizeof msg, raw);
	if (hook != NULL)
		hook(0);		/* a progress bar clears its line */
	if (suffix != NULL)
		fprintf(stderr, "maskcat: %s%s: %s\n", prefix, msg, suffix);
	else
		fprintf(stderr, "maskcat: %s%s\n", prefix, msg);
	if (hook != NULL)
		hook(1);
}

int
error(const char *fmt, ...)
{
	va_list	ap;

	errors++;
	va_start(ap, fmt);
	report("error: ", fmt, ap, NULL);
	va_end(ap);
	return -1;
}

int
error_errno(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	errors++;
	va_start(ap, fmt);
	report("error: ", fmt, ap, strerror(saved));
	va_end(ap);
	errno = saved;
	return -1;
}

void
warning(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report("warning: ", fmt, ap, NULL);
	va_end(ap);
}

void
note(const char *fmt, ...)
{
	va_list	ap;

	if (err_quiet)
		return;
	va_start(ap, fmt);
	report("", fmt, ap, NULL);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report("fatal: ", fmt, ap, NULL);
	va_end(ap);
	exit(1);
}

void
bug_fl(const char *file, int line, const char *fmt, ...)
{
	va_list	ap;
	char	msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "maskcat: BUG: %s:%d: %s\n", file, line, msg);
	abort();
}

int
err_count(void)
{
	return errors;
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory allocating %zu bytes", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void	*p = realloc(old, n ? n : 1);

	if (p == NULL)
		die("out of memory allocating %zu bytes", n);
	return p;
}

void *
xmallocarray(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die("allocation of %zu x %zu bytes overflows", n, size);
	return xmalloc(n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory formatting a string");
	va_end(ap);
	return s;
}
