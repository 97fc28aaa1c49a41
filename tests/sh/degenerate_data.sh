# Degenerate variants of the traces in data/ (written for cotscan), built on
# the fly as the paper built them: emptied, filled with " ." to the same
# length, cut at random points, looped, duplicated.  Each must be caught and
# the originals left clean.  Three seeds, so three sets of cut points.
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
for seed in 1 2 3; do
	python3 tests/gen/degenerate.py $COTSCAN $TMPD 100 $seed data/*.jsonl
done
