# report/merge --svg --title: the title line at the top of the chart,
# XML-escaped; without --title the default names the group fields
t() { grep -o '<text x="[0-9.]*" y="24"[^>]*>[^<]*</text>' "$1"; }
$COTSCAN report -q --svg $TMPD/d.svg data/math.jsonl > /dev/null; echo "exit $?"
t $TMPD/d.svg
$COTSCAN report -q --title 'Rates <7B> & "72B" vs. é' --svg $TMPD/t.svg data/math.jsonl > /dev/null; echo "exit $?"
t $TMPD/t.svg
echo "-- merge takes it too"
$COTSCAN report -q --partial data/math.jsonl > $TMPD/p.csv
$COTSCAN merge -q --title 'Merged' --svg $TMPD/m.svg $TMPD/p.csv > /dev/null; echo "exit $?"
t $TMPD/m.svg
echo "-- a long title widens the picture"
$COTSCAN report -q --title "$(printf 'W%.0s' $(seq 120))" --svg $TMPD/l.svg data/math.jsonl > /dev/null
grep -o '<svg [^>]*width="[0-9]*"' $TMPD/d.svg $TMPD/l.svg | sed 's/.*width=/width=/'
echo "-- tag knows no --title"
$COTSCAN tag -q --title x data/math.jsonl; echo "exit $?"
