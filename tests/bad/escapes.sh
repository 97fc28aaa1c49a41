# \u escapes: a lone or reversed UTF-16 surrogate is invalid_utf8 (naming the
# escape); \u0000 is nul_byte; a proper surrogate pair and an escaped
# backslash before u0000 are fine
f=$TMPD/in.jsonl
{
	printf '{"cot":"lone high \\ud800 surrogate"}\n'
	printf '{"cot":"lone low \\udc00 surrogate"}\n'
	printf '{"cot":"upper case \\uD800 too"}\n'
	printf '{"cot":"high then letter \\ud800\\u0041"}\n'
	printf '{"cot":"reversed pair \\udc00\\ud800"}\n'
	printf '{"cot":"high at the end \\udbff"}\n'
	printf '{"\\ud800key":"surrogate in a key","cot":"x"}\n'
	printf '{"cot":"escaped nul \\u0000 here"}\n'
	printf '{"cot\\u0000":"nul in a key"}\n'
	printf '{"cot":"three backslashes \\\\\\u0000"}\n'
	printf '{"id":"ok1","cot":"two backslashes \\\\u0000 and a pair \\ud83d\\ude00 and \\udbff\\udfff"}\n'
	printf '{"id":"ok2","cot":"escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9"}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
# escapes before a syntax error do not hide it: still bad_json, same column
{
	printf '{"cot":"\\n \\" \\u0041 \\ud83d\\ude00 \\uZZZZ" x}\n'
	printf '{"cot":"\\u12"}\n'
	printf '{"cot":"a\\\\"b"}\n'
} | $COTSCAN; echo "exit $?"
