#!/bin/sh
# Crash safety of import: at least 50 runs killed with SIGKILL at random
# points over the whole duration of an uninterrupted run (some of them
# reruns of an already killed catalog, some reading a zip).  After every
# kill the catalog passes integrity_check and foreign_key_check and each
# row it holds equals the reference's row for the same path; a rerun then
# exits as the uninterrupted run did and gives exactly the reference.
#
# KILL_SEED=N replays a run's kill delays (the seed is printed first);
# IMPORT_ARGS (default empty) is passed to every import, e.g. "--jobs 2".
. "$(dirname "$0")/test-lib.sh"

KILL_SEED=${KILL_SEED:-$(date +%s)}
KILLS_WANTED=${KILLS_WANTED:-50}
echo "# kill seed $KILL_SEED (replay with KILL_SEED=$KILL_SEED);" \
    "IMPORT_ARGS='${IMPORT_ARGS:-}'"

# dump DB: every row of the catalog's content, one line each, independent
# of row ids and run ids (dup_of as the path it points to), sorted.
dump() {
	sqlite3 "$1" "SELECT 'image', i.path, p.folder, i.bytes, i.mtime_ns,
	    i.hash, i.format, i.width, i.height, i.channels, i.label, i.mask,
	    i.gender, i.age, i.age_bin, i.class, i.race, i.status, d.path,
	    m.version, m.phash, m.dhash, m.thumb_hash, m.bright_mean,
	    m.sharpness, m.entropy, m.colour, m.orientation
	    FROM images i LEFT JOIN persons p ON p.id = i.person_id
	    LEFT JOIN images d ON d.id = i.dup_of
	    LEFT JOIN measures m ON m.image_id = i.id;
	    SELECT 'person', folder, ext_id, gender, race, age, csv_line
	    FROM persons;
	    SELECT 'quarantine', path, reason FROM quarantine;
	    SELECT 'source', name, kind, root, container, prefix FROM sources" |
	    sort
}

# import_run DB SRC: one import into DB; its exit status.
import_run() {
	"$MASKCAT" --db "$1" import ${IMPORT_ARGS:-} base "$2" >/dev/null 2>&1
}

# folder N: the folder of person N (100..259).
folder() { echo "000${1}_female_Asian_$((18 + $1 % 43))"; }

test_expect_success SQLITE3 'set up 160 persons with bad files and duplicates, a folder and a zip' '
	"$MKIMG" jpeg .photo.jpg 96 128 &&
	rows= && i=100 &&
	while [ $i -lt 260 ]; do
		rows="$rows 000$i,female,Asian,$((18 + i % 43)),$(folder $i)"
		i=$((i + 1))
	done &&
	mk_base d $rows 000999,male,Asian,30,000999_male_Asian_30 &&
	rm -r d/images/000999_male_Asian_30 &&
	mk_person d/images/000998_male_Asian_31 &&
	: >d/images/$(folder 110)/mask2.jpg &&
	"$MKIMG" truncated-jpeg d/images/$(folder 150)/normal.jpg &&
	"$MKIMG" text d/images/$(folder 200)/incorrect_mask.jpg &&
	rm d/images/$(folder 230)/mask5.jpg &&
	cp d/images/$(folder 120)/mask1.jpg d/images/$(folder 240)/mask1.jpg &&
	cp d/images/$(folder 105)/normal.jpg d/images/$(folder 255)/normal.jpg &&
	mk_zip d.zip d
'

# The reference: two uninterrupted imports of each source, which must
# agree; the slower one sets the time over which kills are spread.
for src in d d.zip; do
	test_expect_success SQLITE3 "uninterrupted imports of $src agree; their duration" '
		for n in 1 2; do
			rm -f r$n.db* &&
			t0=$(test_ms) && { import_run r$n.db '$src'; echo $? >rc$n; } &&
			echo $(( $(test_ms) - t0 )) >ms$n || return 1
		done &&
		test_cmp rc1 rc2 && cp rc1 rc.'$src' &&
		dump r1.db >ref.'$src' && dump r2.db >ref2 &&
		test_cmp ref.'$src' ref2 &&
		test_eq "$(grep -c "^image|" ref.'$src')" 1116 &&
		test_eq "$(grep -c "^quarantine|" ref.'$src')" 6 &&
		test_eq "$(grep -c "^person|" ref.'$src')" 160 &&
		test_eq "$(cut -d"|" -f19 ref.'$src' | grep -c .)" 2 &&
		sqlite3 r1.db "SELECT images, quarantined FROM imports" >counts.'$src' &&
		test_eq "$(sqlite3 r1.db "PRAGMA user_version")" \
		    "$(sqlite3 r2.db "PRAGMA user_version")" &&
		sqlite3 r1.db "PRAGMA user_version" >version &&
		a=$(cat ms1) b=$(cat ms2) &&
		echo $(( a > b ? a : b )) >dur.'$src'
	'
done

