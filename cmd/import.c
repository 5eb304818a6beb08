/*
 * cmd/import.c: "maskcat import FORMAT DIR [--name NAME]".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "../importers/importer.h"
#include "../importers/kaggle.h"
#include "../importers/labelmap.h"
#include "../lib/err.h"

static int	cmd_import_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.alias = NULL,
	.usage = "FORMAT PATH [--name NAME] [--map NAME=STATE]... [--map-file F]"
	    " [--license TEXT] [--jobs N]",
	.summary = "import a dataset into the catalog (idempotent: rerun to"
	    " resume or refresh)",
	.help =
	    "formats:\n"
	    "   auto       recognise the layout and say which it is\n"
	    "   base       PATH holds train.csv and images/ (or PATH/train does)\n"
	    "   csv        PATH is a CSV manifest; image paths are relative to it\n"
	    "   kaggle     PATH is OWNER/SLUG: fetch the zip with the kaggle CLI\n"
	    "              into --cache DIR (unless there), import it as the\n"
	    "              registry says (else auto)\n"
	    "   eval       PATH holds info.csv and images/ (or PATH/eval does)\n"
	    "   folder     class folders: PATH/[<split>/]<class>/<images>\n"
	    "   maskedface MaskedFace-Net names: NNNNN_Mask[_Chin|_Mouth_Chin|\n"
	    "              _Nose_Mouth].jpg anywhere below PATH\n"
	    "   utkface    UTKFace names: <age>_<gender>_<race>_<datetime>.jpg\n"
	    "\n"
	    "PATH is a folder or a .zip archive (read in place, never unpacked).\n"
	    "\n"
	    "options:\n"
	    "   --name NAME         the source's name in the catalog (default:\n"
	    "                       the format's name); one name per folder\n"
	    "   --map NAME=STATE    map a label name to wear, incorrect, not_wear\n"
	    "                       or ignore (repeatable; overrides built-ins)\n"
	    "   --map-file FILE     NAME=STATE lines ('#' comments)\n"
	    "   --license TEXT      the licence, recorded with the source\n"
	    "   --jobs N            threads reading and probing the files\n"
	    "                       (1 to 64; default: the number of cores, at\n"
	    "                       most 16); the catalog is the same for any N\n"
	    "   --cache DIR         kaggle: where zips are kept (default\n"
	    "                       ~/.cache/maskcat/kaggle)\n"
	    "   --path-col C, --label-col C, --gender-col C, --age-col C,\n"
	    "   --person-col C      csv: the manifest's columns, by header name\n"
	    "                       or 1-based number (path and label needed)\n"
	    "\n"
	    "Files that cannot be used are quarantined with the reason and the\n"
	    "rest is imported; the exit status is then 1.\n",
	.flags = CMD_WRITE_DB,
	.exec = cmd_import_exec
};

/* The command line as one string, for the imports table. */
static char *
join_argv(int argc, char **argv)
{
	size_t	 len = sizeof "maskcat", i;
	char	*s;

	for (i = 0; i < (size_t)argc; i++)
		len += strlen(argv[i]) + 1;
	s = xmalloc(len);
	strcpy(s, "maskcat");
	for (i = 0; i < (size_t)argc; i++) {
		strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static int
cmd_import_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "map", required_argument, NULL, 'm' },
		{ "map-file", required_argument, NULL, 'M' },
		{ "license", required_argument, NULL, 'l' },
		{ "cache", required_argument, NULL, 'C' },
		{ "path-col", required_argument, NULL, 'P' },
		{ "label-col", required_argument, NULL, 'L' },
		{ "gender-col", required_argument, NULL, 'G' },
		{ "age-col", required_argument, NULL, 'A' },
		{ "person-col", required_argument, NULL, 'R' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct label_map		*map = label_map_new();
	char				 why[256];
	const struct importer		*imp;
	struct import_opts		 opts;
	struct import_stats		 st;
	const struct kaggle_dataset	*kd;
	const char			*cache = NULL, *path;
	char				*command, *zip = NULL;
	long				 v, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int				 c, rc = MC_OK;

	memset(&opts, 0, sizeof opts);
	opts.jobs = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (int)ncpu;
	while ((c = getopt_long(argc, argv, "n:m:M:l:C:P:L:G:A:R:j:", longopts,
	    NULL)) !=
	    -1) {
		switch (c) {
		case 'n':
			if (*optarg == '\0') {
				rc = cmd_usage_error(&cmd_import_entry,
				    "--name needs a non-empty name");
				goto out;
			}
			opts.source_name = optarg;
			break;
		case 'm':
			if (label_map_add(map, optarg, why) != 0) {
				rc = cmd_usage_error(&cmd_import_entry,
				    "--map: %s", why);
				goto out;
			}
			break;
		case 'M':
			if (label_map_load(map, optarg) != 0) {
				rc = MC_FAIL;
				goto out;
			}
			break;
		case 'l':
			opts.license = optarg;
			break;
		case 'C':
			cache = optarg;
			break;
		case 'P':
			opts.path_col = optarg;
			break;
		case 'L':
			opts.label_col = optarg;
			break;
		case 'G':
			opts.gender_col = optarg;
			break;
		case 'A':
			opts.age_col = optarg;
			break;
		case 'R':
			opts.person_col = optarg;
			break;
		case 'j':
			if (cmd_parse_long(optarg, 1, 64, &v) != 0) {
				rc = cmd_usage_error(&cmd_import_entry,
				    "--jobs wants 1 to 64");
				goto out;
			}
			opts.jobs = (int)v;
			break;
		default:
			rc = cmd_usage_error(&cmd_import_entry,
			    "unknown option");
			goto out;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2) {
		rc = cmd_usage_error(&cmd_import_entry, argc < 2 ?
		    "needs a FORMAT and a PATH" : "too many arguments");
		goto out;
	}
	path = argv[1];
	if (strcmp(argv[0], "kaggle") == 0) {
		if (kaggle_fetch(argv[1], cache, &zip) != 0) {
			rc = MC_FAIL;
			goto out;
		}
		path = zip;
		opts.slug = argv[1];
		if ((kd = kaggle_lookup(argv[1])) != NULL) {
			imp = importer_find(kd->format);
			if (opts.license == NULL)
				opts.license = kd->license;
		} else
			imp = importer_detect(zip);
		if (imp == NULL) {
			if (kd != NULL)
				error("this maskcat cannot import the %s"
				    " layout of '%s'", kd->format, argv[1]);
			rc = MC_FAIL;
			goto out;
		}
		if (opts.source_name == NULL)
			opts.source_name = strchr(argv[1], '/') + 1;
		fprintf(stderr, "maskcat: import kaggle: '%s' (%s) holds the %s"
		    " layout\n", argv[1], zip, imp->name);
	} else if (strcmp(argv[0], "auto") == 0) {
		if ((imp = importer_detect(argv[1])) == NULL) {
			rc = MC_FAIL;
			goto out;
		}
		fprintf(stderr, "maskcat: import auto: '%s' holds the %s"
		    " layout\n", argv[1], imp->name);
	} else if ((imp = importer_find(argv[0])) == NULL) {
		rc = cmd_usage_error(&cmd_import_entry, "unknown format '%s'"
		    " (see maskcat import --help)", argv[0]);
		goto out;
	}
	opts.quiet = ctx->quiet;
	opts.map = map;
	command = join_argv(argc + optind, argv - optind);
	opts.command = command;
	rc = import_run(ctx->db, imp, path, &opts, &st);
	free(command);
	if (rc != 0) {
		rc = MC_FAIL;
		goto out;
	}
	printf("imported %ld images of %ld persons from '%s' as source '%s'"
	    " (%ld unchanged, %ld quarantined, %ld warnings, %ld removed,"
	    " %ld dot-files skipped)\n", st.images, st.persons, argv[1],
	    opts.source_name ? opts.source_name : imp->source_name, st.cached,
	    st.quarantined, st.warnings, st.removed, st.skipped);
	if (st.boxes > 0 || st.ignored > 0 || st.duplicates > 0)
		printf("%ld face boxes, %ld ignored by the label map, %ld"
		    " byte-identical duplicates of earlier images\n", st.boxes,
		    st.ignored, st.duplicates);
	rc = st.quarantined > 0 ? MC_FAIL : MC_OK;
out:
	free(zip);
	label_map_free(map);
	return rc;
}
