# compressed input, recognised by its magic bytes (not its name), on files and stdin
$COTSCAN report -q data/math.jsonl > $TMPD/plain.csv
for c in gzip zstd xz bzip2; do
	$c -c data/math.jsonl > $TMPD/math.$c
	cp $TMPD/math.$c $TMPD/misnamed.jsonl
	# the same table as the plain file, from a file and from standard input
	$COTSCAN report -q --label data/math.jsonl - < $TMPD/math.$c | cmp -s - $TMPD/plain.csv && echo "$c stdin: same table"
	$COTSCAN report -q $TMPD/misnamed.jsonl | cmp -s - $TMPD/plain.csv && echo "$c misnamed: same table"
	# line numbers are those of the decompressed text
	$COTSCAN tag -q $TMPD/math.$c | sed -n '4p' | sed "s#$TMPD/##"
	# concatenated members, frames or streams are one input
	cat $TMPD/math.$c $TMPD/math.$c | $COTSCAN tag -q | tail -n 1
done
# a stream cut short: the rows before it are written, then exit 3 naming the file and line
python3 -c 'import sys; sys.stdout.write("".join("{\"id\":%d,\"cot\":\"%s\"}\n" % (i, "Let me check %d. " % i * 40) for i in range(3000)))' > $TMPD/big.jsonl
for c in gzip zstd xz; do
	$c -c $TMPD/big.jsonl > $TMPD/big.$c
	head -c $(($(wc -c < $TMPD/big.$c) / 2)) $TMPD/big.$c > $TMPD/cut.$c
	$COTSCAN tag -q $TMPD/cut.$c > $TMPD/cut.csv 2> $TMPD/cut.err; echo "$c cut: exit $?"
	rows=$(($(wc -l < $TMPD/cut.csv) - 1))
	sed "s#$TMPD/##; s/after line $rows /after line ROWS /" $TMPD/cut.err
	test $rows -gt 100 && echo "$c cut: more than 100 rows before the cut"
done
# a corrupt byte: the format's checksum catches it
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 0xff; open(sys.argv[2], "wb").write(b)' $TMPD/big.zstd $TMPD/bad.zstd
$COTSCAN tag -q $TMPD/bad.zstd 2>&1 > /dev/null | sed "s#$TMPD/##; s/after line [0-9]*/after line N/"
# an -o file is left as it was after a corrupt stream
printf 'old\n' > $TMPD/out.csv
$COTSCAN tag -q -o $TMPD/out.csv $TMPD/cut.gzip 2>/dev/null; echo "exit $?"
cat $TMPD/out.csv
# a magic number and nothing more
printf '\037\213' | $COTSCAN tag -q; echo "exit $?"
# --first-line numbers a byte range of a file: refused for compressed input
$COTSCAN tag -q --first-line 5 $TMPD/math.gzip 2> $TMPD/e; echo "exit $?"
sed "s#$TMPD/##" $TMPD/e
