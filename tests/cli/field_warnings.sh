# a field path given on the command line that is missing in every record of
# an input: one warning per input at the end, with a "did you mean" from the
# keys of its first records; the exit code changes only with --strict
for a in "--model-field modle" "--id-field idx" "report --group-by famly" "report --group-by model,task,tsk" \
	 "--answer-field answr" "--model-field /modle" "--model-field .modle" "--model-field model" \
	 "compare --pair-by meta.qid" "compare --cluster-by tsk"; do
	echo "== $a"
	$COTSCAN -q $a data/math.jsonl data/countdown.jsonl > $TMPD/out; echo "exit $?"
	sed -n 2p $TMPD/out
done
$COTSCAN -q --model-field modle - < data/math.jsonl > /dev/null; echo "exit $?"
# present in some records of an input: no warning
printf '{"cot":"x","m":"a"}\n{"cot":"y"}\n' | $COTSCAN -q --model-field m > /dev/null; echo "exit $?"
# --strict: exit 1
$COTSCAN -q --strict --model-field modle data/math.jsonl > /dev/null; echo "exit $?"
