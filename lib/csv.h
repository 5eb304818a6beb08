/*
 * lib/csv.h: an RFC 4180 CSV reader over a buffer in memory: a UTF-8 BOM
 * is skipped, LF, CRLF and CR all end a record, quoted fields may hold
 * commas, quotes ("") and newlines, blank lines are skipped, and a field
 * longer than max_field bytes is an error rather than a huge allocation.
 */
#ifndef LIB_CSV_H
#define LIB_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELD	(1u << 20)	/* default field limit: 1 MiB */

struct csv {
	const char	*name;		/* for messages; borrowed */
	const char	*data;		/* borrowed; must outlive the reader */
	size_t		 len, pos;
	long		 line;		/* line number of the next byte */
	long		 record_line;	/* first line of the last record */
	size_t		 max_field;
	char		**fields;	/* the last record: owned by the reader */
	size_t		 nfields, cap;
	char		*buf;		/* field bytes, NUL-separated */
	size_t		 buflen, bufcap;
};

/* Starts reading 'data' (not copied).  Release with csv_release(). */
void	csv_init(struct csv *, const char *name, const char *data, size_t len);
void	csv_release(struct csv *);
/*
 * Reads the next non-blank record.  Returns 1 with r->fields[0 ..
 * r->nfields - 1] (valid until the next call), 0 at the end, or -1 with a
 * one-line reason in why[256] such as "line 7: unterminated quoted field"
 * or "line 3: field longer than 1048576 bytes".  Not reported: the caller
 * names the file.
 */
int	csv_next(struct csv *, char *why);
/*
 * Index of the header field equal to 'name' (case-insensitive, blanks
 * trimmed), or -1.
 */
int	csv_column(const struct csv *, const char *name);

#endif
