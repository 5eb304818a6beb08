#!/bin/sh
# maskcat export: balancing the train side, K folds, filters, usage
# errors, sources that changed or sit in a zip.
. "$(dirname "$0")/test-lib.sh"

rows() { sed 1d "$1" | wc -l | tr -d ' '; }
col() {
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
	    { print $c }' "$2"
}

test_expect_success 'set up: 120 synthetic persons, imported' '
	"$MASKCAT" synth s --persons 120 --seed 8 --eval 0 >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null
'

test_expect_success 'oversample by age: every age bin reaches the largest, copies are distinct' '
	"$MASKCAT" export plain --size 48x48 --seed 6 >/dev/null &&
	"$MASKCAT" export over --size 48x48 --seed 6 --balance oversample --balance-by age >rep &&
	col age_bin plain/train.csv | sort | uniq -c | sort -rn >before &&
	max=$(head -1 before | awk "{ print \$1 }") &&
	col age_bin over/train.csv | sort | uniq -c | awk "{ print \$1 }" | sort -u >after &&
	echo $max >want && test_cmp want after &&
	grep "^  60+ *$(grep " 60+$" before | awk "{ print \$1 }") -> $max$" rep &&
	col xxh3 over/train.csv | sort | uniq -d >same && test_must_fail test -s same &&
	"$MASKCAT" verify over >/dev/null
'

test_expect_success 'oversampling leaves valid alone and marks copies with their original' '
	cmp plain/valid.csv over/valid.csv &&
	grep -c ",flip=[01];dx=-\{0,1\}[0-9]*;dy=-\{0,1\}[0-9]*;gain=[01]\.[0-9]*,train/" over/train.csv >ncopies &&
	test "$(cat ncopies)" -eq $(( $(rows over/train.csv) - $(rows plain/train.csv) )) &&
	col copy_of over/train.csv | grep . | sort -u >origs &&
	col path plain/train.csv | sort >plainpaths &&
	test_eq "$(comm -23 origs plainpaths | wc -l | tr -d " ")" 0
'

test_expect_success 'oversampling spreads copies over persons before repeating a photo' '
	awk -F, "NR > 1 && \$6 != \"\" && \$7 == \"60+\" && \$13 != \"\" { print \$14 }" over/train.csv |
	    sort | uniq -c | awk "{ print \$1 }" | sort -n | sed -n "1p;\$p" >spread &&
	test $(( $(tail -1 spread) - $(head -1 spread) )) -le 1
'

test_expect_success 'undersample by mask: every mask state down to the smallest' '
	"$MASKCAT" export under --size 48x48 --seed 6 --balance undersample --balance-by mask >/dev/null &&
	col mask plain/train.csv | sort | uniq -c | sort -n | head -1 | awk "{ print \$1 }" >min &&
	col mask under/train.csv | sort | uniq -c | awk "{ print \$1 }" | sort -u >got &&
	test_cmp min got &&
	cmp plain/valid.csv under/valid.csv
'

test_expect_success 'weights: one per sample, total / (keys x count of its key), no copies' '
	"$MASKCAT" export w --size 48x48 --seed 6 --balance weights --balance-by mask >/dev/null &&
	test_eq $(rows w/train.csv) $(rows plain/train.csv) &&
	n=$(rows w/train.csv) &&
	c=$(col mask w/train.csv | grep -c "^incorrect$") &&
	want=$(awk -v n=$n -v c=$c "BEGIN { printf \"%.6g\", n / (3 * c) }") &&
	awk -F, -v want="$want" "NR > 1 && \$4 == \"incorrect\" && \$12 != want { print; bad = 1 } END { exit bad }" w/train.csv &&
	col weight w/valid.csv | sort -u >vw && echo 1 >one && test_cmp one vw
'

test_expect_success 'K folds: folds.csv with folds 0-4, no person in two folds' '
	"$MASKCAT" export k --folds 5 --size 32x32 --seed 2 >/dev/null &&
	test -f k/folds.csv && test_must_fail test -e k/train.csv &&
	col fold k/folds.csv | sort -u | tr "\n" " " >folds && printf "0 1 2 3 4 " >want && test_cmp want folds &&
	awk -F, "NR > 1 { print \$8, \$2 }" k/folds.csv | sort -u | awk "{ print \$1 }" | uniq -d >twice &&
	test_must_fail test -s twice &&
	test_eq "$(rows k/folds.csv)" "$(q "SELECT count(*) FROM samples")" &&
	"$MASKCAT" verify k >/dev/null
'

test_expect_success '--where filters with bound values; --classes mask names folders' '
	"$MASKCAT" export old --where "age>=60" --where "mask!=wear" --classes mask --size 32x32 >/dev/null &&
	test_eq "$(( $(rows old/train.csv) + $(rows old/valid.csv) ))" \
	    "$(q "SELECT count(*) FROM samples WHERE age >= 60 AND mask <> 0")" &&
	ls old/train | tr "\n" " " >dirs && printf "incorrect not_wear " >want && test_cmp want dirs &&
	"$MASKCAT" export quote --where "person=x'\'' OR 1=1 --" 2>err >/dev/null;
	test $? -eq 1 && grep "nothing to export" err
'

test_expect_success 'usage errors name the option' '
	test_expect_code 2 "$MASKCAT" export x --folds 5 --balance weights 2>err &&
	grep "balance needs a train side" err &&
	test_expect_code 2 "$MASKCAT" export x --layout base --balance oversample 2>err &&
	grep "no room for repeated photos" err &&
	test_expect_code 2 "$MASKCAT" export x --where "colour=red" 2>err &&
	grep "unknown field .colour." err &&
	test_expect_code 2 "$MASKCAT" export x --size 0x5 2>err &&
	grep "size wants WxH" err &&
	test_expect_code 2 "$MASKCAT" export x --valid 1.5 2>err &&
	grep "valid wants a share between 0 and 1" err &&
	test_expect_code 2 "$MASKCAT" export 2>err &&
	grep "needs exactly one output folder" err &&
	test_must_fail test -e x
'

test_expect_success 'a source file changed since import fails the export, naming it; no OUT' '
	f=$(ls s/train/images/*/mask1.* | head -1) && cp "$f" saved &&
	printf "junk" >>"$f" &&
	test_expect_code 1 "$MASKCAT" export ch 2>err &&
	grep "^maskcat: error: cannot export .$TRASH/$f.: the file changed since it was imported (run maskcat import again)$" err &&
	test_must_fail test -e ch &&
	cp saved "$f"
'

test_expect_success 'a source imported from a zip exports from the zip' '
	(cd s && zip -qr ../s.zip train) &&
	"$MASKCAT" --db z.db import base s.zip >/dev/null &&
	"$MASKCAT" --db z.db export fromzip --size 32x32 --seed 6 >/dev/null &&
	test_eq "$(( $(rows fromzip/train.csv) + $(rows fromzip/valid.csv) ))" \
	    "$(sqlite3 z.db "SELECT count(*) FROM samples")" &&
	col original fromzip/train.csv | head -1 | grep "s.zip:train/images/" &&
	"$MASKCAT" verify fromzip >/dev/null
'

test_done
