/*
 * importers/plan.c: building an import plan: the persons, files and
 * problems an importer found, before anything is probed or written.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "importer.h"
#include "../lib/err.h"
#include "../lib/file.h"

#define MANIFEST_MAX	(64u << 20)	/* bytes of a manifest CSV */

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
	for (i = 0; i < p->nitems; i++)
		free(p->items[i].path);
	for (i = 0; i < p->nproblems; i++) {
		free(p->problems[i].path);
		free(p->problems[i].reason);
	}
	free(p->persons);
	free(p->items);
	free(p->problems);
	free(p->root);
	free(p->abs_root);
	plan_init(p);
}

int
plan_set_root(struct import_plan *p, const char *dir)
{
	char	*abs;

	if ((abs = realpath(dir, NULL)) == NULL)
		return error_errno("cannot open '%s'", dir);
	free(p->root);
	free(p->abs_root);
	p->root = xstrdup(dir);
	p->abs_root = abs;
	return 0;
}

int
plan_find_root(struct import_plan *p, const char *dir, const char *manifest,
    const char *sub)
{
	char		*csv = path_join(dir, manifest), *subdir;
	struct stat	 sb;
	int		 rc;

	if (access(csv, F_OK) == 0) {
		free(csv);
		return plan_set_root(p, dir);
	}
	free(csv);
	subdir = path_join(dir, sub);
	csv = path_join(subdir, manifest);
	if (access(csv, F_OK) == 0)
		rc = plan_set_root(p, subdir);
	else if (stat(dir, &sb) != 0)
		rc = error_errno("cannot open '%s'", dir);
	else
		rc = error("cannot find '%s' in '%s' or '%s'", manifest, dir,
		    subdir);
	free(csv);
	free(subdir);
	return rc;
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
plan_add_item(struct import_plan *p, const char *path, long person, int mask,
    int gender, int age, long seq)
{
	struct import_item	*it;

	p->items = plan_grow(p->items, p->nitems, &p->cap_items,
	    sizeof *p->items);
	it = &p->items[p->nitems++];
	it->path = xstrdup(path);
	it->person = person;
	it->mask = mask;
	it->gender = gender;
	it->age = age;
	it->seq = seq;
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
plan_read_manifest(const char *path, char **data, size_t *len)
{
	char	why[256];

	if (file_read(path, MANIFEST_MAX, data, len, why) != 0)
		return error("cannot read '%s': %s", path, why);
	return 0;
}

static int
plan_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
plan_list_dir(const char *dir, char ***names, size_t *n, long *skipped)
{
	DIR		*d;
	struct dirent	*de;
	char		**v = NULL;
	size_t		 cap = 0;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return error_errno("cannot open folder '%s'", dir);
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.') {
			/* ".", "..", dot-files and macOS "._" forks */
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0)
				(*skipped)++;
			continue;
		}
		v = plan_grow(v, *n, &cap, sizeof *v);
		v[(*n)++] = xstrdup(de->d_name);
	}
	if (errno != 0) {
		error_errno("cannot read folder '%s'", dir);
		closedir(d);
		plan_free_names(v, *n);
		*n = 0;
		return -1;
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof *v, plan_cmp_names);
	*names = v;
	return 0;
}

void
plan_free_names(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
