#!/bin/sh
# maskcat synth: the base layout, determinism, refusal and usage errors.
. "$(dirname "$0")/test-lib.sh"

sums() {
	(cd "$1" && find . -type f | sort | xargs md5sum)
}

test_expect_success 'synth writes the base layout' '
	"$MASKCAT" synth a --persons 60 --seed 3 --eval 50 >out &&
	grep "^synth: 60 persons, 420 photos, 50 eval images, 0 errors" out &&
	test -f a/train/train.csv && test -f a/eval/info.csv &&
	test_eq "$(head -n 1 a/train/train.csv)" "id,gender,race,age,path" &&
	test_eq "$(head -n 1 a/eval/info.csv)" "ImageID,ans"
'

test_expect_success 'one row per folder, seven photos per folder' '
	rows=$(tail -n +2 a/train/train.csv | wc -l) &&
	dirs=$(ls a/train/images | wc -l) &&
	test_eq $rows 60 && test_eq $dirs 60 &&
	tail -n +2 a/train/train.csv | cut -d, -f5 | sort >paths &&
	ls a/train/images | sort >folders &&
	test_cmp paths folders &&
	for d in a/train/images/*; do
		n=$(ls "$d" | grep -c -E "^(mask[1-5]|incorrect_mask|normal)\.(jpg|jpeg|png)$") &&
		all=$(ls "$d" | wc -l) &&
		test "$n" -eq 7 && test "$all" -eq 7 || { echo "$d"; return 1; }
	done
'

test_expect_success 'rows and folder names agree; ids are 6 digits' '
	tail -n +2 a/train/train.csv | while IFS=, read id g r age path; do
		test "$path" = "${id}_${g}_Asian_${age}" || return 1
		case $g in male|female) ;; *) return 1 ;; esac
		test "$age" -ge 18 && test "$age" -le 60 || return 1
		echo "$id" | grep -qE "^[0-9]{6}(-[0-9])?$" || return 1
	done &&
	! grep -q "$(printf "\r")" a/train/train.csv
'

test_expect_success 'eval: info.csv rows name existing hex .jpg files' '
	test_eq $(tail -n +2 a/eval/info.csv | wc -l) 50 &&
	test_eq $(ls a/eval/images | wc -l) 50 &&
	tail -n +2 a/eval/info.csv | while IFS=, read name ans; do
		echo "$name" | grep -qE "^[0-9a-f]{40}\.jpg$" &&
		test "$ans" = 0 && test -f "a/eval/images/$name" || return 1
	done
'

test_expect_success 'photos are real JPEG and PNG files' '
	find a -type f \( -name "*.jpg" -o -name "*.jpeg" \) ! -name "._*" >jpgs &&
	test -s jpgs &&
	while read f; do
		test "$(head -c 3 "$f" | od -An -tx1 | tr -d " ")" = ffd8ff || { echo "$f"; return 1; }
	done <jpgs &&
	find a -type f -name "*.png" ! -name "._*" >pngs &&
	while read f; do
		test "$(head -c 8 "$f" | od -An -tx1 | tr -d " ")" = 89504e470d0a1a0a || { echo "$f"; return 1; }
	done <pngs
'

test_expect_success 'resource forks start with the AppleDouble magic' '
	find a -name "._*" >forks &&
	while read f; do
		test "$(head -c 4 "$f" | od -An -tx1 | tr -d " ")" = 00051607 &&
		test $(wc -c <"$f") -eq 4096 || return 1
	done <forks
'

test_expect_success 'the same seed gives the same bytes, whatever --jobs' '
	"$MASKCAT" synth b --persons 60 --seed 3 --eval 50 --jobs 1 >/dev/null &&
	sums a >a.sums && sums b >b.sums &&
	test_cmp a.sums b.sums
'

test_expect_success 'another seed gives other bytes' '
	"$MASKCAT" synth c --persons 60 --seed 4 --eval 50 >/dev/null &&
	sums c >c.sums &&
	! cmp -s a.sums c.sums &&
	! cmp -s a/train/train.csv c/train/train.csv
'

test_expect_success 'an existing DIR/train or DIR/eval is refused' '
	test_expect_code 1 "$MASKCAT" synth a --persons 20 2>err &&
	grep "^maskcat: error: .a/train. already exists; refusing to overwrite" err &&
	mkdir -p d/eval &&
	test_expect_code 1 "$MASKCAT" synth d --persons 20 2>err &&
	grep "d/eval. already exists" err &&
	! test -e d/train &&
	sums a >a2.sums && test_cmp a.sums a2.sums
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$MASKCAT" synth x --persons abc 2>err &&
	grep "^maskcat: error: synth: --persons wants" err &&
	grep "^usage: maskcat synth" err &&
	test_expect_code 2 "$MASKCAT" synth x --persons 0 2>err &&
	test_expect_code 2 "$MASKCAT" synth x --eval -1 2>err &&
	test_expect_code 2 "$MASKCAT" synth x --seed z 2>err &&
	test_expect_code 2 "$MASKCAT" synth x --error-rate 2 --errors t 2>err &&
	test_expect_code 2 "$MASKCAT" synth x --error-rate 0.1 2>err &&
	test_expect_code 2 "$MASKCAT" synth --frob x 2>err &&
	grep "unknown option .--frob." err &&
	test_expect_code 2 "$MASKCAT" synth 2>err &&
	grep "missing DIR" err &&
	test_expect_code 2 "$MASKCAT" synth x y 2>err &&
	! test -e x
'

test_expect_success 'DIR is created with its parents' '
	"$MASKCAT" synth deep/er/dir --persons 20 --eval 0 >out &&
	test -f deep/er/dir/train/train.csv &&
	test_eq "$(cat deep/er/dir/eval/info.csv)" "ImageID,ans" &&
	test_eq $(ls deep/er/dir/train/images | wc -l) 20
'

test_expect_success '--errors writes a truth file naming real folders and files' '
	"$MASKCAT" synth e --persons 60 --seed 3 --eval 0 --errors truth.csv \
	    --error-rate 0.1 >out &&
	grep " 6 errors injected" out &&
	test_eq "$(head -n 1 truth.csv)" "kind,person,file,true_value,labelled_value" &&
	test $(tail -n +2 truth.csv | wc -l) -ge 6 &&
	tail -n +2 truth.csv | while IFS=, read kind person file truth label; do
		test -d "e/train/images/$person" || return 1
		grep -q ",$person\$" e/train/train.csv || return 1
		case $kind in
		swap)	test -f "e/train/images/$person/$file" || return 1 ;;
		gender_flip)
			test -z "$file" && test "$truth" != "$label" &&
			echo "$person" | grep -q "_${label}_" || return 1 ;;
		wrong_age)
			test -z "$file" && test "$truth" != "$label" &&
			echo "$person" | grep -q "_Asian_${label}\$" || return 1 ;;
		*)	return 1 ;;
		esac
	done &&
	for k in gender_flip swap wrong_age; do
		grep -q "^$k," truth.csv || return 1
	done
'

test_expect_success 'without --errors the labels are the truth' '
	sums a >/dev/null &&
	cmp a/train/train.csv b/train/train.csv &&
	! test -e a/truth.csv
'

test_expect_success 'a killed synth leaves no half-written train/, and a rerun works' '
	"$MASKCAT" synth killed --persons 300 --seed 9 --eval 0 >/dev/null 2>&1 &
	pid=$! && sleep 0.5 && kill -9 $pid; wait $pid
	! test -e killed/train && ! test -e killed/eval &&
	"$MASKCAT" synth killed --persons 5 --seed 9 --eval 2 >out &&
	test_eq "$(ls killed/train/images | wc -l | tr -d " ")" 5 &&
	test_eq "$(ls -A killed | grep -c "^\.synth-")" 0
'

test_done
