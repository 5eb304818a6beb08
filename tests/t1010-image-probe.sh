#!/bin/sh
# image/: what img_probe_mem() accepts and the exact reason for what it
# refuses, on fixtures from tests/helper/mkimg ("mkimg probe FILE" prints
# "format WxH channels" or the reason, and exits 1 on a refusal).
. "$(dirname "$0")/test-lib.sh"

# probe_is FILE WANT: mkimg probe must print WANT and succeed.
probe_is() {
	out=$("$MKIMG" probe "$1") || { echo "probe of $1 failed: $out" >&2; return 1; }
	test_eq "$out" "$2"
}

# probe_refuses FILE REASON: mkimg probe must fail (not crash) with REASON.
probe_refuses() {
	test_must_fail "$MKIMG" probe "$1" >out || return 1
	test_eq "$(cat out)" "$2"
}

test_expect_success 'good JPEGs: RGB, grey, CMYK, progressive' '
	"$MKIMG" jpeg rgb.jpg 64 48 &&
	"$MKIMG" grey-jpeg grey.jpg 33 17 &&
	"$MKIMG" cmyk-jpeg cmyk.jpg &&
	"$MKIMG" progressive-jpeg prog.jpg 100 80 &&
	probe_is rgb.jpg "jpeg 64x48 3" &&
	probe_is grey.jpg "jpeg 33x17 1" &&
	probe_is cmyk.jpg "jpeg 64x48 4" &&
	probe_is prog.jpg "jpeg 100x80 3"
'

test_expect_success 'good PNGs: RGB, RGBA, palette with tRNS, 16-bit grey, interlaced' '
	"$MKIMG" png rgb.png 64 48 &&
	"$MKIMG" rgba-png rgba.png 5 7 &&
	"$MKIMG" palette-png pal.png &&
	"$MKIMG" grey16-png grey16.png 31 9 &&
	"$MKIMG" interlaced-png inter.png 67 45 &&
	probe_is rgb.png "png 64x48 3" &&
	probe_is rgba.png "png 5x7 4" &&
	probe_is pal.png "png 64x48 4" &&
	probe_is grey16.png "png 31x9 1" &&
	probe_is inter.png "png 67x45 3"
'

test_expect_success 'the writers leave no temporary file behind' '
	mkdir w && "$MKIMG" jpeg w/a.jpg && "$MKIMG" png w/a.png &&
	test_eq "$(ls w | tr "\n" " ")" "a.jpg a.png "
'

test_expect_success 'extraneous bytes between markers alone are harmless' '
	"$MKIMG" extraneous-jpeg extra.jpg &&
	probe_is extra.jpg "jpeg 64x48 3"
'

test_expect_success 'truncated and damaged files are refused' '
	"$MKIMG" truncated-jpeg t.jpg 200 150 &&
	"$MKIMG" truncated-png t.png 200 150 &&
	"$MKIMG" badcrc-png crc.png &&
	probe_refuses t.jpg "corrupt JPEG: Premature end of JPEG file" &&
	probe_refuses t.png "corrupt PNG: premature end of file" &&
	probe_refuses crc.png "corrupt PNG: IDAT: CRC error"
'

test_expect_success 'absurd sizes are refused from the header alone' '
	"$MKIMG" huge-jpeg-header huge.jpg 60000 60000 &&
	"$MKIMG" huge-png-header huge.png 60000 60000 &&
	"$MKIMG" huge-png-header wide.png 70000 10 &&
	"$MKIMG" huge-jpeg-header wide.jpg 65535 10 &&
	probe_refuses huge.jpg "image is 60000x60000, over the limit of 89478485 pixels; raise it with --max-pixels" &&
	probe_refuses huge.png "image is 60000x60000, over the limit of 89478485 pixels; raise it with --max-pixels" &&
	probe_refuses wide.png "image is 70000x10, over the limit of 65500 pixels per side" &&
	probe_refuses wide.jpg "image is 65535x10, over the limit of 65500 pixels per side"
'

test_expect_success 'a progressive JPEG with too many scans is refused' '
	"$MKIMG" many-scans-jpeg scans.jpg &&
	probe_refuses scans.jpg "progressive JPEG with more than 1000 scans; raise it with --max-jpeg-scans"
'

test_expect_success 'other formats are recognised but not supported' '
	for f in gif:GIF webp:WebP bmp:BMP tiff:TIFF heif:HEIF; do
		"$MKIMG" ${f%%:*} x.img &&
		probe_refuses x.img "${f#*:} images are not supported" || return 1
	done
'

test_expect_success 'empty, text, folder and missing files' '
	: >empty.jpg &&
	"$MKIMG" text notes.jpg &&
	mkdir dir.jpg &&
	probe_refuses empty.jpg "empty file" &&
	probe_refuses notes.jpg "not an image (unrecognised content)" &&
	probe_refuses dir.jpg "not a regular file" &&
	probe_refuses missing.jpg "No such file or directory"
'

test_expect_success 'an unreadable file gives the system reason' '
	"$MKIMG" jpeg locked.jpg && chmod 0 locked.jpg &&
	if [ "$(id -u)" -eq 0 ]; then
		# root reads anything: probe as nobody
		chmod 755 "$TRASH" &&
		out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$MKIMG" probe locked.jpg)
		test_eq "$?:$out" "1:Permission denied"
	else
		probe_refuses locked.jpg "Permission denied"
	fi
'

test_expect_success 'a FIFO is refused without blocking' '
	mkfifo pipe.jpg &&
	probe_refuses pipe.jpg "not a regular file"
'

test_expect_success SHARED 'the real photos in ../shared/data: all but the 3 WebP files pass' '
	find "$SHARED_DATA" -type f ! -name "*.xml" ! -name "*.md" -print0 |
	    xargs -0 "$MKIMG" probe >all; true &&
	test_eq "$(wc -l <all | tr -d " ")" 10236 &&
	grep -v ": \(jpeg\|png\) [0-9]*x[0-9]* [1-4]\$" all | sed "s|^$SHARED_DATA/||" | sort >refused &&
	cat >want <<-\EOF &&
	chandrikadeb7/with_mask/black10.webp: WebP images are not supported
	chandrikadeb7/with_mask/black19.webp: WebP images are not supported
	chandrikadeb7/with_mask/black3.jpg_1088Wx1632H: WebP images are not supported
	EOF
	test_cmp want refused &&
	test_eq "$(grep -c ": png " all)" 230
'

test_done
