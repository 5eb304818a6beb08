/*
 * db/corrections.c: the label correction overlay of "maskcat relabel".
 * A correction is keyed by names (folder, path, box index), not row ids,
 * because an import may delete and re-create rows; after each import the
 * active corrections are applied again.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corrections.h"
#include "../lib/err.h"
#include "../lib/labels.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

enum { F_MASK, F_GENDER, F_AGE, F_COUNT };
enum { T_PERSON, T_IMAGE, T_BOX };

static const char *const field_names[F_COUNT] = { "mask", "gender", "age" };

/* A target found in the catalog, with the current value of one field. */
struct target {
	int	 kind;			/* T_* */
	int64_t	 id;			/* its persons, images or boxes row */
	int	 value;			/* -1: unknown */
	char	*owner;			/* an image's person folder, or NULL */
	long	 nboxes;		/* an image's face boxes */
};

/* Marks an image's status from its labels after a change. */
#define SET_STATUS(where)						\
	"UPDATE images SET status = CASE WHEN mask IS NULL AND gender IS"	\
	" NULL AND age IS NULL AND NOT EXISTS (SELECT 1 FROM boxes b WHERE"	\
	" b.image_id = images.id) THEN 'unlabelled' ELSE 'ok' END WHERE "	\
	where

/*
 * The writes of one value, by target kind and field: ?1 the row id, ?2
 * the value (NULL: unknown), ?3 its age bin.  The class is recomputed in
 * the same statement (NULL arithmetic leaves it NULL when a part is
 * unknown), as the schema's CHECKs require.
 */
static const char *const set_sql[3][F_COUNT][4] = {
	[T_PERSON] = {
		[F_GENDER] = {
		    "UPDATE persons SET gender = ?2 WHERE id = ?1",
		    "UPDATE images SET gender = ?2,"
		    " class = mask * 6 + ?2 * 3 + age_bin WHERE person_id = ?1",
		    SET_STATUS("person_id = ?1"), NULL },
		[F_AGE] = {
		    "UPDATE persons SET age = ?2 WHERE id = ?1",
		    "UPDATE images SET age = ?2, age_bin = ?3,"
		    " class = mask * 6 + gender * 3 + ?3 WHERE person_id = ?1",
		    SET_STATUS("person_id = ?1"), NULL },
	},
	[T_IMAGE] = {
		[F_MASK] = {
		    "UPDATE images SET mask = ?2,"
		    " class = ?2 * 6 + gender * 3 + age_bin WHERE id = ?1",
		    SET_STATUS("id = ?1"), NULL },
		[F_GENDER] = {
		    "UPDATE images SET gender = ?2,"
		    " class = mask * 6 + ?2 * 3 + age_bin WHERE id = ?1",
		    SET_STATUS("id = ?1"), NULL },
		[F_AGE] = {
		    "UPDATE images SET age = ?2, age_bin = ?3,"
		    " class = mask * 6 + gender * 3 + ?3 WHERE id = ?1",
		    SET_STATUS("id = ?1"), NULL },
	},
	[T_BOX] = {
		[F_MASK] = { "UPDATE boxes SET mask = ?2 WHERE id = ?1", NULL },
	},
};

static int
field_index(const char *field)
{
	int	i;

	for (i = 0; i < F_COUNT; i++)
		if (field != NULL && strcmp(field, field_names[i]) == 0)
			return i;
	return -1;
}

const char *
db_correction_word(const char *field, int value, char *buf)
{
	if (value < 0)
		return "?";
	switch (field_index(field)) {
	case F_MASK:
		return label_mask_word(value);
	case F_GENDER:
		return label_gender_word(value);
	default:
		snprintf(buf, 16, "%d", value);
		return buf;
	}
}

/* Binds v, or NULL when it is < 0. */
static void
bind_opt(sqlite3_stmt *st, int col, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_int(st, col, v);
}

static void
bind_text_opt(sqlite3_stmt *st, int col, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
}

static int
column_opt(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, col);
}

/* A copy of a text column, or NULL; the caller frees it. */
static char *
column_dup(sqlite3_stmt *st, int col)
{
	const char	*s = (const char *)sqlite3_column_text(st, col);

	return s != NULL ? xstrdup(s) : NULL;
}

