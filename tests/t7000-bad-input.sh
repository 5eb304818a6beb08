#!/bin/sh
# The bad-input corpus (issue 9): one crafted file per kind of trouble,
# each with its exact outcome: accepted with the right catalog row and the
# right pixels, or quarantined with its exact reason and one stderr line.
# Every file is generated here (tests/helper/mkbad and mkimg, printf,
# python3's zipfile); nothing binary is committed.  The tables below are
# the corpus: add a row to add a kind.
. "$(dirname "$0")/test-lib.sh"

MKBAD=$MASKCAT_BUILD/tests/helper/mkbad

# each TABLE FUNC: runs FUNC with the arguments of every row of TABLE (a
# function calling its $1 once a row); fails if any call failed.
each() {
	each_func=$2 each_rc=0
	$1 each_row
	return $each_rc
}
each_row() {
	$each_func "$@" || each_rc=1
}

# row TABLE NAME FUNC: runs FUNC with the arguments of TABLE's row NAME.
row() {
	row_name=$2 row_func=$3 row_rc=2
	$1 row_pick
	[ $row_rc -ne 2 ] || echo "no row $row_name in $1" >&2
	return $row_rc
}
row_pick() {
	[ "$1" = "$row_name" ] || return 0
	$row_func "$@"
	row_rc=$?
}

# hexof STRING: STRING's bytes as sqlite3's hex() prints them.
hexof() {
	printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F
}

# The images, imported with 'import folder' from corpus/with_mask/.  Each
# row: FILE, the command that makes it ($f is FILE, $w the PPM of the
# upright pixels it must decode to), then the outcome:
#   ok FORMAT WIDTH HEIGHT CHANNELS ORIENTATION MAE: the catalog row (the
#	size as stored), the EXIF orientation measured, and, exported as PNG
#	(orientation applied), pixels within a mean absolute error of MAE
#	(0-255; 0 for lossless PNG) of $w
#   q REASON: quarantined with exactly REASON
images() {
	$1 baseline.jpg     '"$MKBAD" rgb-jpeg "$f" "$w"'	ok jpeg 64 48 3 1 2
	$1 cmyk.jpg         '"$MKBAD" cmyk-jpeg "$f" "$w"'	ok jpeg 64 48 4 1 2
	$1 ycck.jpg         '"$MKBAD" ycck-jpeg "$f" "$w"'	ok jpeg 64 48 4 1 2
	$1 icc.jpg          '"$MKBAD" icc-jpeg "$f" "$w"'	ok jpeg 64 48 3 1 2
	for o in 1 2 3 4; do
		$1 exif-$o.jpg "\"\$MKBAD\" exif-$o-jpeg \"\$f\" \"\$w\"" \
		    ok jpeg 64 48 3 $o 2
	done
	for o in 5 6 7 8; do
		$1 exif-$o.jpg "\"\$MKBAD\" exif-$o-jpeg \"\$f\" \"\$w\"" \
		    ok jpeg 48 64 3 $o 2
	done
	$1 rgb16.png        '"$MKBAD" rgb16-png "$f" "$w"'	ok png 64 48 3 1 0
	$1 palette-trns.png '"$MKBAD" palette-trns-png "$f" "$w"' ok png 64 48 4 1 0
	$1 interlaced.png   '"$MKBAD" interlaced-png "$f" "$w"'	ok png 64 48 3 1 0
	# PNG bytes in a .jpg (a byte after IEND keeps it from being a
	# duplicate of interlaced.png): accepted with a warning
	$1 png-named.jpg    '"$MKBAD" interlaced-png "$f" "$w" && printf x >>"$f"' \
	    ok png 64 48 3 1 0
	$1 zero-byte.jpg    ': >"$f"'				q empty file
	$1 truncated.jpg    '"$MKIMG" truncated-jpeg "$f" 64 48' \
	    q corrupt JPEG: Premature end of JPEG file
	$1 truncated.png    '"$MKIMG" truncated-png "$f" 64 48' \
	    q corrupt PNG: premature end of file
	# a PNG whose signature lost the high bit of its first byte (0x89
	# became 0x09), as a 7-bit transfer does
	$1 wrong-magic.png  '"$MKBAD" interlaced-png x.png && { printf "\011"; tail -c +2 x.png; } >"$f"' \
	    q not an image \(unrecognised content\)
	$1 huge.png         '"$MKIMG" huge-png-header "$f" 100000 100000' \
	    q image is 100000x100000, over the limit of 65500 pixels per side
	$1 huge.jpg         '"$MKIMG" huge-jpeg-header "$f" 60000 60000' \
	    q image is 60000x60000, over the limit of 89478485 pixels\; raise it with --max-pixels
	$1 scans.jpg        '"$MKBAD" sos-bomb-jpeg "$f"' \
	    q progressive JPEG with more than 1000 scans\; raise it with --max-jpeg-scans
	$1 bad-crc.png      '"$MKIMG" badcrc-png "$f"'		q corrupt PNG: IDAT: CRC error
	$1 webp-named.jpg   '"$MKIMG" webp "$f"'		q WebP images are not supported
	$1 anim.gif         '"$MKIMG" gif "$f"'			q GIF images are not supported
	$1 notes.txt        '"$MKIMG" text "$f"'		q not an image \(unrecognised content\)
}

