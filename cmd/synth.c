/*
 * cmd/synth.c: "maskcat synth DIR", the built-in sample generator.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../synth/plan.h"
#include "../synth/synth.h"

static int	cmd_synth_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_synth_entry = {
	.name = "synth",
	.alias = NULL,
	.usage = "DIR [--persons N] [--seed S] [--eval N] [--errors TRUTH.csv]"
	    " [--error-rate R] [--jobs N]",
	.summary = "write a synthetic sample in the base layout",
	.help =
	    "Writes DIR/train (train.csv, images/<id>_<gender>_Asian_<age>/)\n"
	    "and DIR/eval (info.csv, images/), with drawn people whose mask,\n"
	    "gender and age show in the pixels.  Refuses an existing\n"
	    "DIR/train or DIR/eval.\n\n"
	    "  --persons N       persons, 1-100000 (default 2700)\n"
	    "  --seed S          same seed, same bytes (default 1)\n"
	    "  --eval N          eval images (default 12600 * persons / 2700)\n"
	    "  --errors FILE     inject label errors; write their truth to FILE\n"
	    "  --dirt FILE       make some photos dark, blurry, or copies of\n"
	    "                    another person's photo (byte-identical or\n"
	    "                    re-encoded); write their truth to FILE\n"
	    "  --dirt-rate R     share of photos made dirty (default 0.01)\n"
	    "  --error-rate R    share of persons with an error (default 0.03)\n"
	    "  --jobs N          drawing threads (default: one per CPU)\n",
	.flags = 0,
	.exec = cmd_synth_exec
};

static int
cmd_synth_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "persons", required_argument, NULL, 'p' },
		{ "seed", required_argument, NULL, 's' },
		{ "eval", required_argument, NULL, 'e' },
		{ "errors", required_argument, NULL, 'E' },
		{ "error-rate", required_argument, NULL, 'r' },
		{ "dirt", required_argument, NULL, 'D' },
		{ "dirt-rate", required_argument, NULL, 'R' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_synth_entry;
	struct synth_opts		 o = { 0 };
	struct synth_stats		 st = { 0 };
	long			 v;
	char				*end;
	int				 c, rate_given = 0, dirt_rate_given = 0;

	(void)ctx;
	o.persons = SYNTH_REAL_PERSONS;
	o.eval_images = -1;
	o.seed = 1;
	o.error_rate = 0.03;
	o.dirt_rate = 0.01;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (cmd_parse_long(optarg, 1, SYNTH_MAX_PERSONS, &v) != 0)
				return cmd_usage_error(e, "--persons wants a "
				    "whole number from 1 to %d, not '%s'",
				    SYNTH_MAX_PERSONS, optarg);
			o.persons = (int)v;
			break;
		case 's':
			if (cmd_parse_seed(optarg, &o.seed) != 0)
				return cmd_usage_error(e, "--seed wants a "
				    "non-negative 64-bit number, not '%s'",
				    optarg);
			break;
		case 'e':
			if (cmd_parse_long(optarg, 0, SYNTH_MAX_EVAL, &v) != 0)
				return cmd_usage_error(e, "--eval wants a "
				    "whole number from 0 to %d, not '%s'",
				    SYNTH_MAX_EVAL, optarg);
			o.eval_images = (int)v;
			break;
		case 'E':
			if (*optarg == '\0')
				return cmd_usage_error(e, "--errors wants a "
				    "file name");
			o.errors_csv = optarg;
			break;
		case 'r':
			rate_given = 1;
			errno = 0;
			o.error_rate = strtod(optarg, &end);
			if (errno != 0 || *optarg == '\0' || *end != '\0' ||
			    !(o.error_rate >= 0 && o.error_rate <= 1))
				return cmd_usage_error(e, "--error-rate wants a "
				    "number from 0 to 1, not '%s'", optarg);
			break;
		case 'D':
			if (*optarg == '\0')
				return cmd_usage_error(e, "--dirt wants a "
				    "file name");
			o.dirt_csv = optarg;
			break;
		case 'R':
			dirt_rate_given = 1;
			errno = 0;
			o.dirt_rate = strtod(optarg, &end);
			if (errno != 0 || *optarg == '\0' || *end != '\0' ||
			    !(o.dirt_rate >= 0 && o.dirt_rate <= 0.5))
				return cmd_usage_error(e, "--dirt-rate wants a "
				    "number from 0 to 0.5, not '%s'", optarg);
			break;
		case 'j':
			if (cmd_parse_long(optarg, 1, 16, &v) != 0)
				return cmd_usage_error(e, "--jobs wants a "
				    "whole number from 1 to 16, not '%s'",
				    optarg);
			o.jobs = (int)v;
			break;
		case ':':
			return cmd_usage_error(e, "option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return cmd_usage_error(e, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cmd_usage_error(e, "missing DIR");
	if (optind + 1 < argc)
		return cmd_usage_error(e, "too many arguments");
	if (argv[optind][0] == '\0')
		return cmd_usage_error(e, "DIR is empty");
	if (rate_given && o.errors_csv == NULL)
		return cmd_usage_error(e, "--error-rate needs --errors");
	if (dirt_rate_given && o.dirt_csv == NULL)
		return cmd_usage_error(e, "--dirt-rate needs --dirt");
	o.dir = argv[optind];
	if (synth_dataset(&o, &st) != 0)
		return MC_FAIL;
	printf("synth: %d persons, %d photos, %d eval images, %d errors "
	    "injected, %d dirty photos, written to '%s'\n", st.persons,
	    st.photos, st.eval_images, st.errors, st.dirt, o.dir);
	return MC_OK;
}
