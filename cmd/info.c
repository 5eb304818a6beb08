/*
 * cmd/info.c: "maskcat info [--all]".
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "../reports/report.h"

static int	cmd_info_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_info_entry = {
	.name = "info",
	.alias = NULL,
	.usage = "[--all]",
	.summary = "show the catalog's sources, counts and quarantined files",
	.help =
	    "options:\n"
	    "   --all   list every quarantined file (default: the first 50)\n",
	.flags = CMD_READ_DB,
	.exec = cmd_info_exec
};

static int
cmd_info_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	long				 limit = 50;
	int				 c;

	while ((c = getopt_long(argc, argv, "a", longopts, NULL)) != -1) {
		if (c != 'a')
			return cmd_usage_error(&cmd_info_entry,
			    "unknown option");
		limit = -1;
	}
	if (optind != argc)
		return cmd_usage_error(&cmd_info_entry, "too many arguments");
	return report_info(ctx->db, limit, stdout) == 0 ? MC_OK : MC_FAIL;
}
