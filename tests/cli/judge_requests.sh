# judge requests: one OpenAI Batch API line per trace and behaviour, the
# custom_id carrying behaviour, file, line and id (percent-encoded '|' and
# '%'); an edited prompts file with --prompts; every error of a prompts file
# reported FILE:LINE (exit 2)
cat > $TMPD/p.prompts <<'P'
# a small prompts file
[system]
You count behaviours.

[backtracking]
Backtracking in: {{trace}}
<count>N</count>
[verification]
Problem: {{problem}}
Verification in: {{trace}}
[subgoal_setting]
{{trace}}
[backward_chaining]
{{trace}}
P
$COTSCAN judge requests --prompts $TMPD/p.prompts --behaviour verification --judge-model my-judge data/judge/traces.jsonl
echo "exit $?"
# the built-in prompts: the documented shape, four requests a trace
$COTSCAN judge requests -q data/judge/traces.jsonl | python3 -c '
import json, sys
ids = set()
for line in sys.stdin:
    r = json.loads(line)
    assert sorted(r) == ["body", "custom_id", "method", "url"], r
    assert r["method"] == "POST" and r["url"] == "/v1/chat/completions"
    b = r["body"]
    assert sorted(b) == ["messages", "model", "temperature"] and b["temperature"] == 0 and b["model"] == "gpt-4o-mini"
    assert [m["role"] for m in b["messages"]] == ["user"]
    assert "<count>" in b["messages"][0]["content"] and "{{" not in b["messages"][0]["content"]
    ids.add(r["custom_id"])
print(len(ids), "requests, distinct ids:", " ".join(sorted(ids)[:5]))
'
# a skipped line is reported and gets no request
printf '{"id":"x","cot":"Let me try again."}\nnot json\n' | $COTSCAN judge requests --prompts $TMPD/p.prompts --behaviour backtracking
echo "exit $?"
# prompts files with errors
printf '[backtracking]\n{{trace}}\n[verify]\n{{trace}}\n[backtracking]\nagain {{trace}}\n[subgoal_setting]\nno placeholder\n[backward_chaining]\n\n{{trace}} {{answer}}\n[system]\n{{trace}}\n' > $TMPD/bad.prompts
$COTSCAN judge requests --prompts $TMPD/bad.prompts data/judge/traces.jsonl
echo "exit $?"
printf 'only comments\n[backtracking]\n{{trace}}\n' > $TMPD/short.prompts
$COTSCAN judge requests --prompts $TMPD/short.prompts data/judge/traces.jsonl
echo "exit $?"
$COTSCAN judge requests --prompts $TMPD/missing.prompts data/judge/traces.jsonl
echo "exit $?"
printf '[backtracking]\n\377\n' > $TMPD/binary.prompts
$COTSCAN judge requests --prompts $TMPD/binary.prompts data/judge/traces.jsonl
echo "exit $?"
# usage errors
$COTSCAN judge requests --behaviour nope data/judge/traces.jsonl
echo "exit $?"
$COTSCAN judge read --rules rules data/judge/answers.jsonl
echo "exit $?"
$COTSCAN judge read --format csv data/judge/answers.jsonl
echo "exit $?"
