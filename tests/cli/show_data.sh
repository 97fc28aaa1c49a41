# show: traces with every counted instance marked [behaviour:rule]{text}
$COTSCAN show --id e1 data/labelled.jsonl
echo "exit $?"
$COTSCAN show -q --line 3 --behaviour subgoal_setting data/labelled.jsonl
echo "exit $?"
# --behaviour marks only that behaviour (the counts line stays whole)
$COTSCAN show -q --id e7 --behaviour verification data/labelled.jsonl
echo "exit $?"
# --rule: one line per instance, with context; a shell pattern names several rules
$COTSCAN show --rule ver.lets_check data/labelled.jsonl data/math.jsonl
echo "exit $?"
$COTSCAN show -q --rule 'bt.*' --line 10 data/labelled.jsonl
echo "exit $?"
# colour only when asked (stdout is not a terminal here); the markers either way
$COTSCAN show -q --color=always --id e11 data/labelled.jsonl | od -c | head -3
$COTSCAN show -q --color --id e11 data/labelled.jsonl
# nothing found: exit 1
$COTSCAN show -q --id nosuch data/labelled.jsonl; echo "exit $?"
$COTSCAN show --line 99 --id e1 data/labelled.jsonl; echo "exit $?"
$COTSCAN show -q --rule bc.reverse data/labelled.jsonl; echo "exit $?"
# usage errors
$COTSCAN show --rule nosuch data/labelled.jsonl; echo "exit $?"
$COTSCAN show --color=sometimes data/labelled.jsonl; echo "exit $?"
$COTSCAN show --line 0 data/labelled.jsonl; echo "exit $?"
$COTSCAN show --line -3 data/labelled.jsonl; echo "exit $?"
$COTSCAN show --format csv data/labelled.jsonl; echo "exit $?"
$COTSCAN tag --rule ver.lets_check data/labelled.jsonl; echo "exit $?"