/* "person 'F'", "image 'P'" or "image 'P' box N"; the caller frees it. */
static char *
target_text(const char *person, const char *path, int box_idx)
{
	if (person != NULL)
		return xasprintf("person '%s'", person);
	if (box_idx >= 0)
		return xasprintf("image '%s' box %d", path, box_idx);
	return xasprintf("image '%s'", path);
}

/*
 * Finds the source named 'name' (NULL: the only one).  *id gets its row
 * id and *resolved a malloc()ed copy of its name.  0 or -1 (reported).
 */
static int
source_find(sqlite3 *db, const char *name, int64_t *id, char **resolved)
{
	static const char	 sql[] =
	    "SELECT id, name, (SELECT count(*) FROM sources) FROM sources"
	    " WHERE ?1 IS NULL OR name = ?1 ORDER BY id LIMIT 1";
	sqlite3_stmt		*st = NULL;
	int			 rc, ret = -1;

	*resolved = NULL;
	if (db_prepare_source(db, sql, name, &st) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && name == NULL &&
	    sqlite3_column_int64(st, 2) > 1)
		error("the catalog has %lld sources; say which with --source"
		    " NAME (see maskcat info)",
		    (long long)sqlite3_column_int64(st, 2));
	else if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*resolved = column_dup(st, 1);
		ret = 0;
	} else if (rc == SQLITE_DONE && name == NULL)
		error("the catalog has no sources; import something first"
		    " (maskcat import)");
	else if (rc == SQLITE_DONE)
		error("no source named '%s' in the catalog (see maskcat info)",
		    name);
	else
		db_error(db, sql);
	sqlite3_finalize(st);
	return ret;
}

/* Runs a one-row lookup; 1 with a row in *st, 0 without, -1 (reported). */
static int
step_row(sqlite3 *db, sqlite3_stmt *st, const char *sql)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, sql);
}

/*
 * Finds a target and the current value of 'field' (which must apply to
 * its kind).  Returns 1 when found (release t->owner), 0 when it is not
 * catalogued with *why set (a malloc()ed message the caller frees), -1
 * after reporting.
 */
static int
target_find(sqlite3 *db, int64_t source_id, const char *source,
    const char *person, const char *path, int box_idx, int field,
    struct target *t, char **why)
{
	static const char	 psql[] =
	    "SELECT id, gender, age FROM persons WHERE source_id = ?1"
	    " AND folder = ?2";
	static const char	 isql[] =
	    "SELECT i.id, i.mask, i.gender, i.age, p.folder, (SELECT count(*)"
	    " FROM boxes b WHERE b.image_id = i.id) FROM images i LEFT JOIN"
	    " persons p ON p.id = i.person_id WHERE i.source_id = ?1"
	    " AND i.path = ?2";
	static const char	 bsql[] =
	    "SELECT id, mask FROM boxes WHERE image_id = ?1 AND idx = ?2";
	sqlite3_stmt		*st = NULL;
	const char		*sql = person != NULL ? psql : isql;
	int			 rc;

	memset(t, 0, sizeof *t);
	*why = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_int64(st, 1, source_id);
	sqlite3_bind_text(st, 2, person != NULL ? person : path, -1,
	    SQLITE_STATIC);
	if ((rc = step_row(db, st, sql)) <= 0) {
		if (rc == 0)
			*why = person != NULL ? xasprintf("no person '%s' in"
			    " source '%s'", person, source) : xasprintf("no"
			    " image '%s' in source '%s'", path, source);
		goto out;
	}
	t->id = sqlite3_column_int64(st, 0);
	if (person != NULL) {
		t->kind = T_PERSON;
		t->value = field == F_AGE ? column_opt(st, 2) :
		    column_opt(st, 1);
		goto out;
	}
	t->kind = T_IMAGE;
	t->value = column_opt(st, 1 + field);
	t->owner = column_dup(st, 4);
	t->nboxes = (long)sqlite3_column_int64(st, 5);
	if (box_idx < 0)
		goto out;
	sqlite3_finalize(st);
	sql = bsql;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = db_error(db, sql);
		goto out;
	}
	sqlite3_bind_int64(st, 1, t->id);
	sqlite3_bind_int(st, 2, box_idx);
	if ((rc = step_row(db, st, sql)) == 1) {
		t->kind = T_BOX;
		t->id = sqlite3_column_int64(st, 0);
		t->value = column_opt(st, 1);
	} else if (rc == 0)
		*why = xasprintf("image '%s' has no face box %d", path,
		    box_idx);
