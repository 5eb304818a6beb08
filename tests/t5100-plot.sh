#!/bin/sh
# plot: the gnuplot scripts (golden, exact text), real PNG and SVG output,
# plot split on a real export, and the failures (no gnuplot, gnuplot
# failing, usage errors): the output is written atomically.
. "$(dirname "$0")/test-lib.sh"

# The expected scripts.  At the top level because they hold single quotes.
cat >classes.want <<\EOF
# maskcat plot classes: a gnuplot script (run: gnuplot FILE)
if (strstrt(" ".GPVAL_TERMINALS." ", " pngcairo ") > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10" background rgb "white"
} else {
	set terminal png size 1000,600 noenhanced background rgb "white"
}
set output 'c.png'
set title "images per class, source 'base': 147 samples, median class 4.0, 2 scarce (under half the median)"
set ylabel "images"
set style fill solid 0.85 border -1
set boxwidth 0.8
set xrange [-0.6:17.6]
set yrange [0:*]
set xtics rotate by 45 right nomirror
set grid ytics
set key top right
set arrow 1 from graph 0, first 2 to graph 1, first 2 nohead dashtype 2 lc rgb "#d62728" front
set label 1 "half the median (2)" at graph 0.99, first 2 right offset 0,0.7 tc rgb "#d62728" front
$data << EOD
# class name images scarce
0 "wear male <30" 20 0
1 "wear male 30-59" 20 0
2 "wear male 60+" 5 0
3 "wear female <30" 20 0
4 "wear female 30-59" 20 0
5 "wear female 60+" 20 0
6 "incorrect male <30" 4 0
7 "incorrect male 30-59" 4 0
8 "incorrect male 60+" 1 1
9 "incorrect female <30" 4 0
10 "incorrect female 30-59" 4 0
11 "incorrect female 60+" 4 0
12 "not_wear male <30" 4 0
13 "not_wear male 30-59" 4 0
14 "not_wear male 60+" 1 1
15 "not_wear female <30" 4 0
16 "not_wear female 30-59" 4 0
17 "not_wear female 60+" 4 0
EOD
plot $data using 1:3:xtic(2) with boxes lc rgb "#4c72b0" title "images", \
     $data using 1:($1 == 8 ? $3 : NaN) with boxes lc rgb "#d62728" title "scarce: incorrect male 60+ (1)", \
     $data using 1:($1 == 14 ? $3 : NaN) with boxes lc rgb "#d62728" title "scarce: not_wear male 60+ (1)"
EOF
cat >ages.want <<\EOF
# maskcat plot ages: a gnuplot script (run: gnuplot FILE)
if (strstrt(" ".GPVAL_TERMINALS." ", " pngcairo ") > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10" background rgb "white"
} else {
	set terminal png size 1000,600 noenhanced background rgb "white"
}
set output 'c.png'
set title "persons by age, source 'base': 21 with an age (samples without a person count alone)"
set xlabel "age (years)"
set ylabel "persons"
set style fill solid 0.85 border -1
set boxwidth 0.9
set xrange [-0.5:70.5]
set yrange [0:*]
set xtics 0,10 nomirror
set grid ytics
set key off
set arrow 1 from 29.5, graph 0 to 29.5, graph 1 nohead dashtype 2 lw 1.5 lc rgb "#555555"
set arrow 2 from 59.5, graph 0 to 59.5, graph 1 nohead dashtype 2 lw 1.5 lc rgb "#555555"
set label 1 "30" at 29.5, graph 1 center offset 0,0.7 tc rgb "#555555"
set label 2 "60" at 59.5, graph 1 center offset 0,0.7 tc rgb "#555555"
set label 3 "<30" at 15, graph 0.95 center
set label 4 "30-59" at 45, graph 0.95 center
set label 5 "60+" at 65, graph 0.95 center
$data << EOD
# age persons
19 4
20 4
40 4
45 4
60 1
65 4
EOD
plot $data using 1:2 with boxes lc rgb "#4c72b0"
EOF
cat >cube.want <<\EOF
# maskcat plot cube: a gnuplot script (run: gnuplot FILE)
if (strstrt(" ".GPVAL_TERMINALS." ", " pngcairo ") > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10" background rgb "white"
} else {
	set terminal png size 1000,600 noenhanced background rgb "white"
}
set output 'c.png'
set title "samples by mask state, gender and age bin, source 'base': 147 samples"
set ylabel "samples"
set style data histograms
set style histogram clustered gap 2
set style fill solid 0.85 border -1
set yrange [0:*]
set xtics nomirror
set grid ytics
set key outside right top vertical
$data << EOD
# mask "male <30" "male 30-59" "male 60+" "female <30" "female 30-59" "female 60+"
"wear" 20 20 5 20 20 20
"incorrect" 4 4 1 4 4 4
"not_wear" 4 4 1 4 4 4
EOD
plot $data using 2:xtic(1) title "male <30" lc rgb "#9ecae1", \
     $data using 3 title "male 30-59" lc rgb "#4292c6", \
     $data using 4 title "male 60+" lc rgb "#08519c", \
     $data using 5 title "female <30" lc rgb "#fcbba1", \
     $data using 6 title "female 30-59" lc rgb "#fb6a4a", \
     $data using 7 title "female 60+" lc rgb "#a50f15"
