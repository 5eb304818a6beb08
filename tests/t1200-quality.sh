#!/bin/sh
# Quality measures at import, maskcat scan, report quality and report
# duplicates, on a sample with known dirt and on the real photos.
. "$(dirname "$0")/test-lib.sh"

# truth KIND: the paths of one kind of injected dirt, sorted.
truth() {
	awk -F, -v k="$1" '$1 == k { print $2 }' dirt.csv | sort
}

test_expect_success 'a sample with dark, blurry and copied photos imports with measures' '
	"$MASKCAT" synth s --persons 80 --seed 4 --eval 0 --dirt dirt.csv >out &&
	grep " 6 dirty photos" out &&
	"$MASKCAT" import base s >/dev/null &&
	test_eq "$(q "SELECT count(*) FROM measures")" 560 &&
	test_eq "$(q "SELECT count(*) FROM measures WHERE version < 1 OR thumb_w = 0")" 0
'

test_expect_success 'report quality finds exactly the darkened photos' '
	"$MASKCAT" report quality --format csv >qc &&
	test_eq "$(head -n 1 qc)" "issue,source,path,score" &&
	awk -F, "\$1 == \"dark\" { print \$3 }" qc | sort >got &&
	truth dark >want &&
	test -s want && test_cmp want got
'

test_expect_success 'the blurred photos are blurry; only dark ones join them' '
	awk -F, "\$1 == \"blurry\" { print \$3 }" qc | sort >got &&
	truth blurry >want && test -s want &&
	comm -23 want got >missed && test_eq "$(cat missed)" "" &&
	{ truth blurry; truth dark; } | sort >allowed &&
	comm -13 allowed got >extra && test_eq "$(cat extra)" ""
'

