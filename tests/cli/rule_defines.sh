# rule-language extensions: define lines, sentence and ascii flags;
# errors in them are fatal (exit 2) and name FILE:LINE
mkdir -p $TMPD/bad $TMPD/good
cat > $TMPD/bad/a.rules <<'X'
define  WE     (?:we|I)
define  WE     us
define  9bad   x
define  broken (?&WE)(
define
define  lonely
verification  v1  -  (?&WE) (
verification  v2  -  (?&NOPE) check
X
$COTSCAN --rules $TMPD/bad data/math.jsonl; echo "exit $?"
cat > $TMPD/good/a.rules <<'X'
# a sentence with several cues counts once; a sentence veto cancels its sentence
define  WE          (?:let(?:'s| me| us)|we(?:'ll| will)?|I(?:'ll| will)?)
define  CHECKVERB   (?:check|verify|confirm)
verification  v.check   sentence  \b(?&WE)\s+(?&CHECKVERB)\b
verification  v.ok      -         \bwhich matches\b
verification  v.q       veto,sentence  \bthe question\b
X
printf '%s\n' '{"id":"s1","cot":"Let me check: 5*4 = 20, which matches. We verify it again and confirm. We check the question again.\nI check once more."}' > $TMPD/in.jsonl
$COTSCAN -q --rules $TMPD/good --evidence $TMPD/in.jsonl; echo "exit $?"
