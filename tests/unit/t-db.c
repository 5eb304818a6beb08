/* Unit tests for db/: migrations on an in-memory catalog, constraints. */
#include <sqlite3.h>

#include "unit.h"
#include "../../db/db.h"
#include "../../db/schema.h"
#include "../../lib/labels.h"

static long
one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	long		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *
text(sqlite3 *db, const char *sql)
{
	static char	 buf[256];
	sqlite3_stmt	*st;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return "(prepare failed)";
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

int
main(void)
{
	sqlite3	*db;

	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	CHECK_INT(one(db, "PRAGMA user_version"), 0);
	CHECK_INT(db_migrate(db, ":memory:"), 0);
	CHECK_INT(one(db, "PRAGMA user_version"), db_schema_version());
	CHECK_INT(db_schema_version(), 5);
	/* Migrating again is a no-op. */
	CHECK_INT(db_migrate(db, ":memory:"), 0);
	/* Words come from lib/labels.c. */
	CHECK_INT(one(db, "SELECT count(*) FROM classes"), N_CLASS);
	CHECK_STR(text(db, "SELECT word FROM mask_states WHERE id = 2"),
	    label_mask_word(MASK_NOT_WEAR));
	CHECK_STR(text(db, "SELECT mask || ' ' || gender || ' ' || age_bin"
	    " FROM classes_v WHERE class = 8"), "incorrect male 60+");
	CHECK_INT(one(db, "SELECT count(*) FROM classes WHERE id <> mask * 6"
	    " + gender * 3 + age_bin"), 0);
	/* Tables are STRICT and the class must agree with its parts. */
	CHECK_INT(one(db, "SELECT count(*) FROM pragma_table_list WHERE"
	    " strict = 1 AND name IN ('sources', 'imports', 'persons',"
	    " 'images', 'quarantine')"), 5);
	sqlite3_exec(db, "INSERT INTO sources (name, kind, root, imported_at)"
	    " VALUES ('s', 'base', '/x', 'now')", NULL, NULL, NULL);
	CHECK(sqlite3_exec(db, "INSERT INTO images (source_id, path, bytes,"
	    " mtime_ns, hash, format, width, height, channels, mask, gender,"
	    " age, age_bin, class, status) VALUES (1, 'a', 1, 0,"
	    " '0123456789abcdef', 'jpeg', 1, 1, 3, 0, 1, 45, 1, 4, 'ok')",
	    NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "INSERT INTO images (source_id, path, bytes,"
	    " mtime_ns, hash, format, width, height, channels, mask, gender,"
	    " age, age_bin, class, status) VALUES (1, 'b', 1, 0,"
	    " '0123456789abcdef', 'jpeg', 1, 1, 3, 0, 1, 45, 1, 5, 'ok')",
	    NULL, NULL, NULL) != SQLITE_OK);
	CHECK(sqlite3_exec(db, "INSERT INTO images (source_id, path, bytes,"
	    " mtime_ns, hash, format, width, height, channels, age, age_bin,"
	    " status) VALUES (1, 'c', 1, 0, '0123456789abcdef', 'jpeg', 1, 1,"
	    " 3, 60, 1, 'ok')", NULL, NULL, NULL) != SQLITE_OK);
	CHECK(sqlite3_exec(db, "INSERT INTO images (source_id, path, bytes,"
	    " mtime_ns, hash, format, width, height, channels, status)"
	    " VALUES (9, 'd', 1, 0, '0123456789abcdef', 'jpeg', 1, 1, 3, 'ok')",
	    NULL, NULL, NULL) != SQLITE_OK);	/* no source 9 */
	/* A newer catalog is refused and left alone. */
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	fprintf(stderr, "(an error about schema 99 is expected here)\n");
	CHECK_INT(db_migrate(db, ":memory:"), -1);
	CHECK_INT(one(db, "PRAGMA user_version"), 99);
	sqlite3_close(db);

	/* A version-1 catalog migrates to the newest and keeps its rows. */
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
	CHECK_INT(schema_step(db, 0), 0);
	sqlite3_exec(db, "PRAGMA user_version = 1; INSERT INTO sources (name,"
	    " kind, root, imported_at) VALUES ('old', 'base', '/x', 't')", NULL,
	    NULL, NULL);
	CHECK_INT(db_migrate(db, ":memory:"), 0);
	CHECK_INT(one(db, "PRAGMA user_version"), 5);
	CHECK_STR(text(db, "SELECT name || ' ' || container || ' [' || prefix"
	    " || ']' FROM sources"), "old folder []");
	CHECK_INT(one(db, "SELECT count(*) FROM samples"), 0);
	sqlite3_close(db);
	return unit_done();
}
