#!/bin/sh
# tests/run.sh [--update] [--only PATTERN] BUILD [BUILD...] - runs every test
# against the binaries in each BUILD directory and ends with
# "N passed, N failed".
#
#   --only PATTERN    run only the tests whose name (test_agg, tests/cli/help.sh,
#                     ...) matches the shell pattern PATTERN anywhere
#                     (`--only 'eval*'`); repeatable; with --update, only
#                     their golden files are rewritten
#   COTSCAN_SHARED    where the shared corpus is (default: ../shared beside
#                     the checkout); when set, it must exist
#
#   BUILD/test_*      unit tests; each ends with "NAME: N passed, N failed"
#   tests/cli/X.sh    golden CLI tests: stdout, stderr and exit code must equal
#                     X.out, X.err and X.rc (--update rewrites them)
#   tests/bad/X.sh    the bad-input catalogue: golden tests like tests/cli, one
#                     kind of hostile input each (see tests/bad/README)
#   tests/sh/X.sh     assertion scripts: exit 0 pass, 77 skip, anything else fail
#
# In golden outputs the built-in rule set's hash (`cotscan --version`) is
# written RULES_HASH, so that a rule edit changes only the figures.
#
# Scripts run from the repository root with COTSCAN (the binary), BUILD,
# TMPD (a scratch directory of their own) and SHARED (../shared, which may
# be absent) in the environment, LC_ALL=C and NO_COLOR=1.
set -u
update=0 only=
while [ $# -gt 0 ]; do
	case $1 in
	--update) update=1; shift ;;
	--only) [ $# -ge 2 ] || { echo "tests/run.sh: --only needs a pattern" >&2; exit 2; }
		only="$only $2"; shift 2 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || { echo "usage: tests/run.sh [--update] [--only PATTERN] BUILD..." >&2; exit 2; }

# wanted NAME: whether --only lets the test NAME run
wanted() {
	[ -z "$only" ] && return 0
	for pat in $only; do
		case $1 in *$pat*) return 0 ;; esac
	done
	return 1
}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
export LC_ALL=C NO_COLOR=1
if [ -n "${COTSCAN_SHARED:-}" ]; then
	[ -d "$COTSCAN_SHARED" ] || { echo "tests/run.sh: COTSCAN_SHARED=$COTSCAN_SHARED is not a directory" >&2; exit 2; }
	SHARED=$(cd "$COTSCAN_SHARED" && pwd)
else
	SHARED=$(cd "$root/.." && pwd)/shared
fi
export SHARED
pass=0 fail=0 skip=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cotscan-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

for build in "$@"; do
	BUILD=$build
	COTSCAN=$root/$build/cotscan
	export BUILD COTSCAN
	rules_hash=$("$COTSCAN" --version | sed -n 's/.*, built-in rules \([0-9a-f]\{16\}\)$/\1/p')
	[ -n "$rules_hash" ] || rules_hash=no-rules-hash
	echo "== tests against $build/cotscan"
	for t in "$build"/test_*; do
		[ -x "$t" ] || continue
		wanted "$(basename "$t")" || continue
		out=$("$t" 2>&1); rc=$?
		last=$(printf '%s\n' "$out" | tail -n 1)
		p=$(printf '%s\n' "$last" | sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p')
		f=$(printf '%s\n' "$last" | sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p')
		if [ -z "$p" ] || [ $rc -ne 0 ]; then
			printf '%s\n' "$out" | grep -v '^ok ' | sed 's/^/  /'
			echo "FAIL $t (exit $rc)"
			fail=$((fail + ${f:-0} + 1))
			pass=$((pass + ${p:-0}))
		else
			echo "ok   $t ($p checks)"
			pass=$((pass + p))
		fi
	done
	for t in tests/cli/*.sh tests/bad/*.sh; do
		[ -f "$t" ] || continue
		wanted "$t" || continue
		base=${t%.sh}
		TMPD=$scratch/$(basename "$base")
		rm -rf "$TMPD"; mkdir -p "$TMPD"; export TMPD
		sh "$t" >"$scratch/out" 2>"$scratch/err" </dev/null
		echo $? >"$scratch/rc"
		# the binary's path differs between builds: show it as "cotscan"; the
		# built-in rule set's hash changes with every rule edit: RULES_HASH
		sed -i "s|$COTSCAN|cotscan|g; s|$TMPD|TMPD|g; s|$rules_hash|RULES_HASH|g" "$scratch/out" "$scratch/err"
		if [ $update -eq 1 ]; then
			cp "$scratch/out" "$base.out"; cp "$scratch/err" "$base.err"; cp "$scratch/rc" "$base.rc"
		fi
		ok=1
		for k in out err rc; do
			if ! cmp -s "$scratch/$k" "$base.$k"; then
				ok=0
				echo "  $t: $k differs:"
				diff "$base.$k" "$scratch/$k" 2>&1 | head -20 | sed 's/^/    /'
			fi
		done
		if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $t"; fi
	done
	for t in tests/sh/*.sh; do
		[ -f "$t" ] || continue
		wanted "$t" || continue
		TMPD=$scratch/$(basename "${t%.sh}")
		rm -rf "$TMPD"; mkdir -p "$TMPD"; export TMPD
		out=$(sh "$t" 2>&1 </dev/null); rc=$?
		if [ $rc -eq 0 ]; then
			pass=$((pass + 1)); echo "ok   $t"
		elif [ $rc -eq 77 ]; then
			skip=$((skip + 1)); echo "skip $t: $(printf '%s\n' "$out" | tail -n 1)"
		else
			fail=$((fail + 1)); printf '%s\n' "$out" | tail -n 30 | sed 's/^/  /'; echo "FAIL $t (exit $rc)"
		fi
	done
done
if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
