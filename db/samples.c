/*
 * db/samples.c: the query behind "maskcat export" (and later the audit):
 * every labelled-or-not sample (a face box, or a whole image without
 * boxes; byte-identical copies are not samples) with what it takes to
 * read, cut and label it, filtered by field comparisons whose values are
 * bound, never pasted into the SQL.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "../lib/err.h"
#include "../lib/labels.h"

/* The fields a filter may name, their SQL and how values are read. */
enum fkind { F_INT, F_TEXT, F_MASK, F_GENDER, F_AGE_BIN };

static const struct field {
	const char	*name;
	const char	*sql;
	enum fkind	 kind;
} fields[] = {
	{ "source",	"s.name",	F_TEXT },
	{ "kind",	"s.kind",	F_TEXT },
	{ "person",	"p.folder",	F_TEXT },
	{ "path",	"i.path",	F_TEXT },
	{ "label",	"x.label",	F_TEXT },
	{ "split",	"i.split",	F_TEXT },
	{ "race",	"i.race",	F_TEXT },
	{ "format",	"i.format",	F_TEXT },
	{ "mask",	"x.mask",	F_MASK },
	{ "gender",	"x.gender",	F_GENDER },
	{ "age_bin",	"x.age_bin",	F_AGE_BIN },
	{ "age",	"x.age",	F_INT },
	{ "class",	"x.class",	F_INT },
	{ "width",	"i.width",	F_INT },
	{ "height",	"i.height",	F_INT },
};

static const char *const ops[] = { "<=", ">=", "!=", "=", "<", ">" };

/* See db.h. */
int
db_filter_parse(const char *expr, struct db_filter *f, char *why)
{
	const char	*p;
	size_t		 i, j, n;
	int		 v;

	for (p = expr; *p != '\0' && strchr("=!<>", *p) == NULL; p++)
		;
	n = (size_t)(p - expr);
	while (n > 0 && expr[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strlen(fields[i].name) == n &&
		    strncmp(fields[i].name, expr, n) == 0)
			break;
	if (i == sizeof fields / sizeof fields[0]) {
		snprintf(why, 256, "'%s': unknown field '%.*s' (fields: source,"
		    " kind, person, path, label, split, race, format, mask,"
		    " gender, age_bin, age, class, width, height)", expr,
		    (int)n, expr);
		return -1;
	}
	for (j = 0; j < sizeof ops / sizeof ops[0]; j++)
		if (strncmp(p, ops[j], strlen(ops[j])) == 0)
			break;
	if (j == sizeof ops / sizeof ops[0]) {
		snprintf(why, 256, "'%s': expected FIELD=VALUE, or one of"
		    " != < <= > >= between field and value", expr);
		return -1;
	}
	p += strlen(ops[j]);
	while (*p == ' ')
		p++;
	f->sql = fields[i].sql;
	f->op = ops[j];
	f->text = NULL;
	f->is_null = strcmp(p, "null") == 0 || strcmp(p, "?") == 0;
	if (f->is_null) {
		if (strcmp(f->op, "=") != 0 && strcmp(f->op, "!=") != 0) {
			snprintf(why, 256, "'%s': only = and != compare with"
			    " null", expr);
			return -1;
		}
		return 0;
	}
	switch (fields[i].kind) {
	case F_TEXT:
		f->text = p;
		return 0;
	case F_MASK:
		v = label_mask_parse(p);
		break;
	case F_GENDER:
		v = label_gender_parse(p);
		break;
	case F_AGE_BIN:
		for (v = 0; v < N_AGE_BIN; v++)
			if (strcmp(p, label_age_bin_word(v)) == 0)
				break;
		if (v == N_AGE_BIN)
			v = LABEL_UNKNOWN;
		break;
	default:
		v = LABEL_UNKNOWN;
		break;
	}
	if (fields[i].kind != F_INT && v != LABEL_UNKNOWN) {
		f->num = v;
		return 0;
	}
	/* A number: integer fields, or a label given by its index. */
	{
		char	*end;
		long	 l = strtol(p, &end, 10);

		if (*p == '\0' || *end != '\0' || l < -1000000 ||
		    l > 1000000000) {
			snprintf(why, 256, "'%s': '%s' is not a %s", expr, p,
			    fields[i].kind == F_INT ? "whole number" :
			    "value of that field");
			return -1;
		}
		f->num = (int)l;
	}
	return 0;
}

/* Copies a nullable text column (borrowed for the row). */
static const char *
col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

static int
col_opt(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, col);
}

