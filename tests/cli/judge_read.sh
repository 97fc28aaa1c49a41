# judge read on canned answers (data/judge/answers.jsonl, to the requests of
# data/judge/traces.jsonl): both answer shapes, ids with quotes, '#', '|'
# and '%', a count above the cap; an answer without a count, a count that is
# not a number, counts that disagree, error lines (error object, status
# 429), no answer text, a duplicate, a missing behaviour, lines that are not
# answers.  Each is reported FILE:LINE, counted, and left out (never a 0).
$COTSCAN judge read data/judge/answers.jsonl
echo "exit $?"
# eval takes its output as --labels
$COTSCAN judge read -q -o $TMPD/labels.jsonl data/judge/answers.jsonl
echo "exit $?"
$COTSCAN eval --by none --labels $TMPD/labels.jsonl data/judge/traces.jsonl
echo "exit $?"
# standard input; an answer file that does not exist
grep -v '^not json' data/judge/answers.jsonl | head -n 4 | $COTSCAN judge read
echo "exit $?"
$COTSCAN judge read $TMPD/none.jsonl
echo "exit $?"
# nothing to read: no labels, exit 0
$COTSCAN judge read /dev/null
echo "exit $?"
# ids that name two traces (line-number ids of two inputs) cannot be joined by id
printf '{"cot":"Let me try again."}\n' > $TMPD/a.jsonl
printf '{"cot":"Let me check: 2 + 2 = 4. Correct."}\n' > $TMPD/b.jsonl
$COTSCAN judge requests -q --behaviour verification $TMPD/a.jsonl $TMPD/b.jsonl |
	sed 's/^{"custom_id":\("[^"]*"\).*/{"custom_id":\1,"content":"<count>1<\/count>"}/' > $TMPD/ans.jsonl
cat $TMPD/ans.jsonl
$COTSCAN judge read $TMPD/ans.jsonl
echo "exit $?"
# invalid UTF-8 in an answer line; custom_ids that do not decode
printf '{"custom_id":"verification|x|1|a","content":"\377"}\n' > $TMPD/bad.jsonl
printf '{"custom_id":"verification|x|0|a","content":"<count>1</count>"}\n' >> $TMPD/bad.jsonl
printf '{"custom_id":"verification|x|1|a%%zz","content":"<count>1</count>"}\n' >> $TMPD/bad.jsonl
printf '{"custom_id":"verification|x|1|a%%00","content":"<count>1</count>"}\n' >> $TMPD/bad.jsonl
printf '{"custom_id":"verify|x|1|a","content":"<count>1</count>"}\n' >> $TMPD/bad.jsonl
printf '{"custom_id":"verification|x|1|a%%1B[31m","content":"<count>1</count>","error":"\\u001b[2J"}\n' >> $TMPD/bad.jsonl
printf '{"custom_id":"verification|x|1|b","content":"<count>1234567890</count>"}\n' >> $TMPD/bad.jsonl
$COTSCAN judge read $TMPD/bad.jsonl
echo "exit $?"
# ids at --id-field: requests carry them, judge read writes them back there, eval joins on them
printf '{"meta":{"uid":"u 1"},"cot":"Let me try again."}\n{"meta":{"uid":"u 2"},"cot":"Plain."}\n' > $TMPD/nested.jsonl
$COTSCAN judge requests -q --behaviour backtracking --id-field meta.uid $TMPD/nested.jsonl |
	sed 's/^{"custom_id":\("[^"]*"\).*/{"custom_id":\1,"content":"<count>1<\/count>"}/' > $TMPD/nested_ans.jsonl
$COTSCAN judge read -q --id-field meta.uid $TMPD/nested_ans.jsonl | tee $TMPD/nested_labels.jsonl
$COTSCAN eval -q --by none --behaviour backtracking --id-field meta.uid --labels $TMPD/nested_labels.jsonl $TMPD/nested.jsonl
echo "exit $?"
# the other answer shapes that give no count
printf '{"custom_id":"backtracking|x|1|c","content":3}\n' > $TMPD/shapes.jsonl
printf '{"custom_id":"backtracking|x|2|c","response":null,"error":null}\n' >> $TMPD/shapes.jsonl
printf '{"custom_id":"backtracking|x|3|c","response":{"status_code":500,"body":{}}}\n' >> $TMPD/shapes.jsonl
printf '{"custom_id":"backtracking|x|4|c","response":{"status_code":200,"body":{"choices":[]}}}\n' >> $TMPD/shapes.jsonl
printf '{"custom_id":"backtracking|x|5|c","error":{"code":"server_error"}}\n' >> $TMPD/shapes.jsonl
printf '{"custom_id":"backtracking|x|6|c","error":{"detail":42}}\n' >> $TMPD/shapes.jsonl
printf '{"custom_id":"backtracking|x|7|c","error":"timeout"}\n' >> $TMPD/shapes.jsonl
printf '{"custom_id":"backtracking|x|8|c","response":{"body":{"choices":[{"message":{"content":"<count>2</count>"}}]}}}\n' >> $TMPD/shapes.jsonl
$COTSCAN judge read $TMPD/shapes.jsonl
echo "exit $?"
# after 20 messages of one kind, only counts
i=0; while [ $i -lt 22 ]; do echo "x$i"; i=$((i + 1)); done > $TMPD/many.jsonl
$COTSCAN judge read $TMPD/many.jsonl
echo "exit $?"
# a directory is not an answer file
$COTSCAN judge read $TMPD
echo "exit $?"
