/*
 * cmd/import.c: "maskcat import FORMAT DIR [--name NAME]".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../importers/importer.h"
#include "../lib/err.h"

static int	cmd_import_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.alias = NULL,
	.usage = "FORMAT DIR [--name NAME]",
	.summary = "import a dataset into the catalog (idempotent: rerun to"
	    " resume or refresh)",
	.help =
	    "formats:\n"
	    "   base       DIR holds train.csv and images/ (or DIR/train does)\n"
	    "   eval       DIR holds info.csv and images/ (or DIR/eval does)\n"
	    "\n"
	    "options:\n"
	    "   --name NAME   the source's name in the catalog (default: the\n"
	    "                 format's name); one name per folder\n"
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
		{ NULL, 0, NULL, 0 }
	};
	const struct importer		*imp;
	struct import_opts		 opts;
	struct import_stats		 st;
	char				*command;
	int				 c, rc;

	memset(&opts, 0, sizeof opts);
	while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (*optarg == '\0')
				return cmd_usage_error(&cmd_import_entry,
				    "--name needs a non-empty name");
			opts.source_name = optarg;
			break;
		default:
			return cmd_usage_error(&cmd_import_entry,
			    "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		return cmd_usage_error(&cmd_import_entry,
		    argc < 2 ? "needs a FORMAT and a DIR" : "too many arguments");
	if ((imp = importer_find(argv[0])) == NULL)
		return cmd_usage_error(&cmd_import_entry, "unknown format '%s'"
		    " (see maskcat import --help)", argv[0]);
	opts.quiet = ctx->quiet;
	command = join_argv(argc + optind, argv - optind);
	opts.command = command;
	rc = import_run(ctx->db, imp, argv[1], &opts, &st);
	free(command);
	if (rc != 0)
		return MC_FAIL;
	printf("imported %ld images of %ld persons from '%s' as source '%s'"
	    " (%ld unchanged, %ld quarantined, %ld warnings, %ld removed,"
	    " %ld dot-files skipped)\n", st.images, st.persons, argv[1],
	    opts.source_name ? opts.source_name : imp->source_name, st.cached,
	    st.quarantined, st.warnings, st.removed, st.skipped);
	return st.quarantined > 0 ? MC_FAIL : MC_OK;
}
