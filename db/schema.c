/*
 * db/schema.c: the catalog schema as an append-only list of migrations.
 * Step i takes user_version i to i + 1.  Never edit a step that has
 * shipped; append a new one.
 */
#include <stddef.h>

#include "db.h"
#include "schema.h"
#include "../lib/err.h"
#include "../lib/labels.h"

/* 0 -> 1: sources, import runs, persons, images, quarantine, label words. */
static const char schema_v1[] =
	"CREATE TABLE sources ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL,"
	" root TEXT NOT NULL,"
	" imported_at TEXT NOT NULL"		/* ISO-8601 UTC, last run */
	") STRICT;"
	"CREATE TABLE imports ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" command TEXT NOT NULL,"
	" started_at TEXT NOT NULL,"
	" finished_at TEXT,"			/* NULL: interrupted or running */
	" images INTEGER,"
	" quarantined INTEGER"
	") STRICT;"
	/* Words for the label codes, filled from lib/labels.c. */
	"CREATE TABLE mask_states (id INTEGER PRIMARY KEY, word TEXT NOT NULL"
	" UNIQUE) STRICT;"
	"CREATE TABLE genders (id INTEGER PRIMARY KEY, word TEXT NOT NULL"
	" UNIQUE) STRICT;"
	"CREATE TABLE age_bins (id INTEGER PRIMARY KEY, word TEXT NOT NULL"
	" UNIQUE) STRICT;"
	"CREATE TABLE classes ("
	" id INTEGER PRIMARY KEY CHECK (id BETWEEN 0 AND 17),"
	" mask INTEGER NOT NULL REFERENCES mask_states(id),"
	" gender INTEGER NOT NULL REFERENCES genders(id),"
	" age_bin INTEGER NOT NULL REFERENCES age_bins(id),"
	" CHECK (id = mask * 6 + gender * 3 + age_bin)"
	") STRICT;"
	"CREATE TABLE persons ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" folder TEXT NOT NULL,"		/* the key: ids repeat */
	" ext_id TEXT NOT NULL,"		/* the dataset's id, as text */
	" gender INTEGER REFERENCES genders(id),"
	" race TEXT,"
	" age INTEGER CHECK (age BETWEEN 0 AND 150),"
	" csv_line INTEGER,"
	" import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,"
	" UNIQUE (source_id, folder)"
	") STRICT;"
	"CREATE TABLE images ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" person_id INTEGER REFERENCES persons(id) ON DELETE CASCADE,"
	" path TEXT NOT NULL,"			/* relative to sources.root */
	" bytes INTEGER NOT NULL CHECK (bytes > 0),"
	" mtime_ns INTEGER NOT NULL,"
	" hash TEXT NOT NULL CHECK (length(hash) = 16),"	/* XXH3-64, hex */
	" format TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),"
	" width INTEGER NOT NULL CHECK (width > 0),"
	" height INTEGER NOT NULL CHECK (height > 0),"
	" channels INTEGER NOT NULL CHECK (channels BETWEEN 1 AND 4),"
	" mask INTEGER REFERENCES mask_states(id),"
	" gender INTEGER REFERENCES genders(id),"
	" age INTEGER CHECK (age BETWEEN 0 AND 150),"
	" age_bin INTEGER REFERENCES age_bins(id),"
	" class INTEGER REFERENCES classes(id),"
	" seq INTEGER,"				/* row order in a manifest */
	" status TEXT NOT NULL CHECK (status IN ('ok', 'unlabelled')),"
	" import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,"
	" UNIQUE (source_id, path),"
	" CHECK (age IS NULL OR age_bin IS NULL OR age_bin ="
	"  CASE WHEN age < 30 THEN 0 WHEN age < 60 THEN 1 ELSE 2 END),"
	" CHECK (class IS NULL OR class = mask * 6 + gender * 3 + age_bin)"
	") STRICT;"
	"CREATE INDEX images_person ON images(person_id);"
	"CREATE INDEX images_hash ON images(hash);"
	"CREATE INDEX images_class ON images(class);"
	"CREATE TABLE quarantine ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" path TEXT NOT NULL,"			/* file, folder or 'train.csv:N' */
	" reason TEXT NOT NULL,"
	" import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,"
	" UNIQUE (source_id, path)"
	") STRICT;"
	/* Views with labels as words, for the sqlite3 shell. */
	"CREATE VIEW images_v AS SELECT i.id, s.name AS source,"
	" p.folder AS person, i.path, i.format, i.width, i.height,"
	" i.channels, m.word AS mask, g.word AS gender, i.age,"
	" a.word AS age_bin, i.class, i.bytes, i.hash, i.status"
	" FROM images i JOIN sources s ON s.id = i.source_id"
	" LEFT JOIN persons p ON p.id = i.person_id"
	" LEFT JOIN mask_states m ON m.id = i.mask"
	" LEFT JOIN genders g ON g.id = i.gender"
	" LEFT JOIN age_bins a ON a.id = i.age_bin;"
	"CREATE VIEW persons_v AS SELECT p.id, s.name AS source, p.folder,"
	" p.ext_id, g.word AS gender, p.race, p.age, a.word AS age_bin,"
	" (SELECT count(*) FROM images i WHERE i.person_id = p.id) AS images"
	" FROM persons p JOIN sources s ON s.id = p.source_id"
	" LEFT JOIN genders g ON g.id = p.gender"
	" LEFT JOIN age_bins a ON a.id = CASE WHEN p.age IS NULL THEN NULL"
	"  WHEN p.age < 30 THEN 0 WHEN p.age < 60 THEN 1 ELSE 2 END;"
	"CREATE VIEW classes_v AS SELECT c.id AS class, m.word AS mask,"
	" g.word AS gender, a.word AS age_bin FROM classes c"
	" JOIN mask_states m ON m.id = c.mask JOIN genders g ON g.id = c.gender"
	" JOIN age_bins a ON a.id = c.age_bin;"
	"CREATE VIEW quarantine_v AS SELECT s.name AS source, q.path, q.reason"
	" FROM quarantine q JOIN sources s ON s.id = q.source_id;";

