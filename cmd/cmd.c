/*
 * cmd/cmd.c: the command table, lookup, usage and the shared set-up that
 * runs around every command (opening the catalog, checking stdout).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../db/db.h"
#include "../lib/err.h"
#include "../lib/limits.h"

/* Keep sorted: "maskcat help" prints in this order. */
static const struct cmd_entry *const cmd_table[] = {
	&cmd_audit_entry,
	&cmd_check_entry,
	&cmd_check_split_entry,
	&cmd_export_entry,
	&cmd_help_entry,
	&cmd_import_entry,
	&cmd_info_entry,
	&cmd_plot_entry,
	&cmd_relabel_entry,
	&cmd_report_entry,
	&cmd_scan_entry,
	&cmd_sheet_entry,
	&cmd_synth_entry,
	&cmd_verify_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	*const *e;

	for (e = cmd_table; *e != NULL; e++) {
		if (strcmp((*e)->name, name) == 0)
			return *e;
		if ((*e)->alias != NULL && strcmp((*e)->alias, name) == 0)
			return *e;
	}
	return NULL;
}

void
cmd_list(FILE *fp)
{
	const struct cmd_entry	*const *e;

	fprintf(fp, "usage: maskcat [--db PATH] [--quiet] [LIMITS] COMMAND"
	    " [ARGS]\n\n"
	    "The catalog is PATH, else $MASKCAT_DB, else ./maskcat.db.\n\n"
	    "commands:\n");
	for (e = cmd_table; *e != NULL; e++)
		fprintf(fp, "   %-10s %s\n", (*e)->name, (*e)->summary);
	fprintf(fp, "\n");
	limits_usage(fp);
	fprintf(fp, "\n'maskcat COMMAND --help' shows a command's options.\n");
}

void
cmd_print_usage(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "usage: maskcat %s %s\n", e->name, e->usage);
	fprintf(fp, "\n%s\n", e->summary);
	if (e->help != NULL && *e->help != '\0')
		fprintf(fp, "\n%s", e->help);
}

int
cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list	ap;
	char	msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "maskcat: error: %s: %s\n", e->name, msg);
	fprintf(stderr, "usage: maskcat %s %s\n", e->name, e->usage);
	return MC_USAGE;
}

int
cmd_wants_help(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

int
cmd_run(const struct cmd_entry *e, struct mc_ctx *ctx, int argc, char **argv)
{
	int	status;

	if (cmd_wants_help(argc, argv)) {
		cmd_print_usage(e, stdout);
		return fflush(stdout) == 0 ? MC_OK : MC_FAIL;
	}
	if (e->flags & (CMD_READ_DB | CMD_WRITE_DB)) {
		if (db_open(ctx->db_path, (e->flags & CMD_WRITE_DB) != 0,
		    &ctx->db) != 0)
			return MC_FAIL;
	}
	status = e->exec(ctx, argc, argv);
	if (ctx->db != NULL) {
		if (db_close(ctx->db) != 0 && status == MC_OK)
			status = MC_FAIL;
		ctx->db = NULL;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error_errno("cannot write to standard output");
		status = MC_FAIL;
	}
	return status;
}

/* See cmd.h. */
int
cmd_parse_long(const char *s, long lo, long hi, long *v)
{
	char	*end;
	long	 n;

	if (*s == '\0' || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < lo || n > hi)
		return -1;
	*v = n;
	return 0;
}

/* See cmd.h. */
int
cmd_parse_seed(const char *s, uint64_t *seed)
{
	char			*end;
	unsigned long long	 v;

	if (*s == '\0' || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);		/* 0x... too */
	if (errno != 0 || *end != '\0')
		return -1;
	*seed = v;
	return 0;
}

/* See cmd.h. */
int
cmd_add_where(const struct cmd_entry *e, const char *arg,
    struct db_filter *w, size_t *n)
{
	char	why[256];

	if (db_filter_parse(arg, &w[*n], why) != 0)
		return cmd_usage_error(e, "--where %s", why);
	(*n)++;
	return MC_OK;
}
