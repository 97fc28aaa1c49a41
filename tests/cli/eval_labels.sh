# eval's labels: every line without usable labels is reported as FILE:LINE,
# counted in the eval summary and turns the exit code to 1; a behaviour left
# out of the labels is not scored; counts are capped at 20 on both sides
f=$TMPD/l.jsonl
{
	printf '{"id":"a","cot":"Let me try again. Let me try again.","labels":{"backtracking":2,"verification":0,"subgoal_setting":0,"backward_chaining":0}}\n'
	printf '{"id":"b","cot":"No labels here."}\n'
	printf '{"id":"c","cot":"x","labels":[1,2]}\n'
	printf '{"id":"d","cot":"x","labels":{"backtracking":-1}}\n'
	printf '{"id":"e","cot":"x","labels":{"verification":1.5}}\n'
	printf '{"id":"f","cot":"x","labels":{"verification":"2"}}\n'
	printf '{"id":"g","cot":"x","labels":{"other":1}}\n'
	printf '{"id":"h","cot":"Let me verify: 2 + 2 = 4, which matches the target.","labels":{"verification":1}}\n'
	printf '{"id":"i","cot":"Judged loops.","labels":{"backtracking":35,"verification":0,"subgoal_setting":0,"backward_chaining":0}}\n'
	printf 'not json\n'
	printf '{"id":"j","cot":"2 + 2 = 5 is wrong; redo: 2 + 2 = 4.","judge":{"labels":{"backtracking":1},"evidence":{"backtracking":["2 + 2 = 5 is wrong; redo"]}}}\n'
} > "$f"
$COTSCAN eval --by none "$f"
echo "exit $?"
# another labels path; its evidence is the sibling "evidence" object
$COTSCAN eval --by none --labels-field judge.labels --errors "$f"
echo "exit $?"
# groups by any field; a missing field is "(missing)"; --where on a missing field never equals
$COTSCAN eval -q --by id --behaviour backtracking --where 'id!=i' "$f"
echo "exit $?"
$COTSCAN eval -q --where 'nothing=1' "$f"
echo "exit $?"
# usage errors
$COTSCAN eval --where nothing data/labelled.jsonl; echo "exit $?"
$COTSCAN eval --where =x data/labelled.jsonl; echo "exit $?"
$COTSCAN eval --by a..b data/labelled.jsonl; echo "exit $?"
$COTSCAN eval --labels-field .x data/labelled.jsonl; echo "exit $?"
$COTSCAN eval --behaviour thinking data/labelled.jsonl; echo "exit $?"
$COTSCAN eval --jsonl data/labelled.jsonl; echo "exit $?"
$COTSCAN report --errors data/labelled.jsonl; echo "exit $?"
# --where and --by on non-string fields compare and group by their JSON text
$COTSCAN eval -q --by labels.backtracking --behaviour verification --where 'labels.verification=1' "$f"
echo "exit $?"
