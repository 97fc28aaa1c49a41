# trailing garbage and records concatenated without a newline: bad_json at
# the column where the extra text starts (or where a cut record runs into the next)
f=$TMPD/in.jsonl
{
	printf '{"id":"ok1","cot":"Let me try again."}\n'
	printf '{"cot":"a"}x\n'
	printf '{"cot":"a"},\n'
	printf '{"cot":"a"}]\n'
	printf '{"cot":"a"} {"cot":"b"}\n'
	printf '{"cot":"a"}{"cot":"b"}\n'
	printf '{"cot":"partial{"id":"next","cot":"b"}\n'
	printf '{"id":"ok2","cot":"Let me verify it."}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
