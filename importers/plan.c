/*
 * importers/plan.c: building an import plan: the persons, files and
 * problems an importer found in a folder or zip, before anything is
 * probed or written.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "importer.h"
#include "../lib/err.h"
#include "../lib/file.h"

#define MANIFEST_MAX	(64u << 20)	/* bytes of a manifest or annotation */

void
plan_init(struct import_plan *p)
{
	memset(p, 0, sizeof *p);
}

void
plan_release(struct import_plan *p)
{
	size_t	i;

	for (i = 0; i < p->npersons; i++) {
		free(p->persons[i].folder);
		free(p->persons[i].ext_id);
		free(p->persons[i].race);
	}
	for (i = 0; i < p->nproblems; i++) {
		free(p->problems[i].path);
		free(p->problems[i].reason);
	}
	free(p->persons);
	plan_items_release(p);
	free(p->problems);
	free(p->root);
	free(p->abs_root);
	free(p->prefix);
	tree_close(p->tree);
	plan_init(p);
}

/* Records zip members that tree_open() refused (zip slip, links). */
static void
plan_refused(const char *member, const char *reason, void *arg)
{
	plan_problem(arg, member, "%s", reason);
}

int
plan_open(struct import_plan *p, const char *dir)
{
	char	*abs;

	tree_close(p->tree);
	p->tree = NULL;
	if (tree_open(dir, &p->tree, plan_refused, p) != 0)
		return -1;
	if ((abs = realpath(dir, NULL)) == NULL)
		return error_errno("cannot open '%s'", dir);
	free(p->root);
	free(p->abs_root);
	free(p->prefix);
	p->root = xstrdup(dir);
	p->abs_root = abs;
	p->prefix = xstrdup("");
	return 0;
}

int
plan_find_root(struct import_plan *p, const char *dir, const char *manifest,
    const char *sub)
{
	char	*subdir;

	if (plan_open(p, dir) != 0)
		return -1;
	if (plan_is_file(p, manifest))
		return 0;
	subdir = xasprintf("%s/%s", sub, manifest);
	if (!plan_is_file(p, subdir)) {
		free(subdir);
		return error("cannot find '%s' in '%s' or '%s/%s'", manifest,
		    dir, dir, sub);
	}
	free(subdir);
	return plan_descend(p, sub);
}

int
plan_descend(struct import_plan *p, const char *sub)
{
	char	*dir;
	int	 rc;

	if (tree_kind(p->tree) == TREE_DIR) {
		/* A folder's layout root is the folder itself. */
		dir = path_join(p->root, sub);
		rc = plan_open(p, dir);
		free(dir);
		return rc;
	}
	dir = xasprintf("%s%s/", p->prefix, sub);
	free(p->prefix);
	p->prefix = dir;
	return 0;
}

/* The tree path of a layout path: malloc()ed. */
static char *
plan_tree_path(const struct import_plan *p, const char *path)
{
	if (*path == '\0' && p->prefix[0] != '\0')
		return xstrndup(p->prefix, strlen(p->prefix) - 1);
	return xasprintf("%s%s", p->prefix, path);
}

char *
plan_display(const struct import_plan *p, const char *path)
{
	if (p->tree != NULL && tree_kind(p->tree) == TREE_ZIP)
		return xasprintf("%s:%s%s", p->root, p->prefix, path);
	return path_join(p->root, path);
}

/* Grows an array of 'size'-byte elements to hold one more. */
static void *
plan_grow(void *arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 64;
	if (*cap > SIZE_MAX / size)
		die("import plan too large");
	return xrealloc(arr, *cap * size);
}

long
plan_add_person(struct import_plan *p, const char *folder, const char *ext_id,
    int gender, const char *race, int age, long csv_line)
{
	struct import_person	*pp;

	p->persons = plan_grow(p->persons, p->npersons, &p->cap_persons,
	    sizeof *p->persons);
	pp = &p->persons[p->npersons];
	pp->folder = xstrdup(folder);
	pp->ext_id = xstrdup(ext_id);
	pp->race = race != NULL ? xstrdup(race) : NULL;
	pp->gender = gender;
	pp->age = age;
	pp->csv_line = csv_line;
	pp->row_id = 0;
	return (long)p->npersons++;
}

void
plan_problem(struct import_plan *p, const char *path, const char *fmt, ...)
{
	struct import_problem	*pr;
	va_list			 ap;
	char			*reason;

	va_start(ap, fmt);
	if (vasprintf(&reason, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	p->problems = plan_grow(p->problems, p->nproblems, &p->cap_problems,
	    sizeof *p->problems);
	pr = &p->problems[p->nproblems++];
	pr->path = xstrdup(path);
	pr->reason = reason;
}

int
plan_read_manifest(struct import_plan *p, const char *path, char **data,
    size_t *len)
{
	char	 why[256], *tp = plan_tree_path(p, path), *shown;
	int	 rc = tree_read(p->tree, tp, MANIFEST_MAX, data, len, why);

	if (rc != 0) {
		shown = plan_display(p, path);
		error("cannot read '%s': %s", shown, why);
		free(shown);
	}
	free(tp);
	return rc;
}

int
plan_list_dir(struct import_plan *p, const char *dir, struct tree_entry **ents,
    size_t *n, long *skipped)
{
	char	*tp = plan_tree_path(p, dir), *rel;
	size_t	 i, cut = strlen(p->prefix);
	int	 rc = tree_list(p->tree, tp, ents, n, skipped);

	free(tp);
	if (rc != 0 || cut == 0)
		return rc;
	/* Entry paths come relative to the tree; make them layout paths. */
	for (i = 0; i < *n; i++) {
		rel = xstrdup((*ents)[i].path + cut);
		free((*ents)[i].path);
		(*ents)[i].path = rel;
	}
	return 0;
}

int
plan_is_dir(struct import_plan *p, const char *path)
{
	char	*tp = plan_tree_path(p, path);
	int	 rc = tree_is_dir(p->tree, tp);

	free(tp);
	return rc;
}

int
plan_is_file(struct import_plan *p, const char *path)
{
	char	*tp = plan_tree_path(p, path);
	int	 rc = tree_is_file(p->tree, tp);

	free(tp);
	return rc;
}

const char *
plan_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}
