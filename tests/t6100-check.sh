#!/bin/sh
# maskcat check: the catalog's integrity and what changed on disk since
# import (changed, missing, new files; a zip source moved away).
. "$(dirname "$0")/test-lib.sh"

# findings FILE: the status, source and path of each finding line.
findings() {
	grep -v "^[0-9]* images checked: \|quarantined file" "$1" |
	    awk '{ print $1, $2, $3 }'
}

test_expect_success 'a freshly imported sample checks clean' '
	"$MASKCAT" synth s --persons 20 --seed 5 --eval 0 >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null &&
	n=$(q "SELECT count(*) FROM images") && test "$n" -gt 0 &&
	test_expect_code 0 "$MASKCAT" check >out &&
	echo "$n images checked: $n unchanged, 0 changed, 0 missing; 0 new files; catalog integrity ok" >want &&
	test_cmp want out
'

# Tests run in subshells: what later tests need is set out here.
n=$(q "SELECT count(*) FROM images")
d=$(q "SELECT path FROM images ORDER BY path LIMIT 1"); d=${d%/*}
e=$(q "SELECT path FROM images ORDER BY path DESC LIMIT 1"); e=${e%/*}

test_expect_success 'dot-files, non-image files and a touch are not findings' '
	cp "s/train/$d/mask1.jpg" "s/train/$d/.hidden.jpg" &&
	echo note >"s/train/$d/notes.txt" &&
	touch -d "2001-01-01" "s/train/$d/mask3.jpg" &&
	test_expect_code 0 "$MASKCAT" check --jobs 2 >out &&
	grep " 0 changed, 0 missing; 0 new files; catalog integrity ok$" out
'

test_expect_success 'a changed, a deleted and a new file: exactly three findings' '
	printf "Z" | dd of="s/train/$d/mask2.jpg" bs=1 seek=200 conv=notrunc 2>/dev/null &&
	rm "s/train/$e/normal.jpg" &&
	cp "s/train/$e/mask1.jpg" "s/train/$e/extra.jpg" &&
	test_expect_code 1 "$MASKCAT" check >out &&
	findings out >got &&
	cat >want <<-EOF &&
	changed base $d/mask2.jpg
	missing base $e/normal.jpg
	new base $e/extra.jpg
	EOF
	test_cmp want got &&
	grep "^changed  base  $d/mask2.jpg  (same size, content differs: xxh3 [0-9a-f]\{16\} -> [0-9a-f]\{16\})$" out &&
	grep "^missing  base  $e/normal.jpg  (No such file or directory)$" out &&
	grep "^new  base  $e/extra.jpg$" out &&
	grep "^$n images checked: $((n - 2)) unchanged, 1 changed, 1 missing; 1 new files; catalog integrity ok$" out
'

test_expect_success 'a file that grew shows both sizes' '
	f=$(q "SELECT path FROM images ORDER BY path LIMIT 1 OFFSET 10") &&
	b=$(q "SELECT bytes FROM images WHERE path = '"'"'$f'"'"'") &&
	printf "abc" >>"s/train/$f" &&
	test_expect_code 1 "$MASKCAT" check >out &&
	grep "^changed  base  $f  (size $b -> $((b + 3)))$" out
'

test_expect_success '--jobs 1 and --jobs 2 give the same output' '
	test_expect_code 1 "$MASKCAT" check --jobs 1 >j1 &&
	test_expect_code 1 "$MASKCAT" check --jobs 2 >j2 &&
	test_cmp j1 j2 && test_eq "$(wc -l <j1 | tr -d " ")" 5
'

test_expect_success 'csv: a header, then status,source,path,detail' '
	test_expect_code 1 "$MASKCAT" check --format csv >out.csv &&
	test_eq "$(head -n 1 out.csv)" "status,source,path,detail" &&
	test_eq "$(wc -l <out.csv | tr -d " ")" 5 &&
	grep "^missing,base,$e/normal.jpg,No such file or directory$" out.csv &&
	grep "^new,base,$e/extra.jpg,$" out.csv &&
	grep "^changed,base,$d/mask2.jpg,\"same size, content differs: " out.csv
'

test_expect_success 'json: the summary and the findings' '
	test_expect_code 1 "$MASKCAT" check --format json >out.json &&
	N=$n python3 -c "
import json, os, sys
d = json.load(open(\"out.json\"))
n = int(os.environ[\"N\"])
assert d[\"images\"] == n, d
assert (d[\"unchanged\"], d[\"changed\"], d[\"missing\"], d[\"new\"]) == (n - 3, 2, 1, 1), d
assert d[\"integrity\"] == \"ok\" and d[\"integrity_problems\"] == 0, d
assert [f[\"status\"] for f in d[\"findings\"]] == [\"changed\", \"changed\", \"missing\", \"new\"], d
assert all(f[\"source\"] == \"base\" for f in d[\"findings\"])
"
'

test_expect_success '--limit shows fewer findings, counts stay whole' '
	test_expect_code 1 "$MASKCAT" check --limit 1 >out &&
	test_eq "$(grep -c "^changed\|^missing\|^new" out)" 1 &&
	grep "^\.\.\. and 3 more findings (--limit)$" out &&
	grep " 2 changed, 1 missing; 1 new files;" out &&
	"$MASKCAT" check --format json --limit 0 | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d[\"findings\"] == [] and d[\"findings_total\"] == 4, d
"
'

test_expect_success 'a zip source: clean, quarantined files counted, then moved away' '
	"$MASKCAT" synth z --persons 3 --seed 6 --eval 0 >/dev/null &&
	f=$(cd z/train && ls -d images/*/ | head -n 1) &&
	: >"z/train/${f}mask3.jpg" &&
	mk_zip z.zip z &&
	test_expect_code 1 "$MASKCAT" import base --name zs z.zip >/dev/null 2>&1 &&
	test_eq "$(q "SELECT count(*) FROM quarantine q JOIN sources s ON s.id = q.source_id WHERE s.name = '"'"'zs'"'"'")" 1 &&
	test_expect_code 0 "$MASKCAT" check --source zs >out &&
	grep "^1 quarantined file not re-checked (maskcat import re-probes them)$" out &&
	grep "^20 images checked: 20 unchanged, 0 changed, 0 missing; 0 new files; catalog integrity ok$" out &&
	mkdir away && mv z.zip away/ &&
	test_expect_code 1 "$MASKCAT" check --source zs >out 2>err &&
	test_eq "$(grep -c "" err)" 1 &&
	grep "^maskcat: error: cannot open .*z.zip" err &&
	test_eq "$(grep -c "^missing" out)" 1 &&
	grep "^missing  zs  -  (cannot open the source.s zip .*z.zip.: 20 catalogued images not checked)$" out &&
	grep "^20 images checked: 0 unchanged, 0 changed, 20 missing; 0 new files" out