# make_image FILE MAKE OUTCOME...: runs MAKE for FILE.
make_image() {
	f=corpus/with_mask/$1 w=drawn/$1.ppm
	eval "$2" || { echo "cannot make $1" >&2; return 1; }
}

# count_image FILE MAKE ok|q ...: counts the rows of each outcome.
count_image() {
	case $3 in ok) n_ok=$((n_ok + 1)) ;; q) n_q=$((n_q + 1)) ;; esac
}

# check_image FILE MAKE OUTCOME...: the catalog (and stderr, err) agree
# with OUTCOME.
check_image() {
	file=$1; shift 2
	row=$(q "SELECT format, width, height, channels, m.orientation
	    FROM images i LEFT JOIN measures m ON m.image_id = i.id
	    WHERE path = 'with_mask/$file'")
	why=$(q "SELECT reason FROM quarantine WHERE path = 'with_mask/$file'")
	if [ "$1" = ok ]; then
		test_eq "$row" "$2|$3|$4|$5|$6" && test_eq "$why" ""
	else
		shift
		test_eq "$why" "$*" && test_eq "$row" "" &&
		grep -Fqx "maskcat: error: 'corpus/with_mask/$file': $*" err
	fi
}

# check_pixels FILE MAKE ok FORMAT W H C O MAE: the exported image (in
# exported/, found by image id) decodes to drawn/FILE.ppm within MAE.
check_pixels() {
	[ "$3" = ok ] || return 0
	id=$(q "SELECT id FROM images WHERE path = 'with_mask/$1'")
	got=$(find exported -name "corpus-$id.png")
	[ -n "$got" ] || { echo "$1 (id $id) was not exported" >&2; return 1; }
	"$MKBAD" cmp "$got" "drawn/$1.ppm" "$9" >>pixels ||
	    { echo "$1: pixels differ: $(tail -n 1 pixels)" >&2; return 1; }
}

test_expect_success 'the image corpus is generated' '
	mkdir -p corpus/with_mask drawn &&
	each images make_image
'

test_expect_success 'import folder: every kind is accepted or quarantined, none crashes' '
	test_expect_code 1 "$MASKCAT" import folder --name corpus corpus >out 2>err &&
	n_ok=0 n_q=0 && each images count_image &&
	grep "^imported $n_ok images of 0 persons from .corpus. as source .corpus. (0 unchanged, $n_q quarantined, 1 warnings, 0 removed" out &&
	test_eq "$(q "SELECT count(*) FROM images")" $n_ok &&
	test_eq "$(q "SELECT count(*) FROM quarantine")" $n_q &&
	grep -Fx "maskcat: warning: '"'"'corpus/with_mask/png-named.jpg'"'"': png content in a .jpg file; catalogued as png" err &&
	test_eq "$(wc -l <err | tr -d " ")" $((n_q + 1))
'

# One test per row, named after its file and outcome.
test_image() {
	ti_file=$1
	shift 2
	test_expect_success "$ti_file: $*" "row images $ti_file check_image"
}
each images test_image

test_expect_success 'accepted images decode, upright, to the pixels drawn' '
	"$MASKCAT" export exported --source corpus --classes mask --format png >rep &&
	each images check_pixels
'

test_expect_success 'the pixel check sees a missed orientation or colour conversion' '
	test_must_fail "$MKBAD" cmp corpus/with_mask/exif-3.jpg drawn/exif-3.jpg.ppm 2 >o &&
	grep "mae [1-9][0-9]" o &&
	test_must_fail "$MKBAD" cmp corpus/with_mask/exif-6.jpg drawn/exif-6.jpg.ppm 2 >o &&
	test_eq "$(cat o)" "48x64, want 64x48" &&
	test_must_fail "$MKBAD" cmp corpus/with_mask/baseline.jpg drawn/cmyk.jpg.ppm 2
'

# Paths: stored byte for byte; every message naming one stays one line,
# with control characters and bytes that are not UTF-8 escaped.
NL='
'
test_expect_success 'paths with spaces, quotes, newlines and non-UTF-8 bytes' '
	d="odd names/with_mask" && mkdir -p "$d" &&
	for n in "with space.jpg" "it'"'"'s \"quoted\".jpg" "new${NL}line.jpg" \
	    "$(printf "latin1 \351t\351.jpg")" "$(printf "c1 \302\233.jpg")"; do
		"$MKBAD" rgb-jpeg "$d/$n" && printf "%s" "$n" >>"$d/$n" || return 1
	done &&
	: >"$d/empty${NL}file.jpg" &&
	"$MKIMG" text "$d/$(printf "text\377.jpg")" &&
	"$MKIMG" png "$d/$(printf "png\tin\033[1m.jpg")" &&
	test_expect_code 1 "$MASKCAT" --db names.db import folder --name names "odd names" >out 2>err &&
	for n in "with space.jpg" "it'"'"'s \"quoted\".jpg" "new${NL}line.jpg" \
	    "$(printf "latin1 \351t\351.jpg")" "$(printf "c1 \302\233.jpg")" \
	    "$(printf "png\tin\033[1m.jpg")"; do
		hexof "with_mask/$n" && echo || return 1
	done | sort >want &&
	sqlite3 names.db "SELECT hex(path) FROM images ORDER BY 1" >got &&
	test_cmp want got &&
	test_eq "$(sqlite3 names.db "SELECT hex(path) || '"'"' '"'"' || reason FROM quarantine ORDER BY 1")" \
	    "$(hexof "with_mask/empty${NL}file.jpg") empty file
$(hexof "$(printf "with_mask/text\377.jpg")") not an image (unrecognised content)" &&
	cat >want <<-\EOF &&
	maskcat: error: '"'"'odd names/with_mask/empty\nfile.jpg'"'"': empty file
	maskcat: warning: '"'"'odd names/with_mask/png\tin\x1b[1m.jpg'"'"': png content in a .jpg file; catalogued as png
	maskcat: error: '"'"'odd names/with_mask/text\xff.jpg'"'"': not an image (unrecognised content)
	EOF
	test_cmp want err
'

# CSV manifests for 'import csv --path-col path --label-col label'.  Each
# row: NAME, the manifest (a printf format), and the path its one row
# must store (printf format too).
csvs() {
	$1 bom     '\357\273\277path,label\nimg/a.jpg,with_mask\n'	'img/a.jpg'
	$1 crlf    'path,label\r\nimg/b.jpg,with_mask\r\n'		'img/b.jpg'
	$1 quotes  'path,label\n"img/a, ""b"".jpg",with_mask\n'	'img/a, "b".jpg'
	$1 newline 'path,label\r\n"img/new\nline.jpg",with_mask\r\n'	'img/new\nline.jpg'
}

# check_csv NAME FORMAT PATH: imports csv/NAME.csv as source NAME; its
# row lands with PATH and the label exactly (no BOM, no CR).
check_csv() {
	printf "$2" >"csv/$1.csv" &&
	"$MASKCAT" import csv --name "$1" --path-col path --label-col label \
	    "csv/$1.csv" >out 2>err &&
	test_eq "$(cat err)" "" &&
	test_eq "$(q "SELECT hex(path) || ' ' || hex(label) FROM images_v WHERE source = '$1'")" \
	    "$(hexof "$(printf "$3")") $(hexof with_mask)"
}

test_expect_success 'CSV: the images the manifests list' '
	mkdir -p csv/img &&
	for n in a.jpg b.jpg "a, \"b\".jpg" "new${NL}line.jpg" c.jpg d.jpg; do
		"$MKBAD" rgb-jpeg "csv/img/$n" && printf "%s" "$n" >>"csv/img/$n" ||
		    return 1
	done
'

test_csv() {
	test_expect_success "CSV with $1: the row imports, path and label exact" \
	    "row csvs $1 check_csv"
}
each csvs test_csv

test_expect_success 'CSV: a 1 MiB field passes, one byte more stops the file there' '
	{
		printf "path,label,note\nimg/c.jpg,with_mask," &&
		head -c 1048576 /dev/zero | tr "\0" x &&
		printf "\nimg/d.jpg,with_mask," &&
		head -c 1048577 /dev/zero | tr "\0" x &&
		printf "\nimg/a.jpg,with_mask,after\n"
	} >csv/field.csv &&
	test_expect_code 1 "$MASKCAT" import csv --name field --path-col path --label-col label csv/field.csv >out 2>err &&
	test_eq "$(q "SELECT group_concat(path) FROM images_v WHERE source = '"'"'field'"'"'")" img/c.jpg &&
	test_eq "$(q "SELECT path || '"'"' '"'"' || reason FROM quarantine_v WHERE source = '"'"'field'"'"'")" \
	    "field.csv:3 line 3: field longer than 1048576 bytes; raise it with --max-csv-field; the rest of the file is ignored" &&
	test_eq "$(cat err)" "maskcat: error: '"'"'csv/field.csv:3'"'"': line 3: field longer than 1048576 bytes; raise it with --max-csv-field; the rest of the file is ignored"
'

# PASCAL VOC annotations for 'import voc'.  Each row: NAME (the image is
# images/NAME.jpg, the annotation annotations/NAME.xml), the annotation's
# text (printf format; %s is the image name), and the reason it is
# quarantined with.
xmls() {
	$1 external '<!DOCTYPE annotation [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<annotation><filename>%s</filename><object><name>&x;</name></object></annotation>\n' \
	    "XML declares entity 'x'; entities are refused"
	$1 param '<!DOCTYPE annotation [\n<!ENTITY %% p SYSTEM "file:///etc/passwd">\n%%p;\n]>\n<annotation><filename>%s</filename></annotation>\n' \
	    "XML declares entity '%p'; entities are refused"
	$1 laughs '<!DOCTYPE annotation [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n<annotation><filename>%s</filename><object><name>&c;</name></object></annotation>\n' \
	    "XML declares entity 'a'; entities are refused"
	$1 dtd '<!DOCTYPE annotation SYSTEM "file:///etc/passwd">\n<annotation><filename>%s</filename><object><name>&x;</name></object></annotation>\n' \
	    "XML refers to entity 'x', which is not defined"
	$1 deep "<annotation><filename>%s</filename>$(printf '%.0s<a>' $(seq 70))$(printf '%.0s</a>' $(seq 70))</annotation>\n" \
	    "XML nested deeper than 64 elements; raise it with --max-xml-depth"
}

make_xml() {
	"$MKBAD" rgb-jpeg "voc/images/$1.jpg" && printf "%s" "$1" >>"voc/images/$1.jpg" &&
	printf "$2" "$1.jpg" >"voc/annotations/$1.xml"
}

check_xml() {
	test_eq "$(q "SELECT reason FROM quarantine_v WHERE source = 'voc' AND path = 'annotations/$1.xml'")" "$3" &&
	test_eq "$(q "SELECT reason FROM quarantine_v WHERE source = 'voc' AND path = 'images/$1.jpg'")" \
	    "not imported: its annotation 'annotations/$1.xml' was refused" &&
	grep -Fqx "maskcat: error: 'voc/annotations/$1.xml': $3" err
}

test_expect_success 'XML: entities and deep nesting are refused; the good file imports' '
	mkdir -p voc/images voc/annotations &&
	each xmls make_xml &&
	make_xml good "<annotation><filename>%s</filename><size><width>64</width><height>48</height><depth>3</depth></size><object><name>with_mask</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>\n" &&
	test_expect_code 1 "$MASKCAT" import voc voc >out 2>err &&
	test_eq "$(q "SELECT group_concat(path) FROM images_v WHERE source = '"'"'voc'"'"'")" images/good.jpg &&
	test_eq "$(wc -l <err | tr -d " ")" 10 &&
	! grep -q "root:" err && ! sqlite3 "$MASKCAT_DB" .dump | grep -q "root:"
'

test_xml() {
	test_expect_success "XML $1: $3" "row xmls $1 check_xml"
}
each xmls test_xml

# Zip archives for 'import folder': members that would land outside the
# archive, links, a name with a newline, and a truncated archive.
test_expect_success 'zip: ../ and absolute members, links, odd names; the rest imports' '
	"$MKBAD" rgb-jpeg ok.jpg &&
	python3 - <<-\EOF &&
	import stat, zipfile
	img = open("ok.jpg", "rb").read()
	def link(z, name, target):
	    i = zipfile.ZipInfo(name)
	    i.create_system = 3
	    i.external_attr = (stat.S_IFLNK | 0o777) << 16
	    z.writestr(i, target)
	with zipfile.ZipFile("z.zip", "w", zipfile.ZIP_DEFLATED) as z:
	    z.writestr("with_mask/ok.jpg", img)
	    z.writestr("../up.jpg", img + b"1")
	    z.writestr("with_mask/../../dotdot.jpg", img + b"2")
	    z.writestr("/etc/abs.jpg", img + b"3")
	    z.writestr("C:/win.jpg", img + b"4")
	    link(z, "with_mask/link.jpg", "/etc/passwd")
	    link(z, "with_mask/dir", "../../..")
	    z.writestr("with_mask/empty\nmember.jpg", b"")
	EOF
	test_expect_code 1 "$MASKCAT" import folder --name zip z.zip >out 2>err &&
	test_eq "$(q "SELECT group_concat(path) FROM images_v WHERE source = '"'"'zip'"'"'")" with_mask/ok.jpg &&
	q "SELECT path || '"'"': '"'"' || reason FROM quarantine_v WHERE source = '"'"'zip'"'"' ORDER BY 1" >got &&
	cat >want <<-\EOF &&
	../up.jpg: member path escapes the archive
	/etc/abs.jpg: member path escapes the archive
	C:/win.jpg: member path escapes the archive
	with_mask/../../dotdot.jpg: member path escapes the archive
	with_mask/dir: member is a symbolic link
	with_mask/empty
	member.jpg: empty file
	with_mask/link.jpg: member is a symbolic link
	EOF
	test_cmp want got &&
	sort err >got &&
	cat >want <<-\EOF &&
	maskcat: error: '"'"'z.zip:../up.jpg'"'"': member path escapes the archive
	maskcat: error: '"'"'z.zip:/etc/abs.jpg'"'"': member path escapes the archive
	maskcat: error: '"'"'z.zip:C:/win.jpg'"'"': member path escapes the archive
	maskcat: error: '"'"'z.zip:with_mask/../../dotdot.jpg'"'"': member path escapes the archive
	maskcat: error: '"'"'z.zip:with_mask/dir'"'"': member is a symbolic link
	maskcat: error: '"'"'z.zip:with_mask/empty\nmember.jpg'"'"': empty file
	maskcat: error: '"'"'z.zip:with_mask/link.jpg'"'"': member is a symbolic link
	EOF
	test_cmp want got &&
	! test -e ../up.jpg && ! test -e /etc/abs.jpg
'

test_expect_success 'zip: a truncated archive is refused, naming it; nothing is written' '
	head -c $(( $(wc -c <z.zip) * 2 / 3 )) z.zip >cut.zip &&
	test_expect_code 1 "$MASKCAT" import folder --name cut cut.zip >out 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot open '"'"'cut.zip'"'"': Unrecognized archive format (no zip central directory: truncated or damaged archive)" &&
	test_eq "$(q "SELECT count(*) FROM sources WHERE name = '"'"'cut'"'"'")" 0
'

test_done
