#!/usr/bin/env python3
"""kw_count.py - the keyword counter cotscan replaces: json.loads per line,
the chain of thought lower-cased, 20 cue phrases counted with str.count,
one CSV row per line.  The anchor of `make bench` (standard library only).

usage: kw_count.py FILE
"""
import csv
import json
import sys

CUES = {
    "backtracking": ["let me try again", "wait, no", "i made a mistake", "that's not right",
                     "go back", "different approach"],
    "verification": ["let me check", "let me verify", "double-check", "which matches", "this is correct"],
    "subgoal_setting": ["we need to find", "first, let's", "next, we", "step 1", "to find"],
    "backward_chaining": ["work backwards", "working backwards", "in order to", "we need"],
}
COT_FIELDS = ("cot", "reasoning_content", "reasoning", "completion", "response",
              "output", "generated", "text")


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
    return ""


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["line"] + list(CUES))
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if not isinstance(rec, dict):
                continue
            text = cot_of(rec).lower()
            out.writerow([lineno] + [sum(text.count(c) for c in cues) for cues in CUES.values()])


if __name__ == "__main__":
    main()
