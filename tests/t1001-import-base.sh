#!/bin/sh
# import base: the layout of DATASETS.md section 1 into catalog rows.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'a small base dataset imports every photo' '
	mk_base data/train \
	    "000001,female,Asian,45,000001_female_Asian_45" \
	    "000002,male,Asian,60,000002_male_Asian_60" \
	    "000600-1,male,Asian,19,000600-1_male_Asian_19" \
	    "003397,female,Asian,20,003397_female_Asian_20" \
	    "003397,male,Asian,55,003397_male_Asian_55" &&
	"$MASKCAT" import base data/train >out &&
	grep "^imported 35 images of 5 persons" out &&
	test_eq "$(q "SELECT count(*) FROM images")" 35 &&
	test_eq "$(q "SELECT count(*) FROM persons")" 5 &&
	test_eq "$(q "SELECT count(*) FROM quarantine")" 0
'

test_expect_success 'labels and the class index follow the path and the row' '
	test_eq "$(q "SELECT mask, gender, age, age_bin, class FROM images
	    WHERE path = '"'"'images/000001_female_Asian_45/mask3.jpg'"'"'")" "0|1|45|1|4" &&
	test_eq "$(q "SELECT mask, class FROM images
	    WHERE path = '"'"'images/000002_male_Asian_60/incorrect_mask.jpg'"'"'")" "1|8" &&
	test_eq "$(q "SELECT mask, class FROM images
	    WHERE path = '"'"'images/000002_male_Asian_60/normal.jpg'"'"'")" "2|14" &&
	test_eq "$(q "SELECT group_concat(mask || '"'"':'"'"' || n) FROM (SELECT mask,
	    count(*) AS n FROM images GROUP BY mask ORDER BY mask)")" "0:25,1:5,2:5"
'

test_expect_success 'ids stay text; a shared id gives two persons' '
	test_eq "$(q "SELECT typeof(ext_id), ext_id FROM persons
	    WHERE folder = '"'"'000001_female_Asian_45'"'"'")" "text|000001" &&
	test_eq "$(q "SELECT ext_id FROM persons WHERE folder LIKE '"'"'000600%'"'"'")" "000600-1" &&
	test_eq "$(q "SELECT count(*), count(DISTINCT gender) FROM persons
	    WHERE ext_id = '"'"'003397'"'"'")" "2|2" &&
	test_eq "$(q "SELECT count(DISTINCT person_id) FROM images i JOIN persons p
	    ON p.id = i.person_id WHERE p.ext_id = '"'"'003397'"'"'")" 2
'

test_expect_success 'the probe fills format, size, hash and dimensions' '
	test_eq "$(q "SELECT DISTINCT format, width, height, channels FROM images")" "jpeg|48|64|3" &&
	test_eq "$(q "SELECT bytes FROM images WHERE path = '"'"'images/000001_female_Asian_45/normal.jpg'"'"'")" \
	    "$(wc -c <data/train/images/000001_female_Asian_45/normal.jpg | tr -d " ")" &&
	test_eq "$(q "SELECT count(DISTINCT hash), count(dup_of) FROM images")" "35|0" &&
	test_eq "$(q "SELECT count(*) FROM images WHERE length(hash) = 16")" 35
'

test_expect_success 'views show labels as words' '
	test_eq "$(q "SELECT mask, gender, age_bin FROM images_v
	    WHERE path = '"'"'images/000002_male_Asian_60/normal.jpg'"'"'")" "not_wear|male|60+" &&
	test_eq "$(q "SELECT gender, age_bin, images FROM persons_v
	    WHERE folder = '"'"'000600-1_male_Asian_19'"'"'")" "male|<30|7" &&
	test_eq "$(q "SELECT mask || gender || age_bin FROM classes_v WHERE class = 17")" "not_wearfemale60+"
'

test_expect_success 'the catalog is STRICT, in WAL mode, at the newest schema' '
	test_eq "$(q "PRAGMA journal_mode")" wal &&
	test_eq "$(q "PRAGMA user_version")" 5 &&
	q "SELECT sql FROM sqlite_schema WHERE name = '"'"'images'"'"'" | grep "STRICT" &&
	! q "INSERT INTO images (source_id, path, bytes, mtime_ns,
	    hash, format, width, height, channels, status) VALUES (1, '"'"'x'"'"',
	    '"'"'big'"'"', 0, '"'"'0123456789abcdef'"'"', '"'"'jpeg'"'"', 1, 1, 3, '"'"'ok'"'"')" 2>err &&
	grep "cannot store TEXT value in INTEGER column images.bytes" err
'

test_expect_success 're-importing the same folder adds no rows' '
	q "SELECT id, source_id, person_id, path, bytes, mtime_ns, hash, format, width, height, channels, mask, gender, age, age_bin, class, seq, status FROM images ORDER BY id" >before &&
	"$MASKCAT" import base data/train >out &&
	grep "(35 unchanged, 0 quarantined" out &&
	q "SELECT id, source_id, person_id, path, bytes, mtime_ns, hash, format, width, height, channels, mask, gender, age, age_bin, class, seq, status FROM images ORDER BY id" >after &&
	test_cmp before after &&
	test_eq "$(q "SELECT count(*) FROM persons")" 5 &&
	test_eq "$(q "SELECT count(*), count(finished_at) FROM imports")" "2|2"
'

test_expect_success 'the parent folder holding train/ works too, as the same source' '
	"$MASKCAT" import base data >out &&
	test_eq "$(q "SELECT count(*) FROM sources")" 1 &&
	test_eq "$(q "SELECT count(*) FROM images")" 35
