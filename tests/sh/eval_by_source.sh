# contrib/eval/eval_by_source.py (make eval-by-source): the model families it
# names, and its figures against cotscan's own: every per-source and
# per-family row equals `cotscan eval --by ...`, and every "rest" figure of the
# leave-one-out tables equals `cotscan eval --where 'FIELD!=VALUE'`.  On
# data/labelled.jsonl, and on ../shared/eval/dev.jsonl + train.jsonl when
# present.  Skipped without python3.
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
script=contrib/eval/eval_by_source.py
python3 - <<'PY'
import sys
sys.path.insert(0, "contrib/eval")
from eval_by_source import family
cases = {
    "Qwen/Qwen2.5-7B-Instruct": "Qwen", "Qwen2.5-3B-Instruct+RG-RL[games]": "Qwen",
    "Qwen2.5-7B-Instruct (Marco-o1 CoT demo data; generator named in data/NOTICE)": "Qwen",
    "AIDC-AI/Marco-o1": "Qwen", "starzmustdie/Qwen-2.5-3B-rlft (Qwen2.5-3B-Instruct+RG-RL)": "Qwen",
    "meta-llama/Meta-Llama-3.1-8B-Instruct": "Llama", "llama-3b-instruct+RG-RL[step_400]": "Llama",
    "google/gemma-2-9b-it": "Gemma", "gemma-2-27b-it": "Gemma", "deepseek-chat": "DeepSeek",
    "openai/gpt-4o-2024-08-06": "GPT/Claude/o1", "openai/o1-mini-2024-09-12": "GPT/Claude/o1",
    "anthropic/claude-sonnet-4": "GPT/Claude/o1", "gpt-4 (2023, temperature 0.7)": "GPT/Claude/o1",
    "Sky-T1-math-correct-5K-27B (gemma-2-27b-it SFT on 5K long CoT)": "Sky-T1",
    "Sky-T1-math-corrupt-0.2-32B (Qwen2.5-32B-Instruct SFT, 20% corrupted-step long CoT)": "Sky-T1",
    "microsoft/Phi-3.5-mini-instruct": "other", "mistral-large-2407": "other", "x-ai/grok-3-mini-beta": "other",
    "demo/linear-3b": "other", "Marco-polo-7b": "other", None: "other",
}
bad = [(m, family(m), f) for m, f in cases.items() if family(m) != f]
assert not bad, bad
PY
sets="data/labelled.jsonl"
[ -f "$SHARED/eval/dev.jsonl" ] && [ -f "$SHARED/eval/train.jsonl" ] && \
	sets="$sets $SHARED/eval/dev.jsonl:$SHARED/eval/train.jsonl"
for set in $sets; do
	files=$(printf '%s' "$set" | tr ':' ' ')
	python3 $script --cotscan $COTSCAN --format csv $files > $TMPD/out.csv
	# the same records with their family, for cotscan's own figures
	python3 - $files > $TMPD/fam.jsonl <<'PY'
import json, sys
sys.path.insert(0, "contrib/eval")
from eval_by_source import family, record_model
for p in sys.argv[1:]:
    for line in open(p):
        if line.strip():
            r = json.loads(line)
            r["model_family"] = family(record_model(r))
            print(json.dumps(r))
PY
	$COTSCAN eval -q --by source --by model_family --format json $TMPD/fam.jsonl > $TMPD/eval.json
	python3 - $TMPD/out.csv $TMPD/eval.json $TMPD/fam.jsonl "$COTSCAN" <<'PY'
import csv, io, json, subprocess, sys
B = ["backtracking", "verification", "subgoal_setting", "backward_chaining"]
sections, cur = {}, None
for line in open(sys.argv[1]).read().split("\n"):
    if line.startswith("# "):
        cur = sections.setdefault(line[2:].split(" (rules")[0], [])
    elif cur is not None and line:
        cur.append(line)
    elif not line:
        cur = None
tables = {k: list(csv.DictReader(io.StringIO("\n".join(v)))) for k, v in sections.items()}
assert set(tables) == {"Presence per source", "Presence per model family",
                       "Leave one source out: each source against all the others",
                       "Leave one family out: each family against all the others"}, list(tables)
rows = json.load(open(sys.argv[2]))
cot = {(r["by"], r["group"], r["behaviour"]): r for r in rows}
def same(cell, *want):
    """cell holds the values want (cotscan's, to 4 decimals), to the script's 3 decimals"""
    got = cell.split(" / ")
    assert len(got) == len(want), (cell, want)
    for g, w in zip(got, want):
        if w is None or g == "nan":
            assert g == "nan" and w is None, (cell, want)
        else:
            assert abs(float(g) - w) <= 0.00051, (cell, want)
    return True
n = 0
for title, by in (("Presence per source", "source"), ("Presence per model family", "model_family")):
    for t in tables[title]:
        key = ("all", "all") if t["group"] == "all" else (by, t["group"])
        for b in B:
            r = cot[key + (b,)]
            same(t[b + " P / R / F1"], r["precision"], r["recall"], r["f1"])
        same(t["macro F1"], cot[key + ("macro",)]["f1"])
        assert int(t["traces"]) == cot[key + ("macro",)]["traces"], t
        n += 1
    assert sorted(t["group"] for t in tables[title]) == sorted(["all"] + [k[1] for k in cot if k[0] == by and k[2] == "macro"])
for title, by in (("Leave one source out: each source against all the others", "source"),
                  ("Leave one family out: each family against all the others", "model_family")):
    for t in tables[title]:
        out = subprocess.run([sys.argv[4], "eval", "-q", "--by", "none", "--format", "json", "--where",
                              "%s!=%s" % (by, t["left out"]), sys.argv[3]], stdout=subprocess.PIPE).stdout
        rest = {r["behaviour"]: r for r in json.loads(out)}
        same(t["macro F1 on the rest"], rest["macro"]["f1"])
        same(t["macro F1 on it"], cot[(by, t["left out"], "macro")]["f1"])
        for b in B:
            same(t[b + " F1 on it / rest"], cot[(by, t["left out"], b)]["f1"], rest[b]["f1"])
        n += 1
print(sys.argv[1], n, "rows agree with cotscan eval")
PY
done
