#!/bin/sh
# maskcat audit: grouped out-of-fold predictions, confident learning,
# per-person flags, swapped files, disagreeing duplicates, external
# predictions, the feature cache, and relabel's effect.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'set up: 40 synthetic persons, imported' '
	"$MASKCAT" synth s --persons 40 --seed 12 --eval 0 >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null &&
	test_eq "$(q "SELECT count(*) FROM samples")" 280
'

# preds.csv: every photo predicted as labelled, with 0.9 on its label.
test_expect_success 'set up: external predictions that agree with every label' '
	q -header -csv "SELECT path,
	    iif(mask = 0, 0.9, 0.05) AS wear, iif(mask = 1, 0.9, 0.05) AS incorrect,
	    iif(mask = 2, 0.9, 0.05) AS not_wear,
	    iif(gender = 0, 0.9, 0.1) AS male, iif(gender = 1, 0.9, 0.1) AS female
	    FROM images ORDER BY path" >agree.csv &&
	test_eq "$(sed 1d agree.csv | wc -l | tr -d " ")" 280
'

test_expect_success 'predictions that agree flag nothing' '
	"$MASKCAT" audit --predictions agree.csv --format csv >out &&
	test_eq "$(sed 1d out | wc -l | tr -d " ")" 0 &&
	"$MASKCAT" audit --predictions agree.csv >text &&
	grep "^mask    external       280      280    1.000     1.000        0$" text &&
	grep "^gender  external       280       40    1.000     1.000        0$" text &&
	test_must_fail grep "^age " text
'

test_expect_success 'a person whose photos all look like the other gender is flagged, as a person' '
	p=$(q "SELECT folder FROM persons WHERE gender = 0 ORDER BY folder LIMIT 1") &&
	awk -F, -v p="/$p/" "index(\$1, p) { t = \$5; \$5 = \$6; \$6 = t } { print }" OFS=, agree.csv >g.csv &&
	"$MASKCAT" audit --predictions g.csv --task gender --format csv >out &&
	sed 1d out >flags &&
	echo "label,gender,base,$p,,,male,female,2.09075e-07," >want &&
	test_cmp want flags
'

test_expect_success 'one photo that looks unmasked is flagged, as a photo' '
	p=$(q "SELECT folder FROM persons ORDER BY folder LIMIT 1 OFFSET 3") &&
	f="images/$p/$(ls s/train/images/$p | grep mask2)" &&
	awk -F, -v f="$f" "\$1 == f { \$2 = 0.05; \$4 = 0.9 } { print }" OFS=, agree.csv >m.csv &&
	"$MASKCAT" audit --predictions m.csv --task mask --format csv >out &&
	sed 1d out >flags &&
	echo "label,mask,base,$p,$f,,wear,not_wear,0.05," >want &&
	test_cmp want flags &&
	"$MASKCAT" audit --predictions m.csv --task mask --rank margin --format csv >out &&
	echo "label,mask,base,$p,$f,,wear,not_wear,0.075," >want &&
	sed 1d out >flags && test_cmp want flags
'

test_expect_success 'swapped incorrect_mask and normal files: the person and the fix are named' '
	p=$(q "SELECT folder FROM persons ORDER BY folder LIMIT 1 OFFSET 5") &&
	i="images/$p/$(ls s/train/images/$p | grep incorrect)" &&
	n="images/$p/$(ls s/train/images/$p | grep normal)" &&
	awk -F, -v i="$i" -v n="$n" "\$1 == i { \$3 = 0.05; \$4 = 0.9 } \$1 == n { \$3 = 0.9; \$4 = 0.05 } { print }" \
	    OFS=, agree.csv >sw.csv &&
	"$MASKCAT" audit --predictions sw.csv --task mask --format csv >out &&
	grep "^swap,mask,base,$p,,,,,5.78074,\"$(basename "$i") incorrect -> not_wear, $(basename "$n") not_wear -> incorrect\"$" out &&
	"$MASKCAT" audit --predictions sw.csv --task mask >text &&
	grep "^swapped files: 1 persons (likelihood ratio over 10)$" text &&
	grep "(ratio 324)$" text
'

