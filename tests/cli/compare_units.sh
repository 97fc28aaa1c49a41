# compare --pair-by and --cluster-by on counts fixed by construction; the
# default's unit of analysis and its notes on dependent traces.
# Verification, --pair-by q over 30 problems: a=8 (both), b=10 (only B),
# c=2 (only A), d=10 (neither); checked with statsmodels 0.13.5 / SciPy 1.10.1:
#   mcnemar([[8,10],[2,10]], exact=True).pvalue = 0.03857421875
#   Newcombe's paired method 10 (reimplemented over proportion_confint(method=
#     "wilson")): (0.05455, 0.44298)
#   wilcoxon(B counts - A counts, method="approx").pvalue = 0.000428 (count_p)
# --cluster-by m: verification rates of X's clusters 0.6, 0.7, 0.5 and of Y's
#   0.2, 0.3, 0.1: permutation_test(... n_resamples=inf).pvalue = 0.1 (2 of 20),
#   Welch interval 0.4 -+ t.ppf(.975, 4) * sqrt(.01/3 + .01/3) = (0.1733, 0.6267)
V1='Let me verify: 2 + 2 = 4, which matches.'
V2='Let me check this. 2 + 2 = 4. Let me verify: it matches.'
P='The answer is 4.'
rec() { printf '{"model":"%s","q":"%s","prompt":"Problem %s","cot":"%s"}\n' "$1" "$2" "$2" "$3"; }
f=$TMPD/p.jsonl
{
	i=0; while [ $i -lt 30 ]; do
		if [ $i -lt 8 ]; then a=$V1 b=$V2
		elif [ $i -lt 10 ]; then a=$P b=$V2
		elif [ $i -lt 18 ]; then a=$P b=$V1
		elif [ $i -lt 20 ]; then a=$V1 b=$P
		else a=$P b=$P; fi
		rec A q$i "$a"; rec B q$i "$b"
		i=$((i + 1))
	done
	rec B q99 "$V1"; rec B q99 "$P"; rec A q99 "$P"
	printf '{"model":"A","cot":"%s"}\n' "$V1"
} > $f
echo "-- naive: traces treated as independent, with notes on the shared prompts"
$COTSCAN compare --baseline A $f | cut -d, -f1-13,24
echo "-- paired by q"
$COTSCAN compare --baseline A --pair-by q $f; echo "exit $?"
$COTSCAN compare -q --baseline A --pair-by q --format markdown $f | head -n 3 | cut -c1-60
echo "-- no pair at all: no test, every trace counted as unpaired"
printf '{"model":"a","q":"1","cot":"x"}\n{"model":"b","q":"2","cot":"y"}\n' | $COTSCAN compare -q --pair-by q | cut -d, -f1-2,11-13,17,18,25-27
echo "-- clustered by m"
g=$TMPD/c.jsonl
{
	for c in x1:6 x2:7 x3:5 y1:2 y2:3 y3:1; do
		m=${c%%:*} k=${c#*:} fam=X
		case $m in y*) fam=Y ;; esac
		i=0; while [ $i -lt 10 ]; do
			t=$P; [ $i -lt $k ] && t=$V1
			printf '{"fam":"%s","m":"%s","cot":"%s"}\n' $fam $m "$t"
			i=$((i + 1))
		done
	done
} > $g
$COTSCAN compare --group-by fam --baseline Y --cluster-by m $g; echo "exit $?"
echo "-- the same as one cluster per group: no interval, no p-value"
$COTSCAN compare -q --group-by m --baseline y1 --cluster-by m $g | grep -c ',none,'
echo "-- the Monte Carlo test: seeded, the same at any -j"
h=$TMPD/mc.jsonl
for c in $(seq 1 12); do
	for i in 1 2 3; do printf '{"fam":"X","m":"x%s","cot":"%s"}\n' $c "$V1"; printf '{"fam":"Y","m":"y%s","cot":"%s"}\n' $c "$P"; done
	printf '{"fam":"X","m":"x%s","cot":"%s"}\n' $c "$P"
done > $h
$COTSCAN compare -q -j 1 --group-by fam --baseline Y --cluster-by m --seed 7 $h | cut -d, -f1,2,10-13 > $TMPD/a
$COTSCAN compare -q -j 3 --group-by fam --baseline Y --cluster-by m --seed 7 $h | cut -d, -f1,2,10-13 > $TMPD/b
cmp $TMPD/a $TMPD/b && sed -n 3p $TMPD/a
echo "-- json carries full precision"
$COTSCAN compare -q --format json --baseline A --pair-by q $f | grep -o '"diff_lo":[^,]*' | sed -n 2p
echo "-- errors"
$COTSCAN compare -q --pair-by q --cluster-by m $f; echo "exit $?"
$COTSCAN compare -q --pair-by 'a..b' $f; echo "exit $?"
$COTSCAN compare -q --seed x $f; echo "exit $?"
$COTSCAN report --pair-by q $f; echo "exit $?"
$COTSCAN merge --cluster-by m; echo "exit $?"
