#include "db.h"
int db_open(const char *path, int writable, sqlite3 **dbp) { (void)writable; return sqlite3_open(path, dbp) == SQLITE_OK ? 0 : -1; }
int db_close(sqlite3 *db) { sqlite3_close(db); return 0; }
