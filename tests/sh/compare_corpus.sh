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
