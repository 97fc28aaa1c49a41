# False positives of empty, padded and duplicate on the real corpus
# (../shared/corpus): every empty trace has no letter or digit, every padded
# trace is a degenerate run (also repetitive or truncated), and every
# duplicate is a verbatim (whitespace-normalised) copy of an earlier trace,
# found again here by exact comparison.  Prints the counts.
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
import csv, json, re, sys
tags = list(csv.DictReader(open(sys.argv[1])))
recs = {}
for f in sys.argv[2:]:
    for i, line in enumerate(open(f, encoding="utf-8"), 1):
        recs[(f, i)] = json.loads(line)
delims = re.compile(r"<think>|</think>|<thinking>|<\|begin_of_thought\|>|<\|end_of_thought\|>|<Thought>|</Thought>|<thought>")
bad = []
count = {"empty": 0, "padded": 0, "duplicate": 0}
first, dups = {}, set()
for r in tags:
    key = (r["file"], int(r["line"]))
    cot = recs[key].get("cot") or ""
    if not delims.search(cot):  # the analysed text is the whole field
        norm = " ".join(cot.split())
        if re.search(r"[A-Za-z0-9\u0080-\U0010ffff]", norm):
            if norm in first:
                dups.add(key)
            else:
                first[norm] = key
    d = set(r["defects"].split(";"))
    for k in count:
        count[k] += k in d
    if "empty" in d and re.search(r"[A-Za-z0-9\u0080-\U0010ffff]", cot if not delims.search(cot) else ""):
        bad.append(("empty", key))
    if "padded" in d and not ({"repetitive", "truncated"} & d):
        bad.append(("padded", key, recs[key].get("id")))
    if "duplicate" in d and delims.search(cot) is None and key not in dups:
        bad.append(("duplicate", key))
flagged = {(r["file"], int(r["line"])) for r in tags if "duplicate" in r["defects"].split(";")}
missed = dups - flagged
print("traces %d: empty %d, padded %d, duplicate %d (exact copies found again: %d, missed %d)"
      % (len(tags), count["empty"], count["padded"], count["duplicate"], len(dups), len(missed)))
for b in bad[:20]:
    print("false positive?", b)
sys.exit(1 if bad or missed else 0)
PY
