# `cotscan ... | head -1` ends quietly: no message, no error but SIGPIPE
i=0
: > $TMPD/big.jsonl
while [ $i -lt 40 ]; do cat data/*.jsonl >> $TMPD/big.jsonl; i=$((i + 1)); done
i=0
while [ $i -lt 6 ]; do cat $TMPD/big.jsonl $TMPD/big.jsonl > $TMPD/b2; mv $TMPD/b2 $TMPD/big.jsonl; i=$((i + 1)); done
err=$( { $COTSCAN -q $TMPD/big.jsonl; echo "rc=$?" >&2; } 2>&1 | head -n 1 >/dev/null; )
# stderr of cotscan went into the pipe; check it separately
$COTSCAN -q $TMPD/big.jsonl 2>$TMPD/err | head -n 1 > $TMPD/first
test "$(cat $TMPD/first)" = "file,line,id,model,cot_bytes,backtracking,verification,subgoal_setting,backward_chaining,defects" || { echo "bad first line"; exit 1; }
test ! -s $TMPD/err || { echo "stderr not empty:"; cat $TMPD/err; exit 1; }
# with SIGPIPE ignored (as under some launchers) the write error is still quiet
if command -v python3 >/dev/null; then
	python3 - "$COTSCAN" "$TMPD/big.jsonl" <<'PY' || exit 1
import signal, subprocess, sys
p = subprocess.Popen([sys.argv[1], "-q", sys.argv[2]], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN), restore_signals=False)
p.stdout.readline(); p.stdout.close()
err = p.stderr.read(); rc = p.wait()
assert err == b"", err
assert rc in (3, -13), rc
PY
fi
exit 0
