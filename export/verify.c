/*
 * export/verify.c: "maskcat verify OUT": an export checked against
 * itself.  export.json lists the manifests and reports with their sizes
 * and XXH3 (read with SQLite's JSON functions on an in-memory
 * connection); the manifests list every image with its size and XXH3;
 * and nothing else may be in the folder.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export.h"
#include "../lib/csv.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/limits.h"

struct vctx {
	const char	*dir;
	FILE		*out;
	long		 limit, problems, checked;
	char		**known;	/* paths under dir that are listed */
	size_t		 nknown, cap;
};

static void problem(struct vctx *, const char *, ...) PRINTFLIKE(2, 3);

/* Prints one problem (up to the limit) and counts it. */
static void
problem(struct vctx *v, const char *fmt, ...)
{
	va_list	ap;

	if (v->limit < 0 || v->problems < v->limit) {
		fputs("  ", v->out);
		va_start(ap, fmt);
		vfprintf(v->out, fmt, ap);
		va_end(ap);
		fputc('\n', v->out);
	}
	v->problems++;
}

static void
add_known(struct vctx *v, const char *rel)
{
	if (v->nknown == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->known = xrealloc(v->known, v->cap * sizeof *v->known);
	}
	v->known[v->nknown++] = xstrdup(rel);
}

/* Checks one listed file; returns its bytes (caller frees) or NULL. */
static char *
check_file(struct vctx *v, const char *rel, long long bytes, const char *hash,
    size_t *lenp)
{
	char	*path, *data = NULL, why[256], hex[17], sz[32];
	size_t	 len;

	if (!path_is_safe_relative(rel)) {
		problem(v, "'%s': listed path leaves the export folder", rel);
		return NULL;
	}
	add_known(v, rel);
	path = path_join(v->dir, rel);
	if (file_read(path, limit_size(LIMIT_FILE_BYTES), &data, &len,
	    why) != 0) {
		problem(v, "%s: %s", path, why);
		free(path);
		return NULL;
	}
	v->checked++;
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)img_hash(data,
	    len));
	snprintf(sz, sizeof sz, "%zu", len);
	if (bytes >= 0 && (long long)len != bytes)
		problem(v, "%s: size differs from the manifest (%s bytes)",
		    path, sz);
	else if (strcmp(hex, hash) != 0)
		problem(v, "%s: content differs from the manifest (XXH3 %s)",
		    path, hex);
	free(path);
	if (lenp != NULL)
		*lenp = len;
	return data;
}

/* Checks the images listed by a manifest with path, bytes and xxh3 columns. */
static void
check_manifest(struct vctx *v, const char *name, const char *data, size_t len)
{
	struct csv	 r;
	char		 why[256];
	int		 cp, cb, ch, rc;

	csv_init(&r, name, data, len);
	if ((rc = csv_next(&r, why)) != 1) {
		if (rc < 0)
			problem(v, "%s: %s", name, why);
		csv_release(&r);
		return;
	}
	cp = csv_column(&r, "path");
	cb = csv_column(&r, "bytes");
	ch = csv_column(&r, "xxh3");
	if (cp < 0 || ch < 0) {		/* the base layout's train.csv */
		csv_release(&r);
		return;
	}
	while ((rc = csv_next(&r, why)) == 1) {
		if ((size_t)cp >= r.nfields || (size_t)ch >= r.nfields) {
			problem(v, "%s: a row with too few fields", name);
			continue;
		}
		free(check_file(v, r.fields[cp], cb >= 0 && (size_t)cb <
		    r.nfields ? atoll(r.fields[cb]) : -1, r.fields[ch],
		    NULL));
	}
	if (rc < 0)
		problem(v, "%s: %s", name, why);
	csv_release(&r);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reports every file under dir/rel that no manifest lists. */
static void
find_unlisted(struct vctx *v, const char *rel)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*path = rel[0] ? path_join(v->dir, rel) : xstrdup(v->dir);
	char		*sub, *key;

	if ((d = opendir(path)) == NULL) {
		problem(v, "%s: cannot list the folder", path);
		free(path);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		sub = rel[0] ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		key = path_join(v->dir, sub);
		if (lstat(key, &st) == 0 && S_ISDIR(st.st_mode))
			find_unlisted(v, sub);
		else if (strcmp(sub, "export.json") != 0 && (v->nknown == 0 ||
		    bsearch(&sub, v->known, v->nknown, sizeof *v->known,
		    cmp_str) == NULL))
			problem(v, "%s: not listed in any manifest", key);
		free(key);
		free(sub);
	}
	closedir(d);
	free(path);
}

/* See export.h. */
int
export_verify(const char *dir, long limit, FILE *out, long *problems)
{
	static const char sql[] =
	    "SELECT json_extract(?1, '$.program'),"
	    " json_extract(j.value, '$.name'), json_extract(j.value, '$.bytes'),"
	    " json_extract(j.value, '$.xxh3')"
	    " FROM json_each(?1, '$.manifests') j";
	struct vctx	 v;
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	char		*path, *json = NULL, *data, why[256];
	const char	*name, *prog;
	size_t		 len, i;
	int		 rc = -1, step, nman = 0;

	memset(&v, 0, sizeof v);
	v.dir = dir;
	v.out = out;
	v.limit = limit;
	*problems = 0;
	path = path_join(dir, "export.json");
	if (file_read(path, 64u << 20, &json, &len, why) != 0) {
		error("cannot read '%s': %s (is '%s' a maskcat export?)", path,
		    why, dir);
		goto out;
	}
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		error("cannot read '%s': %s", path, sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	fprintf(out, "verifying %s\n", dir);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		prog = (const char *)sqlite3_column_text(st, 0);
		name = (const char *)sqlite3_column_text(st, 1);
		if (prog == NULL || strcmp(prog, "maskcat") != 0 ||
		    name == NULL || sqlite3_column_text(st, 3) == NULL) {
			problem(&v, "%s: not a maskcat export.json", path);
			break;
		}
		nman++;
		data = check_file(&v, name, sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3), &len);
		if (data != NULL)
			check_manifest(&v, name, data, len);
		free(data);
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		error("cannot read '%s': %s", path, sqlite3_errmsg(db));
		goto out;
	}
	if (nman == 0)
		problem(&v, "%s: lists no manifest", path);
	if (v.nknown > 1)
		qsort(v.known, v.nknown, sizeof *v.known, cmp_str);
	find_unlisted(&v, "");
	if (v.limit >= 0 && v.problems > v.limit)
		fprintf(out, "  ... %ld more\n", v.problems - v.limit);
	fprintf(out, "%ld files checked, %ld problem%s\n", v.checked,
	    v.problems, v.problems == 1 ? "" : "s");
	*problems = v.problems;
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	for (i = 0; i < v.nknown; i++)
		free(v.known[i]);
	free(v.known);
	free(json);
	free(path);
	return rc;
}
