# invalid UTF-8 inside and outside strings: invalid_utf8 with the column of
# the first bad byte; valid multi-byte text (and mojibake, which is valid) is fine
f=$TMPD/in.jsonl
{
	# inside strings
	printf '{"cot":"overlong slash \300\257"}\n'
	printf '{"cot":"overlong NUL \300\200"}\n'
	printf '{"cot":"overlong 3-byte \340\200\257"}\n'
	printf '{"cot":"overlong 4-byte \360\200\200\257"}\n'
	printf '{"cot":"UTF-8 encoded surrogate \355\240\200"}\n'
	printf '{"cot":"above U+10FFFF \364\220\200\200"}\n'
	printf '{"cot":"F5 lead \365\200\200\200"}\n'
	printf '{"cot":"stray continuation \200 byte"}\n'
	printf '{"cot":"two continuations \277\277"}\n'
	printf '{"cot":"cut sequence \342\202 here"}\n'
	printf '{"cot":"cut at the end \342\202"}\n'
	printf '{"cot":"latin-1 caf\351"}\n'
	printf '{"cot":"FE and FF \376\377"}\n'
	# outside strings
	printf '\377{"cot":"x"}\n'
	printf '{"cot":"x"}\200\n'
	printf '{"cot":"x",\300\257"y":1}\n'
	printf '\376\377\000{\000"\000\n'
	# valid
	printf '{"id":"ok1","cot":"caf\303\251 \342\202\254 \360\237\230\200 \364\217\277\277"}\n'
	printf '{"id":"ok2","cot":"mojibake caf\303\203\302\251 is valid UTF-8"}\n'
} > "$f"
$COTSCAN "$f"
echo "exit $?"
