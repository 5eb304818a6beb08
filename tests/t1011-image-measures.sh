#!/bin/sh
# image/: the quality measures of img_probe_measure(), through
# "mkimg measure FILE..." (one line per file: "phash dhash thumb_hash p1
# p99 mean sharpness entropy colour orientation WxH", or the reason of a
# refusal and exit 1, exactly as "mkimg probe" refuses).
. "$(dirname "$0")/test-lib.sh"

# field N FILE: field N of the measure line of FILE.
field() {
	"$MKIMG" measure "$2" | cut -d" " -f"$1"
}

test_expect_success 'EXIF orientation turns the thumbnail (both byte orders)' '
	for o in 1 2 3 4 5 6 7 8; do
		"$MKIMG" exif-jpeg-$o be$o.jpg 80 40 &&
		"$MKIMG" exif-le-jpeg-$o le$o.jpg 80 40 || return 1
		if [ $o -ge 5 ]; then want="$o 32x64"; else want="$o 64x32"; fi
		test_eq "$(field 10- be$o.jpg)" "$want" &&
		test_eq "$(field 10- le$o.jpg)" "$want" || return 1
	done &&
	test_eq "$("$MKIMG" probe be6.jpg)" "jpeg 80x40 3"
'

test_expect_success 'orientation changes the hashes, not the brightness' '
	test_eq "$(field 4-9 be1.jpg)" "$(field 4-9 be6.jpg)" &&
	test "$(field 1 be1.jpg)" != "$(field 1 be6.jpg)"
'

test_expect_success 'the same pixels give the same thumb_hash: plain, stored, interlaced PNG' '
	"$MKIMG" plain-png plain.png 67 45 &&
	"$MKIMG" stored-png stored.png 67 45 &&
	"$MKIMG" interlaced-png inter.png 67 45 &&
	cmp -s plain.png stored.png && return 1
	"$MKIMG" measure plain.png >a && "$MKIMG" measure stored.png >b &&
	"$MKIMG" measure inter.png >c &&
	test_cmp a b && test_cmp a c &&
	test_eq "$(cut -d" " -f11 a)" "64x43"
'

test_expect_success 'every kind of good image is measured' '
	"$MKIMG" jpeg rgb.jpg 640 480 &&
	"$MKIMG" grey-jpeg grey.jpg 33 17 &&
	"$MKIMG" cmyk-jpeg cmyk.jpg &&
	"$MKIMG" progressive-jpeg prog.jpg 100 80 &&
	"$MKIMG" extraneous-jpeg extra.jpg &&
	"$MKIMG" png rgb.png 64 48 &&
	"$MKIMG" rgba-png rgba.png 5 7 &&
	"$MKIMG" palette-png pal.png &&
	"$MKIMG" grey16-png grey16.png 31 9 &&
	"$MKIMG" measure rgb.jpg grey.jpg cmyk.jpg prog.jpg extra.jpg \
	    rgb.png rgba.png pal.png grey16.png >out &&
	sed "s/^\([^:]*\): .* \([0-9]*x[0-9]*\)$/\1 \2/" out >sizes &&
	cat >want <<-\EOF &&
	rgb.jpg 64x48
	grey.jpg 33x17
	cmyk.jpg 64x48
	prog.jpg 64x51
	extra.jpg 64x48
	rgb.png 64x48
	rgba.png 5x7
	pal.png 64x48
	grey16.png 31x9
	EOF
	test_cmp want sizes &&
	test_eq "$(field 9 grey.jpg)" "0.000" &&
	test_eq "$(field 9 grey16.png)" "0.000"
'

test_expect_success 'refusals are those of mkimg probe, word for word' '
	"$MKIMG" truncated-jpeg t.jpg 200 150 &&
	"$MKIMG" truncated-png t.png 200 150 &&
	"$MKIMG" badcrc-png crc.png &&
	"$MKIMG" many-scans-jpeg scans.jpg &&
	"$MKIMG" huge-jpeg-header huge.jpg 60000 60000 &&
	"$MKIMG" huge-png-header huge.png 60000 60000 &&
	"$MKIMG" webp x.webp && : >empty.jpg &&
	set -- t.jpg t.png crc.png scans.jpg huge.jpg huge.png x.webp \
	    empty.jpg missing.jpg &&
	test_expect_code 1 "$MKIMG" probe "$@" >probe.out &&
	test_expect_code 1 "$MKIMG" measure "$@" >measure.out &&
	test_cmp probe.out measure.out &&
	test_eq "$(grep -c . measure.out)" 9
'

test_expect_success SHARED 'the real photos in ../shared/data: same verdicts as mkimg probe' '
	find "$SHARED_DATA" -type f ! -name "*.xml" ! -name "*.md" -print0 |
	    xargs -0 "$MKIMG" probe >probe.all; true &&
	find "$SHARED_DATA" -type f ! -name "*.xml" ! -name "*.md" -print0 |
	    xargs -0 "$MKIMG" measure >measure.all; true &&
	test_eq "$(wc -l <measure.all | tr -d " ")" 10236 &&
	grep -v ": \(jpeg\|png\) [0-9]*x[0-9]* [1-4]\$" probe.all | sort >p.refused &&
	grep -v ": [0-9a-f]\{16\} [0-9a-f]\{16\} [0-9a-f]\{16\} " measure.all |
	    sort >m.refused &&
	test_cmp p.refused m.refused &&
	test_eq "$(grep -c . m.refused)" 3 &&
	# every measured photo has a thumbnail of long side 64 or less
	sed -n "s/.* \([1-8]\) \([0-9]*\)x\([0-9]*\)\$/\2 \3/p" measure.all |
	    awk "\$1 < 1 || \$2 < 1 || \$1 > 64 || \$2 > 64 { bad++ }
	    END { exit bad > 0 }"
'

test_done
