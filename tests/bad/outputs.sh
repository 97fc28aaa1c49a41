# outputs that cannot be written: exit 3 with a message; -o never leaves a
# partial file behind; a closed stderr does not change the outcome
$COTSCAN -q data/math.jsonl > /dev/full; echo "exit $?"
$COTSCAN report -q data/math.jsonl > /dev/full; echo "exit $?"
$COTSCAN -q -o /dev/full data/math.jsonl; echo "exit $?"
$COTSCAN -q -o $TMPD data/math.jsonl; echo "exit $?"
$COTSCAN -q -o $TMPD/no/dir/out.csv data/math.jsonl; echo "exit $?"
ls -a $TMPD
printf '{bad\n' | $COTSCAN 2>&-; echo "exit $?"
printf '{"cot":"x"}\n' | $COTSCAN -q >&-; echo "exit $?"
# -o with a plain file name replaces it in the current directory
(cd $TMPD && printf 'old\n' > out.csv && $COTSCAN -q -o out.csv - < $OLDPWD/data/math.jsonl; echo "exit $?"; wc -l < out.csv; ls -a)
