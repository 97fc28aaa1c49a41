# The README's loop (sample -> judge requests -> judge read -> eval) runs as
# written on data/labelled.jsonl, with a stand-in judge that answers from
# the records' own labels: eval on the labels read back gives the table it
# gives on the records' labels.
set -e
cd "$TMPD"
$COTSCAN sample -q -n 3 --by model "$OLDPWD/data/labelled.jsonl" > sample.jsonl
test "$(wc -l < sample.jsonl)" -eq 6
$COTSCAN judge requests -q sample.jsonl > requests.jsonl
test "$(wc -l < requests.jsonl)" -eq 24
python3 - <<'PY'
import json
recs = [json.loads(l) for l in open("sample.jsonl")]
with open("answers.jsonl", "w") as out:
    for line in open("requests.jsonl"):
        cid = json.loads(line)["custom_id"]
        b, f, ln, _ = cid.split("|")
        r = recs[int(ln) - 1]
        quotes = "".join("<quote>%s</quote>" % q for q in r["evidence"].get(b, []))
        out.write(json.dumps({"custom_id": cid, "content": "%s\n<count>%d</count>" % (quotes, r["labels"][b])}) + "\n")
PY
$COTSCAN judge read -q answers.jsonl > labels.jsonl
test "$(wc -l < labels.jsonl)" -eq 6
$COTSCAN eval -q --labels labels.jsonl sample.jsonl --by model > judged.csv
$COTSCAN eval -q sample.jsonl --by model > own.csv
cmp own.csv judged.csv
grep -q '^model,demo/reflective-3b,macro,3,' judged.csv
