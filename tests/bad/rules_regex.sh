# invalid patterns: exit 2; each message names FILE:LINE, the rule, and
# PCRE2's error with the offset into the pattern; every bad rule is reported
cat > $TMPD/bad.rules <<'R'
verification  unclosed    -  (check
verification  unopened    -  check)
verification  nothing     -  *check
verification  class       -  [z-a]
verification  property    -  \p{Klingon}
verification  lookbehind  -  (?<=a+)check
verification  backref     -  (a)\2
verification  quant       -  a{3,2}
verification  escape      -  check\
verification  ok          -  \bcheck\b
R
printf 'verification  badutf8  -  caf\351\n' >> $TMPD/bad.rules
$COTSCAN --rules $TMPD/bad.rules data/math.jsonl; echo "exit $?"
