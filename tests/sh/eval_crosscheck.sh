# `cotscan eval` against an independent recomputation: python3 reads the
# labels from the records and cotscan's counts from `cotscan tag`, and
# recomputes every cell of the eval table (rates, P/R/F1, Spearman with
# average ranks, MAE, the confusion counts, capped at 20) for the overall,
# per-source and per-model rows.  Runs on data/labelled.jsonl and on the
# judge-labelled ../shared/eval/dev.jsonl when present; asserts structure and
# agreement, never the rules' current scores.  Skipped without python3.
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
files=data/labelled.jsonl
[ -f "$SHARED/eval/dev.jsonl" ] && files="$files $SHARED/eval/dev.jsonl"
for f in $files; do
	$COTSCAN tag -q "$f" > $TMPD/tags.csv
	$COTSCAN eval -q --by source --by model --format json "$f" > $TMPD/eval.json
	$COTSCAN eval -q --errors --format json "$f" > $TMPD/errors.json
	$COTSCAN eval -q --by source --by model --format json --ci "$f" > $TMPD/ci.json
	$COTSCAN eval -q --by none --format json --ci "$f" > $TMPD/ci_all.json
	# --labels FILE alone reads the same labels from the same records
	$COTSCAN eval -q --by source --by model --format json --labels "$f" > $TMPD/eval2.json
	cmp $TMPD/eval.json $TMPD/eval2.json || { echo "--labels $f differs from the in-record labels"; exit 1; }
	python3 - $TMPD/eval.json $TMPD/ci.json $TMPD/ci_all.json <<'PY'
# --ci adds four columns and changes no other cell; the intervals are ordered,
# in range, undefined where the point value is, [1, 1] for a perfect F1, and
# a group's intervals do not depend on the other groups (seeded by its name)
import json, sys
base, ci, ci_all = (json.load(open(p)) for p in sys.argv[1:4])
# every row ends with the stamp of the rules that made it
for r in base + ci + ci_all:
    assert list(r)[-2:] == ["cotscan_version", "rules_hash"] and len(r.pop("rules_hash")) == 16, r
    r.pop("cotscan_version")
assert len(base) == len(ci)
for b, c in zip(base, ci):
    assert list(c)[:len(b)] == list(b) and list(c)[len(b):] == ["f1_lo", "f1_hi", "spearman_lo", "spearman_hi"]
    assert all(c[k] == b[k] for k in b), (b, c)
    for m, low in (("f1", 0), ("spearman", -1)):
        lo, hi = c[m + "_lo"], c[m + "_hi"]
        if b[m] is None:
            assert lo is None and hi is None, c
        if lo is not None:
            assert low <= lo <= hi <= 1, c
    if b["f1"] == 1 and b["behaviour"] != "macro":
        assert c["f1_lo"] == c["f1_hi"] == 1, c
assert ci_all == ci[:5], (ci_all, ci[:5])
PY
	python3 - "$f" $TMPD/tags.csv $TMPD/eval.json $TMPD/errors.json <<'PY'
import csv, json, math, sys
B = ["backtracking", "verification", "subgoal_setting", "backward_chaining"]
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
tags = list(csv.DictReader(open(sys.argv[2])))
rows = json.load(open(sys.argv[3]))
errors = json.load(open(sys.argv[4]))
assert len(recs) == len(tags), (len(recs), len(tags))

def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j + 2) / 2
        i = j + 1
    return r

def pearson(x, y):
    n = len(x)
    if n < 2:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)

def div(a, b):
    return a / b if b else None

def mean(v):
    v = [x for x in v if x is not None]
    return sum(v) / len(v) if v else None

model = {t["id"]: t["model"] for t in tags}
items = []
for r, t in zip(recs, tags):
    j = [min(r["labels"][b], 20) for b in B]
    p = [min(int(t[b]), 20) for b in B]
    items.append((r, j, p))

def expect(sel):
    out = {}
    macro = {k: [] for k in ("judge_rate", "cotscan_rate", "precision", "recall", "f1", "spearman", "mae")}
    tot = [0, 0, 0, 0]
    for bi, b in enumerate(B):
        x = [j[bi] for r, j, p in sel]
        y = [p[bi] for r, j, p in sel]
        n = len(x)
        tp = sum(1 for a, c in zip(x, y) if a and c)
        fp = sum(1 for a, c in zip(x, y) if not a and c)
        fn = sum(1 for a, c in zip(x, y) if a and not c)
        tn = n - tp - fp - fn
        e = {"traces": n, "judge_rate": div(tp + fn, n), "cotscan_rate": div(tp + fp, n),
             "precision": div(tp, tp + fp), "recall": div(tp, tp + fn), "f1": div(2 * tp, 2 * tp + fp + fn),
             "spearman": pearson(ranks(x), ranks(y)) if n >= 2 else None,
             "mae": div(sum(abs(a - c) for a, c in zip(x, y)), n), "tp": tp, "fp": fp, "fn": fn, "tn": tn}
        out[b] = e
        for k in macro:
            macro[k].append(e[k])
        tot = [s + v for s, v in zip(tot, (tp, fp, fn, tn))]
    m = {k: mean(v) for k, v in macro.items()}
    m.update(traces=len(sel), tp=tot[0], fp=tot[1], fn=tot[2], tn=tot[3])
    out["macro"] = m
    return out

groups = [("all", "all", items)]
for by in ("source", "model"):
    keys = sorted({(r[by] if by == "source" else model[r["id"]]) for r, j, p in items})
    for k in keys:
        groups.append((by, k, [it for it in items if (it[0][by] if by == "source" else model[it[0]["id"]]) == k]))
assert len(rows) == 5 * len(groups), (len(rows), len(groups))
i = 0
for by, key, sel in groups:
    exp = expect(sel)
    for b in B + ["macro"]:
        row = rows[i]
        i += 1
        assert (row["by"], row["group"], row["behaviour"]) == (by, key, b), (row, by, key, b)
        for k, v in exp[b].items():
            got = row[k]
            if v is None:
                assert got is None, (by, key, b, k, got)
            else:
                assert got is not None and abs(got - v) < 6e-5, (by, key, b, k, got, v)
# --errors lists exactly the trace/behaviour pairs whose capped counts differ
want = [(r["id"], b, j[bi], p[bi]) for r, j, p in items for bi, b in enumerate(B) if j[bi] != p[bi]]
got = [(e["id"], e["behaviour"], e["judge"], e["cotscan"]) for e in errors]
assert got == want, (got[:5], want[:5])
for e in errors:
    assert e["kind"] == ("fn" if e["cotscan"] == 0 else "fp" if e["judge"] == 0 else "count")
    json.loads(e["judge_evidence"]); json.loads(e["cotscan_evidence"])
print(sys.argv[1], len(items), "traces,", len(groups), "groups,", len(errors), "disagreements: all cells agree")
PY
done
