# Real JSON array files (ZeroEval's raw results in ../shared/corpus/raw):
# every element is one trace, and the rows are those of the same records
# written as JSON Lines, also when the array is compressed.  Skipped when
# ../shared is absent.
raw=$SHARED/corpus/raw
[ -d "$raw" ] || { echo "no $raw"; exit 77; }
set -u
fail=0
n=0
for f in $raw/*.json; do
	[ -f "$f" ] || continue
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if isinstance(d, list) else 1)' "$f" || continue
	n=$((n + 1))
	b=$(basename $f)
	python3 -c '
import json, sys
with open(sys.argv[2], "w") as out:
    for r in json.load(open(sys.argv[1])):
        out.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
' "$f" $TMPD/$b.jsonl
	elems=$(wc -l < $TMPD/$b.jsonl)
	$COTSCAN tag -q "$f" > $TMPD/got.csv 2> $TMPD/err; rc=$?
	rows=$(($(wc -l < $TMPD/got.csv) - 1))
	echo "$b: $elems elements, $rows rows, exit $rc"
	test $rc -eq 0 && test $rows -eq $elems || { cat $TMPD/err; fail=1; }
	$COTSCAN tag -q --label "$f" - < $TMPD/$b.jsonl > $TMPD/want.csv 2> /dev/null
	cmp -s $TMPD/got.csv $TMPD/want.csv && echo "$b: same rows as JSON Lines" || { echo "$b: rows differ from JSON Lines"; fail=1; }
	gzip -c "$f" | $COTSCAN tag -q --label "$f" > $TMPD/gz.csv 2> /dev/null
	cmp -s $TMPD/gz.csv $TMPD/got.csv && echo "$b.gz: same rows" || { echo "$b.gz: rows differ"; fail=1; }
done
test $n -gt 0 || { echo "no JSON array file in $raw"; exit 77; }
exit $fail
