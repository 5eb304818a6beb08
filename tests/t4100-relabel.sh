#!/bin/sh
# maskcat relabel: corrections of person, image and face box labels in the
# catalog, with history, undo, re-application after re-imports, and the
# reports counting them; the source files are never touched.
. "$(dirname "$0")/test-lib.sh"

# voc_xml FILE IMAGE W H OBJECT...: a VOC annotation (as t1110 writes
# them); each OBJECT is "name xmin ymin xmax ymax".
voc_xml() {
	vf=$1 vimg=$2 vw=$3 vh=$4
	shift 4
	{
		printf '\n<annotation>\n\t<folder>images</folder>\n'
		printf '\t<filename>%s</filename>\n' "$vimg"
		printf '\t<size>\n\t\t<width>%s</width>\n\t\t<height>%s</height>\n' "$vw" "$vh"
		printf '\t\t<depth>3</depth>\n\t</size>\n'
		for vo; do
			set -- $vo
			printf '\t<object>\n\t\t<name>%s</name>\n\t\t<bndbox>\n' "$1"
			printf '\t\t\t<xmin>%s</xmin>\n\t\t\t<ymin>%s</ymin>\n' "$2" "$3"
			printf '\t\t\t<xmax>%s</xmax>\n\t\t\t<ymax>%s</ymax>\n' "$4" "$5"
			printf '\t\t</bndbox>\n\t</object>\n'
		done
		printf '</annotation>\n'
	} >"$vf"
}

# cls FILE N: "images,persons" of class N in an imbalance CSV.
cls() {
	awk -F, -v c="$2" '$1 == c { print $5 "," $6 }' "$1"
}

# person AGE_LO AGE_HI GENDER: the folder of the first person of the
# sample of that gender with an age in [AGE_LO, AGE_HI].
person() {
	sed 1d s/train/train.csv | awk -F, -v lo="$1" -v hi="$2" -v g="$3" \
	    '$2 == g && $4 >= lo && $4 <= hi { print $5; exit }'
}

# photo FOLDER NAME: the catalogued path of one photo of a person.
photo() {
	q "SELECT path FROM images_v WHERE person = '$1' AND path LIKE '%/$2.%'"
}

# err_is WANT: the error output (file err) is exactly this line.
err_is() {
	test_eq "$(cat err)" "maskcat: error: $1"
}

test_expect_success 'set up: a synthetic base sample; a copy of its files' '
	"$MASKCAT" synth s --persons 20 --seed 3 --eval 0 >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null &&
	cp s/train/train.csv train.csv.orig &&
	(cd s && find . -type f | sort | xargs cksum) >files.orig &&
	"$MASKCAT" report imbalance --format csv >before.csv &&
	F=$(person 30 59 female) && test -n "$F" &&
	Y=$(person 0 29 male) && test -n "$Y" &&
	echo "F=$F Y=$Y" >vars
'
. ./vars 2>/dev/null

test_expect_success 'nothing to list yet; reports say nothing of corrections' '
	"$MASKCAT" relabel --list >out &&
	test_eq "$(cat out)" "no label corrections active (--all shows undone ones)" &&
	"$MASKCAT" report imbalance >out &&
	! grep correction out &&
	"$MASKCAT" info >out &&
	! grep correction out &&
	"$MASKCAT" report imbalance --format json | grep "^  \"corrections\": 0,$"
'

test_expect_success 'a person gender correction changes the person and its 7 images' '
	"$MASKCAT" relabel --person "$F" --field gender --value male \
	    --reason "beard in every photo" >out &&
	test_eq "$(cat out)" "correction #1: person '"'"'$F'"'"' gender female -> male" &&
	test_eq "$(q "SELECT gender FROM persons_v WHERE folder = '"'"'$F'"'"'")" male &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE person = '"'"'$F'"'"' AND gender = '"'"'male'"'"'")" 7 &&
	test_eq "$(q "SELECT group_concat(class) FROM (SELECT class FROM images_v
	    WHERE person = '"'"'$F'"'"' ORDER BY class)")" "1,1,1,1,1,7,13" &&
	test_eq "$(q "SELECT group_concat(label) FROM (SELECT label FROM images_v
	    WHERE person = '"'"'$F'"'"' ORDER BY path)")" \
	    "incorrect_mask,mask1,mask2,mask3,mask4,mask5,normal"
'

