/*
 * cmd/scan.c: "maskcat scan [--source NAME]".
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "../importers/importer.h"

static int	cmd_scan_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_scan_entry = {
	.name = "scan",
	.alias = NULL,
	.usage = "[--source NAME] [--jobs N]",
	.summary = "compute the quality measures of images that lack them",
	.help =
	    "Imports compute the measures as they go; scan fills them in for\n"
	    "catalogs imported before they existed or with an older\n"
	    "definition, reading the files back from their folder or zip.\n"
	    "\n"
	    "options:\n"
	    "   --source NAME   only this source\n"
	    "   --jobs N        threads reading and measuring the files (1 to\n"
	    "                   64; default: the number of cores, at most 16)\n",
	.flags = CMD_WRITE_DB,
	.exec = cmd_scan_exec
};

static int
cmd_scan_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const char			*source = NULL;
	long				 scanned, failed, v;
	long				 ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int				 c, jobs;

	jobs = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (int)ncpu;
	while ((c = getopt_long(argc, argv, "s:j:", longopts, NULL)) != -1) {
		if (c == 's')
			source = optarg;
		else if (c == 'j') {
			if (cmd_parse_long(optarg, 1, 64, &v) != 0)
				return cmd_usage_error(&cmd_scan_entry,
				    "--jobs wants 1 to 64");
			jobs = (int)v;
		} else
			return cmd_usage_error(&cmd_scan_entry,
			    "unknown option");
	}
	if (optind != argc)
		return cmd_usage_error(&cmd_scan_entry, "too many arguments");
	if (import_scan(ctx->db, source, jobs, &scanned, &failed) != 0)
		return MC_FAIL;
	printf("scanned %ld images (%ld could not be read)\n", scanned,
	    failed);
	return failed > 0 ? MC_FAIL : MC_OK;
}
