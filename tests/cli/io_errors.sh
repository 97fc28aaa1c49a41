# unreadable inputs and failed writes: exit 3 with a message
$COTSCAN data/math.jsonl $TMPD/missing.jsonl > /dev/null; echo "exit $?"
$COTSCAN data > /dev/null; echo "exit $?"
$COTSCAN -q data/math.jsonl > /dev/full; echo "exit $?"
$COTSCAN -q -o /dev/full data/math.jsonl; echo "exit $?"
$COTSCAN -q -o $TMPD/no/such/dir/out.csv data/math.jsonl; echo "exit $?"
