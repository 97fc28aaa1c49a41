# the built-in subgoal and backward-chaining rules on short traces written for
# this test: each cue family of a goal and of a requirement derived from a
# goal, and the same words narrating a computation or restating the question
# (counts must be 0); columns: id, subgoal_setting, backward_chaining
cat > $TMPD/goals.jsonl <<'J'
{"id":"sg.get_close","cot":"First, let me see if I can get close to 50 with 7 * 7 = 49."}
{"id":"sg.op_narrated","cot":"To find the total, we add 12 and 30, which is 42."}
{"id":"sg.follow_steps","cot":"To solve for x, we will follow these steps: isolate the term and divide."}
{"id":"sg.start_noting","cot":"Let's start by noting that 12 = 3 * 4."}
{"id":"sg.now_can","cot":"Now we can find the area: 3 * 4 = 12."}
{"id":"sg.puzzle_rules","cot":"I need to use all the numbers exactly once. 6 * 4 = 24."}
{"id":"sg.substitute_get","cot":"We can substitute x = 2 into the second equation to get y = 5."}
{"id":"bc.multiple","cot":"The groups are equal, so 3n + 1 must be divisible by 5."}
{"id":"bc.must_divide","cot":"Since a must be an integer, b^2 must divide 2009."}
{"id":"bc.iff","cot":"The line is tangent if and only if the discriminant is zero."}
{"id":"bc.extremum","cot":"To maximize the area, we need to maximize the width."}
{"id":"bc.goal_need","cot":"To avoid a repeated digit, we need a != b."}
{"id":"bc.must_for","cot":"The slope must be zero for the tangent to be horizontal."}
{"id":"bc.ensure","cot":"We need to ensure that the denominator is non-zero."}
{"id":"bc.sub_target","cot":"Can I make 6 from the remaining 2 and 3? Yes, 2 * 3 = 6."}
{"id":"bc.something","cot":"4 * something = 28, so something = 7."}
{"id":"bc.adjust","cot":"10 + 8 = 18, then add 6 to get 24."}
{"id":"bc.more_from","cot":"We have 15, and I need 9 more from 4 and 5."}
{"id":"bc.such_that","cot":"The remainder is fixed, so we need to find a value of n such that 7n + 3 = 52."}
{"id":"bc.restated","cot":"To make 24 using the numbers 3, 3, 8, 8, we try products first."}
{"id":"bc.forward_must","cot":"Since x is positive, y must be positive as well."}
J
$COTSCAN tag -q $TMPD/goals.jsonl | cut -d, -f3,8-9
