# README "Running at scale": the GNU parallel recipe gives the single run's
# table.  Skipped when GNU parallel is absent (setup.sh installs it).
command -v parallel >/dev/null || { echo "no GNU parallel"; exit 77; }
set -e
dump=$TMPD/dump.jsonl
for i in 1 2 3 4 5 6 7 8; do cat data/*.jsonl; done > $dump
printf 'not json\n' >> $dump
# records without a model are named by --model, the same in every job
rc1=0; $COTSCAN report -q --model unnamed $dump > $TMPD/single.csv || rc1=$?
rc2=0
parallel --pipepart --block 4k -a $dump $COTSCAN report -q --partial --model unnamed > $TMPD/parts.csv || true
$COTSCAN merge -q < $TMPD/parts.csv > $TMPD/merged.csv || rc2=$?
jobs=$(grep -c '^#cotscan_partial,' $TMPD/parts.csv)
test "$jobs" -ge 3 || { echo "only $jobs partials: the recipe did not split the input"; exit 1; }
cmp $TMPD/single.csv $TMPD/merged.csv
test $rc1 -eq 1 && test $rc2 -eq 1
echo "$jobs jobs merged into the single run's table"
