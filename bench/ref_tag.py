#!/usr/bin/env python3
"""ref_tag.py - the job of `cotscan tag`/`cotscan report`, done the way a
researcher would in plain Python 3 (standard library only): json.loads per
line, the same rule patterns with `re`, a dict of counts.  It is the
reference point of `make bench`, not a second implementation: it does not
resolve overlaps between rules or vetoes the way cotscan does.

usage: ref_tag.py tag|report RULES_DIR FILE
"""
import csv
import glob
import json
import os
import re
import sys

COT_FIELDS = ("cot", "reasoning_content", "reasoning", "completion", "response",
              "output", "generated", "text")
THINK = re.compile(r"<think>(.*?)(?:</think>|$)", re.S)


def load_rules(rules_dir):
    """The rule files' patterns, compiled with re; vetoes are left out, and
    patterns re cannot compile (PCRE-only syntax) are skipped and counted."""
    rules, total = [], 0
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.rules"))):
        defines = {}
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(None, 3)
            if fields[0] == "define":
                name, body = line.split(None, 2)[1:]
                defines[name] = expand(body, defines)
                continue
            behaviour, name, flags, pattern = fields
            flags = flags.split(",")
            if "veto" in flags:
                continue
            total += 1
            fl = 0 if "case" in flags else re.IGNORECASE
            try:
                rules.append((behaviour, re.compile(expand(pattern, defines), fl)))
            except re.error:
                pass
    print(f"ref_tag.py: {len(rules)} of {total} rules", file=sys.stderr)
    return rules


def expand(pattern, defines):
    return re.sub(r"\(\?&(\w+)\)", lambda m: "(?:" + defines[m.group(1)] + ")" if m.group(1) in defines
                  else m.group(0), pattern)


def cot_of(rec):
    for f in COT_FIELDS:
        v = rec.get(f)
        if isinstance(v, str):
            return v
    msgs = rec.get("messages")
    if isinstance(msgs, list):
        for m in reversed(msgs):
            if isinstance(m, dict) and m.get("role") == "assistant" and isinstance(m.get("content"), str):
                return m["content"]
    return None


def main():
    mode, rules_dir, path = sys.argv[1:4]
    rules = load_rules(rules_dir)
    behaviours = sorted({b for b, _ in rules})
    out = csv.writer(sys.stdout, lineterminator="\n")
    table = {}
    if mode == "tag":
        out.writerow(["line", "id", "model"] + behaviours)
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if not isinstance(rec, dict):
                continue
            text = cot_of(rec)
            if text is None:
                continue
            sections = THINK.findall(text)
            if sections:
                text = "\n\n".join(sections)
            counts = dict.fromkeys(behaviours, 0)
            for b, rx in rules:
                counts[b] += len(rx.findall(text))
            model = str(rec.get("model", os.path.basename(path)))
            if mode == "tag":
                out.writerow([lineno, rec.get("id", lineno), model] + [counts[b] for b in behaviours])
            else:
                t = table.setdefault(model, {"traces": 0, **{b: [0, 0] for b in behaviours}})
                t["traces"] += 1
                for b in behaviours:
                    t[b][0] += counts[b] > 0
                    t[b][1] += counts[b]
    if mode == "report":
        out.writerow(["model", "behaviour", "traces", "traces_with", "rate", "total_count"])
        for model in sorted(table):
            t = table[model]
            for b in behaviours:
                out.writerow([model, b, t["traces"], t[b][0], f"{t[b][0] / t['traces']:.4f}", t[b][1]])


if __name__ == "__main__":
    main()
