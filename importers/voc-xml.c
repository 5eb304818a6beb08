/*
 * importers/voc-xml.c: one PASCAL VOC <annotation> parsed with expat's
 * stream API.  Each element gets a kind from its parent's kind and its
 * name, so a <name> counts only directly inside an <object> (a <part>'s
 * <name> is not the face's).  Annotation files come from strangers: any
 * entity declaration stops the parse (this is what defeats billion
 * laughs and external entities; expat never reads a DTD or an entity
 * from disk on its own, and parameter-entity parsing stays at its
 * default, never), as do deep nesting and overlong text.
 */
#include <expat.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voc-xml.h"
#include "../lib/err.h"
#include "../lib/limits.h"

#define VOC_CHUNK	(1 << 20)	/* bytes handed to XML_Parse at once */
#define VOC_COORD_MAX	1000000000	/* |value| of a size or coordinate */

enum voc_kind {
	K_OTHER, K_ANN, K_FILENAME, K_SIZE, K_WIDTH, K_HEIGHT, K_DEPTH,
	K_OBJECT, K_NAME, K_POSE, K_TRUNCATED, K_DIFFICULT, K_BNDBOX,
	K_XMIN, K_YMIN, K_XMAX, K_YMAX
};

/* Element names by kind, for messages; K_OTHER and K_ANN are not leaves. */
static const char *const voc_kind_name[] = {
	[K_OTHER] = "?", [K_ANN] = "annotation", [K_FILENAME] = "filename",
	[K_SIZE] = "size", [K_WIDTH] = "width", [K_HEIGHT] = "height",
	[K_DEPTH] = "depth", [K_OBJECT] = "object", [K_NAME] = "name",
	[K_POSE] = "pose", [K_TRUNCATED] = "truncated",
	[K_DIFFICULT] = "difficult", [K_BNDBOX] = "bndbox", [K_XMIN] = "xmin",
	[K_YMIN] = "ymin", [K_XMAX] = "xmax", [K_YMAX] = "ymax"
};

/* Which parts an <object> had, as bits. */
#define HAVE_NAME	0x01
#define HAVE_BNDBOX	0x02
#define HAVE_XMIN	0x04
#define HAVE_YMIN	0x08
#define HAVE_XMAX	0x10
#define HAVE_YMAX	0x20

struct voc_state {
	XML_Parser	 p;
	struct voc_ann	*ann;
	size_t		 cap;		/* of ann->objects */
	enum voc_kind	*stack;		/* owned: one kind per open element */
	size_t		 stack_cap;
	size_t		 max_depth;	/* LIMIT_XML_DEPTH */
	size_t		 depth;		/* elements open now */
	int		 have;		/* HAVE_* of the open <object> */
	char		 text[VOC_TEXT_MAX + 1];
	size_t		 tlen;
	int		 failed;
	char		*why;		/* the caller's why[VOC_WHY_MAX] */
};

/* Records the first reason and stops the parser after this handler. */
static void PRINTFLIKE(2, 3)
voc_fail(struct voc_state *st, const char *fmt, ...)
{
	va_list	ap;

	if (st->failed)
		return;
	st->failed = 1;
	va_start(ap, fmt);
	vsnprintf(st->why, VOC_WHY_MAX, fmt, ap);
	va_end(ap);
	XML_StopParser(st->p, XML_FALSE);
}

/* The kind of element 'name' inside an element of kind 'parent'. */
static enum voc_kind
voc_kind_of(enum voc_kind parent, const char *name)
{
	static const struct {
		enum voc_kind	 parent, kind;
	} rules[] = {
		{ K_ANN, K_FILENAME }, { K_ANN, K_SIZE }, { K_ANN, K_OBJECT },
		{ K_SIZE, K_WIDTH }, { K_SIZE, K_HEIGHT }, { K_SIZE, K_DEPTH },
		{ K_OBJECT, K_NAME }, { K_OBJECT, K_POSE },
		{ K_OBJECT, K_TRUNCATED }, { K_OBJECT, K_DIFFICULT },
		{ K_OBJECT, K_BNDBOX },
		{ K_BNDBOX, K_XMIN }, { K_BNDBOX, K_YMIN },
		{ K_BNDBOX, K_XMAX }, { K_BNDBOX, K_YMAX },
	};
	size_t	i;

	for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (rules[i].parent == parent &&
		    strcmp(voc_kind_name[rules[i].kind], name) == 0)
			return rules[i].kind;
	return K_OTHER;
}

