/*
 * cmd/sheet.c: "maskcat sheet -o FILE.png": a contact sheet of samples,
 * audit flags, duplicate clusters or quarantined files.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../lib/err.h"
#include "../reports/sheet.h"

#define MAX_FILTERS	32

static int	cmd_sheet_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_sheet_entry = {
	.name = "sheet",
	.alias = NULL,
	.usage = "-o FILE.png [--flags AUDIT.csv | --cluster ID | --duplicates"
	    " | --quarantine | --class N | --where EXPR...] [--source NAME]"
	    " [--limit N] [--tile N] [--columns N] [--threshold D]",
	.summary = "draw a contact sheet (PNG) of samples, flags or duplicates",
	.help =
	    "Each tile is the image fitted in a square (EXIF orientation\n"
	    "applied, face boxes drawn: the sample's own box in yellow, the\n"
	    "others in green) with a caption: the labels (or the flag), then\n"
	    "the end of the path.  A file that cannot be read or decoded gets\n"
	    "a red cross and its reason, is reported, and the sheet is still\n"
	    "written; the exit status is then 1.  The sheet is\n"
	    "columns x tile pixels wide and rows x (tile + 30) high.\n"
	    "\n"
	    "selection (one of; default: every sample):\n"
	    "   --flags F       the rows of 'maskcat audit --format csv', in order\n"
	    "   --cluster ID    the duplicate cluster of an image: its catalog id,\n"
	    "                   PATH or SOURCE:PATH\n"
	    "   --duplicates    every duplicate cluster of 2+ images, one per row\n"
	    "   --quarantine    the quarantined files (grey when they do not decode)\n"
	    "   --class N       samples of class N (0-17); same as --where class=N\n"
	    "   --where EXPR    FIELD OP VALUE, repeatable (as export --where)\n"
	    "\n"
	    "options:\n"
	    "   -o, --output F  the PNG to write (required)\n"
	    "   --source NAME   only this source's samples\n"
	    "   --limit N       tiles at most (default 60)\n"
	    "   --tile N        tile side in pixels, 32-1024 (default 128)\n"
	    "   --columns N     tiles per row, 1-100 (default 8)\n"
	    "   --threshold D   near-duplicate distance, as report duplicates (3)\n",
	.flags = CMD_READ_DB,
	.exec = cmd_sheet_exec
};

enum sel { SEL_SAMPLES, SEL_FLAGS, SEL_CLUSTER, SEL_DUPLICATES,
	SEL_QUARANTINE };

static int
cmd_sheet_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "flags", required_argument, NULL, 'F' },
		{ "cluster", required_argument, NULL, 'C' },
		{ "duplicates", no_argument, NULL, 'D' },
		{ "quarantine", no_argument, NULL, 'Q' },
		{ "class", required_argument, NULL, 'c' },
		{ "where", required_argument, NULL, 'w' },
		{ "source", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		{ "tile", required_argument, NULL, 'T' },
		{ "columns", required_argument, NULL, 'n' },
		{ "threshold", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_sheet_entry;
	struct db_filter		 f[MAX_FILTERS];
	struct sheet_opts		 o = { 128, 8 };
	struct sheet			 s;
	enum sel			 sel = SEL_SAMPLES;
	const char			*out = NULL, *source = NULL;
	const char			*flags = NULL, *cluster = NULL;
	char				 *cls[MAX_FILTERS];
	size_t				 nf = 0, ncls = 0, i;
	long				 v, limit = 60, threshold = 3, failed = 0;
	int				 c, rc, nsel = 0;

	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'F':
			flags = optarg;
			sel = SEL_FLAGS;
			nsel++;
			break;
		case 'C':
			cluster = optarg;
			sel = SEL_CLUSTER;
			nsel++;
			break;
		case 'D':
			sel = SEL_DUPLICATES;
			nsel++;
			break;
		case 'Q':
			sel = SEL_QUARANTINE;
			nsel++;
			break;
		case 'c':
		case 'w':
			if (nf == MAX_FILTERS) {
				rc = cmd_usage_error(e, "at most %d --where and"
				    " --class", MAX_FILTERS);
				goto usage;
			}
			if (c == 'c') {
				if (cmd_parse_long(optarg, 0, 17, &v) != 0) {
					rc = cmd_usage_error(e, "--class wants a"
					    " class from 0 to 17");
					goto usage;
				}
				cls[ncls] = xasprintf("class=%ld", v);
				optarg = cls[ncls++];
			}
			if ((rc = cmd_add_where(e, optarg, f, &nf)) != MC_OK)
				goto usage;
			break;
		case 's':
			source = optarg;
			break;
		case 'l':
			if (cmd_parse_long(optarg, 1, 100000, &limit) != 0) {
				rc = cmd_usage_error(e, "--limit wants a whole"
				    " number from 1 to 100000");
				goto usage;
			}
			break;
		case 'T':
			if (cmd_parse_long(optarg, 32, 1024, &v) != 0) {
				rc = cmd_usage_error(e, "--tile wants a whole"
				    " number of pixels from 32 to 1024");
				goto usage;
			}
			o.tile = (int)v;
			break;
		case 'n':
			if (cmd_parse_long(optarg, 1, 100, &v) != 0) {
				rc = cmd_usage_error(e, "--columns wants a whole"
				    " number from 1 to 100");
				goto usage;
			}
			o.columns = (int)v;
			break;
		case 't':
			if (cmd_parse_long(optarg, 0, 15, &threshold) != 0) {
				rc = cmd_usage_error(e, "--threshold wants a"
				    " whole number from 0 to 15");
				goto usage;
			}
			break;
		default:
			rc = cmd_usage_error(e, "unknown option");
			goto usage;
		}
	}
	rc = MC_USAGE;
	if (optind < argc)
		cmd_usage_error(e, "unexpected argument '%s'", argv[optind]);
	else if (out == NULL)
		cmd_usage_error(e, "needs -o FILE.png");
	else if (nsel > 1 || (nsel == 1 && nf > 0))
		cmd_usage_error(e, "choose one selection: --flags, --cluster,"
		    " --duplicates, --quarantine, or --class/--where");
	else
		rc = MC_OK;
	if (rc != MC_OK)
		goto usage;

	sheet_init(&s, limit);
	switch (sel) {
	case SEL_FLAGS:
		rc = sheet_select_flags(ctx->db, flags, source, &s);
		break;
	case SEL_CLUSTER:
	case SEL_DUPLICATES:
		rc = sheet_select_clusters(ctx->db, source, (int)threshold,
		    cluster, &s);
		break;
	case SEL_QUARANTINE:
		rc = sheet_select_quarantine(ctx->db, source, &s);
		break;
	default:
		rc = sheet_select_samples(ctx->db, source, f, nf, &s);
		break;
	}
	if (rc == 0) {
		if (s.left_out > 0)
			note("sheet: %ld more tiles left out (--limit %ld)",
			    s.left_out, limit);
		rc = sheet_render(ctx->db, &s, &o, out, &failed);
	}
	if (rc == 0)
		note("wrote '%s': %zu tiles%s", out, s.n, failed + s.missing ?
		    ", some with errors" : "");
	rc = rc != 0 || failed > 0 || s.missing > 0 ? MC_FAIL : MC_OK;
	sheet_release(&s);
usage:
	for (i = 0; i < ncls; i++)
		free(cls[i]);
	return rc;
}
