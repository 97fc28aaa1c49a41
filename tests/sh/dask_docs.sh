# Every option of contrib/dask/cotscan_dask.py --help appears in README.md
# ("Running on a cluster"), and the driver's shebang is Debian's python3.
PY=/usr/bin/python3
DRIVER=contrib/dask/cotscan_dask.py
[ -x $PY ] || { echo "no $PY"; exit 77; }
fail=0
head -n 1 $DRIVER | grep -qx '#!/usr/bin/python3' || { echo "$DRIVER: shebang is not #!/usr/bin/python3"; fail=1; }
[ -x $DRIVER ] || { echo "$DRIVER is not executable"; fail=1; }
opts=$($PY $DRIVER --help | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u)
[ -n "$opts" ] || { echo "no options in --help"; exit 1; }
section=$(sed -n '/^## Running on a cluster/,/^## /p' README.md)
for o in $opts; do
	[ "$o" = --help ] && continue
	printf '%s\n' "$section" | grep -q -- "$o[ \`]" || { echo "README.md lacks $o"; fail=1; }
done
exit $fail
