#!/usr/bin/env python3
"""Writes data/audit/traces.jsonl: hand-written traces with judge-style labels and
evidence quotes, for `cotscan eval --audit --rules data/audit/audit.rules` (run from
the repo root).  Each trace is one case of the audit's definition (eval.h,
README "Instance audit"); tests/sh/eval_audit.sh states the figures each case
must give.  All text written for cotscan.  Keep it stable: append, do not
reorder.
"""
import json
B = ["backtracking", "verification", "subgoal_setting", "backward_chaining"]
recs = []

def norm(s):
    return " ".join(s.split()).lower()

def add(id, case, cot, ev, labels=None, absent=()):
    """labels default to one per quote; quotes must be in the text (normalised) unless listed in absent."""
    text = cot.split("<think>")[1].split("</think>")[0] if "<think>" in cot else cot  # what is analysed
    for b, qs in ev.items():
        for q in qs:
            assert (norm(q) in norm(text)) != (q in absent), (id, q)
    lab = {b: len(ev.get(b, [])) for b in B}
    lab.update(labels or {})
    lab = {b: n for b, n in lab.items() if n is not None}
    recs.append({"id": id, "case": case, "source": "handmade/audit", "model": "demo/audit",
                 "cot": cot, "labels": lab, "evidence": {b: ev.get(b, []) for b in B if b in lab}})

# a1: the quote is the hit's own sentence: supported, found
add("a1", "exact", "Let me check the sum. 3 + 4 = 7.",
    {"verification": ["Let me check the sum."]})
# a2: the quote is another part of the hit's sentence: supported
add("a2", "same sentence", "Let me check: 8 * 3 = 24, which is the target.",
    {"verification": ["8 * 3 = 24, which is the target"]})
# a3: the quote spans two sentences, the hit is in the second: supported
add("a3", "quote across sentences", "That gives 30. That is wrong, so try again with 5.",
    {"backtracking": ["That gives 30. That is wrong"]})
# a4: the quote of the same behaviour is in another sentence: the hit is
# unsupported and the quote not found
add("a4", "other sentence", "First, add. Then we go on. We first multiply.",
    {"subgoal_setting": ["Then we go on."]})
# a5: the sentence overlaps a quote of another behaviour only: unsupported,
# and the backtracking quote is not found
add("a5", "other behaviour", "Let me check this one, it is wrong.",
    {"backtracking": ["Let me check this one, it is wrong."]}, labels={"verification": 0})
# a6: the judge counted 7 and quoted 5 (capped): the hit in no quote is
# unquoted, not unsupported; the one in a quote is supported
add("a6", "capped quotes",
    "Try again. One. Two. Three. Four. Five. That is wrong.",
    {"backtracking": ["One.", "Two.", "Three.", "Four.", "Try again."]}, labels={"backtracking": 7})
# a7: the quote differs from the text in case and white space only: supported
add("a7", "normalised", "We need more.\nLet me CHECK it:  2 +\t2   = 4.",
    {"verification": ["let me check it: 2 + 2 = 4."]})
# a8: a quote no rule finds (recall), and a quote that is not in the
# analysed text at all (counted as such in the summary)
add("a8", "missed and absent", "<think>The result 12 agrees with the table.</think>The answer is 12, verified.",
    {"verification": ["The result 12 agrees with the table.", "The answer is 12, verified."]},
    absent=("The answer is 12, verified.",))
# a9: the judge found none: every hit is unsupported
add("a9", "judge found none", "I need 6 to make 24.", {}, labels={"backward_chaining": 0})
# a10: the behaviour is not labelled: its hits are not audited
add("a10", "not labelled", "First, the radius. Let me check it.",
    {"subgoal_setting": ["First, the radius."]}, labels={"verification": None})
# a11: two hits of one rule and a hit of another rule in one quote: each
# rule finds it once, the behaviour finds it once
add("a11", "one quote, several hits", "Let me check, let me check: it matches.",
    {"verification": ["Let me check, let me check: it matches."]}, labels={"verification": 1})
# a12: non-ASCII text before the quote (offsets are bytes)
add("a12", "utf-8", "Größe: 5 × 5 = 25 — I need 25 from the rest.",
    {"backward_chaining": ["I need 25 from the rest."]})
# a13: a `sentence+1` rule: its counting span takes the next sentence, where the quote is
add("a13", "sentence+1", "Now compare. 5 is less than 7, as required.",
    {"verification": ["5 is less than 7, as required."]})

with open("data/audit/traces.jsonl", "w") as f:
    for r in recs:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
