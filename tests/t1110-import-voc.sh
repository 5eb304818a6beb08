#!/bin/sh
# import voc: PASCAL VOC images/ + annotations/ into images and face boxes;
# every unusable annotation or image is quarantined with its reason.
. "$(dirname "$0")/test-lib.sh"

# voc_xml FILE IMAGE W H [OBJECT...]: writes an annotation shaped like the
# real ones (no declaration, a leading newline).  Each OBJECT is
# "name xmin ymin xmax ymax [difficult [truncated]]".
voc_xml() {
	vf=$1 vimg=$2 vw=$3 vh=$4
	shift 4
	{
		printf '\n<annotation>\n\t<folder>images</folder>\n'
		printf '\t<filename>%s</filename>\n' "$vimg"
		printf '\t<size>\n\t\t<width>%s</width>\n\t\t<height>%s</height>\n' "$vw" "$vh"
		printf '\t\t<depth>3</depth>\n\t</size>\n\t<segmented>0</segmented>\n'
		for vo; do
			set -- $vo
			printf '\t<object>\n\t\t<name>%s</name>\n' "$1"
			printf '\t\t<pose>Unspecified</pose>\n'
			printf '\t\t<truncated>%s</truncated>\n' "${7:-0}"
			printf '\t\t<difficult>%s</difficult>\n\t\t<bndbox>\n' "${6:-0}"
			printf '\t\t\t<xmin>%s</xmin>\n\t\t\t<ymin>%s</ymin>\n' "$2" "$3"
			printf '\t\t\t<xmax>%s</xmax>\n\t\t\t<ymax>%s</ymax>\n' "$4" "$5"
			printf '\t\t</bndbox>\n\t</object>\n'
		done
		printf '</annotation>\n'
	} >"$vf"
}

# voc_img FILE KIND W H: an image made unique by its name appended after
# the end-of-image marker (no byte-identical duplicates).
voc_img() {
	"$MKIMG" "$2" "$1" "$3" "$4" && printf '%s' "$1" >>"$1"
}

# reason PATH [SOURCE]: the quarantine reason recorded for PATH.
reason() {
	q "SELECT reason FROM quarantine_v WHERE path = '$1' AND source = '${2:-voc}'"
}

# boxes PATH [SOURCE]: "x0,y0,x1,y1,clipped,label,mask,difficult,truncated"
# of each box of PATH, in annotation order.
boxes() {
	q "SELECT x0, y0, x1, y1, clipped, label, mask, difficult, truncated
	    FROM boxes_v WHERE path = '$1' AND source = '${2:-voc}' ORDER BY idx" |
	    tr '|' ','
}

