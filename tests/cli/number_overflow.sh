# numeric options take plain decimal digits: a value too large for 64 bits,
# a sign or a leading blank is a usage error, like any other bad number
big=99999999999999999999999
$COTSCAN show --line $big data/labelled.jsonl; echo "exit $?"
$COTSCAN show --line 18446744073709551616 data/labelled.jsonl; echo "exit $?"
$COTSCAN --first-line $big data/math.jsonl; echo "exit $?"
$COTSCAN -j $big data/math.jsonl; echo "exit $?"
$COTSCAN -j +2 data/math.jsonl; echo "exit $?"
$COTSCAN -j ' 2' data/math.jsonl; echo "exit $?"
$COTSCAN sample -n $big data/math.jsonl; echo "exit $?"
$COTSCAN sample -n 2 --seed $big data/math.jsonl; echo "exit $?"
$COTSCAN compare --seed +1 data/math.jsonl data/math.jsonl; echo "exit $?"
$COTSCAN --min-bytes $big data/math.jsonl; echo "exit $?"
$COTSCAN --max-bytes $big data/math.jsonl; echo "exit $?"
$COTSCAN check --examples $big data/math.jsonl; echo "exit $?"
# the largest value still parses: no such line
$COTSCAN show -q --line 18446744073709551615 data/labelled.jsonl; echo "exit $?"
