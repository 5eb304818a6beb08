#!/bin/sh
# A full disk and read errors, injected by tests/helper/faultfs.so (an
# LD_PRELOAD shim: writes to matching files fail with ENOSPC after N
# bytes, reads with EIO), and for real on a small tmpfs where mount is
# allowed: one clear error naming the file, a whole catalog that keeps
# its committed batches, no partial OUT, and a rerun that completes.
. "$(dirname "$0")/test-lib.sh"

FAULTFS=$MASKCAT_BUILD/tests/helper/faultfs.so

# faulty NAME=VALUE... CMD...: CMD with the shim preloaded and the fault
# settings given; each injected fault is logged to flog.  An ASan build
# wants its runtime first in the library list: the check is switched off,
# the shim's wrappers call through to ASan's own.
faulty() {
	env LD_PRELOAD="$FAULTFS" FAULTFS_LOG="$TRASH/flog" \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    "$@"
}

# dump DB: the catalog's content, independent of row ids, sorted.
dump() {
	sqlite3 "$1" "SELECT 'image', i.path, p.folder, i.bytes, i.hash,
	    i.format, i.width, i.height, i.mask, i.gender, i.age, i.class,
	    i.status, m.phash FROM images i
	    LEFT JOIN persons p ON p.id = i.person_id
	    LEFT JOIN measures m ON m.image_id = i.id;
	    SELECT 'person', folder, ext_id, gender, race, age FROM persons;
	    SELECT 'quarantine', path, reason FROM quarantine" | sort
}

# snap DIR: an export's files and their SHA-256 (export.json's creation
# time blanked, the one field that differs between runs).
snap() {
	(cd "$1" && find . -type d | sort &&
	find . -type f ! -name export.json | sort | xargs sha256sum &&
	sed 's/"created": "[^"]*"/"created": ""/' export.json | sha256sum)
}

# folder N: the folder of person N (100..199).
folder() { echo "000${1}_female_Asian_$((18 + $1 % 43))"; }

# whole DB: integrity_check and foreign_key_check pass.
whole() {
	test_eq "$(sqlite3 "$1" "PRAGMA integrity_check")" ok &&
	test_eq "$(sqlite3 "$1" "PRAGMA foreign_key_check")" ""
}

XARGS="out --seed 1 --size 64x64 --dup-threshold -1 --jobs 2"

test_expect_success SQLITE3 'set up 100 persons; the reference import and export' '
	test -f "$FAULTFS" &&
	"$MKIMG" jpeg .photo.jpg 96 128 &&
	rows= && i=100 &&
	while [ $i -lt 200 ]; do
		rows="$rows 000$i,female,Asian,$((18 + i % 43)),$(folder $i)"
		i=$((i + 1))
	done &&
	mk_base d $rows &&
	mk_zip d.zip d &&
	"$MASKCAT" --db ref.db import base d >/dev/null &&
	dump ref.db >ref &&
	test_eq "$(grep -c "^image|" ref)" 700 &&
	"$MASKCAT" --db ref.db export $XARGS >/dev/null &&
	"$MASKCAT" verify out >/dev/null &&
	snap out >ref.out &&
	find out -type f -exec cat {} + | wc -c >out.bytes &&
	mv out ref.export
'

# (a) The catalog's disk fills up.

test_expect_success SQLITE3 'import, the catalog disk full: one error naming it, committed batches kept' '
	rm -f flog &&
	test_expect_code 1 faulty FAULTFS_ENOSPC="$TRASH/full.db*" \
	    FAULTFS_ENOSPC_AFTER=450000 \
	    "$MASKCAT" --db full.db import base d >stdout 2>err &&
	grep -q "^ENOSPC $TRASH/full.db-wal$" flog &&
	echo "maskcat: error: catalog '\''$TRASH/full.db'\'': database or disk is full (code 13) in \"COMMIT\"" >want &&
	test_cmp want err &&
	test_must_fail test -s stdout &&
	whole full.db &&
	n=$(sqlite3 full.db "SELECT count(*) FROM images") &&
	echo "$n images committed" &&
	test "$n" -gt 0 && test "$n" -lt 700 && test $((n % 256)) -eq 0 &&
	test_eq "$(sqlite3 full.db "SELECT count(*) FROM persons")" 100 &&
	dump full.db >got && comm -13 ref got >extra && test_must_fail test -s extra &&
	test_eq "$(sqlite3 full.db "SELECT finished_at IS NULL FROM imports")" 1