test_expect_success 'a crafted VOC set: good images get their boxes, the rest is quarantined' '
	mkdir -p voc/images voc/annotations &&
	voc_img voc/images/a.jpg jpeg 40 30 &&
	voc_xml voc/annotations/a.xml a.jpg 40 30 "with_mask 1 1 10 10" \
	    "without_mask 5 5 41 30 1" "mask_weared_incorrect 2.0 3.5 20.4 29" &&
	voc_img voc/images/b.png png 20 20 &&
	voc_xml voc/annotations/b.xml b.jpg 20 20 "con_mascarilla 1 1 20 20 0 1" &&
	voc_img voc/images/c.jpg jpeg 8 8 &&
	voc_xml voc/annotations/d.xml d.png 8 8 "with_mask 1 1 5 5" &&
	voc_img voc/images/e.jpg jpeg 8 8 &&
	voc_xml voc/annotations/e.xml f.jpg 8 8 "with_mask 1 1 5 5" &&
	voc_img voc/images/f.jpg jpeg 8 8 &&
	voc_xml voc/annotations/f.xml f.jpg 8 8 "sin_mascarilla 1 1 5 5" &&
	voc_xml voc/annotations/copy.xml f.jpg 8 8 "with_mask 1 1 5 5" &&
	voc_img voc/images/g.jpg jpeg 8 8 &&
	printf "\n<annotation>\n<filename>g.jpg</filename>\n<object><name>x</nam>\n" >voc/annotations/g.xml &&
	voc_img voc/images/h.jpg jpeg 8 8 &&
	voc_xml voc/annotations/h.xml h.jpg 8 8 &&
	voc_img voc/images/i.jpg jpeg 8 8 &&
	printf "<!DOCTYPE annotation [\n<!ENTITY lol \"lol\">\n<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n]>\n<annotation><filename>&lol2;</filename></annotation>\n" >voc/annotations/i.xml &&
	voc_img voc/images/j.jpg jpeg 8 8 &&
	printf "<!DOCTYPE annotation [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n<annotation><filename>j.jpg</filename><object><name>&x;</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>\n" >voc/annotations/j.xml &&
	voc_img voc/images/k.jpg jpeg 40 30 &&
	voc_xml voc/annotations/k.xml k.jpg 40 30 "with_mask 100 100 120 120" "with_mask 1 1 5 5" \
	    "with_mask 9 9 3 3" "without_mask 2 2 6 7" &&
	voc_img voc/images/n.jpg jpeg 16 16 &&
	voc_xml voc/annotations/renamed.xml n.jpg 16 16 "without_mask 2 2 9 9" &&
	echo "with_mask without_mask" >voc/annotations/classes.txt &&
	printf x >voc/images/.DS_Store &&
	test_expect_code 1 "$MASKCAT" import voc voc >out 2>err &&
	grep "^imported 5 images of 0 persons from .voc. as source .voc. (0 unchanged, 16 quarantined, 0 warnings, 0 removed, 1 dot-files skipped)$" out &&
	grep "^8 face boxes, 0 ignored by the label map, 0 byte-identical" out &&
	test_eq "$(wc -l <err | tr -d " ")" 16 &&
	test_eq "$(q "SELECT group_concat(path) FROM (SELECT path FROM images ORDER BY path)")" \
	    "images/a.jpg,images/b.png,images/f.jpg,images/k.jpg,images/n.jpg" &&
	test_eq "$(q "SELECT count(*) FROM images WHERE split IS NOT NULL OR label IS NOT NULL OR mask IS NOT NULL")" 0
'

test_expect_success 'boxes: VOC corners become pixel edges; decimals round; flags kept' '
	boxes images/a.jpg >got &&
	cat >want <<-\EOF &&
	0,0,10,10,0,with_mask,wear,0,0
	4,4,40,30,1,without_mask,not_wear,1,0
	1,3,20,29,0,mask_weared_incorrect,incorrect,0,0
	EOF
	test_cmp want got &&
	test_eq "$(boxes images/b.png)" "0,0,20,20,0,con_mascarilla,wear,0,1" &&
	test_eq "$(boxes images/f.jpg)" "0,0,5,5,0,sin_mascarilla,not_wear,0,0" &&
	test_eq "$(boxes images/n.jpg)" "1,1,9,9,0,without_mask,not_wear,0,0" &&
	test_eq "$(q "SELECT group_concat(mask || '"'"':'"'"' || n) FROM (SELECT mask, count(*) AS n
	    FROM boxes_v GROUP BY mask ORDER BY mask)")" "incorrect:1,not_wear:4,wear:3"
'

test_expect_success 'a box wholly outside the image is quarantined, the rest of the image stays' '
	test_eq "$(reason "images/k.jpg#0")" "box 100,100-120,120 lies outside the 40x30 image" &&
	test_eq "$(reason "images/k.jpg#2")" "box 9,9-3,3 has its corners the wrong way round" &&
	test_eq "$(boxes images/k.jpg)" "0,0,5,5,0,with_mask,wear,0,0
1,1,6,7,0,without_mask,not_wear,0,0" &&
	test_eq "$(q "SELECT group_concat(idx) FROM (SELECT idx FROM boxes_v WHERE path = '"'"'images/k.jpg'"'"' ORDER BY idx)")" "1,3"
'

