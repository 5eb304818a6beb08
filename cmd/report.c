/*
 * cmd/report.c: "maskcat report KIND [--format F] [--source NAME]".
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "../reports/report.h"

static int	cmd_report_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.alias = NULL,
	.usage = "KIND [--format text|csv|json] [--source NAME]",
	.summary = "print a report on the catalog",
	.help =
	    "kinds:\n"
	    "   imbalance   the 18 classes (mask x gender x age bin) in images\n"
	    "               and persons, grids, age histogram, imbalance score,\n"
	    "               scarce cells and suggested class weights\n"
	    "\n"
	    "options:\n"
	    "   --format F      text (default), csv or json\n"
	    "   --source NAME   only this source (see maskcat info)\n",
	.flags = CMD_READ_DB,
	.exec = cmd_report_exec
};

static int
cmd_report_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char			*source = NULL;
	int				 c, fmt = REPORT_TEXT;

	while ((c = getopt_long(argc, argv, "f:s:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((fmt = report_format_parse(optarg)) < 0)
				return cmd_usage_error(&cmd_report_entry,
				    "unknown format '%s' (text, csv or json)",
				    optarg);
			break;
		case 's':
			source = optarg;
			break;
		default:
			return cmd_usage_error(&cmd_report_entry,
			    "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_report_entry, optind == argc ?
		    "needs a KIND" : "too many arguments");
	if (strcmp(argv[optind], "imbalance") != 0)
		return cmd_usage_error(&cmd_report_entry, "unknown report '%s'",
		    argv[optind]);
	return report_imbalance(ctx->db, source, fmt, stdout) == 0 ?
	    MC_OK : MC_FAIL;
}
