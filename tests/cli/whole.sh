# <think> sections only by default; --whole analyses everything
line='{"id":"w","cot":"<think>Let me try again.</think> Let me verify: 2 + 2 = 4, which matches the target."}'
printf '%s\n' "$line" | $COTSCAN -q
printf '%s\n' "$line" | $COTSCAN -q --whole
