# False positives of empty, padded, duplicate and non_english on the real
# corpus (../shared/corpus), each flag confirmed by a rule of its own that
# does not reuse the detector's heuristic:
#   empty        the trace text has no letter or digit at all
#   padded       the text is degenerate by compression: zlib packs it into at
#                most a tenth of its bytes (prose packs to about 0.35-0.45,
#                a grid of digits or a list of expressions to 0.2-0.5)
#   duplicate    a verbatim (whitespace-normalised) copy of an earlier trace,
#                found again here by exact comparison (and none missed)
#   non_english  Python's unicodedata names at least a fifth of the text's
#                letters as neither LATIN nor GREEK
# Prints per file and defect: flagged, confirmed, false positives; fails on
# any false positive.
corpus=$SHARED/corpus
[ -d "$corpus" ] || { echo "no $corpus"; exit 77; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
files=$(ls $corpus/*.jsonl)
case $BUILD in
*asan*) for f in $files; do head -n 300 $f > $TMPD/$(basename $f); done; files=$(ls $TMPD/*.jsonl) ;;
esac
$COTSCAN tag -q $files > $TMPD/tags.csv
python3 - $TMPD/tags.csv $files <<'PY'
import csv, json, os, re, sys, unicodedata, zlib
tags = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
recs = {}
for f in sys.argv[2:]:
    for i, line in enumerate(open(f, encoding="utf-8"), 1):
        recs[(f, i)] = json.loads(line)
delims = re.compile(r"<think>|</think>|<thinking>|<\|begin_of_thought\|>|<\|end_of_thought\|>|<Thought>|</Thought>|<thought>")
alnum = re.compile(r"[A-Za-z0-9\u0080-\U0010ffff]")

def degenerate(cot):
    b = cot.encode("utf-8")
    return len(b) >= 64 and len(zlib.compress(b, 9)) <= 0.1 * len(b)

def foreign(cot):
    letters = [c for c in cot if c.isalpha()]
    other = sum(1 for c in letters if not unicodedata.name(c, "").startswith(("LATIN", "GREEK")))
    return other >= 20 and 5 * other >= len(letters)

defects = ("empty", "padded", "duplicate", "non_english")
table = {}   # (file, defect) -> [flagged, confirmed]
bad, first, dups = [], {}, set()
for r in tags:
    key = (r["file"], int(r["line"]))
    cot = recs[key].get("cot") or ""
    whole = not delims.search(cot)  # the analysed text is the whole field
    if whole:
        norm = " ".join(cot.split())
        if alnum.search(norm):
            if norm in first:
                dups.add(key)
            else:
                first[norm] = key
    d = set(r["defects"].split(";"))
    for k in defects:
        if k not in d:
            continue
        if k == "empty":
            ok = not (whole and alnum.search(cot))
        elif k == "padded":
            ok = degenerate(cot)
        elif k == "duplicate":
            ok = not whole or key in dups
        else:
            ok = foreign(cot)
        t = table.setdefault((os.path.basename(r["file"]), k), [0, 0])
        t[0] += 1
        t[1] += ok
        if not ok:
            bad.append((k, key, recs[key].get("id")))
flagged = {(r["file"], int(r["line"])) for r in tags if "duplicate" in r["defects"].split(";")}
missed = dups - flagged
print("%-42s %-12s %8s %10s %6s" % ("file", "defect", "flagged", "confirmed", "false"))
for (f, k), (n, ok) in sorted(table.items()):
    print("%-42s %-12s %8d %10d %6d" % (f, k, n, ok, n - ok))
print("traces %d; exact copies found again: %d, missed by duplicate: %d" % (len(tags), len(dups), len(missed)))
for b in bad[:20]:
    print("false positive?", b)
sys.exit(1 if bad or missed else 0)
PY
