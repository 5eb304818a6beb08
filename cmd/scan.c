/*
 * cmd/scan.c: "maskcat scan [--source NAME]".
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "../importers/importer.h"

static int	cmd_scan_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_scan_entry = {
	.name = "scan",
	.alias = NULL,
	.usage = "[--source NAME]",
	.summary = "compute the quality measures of images that lack them",
	.help =
	    "Imports compute the measures as they go; scan fills them in for\n"
	    "catalogs imported before they existed or with an older\n"
	    "definition, reading the files back from their folder or zip.\n"
	    "\n"
	    "options:\n"
	    "   --source NAME   only this source\n",
	.flags = CMD_WRITE_DB,
	.exec = cmd_scan_exec
};

static int
cmd_scan_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char			*source = NULL;
	long				 scanned, failed;
	int				 c;

	while ((c = getopt_long(argc, argv, "s:", longopts, NULL)) != -1) {
		if (c != 's')
			return cmd_usage_error(&cmd_scan_entry,
			    "unknown option");
		source = optarg;
	}
	if (optind != argc)
		return cmd_usage_error(&cmd_scan_entry, "too many arguments");
	if (import_scan(ctx->db, source, &scanned, &failed) != 0)
		return MC_FAIL;
	printf("scanned %ld images (%ld could not be read)\n", scanned,
	    failed);
	return failed > 0 ? MC_FAIL : MC_OK;
}
