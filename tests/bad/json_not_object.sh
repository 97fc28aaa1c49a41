# valid JSON that is not an object: skipped as not_object, saying what it is;
# a JSON string holding an object (double-encoded JSON) is named as such
f=$TMPD/in.jsonl
{
	printf '"a bare string"\n'
	printf '[1,2,3]\n'
	printf '[{"cot":"an array of records"}]\n'
	printf '42\n'
	printf '%s\n' -0.5e3
	printf 'true\n'
	printf 'false\n'
	printf 'null\n'
	printf '"{\\"cot\\":\\"double-encoded\\"}"\n'
	printf '"  {\\"cot\\":\\"double-encoded, padded\\"}"\n'
	printf '{"id":"ok","cot":"Let me try again."}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
