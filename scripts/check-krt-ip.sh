#!/bin/sh
# SPDX-License-Identifier: MIT
# krt-ip against its expected output: scripts/check-krt-ip.sh [BUILD]   (default: build)
# Runs BUILD/tools/krt-ip on the batch files of tests/tools/krt-ip/ and on single commands,
# compares standard output and error (krt's own "[    1.234567] ..." kernel messages left out)
# and the exit status with the expected ones. Ends with "N passed, N failed, 0 skipped".
set -u
build=${1:-build}
bin=$build/tools/krt-ip
dir=tests/tools/krt-ip
passed=0; failed=0

if [ ! -x "$bin" ]; then
	echo "check-krt-ip: $bin is missing (make BUILD=$build tools)"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check NAME WANT_STATUS EXPECTED_FILE COMMAND...  (stdin is passed on)
check() {
	name=$1; want=$2; expected=$3; shift 3
	"$@" >"$tmp/out" 2>&1
	rc=$?
	sed -e '/^\[ *[0-9][0-9]*\.[0-9]*\] /d' "$tmp/out" >"$tmp/got"
	if [ "$rc" -ne "$want" ]; then
		echo "not ok $name: exit status $rc, expected $want"
		cat "$tmp/got"
		failed=$((failed + 1))
	elif ! diff -u "$expected" "$tmp/got"; then
		echo "not ok $name: output differs"
		failed=$((failed + 1))
	else
		echo "ok $name"
		passed=$((passed + 1))
	fi
}

# check_text NAME WANT_STATUS TEXT COMMAND...
check_text() {
	name=$1; want=$2; text=$3; shift 3
	printf '%s' "$text" >"$tmp/want"
	check "$name" "$want" "$tmp/want" "$@"
}

# A batch file with -force runs every line; without, it stops at the first failure.
check batch-force 1 "$dir/basic.expected" "$bin" -force -batch "$dir/basic.batch"
check batch-stop 1 "$dir/basic-stop.expected" "$bin" -b "$dir/basic.batch"
check batch-stdin 0 "$dir/stdin.expected" "$bin" -batch - <"$dir/stdin.batch"

# Single commands: one process, one krt instance, no devices yet.
check_text show-empty 0 "" "$bin" link show
check_text unknown-kind 2 "Error: Unknown device type.
" "$bin" link add x0 type nosuchkind
check_text no-such-device 1 "Cannot find device \"x0\"
" "$bin" link del x0
check_text no-such-device-show 1 "Device \"x0\" does not exist.
" "$bin" link show dev x0
check_text bad-command 255 "Command \"frob\" is unknown, try \"ip link help\".
" "$bin" link frob
check_text bad-object 1 "Object \"frob\" is unknown, try \"ip help\".
" "$bin" frob
check_text bad-mtu 255 "Error: argument \"abc\" is wrong: Invalid \"mtu\" value

" "$bin" link add d0 mtu abc type dummy
check_text bad-lladdr 1 "\"zz\" is invalid lladdr.
" "$bin" link add d0 address zz type dummy
check_text no-type 255 "Not enough information: \"type\" argument is required
" "$bin" link add d0
check_text dummy-add 0 "" "$bin" link add d0 type dummy

echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
