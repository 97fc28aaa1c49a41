# JSON5/JavaScript-isms that RFC 8259 JSON does not allow (single quotes,
# unquoted keys, NaN, Infinity, hex, trailing commas, comments, bad escapes)
# and stray punctuation: bad_json with the column
f=$TMPD/in.jsonl
{
	printf '{"id":"ok1","cot":"Let me try again."}\n'
	printf "{'cot':'single quotes'}\n"
	printf "{\"cot\":'mixed quotes'}\n"
	printf '{cot:"unquoted key"}\n'
	printf '{"cot":NaN}\n'
	printf '{"cot":"x","n":Infinity}\n'
	printf '{"cot":"x","n":-Infinity}\n'
	printf '{"cot":"x","n":0x10}\n'
	printf '{"cot":"trailing comma",}\n'
	printf '{"cot":"x","a":[1,2,]}\n'
	printf '/* comment */ {"cot":"x"}\n'
	printf '{"cot":"x"} // comment\n'
	printf '{"cot":"bad escape \\x41"}\n'
	printf '{"cot" "no colon"}\n'
	printf '}\n'
	printf ']\n'
	printf ',\n'
	printf 'true false\n'
	printf '{"id":"ok2","cot":"Let me verify it."}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
