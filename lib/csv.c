/*
 * lib/csv.c: the CSV reader (see csv.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "err.h"
#include "limits.h"

void
csv_init(struct csv *r, const char *name, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->name = name;
	r->data = data;
	r->len = len;
	r->line = 1;
	r->max_field = limit_size(LIMIT_CSV_FIELD);
	r->max_line = limit_size(LIMIT_CSV_LINE);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
}

void
csv_release(struct csv *r)
{
	free(r->fields);
	free(r->buf);
	r->fields = NULL;
	r->buf = NULL;
}

static void
csv_putc(struct csv *r, char c)
{
	if (r->buflen + 1 >= r->bufcap) {
		r->bufcap = r->bufcap ? r->bufcap * 2 : 256;
		r->buf = xrealloc(r->buf, r->bufcap);
	}
	r->buf[r->buflen++] = c;
}

/* Ends the current field, remembering its start offset in r->buf. */
static void
csv_end_field(struct csv *r, size_t start)
{
	csv_putc(r, '\0');
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	r->fields[r->nfields++] = (char *)(uintptr_t)start;
}

/* Consumes a line end at r->pos (LF, CRLF or CR); returns 1 if one was there. */
static int
csv_eol(struct csv *r)
{
	if (r->pos < r->len && r->data[r->pos] == '\r') {
		r->pos++;
		if (r->pos < r->len && r->data[r->pos] == '\n')
			r->pos++;
		r->line++;
		return 1;
	}
	if (r->pos < r->len && r->data[r->pos] == '\n') {
		r->pos++;
		r->line++;
		return 1;
	}
	return 0;
}

/* The reason for a record over max_line; returns -1. */
static int
csv_long_row(const struct csv *r, char *why)
{
	snprintf(why, 256, "line %ld: row longer than %zu bytes; raise it"
	    " with %s", r->record_line, r->max_line,
	    limit_option(LIMIT_CSV_LINE));
	return -1;
}

/*
 * Reads one record, blank or not; 1, 0 at end, -1 with why.  The record
 * length (from its first byte to its line end) is checked at every byte
 * stored and after every field, so neither a long field nor a run of
 * empty ones grows the buffers past the limits.
 */
static int
csv_record(struct csv *r, char *why)
{
	size_t	start, rstart, i;
	int	quoted;
	char	c;

	r->nfields = 0;
	r->buflen = 0;
	if (r->pos >= r->len)
		return 0;
	r->record_line = r->line;
	rstart = r->pos;
	for (;;) {
		start = r->buflen;
		quoted = 0;
		if (r->pos < r->len && r->data[r->pos] == '"') {
			quoted = 1;
			r->pos++;
		}
		for (;;) {
			if (r->pos >= r->len) {
				if (quoted) {
					snprintf(why, 256, "line %ld:"
					    " unterminated quoted field",
					    r->record_line);
					return -1;
				}
				break;
			}
			c = r->data[r->pos];
			if (quoted) {
				if (c == '"') {
					if (r->pos + 1 < r->len &&
					    r->data[r->pos + 1] == '"') {
						r->pos += 2;
						csv_putc(r, '"');
						goto check;
					}
					r->pos++;
					quoted = 0;
					continue;
				}
				if (c == '\n' || (c == '\r' && (r->pos + 1 >=
				    r->len || r->data[r->pos + 1] != '\n')))
					r->line++;
				r->pos++;
				csv_putc(r, c);
			} else {
				if (c == ',' || c == '\n' || c == '\r')
					break;
				r->pos++;
				csv_putc(r, c);
			}
check:
			if (r->buflen - start > r->max_field) {
				snprintf(why, 256, "line %ld: field longer than"
				    " %zu bytes; raise it with %s",
				    r->record_line, r->max_field,
				    limit_option(LIMIT_CSV_FIELD));
				return -1;
			}
			if (r->pos - rstart > r->max_line)
				return csv_long_row(r, why);
		}
		if (r->pos - rstart > r->max_line)
			return csv_long_row(r, why);
		csv_end_field(r, start);
		if (r->pos < r->len && r->data[r->pos] == ',') {
			r->pos++;
			continue;
		}
		csv_eol(r);
		break;
	}
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->buf + (uintptr_t)r->fields[i];
	return 1;
}

int
csv_next(struct csv *r, char *why)
{
	int	rc;

	while ((rc = csv_record(r, why)) == 1) {
		if (r->nfields > 1 || r->fields[0][0] != '\0')
			return 1;
	}
	return rc;
}

int
csv_column(const struct csv *r, const char *name)
{
	const char	*f;
	size_t		 i, n, len = strlen(name);

	for (i = 0; i < r->nfields; i++) {
		f = r->fields[i];
		while (*f == ' ' || *f == '\t')
			f++;
		n = strlen(f);
		while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\t'))
			n--;
		if (n == len && strncasecmp(f, name, len) == 0)
			return (int)i;
	}
	return -1;
}
