/*
 * importers/labelmap.h: the one mapping from a source's label names
 * ("with_mask", "WithMask", "con_mascarilla", ...) to mask states.  Names
 * compare case- and separator-insensitively ("Non Mask" = "non_mask" =
 * "nonmask"); built-in names cover the datasets of DATASETS.md and the
 * user adds or overrides them with NAME=wear|incorrect|not_wear|ignore.
 */
#ifndef IMPORTERS_LABELMAP_H
#define IMPORTERS_LABELMAP_H

#define LABEL_IGNORE	(-2)	/* mapped to "ignore": not imported */

struct label_map;

/* A map holding the built-in names.  Free with label_map_free(). */
struct label_map *label_map_new(void);
void	label_map_free(struct label_map *);
/*
 * Adds or overrides one "NAME=STATE" rule (STATE: wear, incorrect,
 * not_wear or ignore).  Returns 0, or -1 with a reason in why[256]
 * ("expected NAME=wear|incorrect|not_wear|ignore, got 'x'").
 */
int	label_map_add(struct label_map *, const char *rule, char *why);
/*
 * Adds every rule of a map file: one NAME=STATE per line, blank lines and
 * '#' comments ignored.  Returns 0, or -1 after reporting the file and
 * line ("'m.txt' line 3: expected NAME=...").
 */
int	label_map_load(struct label_map *, const char *path);
/* MASK_WEAR/MASK_INCORRECT/MASK_NOT_WEAR, LABEL_IGNORE or LABEL_UNKNOWN. */
int	label_map_lookup(const struct label_map *, const char *name);
/* The comparison key of a name: lower case, separators dropped. */
void	label_map_key(const char *name, char *key, size_t size);

#endif
