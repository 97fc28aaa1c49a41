#!/usr/bin/env python3
"""Writes data/labelled.jsonl: hand-written traces with hand-made labels, in the
layout of ../shared/eval (id, source, model, task, sample, prompt, cot, labels,
evidence), so that `cotscan eval` has a small fixture of its own (run from the
repo root).  All text written for cotscan.

The labels follow ../shared/eval/GUIDE.md (the judge's definitions); they are
ours, not cotscan's: some traces are there because the current rules get them
wrong (a "Wait" that is only a pause, a plan to check that never checks, a
planned enumeration whose verdicts are verifications), so that `eval` and
`eval --errors` have disagreements to show.  Counts are the number of
evidence quotes.  Keep it stable: append, do not reorder.
"""
import json
B = ["backtracking", "verification", "subgoal_setting", "backward_chaining"]
R, L = "demo/reflective-3b", "demo/linear-3b"
recs = []
def add(id, src, model, task, sample, prompt, cot, ev, extra=None):
    labels = {b: len(ev.get(b, [])) for b in B}
    for b, qs in ev.items():
        for q in qs:
            assert q in (cot or json.dumps(extra, ensure_ascii=False)), (id, q)
    r = {"id": id, "source": src, "model": model, "task": task, "sample": sample, "prompt": prompt}
    if extra: r.update(extra)
    else: r["cot"] = cot
    r["labels"] = labels
    r["evidence"] = {b: ev.get(b, []) for b in B}
    recs.append(r)

add("e1", "handmade/countdown", R, "countdown", "random", "2 3 5 8 -> 24",
    "<think>Let me try 8 * 3 = 24, but then 5 and 2 are left over. That doesn't work, every number must be used. Let me try again: 5 - 2 = 3 and 8 * 3 = 24, which matches the target.</think><answer>8 * (5 - 2)</answer>",
    {"backtracking": ["That doesn't work, every number must be used. Let me try again"],
     "verification": ["8 * 3 = 24, which matches the target"]})
add("e2", "handmade/countdown", R, "countdown", "enriched", "2 6 8 9 -> 24",
    "<think>Working backwards from 24: 24 = 4 * 6, so I need a 4 to go with the 6. To get 4 from 2 and 8 I need 8 / 2 = 4, and the 9 must cancel out, so I need 9 - 9, but there is only one 9. Hmm.</think><answer>none</answer>",
    {"backward_chaining": ["Working backwards from 24: 24 = 4 * 6, so I need a 4 to go with the 6",
                           "To get 4 from 2 and 8 I need 8 / 2 = 4"]})
add("e3", "handmade/math", R, "math", "random", "A ring has inner diameter 4 and outer diameter 10. What is its area?",
    "To find the area of the ring, I first need the radius of each circle.\nStep 1: find the inner radius: 4 / 2 = 2.\nStep 2: find the outer radius: 10 / 2 = 5.\nStep 3: subtract the areas: pi * (25 - 4) = 21 pi.\nThe answer is 21 pi.",
    {"subgoal_setting": ["To find the area of the ring, I first need the radius of each circle",
                         "Step 1: find the inner radius", "Step 2: find the outer radius"]})
add("e4", "handmade/math", L, "math", "random", "What is 12% of 250?",
    "12% of 250 is 0.12 * 250 = 30. The answer is 30.", {})
add("e5", "handmade/math", R, "math", "random", "Solve 3x + 2 = 14.",
    "3x = 12, so x = 4. Substituting x = 4 back into the equation: 3 * 4 + 2 = 14, which satisfies the equation. The answer is x = 4.",
    {"verification": ["Substituting x = 4 back into the equation: 3 * 4 + 2 = 14, which satisfies the equation"]})
add("e6", "handmade/countdown", L, "countdown", "enriched", "3 4 6 -> 24",
    "<think>3 + 3 = 6... no, there is one 3. 4 * 6 = 24. Wait, so the total is 24 and the 3 is still unused. Then 24 * 3 / 3 is not allowed.</think><answer>none</answer>",
    {"backtracking": ["3 + 3 = 6... no, there is one 3"]})
