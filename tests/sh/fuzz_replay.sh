# the fuzz targets' harnesses (fuzz/fuzz_*.c) built with a plain main():
# every seed, every regression input found by fuzzing, data/ and rules/
# go through them without a crash or a sanitizer report
for t in pipeline rules engine; do
	[ -x "$BUILD/replay_$t" ] || { echo "no $BUILD/replay_$t"; exit 77; }
done
out=$("$BUILD/replay_pipeline" fuzz/seed/pipeline fuzz/regress/pipeline data 2>&1) || { echo "$out"; exit 1; }
echo "$out"
n=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) inputs replayed$/\1/p')
[ "${n:-0}" -ge 5 ] || { echo "too few pipeline inputs"; exit 1; }
out=$("$BUILD/replay_rules" fuzz/seed/rules fuzz/regress/rules rules 2>&1) || { echo "$out"; exit 1; }
echo "$out"
n=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) inputs replayed$/\1/p')
[ "${n:-0}" -ge 4 ] || { echo "too few rules inputs"; exit 1; }
out=$("$BUILD/replay_engine" fuzz/seed/engine 2>&1) || { echo "$out"; exit 1; }
echo "$out"
n=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) inputs replayed$/\1/p')
[ "${n:-0}" -ge 2 ] || { echo "too few engine inputs"; exit 1; }
exit 0
