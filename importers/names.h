/*
 * importers/names.h: labels carried by file names (UTKFace and
 * MaskedFace-Net).  Pure functions: no I/O, nothing allocated.
 */
#ifndef IMPORTERS_NAMES_H
#define IMPORTERS_NAMES_H

#include <stddef.h>

/*
 * Parses a UTKFace name "<age>_<gender>_<race>_<datetime>.jpg" (often
 * with ".chip.jpg" after it): age 0-150, gender 0 male / 1 female, race
 * 0-4, datetime 17 digits.  Returns 0, or -1 with a reason in why[256]
 * such as "name has 3 fields, expected <age>_<gender>_<race>_<datetime>"
 * or "datetime '2017011022340900' is not 17 digits".
 */
int	utkface_parse_name(const char *name, int *age, int *gender, int *race,
	    char *why);
/* "White", "Black", "Asian", "Indian", "Others"; NULL out of range. */
const char *utkface_race_word(int race);

/*
 * Parses a MaskedFace-Net name "<digits>_Mask.<ext>" (mask worn
 * correctly: *mask MASK_WEAR, *subtype "Mask") or "<digits>_Mask_Chin",
 * "_Mask_Mouth_Chin", "_Mask_Nose_Mouth" (worn incorrectly: MASK_INCORRECT
 * and the suffix as subtype, e.g. "Mask_Chin").  *subtype points into a
 * static table.  Returns 0, or -1 with a reason in why[256].
 */
int	maskedface_parse_name(const char *name, int *mask,
	    const char **subtype, char *why);

#endif
