# Compressed real traces: files of ../shared/corpus compressed here (gzip,
# zstd, xz, bzip2) give the tables and rows of the plain files, from a file
# and from standard input; the Dask driver refuses compressed input.
# Skipped when ../shared is absent.
corpus=$SHARED/corpus
[ -d "$corpus" ] || { echo "no $corpus"; exit 77; }
set -u
fail=0
for f in $corpus/marco-o1_cot-demo.jsonl $corpus/raw/skythought_Qwen2.5-14B-Instruct_amc23.jsonl; do
	[ -f "$f" ] || continue
	b=$(basename $f)
	$COTSCAN tag -q $f > $TMPD/plain.csv 2> /dev/null
	$COTSCAN report -q $f > $TMPD/plain.rep 2> /dev/null
	for c in gzip zstd xz bzip2; do
		command -v $c > /dev/null || { echo "no $c"; continue; }
		$c -c $f > $TMPD/$b.$c
		$COTSCAN tag -q $TMPD/$b.$c 2> /dev/null | sed "s#^$TMPD/$b.$c,#$f,#" > $TMPD/got.csv
		cmp -s $TMPD/got.csv $TMPD/plain.csv && echo "$b.$c: same rows" || { echo "$b.$c: rows differ"; fail=1; }
		$COTSCAN report -q --label $f - < $TMPD/$b.$c > $TMPD/got.rep 2> /dev/null
		cmp -s $TMPD/got.rep $TMPD/plain.rep && echo "$b.$c on stdin: same table" || { echo "$b.$c on stdin: table differs"; fail=1; }
	done
done
if [ -x /usr/bin/python3 ] && [ -f $TMPD/marco-o1_cot-demo.jsonl.gzip ]; then
	/usr/bin/python3 contrib/dask/cotscan_dask.py --cotscan $COTSCAN --local 1 report $TMPD/marco-o1_cot-demo.jsonl.gzip \
		> $TMPD/dask.out 2> $TMPD/dask.err
	rc=$?
	echo "dask driver: exit $rc: $(sed "s#$TMPD/##" $TMPD/dask.err)"
	test $rc -eq 2 && grep -q 'gzip-compressed' $TMPD/dask.err && test ! -s $TMPD/dask.out || fail=1
fi
exit $fail