test_expect_success 'report quality: text counts per source, thresholds are options' '
	"$MASKCAT" report quality >qt &&
	grep "^base  *560  *2 " qt &&
	grep "^thresholds: dark = 99th brightness percentile < 0.32" qt &&
	"$MASKCAT" report quality --dark 0.0 --format json | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d[\"thresholds\"][\"dark\"] == 0.0
assert d[\"sources\"][0][\"dark\"] == 0, d[\"sources\"]
assert d[\"measured\"] == 560
"
'

test_expect_success 'report duplicates: the byte copy and the re-encoded copy, nothing else' '
	"$MASKCAT" report duplicates --format csv >dc &&
	awk -F, "NR > 1 { print \$1, \$2, \$8, \$9 }" dc | sort >got &&
	awk -F, "\$1 == \"duplicate\" || \$1 == \"reencoded\" { print \$1, \$2, \$3 }" dirt.csv >pairs &&
	test_eq "$(wc -l <pairs | tr -d " ")" 2 &&
	test_eq "$(awk -F, "NR > 1 { print \$1 }" dc | sort -u | wc -l | tr -d " ")" 2 &&
	while read kind copy orig; do
		c1=$(awk -F, -v p="$copy" "\$8 == p { print \$1 }" dc) &&
		c2=$(awk -F, -v p="$orig" "\$8 == p { print \$1 }" dc) &&
		test -n "$c1" && test_eq "$c1" "$c2" || return 1
		if [ "$kind" = duplicate ]; then
			grep -q ",same bytes,0," dc || return 1
		fi
	done <pairs &&
	"$MASKCAT" report duplicates >dt &&
	grep "^2 pairs of persons share a duplicate photo" dt
'

test_expect_success 'maskcat scan fills in missing measures identically' '
	q "SELECT * FROM measures ORDER BY image_id" >before &&
	n=$(q "SELECT count(*) FROM measures WHERE image_id % 3 = 0") &&
	q "DELETE FROM measures WHERE image_id % 3 = 0" &&
	"$MASKCAT" report quality >partial &&
	grep "not measured (run maskcat scan)" partial &&
	"$MASKCAT" scan >out &&
	grep "^scanned $n images (0 could not be read)$" out &&
	q "SELECT * FROM measures ORDER BY image_id" >after &&
	test_cmp before after &&
	"$MASKCAT" scan >out && grep "^scanned 0 images" out
'

test_expect_success 'scan reports a file that has gone, and the rest is measured' '
	q "DELETE FROM measures" &&
	f=$(sed -n 2p dirt.csv | cut -d, -f2) && rm "s/train/$f" &&
	test_expect_code 1 "$MASKCAT" scan >out 2>err &&
	grep "^scanned 559 images (1 could not be read)$" out &&
	grep "cannot read: No such file or directory" err
'

test_expect_success 'scan reads zip members back' '
	python3 -c "
import os, zipfile
with zipfile.ZipFile(\"z.zip\", \"w\") as z:
    for d, _, fs in sorted(os.walk(\"s/train\")):
        for f in sorted(fs):
            z.write(os.path.join(d, f), os.path.relpath(os.path.join(d, f), \"s\"))
" &&
	"$MASKCAT" --db z.db import base z.zip >/dev/null 2>&1;
	sqlite3 z.db "DELETE FROM measures" &&
	"$MASKCAT" --db z.db scan >out &&
	grep "^scanned 559 images (0 could not be read)$" out &&
	mv z.zip gone.zip && sqlite3 z.db "DELETE FROM measures" &&
	test_expect_code 1 "$MASKCAT" --db z.db scan >out 2>err &&
	grep "^scanned 0 images (559 could not be read)$" out &&
	grep "^maskcat: error: cannot open .*z.zip.: No such file or directory$" err
'

test_expect_success 'same pixels in other bytes, across sources; --across filters' '
	mkdir -p p1/with_mask p2/without_mask &&
	"$MKIMG" plain-png p1/with_mask/a.png 40 30 &&
	"$MKIMG" stored-png p2/without_mask/b.png 40 30 &&
	! cmp -s p1/with_mask/a.png p2/without_mask/b.png &&
	"$MKIMG" jpeg p1/with_mask/c.jpg 50 50 &&
	cp p1/with_mask/c.jpg p1/with_mask/d.jpg &&
	"$MASKCAT" --db p.db import folder --name one p1 >/dev/null &&
	"$MASKCAT" --db p.db import folder --name two p2 >/dev/null &&
	"$MASKCAT" --db p.db report duplicates --format csv >pc &&
	grep "^[0-9]*,same pixels,1,0,0,1,two,without_mask/b.png,same pixels,0," pc &&
	grep ",same bytes,0,0,0,0,one,with_mask/d.jpg,same bytes,0," pc &&
	"$MASKCAT" --db p.db report duplicates --across --format csv >ac &&
	! grep -q "d.jpg" ac && grep -q "b.png" ac &&
	"$MASKCAT" --db p.db report duplicates --no-confirm >nt &&
	grep "crosses sources, LABELS DISAGREE" nt
'

test_expect_success SHARED 'youyinnn: test photos identical to training ones are found' '
	"$MASKCAT" --db y.db import folder "$SHARED_DATA/youyinnn" >/dev/null &&
	"$MASKCAT" --db y.db report duplicates --format csv >yc &&
	(cd "$SHARED_DATA/youyinnn" && find train test -type f -print0 | xargs -0 md5sum) |
	    sort | awk "{ if (\$1 == h) print p \"|\" \$2; h = \$1; p = \$2 }" >same &&
	test -s same &&
	while IFS="|" read a b; do
		ca=$(awk -F, -v p="$a" "\$8 == p { print \$1 }" yc) &&
		cb=$(awk -F, -v p="$b" "\$8 == p { print \$1 }" yc) &&
		test -n "$ca" && test_eq "$ca" "$cb" || return 1
	done <same
'

test_expect_success SHARED 'youyinnn: _aug_ families are near duplicates (known pairs)' '
	for pair in "train/cloth_mask/0_00029_0_0.jpeg train/cloth_mask/0_00029_0_0_aug_0.jpeg" \
	    "train/cloth_mask/0_00092_1_3.jpeg train/cloth_mask/0_00092_1_3_aug_0.jpeg" \
	    "train/cloth_mask/0_00050_1_0_aug_0.jpeg train/cloth_mask/0_00050_1_0_aug_1.jpeg"; do
		set -- $pair
		ca=$(awk -F, -v p="$1" "\$8 == p { print \$1 }" yc) &&
		cb=$(awk -F, -v p="$2" "\$8 == p { print \$1 }" yc) &&
		test -n "$ca" && test_eq "$ca" "$cb" || return 1
	done
'

test_expect_success SHARED 'chandrikadeb7: every "copy" file is in one cluster with its twin' '
	test_expect_code 1 "$MASKCAT" --db c.db import folder "$SHARED_DATA/chandrikadeb7" >/dev/null 2>&1;
	"$MASKCAT" --db c.db report duplicates --format csv >cc &&
	(cd "$SHARED_DATA/chandrikadeb7" && find . -type f -name "*.*" -print0 | xargs -0 md5sum) |
	    sed "s|  \./|  |" | sort | awk "{ h = \$1; \$1 = \"\"; sub(/^ /, \"\"); if (h == ph) print pp \"|\" \$0; ph = h; pp = \$0 }" >same &&
	test -s same &&
	grep -q "copy" same &&
	while IFS="|" read a b; do
		ca=$(awk -F, -v p="$a" "\$8 == p { print \$1 }" cc) &&
		cb=$(awk -F, -v p="$b" "\$8 == p { print \$1 }" cc) &&
		test -n "$ca" && test_eq "$ca" "$cb" || { echo "$a ~ $b: $ca $cb"; return 1; }
	done <same
'

test_expect_success SHARED 'utkface: identical faces with conflicting labels are flagged' '
	test_expect_code 1 "$MASKCAT" --db u.db import utkface "$SHARED_DATA/utkface" >/dev/null 2>&1;
	"$MASKCAT" --db u.db report duplicates --format csv >uc &&
	python3 - "$SHARED_DATA/utkface" uc <<-\EOF
	import collections, csv, hashlib, os, re, sys
	ok = re.compile(r"^(\d+)_([01])_([0-4])_(\d{17})\.jpg\.chip\.jpg$")
	groups = collections.defaultdict(list)
	for f in os.listdir(sys.argv[1]):
	    if ok.match(f):
	        groups[hashlib.md5(open(os.path.join(sys.argv[1], f), "rb").read()).hexdigest()].append(f)
	rows = {r["path"]: r for r in csv.DictReader(open(sys.argv[2]))}
	def labels(f):
	    m = ok.match(f); a = int(m.group(1))
	    return (m.group(2), 0 if a < 30 else 1 if a < 60 else 2)
	conflicts = 0
	for fs in groups.values():
	    if len(fs) < 2: continue
	    cl = {rows[f]["cluster"] for f in fs}
	    assert len(cl) == 1, fs
	    if len({labels(f) for f in fs}) > 1:
	        conflicts += 1
	        assert rows[fs[0]]["labels_disagree"] == "1", fs
	assert conflicts > 0
	print("conflicting groups:", conflicts)
	EOF
'

test_done