test_expect_success 'the imbalance report counts the corrected classes' '
	"$MASKCAT" report imbalance --format csv >after.csv &&
	for c in 1 4 7 10 13 16; do
		b=$(cls before.csv $c) && a=$(cls after.csv $c) &&
		bi=${b%,*} bp=${b#*,} ai=${a%,*} ap=${a#*,} &&
		case $c in
		1) test_eq "$ai,$ap" "$((bi + 5)),$((bp + 1))" ;;
		4) test_eq "$ai,$ap" "$((bi - 5)),$((bp - 1))" ;;
		7|13) test_eq "$ai,$ap" "$((bi + 1)),$((bp + 1))" ;;
		10|16) test_eq "$ai,$ap" "$((bi - 1)),$((bp - 1))" ;;
		esac || exit 1
	done &&
	"$MASKCAT" report imbalance >out &&
	sed -n 2p out >line &&
	test_eq "$(cat line)" "1 label correction applied (maskcat relabel --list)" &&
	"$MASKCAT" report imbalance --format json | grep "^  \"corrections\": 1,$" &&
	"$MASKCAT" report imbalance --format csv >csv &&
	! grep correction csv
'

test_expect_success 'an image mask correction changes that image only' '
	p=$(photo "$F" mask1) &&
	"$MASKCAT" relabel --image "$p" --field mask --value not_wear --reason "mask off" >out &&
	test_eq "$(cat out)" "correction #2: image '"'"'$p'"'"' mask wear -> not_wear" &&
	test_eq "$(q "SELECT mask || '"'"' '"'"' || class FROM images_v WHERE path = '"'"'$p'"'"'")" "not_wear 13" &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE person = '"'"'$F'"'"' AND mask = '"'"'not_wear'"'"'")" 2
'

test_expect_success 'an age correction moves the age bin and the class' '
	age=$(q "SELECT age FROM persons WHERE folder = '"'"'$Y'"'"'") &&
	"$MASKCAT" relabel --person "$Y" --field age --value 64 --reason "grey hair" >out &&
	test_eq "$(cat out)" "correction #3: person '"'"'$Y'"'"' age $age -> 64" &&
	test_eq "$(q "SELECT age FROM persons WHERE folder = '"'"'$Y'"'"'")" 64 &&
	test_eq "$(q "SELECT DISTINCT age || '"'"' '"'"' || age_bin FROM images_v WHERE person = '"'"'$Y'"'"'")" "64 60+" &&
	test_eq "$(q "SELECT group_concat(class) FROM (SELECT class FROM images_v
	    WHERE person = '"'"'$Y'"'"' ORDER BY class)")" "2,2,2,2,2,8,14"
'

test_expect_success 'a face box correction on a VOC source' '
	mkdir -p voc/images voc/annotations &&
	"$MKIMG" jpeg voc/images/a.jpg 40 30 &&
	voc_xml voc/annotations/a.xml a.jpg 40 30 "with_mask 1 1 10 10" \
	    "without_mask 12 2 30 20" &&
	"$MASKCAT" import voc voc >/dev/null &&
	"$MASKCAT" relabel --source voc --image images/a.jpg --box 1 --field mask \
	    --value incorrect --reason "nose out" >out &&
	test_eq "$(cat out)" "correction #4: image '"'"'images/a.jpg'"'"' box 1 mask not_wear -> incorrect" &&
	test_eq "$(q "SELECT group_concat(mask) FROM (SELECT mask FROM boxes_v WHERE source = '"'"'voc'"'"' ORDER BY idx)")" \
	    "wear,incorrect" &&
	test_eq "$(q "SELECT label FROM boxes_v WHERE source = '"'"'voc'"'"' AND idx = 1")" without_mask
'

test_expect_success 'an image without a person takes gender and age corrections' '
	"$MASKCAT" relabel --source voc --image images/a.jpg --field age --value 70 \
	    --reason "both faces old" >out &&
	test_eq "$(cat out)" "correction #5: image '"'"'images/a.jpg'"'"' age ? -> 70" &&
	test_eq "$(q "SELECT age || '"'"' '"'"' || age_bin FROM images_v WHERE source = '"'"'voc'"'"'")" "70 60+"
'

