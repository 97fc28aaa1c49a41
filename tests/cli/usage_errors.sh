# usage errors: one line naming the problem, a hint, exit 2
$COTSCAN --bogus; echo "exit $?"
$COTSCAN -x; echo "exit $?"
$COTSCAN report --evidence data/math.jsonl; echo "exit $?"
$COTSCAN --cot-field a..b data/math.jsonl; echo "exit $?"
$COTSCAN --cot-field; echo "exit $?"
$COTSCAN --evidence --jsonl data/math.jsonl; echo "exit $?"
