#!/bin/sh
# The limits on input (lib/limits.h): for each, an input just over the
# default is quarantined with its reason, the same input imports once the
# option raises the limit, and a lowered limit refuses a small input.
# Bad values are usage errors.
. "$(dirname "$0")/test-lib.sh"

# reason SOURCE PATH: the quarantine reason recorded for PATH.
reason() {
	q "SELECT reason FROM quarantine_v WHERE source = '$1' AND path = '$2'"
}

# img SOURCE PATH: "WxH bytes" of a catalogued image, empty if none.
img() {
	q "SELECT width || 'x' || height || ' ' || bytes FROM images i
	    JOIN sources s ON s.id = i.source_id
	    WHERE s.name = '$1' AND i.path = '$2'"
}

# xs N: N bytes of 'x'.
xs() {
	head -c "$1" /dev/zero | tr '\0' x
}

test_expect_success 'help lists the limit options with their defaults' '
	"$MASKCAT" help >out &&
	grep "^   --max-pixels N  *pixels in one image (default 89478485)$" out &&
	grep "^   --max-jpeg-scans N  *scans in one progressive JPEG (default 1000)$" out &&
	grep "^   --max-csv-field BYTES  *bytes in one CSV field (default 1M)$" out &&
	grep "^   --max-csv-line BYTES  *bytes in one CSV row (default 4M)$" out &&
	grep "^   --max-xml-depth N  *element nesting in one XML file (default 64)$" out &&
	grep "^   --max-file-bytes BYTES  *bytes read for one image (default 256M)$" out
'

# bad_value WANT ARG...: maskcat ARG... info must exit 2 with the one
# error line WANT and leave no catalog behind.
bad_value() {
	bv_msg=$1; shift
	test_expect_code 2 "$MASKCAT" "$@" info 2>err &&
	test_eq "$(cat err)" "maskcat: error: $bv_msg" &&
	! test -e "$MASKCAT_DB"
}

test_expect_success 'bad values are one usage error each (exit 2)' '
	bad_value "--max-pixels expects a whole number from 1 to 1073741824, got '"'"'0'"'"'" --max-pixels 0 &&
	bad_value "--max-pixels expects a whole number from 1 to 1073741824, got '"'"'-5'"'"'" --max-pixels=-5 &&
	bad_value "--max-pixels expects a whole number from 1 to 1073741824, got '"'"'1073741825'"'"'" --max-pixels 1073741825 &&
	bad_value "--max-jpeg-scans expects a whole number from 1 to 2147483647, got '"'"'many'"'"'" --max-jpeg-scans many &&
	bad_value "--max-csv-field expects a number of bytes from 1 to 1099511627776 (K, M or G may follow), got '"'"'99999999999999999999999'"'"'" --max-csv-field 99999999999999999999999 &&
	bad_value "--max-csv-line expects a number of bytes from 1 to 1099511627776 (K, M or G may follow), got '"'"'4MB'"'"'" --max-csv-line=4MB &&
	bad_value "--max-xml-depth expects a whole number from 1 to 1048576, got '"'"'1.5'"'"'" --max-xml-depth 1.5 &&
	bad_value "--max-file-bytes expects a number of bytes from 1 to 1099511627776 (K, M or G may follow), got '"'"'info'"'"'" --quiet --max-file-bytes &&
	test_expect_code 2 "$MASKCAT" --max-file-bytes 2>err &&
	test_eq "$(cat err)" "maskcat: error: --max-file-bytes needs a value" &&
	test_expect_code 2 env MASKCAT_MAX_PIXELS=0 "$MASKCAT" info 2>err &&
	test_eq "$(cat err)" "maskcat: error: MASKCAT_MAX_PIXELS expects a whole number from 1 to 1073741824, got '"'"'0'"'"'" &&
	! test -e "$MASKCAT_DB" &&
	test_expect_code 2 "$MASKCAT" --max-pixelz 5 info 2>err &&
	grep "^maskcat: error: unknown option .--max-pixelz.$" err
'

