# --jsonl writes each record back byte-identical, with a "cotscan" object
$COTSCAN --jsonl -q data/shapes.jsonl data/degenerate.jsonl
printf '{}\n{ "cot" : "let me check: 2+2 = 4, which matches the target" }  \n' | $COTSCAN --jsonl -q --cot-field cot
