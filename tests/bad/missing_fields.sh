# records without the chain of thought are skipped as no_cot; a missing or
# odd id or model is not an error: the line number and the file name stand in
f=$TMPD/in.jsonl
{
	printf '{}\n'
	printf '{"prompt":"no cot here","answer":"42"}\n'
	printf '{"COT":"field names are case-sensitive"}\n'
	printf '{"cot":"no id, no model: Let me try again."}\n'
	printf '{"id":null,"model":null,"cot":"null id and model"}\n'
	printf '{"id":{"x":1},"model":[1],"cot":"object id, array model"}\n'
	printf '{"id":17,"model":true,"cot":"number id, boolean model"}\n'
	printf '{"id":"","model":"","cot":"empty id and model"}\n'
	printf '{"id":"e","cot":""}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
# explicit fields that are absent
$COTSCAN --cot-field a.b --id-field nope --model-field meta.m "$f"
echo "exit $?"
$COTSCAN --id-field nope --model-field meta.m "$f"
echo "exit $?"
