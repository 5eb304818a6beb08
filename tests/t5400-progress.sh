#!/bin/sh
# Progress bars: nothing extra on stderr unless it is a terminal (or
# MASKCAT_PROGRESS=1 forces them); --quiet silences them; messages never
# mix with a bar line.
. "$(dirname "$0")/test-lib.sh"

unset MASKCAT_PROGRESS
CR=$(printf '\r')
ESC=$(printf '\033')

# lines FILE: the bar's redraws as separate lines, without "\033[K".
lines() {
	tr '\r' '\n' <"$1" | sed "s/$ESC\\[K//g" | grep -v '^$'
}

test_expect_success 'set up: 30 synthetic persons, one photo broken' '
	"$MASKCAT" synth s --persons 30 --seed 2 --eval 0 >/dev/null &&
	cp -R s/train bad &&
	f=$(ls bad/images | head -n 1) &&
	echo "not a photo" >"bad/images/$f/mask1.jpg" &&
	echo "maskcat: error: '"'"'bad/images/$f/mask1.jpg'"'"': not an image (unrecognised content)" >expect.err
'

test_expect_success 'stderr not a terminal: stderr as it always was' '
	test_expect_code 1 env MASKCAT_DB="$TRASH/plain.db" \
	    "$MASKCAT" import base bad >out 2>err &&
	grep "^imported 209 images of 30 persons" out &&
	test_cmp expect.err err &&
	! grep -q "$CR" err
'

test_expect_success 'MASKCAT_PROGRESS=1: bar lines, the message on its own line' '
	test_expect_code 1 env MASKCAT_DB="$TRASH/forced.db" MASKCAT_PROGRESS=1 \
	    "$MASKCAT" import base bad >out2 2>err &&
	grep "^imported 209 images of 30 persons" out2 &&
	grep -q "$CR" err &&
	lines err >lines &&
	grep "^import base  \[[#.]*\]  *[0-9]*/210  *[0-9]*%  [0-9.]*/s  ETA [0-9-]*:[0-9-]*$" lines &&
	grep -Fx "$(cat expect.err)" lines &&
	tail -n 1 lines | grep "^import base  \[#*\]  210/210  100%  [0-9.]*/s  in 0:[0-9][0-9]$" &&
	test "$(tail -c 1 err | od -An -c | tr -d " ")" = "\\n"
'

test_expect_success 'MASKCAT_PROGRESS=0: stderr unchanged' '
	test_expect_code 1 env MASKCAT_DB="$TRASH/off.db" MASKCAT_PROGRESS=0 \
	    "$MASKCAT" import base bad >/dev/null 2>err &&
	test_cmp expect.err err
'

test_expect_success 'a pseudo-terminal shows the bar' '
	command -v script >/dev/null &&
	MASKCAT_DB="$TRASH/tty.db" script -qec "\"$MASKCAT\" import base s/train" \
	    /dev/null </dev/null >typescript &&
	lines typescript >tty.lines &&
	grep "^import base  \[#*\]  210/210  100%  [0-9.]*/s  in 0:[0-9][0-9]$" tty.lines &&
	grep "^imported 210 images of 30 persons" tty.lines
'

test_expect_success '--quiet on a terminal: no bar' '
	MASKCAT_DB="$TRASH/quiet.db" script -qec "\"$MASKCAT\" --quiet import base s/train" \
	    /dev/null </dev/null >typescript &&
	grep "imported 210 images of 30 persons" typescript &&
	! grep -q "import base  \[" typescript &&
	! grep -q "$CR\$ESC" typescript
'

test_expect_success 'MASKCAT_PROGRESS=0 on a terminal: no bar' '
	MASKCAT_DB="$TRASH/off-tty.db" MASKCAT_PROGRESS=0 \
	    script -qec "\"$MASKCAT\" import base s/train" /dev/null </dev/null >typescript &&
	grep "imported 210 images of 30 persons" typescript &&
	! grep -q "import base  \[" typescript
'

test_expect_success 'export: no bar when not a terminal, one when forced' '
	"$MASKCAT" import base s/train >/dev/null &&
	"$MASKCAT" export exp1 --size 32x32 --seed 1 >/dev/null 2>err &&
	test ! -s err &&
	MASKCAT_PROGRESS=1 "$MASKCAT" export exp2 --size 32x32 --seed 1 \
	    >/dev/null 2>err &&
	lines err >lines &&
	tail -n 1 lines | grep "^export  \[#*\]  210/210  100%  [0-9.]*/s  in 0:[0-9][0-9]$"
'

test_expect_success SQLITE3 'scan: a bar when forced, none when there is nothing to do' '
	q "DELETE FROM measures WHERE image_id % 3 = 0" &&
	MASKCAT_PROGRESS=1 "$MASKCAT" scan >out 2>err &&
	grep "^scanned 70 images" out &&
	lines err >lines &&
	tail -n 1 lines | grep "^scan  \[#*\]  70/70  100%  [0-9.]*/s  in 0:[0-9][0-9]$" &&
	MASKCAT_PROGRESS=1 "$MASKCAT" scan >out 2>err &&
	grep "^scanned 0 images" out &&
	test ! -s err
'

test_expect_success 'audit: no bar when not a terminal' '
	MASKCAT_DB="$TRASH/plain.db" "$MASKCAT" audit --task mask >/dev/null 2>err &&
	! grep -q "$CR" err
'

test_expect_success 'audit: features and training folds, when forced' '
	MASKCAT_PROGRESS=1 "$MASKCAT" audit --task mask >/dev/null 2>err &&
	lines err >lines &&
	grep "^audit features  \[#*\]  *[0-9]*/[0-9]*  100%  [0-9.]*/s  in 0:[0-9][0-9]$" lines &&
	grep "^audit train mask  \[#*\]  5/5  100%  [0-9.]*/s  in 0:[0-9][0-9]$" lines
'

test_done
