# NUL bytes, raw anywhere in the line or escaped as \u0000 inside a string:
# nul_byte with the column; the line after is read normally
f=$TMPD/in.jsonl
{
	printf '{"cot":"raw \000 inside"}\n'
	printf '\000{"cot":"x"}\n'
	printf '{"cot":"x"}\000\n'
	printf '{"cot":"x",\000"a":1}\n'
	printf '\000\000\000\n'
	printf '{"cot":"x\\u0000"}\n'
	printf '{"cot":"Let me try again.\\u0000\\u0000"}\n'
	printf '{"id":"ok","cot":"Let me try again."}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
