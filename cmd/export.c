/*
 * cmd/export.c: "maskcat export OUT [options]".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "../export/export.h"
#include "../lib/err.h"

static int	cmd_export_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.alias = NULL,
	.usage = "OUT [--source NAME] [--where EXPR]... [--valid F | --folds K]"
	    " [--seed S] [--balance M] [--balance-by K] [--size WxH]"
	    " [--crop C] [--format F] [--quality Q] [--layout L]"
	    " [--classes N] [--force]",
	.summary = "write a leak-free, stratified train/valid split",
	.help =
	    "Writes the catalogued samples (face boxes, or whole images) into\n"
	    "the new folder OUT.  A person's photos, an image's face boxes and\n"
	    "each cluster of duplicates always go to one side; class shares\n"
	    "match the whole on both sides.  Manifests OUT/train.csv and\n"
	    "OUT/valid.csv (or OUT/folds.csv) list every file with its labels,\n"
	    "origin and XXH3; OUT/split_report.json and OUT/export.json say how\n"
	    "it was made ('maskcat verify OUT' checks it).  OUT is written\n"
	    "beside itself and renamed into place: never half-written.\n"
	    "\n"
	    "options:\n"
	    "   --source NAME     only this source's samples\n"
	    "   --where EXPR      FIELD OP VALUE, repeatable (ANDed): fields source\n"
	    "                     kind person path label split race format mask\n"
	    "                     gender age_bin age class width height; OP one of\n"
	    "                     = != < <= > >=; e.g. age>=60, mask=incorrect\n"
	    "   --valid F         share of samples in valid (0.2)\n"
	    "   --folds K         K-fold assignment instead (2-100): OUT/images and\n"
	    "                     OUT/folds.csv with a fold column\n"
	    "   --seed S          the split and balancing seed (0)\n"
	    "   --balance M       train side: none, oversample, undersample, weights\n"
	    "   --balance-by K    class (default), mask, age, gender-age\n"
	    "   --size WxH        output size, e.g. 224x224 (default: keep)\n"
	    "   --crop C          none (default), center, box, face-region\n"
	    "   --margin F        around a face box, share of its size (0.2)\n"
	    "   --format F        jpg (default) or png\n"
	    "   --quality Q       JPEG quality 1-100 (95)\n"
	    "   --layout L        imagefolder (default: OUT/train/<class>/...) or\n"
	    "                     base (OUT/train/images/<person>/ + train.csv)\n"
	    "   --classes N       imagefolder folders: class (00-17) or mask\n"
	    "   --dup-threshold D near-duplicate distance for grouping (3; -1 off)\n"
	    "   --jobs N          threads (default: the number of cores)\n"
	    "   --force           replace a non-empty OUT\n",
	.flags = CMD_WRITE_DB,
	.exec = cmd_export_exec
};

/* Looks 's' up in a NULL-terminated list of words; its index or -1. */
static int
word_index(const char *s, const char *const *words)
{
	int	i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

static const char *const balances[] = { "none", "oversample", "undersample",
    "weights", NULL };
static const char *const bys[] = { "class", "mask", "age", "gender-age", NULL };
static const char *const crops[] = { "none", "center", "box", "face-region",
    NULL };
static const char *const layouts[] = { "imagefolder", "base", NULL };
static const char *const classes[] = { "class", "mask", NULL };

/* --size WxH or keep; 0 or -1. */
static int
parse_size(const char *s, int *w, int *h)
{
	char	*end, *end2;
	long	 a, b;

	if (strcmp(s, "keep") == 0) {
		*w = *h = 0;
		return 0;
	}
	a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	b = strtol(end + 1, &end2, 10);
	if (end2 == end + 1 || *end2 != '\0' || a < 1 || b < 1 || a > 8192 ||
	    b > 8192)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int
cmd_export_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "where", required_argument, NULL, 'w' },
		{ "valid", required_argument, NULL, 'v' },
		{ "folds", required_argument, NULL, 'k' },
		{ "seed", required_argument, NULL, 'S' },
		{ "balance", required_argument, NULL, 'b' },
		{ "balance-by", required_argument, NULL, 'B' },
		{ "size", required_argument, NULL, 'z' },
		{ "crop", required_argument, NULL, 'c' },
		{ "margin", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "quality", required_argument, NULL, 'q' },
		{ "layout", required_argument, NULL, 'l' },
		{ "classes", required_argument, NULL, 'C' },
		{ "dup-threshold", required_argument, NULL, 'd' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = &cmd_export_entry;
	struct export_opts	 o;
	struct db_filter	*where;
	char			**orig, *end;
	long			 v, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int			 c, i, rc;

	memset(&o, 0, sizeof o);
	o.valid = 0.2;
	o.balance = BAL_NONE;
	o.balance_by = BY_CLASS;
	o.crop = IMG_CROP_NONE;
	o.margin = 0.2;
	o.format = IMG_JPEG;
	o.quality = 95;
	o.layout = LAYOUT_IMAGEFOLDER;
	o.classes = CLASSES_CLASS;
	o.dup_threshold = 3;
	o.jobs = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (int)ncpu;
	o.db_path = ctx->db_path;
	/* getopt permutes argv: keep the command as typed for export.json. */
	orig = xmallocarray((size_t)argc + 1, sizeof *orig);
	memcpy(orig, argv, ((size_t)argc + 1) * sizeof *orig);
	o.argc = argc;
	o.argv = orig;
	where = xcalloc((size_t)argc + 1, sizeof *where);
	o.where = where;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o.source = optarg;
			break;
		case 'w':
			if ((rc = cmd_add_where(e, optarg, where,
			    &o.nwhere)) != MC_OK)
				goto out;
			break;
		case 'v':
			o.valid = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || !(o.valid > 0) ||
			    !(o.valid < 1)) {
				rc = cmd_usage_error(e, "--valid wants a share"
				    " between 0 and 1, e.g. 0.2");
				goto out;
			}
			break;
		case 'k':
			if (cmd_parse_long(optarg, 2, 100, &v) != 0) {
				rc = cmd_usage_error(e, "--folds wants 2 to"
				    " 100");
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
		case 'b':
			if ((i = word_index(optarg, balances)) < 0) {
				rc = cmd_usage_error(e, "--balance wants none,"
				    " oversample, undersample or weights");
				goto out;
			}
			o.balance = (enum export_balance)i;
			break;
		case 'B':
			if ((i = word_index(optarg, bys)) < 0) {
				rc = cmd_usage_error(e, "--balance-by wants"
				    " class, mask, age or gender-age");
				goto out;
			}
			o.balance_by = (enum export_by)i;
			break;
		case 'z':
			if (parse_size(optarg, &o.width, &o.height) != 0) {
				rc = cmd_usage_error(e, "--size wants WxH (1"
				    " to 8192 each, e.g. 224x224) or keep");
				goto out;
			}
			break;
		case 'c':
			if ((i = word_index(optarg, crops)) < 0) {
				rc = cmd_usage_error(e, "--crop wants none,"
				    " center, box or face-region");
				goto out;
			}
			o.crop = (enum img_crop)i;
			break;
		case 'm':
			o.margin = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    !(o.margin >= 0) || o.margin > 2) {
				rc = cmd_usage_error(e, "--margin wants 0 to 2");
				goto out;
			}
			break;
		case 'f':
			if (strcmp(optarg, "jpg") == 0 ||
			    strcmp(optarg, "jpeg") == 0)
				o.format = IMG_JPEG;
			else if (strcmp(optarg, "png") == 0)
				o.format = IMG_PNG;
			else {
				rc = cmd_usage_error(e, "--format wants jpg or"
				    " png");
				goto out;
			}
			break;
		case 'q':
			if (cmd_parse_long(optarg, 1, 100, &v) != 0) {
				rc = cmd_usage_error(e, "--quality wants 1 to"
				    " 100");
				goto out;
			}
			o.quality = (int)v;
			break;
		case 'l':
			if ((i = word_index(optarg, layouts)) < 0) {
				rc = cmd_usage_error(e, "--layout wants"
				    " imagefolder or base");
				goto out;
			}
			o.layout = (enum export_layout)i;
			break;
		case 'C':
			if ((i = word_index(optarg, classes)) < 0) {
				rc = cmd_usage_error(e, "--classes wants class"
				    " or mask");
				goto out;
			}
			o.classes = (enum export_classes)i;
			break;
		case 'd':
			if (cmd_parse_long(optarg, -1, 15, &v) != 0) {
				rc = cmd_usage_error(e, "--dup-threshold wants"
				    " -1 (off) to 15");
				goto out;
			}
			o.dup_threshold = (int)v;
			break;
		case 'j':
			if (cmd_parse_long(optarg, 1, 64, &v) != 0) {
				rc = cmd_usage_error(e, "--jobs wants 1 to 64");
				goto out;
			}
			o.jobs = (int)v;
			break;
		case 'F':
			o.force = 1;
			break;
		default:
			rc = cmd_usage_error(e, "unknown option");
			goto out;
		}
	}
	if (argc - optind != 1) {
		rc = cmd_usage_error(e, "needs exactly one output folder");
		goto out;
	}
	o.out = argv[optind];
	if (o.folds >= 2 && o.balance != BAL_NONE) {
		rc = cmd_usage_error(e, "--balance needs a train side: it does"
		    " not go with --folds");
		goto out;
	}
	if (o.layout == LAYOUT_BASE && o.folds >= 2) {
		rc = cmd_usage_error(e, "--layout base writes train and valid;"
		    " use --layout imagefolder with --folds");
		goto out;
	}
	if (o.layout == LAYOUT_BASE && o.balance == BAL_OVERSAMPLE) {
		rc = cmd_usage_error(e, "the base layout has one file per mask"
		    " name and person, so no room for repeated photos; use"
		    " --balance weights, or --layout imagefolder");
		goto out;
	}
	rc = export_run(ctx->db, &o, stdout) == 0 ? MC_OK : MC_FAIL;
out:
	free(where);
	free(orig);
	return rc;
}
