# --where PATH=VAL / PATH!=VAL on every command that reads traces, and
# --drop-defects LIST on tag, report and compare: the traces left out are
# counted in the summary as filtered (not skipped: the exit code stays 0).
f=$TMPD/f.jsonl
{
	printf '{"id":"a1","model":"a","split":"dev","cot":"Let me verify: 2 + 2 = 4, which matches.","answer":"4"}\n'
	printf '{"id":"a2","model":"a","split":"test","cot":"Wait, that is wrong. Let me try again.","answer":"4"}\n'
	printf '{"id":"a3","model":"a","cot":"The answer is 4.","answer":"4"}\n'
	printf '{"id":"b1","model":"b","split":"dev","cot":"Let me verify: 2 + 2 = 4, which matches.","answer":"4"}\n'
	printf '{"id":"b2","model":"b","split":"test","cot":"'
	i=0; while [ $i -lt 20 ]; do printf 'Wait, let me add the two numbers again to be completely sure of it. '; i=$((i+1)); done
	printf '","answer":"4"}\n'
	printf '{"id":"b3","model":"b","split":"dev","cot":"The answer is 4."}\n'
} > $f
echo "-- tag: no filter, then --where, --where !=, both (all must hold)"
$COTSCAN $f | cut -d, -f2,3,10; echo "exit $?"
$COTSCAN --where split=dev $f | cut -d, -f2,3; echo "exit $?"
$COTSCAN --where 'split!=dev' $f | cut -d, -f2,3; echo "exit $?"
$COTSCAN --where 'split!=dev' --where model=b $f | cut -d, -f2,3; echo "exit $?"
echo "-- a number or other JSON value compares as its JSON text"
printf '{"id":"n","step":100,"cot":"x"}\n{"id":"m","step":20,"cot":"y"}\n' | $COTSCAN --where step=100 | cut -d, -f2
echo "-- --drop-defects: one, a list, all"
$COTSCAN --drop-defects repetitive $f | cut -d, -f2,3,10; echo "exit $?"
$COTSCAN --drop-defects repetitive,no_answer $f | cut -d, -f2,3,10; echo "exit $?"
$COTSCAN --drop-defects all $f | cut -d, -f2,3,10; echo "exit $?"
$COTSCAN --drop-defects all --jsonl $f | grep -o '"id":"[a-z0-9]*"'
echo "-- report and compare see only the traces kept"
$COTSCAN report --drop-defects repetitive --where split=dev $f | cut -d, -f1-4; echo "exit $?"
$COTSCAN compare -q --drop-defects repetitive --where "split!=test" $f | cut -d, -f1-6; echo "exit $?"
echo "-- check and show take --where (check: not --drop-defects)"
$COTSCAN check --where model=a --max repetitive=0 $f; echo "exit $?"
$COTSCAN check -q --max repetitive=0 $f; echo "exit $?"
$COTSCAN show --where id=a2 --color=never $f; echo "exit $?"
$COTSCAN check --drop-defects repetitive --max repetitive=0 $f; echo "exit $?"
echo "-- eval keeps its own count of what --where leaves out"
printf '{"id":"e1","model":"a","split":"dev","cot":"Wait, that is wrong.","labels":{"backtracking":1,"verification":0,"subgoal_setting":0,"backward_chaining":0}}\n{"id":"e2","model":"a","split":"test","cot":"x","labels":{"backtracking":0,"verification":0,"subgoal_setting":0,"backward_chaining":0}}\n' \
	| $COTSCAN eval --where split=dev --by none | cut -d, -f1-3
echo "-- errors"
$COTSCAN --where split $f; echo "exit $?"
$COTSCAN --where '=dev' $f; echo "exit $?"
$COTSCAN report --where 'a..b=1' $f; echo "exit $?"
$COTSCAN --drop-defects repetitive,nosuch $f; echo "exit $?"
$COTSCAN show --drop-defects all $f; echo "exit $?"
$COTSCAN merge --where a=b; echo "exit $?"
echo "-- shards: the filtered count travels in the partial, merge gives one run's table and summary"
head -n 3 $f > $TMPD/s1.jsonl; tail -n 3 $f > $TMPD/s2.jsonl
$COTSCAN report --drop-defects repetitive --where 'split!=test' $f > $TMPD/one.csv
$COTSCAN report -q --partial --drop-defects repetitive --where 'split!=test' $TMPD/s1.jsonl > $TMPD/p1.csv
$COTSCAN report -q --partial --drop-defects repetitive --where 'split!=test' $TMPD/s2.jsonl > $TMPD/p2.csv
grep -c ',filtered,' $TMPD/p1.csv
$COTSCAN merge $TMPD/p1.csv $TMPD/p2.csv | cmp - $TMPD/one.csv && echo "same table"
