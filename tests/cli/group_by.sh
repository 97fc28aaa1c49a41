# --group-by: dotted paths, several fields, values as in the data, numbers
# sorted numerically, a missing field its own group (no trace dropped)
f=$TMPD/rl.jsonl
{
	printf '{"model":"m","step":100,"meta":{"ckpt":"c2"},"correct":true,"cot":"Let me verify: 2 + 2 = 4, which matches."}\n'
	printf '{"model":"m","step":9,"meta":{"ckpt":"c1"},"correct":false,"cot":"The answer is 4."}\n'
	printf '{"model":"m","step":"10","meta":{"ckpt":"c1"},"correct":null,"cot":"Wait, that is wrong. Let me try again."}\n'
	printf '{"model":"m","step":100,"correct":true,"cot":"Let me verify: 1 + 1 = 2, which matches."}\n'
	printf '{"model":"n","step":-2.5,"meta":{"ckpt":["a",1]},"cot":"The answer is 5."}\n'
	printf '{"step":9,"cot":"The answer is 6."}\n'
	printf '{"model":"m","step":"x|y","cot":"The answer is 7."}\n'
} > $f
$COTSCAN report --group-by step $f | cut -d, -f1-5; echo "exit $?"
$COTSCAN report -q --group-by model,correct --format markdown $f | grep verification; echo "exit $?"
$COTSCAN report -q --group-by meta.ckpt --format tsv $f | cut -f1-4; echo "exit $?"
$COTSCAN report -q --group-by meta.ckpt,model --format json $f | head -n 3; echo "exit $?"
echo "-- model is the extracted model name (here the file name for the record without one)"
$COTSCAN report -q --group-by model $f | cut -d, -f1-3 | sort -u; echo "exit $?"
$COTSCAN report -q --model-field meta.ckpt --group-by model $f | cut -d, -f1-3 | sort -u; echo "exit $?"
