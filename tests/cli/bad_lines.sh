# every kind of bad line: a FILE:LINE message, a count, exit 1; good lines still tagged
f=$TMPD/bad.jsonl
{
	printf '{"id":"ok1","cot":"Let me try again."}\n'
	printf '\n'
	printf '   \n'
	printf '{"id":"trunc","cot":"abc\n'
	printf '{"cot":"a"} trailing\n'
	printf '{"cot":"a"}{"cot":"b"}\n'
	printf "{'cot':'single quotes'}\n"
	printf '{"cot":NaN}\n'
	printf '"a bare string"\n'
	printf '[1,2,3]\n'
	printf '{"cot":42}\n'
	printf '{"cot":null}\n'
	printf '{"cot":{"text":"x"}}\n'
	printf '{"prompt":"no cot here"}\n'
	printf '{"cot":"bad \377 byte"}\n'
	printf '{"cot":"overlong \300\257"}\n'
	printf '{"cot":"nul \000 raw"}\n'
	printf '{"cot":"nul \\u0000 escaped"}\n'
	printf '{"cot":"escaped backslash then u0000: \\\\u0000 is fine"}\n'
	printf '{"cot":"lone \\ud800 surrogate"}\n'
	printf '\377{"cot":"x"}\n'
	printf '{"id":"ok2","cot":"Let me verify: 1 + 1 = 2, which matches the target."}'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
