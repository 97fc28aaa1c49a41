# --strict stops at the first bad line, exit 1, and -o FILE is not replaced
printf 'old\n' > $TMPD/out.csv
printf '{"cot":"a"}\n{bad\n{"cot":"b"}\n' > $TMPD/in.jsonl
$COTSCAN --strict -o $TMPD/out.csv $TMPD/in.jsonl
echo "exit $?"
cat $TMPD/out.csv
ls -a $TMPD
