/*
 * cmd/plot.c: "maskcat plot KIND -o FILE.png|FILE.svg [--source NAME]
 * [--size WxH] [--report JSON] [--script]".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../reports/plot.h"

static int	cmd_plot_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_plot_entry = {
	.name = "plot",
	.alias = NULL,
	.usage = "classes|ages|cube|sources|split -o FILE.png|FILE.svg"
	    " [--source NAME] [--size WxH] [--report JSON] [--script]",
	.summary = "draw a chart of the catalog with gnuplot",
	.help =
	    "kinds:\n"
	    "   classes   images per class (18 bars), scarce classes in red\n"
	    "   ages      persons by age, bin edges at 30 and 60\n"
	    "   cube      samples by mask state, grouped by gender x age bin\n"
	    "   sources   samples by mask state, one stacked bar per source\n"
	    "   split     per stratum, the whole's share and each side's, from\n"
	    "             an export's split report (--report)\n"
	    "\n"
	    "options:\n"
	    "   -o FILE         the chart: .png (pngcairo, else png) or .svg\n"
	    "   --source NAME   only this source (see maskcat info)\n"
	    "   --size WxH      pixels (default 1000x600)\n"
	    "   --report JSON   split: OUT/split_report.json of maskcat export\n"
	    "   --script        print the gnuplot script instead of running it\n"
	    "\n"
	    "gnuplot runs without a shell; MASKCAT_GNUPLOT names another\n"
	    "binary.  FILE is replaced only when gnuplot succeeded.\n",
	.flags = CMD_READ_DB,
	.exec = cmd_plot_exec
};

/* Parses "WxH" with both sides in 100..10000; 0 or -1. */
static int
parse_size(const char *s, int *w, int *h)
{
	const char	*x = strchr(s, 'x');
	char		 num[16];
	long		 v;

	if (x == NULL || (size_t)(x - s) >= sizeof num)
		return -1;
	memcpy(num, s, (size_t)(x - s));
	num[x - s] = '\0';
	if (cmd_parse_long(num, 100, 10000, &v) != 0)
		return -1;
	*w = (int)v;
	if (cmd_parse_long(x + 1, 100, 10000, &v) != 0)
		return -1;
	*h = (int)v;
	return 0;
}

static int
cmd_plot_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "source", required_argument, NULL, 's' },
		{ "size", required_argument, NULL, 'z' },
		{ "report", required_argument, NULL, 'r' },
		{ "script", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_plot_entry;
	struct plot_opts		 o = { 0 };
	const char			*output = NULL;
	char				*script;
	size_t				 len;
	int				 c, kind, format, script_only = 0;

	o.width = 1000;
	o.height = 600;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 's':
			o.source = optarg;
			break;
		case 'z':
			if (parse_size(optarg, &o.width, &o.height) != 0)
				return cmd_usage_error(e, "--size wants WxH,"
				    " each from 100 to 10000, not '%s'", optarg);
			break;
		case 'r':
			o.report = optarg;
			break;
		case 'S':
			script_only = 1;
			break;
		default:
			return cmd_usage_error(e, "unknown option");
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(e, argc - optind ? "one chart at a time" :
		    "which chart? classes, ages, cube, sources or split");
	if ((kind = plot_kind_parse(argv[optind])) < 0)
		return cmd_usage_error(e, "unknown chart '%s'", argv[optind]);
	o.kind = (enum plot_kind)kind;
	if (output == NULL)
		return cmd_usage_error(e, "needs -o FILE.png or -o FILE.svg");
	if ((format = plot_format_for(output)) < 0)
		return cmd_usage_error(e, "cannot tell the format of '%s':"
		    " name it .png or .svg", output);
	o.format = (enum plot_format)format;
	if (o.kind == PLOT_SPLIT && o.report == NULL)
		return cmd_usage_error(e, "split needs --report"
		    " OUT/split_report.json");
	if (o.kind != PLOT_SPLIT && o.report != NULL)
		return cmd_usage_error(e, "--report is for plot split only");
	if (o.kind == PLOT_SPLIT && o.source != NULL)
		return cmd_usage_error(e, "--source does not apply to plot"
		    " split");
	if (!script_only)
		return plot_draw(ctx->db, &o, output) == 0 ? MC_OK : MC_FAIL;
	if (plot_script(ctx->db, &o, output, &script, &len) != 0)
		return MC_FAIL;
	fwrite(script, 1, len, stdout);
	free(script);
	return MC_OK;
}
