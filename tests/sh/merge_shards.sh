# `report --partial` on N shards + `merge` = one `report` over everything,
# byte for byte, in every format, with --level and --group-by, and with
# skipped lines counted the same.  Uses data/ and, when present, a slice
# of ../shared/corpus.
set -e
in=$TMPD/all.jsonl
cat data/*.jsonl > $in
# a few bad lines, so that skip counts travel through the partials too
printf '{"cot":42}\nnot json\n\n{"model":"demo/api","cot":"Let me verify this."}\n' >> $in
# group values that CSV could mangle: blanks at the ends, quotes, commas, newlines
printf '{"model":"\\ttab ","cot":"x"}\n{"model":" sp","cot":"x"}\n{"model":"q\\"u,o\\nnl","cot":"x"}\n{"model":"","cot":"x"}\n' >> $in
if [ -d "$SHARED/corpus" ]; then
	n=400
	case $BUILD in *asan*) n=60 ;; esac
	for f in $SHARED/corpus/*.jsonl; do head -n $n $f >> $in; done
fi
split -n l/5 $in $TMPD/shard.
ls $TMPD/shard.* | wc -l | grep -qx 5
# a record without a model falls back to the file's name, which differs
# between shards: name it (README "Running at scale")
COTSCAN="$COTSCAN"
report() { $COTSCAN report --model unnamed "$@"; }
check() { # check NAME REPORT-ARGS... -- MERGE-ARGS...
	name=$1; shift
	rargs=; while [ "$1" != -- ]; do rargs="$rargs $1"; shift; done; shift
	rc1=0; report -q $rargs $in > $TMPD/single.$name || rc1=$?
	rm -f $TMPD/parts.$name
	for s in $TMPD/shard.*; do
		report -q --partial $(echo $rargs | sed 's/--format [a-z]*//; s/--level [0-9.]*//') $s \
			>> $TMPD/parts.$name || true
	done
	rc2=0; $COTSCAN merge -q "$@" < $TMPD/parts.$name > $TMPD/merged.$name || rc2=$?
	cmp $TMPD/single.$name $TMPD/merged.$name || { diff $TMPD/single.$name $TMPD/merged.$name | head; exit 1; }
	test $rc1 -eq $rc2 || { echo "$name: exit $rc1 vs $rc2"; exit 1; }
	echo "ok $name (exit $rc1, $(wc -l < $TMPD/single.$name) lines)"
}
check csv --
check tsv --format tsv -- --format tsv
check markdown --format markdown -- --format markdown
check json --format json -- --format json
check level --level 0.99 -- --level 0.99
check grouped --group-by model,task,meta.sample -- 
check correct --group-by correct --format markdown -- --format markdown
# the skipped lines reached the merged summary and exit code
$COTSCAN merge $TMPD/parts.csv 2> $TMPD/err > /dev/null && exit 1
grep -q 'bad_json 1' $TMPD/err
grep -q 'cot_not_string 1' $TMPD/err
# partials given as files, and partials of partials, merge the same
$COTSCAN merge -q $TMPD/parts.csv > $TMPD/m1 || true
cmp $TMPD/single.csv $TMPD/m1
report -q --partial $TMPD/shard.aa $TMPD/shard.ab > $TMPD/p1 || true
report -q --partial $TMPD/shard.ac > $TMPD/p2 || true
report -q --partial $TMPD/shard.ad $TMPD/shard.ae > $TMPD/p3 || true
{ $COTSCAN merge -q --partial $TMPD/p1 $TMPD/p2 || true; cat $TMPD/p3; } | $COTSCAN merge -q > $TMPD/m2 || true
cmp $TMPD/single.csv $TMPD/m2
# the order of Hadoop Streaming's reducer input: lines sorted bytewise (every
# header first), each ending in a tab (the empty value)
LC_ALL=C sort $TMPD/parts.csv | sed 's/$/	/' | $COTSCAN merge -q > $TMPD/m3 || true
cmp $TMPD/single.csv $TMPD/m3
echo "all formats merge byte for byte"
