#!/bin/sh
# import folder: class folders, with and without split folders, the label
# map, and the two real class-folder sets in ../shared/data.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'split folders are provenance; class names are mapped' '
	for s in Train Test; do
		for c in WithMask WithoutMask "Non Mask"; do
			mkdir -p "kf/$s/$c" || return 1
		done
	done &&
	"$MKIMG" jpeg "kf/Train/WithMask/1.jpg" 20 20 &&
	"$MKIMG" png "kf/Train/WithoutMask/2.png" 21 20 &&
	"$MKIMG" jpeg "kf/Test/WithMask/3.jpg" 22 20 &&
	"$MKIMG" jpeg "kf/Test/Non Mask/4.jpg" 23 20 &&
	"$MKIMG" jpeg "kf/Train/Non Mask/5.jpg" 24 20 &&
	mkdir -p kf/Test/WithoutMask/deeper && "$MKIMG" jpeg kf/Test/WithoutMask/deeper/6.jpg 25 20 &&
	"$MASKCAT" import folder --license "CC0-1.0" kf >out &&
	test_eq "$(q "SELECT kind, container, license FROM sources")" "folder|folder|CC0-1.0" &&
	test_eq "$(q "SELECT group_concat(path || '"'"'='"'"' || split || '"'"'/'"'"' || label || '"'"'/'"'"' || mask, '"'"' '"'"')
	    FROM (SELECT * FROM images_v ORDER BY path)")" \
	    "Test/Non Mask/4.jpg=Test/Non Mask/not_wear Test/WithMask/3.jpg=Test/WithMask/wear Test/WithoutMask/deeper/6.jpg=Test/WithoutMask/not_wear Train/Non Mask/5.jpg=Train/Non Mask/not_wear Train/WithMask/1.jpg=Train/WithMask/wear Train/WithoutMask/2.png=Train/WithoutMask/not_wear" &&
	test_eq "$(q "SELECT count(*) FROM images WHERE gender IS NULL AND age IS NULL AND class IS NULL")" 6
'

test_expect_success 'mask-only sources show in the mask table, unknowns as columns' '
	"$MASKCAT" report imbalance >r &&
	grep "^wear  *2  *0  *0  *2  *0  *0  *0  *2$" r &&
	grep "^not_wear  *4  *0  *0  *4  *0  *0  *0  *4$" r &&
	"$MASKCAT" report imbalance --format json | python3 -c "
