# Every option in --help (for every subcommand) appears in cotscan.1 and in
# README.md, and every exit code in --help is in both.
fail=0
# a two-word command ("judge read") stands alone on its line: joined by '+'
cmds=$($COTSCAN --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ {print NF == 2 ? $1 "+" $2 : $1}')
for cw in "" $cmds; do
	c=$(printf '%s' "$cw" | tr + ' ')
	for opt in $($COTSCAN $c --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		grep -q -- "$esc" cotscan.1 || { echo "cotscan.1 lacks $opt ($c)"; fail=1; }
		grep -q -- "$opt" README.md || { echo "README.md lacks $opt ($c)"; fail=1; }
	done
	grep -q "^\.B $c\$\|^\.B cotscan $c\$" cotscan.1 || [ -z "$c" ] || { echo "cotscan.1 lacks command $c"; fail=1; }
done
for code in 0 1 2 3; do
	$COTSCAN --help | grep -q "^  $code  " || { echo "--help lacks exit code $code"; fail=1; }
	grep -q "^| $code |" README.md || { echo "README lacks exit code $code"; fail=1; }
	grep -q "^\.B $code\$" cotscan.1 || { echo "cotscan.1 lacks exit code $code"; fail=1; }
done
# the man page is well-formed
if command -v groff >/dev/null 2>&1; then
	out=$(groff -man -ww -z cotscan.1 2>&1)
	[ -z "$out" ] || { echo "groff: $out"; fail=1; }
fi
exit $fail
