# rule files with odd bytes: CRLF line ends and a BOM are accepted; a NUL
# byte or invalid UTF-8 is an error naming the line
printf '\357\273\277backtracking  bt  -  \\bagain\\b\r\nverification  ver  -  \\bverify\\b\r\n' > $TMPD/crlf.rules
printf '{"cot":"Let me try again and verify."}\n' | $COTSCAN --rules $TMPD/crlf.rules; echo "exit $?"
printf 'backtracking  bt  -  again\nverification  nul  -  ch\000eck\n' > $TMPD/nul.rules
$COTSCAN --rules $TMPD/nul.rules data/math.jsonl; echo "exit $?"
printf '# caf\351 in a comment\nbacktracking  bt  -  again\n' > $TMPD/latin1.rules
$COTSCAN --rules $TMPD/latin1.rules data/math.jsonl; echo "exit $?"
printf 'backtracking  bt  -  again' > $TMPD/nonl.rules
printf '{"cot":"Let me try again."}\n' | $COTSCAN -q --rules $TMPD/nonl.rules; echo "exit $?"
# trailing blanks after a pattern are not part of it
printf 'backtracking  bt  -  again  \t \n' > $TMPD/trail.rules
printf '{"cot":"Let me try again"}\n' | $COTSCAN -q --rules $TMPD/trail.rules; echo "exit $?"
# a rules directory with an entry that cannot be read: a dangling link, a directory
mkdir $TMPD/rd $TMPD/rd/sub.rules
printf 'backtracking  bt  -  again\n' > $TMPD/rd/a.rules
ln -s $TMPD/nowhere $TMPD/rd/b.rules
$COTSCAN --rules $TMPD/rd data/math.jsonl; echo "exit $?"
