# -j N gives byte-identical stdout, stderr and exit code to -j 1: on data/
# mixed with bad lines (many batches, skips, rate-limited messages, a missing
# file in the middle, --strict), then on ../shared/corpus when present.
set -u
fail=0
same() { # NAME ARGS...: runs cotscan with -j 1, -j 2 and -j 3 and compares
	name=$1; shift
	$COTSCAN "$@" -j 1 > $TMPD/$name.1.out 2> $TMPD/$name.1.err; echo $? > $TMPD/$name.1.rc
	for j in 2 3; do
		$COTSCAN "$@" -j $j > $TMPD/$name.$j.out 2> $TMPD/$name.$j.err; echo $? > $TMPD/$name.$j.rc
		for k in out err rc; do
			cmp -s $TMPD/$name.1.$k $TMPD/$name.$j.$k || { echo "$name: -j $j $k differs from -j 1"; fail=1; }
		done
	done
}
# a mixed input: the sample traces many times over, bad lines spread through it
mix=$TMPD/mix.jsonl
: > $mix
i=0
while [ $i -lt 60 ]; do
	cat data/*.jsonl >> $mix
	printf '{"cot":"broken %d\n\n{"id":"x%d","cot":"Let me check: 2+2=4, which matches the target."}\n[%d]\n' $i $i $i >> $mix
	i=$((i + 1))
done
same tag tag $mix data/math.jsonl $mix
same evidence tag --evidence $mix
same jsonl tag --jsonl $mix
same report report $mix data/countdown.jsonl
same missing tag $mix $TMPD/does-not-exist.jsonl data/math.jsonl
same strict tag --strict data/math.jsonl $mix
same strict_report report --strict $mix
test "$(cat $TMPD/tag.1.rc)" = 1 || { echo "mixed input should exit 1"; fail=1; }
test "$(cat $TMPD/missing.1.rc)" = 3 || { echo "missing file should exit 3"; fail=1; }
grep -q 'cannot open' $TMPD/missing.2.err || { echo "no open error with -j 2"; fail=1; }
test $(wc -l < $TMPD/tag.1.out) -gt 1000 || { echo "mixed input too small"; fail=1; }
# standard input goes through the same path
$COTSCAN -j 1 --evidence < $mix > $TMPD/stdin.1 2>&1
$COTSCAN -j 2 --evidence < $mix > $TMPD/stdin.2 2>&1
cmp -s $TMPD/stdin.1 $TMPD/stdin.2 || { echo "stdin: -j 2 differs"; fail=1; }
# the default -j (online CPUs) gives the same too
$COTSCAN --evidence $mix > $TMPD/default.out 2> $TMPD/default.err
cmp -s $TMPD/default.out $TMPD/evidence.1.out && cmp -s $TMPD/default.err $TMPD/evidence.1.err ||
	{ echo "default -j differs from -j 1"; fail=1; }
# bad -j values are usage errors
for bad in 0 -1 x 2x 100000; do
	$COTSCAN -j "$bad" data/math.jsonl > /dev/null 2>&1
	test $? -eq 2 || { echo "-j $bad should exit 2"; fail=1; }
done
[ $fail -eq 0 ] || exit 1
corpus=$SHARED/corpus
[ -d "$corpus" ] || { echo "no $corpus (data/ checks passed)"; exit 77; }
files=$(ls $corpus/*.jsonl)
case $BUILD in
*asan*) for f in $files; do head -n 400 $f > $TMPD/$(basename $f); done; files=$(ls $TMPD/*.jsonl | grep -v mix) ;;
esac
same corpus tag --evidence $files
same corpus_report report $files
[ $fail -eq 0 ] || exit 1
exit 0
