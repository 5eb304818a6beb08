#!/bin/sh
# Importing straight from a zip: the same catalog as from the folder,
# zip slip refused, a truncated zip refused, the kaggle CLI path.
. "$(dirname "$0")/test-lib.sh"

# content DB SOURCE: what a source holds, independent of ids and roots.
content() {
	sqlite3 "$1" "SELECT i.path, i.bytes, i.hash, i.format, i.width,
	    i.height, i.label, i.mask, i.gender, i.age, i.class, i.split,
	    i.subtype, p.folder FROM images i LEFT JOIN persons p ON
	    p.id = i.person_id JOIN sources s ON s.id = i.source_id
	    WHERE s.name = '$2' ORDER BY i.path;
	    SELECT q.path, q.reason FROM quarantine q JOIN sources s
	    ON s.id = q.source_id WHERE s.name = '$2' ORDER BY q.path"
}

test_expect_success 'class folders with non-ASCII names: zip = folder' '
	mkdir -p cf/train/with_mask cf/train/sin_mascarilla cf/test/with_mask &&
	"$MKIMG" jpeg "cf/train/with_mask/données é.jpg" 20 20 &&
	"$MKIMG" png "cf/train/sin_mascarilla/a b.png" 20 21 &&
	"$MKIMG" jpeg "cf/test/with_mask/x.jpg" 20 22 &&
	: >cf/test/with_mask/empty.jpg &&
	mk_zip cf.zip cf &&
	test_expect_code 1 "$MASKCAT" --db dir.db import folder --name s cf 2>/dev/null &&
	test_expect_code 1 "$MASKCAT" --db zip.db import folder --name s cf.zip 2>err &&
	grep "^maskcat: error: .cf.zip:test/with_mask/empty.jpg.: empty file$" err &&
	content dir.db s >want && content zip.db s >got &&
	test_cmp want got &&
	test_eq "$(sqlite3 zip.db "SELECT container || '"'"' '"'"' || (root = '"'"'$TRASH/cf.zip'"'"') FROM sources")" "zip 1"
'

test_expect_success 'a base layout inside a zip (train/ under the root)' '
	mk_base b/train "000001,female,Asian,45,000001_female_Asian_45" &&
	mk_zip b.zip b &&
	"$MASKCAT" --db bz.db import base b.zip >out &&
	grep "^imported 7 images of 1 persons" out &&
	test_eq "$(sqlite3 bz.db "SELECT prefix FROM sources")" "train/" &&
	"$MASKCAT" --db bd.db import base b >/dev/null &&
	content bd.db base >want && content bz.db base >got &&
	test_cmp want got &&
	"$MASKCAT" --db bz.db import base b.zip >out &&
	grep "(7 unchanged" out
'

test_expect_success 'zip slip: ../ and absolute members are refused, the rest imports' '
	python3 - <<-\EOF &&
	import zipfile
	img = open(".photo.jpg", "rb").read()
	with zipfile.ZipFile("slip.zip", "w") as z:
	    z.writestr("with_mask/ok.jpg", img)
	    z.writestr("with_mask/../../evil.jpg", img + b"1")
	    z.writestr("/etc/evil.jpg", img + b"2")
	    i = zipfile.ZipInfo("with_mask/link.jpg")
	    i.external_attr = (0o120777 << 16)
	    z.writestr(i, "/etc/passwd")
	EOF
	test_expect_code 1 "$MASKCAT" import folder --name slip slip.zip 2>err &&
	grep "^maskcat: error: .slip.zip:with_mask/../../evil.jpg.: member path escapes the archive$" err &&
	grep "^maskcat: error: .slip.zip:/etc/evil.jpg.: member path escapes the archive$" err &&
	grep "^maskcat: error: .slip.zip:with_mask/link.jpg.: member is a symbolic link$" err &&
	test_eq "$(q "SELECT path FROM images_v WHERE source = '"'"'slip'"'"'")" "with_mask/ok.jpg" &&
	! test -e "$TRASH/../evil.jpg" && ! test -e /etc/evil.jpg
