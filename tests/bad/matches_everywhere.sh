# lines full of matches (generated, never stored): a 3 MB loop of cues,
# vetoes and sentence rules (one of them matching across the whole line),
# which the veto and overlap passes must handle in O(n log n), and a 2.2 MB
# line holding more than the per-trace budget of matches (rule_limit)
cat > $TMPD/dense.rules <<'R'
backtracking  bt.wrong      sentence+1  \bthat\s+is\s+wrong\b
backtracking  bt.again      sentence    \blet\s+me\s+try\s+again\b
backtracking  bt.no_hmm     veto        \bhmm\b
verification  ver.check     -           \blet\s+me\s+check\b
verification  ver.matches   sentence    \bwhich\s+matches\b
verification  ver.no_hope   veto,sentence  \bI\s+hope\s+this\s+is\s+correct\b
subgoal_setting  sg.x       -           \bx\b
backward_chaining bc.long   -           \bbegin\b[^\n]*\bend\b
R
loop() {
	n=$1 unit=$2
	awk -v n="$n" -v u="$unit" 'BEGIN { for (i = 0; i < n; i++) printf "%s", u }'
}
{
	printf '{"id":"loop","cot":"begin '
	loop 30000 'Wait, that is wrong. Let me try again. Let me check: 3 + 4 = 7, which matches. Hmm, that is wrong. I hope this is correct, let me check. '
	printf 'end"}\n'
	printf '{"id":"budget","cot":"'
	loop 1100000 'x '
	printf '"}\n'
	printf '{"id":"after","cot":"let me check x"}\n'
} > $TMPD/in.jsonl
$COTSCAN report --rules $TMPD/dense.rules $TMPD/in.jsonl; echo "exit $?"
$COTSCAN tag --rules $TMPD/dense.rules $TMPD/in.jsonl | cut -d, -f1-7 | cut -c1-200; echo "exit $?"