out:
	sqlite3_finalize(st);
	if (rc != 1) {
		free(t->owner);
		t->owner = NULL;
	}
	return rc;
}

/* Writes 'value' (-1: unknown) into a target's field; 0 or -1. */
static int
target_set(sqlite3 *db, const struct target *t, int field, int value)
{
	const char *const	*sql = set_sql[t->kind][field];
	sqlite3_stmt		*st = NULL;
	int			 i;

	if (sql[0] == NULL)
		BUG("no write for target kind %d, field %d", t->kind, field);
	for (i = 0; sql[i] != NULL; i++) {
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
			return db_error(db, sql[i]);
		sqlite3_bind_int64(st, 1, t->id);
		if (sqlite3_bind_parameter_count(st) >= 2)
			bind_opt(st, 2, value);
		if (sqlite3_bind_parameter_count(st) >= 3)
			bind_opt(st, 3, label_age_bin(value));
		if (sqlite3_step(st) != SQLITE_DONE) {
			db_error(db, sql[i]);
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
	}
	return 0;
}

/* Checks the value's range for its field; 0 or -1 after reporting. */
static int
value_check(int field, int value)
{
	static const int	 max[F_COUNT] = { N_MASK - 1, N_GENDER - 1, 150 };

	if (value < 0 || value > max[field])
		return error("%d is not a valid %s value", value,
		    field_names[field]);
	return 0;
}

/*
 * Refuses a field that does not belong to the target: a mask is per
 * photo (or face box), a photo with a person takes its gender and age
 * from the person.  0 or -1 after reporting.
 */
static int
target_applies(const struct db_correction *c, const struct target *t,
    int field)
{
	if (t->kind == T_IMAGE && field != F_MASK && t->owner != NULL)
		return error("image '%s' belongs to person '%s': correct its"
		    " %s with --person '%s'", c->path, t->owner, c->field,
		    t->owner);
	if (t->kind == T_IMAGE && field == F_MASK && t->nboxes > 0)
		return error("image '%s' has %ld face boxes, which hold its"
		    " mask states: correct one with --box N", c->path,
		    t->nboxes);
	return 0;
}

int
db_correction_add(sqlite3 *db, const struct db_correction *c, int64_t *id,
    int *old_value)
{
	static const char	 ins[] =
	    "INSERT INTO corrections (source_id, person, path, box_idx, field,"
	    " old_value, new_value, reason, created_at) VALUES (?1, ?2, ?3,"
	    " ?4, ?5, ?6, ?7, ?8, " NOW ")";
	struct target		 t = { 0, 0, -1, NULL, 0 };
	sqlite3_stmt		*st = NULL;
	int64_t			 source_id;
	char			*source = NULL, *why = NULL, *what = NULL;
	char			 buf[16];
	int			 field = field_index(c->field), rc;

	*id = 0;
	*old_value = -1;
	if (field < 0)
		return error("unknown label field '%s' (mask, gender or age)",
		    c->field ? c->field : "");
	if ((c->person == NULL) == (c->path == NULL) ||
	    (c->box_idx >= 0 && c->path == NULL))
		BUG("a correction names one person, or an image (and box)");
	if (value_check(field, c->value) != 0)
		return -1;
	if (c->reason == NULL || *c->reason == '\0')
		return error("a correction needs a reason");
	if (c->person != NULL && field == F_MASK)
		return error("a person has no mask state (it is per photo):"
		    " correct an image with --image PATH");
	if (c->box_idx >= 0 && field != F_MASK)
		return error("a face box has only a mask state: correct the"
		    " %s of its image or person", c->field);
	if (db_begin(db) != 0)
		return -1;
	if (source_find(db, c->source, &source_id, &source) != 0)
		goto fail;
	if ((rc = target_find(db, source_id, source, c->person, c->path,
	    c->box_idx, field, &t, &why)) <= 0) {
		if (rc == 0)
			error("%s", why);
		goto fail;
	}
	if (target_applies(c, &t, field) != 0)
		goto fail;
	if (t.value == c->value) {
		what = target_text(c->person, c->path, c->box_idx);
		error("%s is already %s%s", what, field == F_AGE ? "aged " :
		    "", db_correction_word(c->field, c->value, buf));
		goto fail;
	}
	if (sqlite3_prepare_v2(db, ins, -1, &st, NULL) != SQLITE_OK) {
		db_error(db, ins);
		goto fail;
	}
	sqlite3_bind_int64(st, 1, source_id);
	bind_text_opt(st, 2, c->person);
	bind_text_opt(st, 3, c->path);
	bind_opt(st, 4, c->box_idx);
	sqlite3_bind_text(st, 5, field_names[field], -1, SQLITE_STATIC);
	bind_opt(st, 6, t.value);
	sqlite3_bind_int(st, 7, c->value);
	sqlite3_bind_text(st, 8, c->reason, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_error(db, ins);
		goto fail;
	}
	*id = sqlite3_last_insert_rowid(db);
	if (target_set(db, &t, field, c->value) != 0 || db_commit(db) != 0)
		goto fail;
	*old_value = t.value;
	sqlite3_finalize(st);
	free(t.owner);
	free(source);
	return 0;
fail:
	*id = 0;
	sqlite3_finalize(st);
	db_rollback(db);
	free(t.owner);
	free(source);
	free(why);
	free(what);
	return -1;
}

void
db_correction_row_release(struct db_correction_row *r)
{
	free((char *)r->source);
	free((char *)r->person);
	free((char *)r->path);
	free((char *)r->field);
	free((char *)r->reason);
	free((char *)r->created_at);
	free((char *)r->undone_at);
	memset(r, 0, sizeof *r);
}

/* The columns every row read uses, in this order (see row_fill). */
#define ROW_COLUMNS							\
	"c.id, s.name, c.person, c.path, c.box_idx, c.field, c.old_value,"	\
	" c.new_value, c.reason, c.created_at, c.undone_at, c.source_id"

/* Fills *r from a ROW_COLUMNS row; strings are borrowed from 'st'. */
static void
row_fill(sqlite3_stmt *st, struct db_correction_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->source = (const char *)sqlite3_column_text(st, 1);
	r->person = (const char *)sqlite3_column_text(st, 2);
	r->path = (const char *)sqlite3_column_text(st, 3);
	r->box_idx = column_opt(st, 4);
	r->field = (const char *)sqlite3_column_text(st, 5);
	r->old_value = column_opt(st, 6);
	r->new_value = sqlite3_column_int(st, 7);
	r->reason = (const char *)sqlite3_column_text(st, 8);
	r->created_at = (const char *)sqlite3_column_text(st, 9);
	r->undone_at = (const char *)sqlite3_column_text(st, 10);
}

/* As row_fill, with malloc()ed copies (db_correction_row_release()). */
static void
row_copy(sqlite3_stmt *st, struct db_correction_row *r)
{
	row_fill(st, r);
	r->source = column_dup(st, 1);
	r->person = column_dup(st, 2);
	r->path = column_dup(st, 3);
	r->field = column_dup(st, 5);
	r->reason = column_dup(st, 8);
	r->created_at = column_dup(st, 9);
	r->undone_at = column_dup(st, 10);
}

/* The id of the latest active correction; 0 or -1 (reported). */
static int
latest_active(sqlite3 *db, int64_t *id)
{
	static const char	 sql[] =
	    "SELECT max(id) FROM corrections WHERE undone_at IS NULL";
	sqlite3_stmt		*st = NULL;
	int			 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	if ((rc = step_row(db, st, sql)) == 1)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == 1 && *id == 0)
		return error("no active label corrections to undo");
	return rc == 1 ? 0 : -1;
}

