# bench/bench.sh end to end on a tiny input (data/, 1 MB): every row of the
# table and every ratio line is printed.  No speed is asserted here; the
# targets live in `make bench`.
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
[ -x $BUILD/parse_floor ] && [ -x $BUILD/runstat ] || { echo "bench helpers not built in $BUILD"; exit 1; }
# the Python module's rows, when it builds here (python3-dev)
pyrows=
case $BUILD in *asan*) ;; *)
	if [ -f "$(/usr/bin/python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null)/Python.h" ]; then
		make -s python BUILD=$BUILD >/dev/null || { echo "make python failed"; exit 1; }
		pyrows="python tag_many -j 1, summed|python tag_many / report, -j 1|python t.tag(\"\")|t.tag calls on corpus texts: RSS"
	fi ;;
esac
TMPDIR=$TMPD BENCH_SRC=data BENCH_MB=1 BENCH_RUNS=1 BENCH_PY_MB=0 BENCH_HOSTILE_MB=2 BENCH_PY_CALLS=2000 \
	sh bench/bench.sh $BUILD > $TMPD/out 2> $TMPD/err ||
	{ cat $TMPD/out $TMPD/err; exit 1; }
cat $TMPD/out
for row in 'read floor: cat' 'read floor: wc -l' 'parse floor: read + cJSON parse' 'cotscan tag -j 1 ' \
	   'cotscan report -j 1 ' 'python json+re' 'python json + str.count' 'looping trace, 8 MB' \
	   'line full of matches' 'per behaviour' 'tag -j 1 / parse floor' 'tag -j 1 / python str.count' \
	   'looping 8 MB / 2 MB' 'peak RSS, tag -j 1'; do
	grep -q -- "$row" $TMPD/out || { echo "missing row: $row"; exit 1; }
done
IFS='|'
for row in $pyrows; do
	grep -q -- "$row" $TMPD/out || { echo "missing row: $row"; exit 1; }
done
unset IFS
# the input really was built: at least 1 MB of whole copies of data/
n=$(sed -n 's/^cotscan bench: \([0-9.]*\) MB, \([0-9]*\) lines.*/\2/p' $TMPD/out)
per=$(cat data/*.jsonl | wc -l)
test -n "$n" && test $((n % per)) -eq 0 && test "$n" -ge $((1000000 / $(cat data/*.jsonl | wc -c) * per)) ||
	{ echo "bad line count '$n' (data/ has $per lines)"; exit 1; }
# the temporary input is gone
test -z "$(ls $TMPD | grep cotscan-bench)" || { echo "bench left its input behind"; exit 1; }
exit 0
