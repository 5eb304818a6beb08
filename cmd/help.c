/*
 * cmd/help.c: "maskcat help [COMMAND]".
 */
#include <stdio.h>

#include "cmd.h"

static int	cmd_help_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.alias = NULL,
	.usage = "[COMMAND]",
	.summary = "list the commands, or show one command's usage",
	.help = NULL,
	.flags = 0,
	.exec = cmd_help_exec
};

static int
cmd_help_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e;

	(void)ctx;
	if (argc > 2)
		return cmd_usage_error(&cmd_help_entry, "too many arguments");
	if (argc == 1) {
		cmd_list(stdout);
		return MC_OK;
	}
	if ((e = cmd_find(argv[1])) == NULL)
		return cmd_usage_error(&cmd_help_entry,
		    "unknown command '%s'", argv[1]);
	cmd_print_usage(e, stdout);
	return MC_OK;
}
