# The issue's question on the real corpus: does the Qwen family verify more
# than the Llama family (ZeroEval MATH-L5)?  compare must report the
# difference with an interval and a p-value that agree with report's counts
# and with the formulas recomputed here independently (Python's math only).
# Skipped when ../shared or python3 is absent.
corpus=$SHARED/corpus/zeroeval_math-l5.jsonl
[ -f "$corpus" ] || { echo "no $corpus"; exit 77; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
python3 - "$corpus" > $TMPD/fam.jsonl <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    fam = r["model"].split("/")[0]
    if fam in ("Qwen", "meta-llama"):
        r["family"] = fam
        print(json.dumps(r))
PY
case $BUILD in *asan*) head -n 1500 $TMPD/fam.jsonl > $TMPD/f && tail -n 1500 $TMPD/fam.jsonl >> $TMPD/f && mv $TMPD/f $TMPD/fam.jsonl ;; esac
$COTSCAN compare -q --group-by family --baseline meta-llama $TMPD/fam.jsonl > $TMPD/cmp.csv
$COTSCAN report -q --group-by family $TMPD/fam.jsonl > $TMPD/rep.csv
python3 - $TMPD/cmp.csv $TMPD/rep.csv <<'PY'
import csv, math, sys
cmp = list(csv.DictReader(open(sys.argv[1])))
rep = {(r["family"], r["behaviour"]): r for r in csv.DictReader(open(sys.argv[2]))}
assert len(cmp) == 4 and all(r["family"] == "Qwen" and r["baseline"] == "meta-llama" for r in cmp), cmp
z = 1.959963984540054
def wilson(k, n):
    p = k / n; d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d; h = z / d * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, c - h), min(1.0, c + h)
for r in cmp:
    q, l = rep[("Qwen", r["behaviour"])], rep[("meta-llama", r["behaviour"])]
    k1, n1, k0, n0 = int(q["traces_with"]), int(q["traces"]), int(l["traces_with"]), int(l["traces"])
    p1, p0 = k1 / n1, k0 / n0
    (l1, u1), (l0, u0) = wilson(k1, n1), wilson(k0, n0)
    lo = p1 - p0 - math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2)
    hi = p1 - p0 + math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)
    assert abs(float(r["diff"]) - (p1 - p0)) < 1e-4 and abs(float(r["diff_lo"]) - lo) < 1e-4 \
        and abs(float(r["diff_hi"]) - hi) < 1e-4, (r, lo, hi)
    assert float(r["diff_lo"]) <= float(r["diff"]) <= float(r["diff_hi"])
    p = float(r["p_value"])
    assert 0 < p <= 1 and p <= float(r["p_holm"]) <= 1
    if r["test"] == "z":
        pool = (k1 + k0) / (n1 + n0)
        zz = (p1 - p0) / math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n0))
        assert abs(p - math.erfc(abs(zz) / math.sqrt(2))) <= 5e-3 * p, (p, zz)  # p is printed with 3 digits
    if r["behaviour"] == "verification":
        print("Qwen vs Llama verification: %s vs %s, diff %s [%s, %s], %s test p=%s, Holm p=%s" % (
            r["rate"], r["baseline_rate"], r["diff"], r["diff_lo"], r["diff_hi"], r["test"], r["p_value"], r["p_holm"]))
PY

# --cluster-by model: the model is the unit.  Recomputed from report's
# per-model rates: the mean rates, Welch's interval (the t quantile checked
# by integrating Student's density) and the exact permutation p-value over
# every split of the models into the two families.
$COTSCAN compare -q --group-by family --baseline meta-llama --cluster-by model $TMPD/fam.jsonl > $TMPD/cl.csv
$COTSCAN report -q --group-by family,model $TMPD/fam.jsonl > $TMPD/per.csv
python3 - $TMPD/cl.csv $TMPD/per.csv <<'PY'
import csv, itertools, math, sys
cl = list(csv.DictReader(open(sys.argv[1])))
per = list(csv.DictReader(open(sys.argv[2])))
assert len(cl) == 4 and all(r["unit"] == "clusters by model" for r in cl), cl
def tcdf_tail(x, df):  # P(|T| > x) by Simpson's rule on the density
    c = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))
    f = lambda t: c * (1 + t * t / df) ** (-(df + 1) / 2)
    n = 4000; h = x / n
    s = f(0) + f(x) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, n))
    return 1 - 2 * s * h / 3
for r in cl:
    b = r["behaviour"]
    q = [int(p["traces_with"]) / int(p["traces"]) for p in per if p["family"] == "Qwen" and p["behaviour"] == b]
    l = [int(p["traces_with"]) / int(p["traces"]) for p in per if p["family"] == "meta-llama" and p["behaviour"] == b]
    assert int(r["clusters"]) == len(q) and int(r["baseline_clusters"]) == len(l), r
    mq, ml = sum(q) / len(q), sum(l) / len(l)
    assert abs(float(r["rate"]) - mq) < 1e-4 and abs(float(r["baseline_rate"]) - ml) < 1e-4, (r, mq, ml)
    vq = sum((x - mq) ** 2 for x in q) / (len(q) - 1) / len(q)
    vl = sum((x - ml) ** 2 for x in l) / (len(l) - 1) / len(l)
    df = (vq + vl) ** 2 / (vq * vq / (len(q) - 1) + vl * vl / (len(l) - 1))
    half = (float(r["diff_hi"]) - float(r["diff_lo"])) / 2
    assert abs((float(r["diff_hi"]) + float(r["diff_lo"])) / 2 - (mq - ml)) < 1e-4, r
    assert abs(tcdf_tail(half / math.sqrt(vq + vl), df) - 0.05) < 2e-3, (r, df)
    allv = q + l; obs = abs(mq - ml); hits = tot = 0
    for pick in itertools.combinations(range(len(allv)), len(q)):
        a = [allv[i] for i in pick]; o = [allv[i] for i in range(len(allv)) if i not in pick]
        hits += abs(sum(a) / len(a) - sum(o) / len(o)) >= obs - 1e-9; tot += 1
    p = float(r["p_value"])
    assert r["test"] == "cluster-permutation" and abs(p - hits / tot) <= 5e-3 * p, (r, hits, tot)
    if b == "verification":
        print("clustered by model: verification diff %s [%s, %s], permutation p=%s (%d of %d splits)" % (
            r["diff"], r["diff_lo"], r["diff_hi"], r["p_value"], hits, tot))