'

test_expect_success SQLITE3 'a rerun with room completes it to the reference' '
	"$MASKCAT" --db full.db import base d >stdout &&
	grep "^imported 700 images of 100 persons from .d. as source .base. ([1-9][0-9]* unchanged, 0 quarantined" stdout &&
	whole full.db &&
	dump full.db >got && test_cmp ref got &&
	test_eq "$(sqlite3 full.db "SELECT count(*) FROM imports WHERE finished_at IS NOT NULL")" 1
'

test_expect_success SQLITE3 'the disk full while the catalog is created: one error, then a rerun works' '
	for after in 0 4096; do
		rm -f flog new.db new.db-* &&
		test_expect_code 1 faulty FAULTFS_ENOSPC="$TRASH/new.db*" \
		    FAULTFS_ENOSPC_AFTER=$after \
		    "$MASKCAT" --db new.db import base d >stdout 2>err &&
		grep -q "^ENOSPC $TRASH/new.db" flog &&
		echo "maskcat: error: catalog '\''$TRASH/new.db'\'': database or disk is full (code 13) in \"PRAGMA journal_mode = WAL\"" >want &&
		test_cmp want err &&
		"$MASKCAT" --db new.db import base d >/dev/null &&
		whole new.db &&
		dump new.db >got && test_cmp ref got || return 1
	done
'

test_expect_success SQLITE3 'the disk full when the log is copied into the catalog: a warning, the data kept' '
	cp ref.db ck.db &&
	sqlite3 ck.db "DELETE FROM quarantine; PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	rm -f flog &&
	faulty FAULTFS_ENOSPC="$TRASH/ck.db" \
	    "$MASKCAT" --db ck.db relabel --person "$(folder 150)" \
	    --field gender --value male --reason test >stdout 2>err &&
	grep -q "^ENOSPC $TRASH/ck.db$" flog &&
	echo "maskcat: warning: catalog '\''$TRASH/ck.db'\'': cannot copy its write-ahead log into it: database or disk is full; the committed data are safe in '\''$TRASH/ck.db-wal'\'', and the next command that opens the catalog finishes the copy" >want &&
	test_cmp want err &&
	test -s ck.db-wal &&
	whole ck.db &&
	test_eq "$(sqlite3 ck.db "SELECT DISTINCT i.gender FROM images i JOIN persons p ON p.id = i.person_id WHERE p.folder = '\''$(folder 150)'\''")" 0
'

# (b) OUT's disk fills up.

test_expect_success SQLITE3 'export, disk full among the images: the file named, no OUT, no staging folder' '
	rm -f flog &&
	test_expect_code 1 faulty FAULTFS_ENOSPC="*/.out.maskcat-export-*" \
	    FAULTFS_ENOSPC_AFTER=20000 \
	    "$MASKCAT" --db ref.db export $XARGS >/dev/null 2>err &&
	grep -q "^ENOSPC \./\.out\.maskcat-export-[0-9]*/out/" flog &&
	cat err &&
	n=$(wc -l <err) && test "$n" -ge 1 && test "$n" -le 2 &&
	test_must_fail grep -v "^maskcat: error: cannot export .$TRASH/d/images/[0-9a-zA-Z_]*/[a-z_1-5]*\.jpg.: cannot write .out/[a-z]*/[0-9]*/base-[0-9]*\.jpg.: No space left on device$" err &&
	test_must_fail test -e out &&
	test_eq "$(ls -a | grep -c "^\.out\.maskcat-export-")" 0
'

