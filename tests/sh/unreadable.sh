# an input file the user may not read: exit 3 naming the file and EACCES.
# Root reads anything, so as root the check runs as nobody (via setpriv).
dir=$(mktemp -d /tmp/cotscan-unreadable.XXXXXX) || exit 1
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
printf '{"cot":"x"}\n' > "$dir/secret.jsonl"
chmod 000 "$dir/secret.jsonl"
run=""
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null || { echo "root and no setpriv"; exit 77; }
	run="setpriv --reuid=65534 --regid=65534 --clear-groups"
	# the binary's own directories must be reachable for nobody
	$run test -x "$COTSCAN" || { echo "nobody cannot run $COTSCAN"; exit 77; }
fi
$run "$COTSCAN" "$dir/secret.jsonl" >/dev/null 2>"$dir/err"; rc=$?
[ $rc -eq 3 ] || { echo "exit $rc, expected 3"; cat "$dir/err"; exit 1; }
grep -qx "cotscan: cannot open '$dir/secret.jsonl': Permission denied" "$dir/err" || { cat "$dir/err"; exit 1; }
# among other inputs: reported and skipped, the others read, exit 3 at the end
printf '{"cot":"y"}\n' > "$dir/open.jsonl"
chmod 644 "$dir/open.jsonl"
$run "$COTSCAN" -q "$dir/open.jsonl" "$dir/secret.jsonl" "$dir/open.jsonl" >"$dir/out" 2>"$dir/err"; rc=$?
[ $rc -eq 3 ] || { echo "among others: exit $rc, expected 3"; cat "$dir/err"; exit 1; }
[ $(grep -c '^' "$dir/out") -eq 3 ] || { echo "among others: not both readable inputs tagged"; cat "$dir/out"; exit 1; }
exit 0