test_expect_success 'errors: unknown targets, fields that do not apply, values already there' '
	test_expect_code 1 "$MASKCAT" relabel --source base --person 000123_female_Asian_45 \
	    --field gender --value male --reason x 2>err &&
	err_is "no person '"'"'000123_female_Asian_45'"'"' in source '"'"'base'"'"'" &&
	test_expect_code 1 "$MASKCAT" relabel --source voc --image x.jpg --field mask \
	    --value wear --reason x 2>err &&
	err_is "no image '"'"'x.jpg'"'"' in source '"'"'voc'"'"'" &&
	test_expect_code 1 "$MASKCAT" relabel --source voc --image images/a.jpg --box 3 \
	    --field mask --value wear --reason x 2>err &&
	err_is "image '"'"'images/a.jpg'"'"' has no face box 3" &&
	test_expect_code 1 "$MASKCAT" relabel --source base --person "$F" --field mask \
	    --value wear --reason x 2>err &&
	err_is "a person has no mask state (it is per photo): correct an image with --image PATH" &&
	test_expect_code 1 "$MASKCAT" relabel --source voc --image images/a.jpg --box 0 \
	    --field gender --value male --reason x 2>err &&
	err_is "a face box has only a mask state: correct the gender of its image or person" &&
	test_expect_code 1 "$MASKCAT" relabel --source voc --image images/a.jpg \
	    --field mask --value wear --reason x 2>err &&
	err_is "image '"'"'images/a.jpg'"'"' has 2 face boxes, which hold its mask states: correct one with --box N" &&
	p=$(photo "$F" mask2) &&
	test_expect_code 1 "$MASKCAT" relabel --source base --image "$p" \
	    --field age --value 20 --reason x 2>err &&
	err_is "image '"'"'$p'"'"' belongs to person '"'"'$F'"'"': correct its age with --person '"'"'$F'"'"'" &&
	test_expect_code 1 "$MASKCAT" relabel --source base --person "$F" --field gender \
	    --value male --reason x 2>err &&
	err_is "person '"'"'$F'"'"' is already male" &&
	test_expect_code 1 "$MASKCAT" relabel --source voc --image images/a.jpg --box 0 \
	    --field mask --value wear --reason x 2>err &&
	err_is "image '"'"'images/a.jpg'"'"' box 0 is already wear" &&
	test_expect_code 1 "$MASKCAT" relabel --person "$F" --field gender \
	    --value female --reason x 2>err &&
	err_is "the catalog has 2 sources; say which with --source NAME (see maskcat info)" &&
	test_expect_code 1 "$MASKCAT" relabel --source nosuch --person "$F" --field gender \
	    --value female --reason x 2>err &&
	err_is "no source named '"'"'nosuch'"'"' in the catalog (see maskcat info)" &&
	test_eq "$(q "SELECT count(*) FROM corrections")" 5
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$MASKCAT" relabel --source base --person "$F" --field gender \
	    --value femal --reason x 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: --value '"'"'femal'"'"' is not male or female" &&
	test_expect_code 2 "$MASKCAT" relabel --source base --person "$F" --field age \
	    --value 151 --reason x 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: --value '"'"'151'"'"' is not a whole number of years from 0 to 150" &&
	test_expect_code 2 "$MASKCAT" relabel --source base --image a --field colour \
	    --value red --reason x 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: unknown --field '"'"'colour'"'"' (mask, gender or age)" &&
	test_expect_code 2 "$MASKCAT" relabel --source base --person "$F" --field age \
	    --value 40 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: needs --reason TEXT (why the label is wrong)" &&
	test_expect_code 2 "$MASKCAT" relabel --person "$F" --image a --field age \
	    --value 40 --reason x 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: name one target: --person FOLDER or --image PATH" &&
	test_expect_code 2 "$MASKCAT" relabel --person "$F" --box 1 --field mask \
	    --value wear --reason x 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: --box goes with --image" &&
	test_expect_code 2 "$MASKCAT" relabel --undo abc 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: --undo wants a correction number, not '"'"'abc'"'"'" &&
	test_expect_code 2 "$MASKCAT" relabel --list --format xml 2>err &&
	test_eq "$(head -1 err)" "maskcat: error: relabel: unknown format '"'"'xml'"'"' (text, csv or json)"
'

test_expect_success 'the reports and info count the active corrections' '
	"$MASKCAT" info >out &&
	grep -x "5 label corrections applied (maskcat relabel --list)" out &&
	"$MASKCAT" report imbalance --source voc >out &&
	test_eq "$(sed -n 2p out)" "2 label corrections applied (maskcat relabel --list)" &&
	"$MASKCAT" report imbalance --format json | grep "^  \"corrections\": 5,$"
'

