# report --svg: the picture follows the number of groups, with no empty
# space for few of them: per bar chart of N groups, its width and height,
# where the x axis ends and where the last bar ends (16 before it); a line
# chart with many series grows to hold its legend
for m in m-72B m-7B m-32B m-3B m-14B m-1B m-0.5B m-70B; do
	printf '{"model":"%s","cot":"Let me verify: 2 + 2 = 4, which matches."}\n' "$m"
done > $TMPD/t.jsonl
size() {
	grep -o '<svg [^>]*width="[0-9]*" height="[0-9]*"' "$1" | sed 's/.*\(width=.*\)/\1/' | tr '\n' ' '
	# the x axis is the black line at the bottom of the plot
	grep 'stroke="#000"' "$1" | tail -1 | sed 's/.*x2="\([0-9.]*\)".*/axis_end=\1/' | tr '\n' ' '
	grep '<rect class="bar"' "$1" | tail -1 | sed 's/.*x="\([0-9.]*\)".*width="\([0-9.]*\)".*/\1 \2/' |
		awk '{ printf "last_bar_end=%.1f\n", $1 + $2 }'
}
for n in 1 2 3 8; do
	head -$n $TMPD/t.jsonl > $TMPD/g$n.jsonl
	$COTSCAN report -q --svg $TMPD/g$n.svg $TMPD/g$n.jsonl > /dev/null
	echo "$n groups: $(size $TMPD/g$n.svg)"
done
echo "-- a line chart of 6 series: 21 legend rows (20 and a note) fit"
for s in 0 100 250; do for m in a b c d e f; do
	printf '{"model":"%s","step":%s,"cot":"Let me verify: 2 + 2 = 4, which matches."}\n' $m $s
done; done > $TMPD/l.jsonl
$COTSCAN report -q --group-by model,step --svg $TMPD/l.svg $TMPD/l.jsonl > /dev/null; echo "exit $?"
grep -o '<svg [^>]*' $TMPD/l.svg | sed 's/.*\(width=.*\) viewBox.*/\1/'
grep '(more series' $TMPD/l.svg | sed 's/.* y="\([0-9.]*\)".*/last legend row at y=\1/'
