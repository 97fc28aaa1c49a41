# a pattern that backtracks catastrophically: the match and depth limits stop
# it within the one trace, which is tagged with the defect rule_limit (the
# other rules' counts stand); the run goes on and the next trace is normal
cat > $TMPD/evil.rules <<'R'
backtracking  evil.nested   -  (a+)+$
backtracking  evil.alt      -  (?:a|aa)+b
verification  ok.check      -  \bcheck\b
R
{
	printf '{"id":"t1","cot":"check aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"}\n'
	printf '{"id":"t2","cot":"check this"}\n'
} > $TMPD/in.jsonl
$COTSCAN --rules $TMPD/evil.rules $TMPD/in.jsonl; echo "exit $?"
$COTSCAN report --rules $TMPD/evil.rules $TMPD/in.jsonl; echo "exit $?"
# deep recursion: stopped by the JIT stack (the depth limit without JIT)
printf 'backtracking  deep  -  (\\w(?1)?)!\nverification  ok  -  check\n' > $TMPD/deep.rules
{
	printf '{"id":"deep","cot":"check '; head -c 200000 /dev/zero | tr '\0' a; printf '!"}\n'
	printf '{"id":"next","cot":"check"}\n'
} | $COTSCAN --rules $TMPD/deep.rules; echo "exit $?"
