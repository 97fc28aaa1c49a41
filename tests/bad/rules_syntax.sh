# rule-file syntax errors: exit 2, every error FILE:LINE, all reported at once
cat > $TMPD/a.rules <<'R'
# comment, then a blank line

verifying     x          -          y
backtracking  f          loud       x
backtracking  g          case,,veto x
backtracking  h          case,bold  x
backtracking  short
backtracking
backtracking  bad/name   -          x
backtracking  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  -  x
backtracking  dup        -          again
verification  dup        -          check
R
$COTSCAN --rules $TMPD/a.rules data/math.jsonl; echo "exit $?"
# duplicate names across the files of a directory
mkdir $TMPD/d
printf 'backtracking  same  -  again\n' > $TMPD/d/1.rules
printf 'verification  same  -  check\n' > $TMPD/d/2.rules
$COTSCAN --rules $TMPD/d data/math.jsonl; echo "exit $?"
# a veto with nothing to veto
printf 'verification  v  veto  check the question\n' > $TMPD/veto.rules
$COTSCAN --rules $TMPD/veto.rules data/math.jsonl; echo "exit $?"
# empty, comment-only and unreadable rule sources
: > $TMPD/empty.rules
$COTSCAN --rules $TMPD/empty.rules data/math.jsonl; echo "exit $?"
printf '# only\n\n   \n# comments\n' > $TMPD/comments.rules
$COTSCAN --rules $TMPD/comments.rules data/math.jsonl; echo "exit $?"
mkdir $TMPD/none
$COTSCAN --rules $TMPD/none data/math.jsonl; echo "exit $?"
$COTSCAN --rules $TMPD/missing.rules data/math.jsonl; echo "exit $?"
$COTSCAN --rules $TMPD/a.rules/x data/math.jsonl; echo "exit $?"
