/*
 * cmd/verify.c: "maskcat verify OUT".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../export/export.h"

static int	cmd_verify_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_verify_entry = {
	.name = "verify",
	.alias = NULL,
	.usage = "OUT [--limit N]",
	.summary = "check an export folder against its manifests",
	.help =
	    "Checks that every file listed in OUT's manifests exists with the\n"
	    "recorded size and XXH3, that OUT holds no file the manifests do\n"
	    "not list, and that the manifests match export.json.  Exits 1 when\n"
	    "anything differs.  Needs no catalog.\n"
	    "\n"
	    "options:\n"
	    "   --limit N   problems listed (20; -1 all)\n",
	.flags = 0,
	.exec = cmd_verify_exec
};

static int
cmd_verify_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_verify_entry;
	char				*end;
	long				 limit = 20, problems;
	int				 c;

	(void)ctx;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < -1)
				return cmd_usage_error(e, "--limit wants a"
				    " whole number >= -1");
			break;
		default:
			return cmd_usage_error(e, "unknown option");
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(e, "needs exactly one export folder");
	if (export_verify(argv[optind], limit, stdout, &problems) != 0)
		return MC_FAIL;
	return problems > 0 ? MC_FAIL : MC_OK;
}
