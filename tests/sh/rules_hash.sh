# The rule set's hash: `cotscan --version` prints the built-in set's, which
# python3 recomputes from rules/*.rules (64-bit FNV-1a over each file in name
# order: base name, NUL, bytes); `--rules` on a copy of rules/ anywhere gives
# the same hash in the summary, partials and table stamps; one changed byte
# changes it.  Skipped without python3.
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
set -e
v=$($COTSCAN --version)
h=$(printf '%s\n' "$v" | sed -n 's/^cotscan [0-9][0-9.]*, built-in rules \([0-9a-f]\{16\}\)$/\1/p')
[ -n "$h" ] || { echo "--version: $v"; exit 1; }
want=$(python3 - rules/*.rules <<'PY'
import os, sys
h = 0xcbf29ce484222325
for path in sorted(sys.argv[1:]):
    for byte in os.path.basename(path).encode() + b"\0" + open(path, "rb").read():
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
print("%016x" % h)
PY
)
[ "$h" = "$want" ] || { echo "--version says $h, the rule files hash to $want"; exit 1; }
cp -r rules $TMPD/copy
$COTSCAN report --rules $TMPD/copy/ data/math.jsonl 2>$TMPD/err >/dev/null
grep -q "; rules $TMPD/copy/ $h\$" $TMPD/err || { cat $TMPD/err; exit 1; }
$COTSCAN report -q --partial --rules $TMPD/copy data/math.jsonl | sed -n 2p | grep -q "^2,[0-9.]*,$h,group,"
# without --rules the summary names no rules
if $COTSCAN report data/math.jsonl 2>&1 >/dev/null | grep -q '; rules '; then echo "rules in the summary"; exit 1; fi
# the stamps of the tables
$COTSCAN report -q --format markdown data/math.jsonl | tail -n 2 > $TMPD/md
printf '\ncotscan %s, rules %s\n' "$(printf '%s' "$v" | sed 's/^cotscan \([^,]*\),.*/\1/')" "$h" | cmp - $TMPD/md
$COTSCAN compare -q --format json data/countdown.jsonl | grep -c "\"rules_hash\":\"$h\"}" | grep -qx 4
$COTSCAN eval -q --by none --format json data/labelled.jsonl | grep -c "\"rules_hash\":\"$h\"}" | grep -qx 5
# csv and tsv carry no stamp
for f in csv tsv; do
	if $COTSCAN report -q --format $f data/math.jsonl | grep -q "$h"; then echo "a stamp in $f"; exit 1; fi
done
# one byte more: another hash
printf '\n' >> $TMPD/copy/verification.rules
h2=$($COTSCAN report -q --partial --rules $TMPD/copy data/math.jsonl | sed -n 2p | cut -d, -f3)
[ -n "$h2" ] && [ "$h2" != "$h" ] || { echo "the changed set hashes to '$h2'"; exit 1; }