test_expect_success 'each unusable file has its exact reason' '
	test_eq "$(reason images/c.jpg)" "no annotation file" &&
	test_eq "$(reason annotations/d.xml)" "annotation for '"'"'d.png'"'"', which is not in images/" &&
	test_eq "$(reason annotations/e.xml)" "annotation names '"'"'f.jpg'"'"' but is called '"'"'e.xml'"'"'" &&
	test_eq "$(reason images/e.jpg)" "not imported: its annotation '"'"'annotations/e.xml'"'"' was refused" &&
	test_eq "$(reason annotations/copy.xml)" "annotation for '"'"'f.jpg'"'"', which '"'"'annotations/f.xml'"'"' annotates too" &&
	test_eq "$(reason annotations/g.xml)" "malformed XML at line 4: mismatched tag" &&
	test_eq "$(reason images/g.jpg)" "not imported: its annotation '"'"'annotations/g.xml'"'"' was refused" &&
	test_eq "$(reason annotations/h.xml)" "annotation has no <object>" &&
	test_eq "$(reason images/h.jpg)" "not imported: its annotation '"'"'annotations/h.xml'"'"' was refused" &&
	test_eq "$(reason annotations/i.xml)" "XML declares entity '"'"'lol'"'"'; entities are refused" &&
	test_eq "$(reason annotations/j.xml)" "XML declares entity '"'"'x'"'"'; entities are refused" &&
	test_eq "$(reason annotations/classes.txt)" "not an annotation: a .xml file was expected" &&
	grep "^maskcat: error: .voc/annotations/e.xml.: annotation names .f.jpg. but is called .e.xml.$" err &&
	grep "^maskcat: error: .voc/images/c.jpg.: no annotation file$" err
'

test_expect_success 'an external entity is never read' '
	! grep -q "root:" err &&
	! sqlite3 "$MASKCAT_DB" .dump | grep -q "root:"
'

test_expect_success 're-importing the same folder changes no row' '
	q "SELECT id, source_id, path, bytes, mtime_ns, hash, format, width, height, channels, mask, label, subtype, split, status, dup_of FROM images ORDER BY id" >before-images &&
	q "SELECT image_id, idx, x0, y0, x1, y1, clipped, label, mask, difficult, truncated
	    FROM boxes ORDER BY image_id, idx" >before-boxes &&
	q "SELECT path, reason FROM quarantine ORDER BY path" >before-q &&
	test_expect_code 1 "$MASKCAT" import voc voc >out 2>err &&
	grep "(5 unchanged, 16 quarantined" out &&
	q "SELECT id, source_id, path, bytes, mtime_ns, hash, format, width, height, channels, mask, label, subtype, split, status, dup_of FROM images ORDER BY id" >after-images &&
	q "SELECT image_id, idx, x0, y0, x1, y1, clipped, label, mask, difficult, truncated
	    FROM boxes ORDER BY image_id, idx" >after-boxes &&
	q "SELECT path, reason FROM quarantine ORDER BY path" >after-q &&
	test_cmp before-images after-images &&
	test_cmp before-boxes after-boxes &&
	test_cmp before-q after-q
'

