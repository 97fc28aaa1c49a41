# empty and blank inputs: nothing read is not an error (exit 0); blank lines
# are counted as blank, without a message
: > $TMPD/empty.jsonl
$COTSCAN $TMPD/empty.jsonl; echo "exit $?"
$COTSCAN < /dev/null; echo "exit $?"
$COTSCAN /dev/null; echo "exit $?"
$COTSCAN report $TMPD/empty.jsonl; echo "exit $?"
printf '\n\n\n' | $COTSCAN; echo "exit $?"
printf '\r\n \t \r\n' | $COTSCAN; echo "exit $?"
printf '\357\273\277' | $COTSCAN; echo "exit $?"
printf '\357\273\277\n' | $COTSCAN; echo "exit $?"
