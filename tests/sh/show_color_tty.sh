# show --color=auto (the default) colours on a terminal, and not when NO_COLOR
# is set or output is not a terminal.  script(1) provides the terminal;
# skipped without it.
command -v script >/dev/null || { echo "no script(1)"; exit 77; }
script -qec true /dev/null >/dev/null 2>&1 </dev/null || { echo "script(1) cannot open a terminal here"; exit 77; }
esc=$(printf '\033')
cmd="$COTSCAN show -q --id e1 data/labelled.jsonl"
script -qec "env -u NO_COLOR $cmd" /dev/null > $TMPD/tty.out 2>&1 </dev/null
grep -q "$esc\[" $TMPD/tty.out || { echo "no colour on a terminal"; cat -v $TMPD/tty.out; exit 1; }
grep -q 'backtracking:bt\.' $TMPD/tty.out || { echo "no marker on a terminal"; exit 1; }
script -qec "env NO_COLOR=1 $cmd" /dev/null > $TMPD/nc.out 2>&1 </dev/null
! grep -q "$esc\[" $TMPD/nc.out || { echo "colour despite NO_COLOR"; cat -v $TMPD/nc.out; exit 1; }
grep -q 'backtracking:bt\.' $TMPD/nc.out || { echo "no marker with NO_COLOR"; exit 1; }
script -qec "env NO_COLOR=1 $cmd --color=always" /dev/null > $TMPD/al.out 2>&1 </dev/null
grep -q "$esc\[" $TMPD/al.out || { echo "--color=always did not colour"; exit 1; }
script -qec "env -u NO_COLOR $cmd --color=never" /dev/null > $TMPD/nv.out 2>&1 </dev/null
! grep -q "$esc\[" $TMPD/nv.out || { echo "--color=never coloured"; exit 1; }
env -u NO_COLOR $cmd > $TMPD/pipe.out
! grep -q "$esc\[" $TMPD/pipe.out || { echo "colour into a pipe"; exit 1; }
exit 0