test_expect_success 'pixels: just over the default is quarantined, --max-pixels raises it' '
	mkdir -p px/with_mask &&
	"$MKIMG" big-jpeg px/with_mask/big.jpg 9460 9459 &&
	test_expect_code 1 "$MASKCAT" import folder --name px px 2>err &&
	test_eq "$(reason px with_mask/big.jpg)" "image is 9460x9459, over the limit of 89478485 pixels; raise it with --max-pixels" &&
	test_eq "$(cat err)" "maskcat: error: '"'"'px/with_mask/big.jpg'"'"': image is 9460x9459, over the limit of 89478485 pixels; raise it with --max-pixels" &&
	test_eq "$(img px with_mask/big.jpg)" "" &&
	"$MASKCAT" --max-pixels 89482140 import folder --name px px &&
	test_eq "$(img px with_mask/big.jpg | cut -d" " -f1)" 9460x9459 &&
	test_eq "$(reason px with_mask/big.jpg)" ""
'

test_expect_success 'pixels: a lowered limit refuses a small image; option, = form and variable' '
	mkdir -p sm/with_mask sm2/with_mask sm3/with_mask &&
	"$MKIMG" jpeg sm/with_mask/a.jpg 20 20 &&
	cp sm/with_mask/a.jpg sm2/with_mask/ && cp sm/with_mask/a.jpg sm3/with_mask/ &&
	test_expect_code 1 "$MASKCAT" --max-pixels 100 import folder --name sm sm 2>err &&
	test_eq "$(reason sm with_mask/a.jpg)" "image is 20x20, over the limit of 100 pixels; raise it with --max-pixels" &&
	"$MASKCAT" --max-pixels=400 import folder --name sm sm &&
	test_eq "$(img sm with_mask/a.jpg | cut -d" " -f1)" 20x20 &&
	test_expect_code 1 env MASKCAT_MAX_PIXELS=399 "$MASKCAT" import folder --name sm2 sm2 2>err &&
	test_eq "$(reason sm2 with_mask/a.jpg)" "image is 20x20, over the limit of 399 pixels; raise it with --max-pixels" &&
	MASKCAT_MAX_PIXELS=399 "$MASKCAT" --max-pixels 400 import folder --name sm3 sm3 &&
	test_eq "$(img sm3 with_mask/a.jpg | cut -d" " -f1)" 20x20
'

test_expect_success 'pixels: other commands use the limit too' '
	test_expect_code 1 "$MASKCAT" --max-pixels 100 sheet -o s.png --source sm 2>err &&
	grep "^maskcat: error: cannot write .s.png.: the sheet would be [0-9]*x[0-9]* pixels, over the limit of 100 pixels (lower --limit, --tile or --columns, or raise --max-pixels)$" err &&
	! test -e s.png
'

test_expect_success 'JPEG scans: 1135 scans are quarantined, --max-jpeg-scans raises the limit' '
	mkdir -p sc/with_mask &&
	"$MKIMG" many-scans-jpeg sc/with_mask/scans.jpg &&
	test_expect_code 1 "$MASKCAT" import folder --name sc sc 2>err &&
	test_eq "$(reason sc with_mask/scans.jpg)" "progressive JPEG with more than 1000 scans; raise it with --max-jpeg-scans" &&
	test_eq "$(cat err)" "maskcat: error: '"'"'sc/with_mask/scans.jpg'"'"': progressive JPEG with more than 1000 scans; raise it with --max-jpeg-scans" &&
	test_expect_code 1 "$MASKCAT" --max-jpeg-scans 1134 import folder --name sc sc 2>err &&
	test_eq "$(reason sc with_mask/scans.jpg)" "progressive JPEG with more than 1134 scans; raise it with --max-jpeg-scans" &&
	"$MASKCAT" --max-jpeg-scans 1135 import folder --name sc sc &&
	test_eq "$(img sc with_mask/scans.jpg | cut -d" " -f1)" 64x48 &&
	test_eq "$(reason sc with_mask/scans.jpg)" ""
'

test_expect_success 'JPEG scans: a lowered limit refuses a plain progressive JPEG' '
	mkdir -p pr/with_mask &&
	"$MKIMG" progressive-jpeg pr/with_mask/p.jpg 40 30 &&
	test_expect_code 1 "$MASKCAT" --max-jpeg-scans 5 import folder --name pr pr 2>err &&
	test_eq "$(reason pr with_mask/p.jpg)" "progressive JPEG with more than 5 scans; raise it with --max-jpeg-scans" &&
	"$MASKCAT" --max-jpeg-scans 10 import folder --name pr pr &&
	test_eq "$(img pr with_mask/p.jpg | cut -d" " -f1)" 40x30
