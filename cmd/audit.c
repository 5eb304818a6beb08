/*
 * cmd/audit.c: "maskcat audit".
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "../audit/audit.h"
#include "../lib/err.h"

static int	cmd_audit_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.alias = NULL,
	.usage = "[--task mask|gender|age|all] [--source NAME] [--where EXPR]..."
	    " [--folds K] [--seed S] [--predictions FILE.csv]"
	    " [--format text|csv|json] [--limit N]",
	.summary = "find likely mislabels, swapped files and disagreeing duplicates",
	.help =
	    "Predicts every labelled sample's mask state, gender and age bin\n"
	    "with a model that never saw its person (K-fold, persons, face\n"
	    "boxes and duplicate clusters never split), then flags with\n"
	    "confident learning: photos for the mask state, persons for gender\n"
	    "and age.  Also flags base-layout persons whose files look swapped\n"
	    "and duplicate clusters whose labels disagree.  Features are cached\n"
	    "in the catalog.\n"
	    "\n"
	    "options:\n"
	    "   --task T           mask, gender, age or all (default)\n"
	    "   --source NAME      only this source's samples\n"
	    "   --where EXPR       as export: FIELD OP VALUE, repeatable\n"
	    "   --folds K          folds, 2-20 (5)\n"
	    "   --seed S           folds and training seed (0)\n"
	    "   --predictions F    out-of-fold probabilities from any model: a CSV\n"
	    "                      with path [, box] and the class columns of each\n"
	    "                      task (wear,incorrect,not_wear; male,female;\n"
	    "                      <30,30-59,60+)\n"
	    "   --swap-ratio R     likelihood ratio to flag swapped files (10)\n"
	    "   --dup-threshold D  near-duplicate distance for groups (3; -1 off)\n"
	    "   --format F         text (default), csv or json\n"
	    "   --limit N          flags listed per kind in text (20; -1 all)\n"
	    "   --rank R           self (self-confidence, default) or margin\n"
	    "                      (normalised margin): the score flags are\n"
	    "                      ranked by\n"
	    "   --jobs N           threads (default: the number of cores)\n",
	.flags = CMD_WRITE_DB,
	.exec = cmd_audit_exec
};

static int
cmd_audit_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "task", required_argument, NULL, 't' },
		{ "source", required_argument, NULL, 's' },
		{ "where", required_argument, NULL, 'w' },
		{ "folds", required_argument, NULL, 'k' },
		{ "seed", required_argument, NULL, 'S' },
		{ "predictions", required_argument, NULL, 'p' },
		{ "swap-ratio", required_argument, NULL, 'r' },
		{ "dup-threshold", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'n' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "rank", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = &cmd_audit_entry;
	struct audit_opts	 o;
	struct db_filter	*where;
	char			*end, **orig;
	long			 v, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int			 c, rc = MC_USAGE, f;

	memset(&o, 0, sizeof o);
	o.tasks = 7;
	o.folds = 5;
	o.jobs = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (int)ncpu;
	o.dup_threshold = 3;
	o.swap_ratio = 10;
	o.limit = 20;
	o.fmt = REPORT_TEXT;
	where = xcalloc((size_t)argc + 1, sizeof *where);
	o.where = where;
	/* getopt permutes argv: keep the command as typed. */
	orig = xmallocarray((size_t)argc + 1, sizeof *orig);
	memcpy(orig, argv, ((size_t)argc + 1) * sizeof *orig);
	o.argc = argc;
	o.argv = orig;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (strcmp(optarg, "all") == 0)
				o.tasks = 7;
			else if (strcmp(optarg, "mask") == 0)
				o.tasks = 1u << AUDIT_MASK;
			else if (strcmp(optarg, "gender") == 0)
				o.tasks = 1u << AUDIT_GENDER;
			else if (strcmp(optarg, "age") == 0)
				o.tasks = 1u << AUDIT_AGE;
			else {
				rc = cmd_usage_error(e, "--task wants mask,"
				    " gender, age or all");
				goto out;
			}
			break;
		case 's':
			o.source = optarg;
			break;
		case 'w':
			if ((rc = cmd_add_where(e, optarg, where,
			    &o.nwhere)) != MC_OK)
				goto out;
			break;
		case 'k':
			if (cmd_parse_long(optarg, 2, 20, &v) != 0) {
				rc = cmd_usage_error(e, "--folds wants 2 to 20");
				goto out;
			}
			o.folds = (int)v;
			break;
		case 'S':
			if (cmd_parse_seed(optarg, &o.seed) != 0) {
				rc = cmd_usage_error(e, "--seed wants a whole"
				    " number >= 0");
				goto out;
			}
			break;
		case 'p':
			o.predictions = optarg;
			break;
		case 'r':
			o.swap_ratio = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    !(o.swap_ratio >= 1)) {
				rc = cmd_usage_error(e, "--swap-ratio wants a"
				    " number >= 1");
				goto out;
			}
			break;
		case 'd':
			if (cmd_parse_long(optarg, -1, 15, &v) != 0) {
				rc = cmd_usage_error(e, "--dup-threshold wants"
				    " -1 (off) to 15");
				goto out;
			}
			o.dup_threshold = (int)v;
			break;
		case 'f':
			if ((f = report_format_parse(optarg)) < 0) {
				rc = cmd_usage_error(e, "--format wants text,"
				    " csv or json");
				goto out;
			}
			o.fmt = (enum report_format)f;
			break;
		case 'n':
			if (cmd_parse_long(optarg, -1, LONG_MAX, &o.limit) !=
			    0) {
				rc = cmd_usage_error(e, "--limit wants a whole"
				    " number >= -1");
				goto out;
			}
			break;
		case 'j':
			if (cmd_parse_long(optarg, 1, 64, &v) != 0) {
				rc = cmd_usage_error(e, "--jobs wants 1 to 64");
				goto out;
			}
			o.jobs = (int)v;
			break;
		case 'R':
			if (strcmp(optarg, "self") == 0)
				o.rank_margin = 0;
			else if (strcmp(optarg, "margin") == 0)
				o.rank_margin = 1;
			else {
				rc = cmd_usage_error(e, "--rank wants self or"
				    " margin");
				goto out;
			}
			break;
		default:
			rc = cmd_usage_error(e, "unknown option");
			goto out;
		}
	}
	if (argc - optind != 0) {
		rc = cmd_usage_error(e, "takes no arguments");
		goto out;
	}
	rc = audit_run(ctx->db, &o, stdout) == 0 ? MC_OK : MC_FAIL;
out:
	free(where);
	free(orig);
	return rc;
}
