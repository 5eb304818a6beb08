#!/bin/sh
# maskcat export on the real public data in ../shared/data: face boxes
# cut from VOC images, augmented families kept together, dirty files.
. "$(dirname "$0")/test-lib.sh"

rows() { sed 1d "$1" | wc -l | tr -d ' '; }
col() {
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
	    { print $c }' "$2"
}

test_expect_success SHARED 'maskon (VOC): one file per labelled face box, cut and resized' '
	"$MASKCAT" import voc --name maskon "$SHARED_DATA/maskon" >/dev/null 2>&1;
	test "$(q "SELECT count(*) FROM boxes")" -gt 4000 &&
	"$MASKCAT" export faces --source maskon --classes mask --size 64x64 --seed 3 >rep &&
	test_eq "$(( $(rows faces/train.csv) + $(rows faces/valid.csv) ))" \
	    "$(q "SELECT count(*) FROM samples s JOIN sources o ON o.id = s.source_id
	        WHERE o.name = '\''maskon'\'' AND s.mask IS NOT NULL")" &&
	"$MKIMG" probe $(col path faces/valid.csv | sed "s|^|faces/|") | awk "{ print \$3 }" | sort -u >sizes &&
	echo 64x64 >want && test_cmp want sizes &&
	col box faces/train.csv | grep -c "^[0-9]* [0-9]* [0-9]* [0-9]*$" >nb &&
	test_eq "$(cat nb)" "$(col box faces/train.csv | grep -c .)"
'

test_expect_success SHARED 'maskon: the boxes of one image never straddle the split' '
	col image_id faces/train.csv | sort -u >ti && col image_id faces/valid.csv | sort -u >vi &&
	test_eq "$(comm -12 ti vi | wc -l | tr -d " ")" 0 &&
	grep "^leakage: 0 persons, 0 duplicate clusters, 0 images on two sides$" rep &&
	"$MASKCAT" verify faces >/dev/null
'

test_expect_success SHARED 'maskon: a face box at the image edge keeps its pixels (margin clipped)' '
	"$MASKCAT" export faces-keep --source maskon --classes mask --margin 0 --seed 3 >/dev/null &&
	awk -F, "NR > 1 && \$11 != \"\" { split(\$11, b, \" \"); print \$1, b[3] - b[1], b[4] - b[2]; exit }" \
	    faces-keep/train.csv >first &&
	read p w h <first &&
	"$MKIMG" probe "faces-keep/$p" | grep " ${w}x${h} "
'

test_expect_success SHARED 'youyinnn: augmented copies (_aug_k) stay with their photo; check-split agrees' '
	"$MASKCAT" import folder --name youyinnn "$SHARED_DATA/youyinnn" >/dev/null &&
	"$MASKCAT" export y --source youyinnn --classes mask --size 64x64 --seed 9 >rep &&
	grep "^leakage: 0 persons, 0 duplicate clusters, 0 images on two sides$" rep &&
	"$MASKCAT" check-split y/train.csv y/valid.csv --path-col original --source youyinnn >cs &&
	grep "^no leakage$" cs &&
	n=$(sed -n "s/.*\"duplicate_clusters\": \([0-9]*\),$/\1/p" y/split_report.json) &&
	test "$n" -gt 50
'

test_expect_success SHARED 'chandrikadeb7: every imported dirty file (16-bit, palette, CMYK...) exports' '
	"$MASKCAT" import folder --name chandrika "$SHARED_DATA/chandrikadeb7" >/dev/null 2>&1;
	n=$(q "SELECT count(*) FROM samples s JOIN sources o ON o.id = s.source_id WHERE o.name = '\''chandrika'\''") &&
	test "$n" -gt 1000 &&
	"$MASKCAT" export c --source chandrika --classes mask --size 96x96 --crop center --format png >/dev/null &&
	test_eq "$(( $(rows c/train.csv) + $(rows c/valid.csv) ))" "$n" &&
	"$MASKCAT" verify c >/dev/null
'

test_expect_success SHARED 'utkface (no masks: imported as not_wear): 18-class folders 12-17, duplicates kept together' '
	"$MASKCAT" import utkface --name utk "$SHARED_DATA/utkface" >/dev/null 2>&1;
	"$MASKCAT" export u --source utk --size 32x32 --seed 1 >rep &&
	ls u/train | tr "\n" " " >dirs && printf "12 13 14 15 16 17 " >want && test_cmp want dirs &&
	grep "^leakage: 0 persons, 0 duplicate clusters, 0 images on two sides$" rep &&
	n=$(sed -n "s/.*\"duplicate_clusters\": \([0-9]*\),$/\1/p" u/split_report.json) &&
	test "$n" -gt 0 &&
	"$MASKCAT" check-split u/train.csv u/valid.csv --path-col original --source utk >cs &&
	grep "^no leakage$" cs
'

test_done
