#!/bin/sh
# import base on dirty input: each bad thing gets one clear line, is
# quarantined with its reason, and the rest of the import goes on.
. "$(dirname "$0")/test-lib.sh"

P=000001_female_Asian_45
# reason PATH: the quarantine reason recorded for PATH.
reason() {
	q "SELECT reason FROM quarantine WHERE path = '$1'"
}

test_expect_success 'a folder without train.csv is refused and nothing is written' '
	mkdir -p empty/images &&
	test_expect_code 1 "$MASKCAT" import base empty 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot find '"'"'train.csv'"'"' in '"'"'empty'"'"' or '"'"'empty/train'"'"'" &&
	test_eq "$(q "SELECT count(*) FROM sources")" 0
'

test_expect_success 'a missing folder is reported with errno' '
	test_expect_code 1 "$MASKCAT" import base nowhere 2>err &&
	grep "^maskcat: error: cannot open .nowhere.: No such file or directory$" err
'

test_expect_success 'a header typo stops the import before anything is written' '
	mk_base typo "000001,female,Asian,45,$P" &&
	sed -i 1s/gender/gendre/ typo/train.csv &&
	test_expect_code 1 "$MASKCAT" import base typo 2>err &&
	grep "^maskcat: error: .typo/train.csv.: the header has no column .gender. (it has: id,gendre,race...)$" err &&
	test_eq "$(q "SELECT count(*) FROM images")" 0
'

test_expect_success 'BOM, CRLF, quotes, blank lines and extra columns are read' '
	mk_base crlf "000001,female,Asian,45,$P" "000002,male,Asian,33,000002_male_Asian_33" &&
	printf "\357\273\277id,gender,race,age,path,note\r\n\r\n\"000001\",female,Asian,\"45\",$P,\"a, b\"\r\n\r\n000002,\"male\",Asian,33,000002_male_Asian_33,\"say \"\"hi\"\"\"\r\n" >crlf/train.csv &&
	"$MASKCAT" import base --name crlf crlf &&
	test_eq "$(q "SELECT count(*) FROM images i JOIN sources s ON s.id = i.source_id WHERE s.name = '"'"'crlf'"'"'")" 14 &&
	test_eq "$(q "SELECT group_concat(csv_line) FROM (SELECT csv_line FROM persons ORDER BY folder)")" "3,5"
'

test_expect_success 'bad rows and folders are quarantined; good persons import' '
	mk_base dirty "000001,female,Asian,45,$P" \
	    "000003,male,Asian,forty,000003_male_Asian_forty" \
	    "000004,mail,Asian,22,000004_mail_Asian_22" \
	    "000005,female,Asian,30,000005_female_Asian_31" \
	    "000006,female,Asian,50,000006_female_Asian_50" \
	    "000007,male,Asian,20,000007_male_Asian_20" \
	    "000008,male,Asian,21,000008_male_Asian_21" &&
	echo "000009,female,Asian,25,000009_female_Asian_25" >>dirty/train.csv &&
	mkdir dirty/images/000010_male_Asian_40 &&
	cp .photo.jpg dirty/images/stray.jpg &&
	rm dirty/images/000006_female_Asian_50/mask3.jpg &&
	cp .photo.jpg dirty/images/000007_male_Asian_20/mask6.jpg &&
	cp .photo.jpg dirty/images/000007_male_Asian_20/normal.png &&
	test_expect_code 1 "$MASKCAT" import base --name dirty dirty >out 2>err &&
	test_eq "$(reason train.csv:3)" "age '"'"'forty'"'"' is not a whole number of years" &&
	test_eq "$(reason train.csv:4)" "unknown gender '"'"'mail'"'"' (expected male or female)" &&
	test_eq "$(reason train.csv:5)" "row and folder name disagree on the age: '"'"'30'"'"' against '"'"'31'"'"'" &&
	test_eq "$(reason train.csv:9)" "folder '"'"'images/000009_female_Asian_25'"'"' does not exist" &&
	test_eq "$(reason images/000010_male_Asian_40)" "folder has no row in train.csv" &&
	test_eq "$(reason images/stray.jpg)" "not a person folder" &&
	test_eq "$(reason images/000006_female_Asian_50/mask3)" "missing photo '"'"'mask3'"'"' (the folder has 6 of 7)" &&
	test_eq "$(reason images/000007_male_Asian_20/mask6.jpg)" "unexpected file: a person folder holds mask1-5, incorrect_mask and normal" &&
	test_eq "$(reason images/000007_male_Asian_20/normal.png)" "second file for photo '"'"'normal'"'"' (also '"'"'normal.jpg'"'"')" &&
	grep "^maskcat: error: .dirty/train.csv:3.: age .forty. is not a whole number of years$" err &&
	grep "^maskcat: error: .dirty/images/000007_male_Asian_20/mask6.jpg.: unexpected file" err &&
	test_eq "$(reason images/000003_male_Asian_forty)" "not imported: its row on train.csv line 3 was rejected" &&
	test_eq "$(wc -l <err | tr -d " ")" 12 &&
	grep " 12 quarantined" out &&
	test_eq "$(q "SELECT group_concat(folder) FROM (SELECT folder FROM persons
	    WHERE source_id = (SELECT id FROM sources WHERE name = '"'"'dirty'"'"') ORDER BY folder)")" \
	    "$P,000006_female_Asian_50,000007_male_Asian_20,000008_male_Asian_21" &&
	test_eq "$(q "SELECT count(*) FROM images WHERE source_id = (SELECT id FROM sources WHERE name = '"'"'dirty'"'"')")" 27
