/*
 * cmd/report.c: "maskcat report KIND [--format F] [--source NAME] ...".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../reports/report.h"

static int	cmd_report_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.alias = NULL,
	.usage = "imbalance|quality|duplicates [--format text|csv|json]"
	    " [--source NAME] [options]",
	.summary = "print a report on the catalog",
	.help =
	    "kinds:\n"
	    "   imbalance   the 18 classes (mask x gender x age bin) in images\n"
	    "               and persons, grids, age histogram, imbalance score,\n"
	    "               scarce cells and suggested class weights\n"
	    "   quality     dark, overexposed, blurry, low-information, grey,\n"
	    "               odd aspect and odd size images, per source\n"
	    "   duplicates  clusters of byte-identical, pixel-identical and\n"
	    "               near-duplicate images, with their labels\n"
	    "\n"
	    "options:\n"
	    "   --format F      text (default), csv or json\n"
	    "   --source NAME   only this source (see maskcat info)\n"
	    "   --limit N       quality: worst examples per issue (10);\n"
	    "                   duplicates: clusters listed in text (50; -1 all)\n"
	    "quality thresholds:\n"
	    "   --dark X (0.32) --overexposed X (0.90) --blurry X (0.30)\n"
	    "   --low-info X (0.30) --grey X (0.02) --aspect X (0.50)\n"
	    "   --size X (4.0)\n"
	    "duplicates:\n"
	    "   --threshold D   Hamming distance on pHash and dHash (3)\n"
	    "   --across        only clusters that cross sources or persons\n"
	    "   --no-confirm    trust equal thumbnails for \"same pixels\"\n"
	    "                   instead of decoding both files in full\n",
	.flags = CMD_READ_DB,
	.exec = cmd_report_exec
};

/* Parses a number option; 0, or -1 when it is not a number. */
static int
number(const char *s, double *v)
{
	char	*end;

	*v = strtod(s, &end);
	return *s != '\0' && *end == '\0' ? 0 : -1;
}

static int
cmd_report_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'n' },
		{ "dark", required_argument, NULL, 1 },
		{ "overexposed", required_argument, NULL, 2 },
		{ "blurry", required_argument, NULL, 3 },
		{ "low-info", required_argument, NULL, 4 },
		{ "grey", required_argument, NULL, 5 },
		{ "aspect", required_argument, NULL, 6 },
		{ "size", required_argument, NULL, 7 },
		{ "threshold", required_argument, NULL, 't' },
		{ "across", no_argument, NULL, 'a' },
		{ "no-confirm", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_report_entry;
	struct quality_opts		 qo;
	struct dup_opts			 dopt = { 3, 0, 50, 1 };
	const char			*source = NULL, *kind;
	double				 v, *target;
	int				 c, fmt = REPORT_TEXT;

	quality_opts_default(&qo);
	while ((c = getopt_long(argc, argv, "f:s:n:t:a", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'f':
			if ((fmt = report_format_parse(optarg)) < 0)
				return cmd_usage_error(e, "unknown format '%s'"
				    " (text, csv or json)", optarg);
			break;
		case 's':
			source = optarg;
			break;
		case 'n':
			if (number(optarg, &v) != 0 || v < -1)
				return cmd_usage_error(e, "--limit wants a"
				    " number, not '%s'", optarg);
			qo.limit = dopt.limit = (long)v;
			break;
		case 't':
			if (number(optarg, &v) != 0 || v < 0 || v > 15 ||
			    v != (int)v)
				return cmd_usage_error(e, "--threshold wants a"
				    " whole number from 0 to 15, not '%s'",
				    optarg);
			dopt.threshold = (int)v;
			break;
		case 'a':
			dopt.across = 1;
			break;
		case 'C':
			dopt.confirm = 0;
			break;
		case 1: case 2: case 3: case 4: case 5: case 6: case 7:
			target = c == 1 ? &qo.dark : c == 2 ? &qo.light :
			    c == 3 ? &qo.blurry : c == 4 ? &qo.low_info :
			    c == 5 ? &qo.grey : c == 6 ? &qo.aspect : &qo.size;
			if (number(optarg, target) != 0 || *target < 0)
				return cmd_usage_error(e, "%s wants a number,"
				    " not '%s'", argv[optind - 1], optarg);
			break;
		default:
			return cmd_usage_error(e, "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(e, optind == argc ? "needs a KIND" :
		    "too many arguments");
	kind = argv[optind];
	if (strcmp(kind, "imbalance") == 0)
		return report_imbalance(ctx->db, source, fmt, stdout) == 0 ?
		    MC_OK : MC_FAIL;
	if (strcmp(kind, "quality") == 0)
		return report_quality(ctx->db, source, &qo, fmt, stdout) == 0 ?
		    MC_OK : MC_FAIL;
	if (strcmp(kind, "duplicates") == 0)
		return report_duplicates(ctx->db, source, &dopt, fmt,
		    stdout) == 0 ? MC_OK : MC_FAIL;
	return cmd_usage_error(e, "unknown report '%s'", kind);
}
