# odd but valid records: several thinking or text blocks, reasoning next to
# sectioned content, a reasoning section left open, short bodies, odd ids
f=$TMPD/in.jsonl
{
	printf '{"id":"two-thinking","messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"Let me try again."},{"type":"thinking","thinking":"Let me verify it."},{"type":"text","text":"done"}]}]}\n'
	printf '{"id":"two-text","messages":[{"role":"assistant","content":[{"type":"text","text":"<think>Let me try again."},{"type":"text","text":"Let me verify it.</think> done"}]}]}\n'
	printf '{"id":"rc-and-sections","messages":[{"role":"assistant","reasoning_content":"Let me try again.","content":"<think>Let me verify it.</think>answer"}]}\n'
	printf '{"id":"rc-and-open","messages":[{"role":"assistant","reasoning_content":"Let me try again.","content":"<think>Let me verify it"}]}\n'
	printf '{"id":"short","messages":[{"role":"assistant","content":"ok"}]}\n'
	printf '{"id":"empty-blocks","messages":[{"role":"assistant","content":[{"type":"thinking","thinking":""},{"type":"text"},7]}]}\n'
	printf '{"id":1.5,"cot":"fractional id"}\n'
	printf '{"id":1e20,"cot":"huge id"}\n'
	printf '{"id":true,"cot":"boolean id"}\n'
	printf '{"id":-0,"cot":"negative zero id"}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
$COTSCAN --whole "$f"
echo "exit $?"
