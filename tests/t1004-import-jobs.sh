#!/bin/sh
# import and scan --jobs N: the files are read and probed on N threads and
# one thread writes, so the catalog and the messages do not depend on N.
. "$(dirname "$0")/test-lib.sh"

# dump DB: every row of the catalog in id order, without the time columns
# and the command line (which names --jobs).
dump() {
	sqlite3 -batch "$1" "SELECT * FROM images ORDER BY id;
	    SELECT * FROM persons ORDER BY id; SELECT * FROM boxes ORDER BY id;
	    SELECT * FROM quarantine ORDER BY id;
	    SELECT * FROM measures ORDER BY image_id;
	    SELECT id, source_id, images, quarantined FROM imports
	    ORDER BY id; SELECT id, name, kind, root, container, prefix
	    FROM sources ORDER BY id"
}

# q2 DB SQL: one query on another catalog.
q2() {
	sqlite3 -batch "$1" "$2"
}

test_expect_success 'set up a synthetic sample with a few broken files' '
	"$MASKCAT" synth s --persons 60 --seed 3 --eval 0 --dirt dirt.csv >/dev/null &&
	d=$(ls -d s/train/images/*/ | sed -n 7p) &&
	"$MKIMG" truncated-jpeg ${d}mask2.jpg 64 64 &&
	"$MKIMG" text ${d}mask3.jpg &&
	: >${d}mask4.jpg &&
	d=$(ls -d s/train/images/*/ | sed -n 40p) &&
	"$MKIMG" truncated-jpeg ${d}normal.jpg 80 60 &&
	"$MKIMG" png ${d}mask1.jpg 40 40
'

test_expect_success 'import --jobs 1, 2 and 5 give the same catalog and messages' '
	for j in 1 2 5; do
		test_expect_code 1 "$MASKCAT" --db j$j.db import base s --jobs $j \
		    >out$j 2>err$j || return 1
		dump j$j.db >dump$j || return 1
	done &&
	test "$(q2 j1.db "SELECT count(*) FROM quarantine")" -ge 4 &&
	test "$(q2 j1.db "SELECT count(*) FROM measures")" -gt 400 &&
	test_cmp dump1 dump2 && test_cmp dump1 dump5 &&
	test_cmp err1 err2 && test_cmp err1 err5 &&
	test_cmp out1 out2 && test_cmp out1 out5
'

test_expect_success 'a rerun with --jobs 2 finds every file unchanged' '
	cp j1.db re.db &&
	test_expect_code 1 "$MASKCAT" --db re.db import base s --jobs 2 >out 2>err &&
	n=$(q2 re.db "SELECT count(*) FROM images") &&
	grep "($n unchanged, " out &&
	test_cmp err1 err
'

test_expect_success 'a zip source with --jobs 2 equals --jobs 1' '
	(cd s && zip -qr ../s.zip train) &&
	test_expect_code 1 "$MASKCAT" --db z1.db import base s.zip --jobs 1 >/dev/null 2>zerr1 &&
	test_expect_code 1 "$MASKCAT" --db z2.db import base s.zip --jobs 2 >/dev/null 2>zerr2 &&
	dump z1.db >zdump1 && dump z2.db >zdump2 &&
	test_cmp zdump1 zdump2 && test_cmp zerr1 zerr2 &&
	grep "s.zip:train/images/" zerr1
'

test_expect_success 'scan --jobs 2 equals scan --jobs 1' '
	f=$(q2 j1.db "SELECT path FROM images ORDER BY id LIMIT 1 OFFSET 30") &&
	"$MKIMG" truncated-jpeg s/train/$f 64 64 &&
	for j in 1 2; do
		cp j1.db sc$j.db &&
		sqlite3 sc$j.db "DELETE FROM measures WHERE image_id % 3 <> 0
		    OR image_id = (SELECT id FROM images WHERE path = '"'"'$f'"'"')" &&
		test_expect_code 1 "$MASKCAT" --db sc$j.db scan --jobs $j >sout$j 2>serr$j &&
		dump sc$j.db >sdump$j || return 1
	done &&
	test_cmp sdump1 sdump2 && test_cmp serr1 serr2 && test_cmp sout1 sout2 &&
	grep "could not be read" sout1
'

# content DB: the catalog's rows without ids, in path order.
content() {
	sqlite3 -batch "$1" "SELECT p.folder, i.path, i.bytes, i.hash, i.format,
	    i.width, i.height, i.mask, i.gender, i.age, i.class, i.status,
	    m.bright_mean, m.phash, m.thumb_hash FROM images i
	    LEFT JOIN persons p ON p.id = i.person_id
	    LEFT JOIN measures m ON m.image_id = i.id ORDER BY i.path"
}

test_expect_success 'more known files than the window, then new ones: as a fresh import' '
	"$MASKCAT" synth big --persons 250 --seed 5 --eval 0 >/dev/null &&
	cp big/train/train.csv full.csv &&
	head -n 221 full.csv >big/train/train.csv &&
	test_expect_code 1 "$MASKCAT" --db part.db import base big --jobs 2 \
	    >/dev/null 2>&1 &&
	test "$(q2 part.db "SELECT count(*) FROM images")" -gt 1024 &&
	cp full.csv big/train/train.csv &&
	"$MASKCAT" --db part.db import base big --jobs 2 >out 2>/dev/null &&
	grep "unchanged" out &&
	"$MASKCAT" --db fresh.db import base big --jobs 1 >/dev/null 2>&1 &&
	content part.db >got && content fresh.db >want &&
	test_cmp want got
'

test_expect_success 'the list of files cannot be kept: one clear error, nothing written' '
	TMPDIR=$TRASH/nowhere test_expect_code 1 "$MASKCAT" --db t.db \
	    import base s 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot keep the list of files to import in a temporary file in '"'$TRASH/nowhere'"': No such file or directory" &&
	test_eq "$(q2 t.db "SELECT count(*) FROM images")" 0
'

test_expect_success '--jobs 0 is a usage error' '
	test_expect_code 2 "$MASKCAT" --db u.db import base s --jobs 0 2>err &&
	grep "jobs wants 1 to 64" err &&
	test_expect_code 2 "$MASKCAT" --db u.db scan --jobs 0 2>err &&
	grep "jobs wants 1 to 64" err
'

test_done
