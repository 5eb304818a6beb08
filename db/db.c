/*
 * db/db.c: opening the catalog, migrating its schema by user_version, and
 * the small helpers every statement in db/ uses.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "schema.h"
#include "../lib/err.h"

/*
 * True if the last failed system call on the catalog or its WAL failed
 * with EIO: the one SQLite kept with its last I/O error, or the files'.
 */
static int
db_saw_eio(sqlite3 *db)
{
	sqlite3_file	*wal = NULL;
	int		 e = 0;

	if (sqlite3_system_errno(db) == EIO)
		return 1;
	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &e) ==
	    SQLITE_OK && e == EIO)
		return 1;
	e = 0;
	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER,
	    &wal) == SQLITE_OK && wal != NULL && wal->pMethods != NULL)
		wal->pMethods->xFileControl(wal, SQLITE_FCNTL_LAST_ERRNO, &e);
	return e == EIO;
}

const char *
db_errmsg(sqlite3 *db)
{
	static _Thread_local char	 buf[320];

	/*
	 * SQLite (3.38 on) takes EIO from read() for a damaged file system
	 * and says "database disk image is malformed", which sends the
	 * user looking for a broken catalog; say what the system said.
	 */
	if (db == NULL || !db_saw_eio(db))
		return db ? sqlite3_errmsg(db) : "out of memory";
	snprintf(buf, sizeof buf, "%s (SQLite: %s)", strerror(EIO),
	    sqlite3_errmsg(db));
	return buf;
}

const char *
db_name(sqlite3 *db)
{
	const char	*name = sqlite3_db_filename(db, "main");

	return name != NULL && *name != '\0' ? name : "(memory)";
}

/* Set once a catalog failure was reported: db_close() then adds none. */
static _Atomic int db_reported;

int
db_error(sqlite3 *db, const char *sql)
{
	db_reported = 1;
	return error("catalog '%s': %s (code %d) in \"%s\"", db_name(db),
	    db_errmsg(db), sqlite3_extended_errcode(db), sql);
}

int
db_exec(sqlite3 *db, const char *sql)
{
	char	*msg = NULL;
	int	 rc;

	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		db_reported = 1;
		error("catalog '%s': %s (code %d) in \"%.200s\"", db_name(db),
		    (db_saw_eio(db) || msg == NULL) ? db_errmsg(db) : msg, rc,
		    sql);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
db_prepare_source(sqlite3 *db, const char *sql, const char *source,
    sqlite3_stmt **st)
{
	*st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	if (source != NULL)
		sqlite3_bind_text(*st, 1, source, -1, SQLITE_STATIC);
	return 0;
}

int
db_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int
db_commit(sqlite3 *db)
{
	return db_exec(db, "COMMIT");
}

void
db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Reads PRAGMA user_version; 0 or -1 after reporting. */
static int
db_user_version(sqlite3 *db, const char *path, int *version)
{
	static const char	 sql[] = "PRAGMA user_version";
	sqlite3_stmt		*st = NULL;
	int			 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		goto fail;
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
fail:
	error("cannot read catalog '%s': %s", path, db_errmsg(db));
	sqlite3_finalize(st);
	return -1;
}

int
db_schema_version(void)
{
	return schema_latest();
}

int
db_migrate(sqlite3 *db, const char *path)
{
	char	pragma[64];
	int	version, latest = schema_latest();

	if (db_user_version(db, path, &version) != 0)
		return -1;
	if (version == latest)
		return 0;
	if (db_begin(db) != 0)
		return -1;
	/* Re-read under the lock: another process may have migrated. */
	if (db_user_version(db, path, &version) != 0)
		goto fail;
	if (version > latest) {
		error("catalog '%s' has schema %d; this maskcat knows only up"
		    " to %d", path, version, latest);
		goto fail;
	}
	for (; version < latest; version++) {
		if (schema_step(db, version) != 0) {
			error("cannot migrate catalog '%s' from schema %d",
			    path, version);
			goto fail;
		}
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", latest);
	if (db_exec(db, pragma) != 0 || db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* Settings every connection gets; 0 or -1 after reporting. */
static int
db_configure(sqlite3 *db, const char *path)
{
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return error("cannot open catalog '%s': %s", path,
		    db_errmsg(db));
	return 0;
}

int
db_open(const char *path, int writable, sqlite3 **dbp)
{
	sqlite3		*db = NULL;
	struct stat	 sb;
	int		 flags, version;

	*dbp = NULL;
	if (!writable && stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return error("catalog '%s' does not exist; import"
			    " something first (maskcat import)", path);
		return error_errno("cannot open catalog '%s'", path);
	}
	flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
	    SQLITE_OPEN_READONLY;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		error("cannot open catalog '%s': %s", path, db_errmsg(db));
		goto fail;
	}
	if (db_configure(db, path) != 0)
		goto fail;
	/* The first read tells a SQLite file from anything else. */
	if (db_user_version(db, path, &version) != 0)
		goto fail;
	if (version > schema_latest()) {
		error("catalog '%s' has schema %d; this maskcat knows only up"
		    " to %d", path, version, schema_latest());
		goto fail;
	}
	if (writable) {
		/*
		 * WAL with synchronous=NORMAL: a killed process loses no
		 * committed transaction (the WAL is on disk); only a power
		 * cut may lose the last ones, never the catalog's integrity.
		 * It saves an fsync per batch.
		 */
		if (db_exec(db, "PRAGMA journal_mode = WAL") != 0 ||
		    db_exec(db, "PRAGMA synchronous = NORMAL") != 0 ||
		    db_migrate(db, path) != 0)
			goto fail;
	} else if (version < schema_latest()) {
		error("catalog '%s' has schema %d and needs migrating to %d:"
		    " run a command that writes (maskcat import)", path,
		    version, schema_latest());
		goto fail;
	}
	*dbp = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

int
db_close(sqlite3 *db)
{
	int	rc;

	if (db == NULL)
		return 0;
	/*
	 * sqlite3_close() copies the write-ahead log into the catalog but
	 * keeps quiet when that fails (a full disk): do it first, and say
	 * so (unless a failure of the catalog was already reported, as
	 * the cause is then the same).  The committed data are safe in the
	 * log either way; another
	 * connection at work (SQLITE_BUSY) finishes the copy itself.
	 */
	if (sqlite3_db_readonly(db, "main") == 0 && !db_reported) {
		rc = sqlite3_wal_checkpoint_v2(db, "main",
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (rc != SQLITE_OK && rc != SQLITE_BUSY &&
		    rc != SQLITE_LOCKED)
			warning("catalog '%s': cannot copy its write-ahead log"
			    " into it: %s; the committed data are safe in"
			    " '%s-wal', and the next command that opens the"
			    " catalog finishes the copy", db_name(db),
			    db_errmsg(db), db_name(db));
	}
	if (sqlite3_close(db) != SQLITE_OK)
		return error("cannot close catalog '%s': %s", db_name(db),
		    db_errmsg(db));
	return 0;
}
