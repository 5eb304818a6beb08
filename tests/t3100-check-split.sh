#!/bin/sh
# maskcat check-split: audits a split made elsewhere against the catalog.
. "$(dirname "$0")/test-lib.sh"

# side FILE FOLDER...: a split file listing every photo of the folders.
side() {
	f=$1; shift
	echo "file,label" >"$f"
	for p; do
		for x in s/train/images/$p/*; do
			echo "images/$p/$(basename "$x"),x" >>"$f"
		done
	done
}

test_expect_success 'set up: 40 persons, no copies' '
	"$MASKCAT" synth s --persons 40 --seed 21 --eval 0 >/dev/null &&
	"$MASKCAT" import base s >/dev/null &&
	sed 1d s/train/train.csv | cut -d, -f5 >folders &&
	side tr.csv $(sed -n 1,32p folders) &&
	side va.csv $(sed -n 33,40p folders)
'

test_expect_success 'a person-level split: no leakage, exit 0' '
	"$MASKCAT" check-split tr.csv va.csv --path-col file >out &&
	grep "^split 1 .tr.csv.: 224 rows, 0 not matched to the catalog$" out &&
	grep "^split 2 .va.csv.: 56 rows, 0 not matched to the catalog$" out &&
	grep "^persons on two sides: 0$" out &&
	grep "^duplicate clusters on two sides: 0$" out &&
	grep "^no leakage$" out
'

test_expect_success 'a deliberately leaky split is caught (exit 1), by person and by photo' '
	p=$(sed -n 5p folders) &&
	echo "$TRASH/s/train/images/$p/mask1.jpg,x" >>va.csv &&
	echo "nowhere/else.jpg,x" >>va.csv &&
	test_expect_code 1 "$MASKCAT" check-split tr.csv va.csv --path-col file >out &&
	grep "^LEAK person .$p. is in 2 splits$" out &&
	grep "^images on two sides: 1$" out &&
	grep "va.csv line 59: .nowhere/else.jpg. is not in the catalog" out &&
	grep "^LEAKY" out
'

test_expect_success 'a byte copy of a photo on the other side is a duplicate leak' '
	side va2.csv $(sed -n 33,40p folders) &&
	a=$(sed -n 1p folders) && b=$(sed -n 40p folders) &&
	cp "s/train/images/$a/mask2.jpg" copy.jpg &&
	rm s/train/images/$b/mask2.* && cp copy.jpg "s/train/images/$b/mask2.jpg" &&
	"$MASKCAT" import base s >/dev/null &&
	test_expect_code 1 "$MASKCAT" check-split tr.csv va2.csv --path-col file >out &&
	grep "^LEAK duplicates of .*/images/$a/mask2.jpg. are in 2 splits$" out &&
	grep "^persons on two sides: 0$" out
'

test_expect_success 'usage errors' '
	test_expect_code 2 "$MASKCAT" check-split tr.csv 2>err &&
	grep "needs at least two split files" err &&
	test_expect_code 1 "$MASKCAT" check-split tr.csv va.csv 2>err &&
	grep "no column .path. in the header" err
'

test_done
