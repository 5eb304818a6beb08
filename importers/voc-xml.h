/*
 * importers/voc-xml.h: a PASCAL VOC <annotation> read from memory with
 * expat.  Pure: no files, no catalog, nothing printed.  Hostile XML is
 * expected: entity declarations are refused (no billion laughs, no
 * external entities), nesting and stored text are bounded.
 */
#ifndef IMPORTERS_VOC_XML_H
#define IMPORTERS_VOC_XML_H

#include <stddef.h>

#define VOC_WHY_MAX	256	/* bytes of a reason, with the NUL */
#define VOC_TEXT_MAX	4096	/* bytes of one element's text we keep */

/* One <object>: a labelled face box. */
struct voc_object {
	char	*name;		/* <name>, surrounding blanks trimmed */
	char	*pose;		/* <pose>, or NULL if absent */
	int	 xmin, ymin, xmax, ymax;	/* <bndbox>, rounded to integers */
	int	 difficult, truncated;	/* 0 or 1; 0 if absent */
};

struct voc_ann {
	char			*filename;	/* <filename>, trimmed */
	int			 width, height, depth;	/* <size>; -1 if absent */
	struct voc_object	*objects;	/* in document order */
	size_t			 nobjects;
};

/*
 * Parses the 'len' bytes at 'xml' (need not be NUL-terminated) as one VOC
 * <annotation>.  Returns 0 and fills *out (release with voc_ann_release();
 * zero objects is not an error here), or -1 with *out empty and a one-line
 * reason in why[VOC_WHY_MAX]:
 *   "malformed XML at line N: <expat's message>"
 *   "XML declares entity 'x'; entities are refused"
 *   "XML nested deeper than 64 elements; raise it with --max-xml-depth"
 *   (the limit is LIMIT_XML_DEPTH of lib/limits.h, 64 by default)
 *   "no <filename> in <annotation>", "<object> #2 has no <name>",
 *   "<xmin> of <object> #0 is 'abc', not a number", ...
 * Object numbers count from 0, as box indexes do in the catalog.
 */
int	voc_parse(const char *xml, size_t len, struct voc_ann *out, char *why);
/* Frees what voc_parse() filled and empties *ann; safe to call twice. */
void	voc_ann_release(struct voc_ann *ann);

#endif