add("e7", "handmade/math", R, "math", "random", "A box holds 17 rows of 3 eggs and 9 loose eggs. How many eggs?",
    "17 * 3 = 41, plus 9 is 50. Wait, I made a mistake: 17 * 3 is 51, not 41. Redoing: 51 + 9 = 60. Let me double-check the arithmetic: 17 * 3 = 51 and 51 + 9 = 60. Correct. The answer is 60.",
    {"backtracking": ["Wait, I made a mistake: 17 * 3 is 51, not 41. Redoing"],
     "verification": ["Let me double-check the arithmetic: 17 * 3 = 51 and 51 + 9 = 60. Correct."]})
add("e8", "handmade/math", R, "math", "enriched", "Show that if a + b is even then a - b is even.",
    "We want a - b to be even. For a - b to be even, a and b must have the same parity. Since a + b is even, a and b are both odd or both even, so they have the same parity, and a - b is even.",
    {"backward_chaining": ["For a - b to be even, a and b must have the same parity"]})
add("e9", "handmade/math", L, "math", "random", "A rectangle is 3 by 7. What is its perimeter?",
    "Let me re-read the problem. It asks for the perimeter, not the area. The perimeter is 2 * (3 + 7) = 20. The answer is 20.", {})
add("e10", "handmade/countdown", R, "countdown", "enriched", "1 4 6 10 -> 24",
    "<think>Try 10 + 6 = 16, 16 + 4 = 20, 20 + 1 = 21. That gives 21, not 24, so let me try a different approach. 10 - 4 = 6 and 6 * 6 = 36, too big. Going back to the start: 6 / (1 - 4 / 10) = 6 / 0.6 = 10, not 24 either. I am stuck.</think><answer>none</answer>",
    {"backtracking": ["That gives 21, not 24, so let me try a different approach", "Going back to the start"],
     "verification": ["That gives 21, not 24", "6 / 0.6 = 10, not 24 either"]})
add("e11", "handmade/math", R, "math", "random", "Find the minimum of f(x) = x^2 - 6x + 2.",
    "First, we need to find the derivative, then we can find where it equals zero. f'(x) = 2x - 6 = 0 gives x = 3. Check: f'(3) = 2 * 3 - 6 = 0 ✓. So the minimum is f(3) = 9 - 18 + 2 = -7.",
    {"subgoal_setting": ["First, we need to find the derivative", "then we can find where it equals zero"],
     "verification": ["Check: f'(3) = 2 * 3 - 6 = 0 ✓"]})
add("e12", "handmade/math", L, "math", "random", "What is 6 * 7?",
    "I should verify this at some point. 6 * 7 = 42. The answer is 42.", {})
add("e13", "handmade/math", R, "math", "random", "Is 221 prime?", None,
    {"verification": ["Let me verify: 13 * 17 = 221, correct"]},
    extra={"messages": [{"role": "user", "content": "Is 221 prime?"},
                        {"role": "assistant", "reasoning_content": "221 = 13 * 17. Let me verify: 13 * 17 = 221, correct. So 221 is not prime.",
                         "content": "No: 221 = 13 * 17."}]})
add("e14", "handmade/countdown", R, "countdown", "enriched", "1 5 5 3 -> 22",
    "<think>Since the target is 22 and 22 + 3 = 25, I need to make 25 from 1, 5 and 5: 5 * 5 = 25, and 25 - 3 = 22 leaves the 1 unused. That fails. Let me start over with 5 * 5 - 3 = 22 and 1 as a factor: (5 * 5 - 3) * 1 = 22.</think><answer>(5 * 5 - 3) * 1</answer>",
    {"backward_chaining": ["Since the target is 22 and 22 + 3 = 25, I need to make 25"],
     "backtracking": ["That fails. Let me start over"]})
add("e15", "handmade/math", L, "math", "random", "Find the least n with 2^n > 10.",
    "Try n = 1: 2^1 = 2, which is less than 10. n = 2: 4, less than 10. n = 3: 8, still less than 10. n = 4: 16, more than 10. The answer is n = 4.",
    {"verification": ["2^1 = 2, which is less than 10", "4, less than 10", "8, still less than 10", "16, more than 10"]})
add("e16", "handmade/math", L, "math", "random", "A train covers 120 km in 1.5 hours. What is its speed?",
    "Speed is distance over time: 120 / 1.5 = 80. The answer is 80 km/h.", {})
for r in recs:
    assert "cot" in r or "messages" in r
with open("data/labelled.jsonl", "w") as f:
    for r in recs:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