test_expect_success SQLITE3 'export, disk full at the last byte: export.json named, no OUT' '
	rm -f flog &&
	test_expect_code 1 faulty FAULTFS_ENOSPC="*/.out.maskcat-export-*" \
	    FAULTFS_ENOSPC_AFTER=$(($(cat out.bytes) - 1)) \
	    "$MASKCAT" --db ref.db export $XARGS >/dev/null 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot write '\''out/export.json'\'': No space left on device" &&
	test_must_fail test -e out &&
	test_eq "$(ls -a | grep -c "^\.out\.maskcat-export-")" 0
'

test_expect_success SQLITE3 'export --force over an OUT, disk full: the old OUT stays whole' '
	cp -R ref.export out &&
	test_expect_code 1 faulty FAULTFS_ENOSPC="*/.out.maskcat-export-*" \
	    FAULTFS_ENOSPC_AFTER=50000 \
	    "$MASKCAT" --db ref.db export $XARGS --force >/dev/null 2>err &&
	grep "No space left on device$" err &&
	"$MASKCAT" verify out >/dev/null &&
	snap out >got && test_cmp ref.out got &&
	test_eq "$(ls -a | grep -c "^\.out\.maskcat-export-")" 0 &&
	rm -r out
'

test_expect_success SQLITE3 'after the full disk an export writes the reference bytes' '
	"$MASKCAT" --db ref.db export $XARGS >/dev/null 2>err &&
	test_must_fail test -s err &&
	snap out >got && test_cmp ref.out got &&
	rm -r out
'

# (c) A source file cannot be read.

test_expect_success SQLITE3 'import, EIO on one photo: quarantined with the reason, the rest imported' '
	rm -f flog eio.db* &&
	test_expect_code 1 faulty FAULTFS_EIO="*/$(folder 150)/mask3.jpg" \
	    "$MASKCAT" --db eio.db import base d >stdout 2>err &&
	grep -q "^EIO .*/$(folder 150)/mask3.jpg$" flog &&
	test_eq "$(cat err)" "maskcat: error: '\''d/images/$(folder 150)/mask3.jpg'\'': cannot read: read error: Input/output error" &&
	test_eq "$(sqlite3 eio.db "SELECT path, reason FROM quarantine")" \
	    "images/$(folder 150)/mask3.jpg|cannot read: read error: Input/output error" &&
	test_eq "$(sqlite3 eio.db "SELECT count(*) FROM images")" 699 &&
	whole eio.db &&
	"$MASKCAT" --db eio.db import base d >/dev/null &&
	dump eio.db >got && test_cmp ref got
'

test_expect_success SQLITE3 'import, EIO on train.csv or on the zip: one clear error' '
	test_expect_code 1 faulty FAULTFS_EIO="*/train.csv" \
	    "$MASKCAT" --db eio2.db import base d >stdout 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot read '\''d/train.csv'\'': read error: Input/output error" &&
	test_expect_code 1 faulty FAULTFS_EIO="*d.zip" \
	    "$MASKCAT" --db eio2.db import base d.zip >stdout 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot open '\''d.zip'\'': read error: Input/output error" &&
	test_eq "$(sqlite3 eio2.db "SELECT count(*) FROM images")" 0
'

test_expect_success SQLITE3 'export, EIO on a source: named, no OUT' '
	test_expect_code 1 faulty FAULTFS_EIO="*/$(folder 120)/normal.jpg" \
	    "$MASKCAT" --db ref.db export $XARGS >/dev/null 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot export '\''$TRASH/d/images/$(folder 120)/normal.jpg'\'': read error: Input/output error" &&
	test_must_fail test -e out &&
	test_eq "$(ls -a | grep -c "^\.out\.maskcat-export-")" 0
'

# (d) The catalog cannot be read.

