# Accuracy floor of the built-in rules on the labelled dev set
# (../shared/eval/dev.jsonl, LLM-judge labels): presence F1 and count
# Spearman per behaviour must not fall below the floors, set a little under
# the figures the rules reach (rules/README.md, "Accuracy").  A rule change
# that costs accuracy fails here.  Skipped when ../shared is absent.
dev=$SHARED/eval/dev.jsonl
[ -f "$dev" ] || { echo "no $dev"; exit 77; }
$COTSCAN eval -q --by none --cot-field cot --id-field id --labels "$dev" > $TMPD/eval.csv || exit 1
cat $TMPD/eval.csv
# behaviour  min F1  min Spearman
awk -F, 'BEGIN {
	f["backtracking"] = 0.85;      r["backtracking"] = 0.80
	f["verification"] = 0.85;      r["verification"] = 0.80
	f["subgoal_setting"] = 0.94;   r["subgoal_setting"] = 0.78
	f["backward_chaining"] = 0.76; r["backward_chaining"] = 0.72
	f["macro"] = 0.85;             r["macro"] = 0.75
}
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
($(col["behaviour"]) in f) {
	b = $(col["behaviour"]); seen++
	if ($(col["f1"]) + 0 < f[b] || $(col["spearman"]) + 0 < r[b]) {
		printf "%s: F1 %s (floor %.2f), Spearman %s (floor %.2f)\n", b, $(col["f1"]), f[b], $(col["spearman"]), r[b]
		bad = 1
	}
}
END { if (seen != 5) { print "expected 5 behaviour rows, got " seen; exit 1 } exit bad }' $TMPD/eval.csv
