/*
 * audit/audit.c: audit_run(), the order of an audit: samples and groups,
 * probabilities (built-in classifier on cached features, or a CSV),
 * confident learning per task, swaps, disagreeing duplicates, report.
 */
#include <stdlib.h>
#include <string.h>

#include "audit-int.h"
#include "../lib/err.h"
#include "../db/saved.h"

/* Label flags by task and score (most suspect first), swaps by ratio. */
static int
cmp_flag(const void *a, const void *b)
{
	const struct aflag	*x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->task != y->task)
		return x->task < y->task ? -1 : 1;
	if (x->score != y->score) {
		if (x->kind == FLAG_SWAP)
			return x->score > y->score ? -1 : 1;
		return x->score < y->score ? -1 : 1;
	}
	return (x->sample > y->sample) - (x->sample < y->sample);
}

/* The command as typed, for the saved report.  A malloc()ed string. */
static char *
audit_command(const struct audit_opts *o)
{
	char	*cmd = xstrdup("maskcat"), *t;
	int	 a;

	for (a = 0; a < o->argc; a++) {
		t = xasprintf("%s %s", cmd, o->argv[a]);
		free(cmd);
		cmd = t;
	}
	return cmd;
}

/*
 * Saves the JSON report in the catalog (kind 'audit', db/saved.h),
 * whatever format was printed.  0, or -1 after reporting.
 */
static int
audit_save(sqlite3 *db, const struct arun *r)
{
	char	*body = audit_json(r), *cmd = audit_command(r->o);
	int	 rc;

	rc = db_saved_put(db, "audit", cmd, body);
	free(body);
	free(cmd);
	return rc;
}

/* See audit.h. */
int
audit_run(sqlite3 *db, const struct audit_opts *o, FILE *out)
{
	struct arun	r;
	int		t, rc = -1;

	memset(&r, 0, sizeof r);
	r.o = o;
	if (audit_collect(db, &r) != 0)
		goto out;
	if (o->predictions != NULL) {
		if (audit_read_predictions(&r) != 0)
			goto out;
	} else {
		if (audit_features_fill(db, &r) != 0)
			goto out;
		for (t = 0; t < AUDIT_NTASKS; t++)
			if ((o->tasks & (1u << t)) && audit_predict(&r, t) != 0)
				goto out;
	}
	for (t = 0; t < AUDIT_NTASKS; t++)
		if (o->tasks & (1u << t))
			audit_judge(&r, t);
	if (o->tasks & (1u << AUDIT_MASK))
		audit_swaps(&r);
	audit_dup_disagree(&r);
	if (r.nflags > 1)
		qsort(r.flags, r.nflags, sizeof *r.flags, cmp_flag);
	if ((rc = audit_output(&r, out)) == 0)
		rc = audit_save(db, &r);
out:
	audit_release(&r);
	return rc;
}
