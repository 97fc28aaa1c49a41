# inputs that cannot be read: exit 3, with the path and the system's reason
printf '{"cot":"x"}\n' > $TMPD/file.jsonl
$COTSCAN $TMPD/missing.jsonl; echo "exit $?"
$COTSCAN $TMPD; echo "exit $?"
$COTSCAN $TMPD/file.jsonl/child.jsonl; echo "exit $?"
$COTSCAN $TMPD/$(printf '%0300d' 0)/$(printf '%0300d' 0); echo "exit $?"
$COTSCAN ''; echo "exit $?"
$COTSCAN - < $TMPD; echo "exit $?"
# the lines read before the failure were written and counted
$COTSCAN $TMPD/file.jsonl $TMPD; echo "exit $?"
