# Constant memory: peak RSS does not grow with the input.  The same traces
# 2 MB and 16 MB long (copies of data/) give the same peak RSS, within 2 MB
# plus 24 bytes per extra line (room for a per-trace duplicate set of 16
# bytes a trace), for tag, report and tag -j 2, and for report on the
# inputs compressed with gzip, zstd and xz.  Skipped under the sanitizers (their
# allocator keeps freed memory in quarantine) and without the runstat helper.
case $BUILD in *asan*) echo "peak RSS is not meaningful under ASan"; exit 77 ;; esac
[ -x $BUILD/runstat ] || { echo "no $BUILD/runstat"; exit 77; }
set -u
chunk=$TMPD/chunk.jsonl
cat data/*.jsonl > $chunk
small=$TMPD/small.jsonl big=$TMPD/big.jsonl
: > $small
while [ $(wc -c < $small) -lt 2000000 ]; do cat $chunk $chunk $chunk $chunk >> $small; done
: > $big
for i in 1 2 3 4 5 6 7 8; do cat $small >> $big; done
extra=$(( ($(wc -l < $big) - $(wc -l < $small)) * 24 / 1024 ))
fail=0
for args in "tag -q -j 1" "report -q -j 1" "tag -q -j 2" "tag -q -j 1 --evidence"; do
	rm -f $TMPD/s1 $TMPD/s2
	$BUILD/runstat $TMPD/s1 $COTSCAN $args $small > /dev/null 2>&1
	$BUILD/runstat $TMPD/s2 $COTSCAN $args $big > /dev/null 2>&1
	a=$(cut -d' ' -f2 $TMPD/s1) b=$(cut -d' ' -f2 $TMPD/s2)
	echo "$args: peak RSS $a kB at 2 MB, $b kB at 16 MB"
	test $((b - a)) -lt $((2048 + extra)) || { echo "  grows with the input"; fail=1; }
	test $(cut -d' ' -f3 $TMPD/s2) -le 1 || { echo "  failed"; fail=1; }
done
# the same for compressed input: decompression is a stream too, whose memory
# is bounded by the format's window (xz: its dictionary, 8 MiB at the default
# -6, which only a 16 MB input fills; -1 has 1 MiB)
for c in gzip zstd "xz -1"; do
	$c -c $small > "$TMPD/small.$c"
	$c -c $big > "$TMPD/big.$c"
	rm -f $TMPD/s1 $TMPD/s2
	$BUILD/runstat $TMPD/s1 $COTSCAN report -q -j 1 "$TMPD/small.$c" > /dev/null 2>&1
	$BUILD/runstat $TMPD/s2 $COTSCAN report -q -j 1 "$TMPD/big.$c" > /dev/null 2>&1
	a=$(cut -d' ' -f2 $TMPD/s1) b=$(cut -d' ' -f2 $TMPD/s2)
	echo "report -q -j 1 on $c: peak RSS $a kB at 2 MB, $b kB at 16 MB"
	test $((b - a)) -lt $((2048 + extra)) || { echo "  grows with the input"; fail=1; }
	test $(cut -d' ' -f3 $TMPD/s2) -le 1 || { echo "  failed"; fail=1; }
done
exit $fail