/*
 * The latest active correction after 'r' of the same target and field
 * (0: none) into *later.  0 or -1 (reported).
 */
static int
later_active(sqlite3 *db, int64_t source_id,
    const struct db_correction_row *r, int64_t *later)
{
	static const char	 sql[] =
	    "SELECT coalesce(max(id), 0) FROM corrections WHERE source_id = ?1"
	    " AND person IS ?2 AND path IS ?3 AND box_idx IS ?4"
	    " AND field = ?5 AND id > ?6 AND undone_at IS NULL";
	sqlite3_stmt		*st = NULL;
	int			 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_int64(st, 1, source_id);
	bind_text_opt(st, 2, r->person);
	bind_text_opt(st, 3, r->path);
	bind_opt(st, 4, r->box_idx);
	sqlite3_bind_text(st, 5, r->field, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, r->id);
	if ((rc = step_row(db, st, sql)) == 1)
		*later = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == 1 ? 0 : -1;
}

int
db_correction_undo(sqlite3 *db, int64_t id, struct db_correction_row *r)
{
	static const char	 sel[] =
	    "SELECT " ROW_COLUMNS " FROM corrections c JOIN sources s"
	    " ON s.id = c.source_id WHERE c.id = ?1";
	static const char	 upd[] =
	    "UPDATE corrections SET undone_at = " NOW " WHERE id = ?1"
	    " RETURNING undone_at";
	struct target		 t = { 0, 0, -1, NULL, 0 };
	sqlite3_stmt		*st = NULL;
	const char		*sql = sel;
	int64_t			 source_id = 0, later = 0;
	char			*why = NULL, *what = NULL;
	int			 rc;

	memset(r, 0, sizeof *r);
	if (db_begin(db) != 0)
		return -1;
	if (id == 0 && latest_active(db, &id) != 0)
		goto fail;
	if (sqlite3_prepare_v2(db, sel, -1, &st, NULL) != SQLITE_OK)
		goto sqlfail;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = step_row(db, st, sel)) < 0)
		goto fail;
	if (rc == 0) {
		error("no correction #%lld (see maskcat relabel --list --all)",
		    (long long)id);
		goto fail;
	}
	row_copy(st, r);
	source_id = sqlite3_column_int64(st, 11);
	sqlite3_finalize(st);
	st = NULL;
	if (r->undone_at != NULL) {
		error("correction #%lld is already undone", (long long)id);
		goto fail;
	}
	if (later_active(db, source_id, r, &later) != 0)
		goto fail;
	what = target_text(r->person, r->path, r->box_idx);
	if (later != 0) {
		error("correction #%lld is not the latest of %s %s: undo"
		    " #%lld first", (long long)id, what, r->field,
		    (long long)later);
		goto fail;
	}
	if ((rc = target_find(db, source_id, r->source, r->person, r->path,
	    r->box_idx, field_index(r->field), &t, &why)) < 0)
		goto fail;
	if (rc == 0)
		warning("%s; correction #%lld is only marked undone", why,
		    (long long)id);
	else if (target_set(db, &t, field_index(r->field), r->old_value) != 0)
		goto fail;
	sql = upd;
	if (sqlite3_prepare_v2(db, upd, -1, &st, NULL) != SQLITE_OK)
		goto sqlfail;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto sqlfail;
	r->undone_at = column_dup(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (db_commit(db) != 0)
		goto fail;
	free(t.owner);
	free(why);
	free(what);
	return 0;
sqlfail:
	db_error(db, sql);
fail:
	sqlite3_finalize(st);
	db_rollback(db);
	db_correction_row_release(r);
	free(t.owner);
	free(why);
	free(what);
	return -1;
}

