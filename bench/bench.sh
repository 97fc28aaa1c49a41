#!/bin/sh
# bench/bench.sh BUILD - the speed and memory table of `make bench`.
#
# Builds a benchmark input of at least BENCH_MB megabytes (default 1024) by
# repeating ../shared/corpus/*.jsonl (data/*.jsonl when that is absent) into a
# temporary file, then times on that same file, BENCH_RUNS times each
# (default 3; the median is reported), with the peak resident memory:
#   cat FILE > /dev/null, wc -l       the floor of just reading the file
#   BUILD/parse_floor                 reading + cJSON-parsing every line
#   bench/kw_count.py                 Python: json.loads + str.count of 20 cue
#                                     phrases (the keyword counter cotscan replaces; 1 run)
#   rg -c -i -F -f LITERALS           ripgrep with the rules' required literals
#                                     (`cotscan rules`), no parsing
#   cotscan tag / report -j 1 and -j NPROC
#   bench/py_tag.py                   the Python module: Tagger.tag_many over the
#                                     same file in blocks, counts summed as report
#                                     sums them, -j 1 and -j NPROC
#   bench/py_calls.py                 Tagger.tag(""): time a call; BENCH_PY_CALLS
#                                     (default 1,000,000) calls on corpus texts: RSS
#   bench/ref_tag.py                  Python 3 json + re, the same rule patterns
#                                     (once, on the first BENCH_PY_MB MB, default 16)
# and, on generated inputs: one looping trace of 2 MB and of 8 MB (a cue-dense
# paragraph repeated), and one line of BENCH_HOSTILE_MB MB (default 200) full
# of matches; then the time of each rule on the slice (`cotscan rules --stats`)
# summed per behaviour.  Each row gives MB/s by wall-clock time and by CPU time
# (user + system, which a loaded machine does not inflate), and peak RSS.
set -eu
build=${1:?usage: bench/bench.sh BUILD}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
MB=${BENCH_MB:-1024}
RUNS=${BENCH_RUNS:-3}
PY_MB=${BENCH_PY_MB:-16}
HOSTILE_MB=${BENCH_HOSTILE_MB:-200}
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

# measure NAME RUNS COMMAND...: appends "NAME wall_s max_rss_kb cpu_s" (medians) to $tmp/results
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
	med() { sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
	wall=$(awk '{ print $1 }' "$tmp/stat" | med)
	cpu=$(awk '{ print $4 }' "$tmp/stat" | med)
	rss=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$tmp/stat")
	echo "$name $wall $rss $cpu" >> "$tmp/results"
}
: > "$tmp/results"
measure cat "$RUNS" cat "$in"
measure wc "$RUNS" wc -l "$in"
measure parse "$RUNS" "$floor" "$in"
measure kwcount 1 python3 bench/kw_count.py "$in"
# ripgrep with every literal the literal pass scans for
"$cot" rules --format tsv | awk -F '\t' 'NR > 1 && $3 == "literals" { print $5 }' | tr '|' '\n' |
	sed 's/\\\(.\)/\1/g' | sort -u > "$tmp/literals"
nlit=$(wc -l < "$tmp/literals")
if command -v rg >/dev/null 2>&1; then
	measure rg "$RUNS" rg -c -i -F -f "$tmp/literals" "$in"
fi
measure tag1 "$RUNS" "$cot" tag -q -j 1 "$in"
traces=$("$cot" report -j "$nproc" "$in" 2>&1 >/dev/null | sed -n 's/.* lines read, \([0-9]*\) traces tagged.*/\1/p')
measure tagN "$RUNS" "$cot" tag -q -j "$nproc" "$in"
# the Python module (built in place by make bench when python3-dev is there)
pycalls=
if PYTHONPATH=python /usr/bin/python3 -c 'import cotscan' 2>/dev/null; then
	measure pytag1 "$RUNS" env PYTHONPATH=python /usr/bin/python3 bench/py_tag.py 1 "$in"
	measure pytagN "$RUNS" env PYTHONPATH=python /usr/bin/python3 bench/py_tag.py "$nproc" "$in"
	pycalls=$(PYTHONPATH=python /usr/bin/python3 bench/py_calls.py "${BENCH_PY_CALLS:-1000000}" "$in")
