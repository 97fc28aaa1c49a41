# compare: every group against the baseline, on counts fixed by construction.
# Every number below was checked against statsmodels 0.13.5 / SciPy 1.10.1:
#   diff_lo,diff_hi: confint_proportions_2indep(k1,n1,k0,n0, method="newcomb",
#     compare="diff"), e.g. big vs base verification (20/40 vs 8/40) =
#     (0.0910, 0.4759); at alpha=0.01 (0.0255, 0.5204)
#   test z: proportions_ztest([20,8],[40,40]) p = 0.004911
#   test fisher (an expected count < 5): fisher_exact([[3,1],[8,32]]) p =
#     0.04254; fisher_exact([[1,39],[4,36]]) p = 0.3589
#   p_holm: multipletests(the 8 p-values, method="holm") =
#     1, 0.0393, 1, 1, 1, 0.298, 1, 1
gen() { # gen MODEL STEP VERIFYING PLAIN BACKTRACKING
	i=0; while [ $i -lt $3 ]; do
		printf '{"model":"%s","step":%s,"cot":"Let me verify: 2 + 2 = 4, which matches."}\n' $1 $2; i=$((i + 1)); done
	i=0; while [ $i -lt $4 ]; do
		printf '{"model":"%s","step":%s,"cot":"The answer is 4."}\n' $1 $2; i=$((i + 1)); done
	i=0; while [ $i -lt $5 ]; do
		printf '{"model":"%s","step":%s,"cot":"Wait, that is wrong. Let me try again. First, we need to find x."}\n' $1 $2
		i=$((i + 1)); done
}
{ gen base 0 8 28 4; gen big 100 20 19 1; gen small 20 3 1 0; } > $TMPD/t.jsonl
$COTSCAN compare --baseline base $TMPD/t.jsonl; echo "exit $?"
echo "-- the first group is the default baseline; markdown; another level"
$COTSCAN compare -q --format markdown --level 0.99 $TMPD/t.jsonl; echo "exit $?"
echo "-- groups by other fields; a baseline of several fields is its values joined by ','"
$COTSCAN compare -q --group-by step $TMPD/t.jsonl | cut -d, -f1-4,8-10; echo "exit $?"
$COTSCAN compare -q --group-by model,step --baseline big,100 --format tsv $TMPD/t.jsonl | cut -f1-5; echo "exit $?"
echo "-- json: inf and nan are null"
$COTSCAN compare -q --format json --baseline small $TMPD/t.jsonl | grep -c '"mean_ratio":null'
echo "-- errors"
$COTSCAN compare -q --baseline nosuch $TMPD/t.jsonl; echo "exit $?"
$COTSCAN compare -q --baseline x < /dev/null; echo "exit $?"
$COTSCAN compare --partial $TMPD/t.jsonl; echo "exit $?"
echo "-- one group: nothing to compare"
gen base 0 1 1 0 > $TMPD/one.jsonl
$COTSCAN compare -q $TMPD/one.jsonl; echo "exit $?"