'

test_expect_success 'all sources together, in name order' '
	test_expect_code 1 "$MASKCAT" check >out 2>/dev/null &&
	findings out | awk "{ print \$1, \$2 }" | uniq >got &&
	printf "%s\n" "changed base" "missing base" "new base" "missing zs" >want &&
	test_cmp want got &&
	test_expect_code 1 "$MASKCAT" check --source nosuch 2>err &&
	grep "^maskcat: error: no source named .nosuch. in the catalog" err
'

test_expect_success 'a foreign-key violation fails the integrity check' '
	cp "$MASKCAT_DB" fk.db &&
	sqlite3 fk.db "PRAGMA foreign_keys = OFF; UPDATE persons SET source_id = 999 WHERE id = 1" &&
	test_expect_code 1 "$MASKCAT" --db fk.db check --source base >out &&
	grep "^foreign-key  -  -  (row 1 of .persons. refers to a missing .sources. row)$" out &&
	grep "catalog integrity FAILED (1 problem)$" out &&
	"$MASKCAT" --db fk.db check --format json --source base | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d[\"integrity\"] == \"failed\" and d[\"integrity_problems\"] == 1, d
assert d[\"findings\"][0][\"status\"] == \"foreign-key\", d
"
'

test_expect_success 'a corrupted index page fails the integrity check' '
	cp "$MASKCAT_DB" bad.db &&
	p=$(sqlite3 bad.db "SELECT rootpage FROM sqlite_schema WHERE name = '"'"'images_hash'"'"'") &&
	ps=$(sqlite3 bad.db "PRAGMA page_size") &&
	dd if=/dev/zero of=bad.db bs=1 seek=$(( p * ps - 200 )) count=16 conv=notrunc 2>/dev/null &&
	test_expect_code 1 "$MASKCAT" --db bad.db check --source base >out &&
	grep "^integrity  -  -  (row [0-9]* missing from index images_hash)$" out &&
	grep "catalog integrity FAILED ([0-9]* problems)$" out &&
	! grep "\*\*\*" out
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$MASKCAT" check --jobs 0 2>err &&
	grep "^maskcat: error: check: --jobs wants 1 to 64$" err &&
	test_expect_code 2 "$MASKCAT" check --format xml 2>err &&
	grep "^maskcat: error: check: unknown format .xml.$" err &&
	test_expect_code 2 "$MASKCAT" check --limit -1 2>err &&
	test_expect_code 2 "$MASKCAT" check extra 2>err &&
	grep "^maskcat: error: check: too many arguments$" err &&
	test_expect_code 2 "$MASKCAT" check --bogus 2>err &&
	grep "^usage: maskcat check " err &&
	"$MASKCAT" check --help | grep "^usage: maskcat check \[--source NAME\]" &&
	"$MASKCAT" help | grep "^   check  "
'

test_done