test_expect_success SQLITE3 'EIO on the catalog: the system error said, not "malformed"' '
	cp ref.db cat.db &&
	test_expect_code 1 faulty FAULTFS_EIO="*/cat.db" \
	    "$MASKCAT" --db "$TRASH/cat.db" info >stdout 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot open catalog '\''$TRASH/cat.db'\'': Input/output error (SQLite: disk I/O error)" &&
	test_expect_code 1 faulty FAULTFS_EIO="*/cat.db" FAULTFS_EIO_AFTER=100 \
	    "$MASKCAT" --db "$TRASH/cat.db" info >stdout 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot read catalog '\''$TRASH/cat.db'\'': Input/output error (SQLite: database disk image is malformed)" &&
	test_expect_code 1 faulty FAULTFS_EIO="*/cat.db" FAULTFS_EIO_AFTER=100 \
	    "$MASKCAT" --db "$TRASH/cat.db" import base d >stdout 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot read catalog '\''$TRASH/cat.db'\'': Input/output error (SQLite: database disk image is malformed)" &&
	whole cat.db && dump cat.db >got && test_cmp ref got
'

test_expect_success SQLITE3 'EIO on the catalog mid-import: named, the catalog whole after' '
	cp ref.db cat.db &&
	test_expect_code 1 faulty FAULTFS_EIO="*/cat.db" FAULTFS_EIO_AFTER=40000 \
	    "$MASKCAT" --db "$TRASH/cat.db" import base d >stdout 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot add person '\''$(folder 100)'\'' to catalog '\''$TRASH/cat.db'\'': Input/output error (SQLite: database disk image is malformed)" &&
	whole cat.db && dump cat.db >got && test_cmp ref got
'

test_expect_success SQLITE3 'EIO on the WAL holding the committed rows: named, nothing lost' '
	rm -f flog &&
	faulty FAULTFS_ENOSPC="*/wal.db" FAULTFS_ENOSPC_AFTER=8192 \
	    "$MASKCAT" --db "$TRASH/wal.db" import base d >/dev/null &&
	grep -q "^ENOSPC $TRASH/wal.db$" flog &&
	test -s wal.db-wal &&
	test_expect_code 1 faulty FAULTFS_EIO="*/wal.db-wal" \
	    "$MASKCAT" --db "$TRASH/wal.db" info >stdout 2>err &&
	grep -q "^EIO $TRASH/wal.db-wal$" flog &&
	test_eq "$(cat err)" "maskcat: error: cannot read catalog '\''$TRASH/wal.db'\'': Input/output error (SQLite: database disk image is malformed)" &&
	whole wal.db && dump wal.db >got && test_cmp ref got
'

# A real full disk: a small tmpfs in a private mount namespace (so no
# mount outlives the test), where mount is allowed.
if unshare -m sh -c "mkdir -p '$TRASH/mnt' && mount -t tmpfs -o size=64k tmpfs '$TRASH/mnt'" 2>/dev/null; then
	prereqs="$prereqs TMPFS"
else
	echo "# skipping the tmpfs tests: mount -t tmpfs is not allowed here"
fi

test_expect_success TMPFS,SQLITE3 'a real full disk (tmpfs): export and import fail cleanly' '
	cp ref.db small.db &&
	cat >full.sh <<-EOF &&
	set -e
	mount -t tmpfs -o size=300k tmpfs mnt
	cd mnt
	if "$MASKCAT" --db ../small.db export $XARGS >/dev/null 2>../err.x
	then exit 1; fi
	test ! -e out
	test "\$(ls -a | grep -c maskcat-export)" = 0
	if "$MASKCAT" --db cat.db import base ../d >/dev/null 2>../err.i
	then exit 1; fi
	sqlite3 cat.db "PRAGMA integrity_check" >../ic
	sqlite3 cat.db "SELECT count(*) FROM images" >../n
	EOF
	unshare -m sh full.sh &&
	cat err.x err.i &&
	grep "^maskcat: error: cannot export .*: cannot write .out/.*: No space left on device$" err.x &&
	test_eq "$(cat err.i)" "maskcat: error: catalog '\''$TRASH/mnt/cat.db'\'': database or disk is full (code 13) in \"COMMIT\"" &&
	test_eq "$(cat ic)" ok &&
	echo "$(cat n) images committed on the full tmpfs"
'

test_done
