# field paths in three spellings, any key (a key with a dot, a slash, a
# comma); a missing step is named with the keys there
cat > $TMPD/r.jsonl <<'J'
{"id":"r1","who":{"a/b":"m-slash","a,b":"m-comma"},"responses":{"0.0":{"content":"Let me verify: 2+2=4. Wait, that is right."}},"trace":["x","Let me check the result."]}
{"id":"r2","who":{"a/b":"m-slash","a,b":"m-other"},"responses":{"0.0":{"content":"First, we need to find x."}},"trace":["y","Let me try again."]}
J
for p in '.responses["0.0"].content' '/responses/0.0/content' '.responses.["0.0"].content' '.trace[-1]' '/trace/1' 'trace.-1' '.["responses"]["0\u002e0"].content'; do
	echo "== $p"
	$COTSCAN tag -q --cot-field "$p" $TMPD/r.jsonl | cut -d, -f2-; echo "exit $?"
done
# any key for the model and for --group-by (a comma in a key, written \u002c)
$COTSCAN tag -q --cot-field /trace/1 --model-field '/who/a~1b' $TMPD/r.jsonl | cut -d, -f3-4
$COTSCAN report -q --cot-field /trace/1 --group-by '.who["a\u002cb"]' $TMPD/r.jsonl | cut -d, -f1-3 | head -n 3
# the failing step and the keys there
for p in responses.0.0.content '.responses["0.7"].content' '/trace/5' '.trace.x' '.id[0]' nosuch; do
	$COTSCAN tag -q --cot-field "$p" $TMPD/r.jsonl 2>&1 >/dev/null | sed "s#$TMPD/##" | head -n 1
done
# malformed paths: usage errors
for p in 'a..b' '.a[' '.a["x' '/a/~2' '.a[x]' '.["\u0000"]' ''; do
	$COTSCAN tag --cot-field "$p" $TMPD/r.jsonl; echo "exit $?"
done
