#!/bin/sh
# The Python module: `make python` builds it in place, its unittest suite
# passes (parity with `cotscan tag --evidence` on data/ and on the shared
# corpus when present), and `pip install --no-build-isolation ./python`
# into a --system-site-packages venv gives an importable module.
set -eu
case $BUILD in *asan*) echo "the Python module is tested in the normal build"; exit 77 ;; esac
PY=/usr/bin/python3
[ -x $PY ] || { echo "no $PY"; exit 77; }
inc=$($PY -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
[ -f "$inc/Python.h" ] || { echo "no Python.h (Debian python3-dev)"; exit 77; }

make -s python BUILD="$BUILD" WERROR=-Werror
PYTHONPATH=python COTSCAN="$COTSCAN" SHARED="$SHARED" $PY -m unittest discover -s python/tests 2>&1

# installed into a venv, it imports from anywhere and tags as in place
if $PY -c 'import venv, pip' 2>/dev/null; then
	$PY -m venv --system-site-packages "$TMPD/venv"
	"$TMPD/venv/bin/pip" install -q --no-build-isolation --no-index ./python
	got=$(cd "$TMPD" && "$TMPD/venv/bin/python" -c '
import cotscan
r = cotscan.Tagger().tag("Let me check: 2+2=4.")
print(cotscan.__file__.startswith("'"$TMPD"'/venv/"), r.counts["verification"])')
	[ "$got" = "True 1" ] || { echo "venv install: got '$got'"; exit 1; }
	rm -rf python/build python/*.egg-info
else
	echo "no venv or pip module: the install step is not tested"
fi