'

# mk_csv DIR ROW3: DIR/img/a.jpg and b.jpg, and DIR/m.csv listing a.jpg on
# line 2 and b.jpg on line 3 with the rest of that row from stdin.
mk_csv() {
	mkdir -p "$1/img" &&
	"$MKIMG" jpeg "$1/img/a.jpg" 20 20 && "$MKIMG" jpeg "$1/img/b.jpg" 21 20 &&
	{ printf "file,cls,note\nimg/a.jpg,with_mask,short\nimg/b.jpg,with_mask"
	  cat; echo; } >"$1/m.csv"
}

test_expect_success 'CSV field: 1 MiB + 1 is refused, --max-csv-field raises it' '
	{ printf ,; xs 1048577; } | mk_csv cf &&
	test_expect_code 1 "$MASKCAT" import csv --name cf cf/m.csv --path-col file --label-col cls 2>err &&
	test_eq "$(reason cf m.csv:3)" "line 3: field longer than 1048576 bytes; raise it with --max-csv-field; the rest of the file is ignored" &&
	test_eq "$(cat err)" "maskcat: error: '"'"'cf/m.csv:3'"'"': line 3: field longer than 1048576 bytes; raise it with --max-csv-field; the rest of the file is ignored" &&
	test_eq "$(img cf img/a.jpg | cut -d" " -f1)" 20x20 &&
	test_eq "$(img cf img/b.jpg)" "" &&
	"$MASKCAT" --max-csv-field 1048577 import csv --name cf cf/m.csv --path-col file --label-col cls &&
	test_eq "$(img cf img/b.jpg | cut -d" " -f1)" 21x20 &&
	test_eq "$(reason cf m.csv:3)" ""
'

test_expect_success 'CSV row: 4 MiB + 23 is refused, --max-csv-line raises it' '
	for i in 1 2 3 4; do printf ,; xs 1048576; done | mk_csv cl &&
	test_eq "$(sed -n 3p cl/m.csv | wc -c)" 4194328 &&
	test_expect_code 1 "$MASKCAT" import csv --name cl cl/m.csv --path-col file --label-col cls 2>err &&
	test_eq "$(reason cl m.csv:3)" "line 3: row longer than 4194304 bytes; raise it with --max-csv-line; the rest of the file is ignored" &&
	test_eq "$(cat err)" "maskcat: error: '"'"'cl/m.csv:3'"'"': line 3: row longer than 4194304 bytes; raise it with --max-csv-line; the rest of the file is ignored" &&
	test_eq "$(img cl img/b.jpg)" "" &&
	"$MASKCAT" --max-csv-line=4194327 import csv --name cl cl/m.csv --path-col file --label-col cls &&
	test_eq "$(img cl img/b.jpg | cut -d" " -f1)" 21x20 &&
	test_eq "$(reason cl m.csv:3)" ""
'

test_expect_success 'CSV: lowered limits refuse a small manifest' '
	echo ",x" | mk_csv cs &&
	test_expect_code 1 "$MASKCAT" --max-csv-line 10 import csv --name cs cs/m.csv --path-col file --label-col cls 2>err &&
	test_eq "$(cat err)" "maskcat: error: '"'"'cs/m.csv'"'"': line 1: row longer than 10 bytes; raise it with --max-csv-line" &&
	test_eq "$(q "SELECT count(*) FROM sources WHERE name = '"'"'cs'"'"'")" 0 &&
	test_expect_code 1 "$MASKCAT" --max-csv-field 8 import csv --name cs cs/m.csv --path-col file --label-col cls 2>err &&
	test_eq "$(reason cs m.csv:2)" "line 2: field longer than 8 bytes; raise it with --max-csv-field; the rest of the file is ignored" &&
	"$MASKCAT" --max-csv-field 1K --max-csv-line 1K import csv --name cs cs/m.csv --path-col file --label-col cls &&
	test_eq "$(q "SELECT count(*) FROM images i JOIN sources s ON s.id = i.source_id WHERE s.name = '"'"'cs'"'"'")" 2
