#!/bin/sh
# maskcat export and verify: leak-free stratified splits, balancing,
# resizing, layouts, manifests, atomic output.
. "$(dirname "$0")/test-lib.sh"

# rows FILE: data rows of a manifest.
rows() { sed 1d "$1" | wc -l | tr -d ' '; }
# col NAME FILE: the values of a column of a manifest (no quoted commas in
# the columns used here).
col() {
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
	    { print $c }' "$2"
}
# persons_on_both A B: persons listed in both manifests.
persons_on_both() {
	col person "$1" | sort -u >.pa && col person "$2" | sort -u >.pb &&
	comm -12 .pa .pb | grep -c . || true
}

test_expect_success 'set up: 150 synthetic persons with duplicates, imported' '
	"$MASKCAT" synth s --persons 150 --seed 5 --eval 0 --dirt dirt.csv >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null &&
	total=$(q "SELECT count(*) FROM samples") &&
	test "$total" -gt 1000
'

test_expect_success 'export: every sample once, 64x64, no person on two sides' '
	"$MASKCAT" export out --size 64x64 --crop center --seed 1 >report &&
	grep "^leakage: 0 persons, 0 duplicate clusters, 0 images on two sides$" report &&
	test_eq $(( $(rows out/train.csv) + $(rows out/valid.csv) )) \
	    "$(q "SELECT count(*) FROM samples")" &&
	test_eq "$(find out -name "*.jpg" | wc -l | tr -d " ")" \
	    "$(q "SELECT count(*) FROM samples")" &&
	test_eq "$(persons_on_both out/train.csv out/valid.csv)" 0 &&
	"$MKIMG" probe $(find out -name "*.jpg") | awk "{ print \$3 }" | sort -u >sizes &&
	echo 64x64 >want && test_cmp want sizes
'

# shares.awk TRAIN VALID (class columns): recomputes the largest class
# share deviation; fails unless it equals the reported one (rep) and is
# under one point.
cat >shares.awk <<'EOT'
FNR == 1 { f++ }
f == 1 { tr[$1]++; nt++ }
f == 2 { va[$1]++; nv++ }
END {
	for (c in tr) all[c] = 1
	for (c in va) all[c] = 1
	for (c in all) {
		w = (tr[c] + va[c]) / (nt + nv)
		d = 100 * (va[c] / nv - w); if (d < 0) d = -d; if (d > m) m = d
		d = 100 * (tr[c] / nt - w); if (d < 0) d = -d; if (d > m) m = d
	}
	if (m - rep > 0.001 || rep - m > 0.001) {
		print "got " m " reported " rep
		exit 1
	}
	exit !(m < 1.0)
}
EOT

test_expect_success 'the valid share and class shares are as reported and close' '
	v=$(rows out/valid.csv) && t=$(rows out/train.csv) &&
	awk -v v=$v -v t=$t "BEGIN { s = v / (v + t); exit !(s > 0.18 && s < 0.22) }" &&
	dev=$(sed -n "s/.*\"max_deviation_pp\": \([0-9.e-]*\).*/\1/p" out/split_report.json) &&
	col class out/train.csv >ct && col class out/valid.csv >cv &&
	awk -v rep="$dev" -f shares.awk ct cv &&
	grep "\"leakage\": {\"persons\": 0, \"duplicate_clusters\": 0, \"images\": 0}" out/split_report.json
'

test_expect_success 'duplicate clusters stay on one side (check-split agrees)' '
	grep -q "," dirt.csv &&
	"$MASKCAT" check-split out/train.csv out/valid.csv --path-col original >cs &&
	grep "^no leakage$" cs &&
	n=$(sed -n "s/.*\"duplicate_clusters\": \([0-9]*\),$/\1/p" out/split_report.json) &&
	test "$n" -gt 0
'

test_expect_success 'every manifest row matches its file and hash; verify says so' '
	"$MASKCAT" verify out >v &&
	grep "^$(( $(rows out/train.csv) + $(rows out/valid.csv) + 3 )) files checked, 0 problems$" v &&
	sed 1d out/train.csv | head -50 | while IFS=, read -r path rest; do
		h=$(echo "$rest" | awk -F, "{ print \$NF }") &&
		test -f "out/$path" || exit 1
	done
'

test_expect_success 'verify catches a changed, a missing and an unlisted file' '
	cp -r out bad &&
	f=$(sed -n 2p bad/valid.csv | cut -d, -f1) && g=$(sed -n 3p bad/valid.csv | cut -d, -f1) &&
	printf x >>"bad/$f" && rm "bad/$g" && echo hi >bad/train/stray.txt &&
	test_expect_code 1 "$MASKCAT" verify bad >v &&
	grep "bad/$f: size differs from the manifest" v &&
	grep "bad/$g: No such file or directory" v &&
	grep "bad/train/stray.txt: not listed in any manifest" v &&
	grep "^.* files checked, 3 problems$" v &&
	printf "x" >>bad/valid.csv &&
	test_expect_code 1 "$MASKCAT" verify bad >v &&
	grep "bad/valid.csv: size differs" v
'

