#!/bin/sh
# tree/: a zip archive lists and reads like the folder it was made from;
# members that could escape the archive are refused with the exact reason;
# damaged archives and members fail with a clear message.  Zips are made
# here with python3's zipfile (tests/helper/treecat reads them).
. "$(dirname "$0")/test-lib.sh"

TREECAT=$MASKCAT_BUILD/tests/helper/treecat

# mkzip ZIP FOLDER: zips FOLDER's content (paths relative to FOLDER), in
# the order os.walk() meets it, not sorted.
mkzip() {
	python3 - "$1" "$2" <<-\EOF
	import os, sys, zipfile
	out, top = sys.argv[1], sys.argv[2]
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
	    for root, dirs, files in os.walk(top):
	        for name in dirs + files:
	            full = os.path.join(root, name)
	            z.write(full, os.path.relpath(full, top))
	EOF
}

# pyzip ZIP 'python statements using z': a zip written by hand.
pyzip() {
	python3 -c "import stat, zipfile
z = zipfile.ZipFile('$1', 'w')
$2
z.close()"
}

test_expect_success 'a folder and its zip list and read the same' '
	mkdir -p src/a/b src/c src/empty &&
	echo hello >src/a/b/x.txt &&
	head -c 70000 /dev/urandom >src/c/r.bin &&
	printf "" >src/c/zero &&
	echo top >src/top.txt &&
	mkzip src.zip src &&
	"$TREECAT" all src >want &&
	"$TREECAT" all src.zip >got &&
	test_cmp want got &&
	test_eq "$(wc -l <got | tr -d " ")" 4 &&
	"$TREECAT" ls src >want &&
	"$TREECAT" ls src.zip >got &&
	test_cmp want got &&
	"$TREECAT" ls src c >want &&
	"$TREECAT" ls src.zip c >got &&
	test_cmp want got &&
	"$TREECAT" cat src.zip a/b/x.txt >got &&
	test_eq "$(cat got)" hello
'

test_expect_success 'members imply their folders' '
	pyzip implied.zip "z.writestr(\"a/b/c.jpg\", \"abc\")
