# nesting 100,000 deep: skipped as bad_json naming cJSON's limit (1000
# levels), no stack overflow; 1000 levels are fine; brackets inside strings
# do not count
deep() { awk -v n="$1" -v o="$2" -v c="$3" -v pre="$4" -v post="$5" \
	'BEGIN { s = pre; for (i = 0; i < n; i++) s = s o; for (i = 0; i < n; i++) s = s c; print s post }'; }
{
	deep 100000 '[' ']' '' ''
	deep 100000 '{"a":' '}' '' ''
	deep 50000 '[{"a":' '}]' '{"cot":"x","n":' '}'
	deep 100000 '[' '' '' ''
	deep 999 '[' ']' '{"id":"ok999","cot":"x","n":' '}'
	deep 1000 '[' ']' '{"id":"no1000","cot":"x","n":' '}'
	deep 2000 '[' ']' '{"id":"str","cot":"' '"}'
} | $COTSCAN; echo "exit $?"
