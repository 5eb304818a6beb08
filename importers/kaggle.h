/*
 * importers/kaggle.h: Kaggle datasets: a small registry of known slugs
 * and fetching a dataset's zip with the official `kaggle` CLI.
 */
#ifndef IMPORTERS_KAGGLE_H
#define IMPORTERS_KAGGLE_H

struct kaggle_dataset {
	const char	*slug;		/* OWNER/SLUG */
	const char	*format;	/* importer name */
	const char	*license;
};

/* The registry entry for 'slug', or NULL when unknown. */
const struct kaggle_dataset *kaggle_lookup(const char *slug);

/*
 * Makes sure CACHE/<SLUG>.zip exists: when it does not, checks that
 * credentials are configured, runs `kaggle datasets download -d
 * OWNER/SLUG -p CACHE` (no shell; $MASKCAT_KAGGLE may name another
 * program) and checks the zip appeared.  'cache' NULL means
 * $XDG_CACHE_HOME/maskcat/kaggle or ~/.cache/maskcat/kaggle.  On success
 * *zip is a malloc()ed path the caller frees; returns 0, or -1 after
 * reporting what to install or configure.
 */
int	kaggle_fetch(const char *slug, const char *cache, char **zip);

#endif