z.writestr(\"./d/e.txt\", \"de\")" &&
	"$TREECAT" ls implied.zip >got &&
	printf "d a\nd d\n" >want && test_cmp want got &&
	"$TREECAT" ls implied.zip a >got &&
	printf "d a/b\n" >want && test_cmp want got &&
	"$TREECAT" ls implied.zip a/b >got &&
	printf "f a/b/c.jpg 3\n" >want && test_cmp want got &&
	test_eq "$("$TREECAT" cat implied.zip d/e.txt)" de
'

test_expect_success 'names starting with a dot are not listed' '
	pyzip dots.zip "z.writestr(\".hidden\", \"h\")
z.writestr(\"._x.jpg\", \"x\")
z.writestr(\".git/config\", \"c\")
z.writestr(\"v/.DS_Store\", \"d\")
z.writestr(\"v/seen.jpg\", \"s\")" &&
	"$TREECAT" all dots.zip >got &&
	test_eq "$(cut -d" " -f1,2 got)" "v/seen.jpg 1" &&
	test_eq "$("$TREECAT" ls dots.zip | tr "\n" " ")" "d v "
'

test_expect_success 'an unknown folder is an error' '
	test_must_fail "$TREECAT" ls src.zip nope 2>err &&
	test_eq "$(cat err)" "maskcat: error: no folder '\''nope'\'' in '\''src.zip'\''" &&
	test_must_fail "$TREECAT" cat src.zip nope 2>err &&
	test_eq "$(cat err)" "No such file or directory"
'

test_expect_success 'members escaping the archive are refused, the rest read' '
	pyzip evil.zip "z.writestr(\"ok.jpg\", \"fine\")
z.writestr(\"../evil.jpg\", \"bad\")
z.writestr(\"/etc/x\", \"bad\")
z.writestr(\"a/../../y\", \"bad\")" &&
	"$TREECAT" all evil.zip >out 2>err &&
	cat >want <<-\EOF &&
	refused: ../evil.jpg: member path escapes the archive
	refused: /etc/x: member path escapes the archive
	refused: a/../../y: member path escapes the archive
	EOF
	test_cmp want err &&
	test_eq "$(cut -d" " -f1,2 out)" "ok.jpg 4" &&
	test_must_fail "$TREECAT" cat evil.zip ../evil.jpg 2>err &&
	test_eq "$(tail -n 1 err)" "No such file or directory"
'

test_expect_success 'a symbolic link member is refused' '
	pyzip link.zip "i = zipfile.ZipInfo(\"link.jpg\")
i.create_system = 3
i.external_attr = (stat.S_IFLNK | 0o777) << 16
z.writestr(i, \"/etc/passwd\")
z.writestr(\"real.jpg\", \"r\")" &&
	"$TREECAT" ls link.zip >out 2>err &&
	test_eq "$(cat err)" "refused: link.jpg: member is a symbolic link" &&
	test_eq "$(cat out)" "f real.jpg 1" &&
	test_must_fail "$TREECAT" cat link.zip link.jpg 2>/dev/null
'

test_expect_success 'a truncated zip fails to open, naming the file' '
	python3 -c "import sys
d = open(\"src.zip\", \"rb\").read()
open(\"cut.zip\", \"wb\").write(d[:len(d) // 2])" &&
	test_must_fail "$TREECAT" ls cut.zip 2>err &&
	grep "^maskcat: error: cannot open '\''cut.zip'\'': ." err
'

test_expect_success 'a member with a bad CRC fails to read, with the reason' '
	pyzip crc.zip "z.writestr(\"a.txt\", \"hello world\" * 10)
z.writestr(\"b.txt\", \"second\")" &&
	python3 -c "d = bytearray(open(\"crc.zip\", \"rb\").read())
d[d.index(b\"hello world\")] ^= 1
open(\"crc.zip\", \"wb\").write(d)" &&
	test_must_fail "$TREECAT" cat crc.zip a.txt 2>err &&
	grep "^damaged zip member: .*CRC" err &&
	test_eq "$("$TREECAT" cat crc.zip b.txt)" second
'

test_expect_success 'a file that is neither a folder nor a zip' '
	echo text >plain.zip &&
	test_must_fail "$TREECAT" ls plain.zip 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot open '\''plain.zip'\'': neither a folder nor a zip archive"
'

test_expect_success 'an empty zip is an empty tree' '
	pyzip empty.zip "" &&
	"$TREECAT" ls empty.zip >out &&
	test_eq "$(cat out)" ""
'

test_expect_success 'members read in reverse and random order' '
	mkdir -p many &&
	python3 -c "import os, random
random.seed(3)
for i in range(300):
    d = \"many/%02d\" % (i % 17)
    os.makedirs(d, exist_ok=True)
    open(\"%s/%03d.jpg\" % (d, i), \"wb\").write(os.urandom(random.randint(0, 5000)))" &&
	mkzip many.zip many &&
	"$TREECAT" order many.zip sorted >sorted &&
	"$TREECAT" order many.zip reverse >reverse &&
	"$TREECAT" order many.zip random >random &&
	"$TREECAT" order many sorted >want &&
	test_cmp want sorted && test_cmp want reverse && test_cmp want random
'

test_expect_success 'a 2,000-member zip in shuffled order reads in sorted order' '
	python3 -c "import random, zipfile
random.seed(5)
names = [\"p%04d/%s.jpg\" % (p, s) for p in range(286)
         for s in (\"mask1\", \"mask2\", \"mask3\", \"mask4\", \"mask5\",
                   \"incorrect_mask\", \"normal\")][:2000]
random.shuffle(names)
with zipfile.ZipFile(\"big.zip\", \"w\", zipfile.ZIP_DEFLATED) as z:
    for n in names:
        z.writestr(n, (n + \"\\n\") * 50)" &&
	"$TREECAT" order big.zip sorted >out &&
	test_eq "$(cut -d" " -f1,2 out)" "2000 files" &&
	"$TREECAT" all big.zip >all &&
	test_eq "$(wc -l <all | tr -d " ")" 2000
'

test_expect_success SHARED 'youyinnn: the folder and its zip read the same' '
	python3 - "$SHARED_DATA/youyinnn" <<-\EOF &&
	import os, sys, zipfile
	top = sys.argv[1]
	with zipfile.ZipFile("youyinnn.zip", "w", zipfile.ZIP_DEFLATED) as z:
	    for root, dirs, files in os.walk(top):
	        for name in files:
	            full = os.path.join(root, name)
	            z.write(full, os.path.relpath(full, top))
	EOF
	"$TREECAT" all "$SHARED_DATA/youyinnn" >want &&
	"$TREECAT" all youyinnn.zip >got &&
	test_cmp want got &&
	test "$(wc -l <got)" -gt 1000
'

test_done
