#!/bin/sh
# maskcat report html: one self-contained page, the saved split and audit
# reports it shows (schema 5), and a real browser rendering it.
. "$(dirname "$0")/test-lib.sh"

export MASKCAT_DB
# The page must stay small: thumbnails are ~128 px JPEG, galleries capped.
SIZE_CAP=1500000

# chrome ARGS...: headless Chromium with a private profile in the trash
# folder (never $HOME); its chatter (dbus, GPU) goes to chromium.err.
chrome() {
	HOME=$TRASH timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$TRASH/chromium-profile" "$@" 2>>chromium.err
}

# not_blank FILE: the line of "mkimg measure" in FILE shows a page, not
# a blank one: its luminance entropy (4th field from the end) is above
# 0.1 and its 1st percentile (8th from the end) below 0.95 (white is 1).
not_blank() {
	awk "{ exit !(\$(NF - 3) > 0.1 && \$(NF - 7) < 0.95) }" "$1"
}

# srcs FILE: every src="..." value of the page, one per line.
srcs() {
	grep -o 'src="[^"]*' "$1" | sed 's/^src="//'
}

test_expect_success 'set up: 30 synthetic persons, imported' '
	"$MASKCAT" synth s --persons 30 --seed 6 --eval 0 --errors truth.csv \
	    --dirt dirt.csv >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null &&
	test_eq "$(q "PRAGMA user_version")" 5 &&
	test_eq "$(q "SELECT count(*) FROM saved_reports")" 0
'

test_expect_success 'without an export or an audit the page says so' '
	"$MASKCAT" report html -o bare.html &&
	grep "No export has been saved in this catalog yet" bare.html &&
	grep "No audit has been saved in this catalog yet" bare.html &&
	grep "<h2>Overview</h2>" bare.html &&
	grep "<h2>Class imbalance</h2>" bare.html
'

test_expect_success 'export and audit save their reports in the catalog' '
	"$MASKCAT" export out --size 64x64 >/dev/null &&
	"$MASKCAT" audit >audit.txt &&
	q "SELECT kind FROM saved_reports ORDER BY id" >kinds &&
	printf "split\naudit\n" >want && test_cmp want kinds &&
	test_eq "$(q "SELECT command FROM saved_reports WHERE kind = '\''split'\''")" \
	    "maskcat export out --size 64x64" &&
	test_eq "$(q "SELECT command FROM saved_reports WHERE kind = '\''audit'\''")" \
	    "maskcat audit" &&
	test_eq "$(q "SELECT body ->> '\''out'\'' FROM saved_reports WHERE kind = '\''split'\''")" out &&
	test_eq "$(q "SELECT json_extract(body, '\''$.report.samples'\'') FROM saved_reports WHERE kind = '\''split'\''")" \
	    "$(sed -n "s/^ *\"samples\": \([0-9]*\),.*/\1/p" out/split_report.json | head -n 1)" &&
	"$MASKCAT" audit --format json >audit.json &&
	q "SELECT rtrim(body, char(10)) FROM saved_reports WHERE kind = '\''audit'\'' ORDER BY id DESC LIMIT 1" >saved.json &&
	test_cmp audit.json saved.json &&
	"$MASKCAT" audit --format csv >/dev/null &&
	test_eq "$(q "SELECT count(*) FROM saved_reports WHERE kind = '\''audit'\''")" 3
'

test_expect_success 'the page: every section, data: URIs only, small' '
	"$MASKCAT" report html -o report.html &&
	for h in "Overview" "Class imbalance" "Quality" "Duplicates" \
	    "Latest split" "Latest audit" "How this page was made"; do
		grep "<h2>$h</h2>" report.html || return 1
	done &&
	! grep -n "http:\|https:\|<script" report.html &&
	srcs report.html >srcs &&
	test -s srcs &&
	! grep -v "^data:image/\(png\|jpeg\);base64," srcs &&
	test $(wc -c <report.html) -lt $SIZE_CAP &&
	grep "Written to <code>$PWD/out</code>" report.html &&
	grep "maskcat export out --size 64x64" report.html &&
	grep "maskcat report html -o report.html" report.html &&
	grep "maskcat 0\.[0-9]" report.html &&
	grep "schema 5" report.html &&
	grep "left out of this gallery (--gallery 48)" report.html &&
	test $(grep -o "<img " report.html | wc -l) -le $((3 * 48 + 5))
