#!/bin/sh
# A killed import leaves a consistent catalog that keeps every committed
# batch, and a rerun completes it to the same catalog as an uninterrupted run.
. "$(dirname "$0")/test-lib.sh"

# dump DB: the catalog's content, independent of row ids and run ids.
dump() {
	sqlite3 "$1" "SELECT p.folder, i.path, i.bytes, i.hash, i.format,
	    i.width, i.height, i.mask, i.gender, i.age, i.class, i.status
	    FROM images i LEFT JOIN persons p ON p.id = i.person_id
	    ORDER BY i.path; SELECT folder, ext_id, gender, age FROM persons
	    ORDER BY folder; SELECT path, reason FROM quarantine ORDER BY path"
}

test_expect_success 'set up 160 persons and an uninterrupted reference import' '
	"$MKIMG" jpeg .photo.jpg 384 512 &&
	rows= && i=100 &&
	while [ $i -lt 260 ]; do
		rows="$rows 000$i,female,Asian,$((18 + i % 43)),000${i}_female_Asian_$((18 + i % 43))"
		i=$((i + 1))
	done &&
	mk_base d $rows &&
	: >d/images/000150_female_Asian_39/mask2.jpg &&
	test_expect_code 1 "$MASKCAT" --db ref.db import base d >/dev/null 2>&1 &&
	test_eq "$(sqlite3 ref.db "SELECT count(*) FROM images")" 1119 &&
	dump ref.db >ref
'

for t in 0.05 0.15 0.3 0.45 0.6 0.9; do
	test_expect_success "killed after ${t}s: consistent, then a rerun completes it" '
		rm -f k.db k.db-wal k.db-shm &&
		"$MASKCAT" --db k.db import base d >/dev/null 2>&1 &
		pid=$! && sleep '$t' && kill -9 $pid 2>/dev/null; wait $pid
		if test -f k.db; then
			test_eq "$(sqlite3 k.db "PRAGMA integrity_check")" ok &&
			test_eq "$(sqlite3 k.db "PRAGMA foreign_key_check")" "" &&
			echo "$(sqlite3 k.db "SELECT count(*) FROM images") images committed"
		fi &&
		test_expect_code 1 "$MASKCAT" --db k.db import base d >out 2>/dev/null &&
		dump k.db >got &&
		test_cmp ref got &&
		test_eq "$(sqlite3 k.db "SELECT finished_at IS NOT NULL FROM imports ORDER BY id DESC LIMIT 1")" 1
	'
done

test_done
