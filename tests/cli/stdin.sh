# stdin by default and with '-'; model falls back to "stdin"
printf '{"cot":"Let me check: 2 + 2 = 4, which matches the target."}\n' | $COTSCAN
printf '{"cot":"Let me try again."}\n' | $COTSCAN report -
