# `cotscan eval --audit`: the instance audit against the judge's evidence quotes.
# 1. Known answers: data/audit/traces.jsonl (tests/gen/make_audit.py, one case per
#    trace) with the rule set data/audit/audit.rules; every figure below is worked
#    out by hand from the definition (eval.h, README "Instance audit").
# 2. On data/labelled.jsonl and, when present, ../shared/eval/dev.jsonl and
#    train.jsonl with the built-in rules: the table's sums hold together,
#    hits equal cotscan's counts and quotes the judge's, -j does not change
#    it, and with cotscan's own matched texts given as the quotes every
#    instance is supported and every quote found.  Asserts structure, never
#    the rules' current scores.  Skipped without python3.
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
$COTSCAN eval -q --audit --rules data/audit/audit.rules --by id --format json data/audit/traces.jsonl > $TMPD/fixture.json
python3 - $TMPD/fixture.json <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
got = {(r["group"], r["behaviour"], r["rule"]): (r["hits"], r["supported"], r["unsupported"], r["unquoted"],
                                                 r["quotes"], r["found"]) for r in rows}
# (group, behaviour, rule): hits, supported, unsupported, unquoted, quotes, found
want = {
    ("all", "backtracking", "(all)"): (4, 3, 0, 1, 7, 2),
    ("all", "backtracking", "au.try_again"): (2, 2, 0, 0, 7, 2),
    ("all", "backtracking", "au.wrong"): (2, 1, 0, 1, 7, 1),
    ("all", "verification", "(all)"): (8, 7, 1, 0, 7, 5),
    ("all", "verification", "au.check"): (6, 5, 1, 0, 7, 4),
    ("all", "verification", "au.matches"): (1, 1, 0, 0, 7, 1),
    ("all", "verification", "au.next"): (1, 1, 0, 0, 7, 1),
    ("all", "subgoal_setting", "(all)"): (3, 1, 2, 0, 2, 1),
    ("all", "backward_chaining", "(all)"): (2, 1, 1, 0, 1, 1),
    # the quote is the hit's sentence; another part of it; it spans two sentences
    ("a1", "verification", "(all)"): (1, 1, 0, 0, 1, 1),
    ("a2", "verification", "(all)"): (1, 1, 0, 0, 1, 1),
    ("a3", "backtracking", "au.wrong"): (1, 1, 0, 0, 1, 1),
    ("a3", "backtracking", "au.try_again"): (1, 1, 0, 0, 1, 1),
    ("a3", "backtracking", "(all)"): (2, 2, 0, 0, 1, 1),
    # the quote is in another sentence; the sentence holds another behaviour's quote
    ("a4", "subgoal_setting", "(all)"): (2, 0, 2, 0, 1, 0),
    ("a5", "verification", "(all)"): (1, 0, 1, 0, 0, 0),
    ("a5", "backtracking", "(all)"): (0, 0, 0, 0, 1, 0),
    # 7 counted, 5 quoted: the hit in no quote is unquoted
    ("a6", "backtracking", "au.try_again"): (1, 1, 0, 0, 5, 1),
    ("a6", "backtracking", "au.wrong"): (1, 0, 0, 1, 5, 0),
    # case and white space do not matter; a missed quote and one outside the analysed text
    ("a7", "verification", "(all)"): (1, 1, 0, 0, 1, 1),
    ("a8", "verification", "(all)"): (0, 0, 0, 0, 2, 0),
    # the judge found none; the behaviour is not labelled (its hits are not audited)
    ("a9", "backward_chaining", "(all)"): (1, 0, 1, 0, 0, 0),
    ("a10", "subgoal_setting", "(all)"): (1, 1, 0, 0, 1, 1),
    # three hits of two rules in one quote: each rule finds it once, the behaviour once
    ("a11", "verification", "(all)"): (3, 3, 0, 0, 1, 1),
    ("a11", "verification", "au.check"): (2, 2, 0, 0, 1, 1),
    ("a11", "verification", "au.matches"): (1, 1, 0, 0, 1, 1),
    # byte offsets after non-ASCII text; a sentence+1 rule reaches the next sentence
    ("a12", "backward_chaining", "(all)"): (1, 1, 0, 0, 1, 1),
    ("a13", "verification", "au.next"): (1, 1, 0, 0, 1, 1),
}
bad = [(k, got.get(k), v) for k, v in want.items() if got.get(k) != v]
assert not bad, bad
assert got[("a10", "verification", "(all)")] == (0, 0, 0, 0, 0, 0), got[("a10", "verification", "(all)")]
for r in rows:
    d = r["supported"] + r["unsupported"]
    assert r["precision"] == (round(r["supported"] / d, 4) if d else None), r
    assert r["recall"] == (round(r["found"] / r["quotes"], 4) if r["quotes"] else None), r
