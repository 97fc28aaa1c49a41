#!/usr/bin/env python3
"""Writes the sample traces in data/ (all text written for cotscan; run from the repo root).

The samples cover every record shape cotscan reads and every behaviour.  They
are the input of the README's first command and of the golden tests, so keep
them stable: append, do not reorder.
"""
import json

def w(path, recs):
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

A, B = "demo/reflective-3b", "demo/linear-3b"

countdown = [
    {"id": "c1", "model": A, "task": "countdown", "prompt": "3 5 7 9 -> 24",
     "cot": "<think>Let me try 9 + 7 = 16, then 16 + 5 = 21, then 21 + 3 = 24. "
            "Let's check: 9 + 7 + 5 + 3 = 24, which matches the target.</think>"
            "<answer>9 + 7 + 5 + 3</answer>", "correct": True},
    {"id": "c2", "model": A, "task": "countdown", "prompt": "2 6 8 11 -> 24",
     "cot": "<think>Try 11 + 8 = 19, 19 + 6 = 25, 25 - 2 = 23. That gives 23, not 24. "
            "That doesn't work, let me try a different combination. "
            "Working backwards: 24 = 8 * 3, so to get 24 I need 3 from 2, 6 and 11. "
            "11 - 6 - 2 = 3. So 8 * (11 - 6 - 2) = 8 * 3 = 24, which matches the target.</think>"
            "<answer>8 * (11 - 6 - 2)</answer>", "correct": True},
    {"id": "c3", "model": A, "task": "countdown", "prompt": "1 4 6 10 -> 24",
     "cot": "<think>First, I need to get close to 24, then adjust with the remaining numbers. "
            "10 + 6 = 16. 16 + 4 = 20. 20 + 1 = 21. Hmm, that's wrong, it is too small. "
            "Let me start over. 6 * 4 = 24 and 10 - 1 = 9, too many left. "
            "I made a mistake: I must use all numbers. 6 / (1 - 4/10)... "
            "Let me verify: 1 - 0.4 = 0.6 and 6 / 0.6 = 10, not 24. Let me try again.</think>"
            "<answer>none</answer>", "correct": False},
    {"id": "c4", "model": B, "task": "countdown", "prompt": "3 5 7 9 -> 24",
     "cot": "<think>9 + 7 = 16. 16 + 5 = 21. 21 + 3 = 24.</think><answer>9 + 7 + 5 + 3</answer>",
     "correct": True},
    {"id": "c5", "model": B, "task": "countdown", "prompt": "2 6 8 11 -> 24",
     "cot": "<think>11 + 8 = 19. 19 + 6 = 25. 25 - 2 = 23.</think><answer>11 + 8 + 6 - 2</answer>",
     "correct": False},
    {"id": "c6", "model": B, "task": "countdown", "prompt": "1 4 6 10 -> 24",
     "cot": "<think>10 * 4 = 40. 40 - 6 = 34. 34 - 1 = 33.</think><answer>10 * 4 - 6 - 1</answer>",
     "correct": False},
    {"id": "c7", "model": A, "task": "countdown", "prompt": "4 4 10 10 -> 24",
     "cot": "<think>Since the target is 24 and 24 = 10 + 14, I need to make 14 from 4, 4 and 10. "
            "That is hard. Let's try another approach: (10 * 10 - 4) / 4 = 96 / 4 = 24. "
            "Let me double-check: 10 * 10 = 100, 100 - 4 = 96, 96 / 4 = 24. Correct.</think>"
            "<answer>(10 * 10 - 4) / 4</answer>", "correct": True},
    {"id": "c8", "model": B, "task": "countdown", "prompt": "4 4 10 10 -> 24",
     "cot": "<think>10 + 10 = 20. 20 + 4 = 24. 24 * 4 = 96.</think><answer>96</answer>",
     "correct": False},
]

math = [
    {"id": "m1", "model": A, "task": "math", "prompt": "Solve x^2 - 5x + 6 = 0.",
     "cot": "To solve this, we first need to find two numbers that multiply to 6 and add to -5. "
            "They are -2 and -3, so x^2 - 5x + 6 = (x - 2)(x - 3) and x = 2 or x = 3. "
            "Substituting x = 3 back into the original equation: 9 - 15 + 6 = 0. "
            "This satisfies the equation. The answer is \\boxed{2, 3}."},
    {"id": "m2", "model": A, "task": "math", "prompt": "A train travels 180 km in 2 hours and then 120 km in 1.5 hours. What is its average speed?",
     "cot": "Let's break this problem into two parts.\n"
            "Step 1: Find the total distance. 180 + 120 = 300 km.\n"
            "Step 2: Find the total time. 2 + 1.5 = 3.5 hours.\n"
            "Step 3: Compute the average speed: 300 / 3.5 = 85.71 km/h.\n"
            "To verify, 85.71 * 3.5 = 300, which matches the total distance. The answer is 85.71 km/h."},
    {"id": "m3", "model": B, "task": "math", "prompt": "A train travels 180 km in 2 hours and then 120 km in 1.5 hours. What is its average speed?",
     "cot": "The speeds are 90 km/h and 80 km/h. The average is (90 + 80) / 2 = 85. The answer is 85 km/h."},
    {"id": "m4", "model": B, "task": "math", "prompt": "What is 15% of 240?",
     "cot": "15% of 240 is 0.15 * 240 = 36. The answer is 36."},
    {"id": "m5", "model": A, "task": "math", "prompt": "Find n such that n! ends in exactly 6 zeros.",
     "cot": "For n! to end in exactly 6 zeros, the number of factors of 5 must be 6. "
            "We want floor(n/5) + floor(n/25) = 6. Working backward from 6: "
            "n = 25 gives 5 + 1 = 6. n = 24 gives 4. So n ranges from 25 to 29. "
            "Let me check n = 29: 5 + 1 = 6, which equals the required count. The answer is 25."},
    {"id": "m6", "model": A, "task": "math", "prompt": "Compute 17 * 23.",
     "cot": "17 * 23 = 17 * 20 + 17 * 3 = 340 + 51 = 391. Wait, that's not right? "
            "Let me recompute: 17 * 23 = 391. Let me double-check with another method: "
            "23 * 17 = 23 * 10 + 23 * 7 = 230 + 161 = 391. It is correct. The answer is 391."},
    {"id": "m7", "model": B, "task": "math", "prompt": "Compute 17 * 23.", "cot": "17 * 23 = 391."},
    {"id": "m8", "model": B, "task": "math", "prompt": "Simplify (x^2 - 1)/(x - 1).",
     "cot": "Factor the numerator: x^2 - 1 = (x - 1)(x + 1). Cancel (x - 1). The result is x + 1 for x != 1."},
]