EOF
cat >sources.want <<\EOF
# maskcat plot sources: a gnuplot script (run: gnuplot FILE)
set terminal svg size 640,480 noenhanced font "sans,10" background rgb "white"
set output 's s.svg'
set title "samples by mask state per source: 2 sources, 154 samples"
set ylabel "samples"
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 border -1
set boxwidth 0.6
set yrange [0:*]
set xtics rotate by 45 right nomirror
set grid ytics
set key outside right top vertical
$data << EOD
# source wear incorrect not_wear
"base" 105 21 21
"two" 5 1 1
EOD
plot $data using 2:xtic(1) title "wear" lc rgb "#2ca02c", \
     $data using 3 title "incorrect" lc rgb "#ff7f0e", \
     $data using 4 title "not_wear" lc rgb "#d62728"
EOF

# A gnuplot that fails as gnuplot does: a message on stderr, status 3.
cat >fail-gnuplot <<\EOF
#!/bin/sh
cat >/dev/null
echo '"/dev/stdin" line 9: unexpected trouble' >&2
echo 'second line' >&2
exit 3
EOF
chmod +x fail-gnuplot

# is_png FILE WxH: the 8-byte PNG signature, and mkimg reads that size.
is_png() {
	test_eq "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" 89504e470d0a1a0a &&
	"$MKIMG" probe "$1" >probe &&
	grep "png $2" probe
}

# is_svg FILE: XML or <svg first, a closing </svg>.
is_svg() {
	head -c 5 "$1" >start &&
	case "$(cat start)" in "<?xml"|"<svg"*) ;; *) return 1 ;; esac &&
	grep "</svg>" "$1"
}

