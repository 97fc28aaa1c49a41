# -o FILE on a disk that fills up mid-run: exit 3 with the reason, FILE keeps
# its old content and no temporary file is left behind.  Needs to mount a
# tiny tmpfs (root in a container that allows it); skips otherwise.
mnt=$TMPD/mnt
mkdir -p "$mnt"
mount -t tmpfs -o size=64k tmpfs "$mnt" 2>/dev/null || { echo "cannot mount a tmpfs here"; exit 77; }
trap 'umount "$mnt" 2>/dev/null' EXIT
printf 'old\n' > "$mnt/out.csv"
i=0
: > $TMPD/in.jsonl
while [ $i -lt 200 ]; do cat data/math.jsonl >> $TMPD/in.jsonl; i=$((i + 1)); done
# leave about 16 KB free: less than the table needs
dd if=/dev/zero of="$mnt/filler" bs=1024 count=44 2>/dev/null
$COTSCAN -q -o "$mnt/out.csv" $TMPD/in.jsonl 2>$TMPD/err; rc=$?
[ $rc -eq 3 ] || { echo "exit $rc, expected 3"; cat $TMPD/err; exit 1; }
grep -q "No space left on device" $TMPD/err || { echo "no ENOSPC message:"; cat $TMPD/err; exit 1; }
[ "$(cat "$mnt/out.csv")" = old ] || { echo "out.csv was changed"; exit 1; }
[ "$(ls -A "$mnt" | tr '\n' ' ')" = "filler out.csv " ] || { echo "left behind:"; ls -A "$mnt"; exit 1; }
# and the same run fits once there is room
rm "$mnt/filler"
$COTSCAN -q -o "$mnt/out.csv" data/math.jsonl || { echo "run with room failed"; exit 1; }
[ "$(wc -l < "$mnt/out.csv")" -eq 9 ] || { echo "bad table"; exit 1; }
exit 0