shapes = [
    # only a closing tag: the chat template pre-filled <think>
    {"id": "s1", "model": A, "response": "I want the answer 24 from 6, 6, 6, 6. 6 + 6 + 6 + 6 = 24, which matches the target.</think>The answer is 6+6+6+6."},
    # unclosed <think>: analysed to the end, flagged truncated
    {"id": "s2", "model": A, "completion": "<think>First, we need to find the radius. The circumference is 10, so r = 10 / (2 pi) and then"},
    # Sky-T1 style delimiters
    {"id": "s3", "model": "demo/long-cot", "output": ["<|begin_of_thought|>\n\nOkay, let me check: 12 * 12 = 144, which matches the given area. So the side is 12.\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\nThe side is 12.\n\n<|end_of_solution|>"]},
    # Marco-o1 style delimiters
    {"id": "s4", "model_name": "demo/thought-tags", "text": "<Thought>\nTo find the total, I first need the price of one apple: 6 / 3 = 2. Then 5 apples cost 10.\n</Thought>\n<Output>\n10\n</Output>"},
    # OpenAI chat: reasoning_content present
    {"id": "s5", "messages": [{"role": "user", "content": "Is 91 prime?"},
                               {"role": "assistant", "reasoning_content": "91 = 7 * 13. Let me verify: 7 * 13 = 91, correct. So it is not prime.", "content": "No, 91 = 7 * 13."}],
     "model": "demo/chat-reasoner"},
    # reasoning_content null, reasoning left in content
    {"id": "s6", "model": "demo/chat-reasoner", "messages": [{"role": "user", "content": "Is 97 prime?"},
                               {"role": "assistant", "reasoning_content": None, "content": "<think>97 is not divisible by 2, 3, 5 or 7, and 11^2 > 97. That does not work as a factor search beyond 10, so 97 is prime.</think>Yes."}]},
    # both present
    {"id": "s7", "model": "demo/chat-reasoner", "messages": [{"role": "assistant", "reasoning_content": "Our goal is to find the remainder of 2^10 mod 7.", "content": "<think>2^3 = 8 = 1 mod 7, so 2^9 = 1 and 2^10 = 2. Let me double-check: 1024 = 7 * 146 + 2.</think>2"}]},
    # Anthropic content blocks
    {"id": "s8", "model": "demo/claude-like", "content": [{"type": "thinking", "thinking": "To reach 100 I need 4 * 25, so I need 4 from 7 and 3: 7 - 3 = 4. Then 4 * 25 = 100, which equals the target.", "signature": "sig"},
                                                          {"type": "text", "text": "(7 - 3) * 25 = 100"}]},
    # OpenAI completion response
    {"id": "s9", "model": "demo/api", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Let's work backwards from the target 10: 10 = 2 * 5, so we need 5 from 8 and 3: 8 - 3 = 5."}}]},
    # numeric id, field order shuffled, extra nested metadata
    {"meta": {"step": 100, "source": "demo"}, "id": 10, "generator": "demo/rl-step100", "cot": "Our goal is to find x. First, we need to isolate x: 3x = 12, so x = 4. Plug x = 4 back into 3x = 12: 12 = 12. Correct."},
    {"meta": {"step": 0, "source": "demo"}, "id": 11, "generator": "demo/rl-step0", "cot": "3x = 12 so x = 4."},
    # nested custom layout (use --cot-field sample.trace.-1 --model-field sample.who)
    {"id": "s12", "sample": {"who": "demo/custom", "trace": ["draft", "We need to determine the area first. Area = 3 * 4 = 12. Let me check: 12 / 4 = 3, which matches the given side."]}, "cot": "Top-level text: the model's first draft."},
]

degenerate = [
    {"id": "d1", "model": A, "cot": "<think> </think>The answer is 24."},
    {"id": "d2", "model": A, "cot": "<think> . . . . . . . . . . . . . . . . . . . . </think>The answer is 24."},
]

w("data/countdown.jsonl", countdown)
w("data/math.jsonl", math)
w("data/shapes.jsonl", shapes)
w("data/degenerate.jsonl", degenerate)
