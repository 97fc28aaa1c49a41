# CRLF line ends, a UTF-8 BOM, blank lines and a last line without newline
printf '\357\273\277{"id":"a","cot":"Let me try again."}\r\n\r\n{"id":"b","cot":"Let me verify it."}' | $COTSCAN
echo "exit $?"
