#!/bin/sh
# libcotscan as a user gets it: `make install PREFIX=...` installs the
# header, libcotscan.so (with its soname links), libcotscan.a and cotscan.pc;
# a program built with `pkg-config --cflags --libs cotscan` (shared) and with
# --static links and tags as the CLI does; the shared library exports only
# the cotscan_* functions.
set -eu
case $BUILD in *asan*) echo "installed in the normal build only"; exit 77 ;; esac
command -v pkg-config >/dev/null || { echo "no pkg-config"; exit 77; }
prefix=$TMPD/prefix
make -s install BUILD="$BUILD" PREFIX="$prefix" >/dev/null
for f in include/libcotscan.h lib/libcotscan.a lib/libcotscan.so lib/libcotscan.so.0 lib/pkgconfig/cotscan.pc bin/cotscan; do
	[ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
# a second install elsewhere names its own prefix
make -s install BUILD="$BUILD" PREFIX="$TMPD/other" >/dev/null
grep -qx "prefix=$TMPD/other" "$TMPD/other/lib/pkgconfig/cotscan.pc" || { echo "stale prefix in cotscan.pc"; exit 1; }
grep -qx "prefix=$prefix" "$prefix/lib/pkgconfig/cotscan.pc" || { echo "bad prefix in cotscan.pc"; exit 1; }
[ "$(readlink "$prefix/lib/libcotscan.so.0")" = "libcotscan.so.0.1.0" ] || { echo "bad soname link"; exit 1; }
objdump -p "$prefix/lib/libcotscan.so" | grep -q 'SONAME *libcotscan.so.0$' || { echo "no soname"; exit 1; }
bad=$(nm -D --defined-only "$prefix/lib/libcotscan.so" | awk '{ print $3 }' | grep -v '^cotscan_' || true)
[ -z "$bad" ] || { echo "exported beyond cotscan_*: $bad"; exit 1; }

cat > $TMPD/prog.c <<'C'
#include <stdio.h>
#include <string.h>
#include <libcotscan.h>

int main(int argc, char **argv)
{
	char err[1024];
	cotscan_tagger *t = cotscan_open(argc > 1 ? argv[1] : NULL, err, sizeof err);
	if (!t) {
		fprintf(stderr, "%s", err);
		return 2;
	}
	cotscan_scratch *s = cotscan_scratch_new(t);
	static char text[1 << 16];
	size_t len = fread(text, 1, sizeof text, stdin);
	struct cotscan_result r;
	if (cotscan_tag_text(t, s, text, len, 0, &r) != 0 || r.skip)
		return 1;
	for (int b = 0; b < COTSCAN_NBEHAVIOURS; b++)
		printf("%s %u\n", cotscan_behaviour_name(b), r.counts[b]);
	for (size_t i = 0; i < r.nevidence; i++)
		printf("%s %zu %zu %.*s\n", r.evidence[i].rule, r.evidence[i].src_start, r.evidence[i].src_end,
		       (int)(r.evidence[i].src_end - r.evidence[i].src_start), text + r.evidence[i].src_start);
	cotscan_scratch_free(s);
	cotscan_close(t);
	return 0;
}
C
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cc -std=c11 -Wall -Wextra -Werror -o $TMPD/prog_shared $TMPD/prog.c $(pkg-config --cflags --libs cotscan)
cc -std=c11 -Wall -Wextra -Werror -o $TMPD/prog_static $TMPD/prog.c $(pkg-config --cflags cotscan) \
	"$prefix/lib/libcotscan.a" $(pkg-config --static --libs-only-l cotscan | sed 's/-lcotscan//')
text='<think>Let me check: 2+2=4. Wait, that is wrong.</think> The answer is 4.'
printf '%s' "$text" | LD_LIBRARY_PATH=$prefix/lib $TMPD/prog_shared > $TMPD/shared.out
printf '%s' "$text" | $TMPD/prog_static > $TMPD/static.out
cmp $TMPD/shared.out $TMPD/static.out
ldd $TMPD/prog_static | grep -q libcotscan && { echo "the static program loads libcotscan.so"; exit 1; }
grep -qx 'verification 1' $TMPD/shared.out && grep -qx 'backtracking 1' $TMPD/shared.out
grep -qx 'ver.lets_check 7 19 Let me check' $TMPD/shared.out
# the same counts as the CLI
printf '{"cot": "%s"}\n' "$text" | $COTSCAN tag -q | tail -n 1 | cut -d, -f6-9 > $TMPD/cli
[ "$(cat $TMPD/cli)" = "1,1,0,0" ] || { echo "CLI: $(cat $TMPD/cli)"; exit 1; }
# a bad rule path: the message, no exit from inside the library
LD_LIBRARY_PATH=$prefix/lib $TMPD/prog_shared /nonexistent < /dev/null 2> $TMPD/err && exit 1
grep -q "nonexistent" $TMPD/err