'

test_expect_success 'bad image files are quarantined with the decoder reason' '
	mk_base files "000001,female,Asian,45,$P" "000002,male,Asian,33,000002_male_Asian_33" &&
	d=files/images/$P &&
	: >$d/mask1.jpg &&
	"$MKIMG" truncated-jpeg $d/mask2.jpg 64 64 &&
	rm $d/mask3.jpg && "$MKIMG" text $d/mask3.png &&
	"$MKIMG" huge-jpeg-header $d/mask4.jpg 60000 60000 &&
	"$MKIMG" webp $d/mask5.jpg &&
	"$MKIMG" png $d/normal.jpg 40 40 &&
	test_expect_code 1 "$MASKCAT" import base --name files files >out 2>err &&
	test_eq "$(reason images/$P/mask1.jpg)" "empty file" &&
	test_eq "$(reason images/$P/mask2.jpg)" "corrupt JPEG: Premature end of JPEG file" &&
	test_eq "$(reason images/$P/mask3.png)" "not an image (unrecognised content)" &&
	test_eq "$(reason images/$P/mask4.jpg)" "image is 60000x60000, over the limit of 89478485 pixels; raise it with --max-pixels" &&
	test_eq "$(reason images/$P/mask5.jpg)" "WebP images are not supported" &&
	grep "^maskcat: error: .files/images/$P/mask2.jpg.: corrupt JPEG: Premature end of JPEG file$" err &&
	grep "^maskcat: warning: .files/images/$P/normal.jpg.: png content in a .jpg file; catalogued as png$" err &&
	test_eq "$(q "SELECT format FROM images WHERE path = '"'"'images/$P/normal.jpg'"'"'
	    AND source_id = (SELECT id FROM sources WHERE name = '"'"'files'"'"')")" png &&
	grep "^imported 9 images of 2 persons .* 5 quarantined, 1 warnings" out
'

test_expect_success 'a later good copy of a quarantined file replaces the quarantine row' '
	cp .photo.jpg files/images/$P/mask1.jpg &&
	test_expect_code 1 "$MASKCAT" import base --name files files >out 2>err &&
	test_eq "$(reason images/$P/mask1.jpg)" "" &&
	test_eq "$(q "SELECT count(*) FROM images WHERE path = '"'"'images/$P/mask1.jpg'"'"'
	    AND source_id = (SELECT id FROM sources WHERE name = '"'"'files'"'"')")" 1 &&
	grep " 4 quarantined" out
'

test_expect_success 'a path with spaces and non-ASCII letters imports' '
	mk_base "my data/données" "000001,female,Asian,45,$P" &&
	"$MASKCAT" import base --name spaced "my data/données" >out &&
	test_eq "$(q "SELECT root FROM sources WHERE name = '"'"'spaced'"'"'")" "$TRASH/my data/données"
'

test_expect_success 'an unreadable photo is quarantined with the system reason' '
	mk_base perm "000001,female,Asian,45,$P" &&
	chmod 000 perm/images/$P/mask1.jpg &&
	chmod 755 "$TRASH" &&
	if [ "$(id -u)" -eq 0 ]; then
		# root reads anything: run as nobody, with a catalog nobody owns
		mkdir -m 777 nob &&
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$MASKCAT" --db nob/c.db import base perm >out 2>err
		rc=$? db=nob/c.db
	else
		"$MASKCAT" --db perm.db import base perm >out 2>err
		rc=$? db=perm.db
	fi &&
	test_eq $rc 1 &&
	grep "^maskcat: error: .perm/images/$P/mask1.jpg.: cannot read: Permission denied$" err &&
	test_eq "$(sqlite3 $db "SELECT count(*) FROM images")" 6
'

test_expect_success 'committed rows survive a failing import of another folder' '
	q "SELECT count(*) FROM images" >before &&
	test_expect_code 1 "$MASKCAT" import base --name typo typo 2>err &&
	q "SELECT count(*) FROM images" >after &&
	test_cmp before after &&
	test_eq "$(q "PRAGMA integrity_check")" ok
'

test_expect_success 'a catalog that is not SQLite is refused' '
	echo "not a database, just text" >bad.db &&
	test_expect_code 1 "$MASKCAT" --db bad.db import base crlf 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot read catalog '"'"'bad.db'"'"': file is not a database" &&
	test_expect_code 1 "$MASKCAT" --db bad.db info 2>err &&
	grep "file is not a database" err &&
	test_eq "$(cat bad.db)" "not a database, just text"
'

test_expect_success 'a catalog newer than this maskcat is refused' '
	sqlite3 newer.db "PRAGMA user_version = 99" &&
	test_expect_code 1 "$MASKCAT" --db newer.db import base crlf 2>err &&
	grep "^maskcat: error: catalog .newer.db. has schema 99; this maskcat knows only up to 5$" err
'

test_expect_success 'reading a catalog that does not exist says so' '
	test_expect_code 1 "$MASKCAT" --db missing.db info 2>err &&
	grep "^maskcat: error: catalog .missing.db. does not exist" err &&
	! test -e missing.db
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$MASKCAT" import 2>err &&
	grep "needs a FORMAT and a PATH" err &&
	test_expect_code 2 "$MASKCAT" import bogus dir 2>err &&
	grep "unknown format .bogus." err &&
	test_expect_code 2 "$MASKCAT" import base --name 2>err
'

test_done
