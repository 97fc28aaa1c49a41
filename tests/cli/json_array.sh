# a file whose first non-blank byte is '[' is an array of records: each
# element one trace, numbered from 1; pretty-printed JSON gets a hint
python3 -c '
import json, sys
recs = [json.loads(l) for l in open("data/math.jsonl")]
open(sys.argv[1], "w").write(json.dumps(recs, indent=2) + "\n")
open(sys.argv[2], "w").write(json.dumps(recs[0], indent=2) + "\n")
' $TMPD/math.json $TMPD/pretty.jsonl
$COTSCAN report -q data/math.jsonl > $TMPD/plain.csv
$COTSCAN report -q $TMPD/math.json | cmp - $TMPD/plain.csv && echo "array: same table"
$COTSCAN report -q - < $TMPD/math.json | cmp - $TMPD/plain.csv && echo "array on stdin: same table"
gzip -c $TMPD/math.json | $COTSCAN report -q | cmp - $TMPD/plain.csv && echo "gzip array: same table"
$COTSCAN tag -q -j 2 $TMPD/math.json | sed "s#$TMPD/##" | head -n 4
# --jsonl writes each element back as one line
$COTSCAN tag -q --jsonl $TMPD/math.json | wc -l
# odd arrays: empty, empty elements, non-objects, strings holding brackets
printf '[]\n' | $COTSCAN tag; echo "exit $?"
printf '\357\273\277 [ {"cot" : "a ] b\\" ,"}, 5, "s", [1], ,{"cot":"Let me check."}\n]\n' | $COTSCAN tag; echo "exit $?"
# cut short, or followed by more data: exit 3 after the records before
printf '[{"cot":"a"},\n {"cot":"b", "x": [1,\n' | $COTSCAN tag; echo "exit $?"
printf '[{"cot":"a"}] {"cot":"x"}\n' | $COTSCAN tag; echo "exit $?"
# --first-line cannot number an array
$COTSCAN tag -q --first-line 1 $TMPD/math.json 2>&1 | sed "s#$TMPD/##"
# pretty-printed records: one hint, on line 1
$COTSCAN tag -q $TMPD/pretty.jsonl 2>&1 >/dev/null | sed "s#$TMPD/##" | head -n 3
# a JSONL file whose lines are arrays is not an array file
printf '{"cot":"x"}\n[1]\n' | $COTSCAN tag; echo "exit $?"