fi
measure report1 "$RUNS" "$cot" report -q -j 1 "$in"
measure reportN "$RUNS" "$cot" report -q -j "$nproc" "$in"
measure tag1_slice 1 "$cot" tag -q -j 1 "$py_in"
measure python 1 python3 bench/ref_tag.py tag rules "$py_in"
# generated: a looping trace (2 and 8 MB) and a line full of matches
unit='Wait, no, that is wrong. Let me try again. First, we need to find x. Let me check: 3 + 4 = 7, which matches the target. For x to be even, y must be odd. '
gen() { # MB FILE
	awk -v mb="$1" -v u="$unit" 'BEGIN { n = int(mb * 1000000 / length(u)); printf "{\"id\":\"loop\",\"cot\":\""
		for (i = 0; i < n; i++) printf "%s", u; printf "\"}\n" }' > "$2"
}
gen 2 "$tmp/loop2.jsonl"
gen 8 "$tmp/loop8.jsonl"
measure loop2 "$RUNS" "$cot" tag -q -j 1 "$tmp/loop2.jsonl"
measure loop8 "$RUNS" "$cot" tag -q -j 1 "$tmp/loop8.jsonl"
rm -f "$tmp/loop2.jsonl" "$tmp/loop8.jsonl"
gen "$HOSTILE_MB" "$tmp/hostile.jsonl"
hostile_size=$(wc -c < "$tmp/hostile.jsonl")
measure hostile 1 "$cot" tag -q -j 1 "$tmp/hostile.jsonl"
rm -f "$tmp/hostile.jsonl"
# what each behaviour's rules cost (wall time inside the rules, on the slice)
"$cot" rules --stats --format tsv "$py_in" 2>/dev/null |
	awk -F '\t' 'NR > 1 { s[$2] += $7; n[$2]++ } END { for (b in s) print b, n[b], s[b] }' | sort > "$tmp/behaviours"

# the table
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "cotscan bench: $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB, $lines lines, $traces traces (copies of $src/*.jsonl)"
echo "machine: ${cpu:-unknown CPU}, $nproc online CPUs, $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median of $RUNS runs (Python, the slice and the hostile line: 1 run); input in the page cache"
echo "wall: MB/s by wall-clock time; cpu: MB/s by CPU time (user + system); the ratios say which they use"
awk -v size="$size" -v lines="$lines" -v traces="$traces" -v pysize="$py_size" -v pylines="$py_lines" \
    -v nproc="$nproc" -v nlit="$nlit" -v pycalls="$pycalls" -v hsize="$hostile_size" -v hmb="$HOSTILE_MB" \
    -v pyrules="$(sed -n 's/^ref_tag.py: \([0-9]* of [0-9]* rules\)$/\1/p' "$tmp/python.err")" \
    -v pymb="$(awk -v s="$py_size" 'BEGIN { printf "%.0f", s / 1e6 }')" '
