# bad rule files are fatal (exit 2) and every error names FILE:LINE
mkdir -p $TMPD/r
cat > $TMPD/r/a.rules <<'R'
# a comment
verification  ok.rule   -     \bcheck\b
verification  bad.re    -     (unclosed
verifying     x         -     y
backtracking  ok.rule   -     again
backtracking  f         loud  x
backtracking  short
R
$COTSCAN --rules $TMPD/r data/math.jsonl; echo "exit $?"
$COTSCAN --rules $TMPD/nonexistent data/math.jsonl; echo "exit $?"
mkdir -p $TMPD/empty; $COTSCAN --rules $TMPD/empty data/math.jsonl; echo "exit $?"
: > $TMPD/none.rules; $COTSCAN --rules $TMPD/none.rules data/math.jsonl; echo "exit $?"
printf 'subgoal_setting mine - \\bfirst\\b\n' > $TMPD/one.rules
$COTSCAN -q --rules $TMPD/one.rules data/math.jsonl | cut -d, -f3,6-9; echo "exit $?"
