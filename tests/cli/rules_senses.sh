# the built-in rules on short traces written for this test: each behaviour in
# several wordings, and the same words in another sense (counts must be 0);
# columns: id, backtracking, verification, subgoal_setting, backward_chaining
cat > $TMPD/senses.jsonl <<'J'
{"id":"bt.redo","cot":"I add 9 and 8 to get 17. Oops, that is wrong: 9 + 8 is 17 but I needed 18. Let me redo the sum."}
{"id":"bt.another_way","cot":"Expanding every term gets ugly fast. This seems far too messy. Perhaps a cleaner method is to substitute u = x^2."}
{"id":"bt.wait_no","cot":"So the radius is 6. Wait, no, the diameter is 6, so the radius is 3."}
{"id":"bt.not_dismissed","cot":"Wait, so the total is 12. We carry on and divide by 4 to get 3."}
{"id":"ver.recompute","cot":"The total is 42. Let me double-check: 6 * 7 = 42. Good."}
{"id":"ver.not_target","cot":"Try 7 * 3 + 4 = 25, not 24. Try 7 * 4 - 3 - 1 = 24, which matches the target."}
{"id":"ver.candidates","cot":"For n = 5: 5^2 - 1 = 24 \\neq 0. For n = 1: 1 - 1 = 0, so n = 1 is a solution."}
{"id":"ver.question_only","cot":"Let me check the question again: it asks for the perimeter, so we add the four sides."}
{"id":"ver.signoff","cot":"The area is 12. Final answer: 12. I hope it is correct."}
{"id":"bt.instead_short","cot":"Setting x = 3 gives 9 + 3 = 12, which does not satisfy the second equation. Instead, we take x = 2, which gives 4 + 2 = 6."}
{"id":"bt.trial_next_line","cot":"5 * 6 - 4 = 26 (too big)\nLet me try 4 * 6 = 24 instead."}
{"id":"bt.value_dropped","cot":"Solving gives k = 2.5. However, k must be an integer, so we round up to k = 3."}
{"id":"bt.plan_not_abandon","cot":"Let me try different combinations: 3 + 4 = 7 and 7 * 2 = 14."}
{"id":"ver.sanity","cot":"So each friend gets 7.5 marbles. But a person cannot have half a marble, so the bag must hold 16."}
{"id":"ver.candidate_verdict","cot":"For a = 5 we get b = 12, which is not a valid digit in base 8."}
{"id":"ver.value_verdict","cot":"Trying 9 * 3 = 27, too high. Then 8 * 3 = 24, which is our target."}
{"id":"ver.search_plan","cot":"We need to check each value of n from 1 to 9 in turn."}
{"id":"ver.solving_step","cot":"Substitute y = 2 back into x = 5 - y: x = 3."}
{"id":"ver.rule_restated","cot":"Since we can only use each number once, we start with the largest one."}
{"id":"sg.plan","cot":"To get the speed, we first need the distance. Next, we need to find the time. Then we divide."}
{"id":"sg.headings","cot":"## Step 1: Find the radius\nr = 3.\n## Step 2: Simplify the expression\n9 pi."}
{"id":"sg.narration","cot":"Now I add 3 and 4 to get 7, and 7 times 2 is 14."}
{"id":"bc.for_to","cot":"For the product to be odd, every factor must be odd, so we look for odd factors of 45."}
{"id":"bc.target","cot":"The target is 30 and 30 = 5 * 6, so to get 30 I need 6 from 2 and 4: 2 + 4 = 6."}
{"id":"bc.forward","cot":"We add the two equations to get 2x = 10, so x = 5, which ends at the value asked for."}
{"id":"escaped","cot":"{\"reasoning\": \"The sum is 7.\\n\\nFirst, we need to find the cost.\\nWait, no, that is wrong.\"}"}
J
$COTSCAN tag -q $TMPD/senses.jsonl | cut -d, -f3,6-9