test_expect_success 'prediction rows that match nothing or hold no numbers are reported, not fatal' '
	cp agree.csv bad.csv && echo "nowhere/x.jpg,1,0,0,1,0" >>bad.csv &&
	sed -i "2s/,0.9,/,abc,/" bad.csv &&
	"$MASKCAT" audit --predictions bad.csv --task mask 2>err >text &&
	grep "line 282: .nowhere/x.jpg. is not in the catalog" err &&
	grep "line 2: the mask probabilities are not numbers >= 0" err &&
	grep "(1 labelled samples have no prediction in the file)" text &&
	echo "path,foo" >none.csv &&
	test_expect_code 1 "$MASKCAT" audit --predictions none.csv 2>err &&
	grep "no task.s columns" err
'

test_expect_success 'the built-in classifier: features computed once, then cached' '
	"$MASKCAT" audit --task mask >text &&
	grep "^features: 0 cached, 280 computed, 0 failed" text &&
	test_eq "$(q "SELECT count(*) FROM features WHERE version = 1 AND dim = 1542")" 280 &&
	"$MASKCAT" audit --task mask >text2 &&
	grep "^features: 280 cached, 0 computed, 0 failed" text2 &&
	grep "^mask    built-in       280      280 " text2
'

test_expect_success 'the same seed gives the same flags; folds never split a person' '
	"$MASKCAT" audit --format csv --seed 3 >a.csv &&
	"$MASKCAT" audit --format csv --seed 3 >b.csv &&
	test_cmp a.csv b.csv &&
	"$MASKCAT" audit --format json >j &&
	grep "\"tasks\": \[" j && grep "\"task\": \"age\", \"model\": \"built-in\"" j
'

test_expect_success 'a changed photo is re-featured; a file gone is reported and the rest judged' '
	f=$(ls s/train/images/*/mask4.* | head -1) &&
	"$MKIMG" jpeg "$f" 384 512 && "$MASKCAT" import base s/train >/dev/null &&
	"$MASKCAT" audit --task mask >text &&
	grep "^features: 279 cached, 1 computed, 0 failed" text &&
	g=$(ls s/train/images/*/mask1.* | head -1) && mv "$g" saved &&
	q "DELETE FROM features WHERE image_id = (SELECT id FROM images WHERE path = '\''${g#s/train/}'\'')" &&
	"$MASKCAT" audit --task mask 2>err >text &&
	grep "^maskcat: error: .$TRASH/s/train/${g#s/train/}.: cannot compute features: No such file or directory$" err &&
	grep "^features: 279 cached, 0 computed, 1 failed" text &&
	grep "^mask    built-in       279      279 " text &&
	mv saved "$g"
'

test_expect_success 'duplicates whose labels disagree are flagged' '
	a=$(q "SELECT folder FROM persons ORDER BY folder LIMIT 1 OFFSET 10") &&
	b=$(q "SELECT folder FROM persons ORDER BY folder LIMIT 1 OFFSET 11") &&
	rm s/train/images/$b/normal.* && cp s/train/images/$a/mask3.* s/train/images/$b/normal.jpg &&
	"$MASKCAT" import base s/train >/dev/null &&
	"$MASKCAT" audit --predictions agree.csv --task mask --format csv >out &&
	grep "^duplicate,mask,base,.*base/images/$a/mask3.jpg=wear, base/images/$b/normal.jpg=not_wear\"$" out
'

test_expect_success 'after relabel the audit judges the corrected label' '
	p=$(q "SELECT folder FROM persons WHERE gender = 0 ORDER BY folder LIMIT 1") &&
	"$MASKCAT" relabel --person "$p" --field gender --value female --reason test >/dev/null &&
	"$MASKCAT" audit --predictions agree.csv --task gender --format csv >out &&
	grep "^label,gender,base,$p,,,female,male," out
'

test_expect_success 'usage errors' '
	test_expect_code 2 "$MASKCAT" audit --task colour 2>err &&
	grep "task wants mask, gender, age or all" err &&
	test_expect_code 2 "$MASKCAT" audit --folds 1 2>err &&
	grep "folds wants 2 to 20" err &&
	test_expect_code 2 "$MASKCAT" audit --rank best 2>err &&
	grep "rank wants self or margin" err &&
	test_expect_code 2 "$MASKCAT" audit extra 2>err &&
	grep "takes no arguments" err
'

test_done
