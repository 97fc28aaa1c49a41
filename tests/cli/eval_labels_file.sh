# eval --labels FILE: labels kept apart from the traces, joined by id; a
# trace without labels, a label without a trace, a duplicate id and an
# unreadable labels line are each reported as FILE:LINE and counted (exit 1)
root=$(pwd)
cd "$TMPD" || exit 1
{
	printf '{"id":"a","cot":"Let me try again."}\n'
	printf '{"id":7,"cot":"Let me verify: 2 + 2 = 4, which matches the target."}\n'
	printf '{"id":"nolab","cot":"Plain."}\n'
	printf '{"id":"b","cot":"Step 1: find the radius."}\n'
} > traces.jsonl
{
	printf '{"id":"a","labels":{"backtracking":1,"verification":0},"evidence":{"backtracking":["Let me try again."]}}\n'
	printf '{"id":7,"labels":{"verification":1,"backtracking":1},"evidence":{"backtracking":["(a judge mistake)"]}}\n'
	printf '\n'
	printf '{"id":"b","labels":{"subgoal_setting":1}}\n'
	printf 'garbage\n'
	printf '{"id":"a","labels":{"backtracking":5}}\n'
	printf '{"id":"ghost","labels":{"backtracking":0}}\n'
	printf '{"id":"bad","labels":{"backtracking":"many"}}\n'
} > labels.jsonl
$COTSCAN eval --by none --labels labels.jsonl traces.jsonl
echo "exit $?"
$COTSCAN eval -q --by none --errors --labels labels.jsonl traces.jsonl
echo "exit $?"
# the labelled file alone: its records are the traces too (as ../shared/eval)
$COTSCAN eval --by none --labels "$root/data/labelled.jsonl" 2>&1 >/dev/null | tail -n 2
echo "exit $?"
$COTSCAN eval --labels missing.jsonl traces.jsonl
echo "exit $?"
# an empty labels file: every trace is unlabelled
$COTSCAN eval --by none --labels /dev/null traces.jsonl
echo "exit $?"
