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

test_done
