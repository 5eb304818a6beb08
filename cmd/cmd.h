/*
 * cmd/cmd.h: the command table.  Each cmd/<name>.c defines exactly one
 * struct cmd_entry; cmd.c lists them and runs the one asked for.
 */
#ifndef CMD_CMD_H
#define CMD_CMD_H

#include <stdint.h>
#include <stdio.h>

#include "../maskcat.h"

#define CMD_READ_DB	0x1	/* cmd_run opens ctx->db read-only */
#define CMD_WRITE_DB	0x2	/* cmd_run opens (creating, migrating) ctx->db */

struct cmd_entry {
	const char	*name;
	const char	*alias;		/* NULL or a second exact name */
	const char	*usage;		/* after "maskcat NAME " */
	const char	*summary;	/* one line for "maskcat help" */
	const char	*help;		/* option details for "NAME --help" */
	int		 flags;		/* CMD_* */
	int		(*exec)(struct mc_ctx *, int, char **);
};

extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_check_split_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_info_entry;
extern const struct cmd_entry cmd_plot_entry;
extern const struct cmd_entry cmd_relabel_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_scan_entry;
extern const struct cmd_entry cmd_sheet_entry;
extern const struct cmd_entry cmd_synth_entry;
extern const struct cmd_entry cmd_verify_entry;

/* Returns the entry named or aliased 'name', or NULL (not reported). */
const struct cmd_entry *cmd_find(const char *name);
/*
 * Runs 'e' with argv[0] = its name: opens the catalog as e->flags ask,
 * calls exec, closes the catalog and checks that stdout was written.
 * Returns an MC_* exit status; every failure has been reported.
 */
int	cmd_run(const struct cmd_entry *e, struct mc_ctx *, int, char **);
/* Prints "usage: maskcat NAME USAGE" and the help text to 'fp'. */
void	cmd_print_usage(const struct cmd_entry *e, FILE *fp);
/* Reports a usage error for 'e' ("<why>" then usage); returns MC_USAGE. */
int	cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Prints the list of commands to 'fp'. */
void	cmd_list(FILE *fp);
/*
 * Parses a whole decimal number in [lo, hi] into *v (no blank or '+'
 * before it).  Returns 0, or -1 (nothing reported: the caller says which
 * option wanted what); *v is then untouched.
 */
int	cmd_parse_long(const char *s, long lo, long hi, long *v);
/*
 * Parses "--where" text into w[*n] and counts it (db_filter_parse(); w
 * borrows from arg).  Returns MC_OK, or MC_USAGE after reporting the
 * reason as a usage error of 'e'.
 */
struct db_filter;
int	cmd_add_where(const struct cmd_entry *e, const char *arg,
	    struct db_filter *w, size_t *n);
/*
 * Parses a seed: a whole number >= 0 that fits 64 bits (decimal, or hex
 * with 0x).  Returns 0, or -1 (nothing reported).
 */
int	cmd_parse_seed(const char *s, uint64_t *seed);
/*
 * True when argv holds "--help" or "-h" before any "--"; commands call it
 * first so "maskcat NAME --help" always works.
 */
int	cmd_wants_help(int argc, char **argv);

#endif
