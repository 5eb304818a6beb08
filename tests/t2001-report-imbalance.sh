#!/bin/sh
# report imbalance: counts per class in images and persons, derived figures.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'set up: 3 young women, 1 man of 45, 1 man of 60' '
	mk_base d "000001,female,Asian,19,000001_female_Asian_19" \
	    "000002,female,Asian,20,000002_female_Asian_20" \
	    "000003,female,Asian,29,000003_female_Asian_29" \
	    "000004,male,Asian,45,000004_male_Asian_45" \
	    "000005,male,Asian,60,000005_male_Asian_60" &&
	"$MASKCAT" import base d
'

test_expect_success 'csv: header and one row per class with images and persons' '
	"$MASKCAT" report imbalance --format csv >out &&
	test_eq "$(head -n 1 out)" "class,mask,gender,age_bin,images,persons,share,ratio_to_largest,oversample_to_median,weight,scarce" &&
	test_eq "$(wc -l <out | tr -d " ")" 19 &&
	cut -d, -f1-6 out >got &&
	cat >want <<-\EOT &&
	class,mask,gender,age_bin,images,persons
	0,wear,male,<30,0,0
	1,wear,male,30-59,5,1
	2,wear,male,60+,5,1
	3,wear,female,<30,15,3
	4,wear,female,30-59,0,0
	5,wear,female,60+,0,0
	6,incorrect,male,<30,0,0
	7,incorrect,male,30-59,1,1
	8,incorrect,male,60+,1,1
	9,incorrect,female,<30,3,3
	10,incorrect,female,30-59,0,0
	11,incorrect,female,60+,0,0
	12,not_wear,male,<30,0,0
	13,not_wear,male,30-59,1,1
	14,not_wear,male,60+,1,1
	15,not_wear,female,<30,3,3
	16,not_wear,female,30-59,0,0
	17,not_wear,female,60+,0,0
	EOT
	test_cmp want got
'

test_expect_success 'csv: share, ratio to the largest class and weight' '
	test_eq "$(grep "^3," out | cut -d, -f7-10)" "0.428571,1.0000,1.0000,0.129630" &&
	test_eq "$(grep "^8," out | cut -d, -f7-8)" "0.028571,15.0000" &&
	test_eq "$(grep "^0," out | cut -d, -f7-11)" "0.000000,0.0000,0.0000,0.000000,0"
'

test_expect_success 'json: parses and carries the same numbers' '
	"$MASKCAT" report imbalance --format json >j &&
	python3 -c "
import json, sys
d = json.load(open(\"j\"))
assert d[\"labelled_images\"] == 35, d[\"labelled_images\"]
assert d[\"persons\"] == 5
c = d[\"classes\"]
assert len(c) == 18
assert c[9] == dict(c[9], mask=\"incorrect\", gender=\"female\", age_bin=\"<30\", images=3, persons=3)
assert d[\"age_histogram\"] == {\"19\": 1, \"20\": 1, \"29\": 1, \"45\": 1, \"60\": 1}, d[\"age_histogram\"]
assert abs(d[\"imbalance_score\"] - 0.3957) < 0.001, d[\"imbalance_score\"]
"
'

test_expect_success 'text: table, grids, age histogram with bin edges, score' '
	"$MASKCAT" report imbalance >t &&
	grep "^imbalance of all sources: 35 labelled images, 5 persons$" t &&
	grep "^    3 wear       female  <30         15       3  42.86%" t &&
	grep "^    4 wear       female  30-59        0       0   0.00%  *-  *-  *-  EMPTY$" t &&
	grep "^incorrect  *0  *1  *1  *3  *0  *0$" t &&
	grep "^  ---- 30-59$" t &&
	grep "^  ---- 60+$" t &&
	grep "^   60      1 #" t &&
	grep "^imbalance score (1 - H/log 18): 0.396" t
'

test_expect_success 'scarce cells: under half the median, with the factor to reach it' '
	mk_base big "000011,male,Asian,20,000011_male_Asian_20" &&
	i=12; while [ $i -le 40 ]; do
		row="0000$i,female,Asian,40,0000${i}_female_Asian_40"
		echo "$row" >>big/train.csv && mk_person big/images/0000${i}_female_Asian_40 || return 1
		i=$((i + 1))
	done &&
	"$MASKCAT" import base --name big big &&
	"$MASKCAT" report imbalance --source big --format csv >b &&
	test_eq "$(grep "^4," b | cut -d, -f5,6)" "145,29" &&
	"$MASKCAT" report imbalance --source big >bt &&
	grep "^scarce cells (under half the median): none$" bt
'

test_expect_success '--source filters; an unknown source is an error' '
	"$MASKCAT" report imbalance --source base --format csv >s &&
	test_cmp out s &&
	test_expect_code 1 "$MASKCAT" report imbalance --source nope 2>err &&
	test_eq "$(cat err)" "maskcat: error: no source named '"'"'nope'"'"' in the catalog (see maskcat info)"
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$MASKCAT" report 2>err &&
	test_expect_code 2 "$MASKCAT" report imbalance --format xml 2>err &&
	grep "unknown format .xml." err &&
	test_expect_code 2 "$MASKCAT" report nonsense 2>err &&
	grep "unknown report .nonsense." err
'

test_done
