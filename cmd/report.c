/*
 * cmd/report.c: "maskcat report KIND [--format F] [--source NAME] ...".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/err.h"
#include "../reports/html.h"
#include "../reports/report.h"

static int	cmd_report_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.alias = NULL,
	.usage = "imbalance|quality|duplicates [--format text|csv|json]"
	    " [--source NAME] [options]\n"
	    "       maskcat report html -o FILE.html [--source NAME]"
	    " [--gallery N]",
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
	    "   html        one self-contained page (-o FILE.html): overview,\n"
	    "               imbalance with charts, quality, duplicates, the\n"
	    "               latest split and audit with their photos\n"
	    "\n"
	    "options:\n"
	    "   --format F      text (default), csv or json\n"
	    "   --source NAME   only this source (see maskcat info)\n"
	    "   --limit N       quality: worst examples per issue (10);\n"
	    "                   duplicates: clusters listed in text (50; -1 all)\n"
	    "   -o, --output F  html: the page to write\n"
	    "   --gallery N     html: thumbnails per gallery at most (48)\n"
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
		{ "output", required_argument, NULL, 'o' },
		{ "gallery", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_report_entry;
	struct quality_opts		 qo;
	struct dup_opts			 dopt = { 3, 0, 50, 1 };
	struct html_opts		 ho;
	const char			*source = NULL, *kind, *output = NULL;
	char				**orig;
	double				 v, *target;
	long				 gallery = 48;
	int				 c, rc, fmt = REPORT_TEXT;

	quality_opts_default(&qo);
	/* getopt permutes argv: keep the command as typed for the page. */
	orig = xmallocarray((size_t)argc + 1, sizeof *orig);
	memcpy(orig, argv, ((size_t)argc + 1) * sizeof *orig);
	while ((c = getopt_long(argc, argv, "f:s:n:t:ao:", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'f':
			if ((fmt = report_format_parse(optarg)) < 0) {
				rc = cmd_usage_error(e, "unknown format '%s'"
				    " (text, csv or json)", optarg);
				goto out;
			}
			break;
		case 's':
			source = optarg;
			break;
		case 'n':
			if (number(optarg, &v) != 0 || v < -1) {
				rc = cmd_usage_error(e, "--limit wants a"
				    " number, not '%s'", optarg);
				goto out;
			}
			qo.limit = dopt.limit = (long)v;
			break;
		case 't':
			if (number(optarg, &v) != 0 || v < 0 || v > 15 ||
			    v != (int)v) {
				rc = cmd_usage_error(e, "--threshold wants a"
				    " whole number from 0 to 15, not '%s'",
				    optarg);
				goto out;
			}
			dopt.threshold = (int)v;
			break;
		case 'a':
			dopt.across = 1;
			break;
		case 'C':
			dopt.confirm = 0;
			break;
		case 'o':
			output = optarg;
			break;
		case 'g':
			if (number(optarg, &v) != 0 || v < 1 || v > 10000 ||
			    v != (long)v) {
				rc = cmd_usage_error(e, "--gallery wants a whole"
				    " number from 1 to 10000, not '%s'", optarg);
				goto out;
			}
			gallery = (long)v;
			break;
		case 1: case 2: case 3: case 4: case 5: case 6: case 7:
			target = c == 1 ? &qo.dark : c == 2 ? &qo.light :
			    c == 3 ? &qo.blurry : c == 4 ? &qo.low_info :
			    c == 5 ? &qo.grey : c == 6 ? &qo.aspect : &qo.size;
			if (number(optarg, target) != 0 || *target < 0) {
				rc = cmd_usage_error(e, "%s wants a number,"
				    " not '%s'", argv[optind - 1], optarg);
				goto out;
			}
			break;
		default:
			rc = cmd_usage_error(e, "unknown option");
			goto out;
		}
	}
	if (optind + 1 != argc) {
		rc = cmd_usage_error(e, optind == argc ? "needs a KIND" :
		    "too many arguments");
		goto out;
	}
	kind = argv[optind];
	if (strcmp(kind, "html") != 0 && output != NULL) {
		rc = cmd_usage_error(e, "-o is for report html; the other"
		    " reports print to standard output");
		goto out;
	}
	if (strcmp(kind, "imbalance") == 0)
		rc = report_imbalance(ctx->db, source, fmt, stdout) == 0 ?
		    MC_OK : MC_FAIL;
	else if (strcmp(kind, "quality") == 0)
		rc = report_quality(ctx->db, source, &qo, fmt, stdout) == 0 ?
		    MC_OK : MC_FAIL;
	else if (strcmp(kind, "duplicates") == 0)
		rc = report_duplicates(ctx->db, source, &dopt, fmt,
		    stdout) == 0 ? MC_OK : MC_FAIL;
	else if (strcmp(kind, "html") == 0) {
		if (output == NULL) {
			rc = cmd_usage_error(e, "report html needs -o FILE.html");
			goto out;
		}
		memset(&ho, 0, sizeof ho);
		ho.out = output;
		ho.source = source;
		ho.gallery = gallery;
		ho.db_path = ctx->db_path;
		ho.argc = argc;
		ho.argv = orig;
		rc = report_html(ctx->db, &ho) == 0 ? MC_OK : MC_FAIL;
	} else
		rc = cmd_usage_error(e, "unknown report '%s'", kind);
out:
	free(orig);
	return rc;
}