PY

# --pair-by meta.question_id on Qwen2.5-7B vs Llama-3.1-8B: McNemar, Newcombe's
# paired interval and Wilcoxon recomputed from tag's per-trace counts.
grep -E '"model": "(Qwen/Qwen2.5-7B-Instruct|meta-llama/Meta-Llama-3.1-8B-Instruct)"' $corpus > $TMPD/two.jsonl
case $BUILD in *asan*) head -n 400 $TMPD/two.jsonl > $TMPD/f && tail -n 400 $TMPD/two.jsonl >> $TMPD/f && mv $TMPD/f $TMPD/two.jsonl ;; esac
$COTSCAN compare -q --baseline meta-llama/Meta-Llama-3.1-8B-Instruct --pair-by meta.question_id $TMPD/two.jsonl > $TMPD/pr.csv
$COTSCAN -q $TMPD/two.jsonl > $TMPD/tags.csv
python3 - $TMPD/pr.csv $TMPD/tags.csv $TMPD/two.jsonl <<'PY'
import csv, json, math, sys
pr = list(csv.DictReader(open(sys.argv[1])))
tags = list(csv.DictReader(open(sys.argv[2])))
qid = [json.loads(l)["meta"]["question_id"] for l in open(sys.argv[3], encoding="utf-8")]
z = 1.959963984540054
by = {}
for t in tags:
    by.setdefault(t["model"].startswith("Qwen"), {})[qid[int(t["line"]) - 1]] = t
keys = sorted(set(by[True]) & set(by[False]))
def wilson(k, n):
    p = k / n; d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d; h = z / d * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, c - h), min(1.0, c + h)
for r in pr:
    b = r["behaviour"]
    x = [int(by[True][k][b]) for k in keys]; y = [int(by[False][k][b]) for k in keys]
    n = len(keys)
    a = sum(1 for i in range(n) if x[i] and y[i]); bb = sum(1 for i in range(n) if x[i] and not y[i])
    cc = sum(1 for i in range(n) if not x[i] and y[i]); d = n - a - bb - cc
    assert int(r["pairs"]) == n and int(r["discordant_group"]) == bb and int(r["discordant_baseline"]) == cc, r
    p1, p2 = (a + bb) / n, (a + cc) / n
    (l1, u1), (l2, u2) = wilson(a + bb, n), wilson(a + cc, n)
    m = (a + bb) * (cc + d) * (a + cc) * (bb + d)
    phi = (a * d - bb * cc) / math.sqrt(m) if m else 0
    lo = p1 - p2 - math.sqrt(max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2))
    hi = p1 - p2 + math.sqrt(max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2))
    assert abs(float(r["diff_lo"]) - lo) < 1e-4 and abs(float(r["diff_hi"]) - hi) < 1e-4, (r, lo, hi)
    if bb + cc >= 25:
        assert r["test"] == "mcnemar-chi2", r
        want = math.erfc(math.sqrt((bb - cc) ** 2 / (bb + cc) / 2))
    else:
        assert r["test"] == "mcnemar-exact", r
        k = min(bb, cc); want = min(1, 2 * sum(math.comb(bb + cc, i) for i in range(k + 1)) / 2 ** (bb + cc))
    p = float(r["p_value"])
    assert abs(p - want) <= 5e-3 * want, (r, want)
    dd = sorted((abs(x[i] - y[i]), x[i] > y[i]) for i in range(n) if x[i] != y[i])
    if r["count_test"] == "wilcoxon-normal":
        rp = ties = 0; i = 0
        while i < len(dd):
            j = i
            while j < len(dd) and dd[j][0] == dd[i][0]:
                j += 1
            rank = (i + 1 + j) / 2; t = j - i; ties += t ** 3 - t
            rp += rank * sum(1 for k in range(i, j) if dd[k][1]); i = j
        m_ = len(dd); tot = m_ * (m_ + 1) / 2; T = min(rp, tot - rp)
        se = math.sqrt((m_ * (m_ + 1) * (2 * m_ + 1) - ties / 2) / 24)
        want = math.erfc(abs(T - m_ * (m_ + 1) / 4) / se / math.sqrt(2))
        assert abs(float(r["count_p"]) - want) <= 5e-3 * want, (r, want)
    if b == "verification":
        print("paired by question: verification diff %s [%s, %s], %s p=%s (%d vs %d discordant of %d pairs)" % (
            r["diff"], r["diff_lo"], r["diff_hi"], r["test"], r["p_value"], bb, cc, n))
PY
