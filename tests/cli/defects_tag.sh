# the defects column of tag: each defect on a small record written for the test,
# --answer-field, --min-bytes/--max-bytes, duplicate in input order, --jsonl
f=$TMPD/d.jsonl
{
	printf '{"id":"clean","cot":"<think>Adding 2 and 2 gives 4.</think>4"}\n'
	printf '{"id":"empty","cot":"<think> </think>4"}\n'
	printf '{"id":"filled","cot":"<think> . . . . . . . . . . . . . . . . . . . .</think>4"}\n'
	printf '{"id":"unclosed","cot":"<think>We add 2 and 2 to"}\n'
	printf '{"id":"cut","cot":"We add 2 and 2 to ge"}\n'
	printf '{"id":"cut_field","cot":"We add 2 and 2 to g","answer":"4"}\n'
	printf '{"id":"no_answer","cot":"We add 2 and 2 to get 4."}\n'
	printf '{"id":"field","cot":"So 2 and 2 make 4.","answer":"4"}\n'
	printf '{"id":"pred","cot":"Two and two: 4.","out":{"pred":"4"}}\n'
	printf '{"id":"boxed","cot":"We add 2 and 2 to get \\\\boxed{4}."}\n'
	printf '{"id":"again","cot":"<think>Adding  2 and 2\\ngives 4. </think>four"}\n'
	printf '{"id":"msg","messages":[{"role":"assistant","reasoning_content":"Two plus two is four.","content":"4"}]}\n'
	printf '{"id":"msg_noans","messages":[{"role":"assistant","reasoning_content":"Two plus two is four.","content":""}]}\n'
	printf '{"id":"blocks","content":[{"type":"thinking","thinking":"Two and two make four."},{"type":"text","text":"Four."}]}\n'
	printf '{"id":"loop","cot":"'
	i=0; while [ $i -lt 20 ]; do printf 'Let me add the two numbers again to be completely sure of it. '; i=$((i+1)); done
	printf '"}\n'
} > $f
$COTSCAN -q $f | cut -d, -f3,5,10
$COTSCAN -q --answer-field out.pred --min-bytes 10 --max-bytes 100 $f | cut -d, -f3,5,10
$COTSCAN -q --jsonl $f | sed -n '3p' | grep -o '"defects":[^]]*]'
$COTSCAN -q --answer-field 'a..b' $f; echo "exit $?"
$COTSCAN -q --min-bytes -5 $f; echo "exit $?"
