/*
 * reports/plot-run.c: owns the gnuplot process.  No shell: posix_spawnp
 * with a fixed argv, the script written to its stdin through a pipe while
 * its stdout and stderr are read from another (poll, so neither side can
 * block the other), then waitpid.  Also the atomic output: gnuplot writes
 * "FILE.tmp.<pid>", renamed to FILE only after a clean exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plot.h"
#include "../lib/err.h"

extern char **environ;

#define KEEP_BYTES	4096	/* of gnuplot's messages */
#define KEEP_LINES	6

/* $MASKCAT_GNUPLOT when set and not empty, else "gnuplot" on PATH. */
static const char *
plot_program(void)
{
	const char	*p = getenv("MASKCAT_GNUPLOT");

	return p != NULL && *p != '\0' ? p : "gnuplot";
}

/*
 * The first KEEP_LINES non-blank lines of msg joined into one line, the
 * first after " ", the others after " | " (messages stay one line), into
 * a malloc()ed string ("" when there are none).
 */
static char *
first_lines(const char *msg)
{
	char		*out = xmalloc(strlen(msg) + 3 * KEEP_LINES + 1), *o = out;
	const char	*s = msg, *nl, *sep;
	size_t		 n;
	int		 lines = 0;

	while (*s != '\0' && lines < KEEP_LINES) {
		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (strspn(s, " \t") < n) {
			sep = lines == 0 ? " " : " | ";
			memcpy(o, sep, strlen(sep));
			o += strlen(sep);
			memcpy(o, s, n);
			o += n;
			lines++;
		}
		s += nl ? (size_t)(nl - s) + 1 : strlen(s);
	}
	*o = '\0';
	return out;
}

/*
 * Feeds script to 'in' and collects what arrives on 'out' (the first
 * KEEP_BYTES kept in msg, the rest read and dropped) until 'out' ends.
 * Closes 'in'.  *werr gets the errno of a failed write (EPIPE when the
 * program stopped reading), 0 if all was written.  Returns 0, or -1
 * when poll() or read() failed (errno set; nothing reported).
 */
static int
pump(int in, int out, const char *script, size_t len, char *msg,
    size_t *nmsg, int *werr)
{
	struct pollfd	 pf[2];
	char		 buf[4096];
	size_t		 off = 0;
	ssize_t		 r;
	int		 npf;

	*werr = 0;
	*nmsg = 0;
	if (len == 0) {
		close(in);
		in = -1;
	}
	for (;;) {
		npf = 0;
		pf[npf].fd = out;
		pf[npf++].events = POLLIN;
		if (in >= 0) {
			pf[npf].fd = in;
			pf[npf++].events = POLLOUT;
		}
		if (poll(pf, npf, -1) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (in >= 0 && pf[1].revents != 0) {
			r = write(in, script + off, len - off);
			if (r < 0 && errno != EAGAIN && errno != EINTR) {
				*werr = errno;
				close(in);
				in = -1;
			} else if (r > 0 && (off += (size_t)r) == len) {
				close(in);	/* EOF: gnuplot ends its input */
				in = -1;
			}
		}
		if (pf[0].revents != 0) {
			r = read(out, buf, sizeof buf);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				goto fail;
			if (r == 0)
				break;
			if (*nmsg < KEEP_BYTES - 1) {
				if ((size_t)r > KEEP_BYTES - 1 - *nmsg)
					r = (ssize_t)(KEEP_BYTES - 1 - *nmsg);
				memcpy(msg + *nmsg, buf, (size_t)r);
				*nmsg += (size_t)r;
			}
		}
	}
	msg[*nmsg] = '\0';
	if (in >= 0) {		/* output closed before all was written */
		close(in);
		*werr = EPIPE;
	}
	return 0;
fail:
	msg[*nmsg] = '\0';
	if (in >= 0)
		close(in);
	return -1;
}

/* See plot.h. */
int
plot_run(const char *script, size_t len)
{
	posix_spawn_file_actions_t	 fa;
	struct sigaction		 ign, old;
	const char			*prog = plot_program();
	char				*argv[3], msg[KEEP_BYTES], *lines;
	size_t				 nmsg = 0;
	pid_t				 pid;
	int				 in[2] = { -1, -1 }, out[2] = { -1, -1 };
	int				 err, werr = 0, status, perr, ret = -1;

	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
		error_errno("cannot create a pipe for '%s'", prog);
		goto out;
	}
	/* /dev/stdin rather than no argument: gnuplot then reads it as a
	 * file, exits on the first error and names the line ("/dev/stdin"
	 * line 12: ...). */
	argv[0] = (char *)prog;
	argv[1] = "/dev/stdin";
	argv[2] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDERR_FILENO);
	err = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	in[0] = out[1] = -1;
	if (err != 0) {
		error("cannot run '%s': %s (install gnuplot-nox, or set"
		    " MASKCAT_GNUPLOT)", prog, strerror(err));
		goto out;
	}
	/* A gnuplot that dies early must give EPIPE, not kill us. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
	perr = pump(in[1], out[0], script, len, msg, &nmsg, &werr) != 0 ?
	    errno : 0;
	in[1] = -1;	/* pump closed it */
	sigaction(SIGPIPE, &old, NULL);
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR) {
			error_errno("cannot wait for '%s'", prog);
			goto out;
		}
	}
	lines = first_lines(msg);
	if (WIFSIGNALED(status))
		error("'%s' was killed by signal %d (%s)%s%s", prog,
		    WTERMSIG(status), strsignal(WTERMSIG(status)),
		    *lines ? ":" : "", lines);
	else if (WEXITSTATUS(status) != 0)
		error("'%s' failed with status %d%s%s", prog,
		    WEXITSTATUS(status), *lines ? ":" : " and no message",
		    lines);
	else if (perr != 0)
		error("cannot read the messages of '%s': %s", prog,
		    strerror(perr));
	else if (werr != 0)
		error("cannot write the script to '%s': %s%s%s", prog,
		    werr == EPIPE ? "it stopped reading" : strerror(werr),
		    *lines ? ":" : "", lines);
	else {
		if (*lines)	/* warnings of a run that worked */
			warning("'%s' says:%s", prog, lines);
		ret = 0;
	}
	free(lines);
out:
	if (in[0] >= 0)
		close(in[0]);
	if (in[1] >= 0)
		close(in[1]);
	if (out[0] >= 0)
		close(out[0]);
	if (out[1] >= 0)
		close(out[1]);
	return ret;
}

/* See plot.h. */
int
plot_draw(sqlite3 *db, const struct plot_opts *o, const char *output)
{
	struct stat	 st;
	char		*tmp, *script = NULL;
	size_t		 len;
	int		 ret = -1;

	tmp = xasprintf("%s.tmp.%ld", output, (long)getpid());
	if (plot_script(db, o, tmp, &script, &len) != 0)
		goto out;
	if (plot_run(script, len) != 0)
		goto out;
	if (stat(tmp, &st) != 0) {
		error_errno("'%s' did not write '%s'", plot_program(), tmp);
		goto out;
	}
	if (st.st_size == 0) {
		error("'%s' wrote an empty '%s'", plot_program(), tmp);
		goto out;
	}
	if (rename(tmp, output) != 0) {
		error_errno("cannot rename '%s' to '%s'", tmp, output);
		goto out;
	}
	ret = 0;
out:
	if (ret != 0)
		unlink(tmp);	/* what a failed run left, if anything */
	free(script);
	free(tmp);
	return ret;
}
