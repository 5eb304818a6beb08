/*
 * export/export.c: export_run(), the order of an export: check where it
 * may write, choose and split the samples, balance, write everything
 * into a locked staging folder beside OUT, then rename it into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "export-int.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/fs.h"
#include "../db/saved.h"
#include "../reports/report.h"

/* 1 if 'path' is an existing folder holding anything, 0 if empty. */
static int
dir_has_entries(const char *path)
{
	struct dirent	*de;
	DIR		*d;
	int		 any = 0;

	if ((d = opendir(path)) == NULL)
		return 1;
	while (!any && (de = readdir(d)) != NULL)
		any = strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0;
	closedir(d);
	return any;
}

/* True if 'in' is 'outer' or a path below it (both absolute, resolved). */
static int
is_within(const char *in, const char *outer)
{
	size_t	n = strlen(outer);

	return strncmp(in, outer, n) == 0 && (in[n] == '\0' || in[n] == '/' ||
	    (n == 1 && outer[0] == '/'));
}

/* Where OUT may not be: in a source folder, or around a source or the catalog. */
struct place_check {
	const char	*out;		/* absolute, parent resolved */
	int		 bad;
};

static int
check_source(const struct db_source_row *r, void *arg)
{
	struct place_check	*c = arg;
	char			 real[PATH_MAX];

	if (realpath(r->root, real) == NULL)
		return 0;	/* a source that is gone cannot be harmed */
	if (strcmp(r->container, "folder") == 0 && is_within(c->out, real)) {
		c->bad = error("'%s' is inside the folder of source '%s' (%s);"
		    " maskcat never writes into a source", c->out, r->name,
		    real);
		return 1;
	}
	if (is_within(real, c->out)) {
		c->bad = error("source '%s' (%s) is inside '%s'; choose another"
		    " output folder", r->name, real, c->out);
		return 1;
	}
	return 0;
}

/*
 * Checks OUT and resolves its parent (created if missing) into *parent
 * and its absolute path into *abs (both malloc()ed).  0, or -1 after
 * reporting.
 */