test_expect_success 're-imports keep the corrections and say so' '
	"$MASKCAT" report imbalance --format csv >pre.csv &&
	"$MASKCAT" import base s/train >out 2>err &&
	grep -x "maskcat: re-applied 3 label corrections (maskcat relabel --list)" err &&
	test_eq "$(q "SELECT gender || '"'"' '"'"' || age FROM persons_v WHERE folder = '"'"'$F'"'"'")" \
	    "male $(q "SELECT age FROM persons WHERE folder = '"'"'$F'"'"'")" &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE person = '"'"'$F'"'"' AND gender = '"'"'male'"'"'")" 7 &&
	test_eq "$(q "SELECT mask FROM images_v WHERE path = '"'"'$(photo "$F" mask1)'"'"'")" not_wear &&
	test_eq "$(q "SELECT DISTINCT age_bin FROM images_v WHERE person = '"'"'$Y'"'"'")" 60+ &&
	"$MASKCAT" report imbalance --format csv >again.csv &&
	test_cmp pre.csv again.csv &&
	"$MASKCAT" import voc voc >out 2>err &&
	grep -x "maskcat: re-applied 2 label corrections (maskcat relabel --list)" err &&
	test_eq "$(q "SELECT group_concat(mask) FROM (SELECT mask FROM boxes_v WHERE source = '"'"'voc'"'"' ORDER BY idx)")" \
	    "wear,incorrect"
'

test_expect_success 'the source files were never touched' '
	cmp train.csv.orig s/train/train.csv &&
	(cd s && find . -type f | sort | xargs cksum) >files.now &&
	test_cmp files.orig files.now
'

test_expect_success 'undo refuses out of order, unknown and undone ids' '
	"$MASKCAT" relabel --source base --person "$F" --field gender --value female \
	    --reason "was right after all" >out &&
	test_eq "$(cat out)" "correction #6: person '"'"'$F'"'"' gender male -> female" &&
	test_expect_code 1 "$MASKCAT" relabel --undo 1 2>err &&
	err_is "correction #1 is not the latest of person '"'"'$F'"'"' gender: undo #6 first" &&
	test_expect_code 1 "$MASKCAT" relabel --undo 99 2>err &&
	err_is "no correction #99 (see maskcat relabel --list --all)" &&
	"$MASKCAT" relabel --undo >out &&
	test_eq "$(cat out)" "undid correction #6: person '"'"'$F'"'"' gender female -> male" &&
	test_expect_code 1 "$MASKCAT" relabel --undo 6 2>err &&
	err_is "correction #6 is already undone" &&
	test_eq "$(q "SELECT gender FROM persons_v WHERE folder = '"'"'$F'"'"'")" male
'

test_expect_success 'undo restores the old value, and a re-import keeps the original' '
	"$MASKCAT" relabel --undo 1 >out &&
	test_eq "$(cat out)" "undid correction #1: person '"'"'$F'"'"' gender male -> female" &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE person = '"'"'$F'"'"' AND gender = '"'"'female'"'"'")" 7 &&
	"$MASKCAT" relabel --undo "#2" >out &&
	test_eq "$(q "SELECT mask FROM images_v WHERE path = '"'"'$(photo "$F" mask1)'"'"'")" wear &&
	"$MASKCAT" import base s/train >out 2>err &&
	grep -x "maskcat: re-applied 1 label correction (maskcat relabel --list)" err &&
	test_eq "$(q "SELECT count(*) FROM images_v WHERE person = '"'"'$F'"'"' AND gender = '"'"'female'"'"'")" 7 &&
	"$MASKCAT" report imbalance --format csv >undone.csv &&
	for c in 1 4 7 10 13 16; do
		test_eq "$(cls undone.csv $c)" "$(cls before.csv $c)" || exit 1
	done
'