/* True for the kinds whose text is kept. */
static int
voc_kind_has_text(enum voc_kind k)
{
	return k != K_OTHER && k != K_ANN && k != K_SIZE && k != K_OBJECT &&
	    k != K_BNDBOX;
}

static int
voc_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trims st->text in place; returns its start. */
static char *
voc_trimmed(struct voc_state *st)
{
	char	*s = st->text, *e = st->text + st->tlen;

	while (s < e && voc_is_blank(*s))
		s++;
	while (e > s && voc_is_blank(e[-1]))
		e--;
	*e = '\0';
	return s;
}

/*
 * Reads a decimal number ("12", "12.0", "-3.5", "+7.") rounded half away
 * from zero.  Returns 0, or -1 if 's' is not such a number or is out of
 * range.  Hand-made rather than strtod(): no locale, no exponents, no
 * "nan".
 */
static int
voc_number(const char *s, int *out)
{
	long long	 v = 0;
	int		 neg = 0, digits = 0, up = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		v = v * 10 + (*s - '0');
		if (v > VOC_COORD_MAX)
			return -1;
	}
	if (*s == '.') {
		s++;
		if (*s >= '0' && *s <= '9')
			up = *s >= '5';
		for (; *s >= '0' && *s <= '9'; s++)
			digits++;
	}
	if (*s != '\0' || digits == 0)
		return -1;
	v += up;
	if (v > VOC_COORD_MAX)
		return -1;
	*out = (int)(neg ? -v : v);
	return 0;
}

static struct voc_object *
voc_current(struct voc_state *st)
{
	return &st->ann->objects[st->ann->nobjects - 1];
}

/* The end of a leaf element: stores its text where it belongs. */
static void
voc_leaf(struct voc_state *st, enum voc_kind k)
{
	struct voc_object	*o = NULL;
	char			*t = voc_trimmed(st);
	long			 n = (long)st->ann->nobjects - 1;
	int			 v = 0, *dst = NULL;

	if (k >= K_NAME)
		o = voc_current(st);
	switch (k) {
	case K_FILENAME:
		if (st->ann->filename == NULL)
			st->ann->filename = xstrdup(t);
		return;
	case K_NAME:
		free(o->name);
		o->name = xstrdup(t);
		st->have |= HAVE_NAME;
		return;
	case K_POSE:
		free(o->pose);
		o->pose = xstrdup(t);
		return;
	case K_WIDTH:
	case K_HEIGHT:
	case K_DEPTH:
		if (*t == '\0')
			return;		/* an empty size is as good as none */
		if (voc_number(t, &v) != 0) {
			voc_fail(st, "<%s> of <size> is '%.40s', not a number",
			    voc_kind_name[k], t);
			return;
		}
		*(k == K_WIDTH ? &st->ann->width : k == K_HEIGHT ?
		    &st->ann->height : &st->ann->depth) = v;
		return;
	case K_TRUNCATED:
	case K_DIFFICULT:
		if (*t == '\0')
			return;
		if (voc_number(t, &v) != 0 || (v != 0 && v != 1)) {
			voc_fail(st, "<%s> of <object> #%ld is '%.40s', not 0"
			    " or 1", voc_kind_name[k], n, t);
			return;
		}
		*(k == K_TRUNCATED ? &o->truncated : &o->difficult) = v;
		return;
	case K_XMIN:
		dst = &o->xmin;
		st->have |= HAVE_XMIN;
		break;
	case K_YMIN:
		dst = &o->ymin;
		st->have |= HAVE_YMIN;
		break;
	case K_XMAX:
		dst = &o->xmax;
		st->have |= HAVE_XMAX;
		break;
	case K_YMAX:
		dst = &o->ymax;
		st->have |= HAVE_YMAX;
		break;
	default:
		return;
	}
	if (voc_number(t, dst) != 0)
		voc_fail(st, "<%s> of <object> #%ld is '%.40s', not a number",
		    voc_kind_name[k], n, t);
}

