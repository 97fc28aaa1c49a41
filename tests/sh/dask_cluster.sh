# contrib/dask/cotscan_dask.py on a real Dask cluster on loopback: a
# scheduler and two workers bound to 127.0.0.1, each under a time limit and
# stopped by process id at the end.  Over a slice of ../shared/corpus (and a
# file of bad lines written here) with small chunks, the driver's table must
# equal `cotscan report` byte for byte, with the same messages and exit
# code: once with both workers, once with --ship, and once while one worker
# is killed mid-range (its ranges are rerun, none counted twice).  A range
# that fails on every try fails the run, naming the range.
# Skipped without python3-distributed or ../shared.
PY=/usr/bin/python3
DRIVER=contrib/dask/cotscan_dask.py
corpus=$SHARED/corpus
[ -d "$corpus" ] || { echo "no $corpus"; exit 77; }
{ [ -x $PY ] && $PY -c 'import distributed' 2>/dev/null && command -v dask-scheduler >/dev/null &&
	command -v dask-worker >/dev/null; } ||
	{ echo "python3-distributed is not installed (apt-get install python3-distributed)"; exit 77; }
$COTSCAN --help | grep -q "^  merge " || { echo "cotscan has no merge subcommand yet"; exit 77; }

limit=150      # seconds any cluster process may live
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { # the logs' last lines, then the reason (run.sh shows the last 30 lines)
	for f in $TMPD/*.log $TMPD/*.err; do [ -f "$f" ] && { echo "--- $f"; tail -n 4 "$f"; }; done
	echo "FAIL: $*"
	exit 1
}

# the inputs: a slice of every corpus file (smaller under the sanitizers),
# and a file of bad lines so that messages and line numbers are compared too
n=800
case $BUILD in *asan*) n=300 ;; esac
mkdir -p $TMPD/in
for f in $corpus/*.jsonl; do head -n $n "$f" > $TMPD/in/$(basename "$f"); done
{
	i=0
	while [ $i -lt 60 ]; do
		printf '{"cot":"Let me check: %d + 1 = %d."}\n' $i $((i + 1))
		[ $((i % 7)) -eq 3 ] && printf 'not json %d\n' $i
		[ $((i % 11)) -eq 5 ] && printf '{"cot":%d}\n' $i
		[ $((i % 13)) -eq 0 ] && printf '\n'
		i=$((i + 1))
	done
	printf '{"cot":"Wait, that is wrong; a last line without LF."}'
} > $TMPD/in/bad-lines.jsonl
: > $TMPD/in/empty.jsonl
files=$(ls $TMPD/in/*.jsonl)

# usage errors, before any cluster: exit 2 and a message
usage() { # WANT-IN-MESSAGE ARGS...
	want=$1; shift
	$PY $DRIVER --scheduler tcp://127.0.0.1:9 --cotscan $COTSCAN "$@" > $TMPD/usage.out 2> $TMPD/usage.err
	rc=$?
	[ $rc -eq 2 ] || fail "usage $*: exit $rc"
	grep -q -- "$want" $TMPD/usage.err || { cat $TMPD/usage.err; fail "usage $*: no '$want'"; }
}
usage "no input files" report --rules rules
usage "standard input cannot be split" report - 
usage "is set by cotscan_dask" report --first-line 3 $TMPD/in/empty.jsonl
usage "needs an argument" report $TMPD/in/empty.jsonl --model
usage "invalid choice" tag $TMPD/in/empty.jsonl

# the single run
$COTSCAN report $files > $TMPD/single.csv 2> $TMPD/single.err
single_rc=$?
[ $single_rc -eq 1 ] || fail "single run exited $single_rc"

# the cluster
timeout $limit dask-scheduler --host 127.0.0.1 --port 0 --no-dashboard \
	--scheduler-file $TMPD/scheduler.json > $TMPD/scheduler.log 2>&1 &
pids="$pids $!"
start_worker() { # NAME: starts a worker under timeout; sets $wpid to the worker's own pid
	timeout $limit dask-worker --scheduler-file $TMPD/scheduler.json --host 127.0.0.1 \
		--nthreads 1 --no-nanny --no-dashboard --death-timeout 30 \
		--local-directory $TMPD/$1 > $TMPD/$1.log 2>&1 &
	pids="$pids $!"
	j=0
	while ! wpid=$(pgrep -P $! dask-worker); do
		j=$((j + 1)); [ $j -lt 100 ] || fail "no $1 process"; sleep 0.1
	done
}
i=0
while [ ! -s $TMPD/scheduler.json ]; do
	i=$((i + 1)); [ $i -lt 300 ] || fail "no scheduler after 30 s"; sleep 0.1
done
start_worker w1; w1=$wpid
start_worker w2; w2=$wpid

run_driver() { # NAME [driver options] report [cotscan options]: the driver over $files
	name=$1; shift
	timeout $limit $PY $DRIVER --scheduler-file $TMPD/scheduler.json --wait-workers 2 --timeout 60 \
		--cotscan $COTSCAN -v "$@" $files > $TMPD/$name.csv 2> $TMPD/$name.err
}
same_as_single() { # NAME RC [SINGLE]: table, messages and exit code equal the single run's
	s=${3:-single}
	[ "$2" -eq $single_rc ] || fail "$1: exit $2, single run $single_rc"
	cmp $TMPD/$s.csv $TMPD/$1.csv || fail "$1: table differs from the single run"
	# (the driver's stderr may also hold Dask's log, e.g. on a lost worker)
	grep "^$TMPD/in/\|^cotscan: " $TMPD/$s.err > $TMPD/$s.msgs
	grep "^$TMPD/in/\|^cotscan: " $TMPD/$1.err > $TMPD/$1.msgs
	cmp $TMPD/$s.msgs $TMPD/$1.msgs || fail "$1: messages differ from the single run"
	grep '^cotscan_dask:' $TMPD/$1.err
}

# 1. both workers, small chunks: several ranges per file
run_driver plain --chunk 64K report
same_as_single plain $?
ranges=$(sed -n 's/.* \([0-9]*\) ranges of .*/\1/p' $TMPD/plain.err)
[ "${ranges:-0}" -gt 20 ] || fail "only ${ranges:-0} ranges"
grep -q "per worker: .*, .*" $TMPD/plain.err || fail "not both workers were used"

# 2. the bytes sent from the driver (workers without the files), and
# options for the workers (--whole) and for the merge (--level, --format, --svg)
$COTSCAN report --whole --level 0.9 --format tsv --svg $TMPD/single2.svg $files \
	> $TMPD/single2.csv 2> $TMPD/single2.err
run_driver ship --chunk 100K --ship report --whole --level 0.9 --format tsv --svg $TMPD/ship.svg
same_as_single ship $? single2
cmp $TMPD/single2.svg $TMPD/ship.svg || fail "ship: the SVG chart differs"
cmp -s $TMPD/single.csv $TMPD/single2.csv && fail "--whole --level 0.9 --format tsv changed nothing"

# 3. kill worker 1 mid-run (in the third file) while it runs cotscan on a
# range: stopped first, so that the range cannot finish between the look
# and the kill
timeout $limit $PY $DRIVER --scheduler-file $TMPD/scheduler.json --wait-workers 2 --timeout 60 \
	--cotscan $COTSCAN -v --chunk 64K report $files > $TMPD/killed.csv 2> $TMPD/killed.err &
driver=$!
pids="$pids $driver"
i=0
while :; do
	kill -STOP $w1
	running=$(pgrep -a -P $w1 -f -- "--label $TMPD/in/s") && break
	kill -CONT $w1
	i=$((i + 1)); [ $i -lt 600 ] || fail "worker 1 never ran a range"; sleep 0.05
done
kill -KILL $w1
echo "killed worker 1 (pid $w1) while it ran cotscan on: $(echo "$running" | sed 's/.*--label //')"
wait $driver
same_as_single killed $?
grep -q ' [1-9][0-9]* ranges run more than once' $TMPD/killed.err || fail "no range was rerun"
grep -q 'assigned to a worker that died' $TMPD/killed.err || fail "the range being run was not rerun"
grep -q "workers lost during the run (of those at its start): tcp://127.0.0.1:" $TMPD/killed.err || fail "no worker was lost"

# 4. a range that fails on every try fails the run: no table, the range named
run_driver broken --chunk 64K --retries 1 --wait-workers 1 report --rules $TMPD/no-such-rules
rc=$?
[ $rc -eq 2 ] || fail "broken: exit $rc, want 2"
[ ! -s $TMPD/broken.csv ] || fail "broken: a table was written"
grep "^cotscan_dask: .*: bytes [0-9]*-[0-9]* (lines [0-9]*-[0-9]*): cotscan exited 2: .*no-such-rules" \
	$TMPD/broken.err || fail "broken: message does not name the range and cotscan's error"
exit 0
