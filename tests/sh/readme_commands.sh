# The README's tour commands that need only data/ run as written.
set -e
$COTSCAN tag data/*.jsonl -o $TMPD/tags.csv 2>/dev/null
test "$(wc -l < $TMPD/tags.csv)" -eq 55
$COTSCAN report data/countdown.jsonl data/math.jsonl 2>/dev/null | grep -q '^demo/reflective-3b,verification,'
$COTSCAN tag --evidence data/math.jsonl 2>/dev/null | head -n 1 | grep -q ',evidence$'
if command -v python3 >/dev/null; then
	$COTSCAN --jsonl -q data/shapes.jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    assert set(r["cotscan"]["counts"]) == {"backtracking", "verification", "subgoal_setting", "backward_chaining"}
'
fi
# the tour's report/merge/compare lines, on data/
$COTSCAN report -q --partial data/math.jsonl > $TMPD/p1.csv
$COTSCAN report -q --partial data/countdown.jsonl > $TMPD/p2.csv
cat $TMPD/p*.csv | $COTSCAN merge -q > $TMPD/merged.csv
$COTSCAN report -q data/math.jsonl data/countdown.jsonl | cmp - $TMPD/merged.csv
$COTSCAN compare -q --baseline demo/linear-3b data/countdown.jsonl | grep -q '^demo/reflective-3b,verification,demo/linear-3b,'
$COTSCAN report -q --svg $TMPD/rates.svg data/countdown.jsonl > /dev/null
grep -q '<rect class="bar"' $TMPD/rates.svg
# "How accurate is it?" and "Why did it tag that?" (data/ only; dev.jsonl is in eval_crosscheck.sh)
$COTSCAN eval -q --by none --format markdown data/labelled.jsonl | grep -q '^| all | all | macro | 16 |'
$COTSCAN eval -q --by source --where sample=random data/labelled.jsonl | grep -q '^source,handmade/math,'
$COTSCAN eval -q --errors --behaviour verification data/labelled.jsonl | head -n 1 | grep -q '^file,line,id,behaviour,kind,'
$COTSCAN show -q --id e1 data/labelled.jsonl | grep -q '^== data/labelled.jsonl:1  id e1 '
$COTSCAN show -q --rule ver.lets_check data/labelled.jsonl | grep -q '^data/labelled.jsonl:[0-9]*: e[0-9]*: .*\[verification:ver.lets_check\]{'
# the check example of the README prints what the README shows
sed -n '/^\$ cotscan check -q --max empty=0.1/,/^```$/p' README.md | sed '1d;$d' > $TMPD/want
$COTSCAN check -q --max empty=0.1 --max padded=0 --min verification=0.2 --examples 3 data/*.jsonl > $TMPD/got || test $? -eq 1
diff $TMPD/want $TMPD/got
