# --svg FILE that cannot be written: report and merge fail alike (exit 3,
# the chart's error before the summary) and neither replaces -o FILE, since
# the run did not succeed
printf 'old\n' > $TMPD/report.csv
printf 'old\n' > $TMPD/merge.csv
$COTSCAN report -q --partial data/math.jsonl > $TMPD/p.csv || exit 1
$COTSCAN report -o $TMPD/report.csv --svg $TMPD/no/such/dir/x.svg data/math.jsonl 2>$TMPD/report.err
rc=$?
[ $rc -eq 3 ] || { echo "report: exit $rc, expected 3"; exit 1; }
$COTSCAN merge -o $TMPD/merge.csv --svg $TMPD/no/such/dir/x.svg $TMPD/p.csv 2>$TMPD/merge.err
rc=$?
[ $rc -eq 3 ] || { echo "merge: exit $rc, expected 3"; exit 1; }
for c in report merge; do
	[ "$(cat $TMPD/$c.csv)" = old ] || { echo "$c replaced -o FILE after failing"; exit 1; }
	head -n 1 $TMPD/$c.err | grep -q "^cotscan: cannot .*x.svg" || { echo "$c:"; cat $TMPD/$c.err; exit 1; }
	tail -n 1 $TMPD/$c.err | grep -q "^cotscan: 8 lines read, 8 traces tagged, 0 skipped$" || { cat $TMPD/$c.err; exit 1; }
done
[ -z "$(ls -A $TMPD | grep '^\.')" ] || { echo "temporary file left"; ls -A $TMPD; exit 1; }
exit 0
