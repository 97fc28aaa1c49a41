# line framing: CRLF, CR only, a missing last newline, byte-order marks
printf '{"id":"a","cot":"Let me try again."}\r\n{"id":"b","cot":"x"}\r\r\n' > $TMPD/crlf.jsonl
$COTSCAN $TMPD/crlf.jsonl; echo "exit $?"
# old-Mac CR-only line ends: one line holding two records
printf '{"id":"a","cot":"x"}\r{"id":"b","cot":"y"}\r' | $COTSCAN; echo "exit $?"
# a file whose last record lacks its newline, and one cut off mid-record
printf '{"id":"a","cot":"x"}\n{"id":"last","cot":"no newline"}' | $COTSCAN; echo "exit $?"
printf '{"id":"a","cot":"x"}\n{"id":"cut","cot":"killed mi' | $COTSCAN; echo "exit $?"
# a BOM starts each file (stripped); a BOM anywhere else is not whitespace
printf '\357\273\277{"id":"f1","cot":"x"}\n' > $TMPD/bom1.jsonl
printf '\357\273\277{"id":"f2","cot":"x"}\n\357\273\277{"id":"f2b","cot":"x"}\n' > $TMPD/bom2.jsonl
$COTSCAN $TMPD/bom1.jsonl $TMPD/bom2.jsonl; echo "exit $?"
# UTF-16 is not UTF-8: its NUL bytes are reported (checked before UTF-8)
printf '\377\376{\000"\000\n\000' | $COTSCAN; echo "exit $?"
