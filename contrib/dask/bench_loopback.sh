#!/bin/sh
# contrib/dask/bench_loopback.sh COTSCAN WORKERS CHUNK FILES...
#
# Times `cotscan report FILES` in one process against cotscan_dask.py on a
# Dask cluster on loopback: one scheduler and WORKERS one-thread workers,
# bound to 127.0.0.1, each under a 10-minute limit and stopped by process id
# at the end.  Checks that both tables are identical.  Needs python3-distributed.
set -eu
[ $# -ge 4 ] || { echo "usage: $0 COTSCAN WORKERS CHUNK FILES..." >&2; exit 2; }
cotscan=$(realpath "$1"); workers=$2; chunk=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cotscan-bench.XXXXXX")
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || :; done
	for p in $pids; do wait "$p" 2>/dev/null || :; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

timeout 600 dask-scheduler --host 127.0.0.1 --port 0 --no-dashboard \
	--scheduler-file "$tmp/s.json" > "$tmp/s.log" 2>&1 &
pids="$pids $!"
i=0
while [ $i -lt "$workers" ]; do
	timeout 600 dask-worker --scheduler-file "$tmp/s.json" --host 127.0.0.1 --nthreads 1 \
		--no-nanny --no-dashboard --local-directory "$tmp/w$i" > "$tmp/w$i.log" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done

bytes=$(cat "$@" | wc -c)
lines=$(cat "$@" | wc -l)
echo "input: $# files, $lines lines, $bytes bytes; $workers workers, chunk $chunk"
t0=$(date +%s.%N)
"$cotscan" report -q "$@" > "$tmp/single.csv"
t1=$(date +%s.%N)
echo "single process: $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s"
# wait for the workers outside the timed run
echo '{"cot":"warm up"}' > "$tmp/warm.jsonl"
/usr/bin/python3 "$here/cotscan_dask.py" --scheduler-file "$tmp/s.json" --wait-workers "$workers" \
	--cotscan "$cotscan" report -q "$tmp/warm.jsonl" > /dev/null
t0=$(date +%s.%N)
/usr/bin/python3 "$here/cotscan_dask.py" --scheduler-file "$tmp/s.json" --wait-workers "$workers" \
	--cotscan "$cotscan" --chunk "$chunk" -v report -q "$@" > "$tmp/dask.csv"
t1=$(date +%s.%N)
echo "cluster ($workers workers): $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s"
cmp "$tmp/single.csv" "$tmp/dask.csv" && echo "tables identical"
