# report --svg: well-formed XML with one bar per group and behaviour (a line
# chart with one point each over a numeric last group field), labelled axes,
# awkward labels escaped; merge --svg draws the same file byte for byte.
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
f=$TMPD/t.jsonl
{
	cat data/*.jsonl
	printf '{"model":"a <b> & \\"c\\" \\u0001 \\u00e9\\u4e2d","cot":"Let me verify: 2 + 2 = 4, which matches."}\n'
	for s in 0 100 250 1000; do
		printf '{"model":"rl","step":%s,"cot":"Let me verify: 2 + 2 = 4, which matches."}\n' $s
		printf '{"model":"rl","step":%s,"cot":"The answer is 4."}\n' $s
	done
} > $f
count() { # count SVG CSV-TABLE KIND: checks the SVG and counts the marks of KIND
	python3 - "$@" <<'PY'
import csv, re, sys
import xml.etree.ElementTree as ET
svg, table, kind = sys.argv[1:4]
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(svg).getroot()          # raises on malformed XML
assert root.tag == "{http://www.w3.org/2000/svg}svg"
rows = list(csv.DictReader(open(table)))
tag = "rect" if kind == "bar" else "circle"
marks = [e for e in root.iter("{http://www.w3.org/2000/svg}" + tag) if e.get("class") == kind]
assert len(marks) == len(rows), (len(marks), len(rows))
# every mark's tooltip names its group, behaviour and numbers: bars in
# table order, points series by series
groups = lambda r: list(r)[:list(r).index("behaviour")]
want = ["%s %s: rate %s [%s, %s]" % (",".join(r[g] for g in groups(r)), r["behaviour"], r["rate"],
        r["rate_lo"], r["rate_hi"]) for r in rows]
got = [m.find("s:title", ns).text.split("]")[0] + "]" for m in marks]
want = [re.sub("[\x00-\x1f\x7f]", "?", w) for w in want]  # XML cannot hold control characters
if kind == "point":
    want.sort(); got.sort()
assert got == want, (got[:3], want[:3])
texts = " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))
assert "rate (share of traces with the behaviour)" in texts and "Wilson" in texts
for b in ("backtracking", "verification", "subgoal_setting", "backward_chaining"):
    assert b in texts, b
print(len(marks), kind + "s")
PY
}
$COTSCAN report -q --svg $TMPD/bars.svg $f > $TMPD/bars.csv || true
count $TMPD/bars.svg $TMPD/bars.csv bar
grep -q 'a &lt;b&gt; &amp; &quot;c&quot; ? é中' $TMPD/bars.svg
grep -q '>model</text>' $TMPD/bars.svg
# a numeric last field: a line chart
grep '"rl"' $f > $TMPD/rl.jsonl
$COTSCAN report -q --group-by model,step --svg $TMPD/line.svg $TMPD/rl.jsonl > $TMPD/line.csv
count $TMPD/line.svg $TMPD/line.csv point
test "$(grep -c '<polyline' $TMPD/line.svg)" -eq 4
grep -q '>step</text>' $TMPD/line.svg
# --level reaches the chart
$COTSCAN report -q --level 0.99 --svg $TMPD/l99.svg $TMPD/rl.jsonl > /dev/null
grep -q '99% Wilson' $TMPD/l99.svg
# merge draws the same chart
$COTSCAN report -q --partial $f > $TMPD/p.csv || true
$COTSCAN merge -q --svg $TMPD/merged.svg $TMPD/p.csv > /dev/null || true
cmp $TMPD/bars.svg $TMPD/merged.svg
# an unwritable chart is an I/O error
rc=0; $COTSCAN report -q --svg $TMPD/no/such/dir/x.svg $TMPD/rl.jsonl > /dev/null 2> $TMPD/err || rc=$?
test $rc -eq 3 && grep -q "x.svg" $TMPD/err
