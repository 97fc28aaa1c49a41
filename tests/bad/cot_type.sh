# a chain-of-thought field that is not a string: cot_not_string, naming the
# field and its type; the same through chat messages and --cot-field
f=$TMPD/in.jsonl
{
	printf '{"cot":42}\n'
	printf '{"cot":-1.5e300}\n'
	printf '{"cot":null}\n'
	printf '{"cot":true}\n'
	printf '{"cot":{"text":"an object"}}\n'
	printf '{"cot":[1,2]}\n'
	printf '{"reasoning_content":7}\n'
	printf '{"response":false}\n'
	printf '{"messages":[{"role":"assistant","content":3}]}\n'
	printf '{"messages":[{"role":"assistant","content":null}]}\n'
	printf '{"messages":[{"role":"assistant"}]}\n'
	printf '{"messages":"not an array"}\n'
	printf '{"messages":[]}\n'
	printf '{"choices":[{"message":{"content":{"x":1}}}]}\n'
	printf '{"id":"ok","cot":"Let me try again."}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
# the same kinds through an explicit path
{
	printf '{"out":{"r":1}}\n'
	printf '{"out":{"r":null}}\n'
	printf '{"out":{"r":{"deeper":"x"}}}\n'
	printf '{"out":{"r":["x"]}}\n'
	printf '{"out":{}}\n'
	printf '{"out":"r is not under a string"}\n'
	printf '{"out":{"r":"Let me try again."}}\n'
} > "$TMPD/path.jsonl"
$COTSCAN --cot-field out.r "$TMPD/path.jsonl"
echo "exit $?"
