/*
 * lib/csv.h: an RFC 4180 CSV reader over a buffer in memory: a UTF-8 BOM
 * is skipped, LF, CRLF and CR all end a record, quoted fields may hold
 * commas, quotes ("") and newlines, blank lines are skipped, and a field
 * longer than max_field bytes, or a record longer than max_line bytes, is
 * an error rather than a huge allocation.  csv_init() takes both limits
 * from lib/limits.h (--max-csv-field, --max-csv-line).
 */
#ifndef LIB_CSV_H
#define LIB_CSV_H

#include <stddef.h>

struct csv {
	const char	*name;		/* for messages; borrowed */
	const char	*data;		/* borrowed; must outlive the reader */
	size_t		 len, pos;
	long		 line;		/* line number of the next byte */
	long		 record_line;	/* first line of the last record */
	size_t		 max_field;	/* bytes of one field, unquoted */
	size_t		 max_line;	/* bytes of one record as written */
	char		**fields;	/* the last record: owned by the reader */
	size_t		 nfields, cap;
	char		*buf;		/* field bytes, NUL-separated */
	size_t		 buflen, bufcap;
};

/*
 * Starts reading 'data' (not copied), with max_field and max_line from
 * LIMIT_CSV_FIELD and LIMIT_CSV_LINE (a caller may change them before
 * the first csv_next()).  Release with csv_release().
 */
void	csv_init(struct csv *, const char *name, const char *data, size_t len);
void	csv_release(struct csv *);
/*
 * Reads the next non-blank record.  Returns 1 with r->fields[0 ..
 * r->nfields - 1] (valid until the next call), 0 at the end, or -1 with a
 * one-line reason in why[256] such as "line 7: unterminated quoted field",
 * "line 3: field longer than 1048576 bytes; raise it with --max-csv-field"
 * or "line 5: row longer than 4194304 bytes; raise it with
 * --max-csv-line" (a record's length is every byte from its first to its
 * line end: quotes, commas and line ends inside quotes count, its own
 * line end does not).  Not reported: the caller names the file.  After
 * -1 the reader is mid-record: stop reading.
 */
int	csv_next(struct csv *, char *why);
/*
 * Index of the header field equal to 'name' (case-insensitive, blanks
 * trimmed), or -1.
 */
int	csv_column(const struct csv *, const char *name);

#endif
