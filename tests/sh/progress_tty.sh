# Progress on standard error only when it is a terminal, and not with -q.
# script(1) gives cotscan a terminal; the input is slow enough for a redraw.
command -v script >/dev/null || { echo "no script(1)"; exit 77; }
set -u
mix=$TMPD/mix.jsonl
: > $mix
i=0
while [ $i -lt 40 ]; do cat data/*.jsonl >> $mix; i=$((i + 1)); done
slow() { cat $mix; sleep 1; cat $mix; cat $mix; }
script -qec "sh -c 'cat $mix; sleep 1; cat $mix $mix' | $COTSCAN -o $TMPD/tty.csv" $TMPD/tty.log > /dev/null
grep -q 'traces/s' $TMPD/tty.log || { echo "no progress on a terminal:"; cat -v $TMPD/tty.log; exit 1; }
grep -q 'lines read' $TMPD/tty.log || { echo "no summary"; exit 1; }
script -qec "sh -c 'cat $mix; sleep 1; cat $mix $mix' | $COTSCAN -q -o $TMPD/q.csv" $TMPD/q.log > /dev/null
! grep -q 'traces/s' $TMPD/q.log || { echo "progress despite -q"; exit 1; }
# not a terminal: standard error is the summary alone
slow | $COTSCAN -o $TMPD/pipe.csv 2> $TMPD/pipe.err
test $(wc -l < $TMPD/pipe.err) -eq 1 && ! grep -q 'traces/s' $TMPD/pipe.err ||
	{ echo "progress when stderr is a file:"; cat -v $TMPD/pipe.err; exit 1; }
cmp -s $TMPD/tty.csv $TMPD/pipe.csv || { echo "output differs with a terminal"; exit 1; }
exit 0