static int
check_out(sqlite3 *db, const struct export_opts *o, char **parent, char **abs)
{
	struct place_check	 c;
	struct stat		 st;
	char			*dir, *base, *slash, real[PATH_MAX];
	int			 rc = -1;

	*parent = *abs = NULL;
	if (lstat(o->out, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return error("'%s' exists and is not a folder", o->out);
		if (dir_has_entries(o->out) && !o->force)
			return error("'%s' is not empty; refusing to overwrite"
			    " it (--force replaces it)", o->out);
	}
	dir = xstrdup(o->out);
	while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	slash = strrchr(dir, '/');
	base = slash != NULL ? slash + 1 : dir;
	if (!path_is_component(base)) {
		error("'%s': cannot export into that folder name", o->out);
		goto out;
	}
	if (slash == dir)
		*parent = xstrdup("/");
	else if (slash != NULL)
		*parent = xstrndup(dir, (size_t)(slash - dir));
	else
		*parent = xstrdup(".");
	if (fs_mkdir_p(*parent) != 0)
		goto out;
	if (realpath(*parent, real) == NULL) {
		error_errno("cannot resolve '%s'", *parent);
		goto out;
	}
	*abs = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
	c.out = *abs;
	c.bad = 0;
	if (db_each_source(db, check_source, &c) != 0 || c.bad)
		goto out;
	if (o->db_path != NULL && realpath(o->db_path, real) != NULL &&
	    is_within(real, *abs)) {
		error("the catalog '%s' is inside '%s'; choose another output"
		    " folder", real, *abs);
		goto out;
	}
	rc = 0;
out:
	free(dir);
	if (rc != 0) {
		free(*parent);
		free(*abs);
		*parent = *abs = NULL;
	}
	return rc;
}

/*
 * Puts the finished folder 'made' in the place of OUT: an absent or
 * empty OUT is simply replaced; a non-empty one (--force) is swapped
 * with 'made' in one step where the system can (so a kill leaves the old
 * export or the new one, never none), else first moved to 'old' inside
 * the stage.  Either way the old export ends in the stage and is removed
 * with it.  0 or -1.
 */
static int
install(const char *made, const char *out, const char *old)
{
	struct stat	st;

	if (lstat(out, &st) == 0 && !dir_has_entries(out) && rmdir(out) != 0)
		return error_errno("cannot replace '%s'", out);
#ifdef RENAME_EXCHANGE
	if (lstat(out, &st) == 0) {
		if (renameat2(AT_FDCWD, made, AT_FDCWD, out, RENAME_EXCHANGE) ==
		    0)
			return 0;
		/* Not supported here: the two renames below. */
		if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
			return error_errno("cannot replace '%s'", out);
	}
#endif
	if (lstat(out, &st) == 0 && rename(out, old) != 0)
		return error_errno("cannot move '%s' aside", out);
	if (rename(made, out) != 0) {
		error_errno("cannot rename '%s' to '%s'", made, out);
		if (lstat(old, &st) == 0 && rename(old, out) != 0)
			error_errno("cannot move '%s' back to '%s'", old, out);
		return -1;
	}
	return 0;
}

/* Writes 'a' for a command line shown to a person: quoted when needed. */
static void
shell_word(FILE *fp, const char *a)
{
	const char	*p;

	if (*a != '\0' && strspn(a, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./:,+@%") == strlen(a)) {
		fputs(a, fp);
		return;
	}
	fputc('\'', fp);
	for (p = a; *p != '\0'; p++)
		if (*p == '\'')
			fputs("'\\''", fp);
		else
			fputc(*p, fp);
	fputc('\'', fp);
}

/*
 * Saves the split report of the export just installed in the catalog
 * (kind 'split', for "maskcat report html"), as
 * {"out": OUT, "path": ABS, "report": <OUT/split_report.json>}.
 * Returns 0, or -1 after reporting.
 */
static int
save_split(sqlite3 *db, const struct export_opts *o, const char *abs)
{
	FILE	*fp;
	char	*report = NULL, *body = NULL, *cmd = NULL, *path, why[256];
	size_t	 len, blen = 0, clen = 0;
	int	 a, rc = -1;

	path = path_join(o->out, "split_report.json");
	if (file_read(path, (size_t)64 << 20, &report, &len, why) != 0) {
		error("cannot read '%s' back to save it: %s", path, why);
		goto out;
	}
	if ((fp = open_memstream(&body, &blen)) == NULL)
		die("out of memory");
	fputs("{\"out\": ", fp);
	json_string(fp, o->out);
	fputs(", \"path\": ", fp);
	json_string(fp, abs);
	fputs(", \"report\": ", fp);
	fwrite(report, 1, len, fp);
	fputs("}\n", fp);
	if (fclose(fp) != 0)
		die("out of memory");
	if ((fp = open_memstream(&cmd, &clen)) == NULL)
		die("out of memory");
	fputs("maskcat", fp);
	for (a = 0; a < o->argc; a++) {
		fputc(' ', fp);
		shell_word(fp, o->argv[a]);
	}
	if (fclose(fp) != 0)
		die("out of memory");
	rc = db_saved_put(db, "split", cmd, body);
out:
	free(path);
	free(report);
	free(body);
	free(cmd);
	return rc;
}

/* See export.h. */
int
export_run(sqlite3 *db, const struct export_opts *o, FILE *out)
{
	struct xplan	 p;
	struct fs_stage	 stage = { NULL, -1 };
	char		*parent = NULL, *abs = NULL, *prefix = NULL;
	char		*made = NULL, *old = NULL;
	const char	*base;
	int		 rc = -1, stale;

	memset(&p, 0, sizeof p);
	p.o = o;
	if (check_out(db, o, &parent, &abs) != 0)
		return -1;
	if (xplan_select(db, &p) != 0 || xplan_split(&p) != 0)
		goto out;
	xplan_balance(&p);
	xplan_items(&p);
	base = strrchr(abs, '/') + 1;
	prefix = xasprintf(".%s.maskcat-export-", base);
	if (fs_stage_open(&stage, parent, prefix, &stale) != 0)
		goto out;
	if (stale > 0)
		note("removed %d staging folder%s left by an interrupted"
		    " export", stale, stale == 1 ? "" : "s");
	made = xasprintf("%s/out", stage.path);
	old = xasprintf("%s/old", stage.path);
	if (fs_mkdir_new(made) != 0 || xplan_write(&p, made) != 0 ||
	    xplan_write_reports(&p, made, out) != 0 ||
	    install(made, o->out, old) != 0)
		goto out;
	fprintf(out, "wrote %zu files to %s\n", p.nit, o->out);
	/* OUT is in place; a failed save says so and exits 1. */
	rc = save_split(db, o, abs);
out:
	fs_stage_close(&stage, 1);
	xplan_release(&p);
	free(parent);
	free(abs);
	free(prefix);
	free(made);
	free(old);
	return rc;
}
