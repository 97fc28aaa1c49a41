# The judge loop round trip on the labelled dev set (../shared/eval/dev.jsonl):
# its labels and evidence, written as the judge's answers to the requests of
# `cotscan judge requests` (in both answer shapes, shuffled, over two files),
# read back by `cotscan judge read`, give the same labels and evidence, and
# `cotscan eval` gives the same table with them as with the set's own labels.
# Skipped when ../shared is absent.
dev=$SHARED/eval/dev.jsonl
[ -f "$dev" ] || { echo "no $dev"; exit 77; }
cd "$TMPD" || exit 1
cp "$dev" dev.jsonl
$COTSCAN judge requests -q --cot-field cot dev.jsonl > requests.jsonl || { echo "judge requests failed"; exit 1; }
python3 - <<'PY' || exit 1
import json, random
recs = [json.loads(l) for l in open("dev.jsonl")]
out = [[], []]
n = 0
for line in open("requests.jsonl"):
    req = json.loads(line)
    b, f, ln, tid = req["custom_id"].split("|")
    rec = recs[int(ln) - 1]
    assert f == "dev.jsonl" and tid == rec["id"], req["custom_id"]
    assert req["method"] == "POST" and req["url"] == "/v1/chat/completions"
    assert req["body"]["temperature"] == 0 and req["body"]["messages"][-1]["role"] == "user"
    quotes = "".join("<quote>%s</quote>\n" % q for q in rec["evidence"][b])
    content = "Instances:\n%s<count>%d</count>" % (quotes, rec["labels"][b])
    if n % 2:
        ans = {"custom_id": req["custom_id"], "content": content}
    else:
        ans = {"id": "batch_req_%d" % n, "custom_id": req["custom_id"],
               "response": {"status_code": 200, "request_id": "r%d" % n,
                            "body": {"choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                                  "finish_reason": "stop"}]}},
               "error": None}
    out[n % 3 == 0].append(json.dumps(ans))
    n += 1
assert n == 4 * len(recs), n
random.seed(7)
for i in (0, 1):
    random.shuffle(out[i])
    open("answers%d.jsonl" % i, "w").write("\n".join(out[i]) + "\n")
PY
$COTSCAN judge read answers0.jsonl answers1.jsonl > labels.jsonl 2> read.err
rc=$?
cat read.err
[ $rc -eq 0 ] || { echo "judge read exited $rc"; exit 1; }
python3 - <<'PY' || exit 1
import json
recs = {}
for i, l in enumerate(open("dev.jsonl"), 1):
    r = json.loads(l)
    recs[r["id"]] = (i, r)
got = [json.loads(l) for l in open("labels.jsonl")]
assert len(got) == len(recs), (len(got), len(recs))
for g in got:
    i, r = recs[g["id"]]
    assert g["file"] == "dev.jsonl" and g["line"] == i, g
    assert g["labels"] == r["labels"], (g["id"], g["labels"], r["labels"])
    assert g["evidence"] == r["evidence"], (g["id"], g["evidence"], r["evidence"])
assert [g["line"] for g in got] == sorted(g["line"] for g in got)
print("%d traces: labels and evidence round trip" % len(got))
PY
$COTSCAN eval -q --cot-field cot --labels dev.jsonl dev.jsonl > own.csv || exit 1
$COTSCAN eval -q --cot-field cot --labels labels.jsonl dev.jsonl > judged.csv || exit 1
cmp own.csv judged.csv || { diff own.csv judged.csv | head; exit 1; }
echo "eval: the same table"
