# truncated records (a job killed mid-write): bad_json with the column where
# the text ran out; the records around them are still tagged
f=$TMPD/in.jsonl
{
	printf '{"id":"ok1","cot":"Let me try again."}\n'
	printf '{\n'
	printf '{"cot"\n'
	printf '{"cot":\n'
	printf '{"cot":"abc\n'
	printf '{"cot":"abc"\n'
	printf '{"cot":"abc",\n'
	printf '{"cot":"ends in a backslash \\\n'
	printf '{"cot":"half an escape \\u00\n'
	printf '{"id":"ok2","cot":"Let me verify it."}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
