#!/bin/sh
# tests/bench/audit-eval.sh BUILD: the label audit measured ("make
# audit-eval"), never by timed tests.
#  1. On real photos (../shared/data) with 5% flipped labels: the flips of
#     ../shared/bench/label-noise (seed 1, the reference's) and flips drawn
#     with seed 7: out-of-fold accuracy, confident learning's flagged-set
#     precision and recall, ROC AUC, precision among the top k, next to the
#     baseline "prediction differs from label" (tests/bench/audit-eval.c,
#     the same features, model and confident learning as maskcat audit).
#  2. On the synthetic sample with --errors (2,700 persons, seeds 1 and
#     2): maskcat audit end to end, precision and recall per error type
#     (tests/bench/audit-synth.sh) and the wall time of the whole audit.
set -e
cd "$(dirname "$0")/../.."
b=${1:-build-release}
make -s O="$b" CFLAGS='-O2 -DNDEBUG' "$b/maskcat" "$b/tests/bench/audit-eval" >/dev/null
data=../shared/data
noise=../shared/bench/label-noise
if [ -d "$data/youyinnn" ] && [ -d "$noise" ]; then
	for t in "mask flips_mask_file_05_s1.csv" "mask flips_mask_file_10_s1.csv" \
	    "gender flips_gender_file_05_s1.csv" "age flips_agebin_file_05_s1.csv"; do
		set -- $t
		echo "== real data: $1, $2"
		"$b/tests/bench/audit-eval" -d "$data" "$1" "$noise/$2"
	done
	for t in mask gender age; do
		echo "== real data: $t, 5% flips drawn with seed 7"
		"$b/tests/bench/audit-eval" -d "$data" --seed-flips 7 "$t" -
	done
else
	echo "(../shared/data or ../shared/bench/label-noise absent: real-data figures skipped)"
fi
now() { date +%s.%N; }
for seed in ${AUDIT_EVAL_SEEDS:-1 2}; do
	d=$b/audit-synth-$seed
	if [ ! -f "$d/.done" ]; then
		rm -rf "$d"
		"$b/maskcat" synth "$d/data" --persons 2700 --seed "$seed" --eval 0 \
		    --errors "$d/truth.csv" >/dev/null
		touch "$d/.done"
	fi
	rm -f "$d/cat.db" "$d/cat.db-wal" "$d/cat.db-shm"
	"$b/maskcat" --db "$d/cat.db" --quiet import base "$d/data/train" >/dev/null
	t0=$(now)
	"$b/maskcat" --db "$d/cat.db" audit --format csv >"$d/audit.csv"
	t1=$(now)
	echo "== synthetic sample, seed $seed: 2,700 persons, maskcat audit (features + 3 tasks x 5 folds) in $(printf %.1f "$(echo "$t1 - $t0" | bc -l)") s on $(nproc) cores"
	tests/bench/audit-synth.sh "$d/truth.csv" "$d/audit.csv"
done
