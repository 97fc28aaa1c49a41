# --first-line and --label: a byte range of a file fed on standard input
# reports the file's name, its true line numbers and its fallback model,
# exactly as a run over the whole file
f=$TMPD/runs/demo-model.jsonl
mkdir -p $TMPD/runs
{
	printf '{"id":"a","cot":"Let me check: 2 + 2 = 4."}\n'
	printf '{"cot":"Wait, that is wrong. Let me try again."}\n'
	printf 'not json\n'
	printf '{"cot":"First, we need to find x."}\n'
	printf '{"cot":42}\n'
	printf '\357\273\277{"cot":"a BOM mid-file is data"}\n'
} > $f
echo "== whole file"
$COTSCAN tag $f
echo "exit $?"
echo "== lines 2-6 on stdin, --label and --first-line 2"
tail -n +2 $f | $COTSCAN tag --label $f --first-line 2
echo "exit $?"
echo "== report: the fallback model comes from the label"
tail -n +4 $f | $COTSCAN report -q --label $f --first-line 4
echo "exit $?"
echo "== partials of two byte ranges on stdin merge into the table of the whole file"
$COTSCAN report $f > $TMPD/whole.csv 2> $TMPD/whole.err
echo "whole: exit $?"
{
	head -n 3 $f | $COTSCAN report --partial --label $f
	echo "part 1: exit $?" >&2
	tail -n +4 $f | $COTSCAN report --partial --label $f --first-line 4
	echo "part 2: exit $?" >&2
} 2> $TMPD/parts.err | $COTSCAN merge > $TMPD/merged.csv 2> $TMPD/merged.err
echo "merge: exit $?"
cmp $TMPD/whole.csv $TMPD/merged.csv && echo "tables identical"
cat $TMPD/parts.err
cat $TMPD/whole.err $TMPD/merged.err
echo "== without --label standard input is '-' and model 'stdin'"
head -n 1 $f | $COTSCAN tag -q --first-line 10
echo "== --first-line numbers the first input only"
$COTSCAN tag -q --first-line 100 $f - < $f | cut -d, -f1,2 | sed "s|$TMPD/runs/||"
echo "== bad values"
$COTSCAN tag --first-line 0 $f
echo "exit $?"
$COTSCAN tag --first-line -3 $f
echo "exit $?"
$COTSCAN tag --first-line 12x $f
echo "exit $?"
$COTSCAN tag --first-line 99999999999999999999999 $f
echo "exit $?"
