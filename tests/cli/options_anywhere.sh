# options before the command work as after it; a misspelt command or option
# gets a suggestion, exit 2 and nothing on standard output
$COTSCAN -q tag data/math.jsonl | head -n 2; echo "exit $?"
$COTSCAN -q -j 2 report data/math.jsonl > $TMPD/a.csv; echo "exit $?"
$COTSCAN report -q -j 2 data/math.jsonl | cmp - $TMPD/a.csv && echo "same table"
$COTSCAN -j2 --quiet report --level=0.9 data/math.jsonl | head -n 2
$COTSCAN -o $TMPD/b.csv -q report data/math.jsonl; echo "exit $?"; cmp $TMPD/b.csv $TMPD/a.csv && echo "same table"
# the value of an option is not the command
$COTSCAN -q --model report data/math.jsonl | sed -n 2p
# a misspelt command (none of the files exists)
for a in reprot tga chek compre evla shwo merg; do
	$COTSCAN $a data/math.jsonl > $TMPD/out; echo "exit $?"; wc -c < $TMPD/out
done
$COTSCAN -q -j 2 reprot data/math.jsonl; echo "exit $?"
# an existing file of that name is tagged, as always
(cd $TMPD && printf '{"cot":"Let me verify: 2+2=4."}\n' > reprot && $COTSCAN -q reprot; echo "exit $?")
# far from every command: a missing file (exit 3)
$COTSCAN -q nosuchfile.jsonl > /dev/null; echo "exit $?"
# after --, a command name is a file
$COTSCAN -q -- report > /dev/null; echo "exit $?"
# misspelt options
for a in --grup-by=model --grup-by --lvel --evidnce --qiet --cotfield --modle-field --jsnl --format-json --xyzzy; do
	$COTSCAN report $a x data/math.jsonl > $TMPD/out; echo "exit $?"; wc -c < $TMPD/out
done
$COTSCAN --grup-by model report data/math.jsonl; echo "exit $?"
# every command of the command table, two-word ones too
for a in smaple "judeg read" "-q judge"; do
	$COTSCAN $a data/math.jsonl > $TMPD/out; echo "exit $?"; wc -c < $TMPD/out
done
$COTSCAN -q judge read --help | head -n 1
