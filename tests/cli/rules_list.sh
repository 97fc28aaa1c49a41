# cotscan rules: each rule's path (its required literals, or the reference
# path and why) and, with --stats, what it cost on the input (the counts;
# the seconds vary)
cat > $TMPD/t.rules <<'R'
verification  v.check   -         \blet\s+me\s+(?:check|verify)\b
verification  v.num     sentence  \d+\s*=\s*\d+
verification  v.hope    veto      \bI\s+hope\s+(?:so|it\s+is)\b
backtracking  b.again   -         \btry\s+again\b|\bstart\s+over\b
backtracking  b.anchor  -         \Gwait
backtracking  b.words   -         \w+\s+\w+\s+no\b
R
$COTSCAN rules --rules $TMPD/t.rules --format tsv; echo "exit $?"
printf '{"cot":"Let me check: 2 = 2. I hope so. Let me try again, well no."}\n{"cot":"let me verify 1=1"}\n' > $TMPD/in.jsonl
$COTSCAN rules --stats --rules $TMPD/t.rules --format tsv $TMPD/in.jsonl | cut -f1,3,10-; echo "exit $?"
