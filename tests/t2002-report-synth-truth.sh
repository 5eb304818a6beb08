#!/bin/sh
# The imbalance report on a generated sample agrees with the generator's
# own truth: train.csv and the files it wrote.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'synthesise 150 persons with label errors and import them' '
	"$MASKCAT" synth s --persons 150 --seed 11 --eval 20 --errors truth.csv >out &&
	"$MASKCAT" import base s >out &&
	grep "^imported 1050 images of 150 persons" out &&
	"$MASKCAT" import eval s >out &&
	grep "^imported 20 images" out
'

test_expect_success 'per-class images and persons match train.csv' '
	# class = mask * 6 + gender * 3 + age_bin; 5 wear, 1 incorrect and
	# 1 not-wear photo per person.
	awk -F, "NR > 1 {
		g = (\$2 == \"female\"); a = (\$4 >= 60) ? 2 : (\$4 >= 30);
		c = g * 3 + a; img[c] += 5; img[6 + c]++; img[12 + c]++;
		per[c]++; per[6 + c]++; per[12 + c]++
	} END { for (k = 0; k < 18; k++) print k \",\" img[k] + 0 \",\" per[k] + 0 }" \
	    s/train/train.csv >want &&
	"$MASKCAT" report imbalance --format csv | awk -F, "NR > 1 { print \$1 \",\" \$5 \",\" \$6 }" >got &&
	test_cmp want got
'

test_expect_success 'the age histogram matches train.csv' '
	cut -d, -f4 s/train/train.csv | sed 1d | sort -n | uniq -c |
	    awk "{ printf \"%s:%s \", \$2, \$1 }" >want &&
	"$MASKCAT" report imbalance --format json | python3 -c "
import json, sys
h = json.load(sys.stdin)[\"age_histogram\"]
print(\" \".join(\"%s:%s\" % (k, v) for k, v in sorted(h.items(), key=lambda kv: int(kv[0]))), end=\" \")
" >got &&
	test_cmp want got
'

test_expect_success 'unlabelled eval photos are counted apart' '
	"$MASKCAT" report imbalance >t &&
	grep "^imbalance of all sources: 1050 labelled images, 150 persons (20 unlabelled images not counted)$" t
'

test_expect_success 'the injected errors are in the catalog as labelled (the truth says what is wrong)' '
	test "$(sed 1d truth.csv | wc -l)" -ge 4 &&
	sed 1d truth.csv | while IFS=, read kind person file t l; do
		test_eq "$(q "SELECT count(*) FROM persons WHERE folder = '"'"'$person'"'"'")" 1 || exit 1
	done
'

test_done
