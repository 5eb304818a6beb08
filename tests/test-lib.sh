# tests/test-lib.sh: sourced by every tests/tNNNN-*.sh (git's t/ style).
# Gives each script a fresh trash folder and catalog, LC_ALL=C and TZ=UTC,
# and prints TAP: test_expect_success [PREREQ] 'what' 'commands'.
# The build under test is $MASKCAT_BUILD (default: build).

TEST_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$TEST_DIR/.." && pwd)
MASKCAT_BUILD=${MASKCAT_BUILD:-$TOP/build}
MASKCAT=$MASKCAT_BUILD/maskcat
MKIMG=$MASKCAT_BUILD/tests/helper/mkimg
SHARED_DATA=$(cd "$TOP/../shared/data" 2>/dev/null && pwd)
LC_ALL=C TZ=UTC
export LC_ALL TZ MASKCAT MKIMG SHARED_DATA
# Progress bars only where a test asks for them (t5400).
unset MASKCAT_PROGRESS

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/maskcat-test.XXXXXX") || exit 1
trap 'chmod -R u+rwX "$TRASH" 2>/dev/null; rm -rf "$TRASH"' EXIT
cd "$TRASH" || exit 1
MASKCAT_DB=$TRASH/maskcat.db
export MASKCAT_DB

test_count=0 test_failed=0
# Prerequisites: SHARED (../shared/data is there), SQLITE3, GNUPLOT.
prereqs=
[ -n "$SHARED_DATA" ] && [ -d "$SHARED_DATA" ] && prereqs="$prereqs SHARED"
command -v sqlite3 >/dev/null 2>&1 && prereqs="$prereqs SQLITE3"
command -v gnuplot >/dev/null 2>&1 && prereqs="$prereqs GNUPLOT"
command -v chromium >/dev/null 2>&1 && prereqs="$prereqs CHROMIUM"
[ "$(id -u)" -ne 0 ] && prereqs="$prereqs NOT_ROOT"

test_have_prereq() {
	for p in $(echo "$1" | tr ',' ' '); do
		case " $prereqs " in *" $p "*) ;; *) return 1 ;; esac
	done
	return 0
}

test_expect_success() {
	if [ $# -eq 3 ]; then pre=$1; shift; else pre=; fi
	test_count=$((test_count + 1))
	if [ -n "$pre" ] && ! test_have_prereq "$pre"; then
		echo "ok $test_count # skip $1 (missing $pre)"
		return
	fi
	if (eval "$2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out" | tail -n 30
	fi
}

# test_must_fail CMD...: CMD must fail with 1 or 2, not succeed or crash.
test_must_fail() {
	"$@"
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "test_must_fail: '$*' succeeded" >&2
		return 1
	elif [ $rc -gt 2 ]; then
		echo "test_must_fail: '$*' died with status $rc" >&2
		return 1
	fi
	return 0
}

# test_expect_code N CMD...: CMD must exit with status N.
test_expect_code() {
	want=$1; shift
	"$@"
	rc=$?
	[ $rc -eq "$want" ] && return 0
	echo "test_expect_code: '$*' exited $rc, wanted $want" >&2
	return 1
}

# test_cmp EXPECTED ACTUAL
test_cmp() {
	diff -u "$1" "$2"
}

# test_eq GOT WANT: compares two strings and shows both when they differ.
test_eq() {
	[ "$1" = "$2" ] && return 0
	echo "test_eq: got '$1', want '$2'" >&2
	return 1
}

# q SQL: one query on the test catalog, output as sqlite3 prints it.
q() {
	sqlite3 -batch "$MASKCAT_DB" "$@"
}

test_done() {
	echo "1..$test_count"
	[ $test_failed -eq 0 ]
	exit $?
}

# mk_base ROOT ROW...: writes ROOT/train.csv (header + each ROW, e.g.
# "000001,female,Asian,45,000001_female_Asian_45") and, for each row, the
# folder images/<path>/ with the 7 photos as EXT (default jpg) files.
mk_base() {
	root=$1; shift
	mkdir -p "$root/images" || return 1
	[ -f "$TRASH/.photo.jpg" ] || "$MKIMG" jpeg "$TRASH/.photo.jpg" 48 64 ||
	    return 1
	echo "id,gender,race,age,path" >"$root/train.csv"
	for row; do
		echo "$row" >>"$root/train.csv"
		folder=${row##*,}
		mk_person "$root/images/$folder" || return 1
	done
}

# mk_person DIR [EXT]: the 7 photos of one person.  Each is the same
# small JPEG with its own path appended after the end-of-image marker, so
# no two photos are byte-identical duplicates.
mk_person() {
	mkdir -p "$1" || return 1
	for s in mask1 mask2 mask3 mask4 mask5 incorrect_mask normal; do
		cp "$TRASH/.photo.jpg" "$1/$s.${2:-jpg}" &&
		printf '%s' "$1/$s" >>"$1/$s.${2:-jpg}" || return 1
	done
}

# mk_zip ZIP DIR: zips DIR's content (paths relative to DIR, in sorted
# order) with python3.
mk_zip() {
	python3 - "$1" "$2" <<-\EOF
	import os, sys, zipfile
	out, top = os.path.abspath(sys.argv[1]), sys.argv[2]
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
	    for d, _, fs in sorted(os.walk(top)):
	        for f in sorted(fs):
	            p = os.path.join(d, f)
	            z.write(p, os.path.relpath(p, top))
	EOF
}

# test_ms: milliseconds since the epoch (GNU date).
test_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# test_sleep_ms N: sleeps N milliseconds.
test_sleep_ms() {
	sleep "$(printf "%d.%03d" $(($1 / 1000)) $(($1 % 1000)))"
}

# test_kill_after MS CMD...: runs CMD in the background (a program, not
# a shell function, so that the signal reaches CMD and not a subshell)
# with its output discarded, sends it SIGKILL after MS milliseconds and
# waits for it: $rc is its exit status, 137 when the kill landed.
test_kill_after() {
	test_kill_ms=$1
	shift
	"$@" >/dev/null 2>&1 &
	test_kill_pid=$!
	test_sleep_ms "$test_kill_ms"
	kill -9 $test_kill_pid 2>/dev/null
	wait $test_kill_pid
	rc=$?
}

# test_rand N: the next number in 0..N-1 in $r, from a linear
# congruential generator seeded by test_rng=SEED: the same sequence on
# every shell with 64-bit arithmetic, so a printed seed replays a run.
# Draw in the script itself: draws inside test_expect_success's
# subshell are lost when it ends.
test_rng=1
test_rand() {
	test_rng=$(( (test_rng * 1103515245 + 12345) % 2147483648 ))
	r=$(( (test_rng / 65536) * $1 / 32768 ))
}
