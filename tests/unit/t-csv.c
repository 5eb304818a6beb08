/* Unit tests for lib/csv.c: BOM, CRLF, quotes, blank lines, limits. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../lib/csv.h"
#include "../../lib/limits.h"

/* Parses 'text' and joins records as "a|b;c|d;" for easy comparison. */
static char *
flat(const char *text, size_t max_field, char *why)
{
	static char	 out[4096];
	struct csv	 r;
	size_t		 i;
	int		 rc;

	out[0] = '\0';
	why[0] = '\0';
	csv_init(&r, "t.csv", text, strlen(text));
	if (max_field)
		r.max_field = max_field;
	while ((rc = csv_next(&r, why)) == 1) {
		for (i = 0; i < r.nfields; i++) {
			strcat(out, r.fields[i]);
			strcat(out, i + 1 < r.nfields ? "|" : ";");
		}
	}
	csv_release(&r);
	if (rc < 0)
		strcat(out, "ERR");
	return out;
}

int
main(void)
{
	char		 why[256];
	struct csv	 r;
	const char	*t;

	CHECK_STR(flat("a,b\nc,d\n", 0, why), "a|b;c|d;");
	CHECK_STR(flat("a,b\r\nc,d\r\n", 0, why), "a|b;c|d;");
	CHECK_STR(flat("a,b\rc,d", 0, why), "a|b;c|d;");
	CHECK_STR(flat("\xef\xbb\xbfid,age\n1,2\n", 0, why), "id|age;1|2;");
	CHECK_STR(flat("a,b\n\n\r\nc,d\n\n", 0, why), "a|b;c|d;");
	CHECK_STR(flat("\"x,y\",\"say \"\"hi\"\"\"\n", 0, why),
	    "x,y|say \"hi\";");
	CHECK_STR(flat("\"multi\nline\",2\n", 0, why), "multi\nline|2;");
	CHECK_STR(flat("a,,\n", 0, why), "a||;");
	CHECK_STR(flat("\"open,1\n2,3\n", 0, why), "ERR");
	CHECK_STR(why, "line 1: unterminated quoted field");
	CHECK_STR(flat("ok\n0123456789abc\n", 8, why), "ok;ERR");
	CHECK_STR(why, "line 2: field longer than 8 bytes; raise it with"
	    " --max-csv-field");
	CHECK_STR(flat("", 0, why), "");

	/* csv_init() takes the field limit from lib/limits.h. */
	limit_set(LIMIT_CSV_FIELD, 4);
	CHECK_STR(flat("abcd,\"efgh\"\nabcde\n", 0, why), "abcd|efgh;ERR");
	CHECK_STR(why, "line 2: field longer than 4 bytes; raise it with"
	    " --max-csv-field");
	limits_reset();

	/*
	 * The row limit: every byte from the record's first to its line end,
	 * quotes, commas and quoted line ends included.
	 */
	limit_set(LIMIT_CSV_LINE, 8);
	CHECK_STR(flat("12345678\r\nabc\n", 0, why), "12345678;abc;");
	CHECK_STR(flat("ok\n123456789\n", 0, why), "ok;ERR");
	CHECK_STR(why, "line 2: row longer than 8 bytes; raise it with"
	    " --max-csv-line");
	CHECK_STR(flat("\"123456\"\n", 0, why), "123456;");
	CHECK_STR(flat("\"1234567\"\n", 0, why), "ERR");
	CHECK_STR(flat("1,2,3,4,\n", 0, why), "1|2|3|4|;");
	CHECK_STR(flat(",,,,,,,,,\n", 0, why), "ERR");
	CHECK_STR(why, "line 1: row longer than 8 bytes; raise it with"
	    " --max-csv-line");
	CHECK_STR(flat("a\n\"x\ny\",z,1\n", 0, why), "a;ERR");
	CHECK_STR(why, "line 2: row longer than 8 bytes; raise it with"
	    " --max-csv-line");
	/* Over both: the field, which is the more precise, is named. */
	CHECK_STR(flat("123456789\n", 4, why), "ERR");
	CHECK_STR(why, "line 1: field longer than 4 bytes; raise it with"
	    " --max-csv-field");
	limits_reset();
	CHECK_STR(flat("123456789,123456789\n", 0, why),
	    "123456789|123456789;");

	/* Line numbers count the lines inside quoted fields. */
	t = "h\n\"a\nb\"\nc\n";
	csv_init(&r, "t", t, strlen(t));
	CHECK_INT(csv_next(&r, why), 1);
	CHECK_INT(csv_next(&r, why), 1);
	CHECK_INT(r.record_line, 2);
	CHECK_INT(csv_next(&r, why), 1);
	CHECK_INT(r.record_line, 4);
	CHECK_INT(csv_next(&r, why), 0);
	csv_release(&r);

	t = " Id ,GENDER,race\n";
	csv_init(&r, "t", t, strlen(t));
	CHECK_INT(csv_next(&r, why), 1);
	CHECK_INT(csv_column(&r, "id"), 0);
	CHECK_INT(csv_column(&r, "gender"), 1);
	CHECK_INT(csv_column(&r, "age"), -1);
	csv_release(&r);
	return unit_done();
}
