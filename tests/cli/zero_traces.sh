# lines read but no trace tagged: exit 3 with the commonest reason and its
# first message, for every command that reads traces
printf '{"x":1}\n{"x":2}\n{bad\n' > $TMPD/none.jsonl
for cmd in tag report compare eval show; do
	$COTSCAN $cmd -q $TMPD/none.jsonl > /dev/null 2> $TMPD/e; echo "$cmd: exit $?"
	tail -n 1 $TMPD/e | sed "s#$TMPD/##"
done
$COTSCAN check -q --max empty=0 $TMPD/none.jsonl > /dev/null 2> $TMPD/e; echo "check: exit $?"
tail -n 1 $TMPD/e | sed "s#$TMPD/##"
# the first message is given whole, however long its path
d=$TMPD/a-directory-name-long-enough/that-the-first-message/runs-past-two-hundred-bytes
mkdir -p $d
printf '{"x":1}\n' > $d/none.jsonl
$COTSCAN tag -q $d/none.jsonl > /dev/null 2> $TMPD/e; echo "long path: exit $?"
tail -n 1 $TMPD/e | sed "s#$TMPD/##"
rm -r $TMPD/a-directory-name-long-enough
# a binary file read as text, one line
printf '\001\002\003\000\n' | $COTSCAN -q > /dev/null; echo "exit $?"
# nothing at all to read is not a failure
: | $COTSCAN report -q; echo "exit $?"
# -o FILE is replaced only by a run that tagged a trace and succeeded (exit 0 or 1)
printf 'old\n' > $TMPD/tags.csv
$COTSCAN tag -q -o $TMPD/tags.csv $TMPD/none.jsonl 2>/dev/null; echo "exit $?"; cat $TMPD/tags.csv
: | $COTSCAN tag -q -o $TMPD/tags.csv 2> $TMPD/e; echo "exit $?"; cat $TMPD/tags.csv
sed "s#$TMPD/##" $TMPD/e
$COTSCAN tag -q -o $TMPD/tags.csv $TMPD/none.jsonl data/math.jsonl 2>/dev/null; echo "exit $?"; wc -l < $TMPD/tags.csv
ls -a $TMPD
# an unreadable input among several: reported and skipped, the others read, exit 3 at the end
$COTSCAN tag -q data/math.jsonl $TMPD/missing.jsonl $TMPD data/countdown.jsonl > $TMPD/o 2> $TMPD/e; echo "exit $?"
cut -d, -f1 $TMPD/o | uniq -c
sed "s#$TMPD#TMPD#" $TMPD/e
$COTSCAN report -q -j 2 data/math.jsonl $TMPD/missing.jsonl data/countdown.jsonl 2>/dev/null | cut -d, -f1 | sort -u
# ... the -o file is kept (exit 3)
printf 'old\n' > $TMPD/tags.csv
$COTSCAN tag -q -o $TMPD/tags.csv data/math.jsonl $TMPD/missing.jsonl 2>/dev/null; echo "exit $?"; cat $TMPD/tags.csv
# --strict stops at the unreadable input, without a table
$COTSCAN report -q --strict data/math.jsonl $TMPD/missing.jsonl data/countdown.jsonl 2> $TMPD/e; echo "exit $?"
sed "s#$TMPD#TMPD#" $TMPD/e
