/*
 * importers/labelmap.c: label names to mask states (see labelmap.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labelmap.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"

/* Names seen in the public mask sets (DATASETS.md, ../shared/data). */
static const struct {
	const char	*name;
	int		 state;
} builtin[] = {
	{ "with_mask", MASK_WEAR }, { "mask", MASK_WEAR },
	{ "masked", MASK_WEAR }, { "wear", MASK_WEAR },
	{ "mask_worn", MASK_WEAR }, { "correct", MASK_WEAR },
	{ "correctly_masked", MASK_WEAR }, { "cloth_mask", MASK_WEAR },
	{ "surgical_mask", MASK_WEAR }, { "n95_mask", MASK_WEAR },
	{ "n95", MASK_WEAR }, { "kn95", MASK_WEAR }, { "ffp2", MASK_WEAR },
	{ "con_mascarilla", MASK_WEAR }, { "mask1", MASK_WEAR },
	{ "mask2", MASK_WEAR }, { "mask3", MASK_WEAR }, { "mask4", MASK_WEAR },
	{ "mask5", MASK_WEAR },
	{ "mask_weared_incorrect", MASK_INCORRECT },
	{ "mask_worn_incorrectly", MASK_INCORRECT },
	{ "mask_worn_incorrect", MASK_INCORRECT },
	{ "incorrect_mask", MASK_INCORRECT }, { "incorrect", MASK_INCORRECT },
	{ "incorrectly_masked", MASK_INCORRECT },
	{ "improper_mask", MASK_INCORRECT },
	{ "mascarilla_mal_puesta", MASK_INCORRECT },
	{ "without_mask", MASK_NOT_WEAR }, { "no_mask", MASK_NOT_WEAR },
	{ "non_mask", MASK_NOT_WEAR }, { "no_face_mask", MASK_NOT_WEAR },
	{ "nomask", MASK_NOT_WEAR }, { "unmasked", MASK_NOT_WEAR },
	{ "not_wear", MASK_NOT_WEAR }, { "normal", MASK_NOT_WEAR },
	{ "sin_mascarilla", MASK_NOT_WEAR },
};

struct label_rule {
	char	*key;
	int	 state;
};

struct label_map {
	struct label_rule	*rules;
	size_t			 n, cap;
};

void
label_map_key(const char *name, char *key, size_t size)
{
	size_t	k = 0;

	for (; *name != '\0' && k + 1 < size; name++) {
		if (*name == '_' || *name == '-' || *name == ' ' ||
		    *name == '.' || *name == '\t')
			continue;
		key[k++] = (char)tolower((unsigned char)*name);
	}
	key[k] = '\0';
}

/* Sets the state of a key, replacing an earlier rule for it. */
static void
label_map_set(struct label_map *m, const char *name, int state)
{
	char	key[256];
	size_t	i;

	label_map_key(name, key, sizeof key);
	for (i = 0; i < m->n; i++) {
		if (strcmp(m->rules[i].key, key) == 0) {
			m->rules[i].state = state;
			return;
		}
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->rules = xrealloc(m->rules, m->cap * sizeof *m->rules);
	}
	m->rules[m->n].key = xstrdup(key);
	m->rules[m->n].state = state;
	m->n++;
}

struct label_map *
label_map_new(void)
{
	struct label_map	*m = xcalloc(1, sizeof *m);
	size_t			 i;

	for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		label_map_set(m, builtin[i].name, builtin[i].state);
	return m;
}

void
label_map_free(struct label_map *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->rules[i].key);
	free(m->rules);
	free(m);
}

int
label_map_add(struct label_map *m, const char *rule, char *why)
{
	const char	*eq = strrchr(rule, '='), *v;
	char		 name[256];
	size_t		 n;
	int		 state;

	if (eq == NULL || (size_t)(eq - rule) >= sizeof name)
		goto bad;
	/* Blanks around the name and the state do not count. */
	n = (size_t)(eq - rule);
	while (n > 0 && isspace((unsigned char)rule[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*rule)) {
		rule++;
		n--;
	}
	if (n == 0)
		goto bad;
	memcpy(name, rule, n);
	name[n] = '\0';
	for (v = eq + 1; isspace((unsigned char)*v); v++)
		;
	if (strcmp(v, "ignore") == 0)
		state = LABEL_IGNORE;
	else if ((state = label_mask_parse(v)) < 0)
		goto bad;
	label_map_set(m, name, state);
	return 0;
bad:
	snprintf(why, 256, "expected NAME=wear|incorrect|not_wear|ignore,"
	    " got '%.200s'", rule);
	return -1;
}

int
label_map_load(struct label_map *m, const char *path)
{
	char	*data, *line, *next, *end, why[256];
	size_t	 len;
	long	 lineno = 0;
	int	 rc = 0;

	if (file_read(path, 1u << 20, &data, &len, why) != 0)
		return error("cannot read label map '%s': %s", path, why);
	for (line = data; line != NULL && rc == 0; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (isspace((unsigned char)*line))
			line++;
		end = line + strlen(line);
		while (end > line && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		if (label_map_add(m, line, why) != 0)
			rc = error("'%s' line %ld: %s", path, lineno, why);
	}
	free(data);
	return rc;
}

int
label_map_lookup(const struct label_map *m, const char *name)
{
	char	key[256];
	size_t	i;

	label_map_key(name, key, sizeof key);
	for (i = 0; i < m->n; i++)
		if (strcmp(m->rules[i].key, key) == 0)
			return m->rules[i].state;
	return LABEL_UNKNOWN;
}