'

# voc_xml FILE N: an annotation of a.jpg (40x30, one box) whose <annotation>
# also holds N nested <x> elements, so it is N + 1 deep.
voc_xml() {
	{
		printf "<annotation><filename>a.jpg</filename>"
		printf "<size><width>40</width><height>30</height></size>"
		printf "<object><name>with_mask</name><bndbox><xmin>1</xmin>"
		printf "<ymin>1</ymin><xmax>10</xmax><ymax>10</ymax></bndbox></object>"
		i=0; while [ $i -lt "$2" ]; do printf "<x>"; i=$((i + 1)); done
		i=0; while [ $i -lt "$2" ]; do printf "</x>"; i=$((i + 1)); done
		printf "</annotation>\n"
	} >"$1"
}

test_expect_success 'XML depth: 65 levels are quarantined, --max-xml-depth raises it' '
	mkdir -p voc/images voc/annotations &&
	"$MKIMG" jpeg voc/images/a.jpg 40 30 &&
	voc_xml voc/annotations/a.xml 64 &&
	test_expect_code 1 "$MASKCAT" import voc voc 2>err &&
	test_eq "$(reason voc annotations/a.xml)" "XML nested deeper than 64 elements; raise it with --max-xml-depth" &&
	test_eq "$(reason voc images/a.jpg)" "not imported: its annotation '"'"'annotations/a.xml'"'"' was refused" &&
	grep -x "maskcat: error: .voc/annotations/a.xml.: XML nested deeper than 64 elements; raise it with --max-xml-depth" err &&
	"$MASKCAT" --max-xml-depth 65 import voc voc &&
	test_eq "$(q "SELECT x0, y0, x1, y1, label FROM boxes_v WHERE source = '"'"'voc'"'"' AND path = '"'"'images/a.jpg'"'"'")" "0|0|10|10|with_mask" &&
	test_eq "$(reason voc annotations/a.xml)" ""
'

test_expect_success 'XML depth: a lowered limit refuses a plain annotation' '
	mkdir -p voc2/images voc2/annotations &&
	"$MKIMG" jpeg voc2/images/a.jpg 40 30 &&
	voc_xml voc2/annotations/a.xml 0 &&
	test_expect_code 1 "$MASKCAT" --max-xml-depth 3 import voc --name voc2 voc2 2>err &&
	test_eq "$(reason voc2 annotations/a.xml)" "XML nested deeper than 3 elements; raise it with --max-xml-depth" &&
	"$MASKCAT" --max-xml-depth 4 import voc --name voc2 voc2 &&
	test_eq "$(q "SELECT count(*) FROM boxes_v WHERE source = '"'"'voc2'"'"'")" 1
'

test_expect_success 'file bytes: 256 MiB + 1 is quarantined, --max-file-bytes raises it' '
	mkdir -p fb/with_mask &&
	"$MKIMG" jpeg fb/with_mask/big.jpg 20 20 &&
	truncate -s 268435457 fb/with_mask/big.jpg &&
	test_expect_code 1 "$MASKCAT" import folder --name fb fb 2>err &&
	test_eq "$(reason fb with_mask/big.jpg)" "cannot read: file is 268435457 bytes, over the limit of 268435456 bytes" &&
	"$MASKCAT" --max-file-bytes 268435457 import folder --name fb fb &&
	test_eq "$(img fb with_mask/big.jpg)" "20x20 268435457"
'

test_expect_success 'file bytes: a lowered limit refuses a small file' '
	mkdir -p fs/with_mask &&
	"$MKIMG" png fs/with_mask/a.png 20 20 &&
	n=$(wc -c <fs/with_mask/a.png | tr -d " ") &&
	test_expect_code 1 "$MASKCAT" --max-file-bytes 100 import folder --name fs fs 2>err &&
	test_eq "$(reason fs with_mask/a.png)" "cannot read: file is $n bytes, over the limit of 100 bytes" &&
	"$MASKCAT" --max-file-bytes 1K import folder --name fs fs &&
	test_eq "$(img fs with_mask/a.png)" "20x20 $n"
'

test_done
