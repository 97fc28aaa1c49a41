# eval on the hand-labelled sample: the metrics table (markdown), per source
# on the random sample only, and the disagreements
$COTSCAN eval --format markdown data/labelled.jsonl
echo "exit $?"
$COTSCAN eval -q --by source --where sample=random data/labelled.jsonl
echo "exit $?"
$COTSCAN eval -q --by none --behaviour verification --format json data/labelled.jsonl
echo "exit $?"
$COTSCAN eval -q --errors data/labelled.jsonl
echo "exit $?"