import json, sys
t = {r[\"mask\"]: r for r in json.load(sys.stdin)[\"mask_table\"]}
assert t[\"not_wear\"][\"samples\"] == 4 and t[\"not_wear\"][\"gender_unknown\"] == 4, t
"
'

test_expect_success 'an unknown class name stops the import and says how to map it' '
	mkdir -p odd/with_mask odd/helmet odd/faces && cp kf/Train/WithMask/1.jpg odd/with_mask/ &&
	"$MKIMG" jpeg odd/helmet/h.jpg 30 30 && "$MKIMG" jpeg odd/helmet/i.jpg 31 30 &&
	"$MKIMG" jpeg odd/faces/f.jpg 32 30 &&
	test_expect_code 1 "$MASKCAT" import folder --name odd odd 2>err &&
	test_eq "$(cat err)" "maskcat: error: '"'"'odd'"'"': unknown labels '"'"'faces'"'"' (1), '"'"'helmet'"'"' (2); map each with --map NAME=wear|incorrect|not_wear|ignore" &&
	test_eq "$(q "SELECT count(*) FROM sources WHERE name = '"'"'odd'"'"'")" 0
'

test_expect_success '--map and --map-file extend the map; ignore leaves files out' '
	printf "# my names\nfaces = not_wear\n\n" >map.txt &&
	"$MASKCAT" import folder --name odd --map helmet=ignore --map-file map.txt odd >out &&
	grep "2 ignored by the label map" out &&
	test_eq "$(q "SELECT label || '"'"':'"'"' || mask FROM images_v WHERE source = '"'"'odd'"'"' ORDER BY path")" "faces:not_wear
with_mask:wear" &&
	test_expect_code 2 "$MASKCAT" import folder --map helmet odd 2>err &&
	grep "expected NAME=wear|incorrect|not_wear|ignore, got .helmet." err &&
	printf "helmet: wear\n" >bad.txt &&
	test_expect_code 1 "$MASKCAT" import folder --map-file bad.txt odd 2>err &&
	grep "^maskcat: error: .bad.txt. line 1: expected NAME=" err
'

test_expect_success 'an empty class folder and a stray file are reported' '
	mkdir -p e/with_mask e/without_mask && "$MKIMG" jpeg e/with_mask/a.jpg 10 10 &&
	echo hi >e/readme.txt &&
	test_expect_code 1 "$MASKCAT" import folder --name e e 2>err &&
	grep "^maskcat: error: .e/without_mask.: empty class folder$" err &&
	grep "^maskcat: error: .e/readme.txt.: file outside a class folder$" err &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'e'"'"'")" 1
'

test_expect_success 'a symlink loop is an error for that folder only' '
	mkdir -p loop/with_mask && "$MKIMG" jpeg loop/with_mask/a.jpg 10 10 &&
	ln -s ../loop loop/with_mask/self &&
	test_expect_code 1 "$MASKCAT" import folder --name loop loop 2>err &&
	grep "Too many levels of symbolic links\|cannot read" err &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'loop'"'"'")" 1
'

# expect_counts DIR: per class folder, the files in it, counted with find.
expect_counts() {
	(cd "$1" && find . -type f ! -name ".*" | awk -F/ "{ n[\$(NF-1)]++ } END { for (k in n) print k \"|\" n[k] }" | sort)
}

test_expect_success SHARED 'youyinnn: every file, per class and split, duplicates linked' '
	"$MASKCAT" import folder --name youyinnn "$SHARED_DATA/youyinnn" >out &&
	expect_counts "$SHARED_DATA/youyinnn" >want &&
	q "SELECT label, count(*) FROM images_v WHERE source = '"'"'youyinnn'"'"' GROUP BY label ORDER BY label" >got &&
	test_cmp want got &&
	for s in train test; do
		test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'youyinnn'"'"' AND split = '"'"'$s'"'"'")" \
		    "$(find "$SHARED_DATA/youyinnn/$s" -type f | wc -l | tr -d " ")" || return 1
	done &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'youyinnn'"'"' AND mask = '"'"'wear'"'"'")" \
	    "$(find "$SHARED_DATA/youyinnn" -type f \( -path "*cloth_mask/*" -o -path "*surgical_mask/*" -o -path "*n95_mask/*" \) | wc -l | tr -d " ")" &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'youyinnn'"'"' AND mask = '"'"'incorrect'"'"'")" \
	    "$(find "$SHARED_DATA/youyinnn" -type f -path "*mask_worn_incorrectly/*" | wc -l | tr -d " ")" &&
	files=$(find "$SHARED_DATA/youyinnn" -type f | wc -l) &&
	distinct=$(find "$SHARED_DATA/youyinnn" -type f -print0 | xargs -0 md5sum | cut -d" " -f1 | sort -u | wc -l) &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'youyinnn'"'"' AND dup_of IS NOT NULL")" $((files - distinct)) &&
	test_eq "$(q "SELECT count(*) FROM quarantine_v WHERE source = '"'"'youyinnn'"'"'")" 0
'

test_expect_success SHARED 'chandrikadeb7: dirty names, mismatched content, WebP quarantined' '
	test_expect_code 1 "$MASKCAT" import folder --name chandrika "$SHARED_DATA/chandrikadeb7" >out 2>err &&
	python3 - "$SHARED_DATA/chandrikadeb7" >want <<-\EOF &&
	import os, sys
	root = sys.argv[1]
	count, webp, mism = {}, [], 0
	for d, _, fs in os.walk(root):
	    for f in fs:
	        b = open(os.path.join(d, f), "rb").read(16)
	        fmt = "jpeg" if b[:3] == b"\xff\xd8\xff" else "png" if b[:8] == b"\x89PNG\r\n\x1a\n" else "webp" if b[:4] == b"RIFF" and b[8:12] == b"WEBP" else "?"
	        cls = os.path.basename(d)
	        if fmt == "webp":
	            webp.append(os.path.relpath(os.path.join(d, f), root))
	            continue
	        count[cls] = count.get(cls, 0) + 1
	        ext = f.rsplit(".", 1)[-1].lower() if "." in f else ""
	        named = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png"}.get(ext)
	        mism += named != fmt
	for k in sorted(count):
	    print("class", k, count[k])
	for w in sorted(webp):
	    print("webp", w)
	print("warnings", mism)
	EOF
	{
		q "SELECT '"'"'class'"'"', label, count(*) FROM images_v WHERE source = '"'"'chandrika'"'"' GROUP BY label ORDER BY label" | tr "|" " " &&
		q "SELECT '"'"'webp'"'"', path FROM quarantine WHERE reason = '"'"'WebP images are not supported'"'"' ORDER BY path" | tr "|" " " &&
		echo "warnings $(grep -c "^maskcat: warning: " err)"
	} >got &&
	test_cmp want got &&
	test_eq "$(q "SELECT count(*) FROM quarantine q JOIN sources s ON s.id = q.source_id WHERE s.name = '"'"'chandrika'"'"'")" 3
'

test_expect_success SHARED 're-importing a real set is idempotent' '
	q "SELECT source_id, path, hash, label, mask, split, dup_of FROM images ORDER BY id" >before &&
	"$MASKCAT" import folder --name youyinnn "$SHARED_DATA/youyinnn" >out &&
	grep "(2140 unchanged" out &&
	q "SELECT source_id, path, hash, label, mask, split, dup_of FROM images ORDER BY id" >after &&
	test_cmp before after
'

test_expect_success SHARED 'import auto picks the layout of each real set' '
	for d in youyinnn chandrikadeb7 utkface maskon; do
		"$MASKCAT" --db auto.db import auto "$SHARED_DATA/$d" >/dev/null 2>err
		grep "^maskcat: import auto: .*holds the" err >>picked || return 1
	done &&
	sed "s|.*/||" picked >got &&
	cat >want <<-\EOF &&
	youyinnn'"'"' holds the folder layout
	chandrikadeb7'"'"' holds the folder layout
	utkface'"'"' holds the utkface layout
	maskon'"'"' holds the voc layout
	EOF
	test_cmp want got
'

test_done
