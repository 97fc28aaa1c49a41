# show never writes input control characters raw: ESC, CR, DEL, BEL and C1
# controls in the text, the id or the model are made visible (caret
# notation, <U+XXXX>), in a trace and in the --rule listing
cd "$TMPD" || exit 1
f=ctl.jsonl
printf '{"id":"x\\u001b[2Jy","model":"m\\r1","cot":"red \\u001b[31m here\\r\\nLet me try again.\\u007f bell \\u0007 nel \\u0085 end"}\n' > "$f"
printf '{"id":"blank line next","cot":"tab\\there, then\\n\\nLet me verify: 1 = 1."}\n' >> "$f"
$COTSCAN show "$f" | od -c
$COTSCAN show -q --rule bt.try_again "$f" | od -c
