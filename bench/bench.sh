#!/bin/sh
# bench/bench.sh BUILD - the speed and memory table of `make bench`.
#
# Builds a benchmark input of at least BENCH_MB megabytes (default 1024) by
# repeating ../shared/corpus/*.jsonl (data/*.jsonl when that is absent) into a
# temporary file, then times on that same file, BENCH_RUNS times each
# (default 3; the median is reported), with the peak resident memory:
#   cat FILE > /dev/null, wc -l       the floor of just reading the file
#   BUILD/parse_floor                 reading + cJSON-parsing every line
#   bench/ref_tag.py                  Python 3 json + re, the same rule patterns
#                                     (once, on the first BENCH_PY_MB MB, default
#                                     16; 0 = the whole file: slow)
#   cotscan tag / report -j 1 and -j NPROC
# and prints the table and the ratios the targets are stated in.
set -eu
build=${1:?usage: bench/bench.sh BUILD}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
MB=${BENCH_MB:-1024}
RUNS=${BENCH_RUNS:-3}
PY_MB=${BENCH_PY_MB:-16}
src=${BENCH_SRC:-}
if [ -z "$src" ]; then
	if ls ../shared/corpus/*.jsonl >/dev/null 2>&1; then src=../shared/corpus; else src=data; fi
fi
cot=$root/$build/cotscan
floor=$root/$build/parse_floor
runstat=$root/$build/runstat
for b in "$cot" "$floor" "$runstat"; do
	[ -x "$b" ] || { echo "bench.sh: $b is missing (run 'make bench')" >&2; exit 2; }
done
nproc=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cotscan-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
export LC_ALL=C

# the input: whole copies of the source files until it holds MB megabytes
cat "$src"/*.jsonl > "$tmp/chunk"
chunk=$(wc -c < "$tmp/chunk")
[ "$chunk" -gt 0 ] || { echo "bench.sh: no input in $src" >&2; exit 2; }
in=$tmp/input.jsonl
want=$((MB * 1000000))
: > "$in"
size=0
while [ "$size" -lt "$want" ]; do
	cat "$tmp/chunk" >> "$in"
	size=$((size + chunk))
done
rm -f "$tmp/chunk"
lines=$(wc -l < "$in")
# Python's slice: the first PY_MB megabytes, cut at a line end
py_in=$in
if [ "$PY_MB" -gt 0 ] && [ "$((PY_MB * 1000000))" -lt "$size" ]; then
	py_in=$tmp/py.jsonl
	head -c $((PY_MB * 1000000)) "$in" | sed '$d' > "$py_in"
fi
py_size=$(wc -c < "$py_in")
py_lines=$(wc -l < "$py_in")
cat "$in" > /dev/null # into the page cache, as every later run finds it

# measure NAME RUNS COMMAND...: appends "NAME median_s max_rss_kb" to $tmp/results
measure() {
	name=$1 n=$2
	shift 2
	: > "$tmp/stat"
	i=0
	while [ $i -lt "$n" ]; do
		"$runstat" "$tmp/stat" "$@" > /dev/null 2> "$tmp/$name.err"
		i=$((i + 1))
	done
	bad=$(awk '$3 > 1' "$tmp/stat")
	[ -z "$bad" ] || { echo "bench.sh: $name failed:" >&2; cat "$tmp/$name.err" >&2; exit 1; }
	med=$(sort -n "$tmp/stat" | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
	rss=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$tmp/stat")
	echo "$name $med $rss" >> "$tmp/results"
}
: > "$tmp/results"
measure cat "$RUNS" cat "$in"
measure wc "$RUNS" wc -l "$in"
measure parse "$RUNS" "$floor" "$in"
measure tag1 "$RUNS" "$cot" tag -q -j 1 "$in"
traces=$("$cot" report -j "$nproc" "$in" 2>&1 >/dev/null | sed -n 's/.* lines read, \([0-9]*\) traces tagged.*/\1/p')
measure tagN "$RUNS" "$cot" tag -q -j "$nproc" "$in"
measure report1 "$RUNS" "$cot" report -q -j 1 "$in"
measure reportN "$RUNS" "$cot" report -q -j "$nproc" "$in"
measure tag1_slice 1 "$cot" tag -q -j 1 "$py_in"
measure python 1 python3 bench/ref_tag.py tag rules "$py_in"

# the table
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "cotscan bench: $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB, $lines lines, $traces traces (copies of $src/*.jsonl)"
echo "machine: ${cpu:-unknown CPU}, $nproc online CPUs, $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median of $RUNS runs (Python and the slice: 1 run); input in the page cache"
awk -v size="$size" -v lines="$lines" -v traces="$traces" -v pysize="$py_size" -v pylines="$py_lines" \
    -v nproc="$nproc" -v pyrules="$(sed -n 's/^ref_tag.py: \([0-9]* of [0-9]* rules\)$/\1/p' "$tmp/python.err")" -v pymb="$(awk -v s="$py_size" 'BEGIN { printf "%.0f", s / 1e6 }')" '
{ t[$1] = $2; rss[$1] = $3 }
function row(label, k, bytes, n) {
	printf "%-34s %9.1f %11s %9.1f MB\n", label, bytes / t[k] / 1e6, n ? sprintf("%.0f", n / t[k]) : "-", rss[k] / 1024
}
END {
	printf "%-34s %9s %11s %12s\n", "", "MB/s", "traces/s", "peak RSS"
	row("read floor: cat > /dev/null", "cat", size, 0)
	row("read floor: wc -l", "wc", size, 0)
	row("parse floor: read + cJSON parse", "parse", size, lines)
	row("cotscan tag -j 1", "tag1", size, traces)
	row("cotscan tag -j " nproc, "tagN", size, traces)
	row("cotscan report -j 1", "report1", size, traces)
	row("cotscan report -j " nproc, "reportN", size, traces)
	row("cotscan tag -j 1, first " pymb " MB", "tag1_slice", pysize, pylines)
	row("python json+re, first " pymb " MB", "python", pysize, pylines)
	if (pyrules != "") printf "  (python: %s compile in re; vetoes left out)\n", pyrules
	tag = size / t["tag1"]; parse = size / t["parse"]
	py = pysize / t["python"]; slice = pysize / t["tag1_slice"]
	printf "\n"
	printf "tag -j 1 / parse floor      %6.2f   (target >= 0.5)\n", tag / parse
	printf "tag -j 1 / python (same %s MB) %5.1fx  (target >= 50x)\n", pymb, slice / py
	printf "tag -j %d / tag -j 1         %6.2f   (target >= 1.8 with 2 CPUs)\n", nproc, t["tag1"] / t["tagN"]
	printf "report -j %d / report -j 1   %6.2f\n", nproc, t["report1"] / t["reportN"]
	printf "tag -j 1 / cat              %6.3f\n", t["cat"] / t["tag1"]
	printf "peak RSS, tag -j 1: %.1f MB at %.0f MB input, %.1f MB at %s MB   (target < 64 MB, flat)\n",
		rss["tag1"] / 1024, size / 1e6, rss["tag1_slice"] / 1024, pymb
}' "$tmp/results"