# check_killed DB: the state a kill left, checked on a copy (the rerun
# must recover the raw files itself).  Prints "IMAGES QUARANTINED".
check_killed() {
	rm -f c.db c.db-wal c.db-shm
	if ! test -f "$1"; then
		echo "0 0"
		return 0
	fi
	cp "$1" c.db && { ! test -f "$1-wal" || cp "$1-wal" c.db-wal; } &&
	test_eq "$(sqlite3 c.db "PRAGMA integrity_check")" ok >&2 &&
	test_eq "$(sqlite3 c.db "PRAGMA foreign_key_check")" "" >&2 || return 1
	if test "$(sqlite3 c.db "SELECT count(*) FROM sqlite_master WHERE name = 'images'")" = 0; then
		# The schema is created in one transaction: none of it yet.
		test_eq "$(sqlite3 c.db "SELECT count(*) FROM sqlite_master")" 0 >&2 ||
		    return 1
		echo "0 0"
		return 0
	fi
	test_eq "$(sqlite3 c.db "PRAGMA user_version")" "$(cat version)" >&2 &&
	dump c.db >got &&
	comm -13 "$ref" got >extra &&
	if test -s extra; then
		echo "rows not in the reference:" >&2
		head -5 extra >&2
		return 1
	fi &&
	echo "$(grep -c "^image|" got) $(grep -c "^quarantine|" got)"
}

# A round: a fresh catalog, then 1-3 imports each killed at a point
# drawn over its expected duration (the whole uninterrupted run for the
# first; for a rerun of a killed catalog, the part still to import plus a
# tenth for the walk), each rerun continuing the catalog the kill left;
# then a rerun that must complete it.  $fracs: the points, in thousandths
# of the run.  Appends "DELAY_MS IMAGES QUARANTINED" per kill to kills.log,
# or "DELAY_MS finished" when the run ended first.
round() {
	rm -f k.db k.db-wal k.db-shm
	total=$(grep -c "^image|" "$ref")
	est=$(cat dur.$src)
	for f in $fracs; do
		delay=$((f * est / 1000))
		test_kill_after $delay \
		    "$MASKCAT" --db k.db import ${IMPORT_ARGS:-} base "$src"
		if test $rc -ne 137; then
			# It ended before the kill: as an uninterrupted run.
			test_eq $rc "$(cat rc.$src)" &&
			echo "$delay finished" >>kills.log || return 1
			break
		fi
		state=$(check_killed k.db) || return 1
		echo "killed after ${delay}ms: $state committed"
		echo "$delay $state" >>kills.log
		dur=$(cat dur.$src)
		est=$((dur * (total - ${state%% *}) / total + dur / 10))
	done
	test_expect_code "$(cat rc.$src)" import_run k.db "$src" &&
	dump k.db >got &&
	test_cmp "$ref" got &&
	test_eq "$(sqlite3 k.db "SELECT finished_at IS NOT NULL FROM imports
	    ORDER BY id DESC LIMIT 1")" 1 &&
	test_eq "$(sqlite3 k.db "SELECT images, quarantined FROM imports
	    ORDER BY id DESC LIMIT 1")" "$(cat counts.$src)"
}

test_rng=$((KILL_SEED % 2147483648))

: >kills.log
n=0
while test_have_prereq SQLITE3 && test -f dur.d && test -f dur.d.zip &&
    test "$(grep -vc finished kills.log)" -lt "$KILLS_WANTED" && test $n -lt 100; do
	n=$((n + 1))
	# A zip in one round of four; 1, 2 or 3 kills in a round.
	test_rand 4; src=d; test $r -eq 0 && src=d.zip
	test_rand 10; k=$((r < 3 ? 1 : r < 6 ? 2 : 3))
	fracs=
	while test $k -gt 0; do
		test_rand 1001; fracs="$fracs $r"; k=$((k - 1))
	done
	ref=ref.$src
	test_expect_success SQLITE3 "round $n ($src): kills at$fracs thousandths of each run, then a rerun completes it" '
		round
	'
done

total=$(grep -c "^image|" ref.d 2>/dev/null)
echo "# uninterrupted runs: $(cat dur.d 2>/dev/null) ms from the folder," \
    "$(cat dur.d.zip 2>/dev/null) ms from the zip"
echo "# $(grep -vc finished kills.log) kills at $(grep -v finished kills.log |
    cut -d" " -f1 | sort -u | wc -l | tr -d " ") distinct delays," \
    "$(grep -c finished kills.log) runs finished before their kill," \
    "$(grep -v finished kills.log | cut -d" " -f2,3 | sort -u | wc -l |
    tr -d " ") distinct committed states (images, quarantined)"
echo "# committed images at the kills (count x images):" \
    $(grep -v finished kills.log | cut -d" " -f2 | sort -n | uniq -c |
    awk '{ printf "%sx%s ", $1, $2 }')

test_expect_success SQLITE3 "at least $KILLS_WANTED kills, landing before, during and after the batches" '
	test "$(grep -vc finished kills.log)" -ge '"$KILLS_WANTED"' &&
	states=$(grep -v finished kills.log | cut -d" " -f2,3 | sort -u | wc -l) &&
	test "$states" -ge 3 &&
	grep -v finished kills.log |
	    awk -v t='"$total"' "\$2 > 0 && \$2 < t { m++ } END { exit !(m > 0) }"
'

test_done
