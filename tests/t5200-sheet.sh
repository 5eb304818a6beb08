#!/bin/sh
# maskcat sheet: contact sheets of samples, audit flags, duplicate
# clusters and quarantined files; sizes, limits, boxes, broken files.
. "$(dirname "$0")/test-lib.sh"

# size FILE: "WxH" of a PNG, as mkimg probe reads it.
size() {
	"$MKIMG" probe "$1" | sed -n 's/.*png \([0-9]*x[0-9]*\) .*/\1/p'
}

# want_size N COLUMNS TILE ROWS: "WxH" of a sheet of N tiles in ROWS rows.
want_size() {
	c=$2
	[ "$1" -lt "$c" ] && c=$1
	echo "$((c * $3))x$(($4 * ($3 + 30)))"
}

# pixels FILE X0 Y0 X1 Y1 R G B: how many pixels of the region
# [X0, X1) x [Y0, Y1) have exactly that colour (the PNG decoded with zlib).
cat >"$TRASH/pixels.py" <<'PY'
import struct, sys, zlib
f, x0, y0, x1, y1, r, g, b = sys.argv[1], *map(int, sys.argv[2:])
d = open(f, 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat = 8, b''
while pos < len(d):
    n, t = struct.unpack('>I4s', d[pos:pos + 8])
    c = d[pos + 8:pos + 8 + n]
    if t == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', c[:10])
        assert depth == 8 and ctype == 2, (depth, ctype)
    elif t == b'IDAT':
        idat += c
    pos += 12 + n
raw, stride, prev, rows = zlib.decompress(idat), w * 3, bytearray(w * 3), []
for y in range(h):
    ft, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - 3] if i >= 3 else 0
        up, c = prev[i], prev[i - 3] if i >= 3 else 0
        if ft == 1: line[i] = (line[i] + a) & 255
        elif ft == 2: line[i] = (line[i] + up) & 255
        elif ft == 3: line[i] = (line[i] + (a + up) // 2) & 255
        elif ft == 4:
            p = a + up - c
            pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
print(sum(1 for y in range(y0, y1) for x in range(x0, x1)
          if tuple(rows[y][x * 3:x * 3 + 3]) == (r, g, b)))
PY
pixels() {
	python3 "$TRASH/pixels.py" "$@"
}

test_expect_success 'set up: 20 synthetic persons, imported' '
	"$MASKCAT" synth s --persons 20 --seed 4 --eval 0 >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null &&
	test_eq "$(q "SELECT count(*) FROM samples")" 140
'

test_expect_success 'a class: one tile per sample, columns x tile by rows x (tile + caption)' '
	n=$(q "SELECT count(*) FROM samples WHERE class = 0") &&
	"$MASKCAT" sheet --class 0 -o c.png 2>err &&
	test_eq "$(size c.png)" "$(want_size $n 8 128 $(((n + 7) / 8)))" &&
	grep "^maskcat: wrote .c.png.: $n tiles$" err &&
	"$MASKCAT" sheet --where class=0 --tile 64 --columns 3 -o w.png &&
	test_eq "$(size w.png)" "$(want_size $n 3 64 $(((n + 2) / 3)))"
'

test_expect_success '--limit caps the tiles and says how many were left out' '
	"$MASKCAT" sheet --limit 5 --columns 4 --tile 64 -o l.png 2>err &&
	test_eq "$(size l.png)" "256x188" &&
	grep "^maskcat: sheet: 135 more tiles left out (--limit 5)$" err &&
	"$MASKCAT" --quiet sheet --limit 5 -o l.png 2>err &&
	test_must_be_empty() { test ! -s "$1"; } && test_must_be_empty err
'

test_expect_success 'audit flags: label, swap and duplicate rows in file order' '
	p=$(q "SELECT folder FROM persons ORDER BY folder LIMIT 1") &&
	o=$(q "SELECT folder FROM persons ORDER BY folder LIMIT 1 OFFSET 1") &&
	{
		echo "kind,task,source,person,path,box,given,suggested,score,detail" &&
		echo "label,mask,base,$p,images/$p/mask2.jpg,,wear,not_wear,0.05," &&
		echo "swap,mask,base,$o,,,,,5.78074,\"incorrect_mask.jpg incorrect -> not_wear, normal.jpg not_wear -> incorrect\"" &&
		echo "duplicate,mask,base,$p,images/$p/mask3.jpg,,wear,not_wear,0,\"base/images/$p/mask3.jpg=wear, base/images/$o/normal.jpg=not_wear\""
	} >flags.csv &&
	"$MASKCAT" sheet --flags flags.csv -o f.png 2>err &&
	test_eq "$(size f.png)" "$(want_size 7 8 128 3)" &&
	grep "^maskcat: wrote .f.png.: 10 tiles$" err &&
	"$MASKCAT" sheet --flags flags.csv --source other -o f.png 2>err;
	test $? = 1 && grep "no source named .other." err
'

test_expect_success 'a flag naming something not in the catalog: a tile, an error, exit 1, sheet written' '
	cp flags.csv bad.csv &&
	echo "label,mask,base,x,images/nowhere/mask1.jpg,,wear,not_wear,0.5," >>bad.csv &&
	rm -f f.png &&
	test_expect_code 1 "$MASKCAT" sheet --flags bad.csv -o f.png 2>err &&
	grep "^maskcat: error: .bad.csv. line 5: .base:images/nowhere/mask1.jpg. is not in the catalog$" err &&
	test_eq "$(size f.png)" "$(want_size 7 8 128 3)" &&
	echo "path,foo" >notaudit.csv &&
	test_expect_code 1 "$MASKCAT" sheet --flags notaudit.csv -o n.png 2>err &&
	grep "not an audit CSV" err && test ! -e n.png &&
	test_expect_code 1 "$MASKCAT" sheet --flags nothere.csv -o n.png 2>err &&
	grep "^maskcat: error: cannot read .nothere.csv.: No such file or directory$" err
'

test_expect_success 'duplicate clusters: one per row, or the cluster of one image' '
	cp -r s/train copy &&
	"$MASKCAT" import base --name copy copy >/dev/null &&
	"$MASKCAT" sheet --duplicates --limit 6 -o d.png 2>err &&
	test_eq "$(size d.png)" "$(want_size 2 8 128 3)" &&
	grep "more tiles left out (--limit 6)" err &&
	p=$(q "SELECT folder FROM persons ORDER BY folder LIMIT 1") &&
	"$MASKCAT" sheet --cluster "copy:images/$p/normal.jpg" -o k.png &&
	test_eq "$(size k.png)" "$(want_size 2 8 128 1)" &&
	id=$(q "SELECT min(id) FROM images WHERE path = '"'"'images/$p/normal.jpg'"'"'") &&
	test -n "$id" &&
	"$MASKCAT" sheet --cluster "$id" -o k2.png && cmp k.png k2.png &&
	test_expect_code 1 "$MASKCAT" sheet --cluster nowhere.jpg -o k.png 2>err &&
	grep "no measured image .nowhere.jpg." err
'

test_expect_success 'quarantined files: a picture when it decodes, a grey tile when not' '
	mk_base bad "000001,female,Asian,45,000001_female_Asian_45" &&
	"$MKIMG" truncated-jpeg bad/images/000001_female_Asian_45/mask2.jpg 64 64 &&
	cp .photo.jpg bad/images/000001_female_Asian_45/mask6.jpg &&
	test_expect_code 1 "$MASKCAT" import base --name bad bad >/dev/null 2>&1 &&
	test_eq "$(q "SELECT count(*) FROM quarantine")" 2 &&
	"$MASKCAT" sheet --quarantine -o q.png 2>err &&
	test_eq "$(size q.png)" "$(want_size 2 8 128 1)" &&
	test_must_fail grep error err &&
	test "$(pixels q.png 0 0 128 128 128 128 128)" -gt 5000 &&
	test "$(pixels q.png 128 0 256 128 128 128 128)" -lt 100
'

test_expect_success 'face boxes: the sample own box highlighted, the others thinner' '
	mkdir -p voc/images voc/annotations &&
	"$MKIMG" jpeg voc/images/a.jpg 40 30 &&
	cat >voc/annotations/a.xml <<-XML &&
	<annotation><filename>a.jpg</filename><size><width>40</width><height>30</height><depth>3</depth></size>
	<object><name>with_mask</name><bndbox><xmin>2</xmin><ymin>2</ymin><xmax>16</xmax><ymax>14</ymax></bndbox></object>
	<object><name>without_mask</name><bndbox><xmin>22</xmin><ymin>12</ymin><xmax>38</xmax><ymax>28</ymax></bndbox></object>
	</annotation>
	XML
	"$MASKCAT" import voc voc >/dev/null &&
	"$MASKCAT" sheet --source voc --tile 82 -o v.png &&
	test_eq "$(size v.png)" "$(want_size 2 8 82 1)" &&
	test "$(pixels v.png 0 0 41 41 255 214 0)" -gt 20 &&
	test "$(pixels v.png 41 0 82 82 255 214 0)" -eq 0 &&
	test "$(pixels v.png 41 41 82 82 0 220 110)" -gt 10 &&
	test "$(pixels v.png 82 0 123 41 0 220 110)" -gt 10 &&
	test "$(pixels v.png 123 41 164 82 255 214 0)" -gt 20
'

test_expect_success 'a file gone or broken since import: red cross, error, exit 1, sheet written' '
	p=$(ls s/train/images | sed -n 3p) &&
	rm s/train/images/$p/mask1.jpg &&
	echo garbage >s/train/images/$p/mask2.jpg &&
	test_expect_code 1 "$MASKCAT" sheet --source base --where "person=$p" -o m.png 2>err &&
	grep "^maskcat: error: cannot read .*/s/train/images/$p/mask1.jpg.: No such file or directory$" err &&
	grep "^maskcat: error: cannot decode .*/s/train/images/$p/mask2.jpg.: " err &&
	test_eq "$(grep -c "^maskcat: error: " err)" 2 &&
	test_eq "$(size m.png)" "$(want_size 7 8 128 1)" &&
	test "$(pixels m.png 128 0 256 128 220 30 30)" -gt 100 &&
	test "$(pixels m.png 0 0 128 128 220 30 30)" -eq 0 &&
	test "$(pixels m.png 384 0 512 128 220 30 30)" -eq 0
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$MASKCAT" sheet --class 0 2>err &&
	grep "needs -o FILE.png" err &&
	test_expect_code 2 "$MASKCAT" sheet --class 18 -o x.png &&
	test_expect_code 2 "$MASKCAT" sheet --tile 8 -o x.png &&
	test_expect_code 2 "$MASKCAT" sheet --columns 0 -o x.png &&
	test_expect_code 2 "$MASKCAT" sheet --limit x -o x.png &&
	test_expect_code 2 "$MASKCAT" sheet --where "colour=red" -o x.png &&
	test_expect_code 2 "$MASKCAT" sheet --flags f.csv --class 0 -o x.png &&
	test_expect_code 2 "$MASKCAT" sheet --duplicates --quarantine -o x.png &&
	test_expect_code 2 "$MASKCAT" sheet -o x.png extra &&
	test ! -e x.png &&
	"$MASKCAT" sheet --help | grep "^usage: maskcat sheet -o FILE.png"
'

test_expect_success 'an empty selection writes nothing and says so' '
	test_expect_code 1 "$MASKCAT" sheet --where "age>150" -o e.png 2>err &&
	grep "nothing to draw: the selection is empty" err && test ! -e e.png
'

test_done
