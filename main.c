/*
 * main.c: global options, parsed by hand, then the command table.
 *
 *   maskcat [--db PATH] [--quiet] [--max-pixels N ...] COMMAND [ARGS]
 *
 * The limits on input (lib/limits.h) are set here, from their options
 * and then their environment variables, before any command runs.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maskcat.h"
#include "cmd/cmd.h"
#include "lib/err.h"
#include "lib/limits.h"

int
main(int argc, char **argv)
{
	struct mc_ctx		 ctx;
	const struct cmd_entry	*e;
	const char		*env;
	int			 i, rc;

	/*
	 * Names inside zip archives are UTF-8; libarchive converts them to
	 * the locale's charset, which in the C locale loses every non-ASCII
	 * letter.  A UTF-8 LC_CTYPE keeps them as they are, whatever the
	 * user's locale; messages and numbers stay in the C locale.
	 */
	setlocale(LC_CTYPE, "C.UTF-8");
	memset(&ctx, 0, sizeof ctx);
	ctx.db_path = "maskcat.db";
	if ((env = getenv("MASKCAT_DB")) != NULL && *env != '\0')
		ctx.db_path = env;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "maskcat: error: --db needs a"
				    " path\n");
				return MC_USAGE;
			}
			ctx.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0)
			ctx.db_path = argv[i] + 5;
		else if ((rc = limits_option(argc, argv, &i)) != 0) {
			if (rc < 0)
				return MC_USAGE;
		} else if (strcmp(argv[i], "--quiet") == 0 ||
		    strcmp(argv[i], "-q") == 0)
			ctx.quiet = err_quiet = 1;
		else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			cmd_list(stdout);
			return MC_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("maskcat %s\n", MASKCAT_VERSION);
			return MC_OK;
		} else {
			fprintf(stderr, "maskcat: error: unknown option '%s'\n",
			    argv[i]);
			cmd_list(stderr);
			return MC_USAGE;
		}
	}
	if (limits_from_env() != 0)
		return MC_USAGE;
	if (i >= argc) {
		cmd_list(stderr);
		return MC_USAGE;
	}
	if ((e = cmd_find(argv[i])) == NULL) {
		fprintf(stderr, "maskcat: error: unknown command '%s'; see"
		    " 'maskcat help'\n", argv[i]);
		return MC_USAGE;
	}
	return cmd_run(e, &ctx, argc - i, argv + i);
}
