#!/usr/bin/env python3
"""eval_by_source.py - cotscan's agreement with the labels per source and per
model family, beside the overall figures, and a leave-one-out view.

    eval_by_source.py [--cotscan PATH] [--rules DIR] [--where PATH=VAL]... [--format markdown|csv] FILE...

FILE... are labelled traces (as ../shared/eval/*.jsonl: "source", "model",
"labels", "evidence").  The script adds each record's model family (below)
as the field "model_family", runs `cotscan eval --by source --by
model_family --format json` once over all of them, and prints:

  1. presence precision / recall / F1 per behaviour and the macro F1 (mean
     of the four F1), overall, per source and per family;
  2. leave one out: for each source (then each family), its figures beside
     those of all the other traces, and the difference in macro F1.  The
     "rest" figures are computed from the confusion counts of cotscan's rows
     (all minus the group; the same as `cotscan eval --where 'source!=S'`).

The rules are written by hand, so no figure here is held out by itself: a
source's own row is the leave-one-out figure only for a source whose labels
were not read while the rules were written.  The honest leave-one-out
figure is the one recorded on a source *before* the rules were tuned on
it; afterwards this view shows where the rules hold and where they do not.

Model family, from the record's model name ("model", else "model_name",
else "generator"), case-insensitive, first match wins:
  Sky-T1        sky-t1 (long-CoT fine-tunes of Qwen and Gemma)
  Qwen          qwen, marco-o1 (Marco-o1's traces are Qwen2.5-7B outputs)
  Llama         llama
  Gemma         gemma
  DeepSeek      deepseek
  GPT/Claude/o1 gpt, claude, o1 (a word), openai/, anthropic/
  other         anything else, or no model name

Exit status: cotscan's (0; 1 when it reported unlabelled lines, whose
figures are still printed), 2 for a usage error.  Standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

B = ["backtracking", "verification", "subgoal_setting", "backward_chaining"]
FAMILY_FIELD = "model_family"
FAMILIES = [
    ("Sky-T1", r"sky-t1"),
    ("Qwen", r"qwen|marco-o1"),
    ("Llama", r"llama"),
    ("Gemma", r"gemma"),
    ("DeepSeek", r"deepseek"),
    ("GPT/Claude/o1", r"gpt|claude|\bo1\b|openai/|anthropic/"),
]
FAMILY_ORDER = [f for f, _ in FAMILIES] + ["other"]


def family(model):
    """The model family of a model name (see the module's help)."""
    for name, pat in FAMILIES:
        if model and re.search(pat, model, re.I):
            return name
    return "other"


def record_model(r):
    for k in ("model", "model_name", "generator"):
        if isinstance(r.get(k), str) and r[k]:
            return r[k]
    return None


def order(key):
    """Sort key of a (by, group) pair: families in FAMILY_ORDER, sources by name."""
    by, g = key
    return (FAMILY_ORDER.index(g) if by == FAMILY_FIELD and g in FAMILY_ORDER else len(FAMILY_ORDER), g)


def div(a, b):
    return a / b if b else None


def prf(c):
    """precision, recall, F1 of presence from a confusion dict."""
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return div(tp, tp + fp), div(tp, tp + fn), div(2 * tp, 2 * tp + fp + fn)


def macro(cells):
    f = [prf(cells[b])[2] for b in B]
    f = [x for x in f if x is not None]
    return sum(f) / len(f) if f else None


def fmt(x):
    return "nan" if x is None else "%.3f" % x


class Table:
    def __init__(self, form, title, cols):
        self.form, self.cols = form, cols
        if form == "markdown":
            print("\n### " + title + "\n")
            print("| " + " | ".join(cols) + " |")
            print("|" + "---|" * len(cols))
        else:
            print("\n# " + title)
            print(",".join(cols))

    def row(self, cells):
        if self.form == "markdown":
            print("| " + " | ".join(str(c) for c in cells) + " |")
        else:
            print(",".join('"%s"' % c if "," in str(c) else str(c) for c in cells))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cotscan", default="cotscan", help="the cotscan binary (default: cotscan on PATH)")
    ap.add_argument("--rules", help="rule files to use instead of the built-in set (cotscan --rules)")
    ap.add_argument("--where", action="append", default=[], help="score only these traces (cotscan eval --where)")
    ap.add_argument("--format", choices=["markdown", "csv"], default="markdown")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args(argv)

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        for path in a.files:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    try:
                        r = json.loads(line)
                    except ValueError:
                        tmp.write(line if line.endswith("\n") else line + "\n")  # cotscan reports it
                        continue
                    if isinstance(r, dict):
                        r[FAMILY_FIELD] = family(record_model(r))
                    tmp.write(json.dumps(r, ensure_ascii=False) + "\n")
    try:
        cmd = [a.cotscan, "eval", "-q", "--by", "source", "--by", FAMILY_FIELD, "--format", "json"]
        if a.rules:
            cmd += ["--rules", a.rules]
        for w in a.where:
            cmd += ["--where", w]
        p = subprocess.run(cmd + [tmp.name], stdout=subprocess.PIPE)
    finally:
        os.unlink(tmp.name)
    if p.returncode not in (0, 1):
        sys.exit(p.returncode)
    rows = json.loads(p.stdout)
    groups = {}
    for r in rows:
        if r["behaviour"] in B:
            groups.setdefault((r["by"], r["group"]), {})[r["behaviour"]] = r
    stamp = rows[0].get("rules_hash", "?") if rows else "?"
    every = groups[("all", "all")]

    cols = ["group", "traces"] + ["%s P / R / F1" % b for b in B] + ["macro F1"]
    for by, title in (("source", "per source"), (FAMILY_FIELD, "per model family")):
        t = Table(a.format, "Presence %s (rules %s)" % (title, stamp), cols)
        for k in [("all", "all")] + sorted((k for k in groups if k[0] == by), key=order):
            g = groups[k]
            t.row([k[1], g[B[0]]["traces"]] + [" / ".join(fmt(x) for x in prf(g[b])) for b in B] + [fmt(macro(g))])

    cols = ["left out", "traces", "macro F1 on it", "macro F1 on the rest", "difference"] + \
           ["%s F1 on it / rest" % b for b in B]
    for by, title in (("source", "source"), (FAMILY_FIELD, "family")):
        t = Table(a.format, "Leave one %s out: each %s against all the others (rules %s)" % (title, title, stamp),
                  cols)
        for k in sorted((k for k in groups if k[0] == by), key=order):
            g = groups[k]
            rest = {b: {c: every[b][c] - g[b][c] for c in ("tp", "fp", "fn", "tn")} for b in B}
            on, off = macro(g), macro(rest)
            t.row([k[1], g[B[0]]["traces"], fmt(on), fmt(off),
                   fmt(on - off) if on is not None and off is not None else "nan"] +
                  ["%s / %s" % (fmt(prf(g[b])[2]), fmt(prf(rest[b])[2])) for b in B])
    print("\nA source's own figures are held out only if its labels were not read while the rules were "
          "written: the honest leave-one-out figure is the one recorded before tuning on it.")
    return p.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
