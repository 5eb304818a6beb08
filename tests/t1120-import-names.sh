#!/bin/sh
# Labels from file names: UTKFace and MaskedFace-Net; and csv manifests.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'utkface: age, gender and race from names; not_wear faces' '
	mkdir u &&
	"$MKIMG" jpeg u/61_0_2_20170109142408075.jpg.chip.jpg 20 20 &&
	"$MKIMG" jpeg u/25_1_0_20170109150557335.jpg 21 20 &&
	"$MKIMG" jpeg u/61_1_20170109142408075.jpg.chip.jpg 22 20 &&
	"$MKIMG" jpeg u/9_1_4_2017010915055733.jpg 23 20 &&
	test_expect_code 1 "$MASKCAT" import utkface u 2>err &&
	test_eq "$(q "SELECT path, mask, gender, age, age_bin, race, class FROM images_v ORDER BY path")" \
	    "25_1_0_20170109150557335.jpg|not_wear|female|25|<30|White|15
61_0_2_20170109142408075.jpg.chip.jpg|not_wear|male|61|60+|Asian|14" &&
	grep "^maskcat: error: .u/61_1_20170109142408075.jpg.chip.jpg.: name has 3 fields, expected <age>_<gender>_<race>_<datetime>$" err &&
	grep "^maskcat: error: .u/9_1_4_2017010915055733.jpg.: datetime .2017010915055733. is not 17 digits$" err
'

test_expect_success SHARED 'utkface: the real set, counted from the names independently' '
	test_expect_code 1 "$MASKCAT" import utkface --name utk "$SHARED_DATA/utkface" 2>err &&
	python3 - "$SHARED_DATA/utkface" >want <<-\EOF &&
	import os, re, sys
	ok = re.compile(r"^(\d+)_([01])_([0-4])_(\d{17})\.jpg\.chip\.jpg$")
	cells, bad3, baddt = {}, 0, 0
	for f in os.listdir(sys.argv[1]):
	    m = ok.match(f)
	    if not m:
	        if len(f.split(".")[0].split("_")) == 3: bad3 += 1
	        else: baddt += 1
	        continue
	    age = int(m.group(1)); b = 0 if age < 30 else 1 if age < 60 else 2
	    k = ("male", "female")[int(m.group(2))] + " " + ("<30", "30-59", "60+")[b]
	    cells[k] = cells.get(k, 0) + 1
	for k in sorted(cells): print(k, cells[k])
	print("three fields", bad3)
	print("datetime", baddt)
	EOF
	{
		q "SELECT gender || '"'"' '"'"' || age_bin, count(*) FROM images_v WHERE source = '"'"'utk'"'"' GROUP BY 1 ORDER BY 1" | tr "|" " " &&
		echo "three fields $(q "SELECT count(*) FROM quarantine_v WHERE source = '"'"'utk'"'"' AND reason LIKE '"'"'name has 3 fields%'"'"'")" &&
		echo "datetime $(q "SELECT count(*) FROM quarantine_v WHERE source = '"'"'utk'"'"' AND reason LIKE '"'"'datetime %'"'"'")"
	} >got &&
	test_cmp want got &&
	test_eq "$(q "SELECT count(*) FROM quarantine_v WHERE source = '"'"'utk'"'"'")" 8
'

test_expect_success 'maskedface: the name decides; the way is the subtype' '
	mkdir -p mf/cmfd/00000 mf/imfd/00001 &&
	"$MKIMG" jpeg mf/cmfd/00000/00000_Mask.jpg 30 30 &&
	"$MKIMG" jpeg mf/imfd/00001/00001_Mask_Chin.jpg 31 30 &&
	"$MKIMG" jpeg mf/imfd/00001/00001_Mask_Mouth_Chin.jpg 32 30 &&
	"$MKIMG" jpeg mf/imfd/00001/00001_Mask_Nose_Mouth.jpg 33 30 &&
	"$MKIMG" jpeg mf/imfd/00001/00001_Mask_Ear.jpg 34 30 &&
	test_expect_code 1 "$MASKCAT" import maskedface mf 2>err &&
	test_eq "$(q "SELECT path, mask, subtype FROM images_v WHERE source = '"'"'maskedface'"'"' ORDER BY path")" \
	    "cmfd/00000/00000_Mask.jpg|wear|Mask
imfd/00001/00001_Mask_Chin.jpg|incorrect|Mask_Chin
imfd/00001/00001_Mask_Mouth_Chin.jpg|incorrect|Mask_Mouth_Chin
imfd/00001/00001_Mask_Nose_Mouth.jpg|incorrect|Mask_Nose_Mouth" &&
	grep "^maskcat: error: .mf/imfd/00001/00001_Mask_Ear.jpg.: name is not <number>_Mask, _Mask_Chin, _Mask_Mouth_Chin or _Mask_Nose_Mouth$" err &&
	"$MASKCAT" --db a.db import auto mf 2>err >/dev/null; grep "holds the maskedface layout" err
'

test_expect_success 'csv: columns by name or number, persons, paths kept inside' '
	mkdir -p c/img &&
	"$MKIMG" jpeg c/img/a.jpg 20 20 && "$MKIMG" png c/img/b.png 21 20 &&
	printf "file,cls,sex,age,who\nimg/a.jpg,with_mask,f,33,p1\n\"img/b.png\",Non Mask,M,61,p1\n../x.jpg,with_mask,,,\nimg/c.jpg,with_mask,x,,\nimg/a.jpg,without_mask,,,\nimg/a.jpg,with_mask,,,\n" >c/m.csv &&
	test_expect_code 1 "$MASKCAT" import csv c/m.csv --path-col file --label-col cls \
	    --gender-col sex --age-col 4 --person-col who 2>err &&
	test_eq "$(q "SELECT path, label, mask, gender, age, person FROM images_v WHERE source = '"'"'csv'"'"' ORDER BY path")" \
	    "img/a.jpg|with_mask|wear|female|33|p1
img/b.png|Non Mask|not_wear|male|61|p1" &&
	grep "^maskcat: error: .c/m.csv:4.: path .../x.jpg. is empty, absolute or leaves the manifest.s folder$" err &&
	grep "^maskcat: error: .c/m.csv:5.: unknown gender .x.$" err &&
	grep "^maskcat: error: .c/m.csv:6.: .img/a.jpg. is already listed on line 2$" err &&
	grep "^maskcat: error: .c/m.csv:7.: .img/a.jpg. is already listed on line 2$" err &&
	test_expect_code 1 "$MASKCAT" import csv c/m.csv --path-col nope --label-col cls 2>err &&
	grep "no column .nope. for --path-col" err &&
	test_expect_code 1 "$MASKCAT" import csv c/m.csv 2>err &&
	grep "import csv needs --path-col and --label-col" err
'

test_done
