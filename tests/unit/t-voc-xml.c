/* Unit tests for importers/voc-xml.c. */
#include <stdlib.h>

#include "unit.h"
#include "../../importers/voc-xml.h"
#include "../../lib/limits.h"

/* Parses a NUL-terminated document. */
static int
parse(const char *xml, struct voc_ann *ann, char *why)
{
	return voc_parse(xml, strlen(xml), ann, why);
}

/* "<a><a>...</a></a>" under <annotation>, 'n' levels deep in all. */
static char *
nested(int n)
{
	size_t	 len = 32 + (size_t)n * 8, i;
	char	*s = malloc(len), *p = s;

	p += sprintf(p, "<annotation>");
	for (i = 1; i < (size_t)n; i++)
		p += sprintf(p, "<a>");
	for (i = 1; i < (size_t)n; i++)
		p += sprintf(p, "</a>");
	sprintf(p, "</annotation>");
	return s;
}

int
main(void)
{
	struct voc_ann	 a;
	char		 why[VOC_WHY_MAX], *deep;

	/* The shape of the real files: no declaration, a leading newline. */
	CHECK_INT(parse("\n<annotation>\n\t<folder>images</folder>\n"
	    "\t<filename>maksssksksss0.jpg</filename>\n"
	    "\t<size><width>512</width><height>366</height>"
	    "<depth>3</depth></size>\n\t<segmented>0</segmented>\n"
	    "\t<object>\n\t\t<name>sin_mascarilla</name>\n"
	    "\t\t<pose>Unspecified</pose>\n\t\t<truncated>0</truncated>\n"
	    "\t\t<difficult>0</difficult>\n\t\t<bndbox>\n"
	    "\t\t\t<xmin>79</xmin>\n\t\t\t<ymin>105</ymin>\n"
	    "\t\t\t<xmax>109</xmax>\n\t\t\t<ymax>142</ymax>\n"
	    "\t\t</bndbox>\n\t</object>\n\t<object>\n"
	    "\t\t<name>con_mascarilla</name>\n\t\t<bndbox><xmin>185</xmin>"
	    "<ymin>100</ymin><xmax>226</xmax><ymax>144</ymax></bndbox>\n"
	    "\t</object>\n</annotation>\n", &a, why), 0);
	CHECK_STR(a.filename, "maksssksksss0.jpg");
	CHECK_INT(a.width, 512);
	CHECK_INT(a.height, 366);
	CHECK_INT(a.depth, 3);
	CHECK_INT(a.nobjects, 2);
	CHECK_STR(a.objects[0].name, "sin_mascarilla");
	CHECK_STR(a.objects[0].pose, "Unspecified");
	CHECK_INT(a.objects[0].xmin, 79);
	CHECK_INT(a.objects[0].ymin, 105);
	CHECK_INT(a.objects[0].xmax, 109);
	CHECK_INT(a.objects[0].ymax, 142);
	CHECK_INT(a.objects[0].difficult, 0);
	CHECK_STR(a.objects[1].name, "con_mascarilla");
	CHECK(a.objects[1].pose == NULL);
	CHECK_INT(a.objects[1].xmax, 226);
	voc_ann_release(&a);
	voc_ann_release(&a);		/* twice is fine */
	CHECK(a.objects == NULL && a.filename == NULL);

	/* A declaration, decimals (rounded), flags, blanks around text. */
	CHECK_INT(parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<annotation><filename> a b.png </filename>"
	    "<object><name>\n with_mask \n</name><difficult>1</difficult>"
	    "<truncated>1</truncated><bndbox><xmin>12.0</xmin>"
	    "<ymin> 7.5 </ymin><xmax>99.49</xmax><ymax>-0.6</ymax>"
	    "</bndbox></object><object><name>without_mask</name>"
	    "<difficult/><bndbox><xmin>+1</xmin><ymin>2.</ymin>"
	    "<xmax>.5</xmax><ymax>4</ymax></bndbox></object></annotation>",
	    &a, why), 0);
	CHECK_STR(a.filename, "a b.png");
	CHECK_INT(a.width, -1);
	CHECK_INT(a.nobjects, 2);
	CHECK_STR(a.objects[0].name, "with_mask");
	CHECK_INT(a.objects[0].difficult, 1);
	CHECK_INT(a.objects[0].truncated, 1);
	CHECK_INT(a.objects[0].xmin, 12);
	CHECK_INT(a.objects[0].ymin, 8);
	CHECK_INT(a.objects[0].xmax, 99);
	CHECK_INT(a.objects[0].ymax, -1);
	CHECK_INT(a.objects[1].difficult, 0);
	CHECK_INT(a.objects[1].truncated, 0);
	CHECK_INT(a.objects[1].xmin, 1);
	CHECK_INT(a.objects[1].ymin, 2);
	CHECK_INT(a.objects[1].xmax, 1);
	voc_ann_release(&a);

	/* A <part> has its own <name> and <bndbox>: not the object's. */
	CHECK_INT(parse("<annotation><filename>p.jpg</filename><object>"
	    "<name>with_mask</name><bndbox><xmin>1</xmin><ymin>2</ymin>"
	    "<xmax>30</xmax><ymax>40</ymax></bndbox><part><name>head</name>"
	    "<bndbox><xmin>5</xmin><ymin>5</ymin><xmax>9</xmax><ymax>9</ymax>"
	    "</bndbox></part></object></annotation>", &a, why), 0);
	CHECK_INT(a.nobjects, 1);
	CHECK_STR(a.objects[0].name, "with_mask");
	CHECK_INT(a.objects[0].xmax, 30);
	voc_ann_release(&a);

	/* No objects is not the parser's business. */
	CHECK_INT(parse("<annotation><filename>e.jpg</filename>"
	    "</annotation>", &a, why), 0);
	CHECK_INT(a.nobjects, 0);
	voc_ann_release(&a);

	/* Malformed XML names the line. */
	CHECK_INT(parse("\n<annotation>\n<filename>x.jpg</filename>\n"
	    "<object><name>a</nam>\n</annotation>\n", &a, why), -1);
	CHECK_STR(why, "malformed XML at line 4: mismatched tag");
	CHECK(a.objects == NULL && a.filename == NULL);
	CHECK_INT(parse("", &a, why), -1);
	CHECK_STR(why, "malformed XML at line 1: no element found");
	CHECK_INT(parse("<annotation><filename>x&amp;y.jpg</filename>"
	    "</annotation>trailing", &a, why), -1);
	CHECK_STR(why, "malformed XML at line 1: junk after document element");
	CHECK_INT(voc_parse("<annotation>\0</annotation>", 26, &a, why), -1);
	CHECK_STR(why, "malformed XML at line 1: not well-formed (invalid token)");

	/* Predefined entities and character references are fine. */
	CHECK_INT(parse("<annotation><filename>x&amp;y&#46;jpg</filename>"
	    "</annotation>", &a, why), 0);
	CHECK_STR(a.filename, "x&y.jpg");
	voc_ann_release(&a);

	/* Billion laughs: the first declaration stops everything. */
	CHECK_INT(parse("<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [\n"
	    " <!ENTITY lol \"lol\">\n"
	    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	    "]>\n<annotation><filename>&lol9;</filename></annotation>\n",
	    &a, why), -1);
	CHECK_STR(why, "XML declares entity 'lol'; entities are refused");
	CHECK(a.filename == NULL);

	/* External entities: refused at the declaration, never read. */
	CHECK_INT(parse("<!DOCTYPE annotation [\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
	    "<annotation><filename>&x;</filename></annotation>", &a, why), -1);
	CHECK_STR(why, "XML declares entity 'x'; entities are refused");
	CHECK(a.filename == NULL);
	CHECK_INT(parse("<!DOCTYPE annotation [\n"
	    "<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;\n]>\n"
	    "<annotation><filename>a.jpg</filename></annotation>", &a, why),
	    -1);
	CHECK_STR(why, "XML declares entity '%p'; entities are refused");
	/* An external DTD is not fetched; its entities stay undefined. */
	CHECK_INT(parse("<!DOCTYPE annotation SYSTEM \"file:///etc/passwd\">\n"
	    "<annotation><filename>&x;</filename></annotation>", &a, why), -1);
	CHECK_STR(why, "XML refers to entity 'x', which is not defined");
	CHECK_INT(parse("<annotation><filename>&x;</filename></annotation>",
	    &a, why), -1);
	CHECK_STR(why, "malformed XML at line 1: undefined entity");

	/* Nesting: 64 levels are fine, 65 are not. */
	deep = nested(64);
	CHECK_INT(parse(deep, &a, why), -1);
	CHECK_STR(why, "no <filename> in <annotation>");
	free(deep);
	deep = nested(65);
	CHECK_INT(parse(deep, &a, why), -1);
	CHECK_STR(why, "XML nested deeper than 64 elements; raise it with"
	    " --max-xml-depth");
	/* --max-xml-depth 65 lets it through; 3 stops it early. */
	limit_set(LIMIT_XML_DEPTH, 65);
	CHECK_INT(parse(deep, &a, why), -1);
	CHECK_STR(why, "no <filename> in <annotation>");
	limit_set(LIMIT_XML_DEPTH, 3);
	CHECK_INT(parse(deep, &a, why), -1);
	CHECK_STR(why, "XML nested deeper than 3 elements; raise it with"
	    " --max-xml-depth");
	free(deep);
	/* A raised limit grows the element stack as the nesting goes. */
	limit_set(LIMIT_XML_DEPTH, 200000);
	deep = nested(100000);
	CHECK_INT(parse(deep, &a, why), -1);
	CHECK_STR(why, "no <filename> in <annotation>");
	limits_reset();
	CHECK_INT(parse(deep, &a, why), -1);
	CHECK_STR(why, "XML nested deeper than 64 elements; raise it with"
	    " --max-xml-depth");
	free(deep);

	/* Overlong text. */
	deep = malloc(VOC_TEXT_MAX + 100);
	memset(deep, 'a', VOC_TEXT_MAX + 100);
	memcpy(deep, "<annotation><filename>", 22);
	memcpy(deep + VOC_TEXT_MAX + 23, "</filename></annotation>", 25);
	CHECK_INT(parse(deep, &a, why), -1);
	CHECK_STR(why, "XML text of <filename> is longer than 4096 bytes");
	free(deep);

	/* Missing or bad pieces. */
	CHECK_INT(parse("<annotation><object><name>a</name></object>"
	    "</annotation>", &a, why), -1);
	CHECK_STR(why, "<object> #0 ('a') has no <bndbox>");
	CHECK_INT(parse("<annotation><filename>x.jpg</filename><object>"
	    "<name>a</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax>"
	    "<ymax>2</ymax></bndbox></object><object><pose>Left</pose>"
	    "</object></annotation>", &a, why), -1);
	CHECK_STR(why, "<object> #1 has no <name>");
	CHECK(a.objects == NULL && a.nobjects == 0);
	CHECK_INT(parse("<annotation><object><name> </name></object>"
	    "</annotation>", &a, why), -1);
	CHECK_STR(why, "<object> #0 has an empty <name>");
	CHECK_INT(parse("<annotation><filename>x.jpg</filename><object>"
	    "<name>a</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax>"
	    "</bndbox></object></annotation>", &a, why), -1);
	CHECK_STR(why, "<bndbox> of <object> #0 has no <ymax>");
	CHECK_INT(parse("<annotation><filename>x.jpg</filename><object>"
	    "<name>a</name><bndbox><xmin>1e3</xmin></bndbox></object>"
	    "</annotation>", &a, why), -1);
	CHECK_STR(why, "<xmin> of <object> #0 is '1e3', not a number");
	CHECK_INT(parse("<annotation><filename>x.jpg</filename><object>"
	    "<name>a</name><bndbox><xmin></xmin></bndbox></object>"
	    "</annotation>", &a, why), -1);
	CHECK_STR(why, "<xmin> of <object> #0 is '', not a number");
	CHECK_INT(parse("<annotation><filename>x.jpg</filename><object>"
	    "<name>a</name><bndbox><ymax>99999999999</ymax></bndbox></object>"
	    "</annotation>", &a, why), -1);
	CHECK_STR(why, "<ymax> of <object> #0 is '99999999999', not a number");
	CHECK_INT(parse("<annotation><filename>x.jpg</filename><object>"
	    "<name>a</name><difficult>yes</difficult></object></annotation>",
	    &a, why), -1);
	CHECK_STR(why, "<difficult> of <object> #0 is 'yes', not 0 or 1");
	CHECK_INT(parse("<annotation><filename>x.jpg</filename><size><width>"
	    "wide</width></size></annotation>", &a, why), -1);
	CHECK_STR(why, "<width> of <size> is 'wide', not a number");
	CHECK_INT(parse("<annotation><size><width>3</width></size>"
	    "</annotation>", &a, why), -1);
	CHECK_STR(why, "no <filename> in <annotation>");
	CHECK_INT(parse("<annotation><filename/></annotation>", &a, why), -1);
	CHECK_STR(why, "<filename> is empty");
	CHECK_INT(parse("<html><filename>x.jpg</filename></html>", &a, why),
	    -1);
	CHECK_STR(why, "the root element is <html>, not <annotation>");
	return unit_done();
}