test_expect_success 'set up: 21 persons in every cell, one man of 60; a second source' '
	set -- &&
	i=0 &&
	for spec in female:19 female:45 female:65 male:20 male:40; do
		for n in 1 2 3 4; do
			i=$((i + 1)) && id=$(printf %06d $i) &&
			g=${spec%:*} && a=${spec#*:} &&
			set -- "$@" "$id,$g,Asian,$a,${id}_${g}_Asian_$a"
		done
	done &&
	mk_base d "$@" "000021,male,Asian,60,000021_male_Asian_60" &&
	"$MASKCAT" import base d &&
	mk_base e "000031,male,White,35,000031_male_White_35" &&
	"$MASKCAT" import base --name two e
'

test_expect_success 'classes: the 18 bars, the two scarce classes red and named' '
	"$MASKCAT" plot classes --source base -o c.png --script >got &&
	test_cmp classes.want got &&
	test_must_fail ls c.png c.png.tmp.* 2>/dev/null
'

test_expect_success 'ages: the histogram with the edges at 30 and 60' '
	"$MASKCAT" plot ages --source base -o c.png --script >got &&
	test_cmp ages.want got
'

test_expect_success 'cube: mask states as groups, gender x age bin as bars' '
	"$MASKCAT" plot cube --source base -o c.png --script >got &&
	test_cmp cube.want got
'

test_expect_success 'sources: one stacked bar per source; svg terminal and --size' '
	"$MASKCAT" plot sources -o "s s.svg" --size 640x480 --script >got &&
	test_cmp sources.want got
'

test_expect_success GNUPLOT 'gnuplot draws a PNG of the size asked' '
	"$MASKCAT" plot classes -o classes.png 2>err &&
	test_eq "$(cat err)" "" &&
	is_png classes.png 1000x600 &&
	"$MASKCAT" plot ages --size 640x480 -o ages.PNG &&
	is_png ages.PNG 640x480 &&
	test_eq "$(ls | grep -c tmp)" 0
'

test_expect_success GNUPLOT 'gnuplot draws an SVG; the file name may hold blanks' '
	"$MASKCAT" plot cube -o "cube chart.svg" &&
	is_svg "cube chart.svg" &&
	"$MASKCAT" plot sources -o s.svg &&
	is_svg s.svg
'

test_expect_success GNUPLOT 'split: per stratum, the whole and each side, from a real export' '
	MASKCAT_DB=$TRASH/split.db &&
	export MASKCAT_DB &&
	"$MASKCAT" synth s --persons 30 --seed 2 --eval 0 >/dev/null &&
	"$MASKCAT" import base s >/dev/null &&
	"$MASKCAT" export exp --size 32x32 >/dev/null &&
	"$MASKCAT" plot split --report exp/split_report.json -o split.png \
	    --script >split.gp &&
	grep "^# stratum whole% train% valid%$" split.gp &&
	grep "^plot \$data using 2:xtic(1) title \"whole\"" split.gp &&
	python3 -c "
import json
r = json.load(open(\"exp/split_report.json\"))
rows = open(\"split.gp\").read().split(\"<< EOD\n\")[1].split(\"EOD\n\")[0]
rows = [l for l in rows.splitlines() if not l.startswith(\"#\")]
assert len(rows) == len(r[\"strata\"]), (len(rows), len(r[\"strata\"]))
for l, s in zip(rows, r[\"strata\"]):
    name, rest = l[1:].split(\"\\\" \")
    v = [float(x) for x in rest.split()]
    assert name == s[\"stratum\"], (name, s)
    assert abs(v[0] - 100 * s[\"whole\"]) < 1e-3, (l, s)
    assert abs(v[1] - 100 * s[\"share\"][0]) < 1e-3, (l, s)
    assert abs(v[2] - 100 * s[\"share\"][1]) < 1e-3, (l, s)
" &&
	"$MASKCAT" plot split --report exp/split_report.json -o split.png &&
	is_png split.png 1000x600
'

test_expect_success 'split: a missing or foreign report is an error' '
	test_expect_code 1 "$MASKCAT" plot split --report nope.json -o x.png 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot read '"'"'nope.json'"'"': No such file or directory" &&
	echo "{\"strata\": []}" >empty.json &&
	test_expect_code 1 "$MASKCAT" plot split --report empty.json -o x.png 2>err &&
	grep "lists no strata" err &&
	test_must_fail ls x.png
'

test_expect_success 'no gnuplot: one line, exit 1, the old file untouched' '
	echo old >keep.png &&
	MASKCAT_GNUPLOT=/nonexistent test_expect_code 1 "$MASKCAT" plot classes -o keep.png 2>err &&
	test_eq "$(cat err)" "maskcat: error: cannot run '"'"'/nonexistent'"'"': No such file or directory (install gnuplot-nox, or set MASKCAT_GNUPLOT)" &&
	test_eq "$(cat keep.png)" old &&
	MASKCAT_GNUPLOT=/nonexistent test_expect_code 1 "$MASKCAT" plot ages -o new.svg 2>err &&
	test_must_fail ls new.svg new.svg.tmp.* 2>/dev/null
'

test_expect_success 'gnuplot failing: its status and first lines, no file left' '
	MASKCAT_GNUPLOT=./fail-gnuplot test_expect_code 1 "$MASKCAT" plot cube -o f.png 2>err &&
	cat >want <<-\EOT &&
	maskcat: error: '"'"'./fail-gnuplot'"'"' failed with status 3: "/dev/stdin" line 9: unexpected trouble | second line
	EOT
	test_cmp want err &&
	test_must_fail ls f.png f.png.tmp.* 2>/dev/null
'

test_expect_success 'a gnuplot that exits 0 but writes nothing is an error' '
	printf "#!/bin/sh\ncat >/dev/null\n" >lazy-gnuplot &&
	chmod +x lazy-gnuplot &&
	MASKCAT_GNUPLOT=./lazy-gnuplot test_expect_code 1 "$MASKCAT" plot ages -o f.svg 2>err &&
	grep "^maskcat: error: .\./lazy-gnuplot. did not write .f\.svg\.tmp\.[0-9]*.: No such file or directory$" err &&
	test_must_fail ls f.svg 2>/dev/null
'

test_expect_success 'a name the script cannot carry is refused' '
	test_expect_code 1 "$MASKCAT" plot ages -o "it'"'"'s.png" --script 2>err &&
	grep "holds a quote or a line break" err
'

test_expect_success 'nothing to plot, unknown source' '
	test_expect_code 1 "$MASKCAT" plot classes --source nope -o x.png 2>err &&
	grep "no source named .nope." err &&
	test_expect_code 1 "$MASKCAT" plot sources --source nope -o x.png 2>err &&
	grep "no source named .nope." err
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$MASKCAT" plot pie -o x.png 2>err &&
	grep "^maskcat: error: plot: unknown chart .pie.$" err &&
	test_expect_code 2 "$MASKCAT" plot classes -o x.jpg 2>err &&
	grep "cannot tell the format of .x\.jpg.: name it \.png or \.svg" err &&
	test_expect_code 2 "$MASKCAT" plot classes -o .png 2>err &&
	test_expect_code 2 "$MASKCAT" plot classes -o d/.svg 2>err &&
	test_expect_code 2 "$MASKCAT" plot classes 2>err &&
	test_expect_code 2 "$MASKCAT" plot -o x.png 2>err &&
	test_expect_code 2 "$MASKCAT" plot classes -o x.png --size 10x10 2>err &&
	test_expect_code 2 "$MASKCAT" plot classes -o x.png --size 800 2>err &&
	test_expect_code 2 "$MASKCAT" plot split -o x.png 2>err &&
	grep "split needs --report" err &&
	test_expect_code 2 "$MASKCAT" plot classes --report r.json -o x.png 2>err &&
	test_must_fail ls x.png x.jpg 2>/dev/null
'

test_expect_success '--help lists the kinds' '
	"$MASKCAT" plot --help >out &&
	grep "^usage: maskcat plot classes|ages|cube|sources|split" out &&
	"$MASKCAT" help >out &&
	grep "^   plot  *draw a chart of the catalog with gnuplot$" out
'

test_done