'

test_expect_success 'a truncated zip is refused with the file named' '
	head -c 300 b.zip >cut.zip &&
	test_expect_code 1 "$MASKCAT" import base --name cut cut.zip 2>err &&
	grep "^maskcat: error: cannot open .cut.zip.: " err &&
	test_eq "$(q "SELECT count(*) FROM sources WHERE name = '"'"'cut'"'"'")" 0
'

test_expect_success 'import kaggle runs the kaggle CLI once, then uses the cached zip' '
	mkdir bin &&
	cat >bin/kaggle <<-EOF &&
	#!/bin/sh
	echo "\$*" >>"$TRASH/kaggle.log"
	[ "\$1 \$2 \$3 \$4 \$5" = "datasets download -d omkargurav/face-mask-dataset -p" ] || exit 3
	mkdir -p "\$6" && cp "$TRASH/cf.zip" "\$6/face-mask-dataset.zip"
	EOF
	chmod +x bin/kaggle &&
	PATH="$TRASH/bin:$PATH" KAGGLE_API_TOKEN=x test_expect_code 1 "$MASKCAT" import kaggle omkargurav/face-mask-dataset --cache kc >out 2>err &&
	grep "^maskcat: import kaggle: .omkargurav/face-mask-dataset. (kc/face-mask-dataset.zip) holds the folder layout$" err &&
	test_eq "$(cat kaggle.log)" "datasets download -d omkargurav/face-mask-dataset -p kc" &&
	test_eq "$(q "SELECT name || '"'"' '"'"' || slug || '"'"' '"'"' || container FROM sources WHERE slug IS NOT NULL")" "face-mask-dataset omkargurav/face-mask-dataset zip" &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'face-mask-dataset'"'"'")" 3 &&
	PATH="$TRASH/bin:$PATH" test_expect_code 1 "$MASKCAT" import kaggle omkargurav/face-mask-dataset --cache kc >out 2>err &&
	test_eq "$(wc -l <kaggle.log | tr -d " ")" 1 &&
	grep "(3 unchanged" out
'

test_expect_success 'import kaggle says what is missing: credentials, the CLI' '
	HOME=$TRASH/nohome test_expect_code 1 env -u KAGGLE_API_TOKEN -u KAGGLE_USERNAME "$MASKCAT" import kaggle a/b --cache k2 2>err &&
	grep "^maskcat: error: no Kaggle credentials: put your API token in ~/.kaggle/kaggle.json" err &&
	PATH=/nonexistent KAGGLE_API_TOKEN=x test_expect_code 1 "$MASKCAT" import kaggle a/b --cache k2 2>err &&
	grep "^maskcat: error: cannot run .kaggle.; install the Kaggle CLI (pip install kaggle) or put the zip at .k2/b.zip.: No such file or directory$" err &&
	test_expect_code 1 "$MASKCAT" import kaggle not-a-slug 2>err &&
	grep "is not a Kaggle dataset OWNER/SLUG" err
'

test_expect_success SHARED 'youyinnn from a zip gives the same catalog as from the folder' '
	(cd "$SHARED_DATA" && python3 -c "
import os, zipfile
with zipfile.ZipFile(\"$TRASH/y.zip\", \"w\") as z:
    for d, _, fs in sorted(os.walk(\"youyinnn\")):
        for f in sorted(fs):
            z.write(os.path.join(d, f))
") &&
	"$MASKCAT" --db yd.db import folder --name y "$SHARED_DATA/youyinnn" >/dev/null &&
	"$MASKCAT" --db yz.db import auto --name y y.zip >/dev/null 2>err &&
	grep "holds the folder layout" err &&
	content yd.db y >want && content yz.db y >got &&
	test_cmp want got &&
	test_eq "$(sqlite3 yz.db "SELECT prefix FROM sources")" "youyinnn/"
'

test_done
