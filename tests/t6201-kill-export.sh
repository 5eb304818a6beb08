#!/bin/sh
# Crash safety of export: at least 50 exports killed with SIGKILL at
# random points over the whole duration of an uninterrupted run, some
# over an existing OUT (--force), some reruns that find the staging
# folder a kill left.  After every kill OUT is absent or a whole export
# that passes verify (the old one or the new one, never none, when OUT
# existed), the catalog passes integrity_check, and a rerun removes the
# staging folder the kill left and writes exactly the reference's bytes.
#
# KILL_SEED=N replays a run's kill delays (the seed is printed first).
. "$(dirname "$0")/test-lib.sh"

KILL_SEED=${KILL_SEED:-$(date +%s)}
KILLS_WANTED=${KILLS_WANTED:-50}
echo "# kill seed $KILL_SEED (replay with KILL_SEED=$KILL_SEED)"

# Every export has the same command line, --force included, because
# export.json records it.
XARGS="out --seed 1 --size 64x64 --force"

# snap DIR: every file of an export with its SHA-256, and its folders.
# export.json's "created" (the time it was written) is the only field
# that differs between two runs of one command on one catalog: it is
# blanked; every other byte must match.
snap() {
	(cd "$1" && find . -type d | sort &&
	find . -type f ! -name export.json | sort | xargs sha256sum &&
	sed 's/"created": "[^"]*"/"created": ""/' export.json | sha256sum)
}

# stages: the staging folders beside OUT.
stages() { ls -a | grep -c '^\.out\.maskcat-export-'; }

test_expect_success SQLITE3 'set up: 25 synthetic persons, imported; an older export' '
	"$MASKCAT" synth s --persons 25 --seed 5 --eval 0 --dirt dirt.csv \
	    --dirt-rate 0.05 >/dev/null &&
	"$MASKCAT" import base s/train >/dev/null &&
	"$MASKCAT" export out --seed 2 --size 48x48 >/dev/null &&
	"$MASKCAT" verify out >/dev/null &&
	snap out >old && mv out old.out
'

test_expect_success SQLITE3 'two uninterrupted exports agree byte for byte; their mean duration' '
	for n in 1 2; do
		rm -rf out &&
		t0=$(test_ms) && "$MASKCAT" export $XARGS >/dev/null &&
		echo $(( $(test_ms) - t0 )) >ms$n &&
		"$MASKCAT" verify out >/dev/null &&
		snap out >ref$n || return 1
	done &&
	test_cmp ref1 ref2 && mv ref1 ref &&
	! cmp -s ref old &&
	test "$(grep -c "\.jpg$" ref)" -gt 170 &&
	test_eq "$(stages)" 0 &&
	echo $(( ($(cat ms1) + $(cat ms2)) / 2 )) >dur
'

# check_killed HAD_OUT: the state a kill left.  OUT is absent (only when
# there was none before) or verifies and is the new or the old export;
# the catalog (checked on a copy) is whole.  Prints "OUT STAGES" with
# OUT one of none, new, old.
check_killed() {
	if test -e out; then
		"$MASKCAT" verify out >/dev/null &&
		snap out >got || return 1
		if cmp -s got ref; then
			o=new
		elif cmp -s got old; then
			o=old
		else
			echo "OUT is neither the new nor the old export" >&2
			return 1
		fi
	else
		o=none
		if test "$1" = 1; then
			echo "OUT existed and is gone" >&2
			return 1
		fi
	fi
	rm -f c.db c.db-wal c.db-shm &&
	cp "$MASKCAT_DB" c.db &&
	{ ! test -f "$MASKCAT_DB-wal" || cp "$MASKCAT_DB-wal" c.db-wal; } &&
	test_eq "$(sqlite3 c.db "PRAGMA integrity_check")" ok >&2 &&
	test_eq "$(sqlite3 c.db "PRAGMA foreign_key_check")" "" >&2 &&
	echo "$o $(stages)"
}

# A round: OUT absent or holding the older export, then 1-3 exports
# each killed after a delay drawn over the uninterrupted run ($delays,
# ms; each rerun starts where the kill before left OUT and its staging
# folders), then a rerun that must complete.  Appends "DELAY OUT STAGES"
# per kill to kills.log, or "DELAY finished" when the export ended first.
round() {
	rm -rf out
	test "$had" = 1 && cp -R old.out out
	for delay in $delays; do
		test -e out && had=1
		test_kill_after $delay "$MASKCAT" export $XARGS
		if test $rc -ne 137; then
			test_eq $rc 0 &&
			echo "$delay finished" >>kills.log || return 1
			break
		fi
		state=$(check_killed $had) || return 1
		echo "killed after ${delay}ms: $state"
		echo "$delay $state" >>kills.log
	done
	left=$(stages)
	"$MASKCAT" export $XARGS >/dev/null 2>err || {
		echo "the rerun failed:"; cat err; return 1
	}
	if test "$left" -gt 0; then
		grep "^maskcat: removed $left staging folders\{0,1\} left by an interrupted export$" err
	else
		test_must_fail grep . err
	fi &&
	test_eq "$(stages)" 0 &&
	"$MASKCAT" verify out >/dev/null &&
	snap out >got &&
	test_cmp ref got &&
	test_eq "$(sqlite3 "$MASKCAT_DB" "PRAGMA integrity_check")" ok
}

test_rng=$((KILL_SEED % 2147483648))

: >kills.log
n=0
while test_have_prereq SQLITE3 && test -f dur &&
    test "$(grep -vc finished kills.log)" -lt "$KILLS_WANTED" && test $n -lt 100; do
	n=$((n + 1))
	dur=$(cat dur)
	# OUT holds the older export in one round of three; 1-3 kills.
	test_rand 3; had=0; test $r -eq 0 && had=1
	test_rand 3; k=$((r + 1))
	delays=
	while test $k -gt 0; do
		test_rand $((dur + 1)); delays="$delays $r"; k=$((k - 1))
	done
	test_expect_success SQLITE3 "round $n ($(test $had = 1 && echo "over an older OUT" || echo "no OUT")): kills after$delays ms (of $dur), then a rerun" '
		round
	'
done

echo "# uninterrupted export: $(cat dur 2>/dev/null) ms"
echo "# $(grep -vc finished kills.log) kills at $(grep -v finished kills.log |
    cut -d" " -f1 | sort -u | wc -l | tr -d " ") distinct delays," \
    "$(grep -c finished kills.log) exports finished before their kill"
echo "# states after the kills (count x OUT,staging folders):" \
    $(grep -v finished kills.log | cut -d" " -f2,3 | tr " " , | sort |
    uniq -c | awk '{ printf "%sx%s ", $1, $2 }')

# Kills after the rename (OUT new) land in a window of a few
# milliseconds: counted above, not required.
test_expect_success SQLITE3 "at least $KILLS_WANTED kills, some of them mid-write" '
	test "$(grep -vc finished kills.log)" -ge '"$KILLS_WANTED"' &&
	grep -q "^[0-9]* \(none\|old\) [1-9]" kills.log &&
	test "$(grep -v finished kills.log | cut -d" " -f2,3 | sort -u | wc -l)" -ge 2
'

test_done
