# -o FILE: written beside FILE and renamed on success; a failed run keeps the old FILE
printf 'old\n' > $TMPD/out.csv
$COTSCAN -q -o $TMPD/out.csv data/math.jsonl; echo "exit $?"
head -n 2 $TMPD/out.csv
printf 'old\n' > $TMPD/out.csv
$COTSCAN -q -o $TMPD/out.csv data/math.jsonl $TMPD/missing.jsonl; echo "exit $?"
cat $TMPD/out.csv
ls -a $TMPD
# non-regular targets are written directly, never renamed over
$COTSCAN -q -o /dev/stdout data/math.jsonl | wc -l
test -c /dev/stdout && echo "/dev/stdout still a device"
$COTSCAN -q -o /dev/null data/math.jsonl; echo "exit $?"
test -c /dev/null && echo "/dev/null still a device"
mkfifo $TMPD/fifo
cat $TMPD/fifo | wc -l > $TMPD/fifo.count &
$COTSCAN -q -o $TMPD/fifo data/math.jsonl; echo "exit $?"
wait
cat $TMPD/fifo.count
test -p $TMPD/fifo && echo "fifo still a fifo"