test_expect_success '--list shows the active ones; --all the history with when' '
	"$MASKCAT" relabel --list >out &&
	sed "s/ [0-9T:-]*Z / DATE /; s/(undone [0-9T:-]*Z)/(undone DATE)/" out >got &&
	age=$(sed 1d s/train/train.csv | awk -F, -v f="$Y" "\$5 == f { print \$4 }") &&
	cat >want <<-EOF &&
	#3 DATE base person '"'"'$Y'"'"' age $age -> 64: grey hair
	#4 DATE voc image '"'"'images/a.jpg'"'"' box 1 mask not_wear -> incorrect: nose out
	#5 DATE voc image '"'"'images/a.jpg'"'"' age ? -> 70: both faces old
	EOF
	test_cmp want got &&
	"$MASKCAT" relabel --list --all --source base >out &&
	sed "s/ [0-9T:-]*Z / DATE /; s/(undone [0-9T:-]*Z)/(undone DATE)/" out >got &&
	cat >want <<-EOF &&
	#1 DATE base person '"'"'$F'"'"' gender female -> male: beard in every photo (undone DATE)
	#2 DATE base image '"'"'$(photo "$F" mask1)'"'"' mask wear -> not_wear: mask off (undone DATE)
	#3 DATE base person '"'"'$Y'"'"' age $age -> 64: grey hair
	#6 DATE base person '"'"'$F'"'"' gender male -> female: was right after all (undone DATE)
	EOF
	test_cmp want got &&
	"$MASKCAT" relabel --list --all --format csv >out &&
	test_eq "$(head -1 out)" "id,source,person,path,box,field,old,new,reason,created_at,undone_at" &&
	test_eq "$(sed -n 5p out | cut -d, -f1-9)" "4,voc,,images/a.jpg,1,mask,not_wear,incorrect,nose out" &&
	test_eq "$(sed -n 6p out | cut -d, -f1-9)" "5,voc,,images/a.jpg,,age,,70,both faces old" &&
	test "$(sed -n 2p out | cut -d, -f11)" != "" &&
	test_eq "$(wc -l <out | tr -d " ")" 7 &&
	"$MASKCAT" relabel --list --format json >out &&
	grep "\"id\": 3, \"source\": \"base\", \"person\": \"$Y\", \"path\": null, \"box\": null, \"field\": \"age\", \"old\": $age, \"new\": 64, \"reason\": \"grey hair\"" out &&
	grep "\"id\": 5, .*\"old\": null, \"new\": 70, .*\"undone_at\": null}$" out &&
	test_eq "$(grep -c "\"id\"" out)" 3
'

test_expect_success 'when the files change under a correction, old_value follows them' '
	voc_xml voc/annotations/a.xml a.jpg 40 30 "with_mask 1 1 10 10" \
	    "with_mask 12 2 30 20" &&
	"$MASKCAT" import voc voc >out 2>err &&
	grep -x "maskcat: warning: correction #4: source '"'"'voc'"'"' now says wear for the mask of image '"'"'images/a.jpg'"'"' box 1, not not_wear; the correction replaces that" err &&
	grep -x "maskcat: re-applied 2 label corrections (maskcat relabel --list)" err &&
	test_eq "$(q "SELECT old_value || '"'"' '"'"' || new_value FROM corrections WHERE id = 4")" "0 1" &&
	test_eq "$(q "SELECT mask FROM boxes_v WHERE source = '"'"'voc'"'"' AND idx = 1")" incorrect &&
	"$MASKCAT" import voc voc >out 2>err &&
	! grep warning err
'

test_expect_success 'a correction whose target is gone is kept and warned about' '
	sed "/,$Y\$/d" s/train/train.csv >t && mv t s/train/train.csv &&
	rm -r "s/train/images/$Y" &&
	"$MASKCAT" import base s/train >out 2>err &&
	grep -x "maskcat: warning: correction #3 not applied: no person '"'"'$Y'"'"' in source '"'"'base'"'"' any more" err &&
	! grep "re-applied" err &&
	grep " 1 warnings," out &&
	"$MASKCAT" relabel --list --source base | grep "^#3 " &&
	test_expect_code 0 "$MASKCAT" relabel --undo 3 >out 2>err &&
	grep -x "maskcat: warning: no person '"'"'$Y'"'"' in source '"'"'base'"'"'; correction #3 is only marked undone" err
'

test_expect_success 'nothing left to undo' '
	"$MASKCAT" relabel --undo >/dev/null && "$MASKCAT" relabel --undo >out &&
	test_eq "$(cat out)" "undid correction #4: image '"'"'images/a.jpg'"'"' box 1 mask incorrect -> wear" &&
	test_eq "$(q "SELECT mask FROM boxes_v WHERE source = '"'"'voc'"'"' AND idx = 1")" wear &&
	test_expect_code 1 "$MASKCAT" relabel --undo 2>err &&
	err_is "no active label corrections to undo" &&
	"$MASKCAT" relabel --list >out &&
	test_eq "$(cat out)" "no label corrections active (--all shows undone ones)"
'

test_done
