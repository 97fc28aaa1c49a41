#!/bin/sh
# setup.sh - set up cotscan on Debian 12.
#
#   ./setup.sh         install the build packages that are missing, build,
#                      and run cotscan on the bundled data/
#   ./setup.sh check   also install the test tools that are missing, then
#                      build and run every test (make check)
#
# Installs with apt-get (through sudo when not root); runs without a terminal.
set -eu
cd "$(dirname "$0")"

BUILD_PKGS="make gcc libc6-dev pkg-config libcjson-dev libpcre2-dev libcsv-dev libgsl-dev libvectorscan-dev zlib1g-dev libzstd-dev liblzma-dev libbz2-dev"
TEST_PKGS="python3 python3-dev python3-pandas python3-setuptools python3-venv python3-pip parallel python3-distributed procps groff-base ripgrep gzip zstd xz-utils bzip2"

mode=${1:-run}
case $mode in
run) want=$BUILD_PKGS ;;
check) want="$BUILD_PKGS $TEST_PKGS" ;;
*) echo "usage: ./setup.sh [check]" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "setup.sh: installing:$missing" >&2
	$sudo apt-get update -q
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing </dev/null
fi

if [ "$mode" = check ]; then
	exec make check
fi
make
echo "setup.sh: built ./cotscan; behaviour rates over data/:" >&2
./cotscan report data/*.jsonl
