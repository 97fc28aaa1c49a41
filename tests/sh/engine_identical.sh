# The literal pass (match.c) changes no output: tag --evidence and --jsonl
# are byte-identical with COTSCAN_ENGINE=reference (every rule run over the
# whole text), on data/, the fuzz corpus and ../shared/corpus when present
# (a slice of each file under the sanitizers).
set -u
fail=0
cmp_both() { # NAME ARGS...
	name=$1; shift
	COTSCAN_ENGINE=reference $COTSCAN "$@" > $TMPD/$name.ref 2>&1
	$COTSCAN "$@" > $TMPD/$name.new 2>&1
	cmp -s $TMPD/$name.ref $TMPD/$name.new || { echo "$name: output differs from the reference path"; diff $TMPD/$name.ref $TMPD/$name.new | head -5; fail=1; }
}
cmp_both data tag --evidence data/*.jsonl
cmp_both data_jsonl tag --jsonl data/*.jsonl
test $(grep -c '"rule"' $TMPD/data.new) -gt 5 || { echo "too few matches in data/ to compare"; fail=1; }
# the fuzz corpus: every seed and regression input as one JSONL file
cat fuzz/seed/pipeline/* fuzz/regress/pipeline/* 2>/dev/null > $TMPD/fuzz.jsonl
cmp_both fuzz tag --evidence $TMPD/fuzz.jsonl
corpus=$SHARED/corpus
[ -d "$corpus" ] || { [ $fail -eq 0 ] && { echo "no $corpus (data/ and fuzz checks passed)"; exit 77; }; exit 1; }
files=$(ls $corpus/*.jsonl)
case $BUILD in
*asan*) for f in $files; do head -n 300 $f > $TMPD/$(basename $f); done; files=$(ls $TMPD/*.jsonl) ;;
esac
cmp_both corpus tag --evidence $files
[ $fail -eq 0 ]