/* Fills the word tables from lib/labels.c, the one home of the words. */
static int
schema_fill_words(sqlite3 *db)
{
	static const char *const sql[] = {
		"INSERT INTO mask_states (id, word) VALUES (?1, ?2)",
		"INSERT INTO genders (id, word) VALUES (?1, ?2)",
		"INSERT INTO age_bins (id, word) VALUES (?1, ?2)",
		"INSERT INTO classes (id, mask, gender, age_bin)"
		" VALUES (?1, ?2, ?3, ?4)",
	};
	static const int	 count[] = { N_MASK, N_GENDER, N_AGE_BIN, N_CLASS };
	sqlite3_stmt		*st = NULL;
	const char		*word;
	int			 t, i, m, g, a;

	for (t = 0; t < 4; t++) {
		if (sqlite3_prepare_v2(db, sql[t], -1, &st, NULL) != SQLITE_OK)
			return db_error(db, sql[t]);
		for (i = 0; i < count[t]; i++) {
			sqlite3_bind_int(st, 1, i);
			if (t < 3) {
				word = t == 0 ? label_mask_word(i) : t == 1 ?
				    label_gender_word(i) : label_age_bin_word(i);
				sqlite3_bind_text(st, 2, word, -1, SQLITE_STATIC);
			} else {
				label_class_parts(i, &m, &g, &a);
				sqlite3_bind_int(st, 2, m);
				sqlite3_bind_int(st, 3, g);
				sqlite3_bind_int(st, 4, a);
			}
			if (sqlite3_step(st) != SQLITE_DONE) {
				db_error(db, sql[t]);
				sqlite3_finalize(st);
				return -1;
			}
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	return 0;
}

static int
schema_to_v1(sqlite3 *db)
{
	if (db_exec(db, schema_v1) != 0)
		return -1;
	return schema_fill_words(db);
}

/*
 * 1 -> 2: sources from archives and Kaggle, original labels beside the
 * mapped ones, face boxes, byte-identical duplicates linked to the first
 * copy, and the samples view that reports count.
 */
static const char schema_v2[] =
	"ALTER TABLE sources ADD COLUMN container TEXT NOT NULL DEFAULT"
	" 'folder' CHECK (container IN ('folder', 'zip'));"
	"ALTER TABLE sources ADD COLUMN prefix TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE sources ADD COLUMN slug TEXT;"	/* Kaggle OWNER/SLUG */
	"ALTER TABLE sources ADD COLUMN license TEXT;"
	"ALTER TABLE images ADD COLUMN label TEXT;"	/* as the source names it */
	"ALTER TABLE images ADD COLUMN subtype TEXT;"	/* e.g. Mask_Chin */
	"ALTER TABLE images ADD COLUMN split TEXT;"	/* Train, Test, ... */
	"ALTER TABLE images ADD COLUMN race TEXT;"
	"ALTER TABLE images ADD COLUMN dup_of INTEGER REFERENCES images(id)"
	" ON DELETE SET NULL;"
	"CREATE INDEX images_dup_of ON images(dup_of);"
	"CREATE TABLE boxes ("
	" id INTEGER PRIMARY KEY,"
	" image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL,"		/* order in the annotation */
	" x0 INTEGER NOT NULL, y0 INTEGER NOT NULL,"	/* clipped, pixels */
	" x1 INTEGER NOT NULL, y1 INTEGER NOT NULL,"	/* exclusive */
	" clipped INTEGER NOT NULL CHECK (clipped IN (0, 1)),"
	" label TEXT NOT NULL,"
	" mask INTEGER REFERENCES mask_states(id),"
	" difficult INTEGER NOT NULL DEFAULT 0 CHECK (difficult IN (0, 1)),"
	" truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),"
	" UNIQUE (image_id, idx),"
	" CHECK (x0 < x1 AND y0 < y1)"
	") STRICT;"
	/*
	 * One row per labelled sample: a face box, or a whole image without
	 * boxes.  Byte-identical copies (dup_of set) are not samples.
	 */
	"CREATE VIEW samples AS"
	" SELECT i.id AS image_id, NULL AS box_id, i.source_id, i.person_id,"
	" i.mask, i.gender, i.age, i.age_bin, i.class, i.label, i.status"
	" FROM images i WHERE i.dup_of IS NULL AND NOT EXISTS"
	" (SELECT 1 FROM boxes b WHERE b.image_id = i.id)"
	" UNION ALL"
	" SELECT i.id, b.id, i.source_id, i.person_id, b.mask, i.gender, i.age,"
	" i.age_bin, CASE WHEN b.mask IS NOT NULL AND i.gender IS NOT NULL AND"
	" i.age_bin IS NOT NULL THEN b.mask * 6 + i.gender * 3 + i.age_bin END,"
	" b.label, i.status"
	" FROM boxes b JOIN images i ON i.id = b.image_id"
	" WHERE i.dup_of IS NULL;"
	"DROP VIEW images_v;"
	"CREATE VIEW images_v AS SELECT i.id, s.name AS source,"
	" p.folder AS person, i.path, i.format, i.width, i.height,"
	" i.channels, i.label, m.word AS mask, i.subtype, g.word AS gender,"
	" i.age, a.word AS age_bin, i.race, i.class, i.split, i.bytes, i.hash,"
	" i.dup_of, i.status"
	" FROM images i JOIN sources s ON s.id = i.source_id"
	" LEFT JOIN persons p ON p.id = i.person_id"
	" LEFT JOIN mask_states m ON m.id = i.mask"
	" LEFT JOIN genders g ON g.id = i.gender"
	" LEFT JOIN age_bins a ON a.id = i.age_bin;"
	"CREATE VIEW boxes_v AS SELECT b.id, s.name AS source, i.path, b.idx,"
	" b.x0, b.y0, b.x1, b.y1, b.clipped, b.label, m.word AS mask,"
	" b.difficult, b.truncated FROM boxes b"
	" JOIN images i ON i.id = b.image_id"
	" JOIN sources s ON s.id = i.source_id"
	" LEFT JOIN mask_states m ON m.id = b.mask;";

static int
schema_to_v2(sqlite3 *db)
{
	return db_exec(db, schema_v2);
}

/*
 * 2 -> 3: quality measures, one row per image, computed at import (or by
 * maskcat scan) from a reduced decode; 'version' is the definition they
 * were computed with (IMG_MEASURE_VERSION), so a new definition shows which
 * rows are stale.  Hashes are 16 hex digits.
 */
static const char schema_v3[] =
	"CREATE TABLE measures ("
	" image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,"
	" version INTEGER NOT NULL,"
	" phash TEXT NOT NULL CHECK (length(phash) = 16),"
	" dhash TEXT NOT NULL CHECK (length(dhash) = 16),"
	/* the same hashes of the mirrored image, to catch flipped copies */
	" phash_mirror TEXT NOT NULL CHECK (length(phash_mirror) = 16),"
	" dhash_mirror TEXT NOT NULL CHECK (length(dhash_mirror) = 16),"
	" thumb_hash TEXT NOT NULL CHECK (length(thumb_hash) = 16),"
	" bright_p1 REAL NOT NULL, bright_p99 REAL NOT NULL,"
	" bright_mean REAL NOT NULL, sharpness REAL NOT NULL,"
	" entropy REAL NOT NULL, colour REAL NOT NULL,"
	" orientation INTEGER NOT NULL CHECK (orientation BETWEEN 1 AND 8),"
	" thumb_w INTEGER NOT NULL, thumb_h INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX measures_thumb ON measures(thumb_hash);";

static int
schema_to_v3(sqlite3 *db)
{
	return db_exec(db, schema_v3);
}

/*
 * 3 -> 4: the label audit.  'features' caches the audit's feature vector
 * of each sample (a whole image: box_id NULL; or a face box), valid while
 * the image's hash and the definition's version are the same; 'vec' is
 * 'dim' IEEE half floats, little-endian.  'corrections' is the overlay of
 * "maskcat relabel": each row corrects one field of an image (path, and
 * box_idx for a face box's mask) or of a person (folder) of a source,
 * keyed by those names so it survives re-imports; the catalogued labels
 * are the corrected ones and old_value keeps what was there before;
 * undone_at marks an undone correction (history is never deleted).
 */
static const char schema_v4[] =
	"CREATE TABLE features ("
	" id INTEGER PRIMARY KEY,"
	" image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,"
	" box_id INTEGER REFERENCES boxes(id) ON DELETE CASCADE,"
	" hash TEXT NOT NULL CHECK (length(hash) = 16),"
	" version INTEGER NOT NULL,"
	" dim INTEGER NOT NULL CHECK (dim > 0),"
	" vec BLOB NOT NULL CHECK (length(vec) = 2 * dim)"
	") STRICT;"
	"CREATE UNIQUE INDEX features_sample ON features(image_id,"
	" coalesce(box_id, 0));"
	"CREATE TABLE corrections ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" person TEXT,"				/* a person's folder, or */
	" path TEXT,"				/* an image's path */
	" box_idx INTEGER,"			/* a face box of that image */
	" field TEXT NOT NULL CHECK (field IN ('mask', 'gender', 'age')),"
	" old_value INTEGER,"			/* NULL: was unknown */
	" new_value INTEGER NOT NULL,"
	" reason TEXT NOT NULL,"
	" created_at TEXT NOT NULL,"
	" undone_at TEXT,"
	" CHECK ((person IS NULL) <> (path IS NULL)),"
	" CHECK (box_idx IS NULL OR (path IS NOT NULL AND field = 'mask'))"
	") STRICT;"
	"CREATE INDEX corrections_source ON corrections(source_id);";

static int
schema_to_v4(sqlite3 *db)
{
	return db_exec(db, schema_v4);
}

/*
 * 4 -> 5: the latest reports, for "maskcat report html": a successful
 * audit saves its JSON report (kind 'audit'), a successful export its
 * split report wrapped with the output folder (kind 'split'; see
 * db/saved.h).  'command' is the command line as typed.
 */
static const char schema_v5[] =
	"CREATE TABLE saved_reports ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL CHECK (kind IN ('audit', 'split')),"
	" created_at TEXT NOT NULL,"		/* ISO-8601 UTC */
	" command TEXT NOT NULL,"
	" body TEXT NOT NULL"			/* JSON */
	") STRICT;"
	"CREATE INDEX saved_reports_kind ON saved_reports(kind, id);";

static int
schema_to_v5(sqlite3 *db)
{
	return db_exec(db, schema_v5);
}

static int (*const migrations[])(sqlite3 *) = {
	schema_to_v1,		/* 0 -> 1 */
	schema_to_v2,		/* 1 -> 2 */
	schema_to_v3,		/* 2 -> 3 */
	schema_to_v4,		/* 3 -> 4 */
	schema_to_v5,		/* 4 -> 5 */
};

int
schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

int
schema_step(sqlite3 *db, int version)
{
	if (version < 0 || version >= schema_latest())
		BUG("no migration from schema %d", version);
	return migrations[version](db);
}