/* See db.h. */
int
db_each_sample(sqlite3 *db, const char *source, const struct db_filter *f,
    size_t nf, int with_copies, int (*fn)(const struct db_sample *, void *), void *arg)
{
	/* The samples view, with byte-identical copies (dup_of) kept. */
	static const char	 head[] =
	    "SELECT x.image_id, x.box_id, b.idx, b.x0, b.y0, b.x1, b.y1,"
	    " s.name, s.kind, s.root, s.container, s.prefix, i.path,"
	    " x.person_id, p.folder, p.ext_id, coalesce(p.race, i.race),"
	    " x.mask, x.gender, x.age, x.age_bin, x.class, x.label,"
	    " i.format, i.width, i.height, m.orientation, i.hash, i.bytes,"
	    " i.dup_of"
	    " FROM (SELECT i.id AS image_id, NULL AS box_id, i.source_id,"
	    "  i.person_id, i.mask, i.gender, i.age, i.age_bin, i.class,"
	    "  i.label FROM images i WHERE NOT EXISTS"
	    "  (SELECT 1 FROM boxes b WHERE b.image_id = i.id)"
	    " UNION ALL"
	    " SELECT i.id, b.id, i.source_id, i.person_id, b.mask, i.gender,"
	    "  i.age, i.age_bin, CASE WHEN b.mask IS NOT NULL AND i.gender IS"
	    "  NOT NULL AND i.age_bin IS NOT NULL THEN b.mask * 6 + i.gender"
	    "  * 3 + i.age_bin END, b.label"
	    "  FROM boxes b JOIN images i ON i.id = b.image_id) x"
	    " JOIN images i ON i.id = x.image_id"
	    " JOIN sources s ON s.id = x.source_id"
	    " LEFT JOIN boxes b ON b.id = x.box_id"
	    " LEFT JOIN persons p ON p.id = x.person_id"
	    " LEFT JOIN measures m ON m.image_id = x.image_id"
	    " WHERE (?1 IS NULL OR s.name = ?1)";
	struct db_sample	 r;
	sqlite3_stmt		*st = NULL;
	char			*sql, *tmp;
	size_t			 k;
	int			 rc, ret = 0, par = 2;

	if (db_check_source(db, source) != 0)
		return -1;
	sql = with_copies ? xstrdup(head) :
	    xasprintf("%s AND i.dup_of IS NULL", head);
	for (k = 0; k < nf; k++) {
		if (f[k].is_null)
			tmp = xasprintf("%s AND %s IS %s NULL", sql, f[k].sql,
			    strcmp(f[k].op, "=") == 0 ? "" : "NOT");
		else
			tmp = xasprintf("%s AND %s %s ?%d", sql, f[k].sql,
			    f[k].op, par++);
		free(sql);
		sql = tmp;
	}
	tmp = xasprintf("%s ORDER BY s.name, i.path, b.idx", sql);
	free(sql);
	sql = tmp;
	if (db_prepare_source(db, sql, source, &st) != 0) {
		free(sql);
		return -1;
	}
	for (k = 0, par = 2; k < nf; k++) {
		if (f[k].is_null)
			continue;
		if (f[k].text != NULL)
			sqlite3_bind_text(st, par++, f[k].text, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_int(st, par++, f[k].num);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.image_id = sqlite3_column_int64(st, 0);
		r.box_id = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 :
		    sqlite3_column_int64(st, 1);
		r.box_idx = col_opt(st, 2);
		r.x0 = sqlite3_column_int(st, 3);
		r.y0 = sqlite3_column_int(st, 4);
		r.x1 = sqlite3_column_int(st, 5);
		r.y1 = sqlite3_column_int(st, 6);
		r.source = col_text(st, 7);
		r.kind = col_text(st, 8);
		r.root = col_text(st, 9);
		r.container = col_text(st, 10);
		r.prefix = col_text(st, 11);
		r.path = col_text(st, 12);
		r.person_id = sqlite3_column_type(st, 13) == SQLITE_NULL ? 0 :
		    sqlite3_column_int64(st, 13);
		r.person = col_text(st, 14);
		r.ext_id = col_text(st, 15);
		r.race = col_text(st, 16);
		r.mask = col_opt(st, 17);
		r.gender = col_opt(st, 18);
		r.age = col_opt(st, 19);
		r.age_bin = col_opt(st, 20);
		r.cls = col_opt(st, 21);
		r.label = col_text(st, 22);
		r.format = col_text(st, 23);
		r.width = sqlite3_column_int(st, 24);
		r.height = sqlite3_column_int(st, 25);
		r.orientation = col_opt(st, 26);
		r.hash = col_text(st, 27);
		r.bytes = sqlite3_column_int64(st, 28);
		r.dup_of = sqlite3_column_type(st, 29) == SQLITE_NULL ? 0 :
		    sqlite3_column_int64(st, 29);
		if ((ret = fn(&r, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(db, sql);
	free(sql);
	return ret;
}