/* Reads every active correction of a source; *rows is malloc()ed. */
static int
active_rows(sqlite3 *db, int64_t source_id, struct db_correction_row **rows,
    size_t *n)
{
	static const char	 sql[] =
	    "SELECT " ROW_COLUMNS " FROM corrections c JOIN sources s"
	    " ON s.id = c.source_id WHERE c.source_id = ?1"
	    " AND c.undone_at IS NULL ORDER BY c.id";
	sqlite3_stmt		*st = NULL;
	size_t			 cap = 0;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_int64(st, 1, source_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xrealloc(*rows, cap * sizeof **rows);
		}
		row_copy(st, &(*rows)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, sql);
	return 0;
}

/* Records that the files now hold 'value' before correction 'id'. */
static int
old_value_set(sqlite3 *db, int64_t id, int value)
{
	static const char	 sql[] =
	    "UPDATE corrections SET old_value = ?2 WHERE id = ?1";
	sqlite3_stmt		*st = NULL;
	int			 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_int64(st, 1, id);
	bind_opt(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, sql);
}

/* Applies one recorded correction; 0 applied, 1 missing, -1 (reported). */
static int
apply_one(sqlite3 *db, int64_t source_id, const struct db_correction_row *r)
{
	struct target	 t;
	char		*why = NULL, *what;
	char		 b1[16], b2[16];
	int		 field = field_index(r->field), rc;

	if ((rc = target_find(db, source_id, r->source, r->person, r->path,
	    r->box_idx, field, &t, &why)) <= 0) {
		if (rc == 0)
			warning("correction #%lld not applied: %s any more",
			    (long long)r->id, why);
		free(why);
		return rc < 0 ? -1 : 1;
	}
	rc = 0;
	if (t.value != r->old_value) {
		what = target_text(r->person, r->path, r->box_idx);
		warning("correction #%lld: source '%s' now says %s for the %s"
		    " of %s, not %s; the correction replaces that",
		    (long long)r->id, r->source,
		    db_correction_word(r->field, t.value, b1), r->field, what,
		    db_correction_word(r->field, r->old_value, b2));
		free(what);
		rc = old_value_set(db, r->id, t.value);
	}
	if (rc == 0 && t.value != r->new_value)
		rc = target_set(db, &t, field, r->new_value);
	free(t.owner);
	return rc;
}

