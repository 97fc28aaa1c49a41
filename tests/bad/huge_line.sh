# a 200 MB single line (generated, never stored): read whole, the record
# after it is still read; one cut off inside the big string is bad_json
big() { head -c 200000000 /dev/zero | tr '\0' a; }
{
	printf '{"id":"big","pad":"'; big; printf '","cot":"Let me try again."}\n'
	printf '{"id":"after","cot":"Let me verify it."}\n'
} | $COTSCAN; echo "exit $?"
{
	printf '{"id":"ok","cot":"x"}\n{"id":"cut","cot":"'; big
} | $COTSCAN; echo "exit $?"
