/*
 * maskcat.h: process-wide definitions shared by every room: exit codes and
 * the context that cmd_run() hands to each command.
 */
#ifndef MASKCAT_H
#define MASKCAT_H

#include <sqlite3.h>

#define MASKCAT_VERSION	"0.1.0"

/* Exit statuses: every command returns one of these. */
#define MC_OK		0	/* did everything asked */
#define MC_FAIL		1	/* ran, but something failed (reported) */
#define MC_USAGE	2	/* bad command line */

struct mc_ctx {
	const char	*db_path;	/* --db, $MASKCAT_DB or ./maskcat.db */
	sqlite3		*db;		/* opened by cmd_run() per CMD_* flags */
	int		 quiet;		/* --quiet: no progress, fewer notes */
};

#endif
