# The README's tour commands that need only data/ run as written.
set -e
$COTSCAN tag data/*.jsonl -o $TMPD/tags.csv 2>/dev/null
test "$(wc -l < $TMPD/tags.csv)" -eq 47
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
