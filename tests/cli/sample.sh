# sample: N records per value of --by (all of a smaller stratum), written
# back byte for byte; the same for a seed whatever the order of the inputs,
# how they are split into files and -j; another seed, another sample
ids() { sed 's/^{"id": \("[^"]*"\).*/\1/'; }
$COTSCAN sample -n 2 --by model data/countdown.jsonl data/math.jsonl > $TMPD/s.jsonl
echo "exit $?"
ids < $TMPD/s.jsonl
$COTSCAN sample -q -n 2 --by model data/countdown.jsonl data/math.jsonl > $TMPD/a.jsonl
$COTSCAN sample -q -n 2 --by model -j 3 data/math.jsonl data/countdown.jsonl > $TMPD/b.jsonl
cat data/countdown.jsonl data/math.jsonl | sort -r | $COTSCAN sample -q -n 2 --by model -j 1 > $TMPD/c.jsonl
cmp $TMPD/a.jsonl $TMPD/b.jsonl && cmp $TMPD/a.jsonl $TMPD/c.jsonl && echo "the same sample in any order"
# the records are the input lines unchanged
grep -c -x -F -f $TMPD/a.jsonl data/countdown.jsonl data/math.jsonl
# per stratum: 2 per model, or all of a model with fewer (a field of the record: task)
$COTSCAN sample -q -n 2 --seed 1 --by model data/countdown.jsonl data/math.jsonl | ids
tasks() { sed 's/.*"task": \("[^"]*"\).*/\1/; s/^{.*/(no task)/' | sort | uniq -c; }
$COTSCAN sample -n 5 --by task data/*.jsonl | tasks
# -n 14: a stratum with fewer records than 14 comes whole
$COTSCAN sample -n 14 --by task data/*.jsonl | tasks
cat data/*.jsonl | tasks
# no --by: N of all; fewer records than N: all of them
$COTSCAN sample -q -n 3 data/math.jsonl | ids
$COTSCAN sample -n 100 data/math.jsonl | wc -l
# bad lines are reported and never sampled
printf '{"id":"ok","cot":"x"}\nnot json\n' | $COTSCAN sample -n 5
echo "exit $?"
# usage errors
$COTSCAN sample data/math.jsonl
echo "exit $?"
$COTSCAN sample -n -1 data/math.jsonl
echo "exit $?"
$COTSCAN sample -n 2 --seed x data/math.jsonl
echo "exit $?"
$COTSCAN sample -n 2 --by model --by task data/math.jsonl
echo "exit $?"
$COTSCAN sample -n 2 --by a..b data/math.jsonl
echo "exit $?"
