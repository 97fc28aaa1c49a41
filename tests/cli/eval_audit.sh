# eval --audit on the fixture (data/audit/traces.jsonl, data/audit/audit.rules; the
# figures are worked out in tests/sh/eval_audit.sh): the table in markdown
# and json, one behaviour, groups, --where
$COTSCAN eval --audit --rules data/audit/audit.rules --format markdown data/audit/traces.jsonl
echo "exit $?"
$COTSCAN eval -q --audit --rules data/audit/audit.rules --behaviour backtracking --by id --where id=a6 --format json data/audit/traces.jsonl
echo "exit $?"
# --audit and --by on a record field called "rule" do not collide
f=$TMPD/l.jsonl
{
	printf '{"id":"r1","rule":"x","cot":"Let me check: 2 + 2 = 4.","labels":{"verification":1},"evidence":{"verification":["2 + 2 = 4"]}}\n'
	printf '{"id":"r2","rule":"y","cot":"Let me check it.","labels":{"verification":0}}\n'
	# bad evidence: reported as FILE:LINE, counted, not audited, exit 1
	printf '{"id":"r3","cot":"Let me check it.","labels":{"verification":1},"evidence":{"verification":"Let me check it."}}\n'
	printf '{"id":"r4","cot":"Let me check it.","labels":{"verification":1},"evidence":{"verification":[1]}}\n'
	printf '{"id":"r5","cot":"Let me check it.","labels":{"verification":1},"evidence":["Let me check it."]}\n'
	# evidence of a behaviour that is not labelled is not read
	printf '{"id":"r6","cot":"Let me check it.","labels":{"backtracking":0},"evidence":{"verification":7}}\n'
} > "$f"
$COTSCAN eval --audit --rules data/audit/audit.rules --behaviour verification --by rule "$f"
echo "exit $?"
# usage errors
$COTSCAN eval --audit --errors data/audit/traces.jsonl; echo "exit $?"
$COTSCAN eval --audit --ci data/audit/traces.jsonl; echo "exit $?"
$COTSCAN report --audit data/audit/traces.jsonl; echo "exit $?"