/* The end of an <object>: everything a box needs must be there. */
static void
voc_object_end(struct voc_state *st)
{
	static const struct {
		int		 bit;
		const char	*name;
	} coords[] = {
		{ HAVE_XMIN, "xmin" }, { HAVE_YMIN, "ymin" },
		{ HAVE_XMAX, "xmax" }, { HAVE_YMAX, "ymax" },
	};
	struct voc_object	*o = voc_current(st);
	long			 n = (long)st->ann->nobjects - 1;
	size_t			 i;

	if (!(st->have & HAVE_NAME)) {
		voc_fail(st, "<object> #%ld has no <name>", n);
		return;
	}
	if (o->name[0] == '\0') {
		voc_fail(st, "<object> #%ld has an empty <name>", n);
		return;
	}
	if (!(st->have & HAVE_BNDBOX)) {
		voc_fail(st, "<object> #%ld ('%.60s') has no <bndbox>", n,
		    o->name);
		return;
	}
	for (i = 0; i < sizeof coords / sizeof coords[0]; i++) {
		if (!(st->have & coords[i].bit)) {
			voc_fail(st, "<bndbox> of <object> #%ld has no <%s>", n,
			    coords[i].name);
			return;
		}
	}
}

static void XMLCALL
voc_start(void *arg, const XML_Char *name, const XML_Char **attrs)
{
	struct voc_state	*st = arg;
	struct voc_ann		*ann = st->ann;
	enum voc_kind		 k;

	(void)attrs;
	if (st->failed)
		return;
	if (st->depth >= st->max_depth) {
		voc_fail(st, "XML nested deeper than %zu elements; raise it"
		    " with %s", st->max_depth, limit_option(LIMIT_XML_DEPTH));
		return;
	}
	if (st->depth == st->stack_cap) {	/* < max_depth <= 2^20 */
		st->stack_cap = st->stack_cap ? st->stack_cap * 2 : 16;
		st->stack = xrealloc(st->stack, st->stack_cap *
		    sizeof *st->stack);
	}
	if (st->depth == 0) {
		if (strcmp(name, "annotation") != 0) {
			voc_fail(st, "the root element is <%.40s>, not"
			    " <annotation>", name);
			return;
		}
		k = K_ANN;
	} else
		k = voc_kind_of(st->stack[st->depth - 1], name);
	st->stack[st->depth++] = k;
	if (voc_kind_has_text(k))
		st->tlen = 0;
	if (k == K_OBJECT) {
		if (ann->nobjects == st->cap) {
			if (st->cap > SIZE_MAX / 2 / sizeof *ann->objects)
				die("too many <object> elements");
			st->cap = st->cap ? st->cap * 2 : 8;
			ann->objects = xrealloc(ann->objects,
			    st->cap * sizeof *ann->objects);
		}
		memset(&ann->objects[ann->nobjects++], 0,
		    sizeof *ann->objects);
		st->have = 0;
	} else if (k == K_BNDBOX)
		st->have |= HAVE_BNDBOX;
}

static void XMLCALL
voc_end(void *arg, const XML_Char *name)
{
	struct voc_state	*st = arg;
	enum voc_kind		 k;

	(void)name;
	if (st->failed || st->depth == 0)
		return;
	k = st->stack[--st->depth];
	if (k == K_OBJECT)
		voc_object_end(st);
	else if (voc_kind_has_text(k))
		voc_leaf(st, k);
}