int
db_corrections_apply(sqlite3 *db, int64_t source_id, long *applied,
    long *missing)
{
	struct db_correction_row	*rows = NULL;
	size_t				 n = 0, i;
	int				 rc = 0;

	*applied = *missing = 0;
	if (db_begin(db) != 0)
		return -1;
	if (active_rows(db, source_id, &rows, &n) != 0)
		rc = -1;
	for (i = 0; i < n && rc == 0; i++) {
		switch (apply_one(db, source_id, &rows[i])) {
		case 0:
			(*applied)++;
			break;
		case 1:
			(*missing)++;
			break;
		default:
			rc = -1;
		}
	}
	for (i = 0; i < n; i++)
		db_correction_row_release(&rows[i]);
	free(rows);
	if (rc == 0 && db_commit(db) == 0)
		return 0;
	db_rollback(db);
	*applied = *missing = 0;
	return -1;
}

int
db_corrections_count(sqlite3 *db, const char *source, long *count)
{
	static const char	 sql[] =
	    "SELECT count(*) FROM corrections c JOIN sources s"
	    " ON s.id = c.source_id WHERE c.undone_at IS NULL"
	    " AND (?1 IS NULL OR s.name = ?1)";
	sqlite3_stmt		*st = NULL;
	int			 rc;

	*count = 0;
	if (db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	if ((rc = step_row(db, st, sql)) == 1)
		*count = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == 1 ? 0 : -1;
}

int
db_each_correction(sqlite3 *db, const char *source, int all,
    int (*fn)(const struct db_correction_row *, void *), void *arg)
{
	static const char	 sql[] =
	    "SELECT " ROW_COLUMNS " FROM corrections c JOIN sources s"
	    " ON s.id = c.source_id WHERE (?1 IS NULL OR s.name = ?1)"
	    " AND (?2 OR c.undone_at IS NULL) ORDER BY c.id";
	struct db_correction_row	 r;
	sqlite3_stmt			*st = NULL;
	int				 rc = SQLITE_DONE, ret = 0;

	if (db_check_source(db, source) != 0 ||
	    db_prepare_source(db, sql, source, &st) != 0)
		return -1;
	sqlite3_bind_int(st, 2, all != 0);
	while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_fill(st, &r);
		ret = fn(&r, arg);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(db, sql);
	sqlite3_finalize(st);
	return ret;
}
