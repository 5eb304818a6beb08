#!/bin/sh
# The command line: help, usage errors, exit codes, catalog selection.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'help lists every command' '
	"$MASKCAT" help >out &&
	for c in help import info report synth; do
		grep "^   $c " out || return 1
	done
'

test_expect_success 'no command is a usage error (exit 2)' '
	test_expect_code 2 "$MASKCAT" 2>err &&
	grep "^usage: maskcat" err
'

test_expect_success 'unknown command is a usage error naming it' '
	test_expect_code 2 "$MASKCAT" frobnicate 2>err &&
	test_eq "$(head -n 1 err)" "maskcat: error: unknown command '"'"'frobnicate'"'"'; see '"'"'maskcat help'"'"'"
'

test_expect_success 'unknown global option is a usage error' '
	test_expect_code 2 "$MASKCAT" --frob help 2>err &&
	grep "unknown option .--frob." err
'

test_expect_success 'COMMAND --help prints usage and exits 0' '
	"$MASKCAT" import --help >out &&
	grep "^usage: maskcat import" out &&
	"$MASKCAT" help report >out2 &&
	grep "^usage: maskcat report" out2
'

test_expect_success 'help for an unknown command fails with 2' '
	test_expect_code 2 "$MASKCAT" help nope 2>err &&
	grep "unknown command .nope." err
'

test_expect_success '--version prints the version' '
	"$MASKCAT" --version >out &&
	grep "^maskcat [0-9]" out
'

test_expect_success 'the catalog is --db, else $MASKCAT_DB, else ./maskcat.db' '
	mk_base d "000001,female,Asian,45,000001_female_Asian_45" &&
	mkdir cwd && (
		cd cwd &&
		unset MASKCAT_DB &&
		"$MASKCAT" import base ../d >/dev/null &&
		test -f maskcat.db
	) &&
	MASKCAT_DB=env.db "$MASKCAT" import base d >/dev/null &&
	test -f env.db &&
	MASKCAT_DB=env.db "$MASKCAT" --db flag.db import base d >/dev/null &&
	test -f flag.db &&
	"$MASKCAT" --db=eq.db import base d >/dev/null &&
	test -f eq.db &&
	test_eq "$(sqlite3 cwd/maskcat.db "SELECT count(*) FROM images")" 7 &&
	test_eq "$(sqlite3 env.db "SELECT count(*) FROM imports")" 1 &&
	! test -e "$MASKCAT_DB"
'

test_expect_success '--db without a path is a usage error' '
	test_expect_code 2 "$MASKCAT" --db 2>err &&
	grep "^maskcat: error: --db needs a path$" err
'

test_expect_success 'make install puts the binary under DESTDIR/PREFIX' '
	# -o: install the binary under test as it is, never rebuild it
	make -s -C "$TOP" O="$MASKCAT_BUILD" -o "$MASKCAT_BUILD/maskcat" \
	    install DESTDIR="$TRASH/root" PREFIX=/usr >/dev/null &&
	test -x root/usr/bin/maskcat &&
	root/usr/bin/maskcat --version >out &&
	grep "^maskcat " out
'

test_done