static void XMLCALL
voc_text(void *arg, const XML_Char *s, int len)
{
	struct voc_state	*st = arg;
	enum voc_kind		 k;

	if (st->failed || st->depth == 0 || len <= 0)
		return;
	k = st->stack[st->depth - 1];
	if (!voc_kind_has_text(k))
		return;
	if ((size_t)len > VOC_TEXT_MAX - st->tlen) {
		voc_fail(st, "XML text of <%s> is longer than %d bytes",
		    voc_kind_name[k], VOC_TEXT_MAX);
		return;
	}
	memcpy(st->text + st->tlen, s, (size_t)len);
	st->tlen += (size_t)len;
}

/* Any <!ENTITY>, general or parameter, internal or external. */
static void XMLCALL
voc_entity_decl(void *arg, const XML_Char *name, int is_param,
    const XML_Char *value, int value_len, const XML_Char *base,
    const XML_Char *system_id, const XML_Char *public_id,
    const XML_Char *notation)
{
	(void)value, (void)value_len, (void)base, (void)system_id;
	(void)public_id, (void)notation;
	voc_fail(arg, "XML declares entity '%s%.60s'; entities are refused",
	    is_param ? "%" : "", name);
}

/*
 * A reference to an entity expat did not expand (declared in a DTD it did
 * not read): refused rather than silently dropped from the text.
 */
static void XMLCALL
voc_skipped_entity(void *arg, const XML_Char *name, int is_param)
{
	voc_fail(arg, "XML refers to entity '%s%.60s', which is not defined",
	    is_param ? "%" : "", name);
}

void
voc_ann_release(struct voc_ann *ann)
{
	size_t	i;

	for (i = 0; i < ann->nobjects; i++) {
		free(ann->objects[i].name);
		free(ann->objects[i].pose);
	}
	free(ann->objects);
	free(ann->filename);
	memset(ann, 0, sizeof *ann);
	ann->width = ann->height = ann->depth = -1;
}

int
voc_parse(const char *xml, size_t len, struct voc_ann *out, char *why)
{
	struct voc_state	*st = NULL;
	size_t			 off = 0, chunk;
	int			 final;
	enum XML_Status		 rc = XML_STATUS_OK;

	memset(out, 0, sizeof *out);
	out->width = out->height = out->depth = -1;
	why[0] = '\0';
	st = xcalloc(1, sizeof *st);
	st->ann = out;
	st->why = why;
	st->max_depth = (size_t)limit_get(LIMIT_XML_DEPTH);
	if ((st->p = XML_ParserCreate(NULL)) == NULL) {
		snprintf(why, VOC_WHY_MAX, "cannot create an XML parser: out of"
		    " memory");
		goto fail;
	}
	XML_SetUserData(st->p, st);
	XML_SetElementHandler(st->p, voc_start, voc_end);
	XML_SetCharacterDataHandler(st->p, voc_text);
	XML_SetEntityDeclHandler(st->p, voc_entity_decl);
	XML_SetSkippedEntityHandler(st->p, voc_skipped_entity);
	do {
		chunk = len - off > VOC_CHUNK ? VOC_CHUNK : len - off;
		final = off + chunk == len;
		rc = XML_Parse(st->p, xml + off, (int)chunk, final);
		off += chunk;
	} while (rc == XML_STATUS_OK && !final && !st->failed);
	if (st->failed)
		goto fail;
	if (rc != XML_STATUS_OK) {
		snprintf(why, VOC_WHY_MAX, "malformed XML at line %lu: %s",
		    (unsigned long)XML_GetCurrentLineNumber(st->p),
		    XML_ErrorString(XML_GetErrorCode(st->p)));
		goto fail;
	}
	if (out->filename == NULL) {
		snprintf(why, VOC_WHY_MAX, "no <filename> in <annotation>");
		goto fail;
	}
	if (out->filename[0] == '\0') {
		snprintf(why, VOC_WHY_MAX, "<filename> is empty");
		goto fail;
	}
	XML_ParserFree(st->p);
	free(st->stack);
	free(st);
	return 0;
fail:
	if (st->p != NULL)
		XML_ParserFree(st->p);
	free(st->stack);
	free(st);
	voc_ann_release(out);
	return -1;
}
