# control characters: JSON-escaped ones are text; raw ones inside strings
# are accepted as cJSON does (like jq); raw ones outside strings where JSON
# allows no whitespace are malformed JSON.  CSV output quotes what it must.
f=$TMPD/in.jsonl
{
	printf '{"id":"esc","cot":"bell \\u0007 escape \\u001b[31m del \\u007f"}\n'
	printf '{"id":"raw\ttab","cot":"raw tab\there, Let me try again."}\n'
	printf '{"id":"raw\033[31m","cot":"raw escape \033[31m red"}\n'
	printf '{"id":"cr\rin","cot":"a raw CR \r in a string"}\n'
	printf '{"id":"ff","cot":"form feed \f and vertical tab \v"}\n'
	printf '{"id":"x"\001,"cot":"SOH between tokens"}\n'
	printf '{"id":"q\\"uote,comma","cot":"a quote and a comma in the id"}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