print("fixture: %d rows as worked out" % len(rows))
PY
$COTSCAN eval --audit --rules data/audit/audit.rules --by none data/audit/traces.jsonl 2>&1 >/dev/null \
	| grep -q '; audit: 17 instances, 17 quotes (1 not in the analysed text), 0 traces with bad evidence$'

files=data/labelled.jsonl
for f in dev train; do
	[ -f "$SHARED/eval/$f.jsonl" ] && files="$files $SHARED/eval/$f.jsonl"
done
for f in $files; do
	$COTSCAN eval -q --audit --by source --format json -j 1 "$f" > $TMPD/audit.json
	$COTSCAN eval -q --audit --by source --format json -j 2 "$f" | cmp - $TMPD/audit.json
	# labels and evidence read from a --labels file give the same table
	$COTSCAN eval -q --audit --by source --format json --labels "$f" | cmp - $TMPD/audit.json
	$COTSCAN tag -q --jsonl "$f" > $TMPD/tagged.jsonl
	# the judge's quotes replaced by cotscan's own matched texts, one per instance
	python3 - $TMPD/tagged.jsonl > $TMPD/self.jsonl <<'PY'
import json, sys
B = ["backtracking", "verification", "subgoal_setting", "backward_chaining"]
for line in open(sys.argv[1]):
    r = json.loads(line)
    ev = {b: [e["text"] for e in r["cotscan"]["evidence"] if e["behaviour"] == b] for b in B}
    r["labels"] = {b: len(ev[b]) for b in B}
    r["evidence"] = ev
    del r["cotscan"]
    print(json.dumps(r))
PY
	$COTSCAN eval -q --audit --format json $TMPD/self.jsonl > $TMPD/self.json
	python3 - "$f" $TMPD/tagged.jsonl $TMPD/audit.json $TMPD/self.json <<'PY'
import json, sys
B = ["backtracking", "verification", "subgoal_setting", "backward_chaining"]
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
tagged = [json.loads(l) for l in open(sys.argv[2])]
rows, self_rows = json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
groups = {}
for r in rows:
    groups.setdefault((r["by"], r["group"]), []).append(r)
for (by, g), rs in groups.items():
    for b in B:
        block = [r for r in rs if r["behaviour"] == b]
        top, rules = block[0], block[1:]
        assert top["rule"] == "(all)" and rules, block[:2]
        for r in block:
            assert r["hits"] == r["supported"] + r["unsupported"] + r["unquoted"], r
            assert r["quotes"] == top["quotes"] and r["found"] <= top["found"] <= top["quotes"], r
        for k in ("hits", "supported", "unsupported", "unquoted"):
            assert top[k] == sum(r[k] for r in rules), (top, k)
        assert top["found"] <= sum(r["found"] for r in rules), top
# the overall rows: hits are cotscan's counts, quotes the judge's, over the labelled behaviours
top = {r["behaviour"]: r for r in rows if r["by"] == "all" and r["rule"] == "(all)"}
for b in B:
    hits = sum(t["cotscan"]["counts"][b] for t, r in zip(tagged, recs) if b in r["labels"])
    quotes = sum(len(r.get("evidence", {}).get(b, [])) for r in recs if b in r["labels"])
    assert top[b]["hits"] == hits and top[b]["quotes"] == quotes, (b, top[b], hits, quotes)
# the per-source blocks add up to the overall rows
for b in B:
    for k in ("hits", "supported", "unsupported", "unquoted", "quotes", "found"):
        assert sum(r[k] for r in rows if r["by"] == "source" and r["behaviour"] == b and r["rule"] == "(all)") \
            == top[b][k], (b, k)
# cotscan's own matched texts as quotes: everything supported and found
for r in self_rows:
    assert r["unsupported"] == 0 and r["unquoted"] == 0 and r["supported"] == r["hits"], r
    if r["rule"] == "(all)":
        assert r["found"] == r["quotes"] == r["hits"], r
print(sys.argv[1], len(recs), "traces:", ", ".join("%s %d hits %d quotes" % (b, top[b]["hits"], top[b]["quotes"])
                                                   for b in B))
PY
done
