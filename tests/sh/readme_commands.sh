# The README's tour commands that need only data/ run as written.
set -e
$COTSCAN tag data/*.jsonl -o $TMPD/tags.csv 2>/dev/null
test "$(wc -l < $TMPD/tags.csv)" -eq 31
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
# the check example of the README prints what the README shows
sed -n '/^\$ cotscan check -q --max empty=0.1/,/^```$/p' README.md | sed '1d;$d' > $TMPD/want
$COTSCAN check -q --max empty=0.1 --max padded=0 --min verification=0.2 --examples 3 data/*.jsonl > $TMPD/got || test $? -eq 1
diff $TMPD/want $TMPD/got