'

test_expect_success 'a changed CSV row relabels the person on re-import' '
	sed -i "s/^000002,male,Asian,60,000002_male_Asian_60$/000002,male,Asian,60,000002_male_Asian_60/" data/train/train.csv &&
	mv data/train/images/000001_female_Asian_45 data/train/images/000001_female_Asian_46 &&
	sed -i "s/^000001,female,Asian,45,000001_female_Asian_45$/000001,female,Asian,46,000001_female_Asian_46/" data/train/train.csv &&
	"$MASKCAT" import base data/train >out &&
	grep "7 removed" out &&
	test_eq "$(q "SELECT count(*) FROM images")" 35 &&
	test_eq "$(q "SELECT DISTINCT i.age FROM images i JOIN persons p ON
	    p.id = i.person_id WHERE p.ext_id = '"'"'000001'"'"'")" 46 &&
	test_eq "$(q "SELECT count(*) FROM persons")" 5
'

test_expect_success 'a deleted photo leaves the catalog on re-import' '
	rm data/train/images/000002_male_Asian_60/mask4.jpg &&
	test_expect_code 1 "$MASKCAT" import base data/train >out 2>err &&
	grep "1 removed" out &&
	test_eq "$(q "SELECT count(*) FROM images")" 34 &&
	test_eq "$(q "SELECT reason FROM quarantine")" "missing photo '"'"'mask4'"'"' (the folder has 6 of 7)"
'

test_expect_success 'extensions are resolved per file; dot-files are skipped' '
	mk_base other "000010,male,Asian,30,000010_male_Asian_30" \
	    "000011,female,Asian,18,000011_female_Asian_18" &&
	for s in mask1 mask2 mask3 mask4 mask5 incorrect_mask normal; do
		rm other/images/000010_male_Asian_30/$s.jpg &&
		"$MKIMG" png other/images/000010_male_Asian_30/$s.png 40 50 || return 1
	done &&
	mv other/images/000011_female_Asian_18/mask2.jpg other/images/000011_female_Asian_18/mask2.jpeg &&
	printf "\0\5\26\7junk" >other/images/000011_female_Asian_18/._mask1.jpg &&
	printf "x" >other/images/.DS_Store &&
	"$MASKCAT" import base --name other other >out &&
	grep "^imported 14 images of 2 persons .* 2 dot-files skipped" out &&
	test_eq "$(q "SELECT count(*) FROM images i JOIN sources s ON s.id = i.source_id
	    WHERE s.name = '"'"'other'"'"' AND format = '"'"'png'"'"'")" 7 &&
	test_eq "$(q "SELECT path FROM images WHERE path LIKE '"'"'%.jpeg'"'"'")" "images/000011_female_Asian_18/mask2.jpeg"
'

test_expect_success 'importing another folder adds a source; the first is untouched' '
	test_eq "$(q "SELECT group_concat(name) FROM (SELECT name FROM sources ORDER BY name)")" "base,other" &&
	test_eq "$(q "SELECT count(*) FROM images i JOIN sources s ON s.id = i.source_id
	    WHERE s.name = '"'"'base'"'"'")" 34
'

test_expect_success 'one name cannot hold two folders' '
	test_expect_code 1 "$MASKCAT" import base other 2>err &&
	grep "^maskcat: error: source .base. already holds the base data of .*; give this import another name with --name" err &&
	test_eq "$(q "SELECT count(*) FROM images")" 48
'

test_expect_success 'import eval keeps info.csv order as seq, unlabelled' '
	mkdir -p ev/eval/images &&
	printf "ImageID,ans\n" >ev/eval/info.csv &&
	for h in cbd9 0a1f 77aa; do
		cp .photo.jpg ev/eval/images/$h.jpg &&
		echo "$h.jpg,0" >>ev/eval/info.csv || return 1
	done &&
	"$MASKCAT" import eval ev >out &&
	grep "^imported 3 images" out &&
	test_eq "$(q "SELECT group_concat(path) FROM (SELECT path FROM images
	    WHERE seq IS NOT NULL ORDER BY seq)")" "images/cbd9.jpg,images/0a1f.jpg,images/77aa.jpg" &&
	test_eq "$(q "SELECT DISTINCT status || ifnull(class, '"'"'-'"'"') FROM images WHERE seq IS NOT NULL")" "unlabelled-"
'

test_expect_success 'eval: unlisted files and missing files are quarantined' '
	cp .photo.jpg ev/eval/images/extra.jpg &&
	echo "gone.jpg,0" >>ev/eval/info.csv &&
	test_expect_code 1 "$MASKCAT" import eval ev 2>err &&
	grep "^maskcat: error: .ev/eval/images/extra.jpg.: not listed in info.csv$" err &&
	grep "^maskcat: error: .ev/eval/info.csv:5.: .images/gone.jpg. does not exist$" err &&
	test_eq "$(q "SELECT count(*) FROM quarantine q JOIN sources s ON s.id = q.source_id
	    WHERE s.name = '"'"'eval'"'"'")" 2
'

test_expect_success 'info lists sources, counts and quarantined files' '
	"$MASKCAT" info >out &&
	grep "^base  *base  *34  *5  *0  *1  *0 " out &&
	grep "^eval  *eval  *3  *0  *0  *2  *2 " out &&
	grep "^8 images are byte-identical copies of an earlier one (0 of them across sources); reports count each once$" out &&
	grep "^  eval: images/extra.jpg: not listed in info.csv$" out
'

test_done
