# cotscan check: PASS/FAIL lines, the verdict, --examples, per-model keys,
# --format json, the implicit skipped check and exit codes 0 1 2 3
$COTSCAN check -q --max empty=0.1 --max padded=5% --max duplicate=0 data/*.jsonl; echo "exit $?"
$COTSCAN check -q --max empty=0.01 --max padded=0 --min verification=0.2 --examples 3 data/*.jsonl; echo "exit $?"
$COTSCAN check -q --min verification@demo/reflective-3b=0.5 --min verification@demo/linear-3b=0.5 \
	--min backtracking@nosuch=0 data/countdown.jsonl data/math.jsonl; echo "exit $?"
$COTSCAN check -q --max no_answer@*=0 data/countdown.jsonl data/math.jsonl; echo "exit $?"
$COTSCAN check -q --max padded=0 --examples 1 --format json data/degenerate.jsonl; echo "exit $?"
$COTSCAN check -q --max padded=0 --format markdown data/degenerate.jsonl; echo "exit $?"
# a duplicated trace, whitespace changed, in a second file: caught in input order
sed 's/ = / =  /' data/countdown.jsonl > $TMPD/again.jsonl
$COTSCAN check -q --max duplicate=0 --examples 2 data/countdown.jsonl $TMPD/again.jsonl; echo "exit $?"
# skipped lines: an implicit "skipped <= 0"; --max-skipped and skip reasons
printf '{"cot":"The answer is 4."}\nnot json\n\n{"cot":"bad \377"}\n' > $TMPD/bad.jsonl
$COTSCAN check --max empty=0 --examples 5 $TMPD/bad.jsonl; echo "exit $?"
$COTSCAN check -q --max empty=0 --max-skipped 0.7 --max bad_json=0.25 $TMPD/bad.jsonl; echo "exit $?"
# --min-bytes/--max-bytes
$COTSCAN check -q --max too_short=0 --max too_long=0 --min-bytes 40 --max-bytes 280 --examples 9 data/math.jsonl; echo "exit $?"
# usage and config errors: exit 2
$COTSCAN check data/math.jsonl; echo "exit $?"
$COTSCAN check --max emptyish=0 data/math.jsonl; echo "exit $?"
$COTSCAN check --min verification=2 data/math.jsonl; echo "exit $?"
$COTSCAN check --examples many --max empty=0 data/math.jsonl; echo "exit $?"
$COTSCAN tag --max empty=0 data/math.jsonl; echo "exit $?"
printf '# gate\nempty <= 1%%\nverification@demo/linear-3b >= 0.2  # note\nbogus <= 0\npadded => 0\nempty <= 2\nskipped@x <= 0\n' > $TMPD/gate.conf
$COTSCAN check --config $TMPD/gate.conf data/math.jsonl; echo "exit $?"
$COTSCAN check --config $TMPD/missing.conf data/math.jsonl; echo "exit $?"
printf 'empty <= 0\nverification@* >= 10%%\n' > $TMPD/ok.conf
$COTSCAN check -q --config $TMPD/ok.conf --max padded=0 data/math.jsonl; echo "exit $?"
# unreadable input: exit 3
$COTSCAN check -q --max empty=0 $TMPD/missing.jsonl; echo "exit $?"
