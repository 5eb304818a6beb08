/*
 * cmd/check-split.c: "maskcat check-split SPLIT.csv SPLIT.csv ...".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../reports/report.h"

static int	cmd_check_split_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_check_split_entry = {
	.name = "check-split",
	.alias = NULL,
	.usage = "TRAIN.csv VALID.csv [...] [--path-col C] [--source NAME]"
	    " [--threshold D]",
	.summary = "audit a split made by any tool for leakage and balance",
	.help =
	    "Each CSV is one side of the split; its path column names the\n"
	    "images (a path matches the catalogued image whose root/path ends\n"
	    "with it, so relative and absolute paths both work).  Reports\n"
	    "persons and duplicate clusters found on more than one side and\n"
	    "the largest class share deviation; exits 1 when anything leaks.\n"
	    "\n"
	    "options:\n"
	    "   --path-col C    the column with the image path (default path)\n"
	    "   --source NAME   match only this source's images\n"
	    "   --threshold D   near-duplicate distance, as report duplicates (3)\n",
	.flags = CMD_READ_DB,
	.exec = cmd_check_split_exec
};

static int
cmd_check_split_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "path-col", required_argument, NULL, 'p' },
		{ "source", required_argument, NULL, 's' },
		{ "threshold", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_check_split_entry;
	struct check_split_opts		 o = { "path", NULL, 3 };
	char				*end;
	int				 c, leaks;

	while ((c = getopt_long(argc, argv, "p:s:t:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o.path_col = optarg;
			break;
		case 's':
			o.source = optarg;
			break;
		case 't':
			o.threshold = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o.threshold < 0 ||
			    o.threshold > 15)
				return cmd_usage_error(e, "--threshold wants a"
				    " whole number from 0 to 15");
			break;
		default:
			return cmd_usage_error(e, "unknown option");
		}
	}
	if (argc - optind < 2)
		return cmd_usage_error(e, "needs at least two split files");
	if (check_split(ctx->db, argv + optind, argc - optind, &o, stdout,
	    &leaks) != 0)
		return MC_FAIL;
	return leaks ? MC_FAIL : MC_OK;
}