test_expect_success 'the folder holding the layout, and a zip of it, import alike' '
	mkdir wrap && cp -R voc wrap/voc &&
	test_expect_code 1 "$MASKCAT" import voc --name wrapped wrap >out 2>err &&
	grep "^imported 5 images .* 16 quarantined" out &&
	grep "^maskcat: error: .wrap/voc/images/c.jpg.: no annotation file$" err &&
	(cd wrap && python3 -c "
import os, zipfile
with zipfile.ZipFile(\"../voc.zip\", \"w\") as z:
    for d, _, fs in sorted(os.walk(\"voc\")):
        for f in sorted(fs):
            z.write(os.path.join(d, f))
") &&
	test_expect_code 1 "$MASKCAT" import voc --name zipped voc.zip >out 2>err &&
	grep "^imported 5 images .* 16 quarantined" out &&
	grep "^maskcat: error: .voc.zip:voc/images/c.jpg.: no annotation file$" err &&
	for s in wrapped zipped; do
		test_eq "$(boxes images/a.jpg $s)" "$(boxes images/a.jpg)" &&
		test_eq "$(reason annotations/g.xml $s)" "malformed XML at line 4: mismatched tag" || return 1
	done &&
	test_eq "$(q "SELECT prefix FROM sources WHERE name = '"'"'zipped'"'"'")" "voc/"
'

test_expect_success 'two images with one stem: <filename> decides, or nothing does' '
	mkdir -p stems/images stems/annotations &&
	voc_img stems/images/p.jpg jpeg 8 8 && voc_img stems/images/p.png png 8 8 &&
	voc_xml stems/annotations/p.xml p.jpg 8 8 "with_mask 1 1 5 5" &&
	voc_img stems/images/q.jpg jpeg 8 8 && voc_img stems/images/q.png png 8 8 &&
	voc_xml stems/annotations/q.xml q.gif 8 8 "with_mask 1 1 5 5" &&
	test_expect_code 1 "$MASKCAT" import voc --name stems stems >out 2>err &&
	grep "^imported 1 images .* 4 quarantined" out &&
	test_eq "$(boxes images/p.jpg stems)" "0,0,5,5,0,with_mask,wear,0,0" &&
	test_eq "$(reason images/p.png stems)" "no annotation file" &&
	test_eq "$(reason annotations/q.xml stems)" "annotation for '"'"'q.gif'"'"', which is not in images/, and 2 images share its stem" &&
	test_eq "$(reason images/q.jpg stems)" "not imported: its annotation '"'"'annotations/q.xml'"'"' was refused" &&
	test_eq "$(reason images/q.png stems)" "not imported: its annotation '"'"'annotations/q.xml'"'"' was refused"
'

test_expect_success 'a folder without the layout is refused' '
	mkdir -p bare/images &&
	test_expect_code 1 "$MASKCAT" import voc bare 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot find the folders '"'"'images'"'"' and '"'"'annotations'"'"' in '"'"'bare'"'"' or in a folder inside it" &&
	mkdir -p two/x/images two/x/annotations two/y/images two/y/annotations &&
	test_expect_code 1 "$MASKCAT" import voc two 2>err &&
	grep "^maskcat: error: .two. holds more than one VOC layout (.x., .y.): import each folder by itself$" err
'

test_expect_success 'an object name outside the label map stops the import' '
	mkdir -p helmet/images helmet/annotations &&
	voc_img helmet/images/a.jpg jpeg 16 16 &&
	voc_xml helmet/annotations/a.xml a.jpg 16 16 "helmet 1 1 4 4" "with_mask 2 2 9 9" &&
	test_expect_code 1 "$MASKCAT" import voc --name helmet helmet 2>err &&
	grep "unknown labels .helmet. (1)" err &&
	test_eq "$(q "SELECT count(*) FROM sources WHERE name = '"'"'helmet'"'"'")" 0 &&
	"$MASKCAT" import voc --name helmet --map helmet=ignore helmet >out &&
	grep "^1 face boxes, 1 ignored by the label map" out &&
	test_eq "$(boxes images/a.jpg helmet)" "1,1,9,9,0,with_mask,wear,0,0"
'

# The real data: every count is taken from the XML files here, not from
# the program.
M=$SHARED_DATA/maskon

test_expect_success SHARED 'maskon: images, boxes and the three images without XML' '
	test_expect_code 1 "$MASKCAT" import voc --name maskon "$M" >out 2>err &&
	ls "$M/images" | sed "s/\.[^.]*\$//" | sort >img-stems &&
	ls "$M/annotations" | sed -n "s/\.xml\$//p" | sort >xml-stems &&
	comm -23 img-stems xml-stems >bare-stems &&
	test_eq "$(wc -l <img-stems | tr -d " ")" 933 &&
	test_eq "$(wc -l <xml-stems | tr -d " ")" 930 &&
	test_eq "$(comm -13 img-stems xml-stems | wc -l | tr -d " ")" 0 &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'maskon'"'"'")" \
	    "$(comm -12 img-stems xml-stems | wc -l | tr -d " ")" &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE source = '"'"'maskon'"'"'")" 930 &&
	q "SELECT path || '"'"': '"'"' || reason FROM quarantine_v WHERE source = '"'"'maskon'"'"' ORDER BY path" >got &&
	sed "s|^\\(.*\\)\$|images/\\1.jpg: no annotation file|" bare-stems >want &&
	test_cmp want got &&
	cat >want <<-\EOF &&
	images/05078_Mask_Nose_Mouth.jpg: no annotation file
	images/05142_Mask_Nose_Mouth.jpg: no annotation file
	images/05147_Mask_Nose_Mouth.jpg: no annotation file
	EOF
	test_cmp want got &&
	test_eq "$(wc -l <err | tr -d " ")" 3
'

test_expect_success SHARED 'maskon: boxes per object name and per mask state match the XML' '
	cat "$M"/annotations/*.xml | grep -c "<object>" >objects &&
	cat "$M"/annotations/*.xml | sed -n "s|^[[:space:]]*<name>\\(.*\\)</name>[[:space:]]*\$|\\1|p" |
	    sort | uniq -c | awk "{ print \$2 \"|\" \$1 }" >want &&
	test_eq "$(awk -F"|" "{ n += \$2 } END { print n }" want)" "$(cat objects)" &&
	q "SELECT b.label, count(*) FROM boxes b JOIN images i ON i.id = b.image_id
	    JOIN sources s ON s.id = i.source_id WHERE s.name = '"'"'maskon'"'"'
	    GROUP BY b.label ORDER BY b.label" >got &&
	test_cmp want got &&
	printf "con_mascarilla|3252\nmascarilla_mal_puesta|180\nsin_mascarilla|717\n" >readme &&
	test_cmp readme got &&
	sed -e "s/^con_mascarilla|/wear|/" -e "s/^mascarilla_mal_puesta|/incorrect|/" \
	    -e "s/^sin_mascarilla|/not_wear|/" want | sort >want-mask &&
	q "SELECT mask, count(*) FROM boxes_v WHERE source = '"'"'maskon'"'"'
	    GROUP BY mask ORDER BY mask" >got-mask &&
	test_cmp want-mask got-mask &&
	grep "^$(cat objects) face boxes" out
'

test_expect_success SHARED 'maskon: boxes past the edge are clipped, as the XML sizes say' '
	for f in "$M"/annotations/*.xml; do
		awk "
		/<width>/ { gsub(/[^0-9]/, \"\"); w = \$0 + 0 }
		/<height>/ { gsub(/[^0-9]/, \"\"); h = \$0 + 0 }
		/<xmin>/ { gsub(/[^0-9]/, \"\"); x0 = \$0 + 0 }
		/<ymin>/ { gsub(/[^0-9]/, \"\"); y0 = \$0 + 0 }
		/<xmax>/ { gsub(/[^0-9]/, \"\"); x1 = \$0 + 0 }
		/<ymax>/ { gsub(/[^0-9]/, \"\"); y1 = \$0 + 0 }
		/<\/bndbox>/ { if (x0 < 1 || y0 < 1 || x1 > w || y1 > h) n++ }
		END { print n + 0 }" "$f" || return 1
	done | awk "{ n += \$1 } END { print n }" >want &&
	test_eq "$(q "SELECT sum(clipped) FROM boxes_v WHERE source = '"'"'maskon'"'"'")" "$(cat want)" &&
	test_eq "$(cat want)" 12 &&
	test_eq "$(q "SELECT count(*) FROM boxes_v b JOIN images i ON i.path = b.path
	    WHERE b.source = '"'"'maskon'"'"' AND (b.x1 > i.width OR b.y1 > i.height)")" 0
'

test_expect_success SHARED 'maskon: a re-import is idempotent' '
	q "SELECT id, source_id, path, bytes, mtime_ns, hash, format, width, height, channels, mask, label, subtype, split, status, dup_of FROM images ORDER BY id" >before-images &&
	q "SELECT image_id, idx, x0, y0, x1, y1, clipped, label, mask, difficult, truncated
	    FROM boxes ORDER BY image_id, idx" >before-boxes &&
	q "SELECT path, reason FROM quarantine ORDER BY id" >before-q &&
	test_expect_code 1 "$MASKCAT" import voc --name maskon "$M" >out 2>err &&
	grep "^imported 930 images .*(930 unchanged, 3 quarantined, 0 warnings, 0 removed" out &&
	q "SELECT id, source_id, path, bytes, mtime_ns, hash, format, width, height, channels, mask, label, subtype, split, status, dup_of FROM images ORDER BY id" >after-images &&
	q "SELECT image_id, idx, x0, y0, x1, y1, clipped, label, mask, difficult, truncated
	    FROM boxes ORDER BY image_id, idx" >after-boxes &&
	q "SELECT path, reason FROM quarantine ORDER BY id" >after-q &&
	test_cmp before-images after-images &&
	test_cmp before-boxes after-boxes &&
	test_cmp before-q after-q
'

test_done
