# after 20 messages of one kind the rest are only counted
i=0
while [ $i -lt 25 ]; do printf '{bad\n'; i=$((i + 1)); done > $TMPD/many.jsonl
printf '{"cot":1}\n' >> $TMPD/many.jsonl
$COTSCAN $TMPD/many.jsonl; echo "exit $?"
$COTSCAN -q $TMPD/many.jsonl 2>&1 >/dev/null | wc -l
