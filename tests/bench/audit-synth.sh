#!/bin/sh
# tests/bench/audit-synth.sh TRUTH.csv AUDIT.csv: scores "maskcat audit
# --format csv" against the truth file of "maskcat synth --errors":
# precision and recall of flagged persons per error type.
#   gender_flip  a person whose gender was flipped: found when the audit
#                flags that person's gender;
#   wrong_age    a person whose age was changed: counted only when the
#                change crosses an age bin (the audit judges bins), found
#                when the audit flags that person's age;
#   swap         a person with two mask files swapped: found when the
#                audit reports swapped files for that person.
# Precision: flags of that kind that name a person with such an error.
truth=$1 audit=$2
awk -F, '
function bin(a) { return a < 30 ? 0 : a < 60 ? 1 : 2 }
FNR == 1 { f++; next }
f == 1 && $1 == "gender_flip" { g[$2] = 1; ng++ }
f == 1 && $1 == "wrong_age" && bin($4) != bin($5) { a[$2] = 1; na++ }
f == 1 && $1 == "swap" && !($2 in s) { s[$2] = 1; ns++ }
f == 2 && $1 == "label" && $2 == "gender" { fg++; if ($4 in g) { tg++; delete g[$4] } }
f == 2 && $1 == "label" && $2 == "age" { fa++; if ($4 in a) { ta++; delete a[$4] } }
f == 2 && $1 == "swap" { fs++; if ($4 in s) { ts++; delete s[$4] } }
function line(name, n, t, fl) {
	printf "%-12s %6d %8d %6d %9.2f %7.2f\n", name, n, fl, t,
	    fl ? t / fl : 0, n ? t / n : 0
}
END {
	printf "%-12s %6s %8s %6s %9s %7s\n", "error", "truth", "flagged",
	    "found", "precision", "recall"
	line("gender_flip", ng, tg, fg)
	line("swap", ns, ts, fs)
	line("wrong_age*", na, ta, fa)
	print "(* only age changes that cross a bin; precision counts every age flag)"
}' "$truth" "$audit"