FILENAME == ARGV[1] { beh[$1] = $3; nbeh[$1] = $2; next }
{ t[$1] = $2; rss[$1] = $3; c[$1] = $4 }
function row(label, k, bytes) {
	if (!(k in t)) return
	printf "%-38s %9.1f %9.1f %9.2f %9.2f %9.1f MB\n", label, bytes / t[k] / 1e6, (c[k] > 0 ? bytes / c[k] / 1e6 : 0),
		t[k], c[k], rss[k] / 1024
}
END {
	printf "%-38s %9s %9s %9s %9s %12s\n", "", "wall MB/s", "cpu MB/s", "wall s", "cpu s", "peak RSS"
	row("read floor: cat > /dev/null", "cat", size)
	row("read floor: wc -l", "wc", size)
	row("parse floor: read + cJSON parse", "parse", size)
	row("python json + str.count, 20 cues", "kwcount", size)
	row("ripgrep -c -i -F, " nlit " literals", "rg", size)
	row("cotscan tag -j 1", "tag1", size)
	row("cotscan tag -j " nproc, "tagN", size)
	if ("pytag1" in t) {
		row("python tag_many -j 1, summed", "pytag1", size)
		row("python tag_many -j " nproc ", summed", "pytagN", size)
	}
	row("cotscan report -j 1", "report1", size)
	row("cotscan report -j " nproc, "reportN", size)
	row("cotscan tag -j 1, first " pymb " MB", "tag1_slice", pysize)
	row("python json+re, first " pymb " MB", "python", pysize)
	row("looping trace, 2 MB", "loop2", 2e6)
	row("looping trace, 8 MB", "loop8", 8e6)
	row("one " hmb " MB line full of matches", "hostile", hsize)
	if (pyrules != "") printf "  (python json+re: %s compile in re; vetoes left out)\n", pyrules
	printf "\nper behaviour (wall time inside its rules, tag -j 1 on the first %s MB):\n", pymb
	for (b in beh) printf "  %-20s %3d rules %8.2f s %9.1f MB/s\n", b, nbeh[b], beh[b], (beh[b] > 0 ? pysize / beh[b] / 1e6 : 0)
	printf "\n"
	printf "tag -j 1 / parse floor (cpu)       %6.2f   (target >= 0.25, moonshot 0.5)\n", c["parse"] / c["tag1"]
	printf "tag -j 1 / parse floor (wall)      %6.2f\n", t["parse"] / t["tag1"]
	printf "tag -j 1 / python str.count (cpu)  %6.2f   (target >= 1)\n", c["kwcount"] / c["tag1"]
	printf "tag -j 1 / python str.count (wall) %6.2f\n", t["kwcount"] / t["tag1"]
	if ("rg" in t) printf "tag -j 1 / ripgrep literals (wall)  %6.2f\n", t["rg"] / t["tag1"]
	printf "tag -j %d / tag -j 1 (wall)         %6.2f   (target >= 1.8 with 2 CPUs)\n", nproc, t["tag1"] / t["tagN"]
	printf "report -j %d / report -j 1 (wall)   %6.2f\n", nproc, t["report1"] / t["reportN"]
	if ("pytag1" in t) {
		printf "python tag_many / report, -j 1 (wall) %6.2f   (target >= 0.8)\n", t["report1"] / t["pytag1"]
		printf "python tag_many / report, -j %d (wall) %6.2f   (target >= 0.8)\n", nproc, t["reportN"] / t["pytagN"]
		split(pycalls, pc, " ")
		printf "python t.tag(\"\")                  %6.2f us a call (target <= 5)\n", pc[1]
		printf "python %d t.tag calls on corpus texts: RSS %.1f MB after %d, %.1f MB at the end (%+.1f%%; target within 10%%), %.0f s\n",
			pc[2], pc[3] / 1024, pc[2] / 10, pc[4] / 1024, (pc[4] - pc[3]) * 100 / pc[3], pc[5]
	}
	printf "looping 8 MB / 2 MB (cpu)          %6.2f   (target <= 5)\n", c["loop8"] / c["loop2"]
	printf "%s MB line full of matches (wall)  %6.1f s (target < 60 s)\n", hmb, t["hostile"]
	printf "peak RSS, tag -j 1: %.1f MB at %.0f MB input, %.1f MB at %s MB   (target < 64 MB, flat)\n",
		rss["tag1"] / 1024, size / 1e6, rss["tag1_slice"] / 1024, pymb
}' "$tmp/behaviours" "$tmp/results"