'

test_expect_success GNUPLOT 'the page embeds the charts of maskcat plot' '
	test $(grep -c "^data:image/png;base64," srcs) -eq 5 &&
	grep "Images per class" report.html &&
	grep "the whole and each side" report.html
'

test_expect_success '--gallery caps every gallery and says what was left out' '
	"$MASKCAT" report html -o small.html --gallery 2 &&
	test $(grep -o "data:image/jpeg" small.html | wc -l) -le 6 &&
	grep "more photos of flags left out of this gallery (--gallery 2)" small.html &&
	test $(wc -c <small.html) -lt $(wc -c <report.html)
'

test_expect_success 'without gnuplot the page says so and is still written' '
	MASKCAT_GNUPLOT=$TRASH/no-such-gnuplot "$MASKCAT" report html \
	    -o nogp.html 2>err &&
	grep "gnuplot is not installed" nogp.html &&
	! grep "data:image/png" nogp.html &&
	grep "<h2>Latest audit</h2>" nogp.html
'

test_expect_success 'bad command lines' '
	test_expect_code 2 "$MASKCAT" report html &&
	test_expect_code 2 "$MASKCAT" report html -o x.html --gallery 0 &&
	test_expect_code 2 "$MASKCAT" report imbalance -o x.html &&
	test_must_fail "$MASKCAT" report html -o x.html --source nosuch &&
	test ! -e x.html
'

test_expect_success CHROMIUM 'chromium renders the page: a PNG, not blank' '
	chrome --screenshot="$TRASH/shot.png" --window-size=1280,900 \
	    "file://$TRASH/report.html" >/dev/null &&
	"$MKIMG" probe shot.png >probe &&
	grep "png 1280x900 [34]$" probe &&
	"$MKIMG" measure shot.png >m &&
	not_blank m
'

test_expect_success CHROMIUM 'the blank check catches a blank page' '
	printf "<!DOCTYPE html><html><body></body></html>\n" >blank.html &&
	chrome --screenshot="$TRASH/blank.png" --window-size=1280,900 \
	    "file://$TRASH/blank.html" >/dev/null &&
	"$MKIMG" measure blank.png >m &&
	! not_blank m
'

test_expect_success CHROMIUM 'chromium shows every image of the page' '
	chrome --dump-dom "file://$TRASH/report.html" >dom.html &&
	grep -q "</html>" dom.html &&
	test $(grep -o "<img " dom.html | wc -l) -eq $(grep -o "<img " report.html | wc -l) &&
	! grep -q "data-broken=\"1\"" dom.html
'

test_expect_success CHROMIUM 'the broken-image check catches a broken data URI' '
	good=$(sed -n "s/.*src=\"\(data:image\/jpeg;base64,[^\"]*\)\".*/\1/p" \
	    report.html | head -n 1) &&
	test -n "$good" &&
	{
		echo "<!DOCTYPE html><html><body>" &&
		echo "<img src=\"$good\" id=good onerror=\"this.setAttribute('\''data-broken'\'','\''1'\'')\">" &&
		echo "<img src=\"data:image/jpeg;base64,AAAAbm90IGEganBlZw==\" id=bad onerror=\"this.setAttribute('\''data-broken'\'','\''1'\'')\">" &&
		echo "</body></html>"
	} >broken.html &&
	chrome --dump-dom "file://$TRASH/broken.html" >dom2.html &&
	test $(grep -o "data-broken=\"1\"" dom2.html | wc -l) -eq 1 &&
	grep -q "id=\"bad\"[^>]*data-broken=\"1\"\|data-broken=\"1\"[^>]*id=\"bad\"" dom2.html
'

test_done
