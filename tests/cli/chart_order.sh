# report/merge --svg --order: the named groups first in the chart, in that
# order, the others after them in natural order; the table keeps its order;
# a name that is no group is a one-line warning, not an error
labels() { sed -n 's/.*rotate(-45)[^>]*>\([^<]*\)<.*/\1/p' "$1" | tr '\n' ' '; echo; }
for m in m-72B m-7B m-32B m-3B "a,b"; do
	printf '{"model":"%s","cot":"Let me verify: 2 + 2 = 4, which matches."}\n' "$m"
done > $TMPD/t.jsonl
echo "-- natural order"
$COTSCAN report -q --svg $TMPD/n.svg $TMPD/t.jsonl > /dev/null; echo "exit $?"
labels $TMPD/n.svg
echo "-- explicit order; a label with a comma; an unknown name warns"
$COTSCAN report -q --format tsv --order m-72B,nosuch,a,b,m-3B --svg $TMPD/o.svg $TMPD/t.jsonl > $TMPD/o.tsv; echo "exit $?"
labels $TMPD/o.svg
echo "-- the table keeps its order"
cut -f1 $TMPD/o.tsv | uniq | tr '\n' ' '; echo
echo "-- several group fields: the values joined by ','"
$COTSCAN report -q --group-by model,model --order m-3B,m-3B,m-7B,m-7B --svg $TMPD/g.svg $TMPD/t.jsonl > /dev/null; echo "exit $?"
labels $TMPD/g.svg
echo "-- merge takes it too"
$COTSCAN report -q --partial $TMPD/t.jsonl > $TMPD/p.csv
$COTSCAN merge -q --order m-32B --svg $TMPD/m.svg $TMPD/p.csv > /dev/null; echo "exit $?"
labels $TMPD/m.svg
