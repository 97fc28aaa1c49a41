# The real corpus (../shared/corpus): every line is tagged or skipped, the
# summary adds up, `tag` gives one row per tagged line and `report` one row
# per model and behaviour.  Skipped when ../shared is absent.
corpus=$SHARED/corpus
[ -d "$corpus" ] || { echo "no $corpus"; exit 77; }
set -e
files=$(ls $corpus/*.jsonl)
# under the sanitizers the whole corpus is slow: take a slice of every file
case $BUILD in
*asan*) for f in $files; do head -n 300 $f > $TMPD/$(basename $f); done; files=$(ls $TMPD/*.jsonl) ;;
esac
$COTSCAN tag $files > $TMPD/tags.csv 2> $TMPD/err
lines=$(cat $files | wc -l)
rows=$(($(wc -l < $TMPD/tags.csv) - 1))
summary=$(tail -n 1 $TMPD/err)
echo "$summary"
read_n=$(echo "$summary" | sed -n 's/^cotscan: \([0-9]*\) lines read, \([0-9]*\) traces tagged, \([0-9]*\) skipped.*/\1/p')
tagged=$(echo "$summary" | sed -n 's/^cotscan: \([0-9]*\) lines read, \([0-9]*\) traces tagged, \([0-9]*\) skipped.*/\2/p')
skipped=$(echo "$summary" | sed -n 's/^cotscan: \([0-9]*\) lines read, \([0-9]*\) traces tagged, \([0-9]*\) skipped.*/\3/p')
test "$read_n" -eq "$lines" || { echo "read $read_n of $lines lines"; exit 1; }
test $((tagged + skipped)) -eq "$read_n" || { echo "tagged+skipped != read"; exit 1; }
test "$rows" -eq "$tagged" || { echo "$rows rows for $tagged traces"; exit 1; }
# the corpus is clean JSONL: nothing is skipped
test "$skipped" -eq 0 || { echo "$skipped lines skipped"; exit 1; }
$COTSCAN report -q $files > $TMPD/report.csv
models=$(cut -d, -f4 $TMPD/tags.csv | tail -n +2 | sort -u | wc -l)
# model names may contain quoted commas: count distinct models with python
if command -v python3 >/dev/null; then
	python3 - $TMPD/tags.csv $TMPD/report.csv <<'PY'
import csv, sys
tags = list(csv.DictReader(open(sys.argv[1])))
rep = list(csv.DictReader(open(sys.argv[2])))
models = sorted({r["model"] for r in tags})
assert len(rep) == 4 * len(models), (len(rep), len(models))
for m in models:
    n = sum(1 for r in tags if r["model"] == m)
    for b in ("backtracking", "verification", "subgoal_setting", "backward_chaining"):
        row = [r for r in rep if r["model"] == m and r["behaviour"] == b]
        assert len(row) == 1
        row = row[0]
        assert int(row["traces"]) == n
        assert int(row["traces_with"]) == sum(1 for r in tags if r["model"] == m and int(r[b]) > 0)
        assert int(row["total_count"]) == sum(int(r[b]) for r in tags if r["model"] == m)
print(len(tags), "traces,", len(models), "models")
PY
fi