test_expect_success 'the same seed gives the same bytes; another seed another split' '
	"$MASKCAT" export again --size 64x64 --crop center --seed 1 >/dev/null &&
	diff -r -x export.json out again &&
	"$MASKCAT" export other --size 64x64 --crop center --seed 2 >/dev/null &&
	! cmp -s out/valid.csv other/valid.csv &&
	test_eq "$(persons_on_both other/train.csv other/valid.csv)" 0
'

test_expect_success 'export.json records the command, seed, options and catalog' '
	grep "\"command\": \[\"maskcat\", \"export\", \"out\", \"--size\", \"64x64\", \"--crop\", \"center\", \"--seed\", \"1\"\]" out/export.json &&
	grep "^ \"seed\": 1,$" out/export.json &&
	grep "\"crop\": \"center\"" out/export.json &&
	grep "\"schema\": [0-9]*, \"fingerprint\": \"[0-9a-f]\{16\}\", \"samples\": $(q "SELECT count(*) FROM samples")" out/export.json
'

test_expect_success 'a non-empty OUT is refused, --force replaces it' '
	test_expect_code 1 "$MASKCAT" export out --seed 3 2>err &&
	grep "^maskcat: error: .out. is not empty; refusing to overwrite it (--force replaces it)$" err &&
	cmp out/valid.csv again/valid.csv &&
	"$MASKCAT" export out --seed 3 --size 32x32 --force >/dev/null &&
	"$MKIMG" probe "out/$(sed -n 2p out/train.csv | cut -d, -f1)" | grep " 32x32 " &&
	test_eq "$(ls -a | grep -c maskcat-export)" 0
'

test_expect_success 'OUT inside a source folder, around a source, or a file: refused' '
	test_expect_code 1 "$MASKCAT" export s/train/out 2>err &&
	grep "is inside the folder of source .base." err &&
	test_must_fail test -e s/train/out &&
	mkdir -p around && mv s around/ &&
	test_expect_code 1 "$MASKCAT" --db "$TRASH/scratch.db" import base around/s/train >/dev/null 2>&1 || true &&
	mv around/s . && echo x >afile &&
	test_expect_code 1 "$MASKCAT" export afile 2>err &&
	grep "^maskcat: error: .afile. exists and is not a folder$" err
'

test_expect_success 'an export killed half-way leaves no OUT; a rerun cleans up and succeeds' '
	("$MASKCAT" export slow --format png --size 1024x1024 --jobs 1 >/dev/null 2>&1 & echo $! >pid) &&
	i=0 && while [ $i -lt 300 ]; do
		n=$(find . -path "./.slow.maskcat-export-*" -name "*.png" 2>/dev/null | wc -l)
		[ "$n" -ge 5 ] && break
		sleep 0.1; i=$((i + 1))
	done &&
	test "$n" -ge 5 &&
	kill -9 $(cat pid) && sleep 0.2 &&
	test_must_fail test -e slow &&
	ls -a | grep "^\.slow\.maskcat-export-" &&
	"$MASKCAT" export slow --size 16x16 2>err >/dev/null &&
	grep "removed 1 staging folder left by an interrupted export" err &&
	test_eq "$(ls -a | grep -c maskcat-export)" 0 &&
	"$MASKCAT" verify slow >/dev/null
'

test_expect_success 'the base layout re-imports with maskcat import base to the same labels' '
	"$MASKCAT" export b --layout base --seed 4 >/dev/null &&
	head -1 b/train/train.csv | grep "^id,gender,race,age,path$" &&
	head -1 b/valid/train.csv | grep "^id,gender,race,age,path$" &&
	"$MASKCAT" --db re.db import base b/train >/dev/null &&
	"$MASKCAT" --db re.db import base b/valid --name base-valid >/dev/null &&
	sqlite3 re.db "SELECT i.path, i.mask, i.gender, i.age, p.race FROM images i
	    JOIN persons p ON p.id = i.person_id" | sed "s/\.[a-zA-Z]*|/|/" | sort >got &&
	q "SELECT i.path, i.mask, i.gender, i.age, p.race FROM images i
	    JOIN persons p ON p.id = i.person_id" |
	    sed "s/\.[a-zA-Z]*|/|/" | sort >want &&
	test_cmp want got &&
	test_eq "$(persons_on_both b/train.csv b/valid.csv)" 0
'

test_expect_success 'exports use corrected labels and say so; the base layout renames the folder' '
	p=$(q "SELECT folder FROM persons WHERE gender = 0 ORDER BY folder LIMIT 1") &&
	"$MASKCAT" relabel --person "$p" --field gender --value female --reason "test" >/dev/null &&
	"$MASKCAT" export rb --layout base --seed 4 >rep &&
	grep "^labels: 1 correction applied (maskcat relabel --list)$" rep &&
	grep "\"corrections\": 1," rb/export.json &&
	np=$(echo "$p" | sed "s/_male_/_female_/") &&
	test_must_fail test -e "rb/train/images/$p" &&
	test_must_fail test -e "rb/valid/images/$p" &&
	ls -d rb/*/images/"$np" &&
	grep ",female,.*,$np$" rb/*/train.csv &&
	"$MASKCAT" --db rb.db import base "$(dirname "$(dirname "$(ls -d rb/*/images/"$np")")")" >/dev/null &&
	test_eq "$(sqlite3 rb.db "SELECT gender FROM persons WHERE folder = '\''$np'\''")" 1
'

test_done
