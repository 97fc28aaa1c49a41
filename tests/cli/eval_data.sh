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
# --ci: bootstrap intervals of F1 and Spearman (seeded: the same every run)
$COTSCAN eval -q --ci --by none data/labelled.jsonl
echo "exit $?"
# --level sets the intervals' level: narrower at 0.5
$COTSCAN eval -q --ci --level 0.5 --by none --behaviour backtracking data/labelled.jsonl
echo "exit $?"
