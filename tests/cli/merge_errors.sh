# merge refuses what it cannot add up exactly (exit 2, the input and row named).
# Rule-set hashes change with every rule edit: shown as HASH.
run() { "$@" > $TMPD/o 2>&1; rc=$?; sed 's/[0-9a-f]\{16\}/HASH/g' $TMPD/o; echo "exit $rc"; }
export COTSCAN TMPD # for the 'sh -c' pipelines
$COTSCAN report -q --partial data/math.jsonl > $TMPD/a.csv
$COTSCAN report -q --partial data/countdown.jsonl > $TMPD/b.csv
echo "-- a partial is CSV, stamped with version and rule-set hash"
head -n 2 $TMPD/a.csv | sed 's/[0-9a-f]\{16\}/HASH/g'
echo "-- two partials merge; an empty input is the empty table"
run sh -c '$COTSCAN merge -q $TMPD/a.csv $TMPD/b.csv | head -n 3'
run sh -c '$COTSCAN merge < /dev/null'
echo "-- another rule set"
printf 'verification mine - \\bcheck\\b\n' > $TMPD/one.rules
$COTSCAN report -q --partial --rules $TMPD/one.rules data/countdown.jsonl > $TMPD/r.csv
run $COTSCAN merge $TMPD/a.csv $TMPD/r.csv
echo "-- another --group-by"
$COTSCAN report -q --partial --group-by model,task data/countdown.jsonl > $TMPD/g.csv
run sh -c 'cat $TMPD/a.csv $TMPD/g.csv | $COTSCAN merge'
echo "-- another cotscan version"
sed 's/^2,[^,]*,/2,0.0.1,/' $TMPD/b.csv > $TMPD/v.csv
run $COTSCAN merge $TMPD/a.csv $TMPD/v.csv
echo "-- another partial format"
sed 's/^2,/1,/' $TMPD/b.csv > $TMPD/f.csv
run $COTSCAN merge $TMPD/f.csv
echo "-- not a partial"
run $COTSCAN merge data/math.jsonl
run sh -c '$COTSCAN tag -q data/math.jsonl | $COTSCAN merge'
echo "-- damaged rows"
sed '3s/,[0-9]*$//' $TMPD/a.csv > $TMPD/short.csv
run $COTSCAN merge $TMPD/short.csv
sed '3s/,[0-9]*$/,-1/' $TMPD/a.csv > $TMPD/neg.csv
run $COTSCAN merge $TMPD/neg.csv
sed '3s/,group,/,grup,/' $TMPD/a.csv > $TMPD/kind.csv
run $COTSCAN merge $TMPD/kind.csv
sed '3s/,group,,/,skipped,cosmic_ray,/' $TMPD/a.csv > $TMPD/reason.csv
run $COTSCAN merge $TMPD/reason.csv
sed '3s/,group,,"/,group,,"\\q/' $TMPD/a.csv > $TMPD/esc.csv
run $COTSCAN merge $TMPD/esc.csv
sed '1s/,traces,/,trace,/' $TMPD/a.csv > $TMPD/head.csv
run $COTSCAN merge $TMPD/head.csv
run sh -c 'printf '\''"unclosed\n'\'' | $COTSCAN merge'
run $COTSCAN merge $TMPD/nonexistent.csv
echo "-- options that need traces do not apply"
run $COTSCAN merge --rules $TMPD/one.rules $TMPD/a.csv
run $COTSCAN report --partial --format json data/math.jsonl
run $COTSCAN report --level 1.5 data/math.jsonl
run $COTSCAN report --group-by model,,x data/math.jsonl
