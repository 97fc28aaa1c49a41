# Degenerate variants of real traces from ../shared/corpus (see
# tests/gen/degenerate.py): 300 clean traces sampled over every file, each
# emptied, filled, cut, looped and duplicated; all must be caught and the
# originals left clean.  Generated on the fly, never kept.
corpus=$SHARED/corpus
[ -d "$corpus" ] || { echo "no $corpus"; exit 77; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
files=$(ls $corpus/*.jsonl)
n=300
case $BUILD in
*asan*) for f in $files; do head -n 300 $f > $TMPD/$(basename $f); done; files=$(ls $TMPD/*.jsonl); n=60 ;;
esac
python3 tests/gen/degenerate.py $COTSCAN $TMPD $n 5 $files
