/*
 * importers/kaggle.c: the Kaggle registry and the download through the
 * official CLI (see kaggle.h).
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kaggle.h"
#include "../lib/err.h"
#include "../lib/file.h"

extern char **environ;

/* The public mask datasets of DATASETS.md section 2. */
static const struct kaggle_dataset registry[] = {
	{ "andrewmvd/face-mask-detection", "voc", "CC0-1.0" },
	{ "ashishjangra27/face-mask-12k-images-dataset", "folder", NULL },
	{ "vijaykumar1799/face-mask-detection", "folder", NULL },
	{ "omkargurav/face-mask-dataset", "folder", NULL },
	{ "prajnasb/observations", "folder", NULL },
	{ "jangedoo/utkface-new", "utkface",
	    "non-commercial research only" },
};

const struct kaggle_dataset *
kaggle_lookup(const char *slug)
{
	size_t	i;

	for (i = 0; i < sizeof registry / sizeof registry[0]; i++)
		if (strcmp(registry[i].slug, slug) == 0)
			return &registry[i];
	return NULL;
}

/* mkdir -p; 0 or -1 after reporting. */
static int
mkdirs(const char *path)
{
	char	*p = xstrdup(path), *s, c;
	int	 rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = error_errno("cannot create '%s'", p);
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* True when the Kaggle CLI would find credentials. */
static int
kaggle_has_credentials(void)
{
	const char	*home = getenv("HOME"), *dir = getenv("KAGGLE_CONFIG_DIR");
	char		*json;
	int		 ok;

	if (getenv("KAGGLE_API_TOKEN") != NULL ||
	    (getenv("KAGGLE_USERNAME") != NULL && getenv("KAGGLE_KEY") != NULL))
		return 1;
	if (dir != NULL)
		json = path_join(dir, "kaggle.json");
	else if (home != NULL)
		json = xasprintf("%s/.kaggle/kaggle.json", home);
	else
		return 0;
	ok = access(json, R_OK) == 0;
	free(json);
	return ok;
}

int
kaggle_fetch(const char *slug, const char *cache, char **zip)
{
	const char	*slash = strchr(slug, '/'), *prog;
	char		*dir = NULL, *slugcopy = xstrdup(slug);
	char		*argv[8];
	pid_t		 pid;
	int		 status, err, ret = -1;

	*zip = NULL;
	if (slash == NULL || slash == slug || slash[1] == '\0' ||
	    strchr(slash + 1, '/') != NULL || !path_is_safe_relative(slug)) {
		error("'%s' is not a Kaggle dataset OWNER/SLUG", slug);
		goto out;
	}
	if (cache != NULL)
		dir = xstrdup(cache);
	else if (getenv("XDG_CACHE_HOME") != NULL)
		dir = xasprintf("%s/maskcat/kaggle", getenv("XDG_CACHE_HOME"));
	else if (getenv("HOME") != NULL)
		dir = xasprintf("%s/.cache/maskcat/kaggle", getenv("HOME"));
	else {
		error("no cache folder for Kaggle downloads: give --cache DIR");
		goto out;
	}
	*zip = xasprintf("%s/%s.zip", dir, slash + 1);
	if (access(*zip, F_OK) == 0) {
		ret = 0;	/* cached: no download, no network */
		goto out;
	}
	if (!kaggle_has_credentials()) {
		error("no Kaggle credentials: put your API token in"
		    " ~/.kaggle/kaggle.json (or set KAGGLE_API_TOKEN, or"
		    " KAGGLE_USERNAME and KAGGLE_KEY); see"
		    " https://www.kaggle.com/docs/api");
		goto out;
	}
	if (mkdirs(dir) != 0)
		goto out;
	prog = getenv("MASKCAT_KAGGLE") ? getenv("MASKCAT_KAGGLE") : "kaggle";
	argv[0] = (char *)prog;
	argv[1] = "datasets";
	argv[2] = "download";
	argv[3] = "-d";
	argv[4] = slugcopy;
	argv[5] = "-p";
	argv[6] = dir;
	argv[7] = NULL;
	if ((err = posix_spawnp(&pid, prog, NULL, NULL, argv, environ)) != 0) {
		errno = err;
		error_errno("cannot run '%s'; install the Kaggle CLI (pip"
		    " install kaggle) or put the zip at '%s'", prog, *zip);
		goto out;
	}
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR) {
			error_errno("waiting for '%s'", prog);
			goto out;
		}
	}
	if (WIFSIGNALED(status)) {
		error("'%s datasets download -d %s' was killed by signal %d",
		    prog, slug, WTERMSIG(status));
		goto out;
	}
	if (WEXITSTATUS(status) != 0) {
		error("'%s datasets download -d %s' failed with status %d"
		    " (see its message above)", prog, slug,
		    WEXITSTATUS(status));
		goto out;
	}
	if (access(*zip, F_OK) != 0) {
		error_errno("'%s datasets download -d %s' did not write '%s'",
		    prog, slug, *zip);
		goto out;
	}
	ret = 0;
out:
	if (ret != 0) {
		free(*zip);
		*zip = NULL;
	}
	free(dir);
	free(slugcopy);
	return ret;
}
