# -o FILE when FILE cannot be replaced at the end of the run (here it became
# a directory while cotscan was reading): exit 3 naming both paths, and the
# temporary file is removed
command -v mkfifo >/dev/null || { echo "no mkfifo"; exit 77; }
mkfifo $TMPD/in
printf 'old\n' > $TMPD/out.csv
$COTSCAN -q -o $TMPD/out.csv $TMPD/in 2>$TMPD/err &
pid=$!
# cotscan creates its temporary file, then blocks opening the FIFO
i=0
while [ -z "$(ls -A $TMPD | grep '^\.out\.csv\.')" ]; do
	i=$((i + 1)); [ $i -lt 500 ] || { kill $pid; echo "no temporary file"; exit 1; }
	sleep 0.02
done
rm $TMPD/out.csv; mkdir $TMPD/out.csv
printf '{"cot":"Let me try again."}\n' > $TMPD/in
wait $pid; rc=$?
[ $rc -eq 3 ] || { echo "exit $rc, expected 3"; cat $TMPD/err; exit 1; }
grep -q "^cotscan: cannot rename '.*/\.out\.csv\..*' to '$TMPD/out.csv': Is a directory$" $TMPD/err || { cat $TMPD/err; exit 1; }
[ -z "$(ls -A $TMPD | grep '^\.out\.csv\.')" ] || { echo "temporary file left"; ls -A $TMPD; exit 1; }
exit 0
