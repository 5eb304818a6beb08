/*
 * cmd/check.c: "maskcat check [--source NAME] [--jobs N] [--format F]
 * [--limit N]".
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "../reports/check.h"

static int	cmd_check_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.alias = NULL,
	.usage = "[--source NAME] [--jobs N] [--format text|csv|json]"
	    " [--limit N]",
	.summary = "verify the catalog and what changed on disk since import",
	.help =
	    "Runs SQLite's integrity and foreign-key checks, reads every\n"
	    "catalogued image back from its folder or zip and compares its\n"
	    "size and XXH3 with the catalog, and lists image files (.jpg,\n"
	    ".jpeg, .png, .webp, .gif, .bmp, .tif, .tiff) present in a source\n"
	    "but neither catalogued nor quarantined (dot-files are ignored).\n"
	    "Quarantined files are counted, not re-probed: import does that.\n"
	    "One line per finding (changed, missing, new, integrity,\n"
	    "foreign-key), then a summary.  Exit status 1 when anything was\n"
	    "found, 0 when all is as catalogued.  Nothing is written.\n"
	    "\n"
	    "options:\n"
	    "   --source NAME   only this source\n"
	    "   --jobs N        threads reading and hashing the files (1 to\n"
	    "                   64; default: the number of cores, at most 16)\n"
	    "   --format F      text (default), csv (status,source,path,\n"
	    "                   detail) or json (summary and findings)\n"
	    "   --limit N       show at most N findings (counts stay whole)\n",
	.flags = CMD_READ_DB,
	.exec = cmd_check_exec
};

static int
cmd_check_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct check_opts		 o;
	long				 ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	long				 v;
	int				 c, fmt, dirty;

	o.source = NULL;
	o.jobs = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (int)ncpu;
	o.fmt = REPORT_TEXT;
	o.limit = -1;
	while ((c = getopt_long(argc, argv, "s:j:f:n:", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 's':
			o.source = optarg;
			break;
		case 'j':
			if (cmd_parse_long(optarg, 1, 64, &v) != 0)
				return cmd_usage_error(&cmd_check_entry,
				    "--jobs wants 1 to 64");
			o.jobs = (int)v;
			break;
		case 'f':
			if ((fmt = report_format_parse(optarg)) < 0)
				return cmd_usage_error(&cmd_check_entry,
				    "unknown format '%s'", optarg);
			o.fmt = (enum report_format)fmt;
			break;
		case 'n':
			if (cmd_parse_long(optarg, 0, 1000000000, &v) != 0)
				return cmd_usage_error(&cmd_check_entry,
				    "--limit wants a whole number >= 0");
			o.limit = v;
			break;
		default:
			return cmd_usage_error(&cmd_check_entry,
			    "unknown option");
		}
	}
	if (optind != argc)
		return cmd_usage_error(&cmd_check_entry, "too many arguments");
	if (report_check(ctx->db, &o, stdout, &dirty) != 0)
		return MC_FAIL;
	return dirty ? MC_FAIL : MC_OK;
}
