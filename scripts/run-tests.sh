#!/bin/sh
# SPDX-License-Identifier: MIT
# Run the KUnit test binaries of one build: scripts/run-tests.sh BUILD [stress]
# Prints their KTAP output; the log is kept in BUILD/test.log; exits non-zero on any failure.
set -u
build=$1
# The page allocator tests are written for any mem=; a small arena keeps them quick.
export KRT_CMDLINE="${KRT_CMDLINE-mem=512M}"
which=${2:-all}
log=$build/test.log
: > "$log"
status=0
if [ "$which" = stress ]; then
	bins="$build/tests/krt-stress-tests"
else
	bins="$build/tests/krt-tests"
fi
for bin in $bins; do
	[ -x "$bin" ] || { echo "missing test binary $bin" | tee -a "$log"; status=1; continue; }
	echo "== $bin" >> "$log"
	"$bin" ${KRT_TEST_ARGS:-} >> "$log" 2>&1
	rc=$?
	[ $rc -eq 0 ] || status=1
	[ $rc -ge 128 ] && echo "$bin: killed by signal $((rc - 128))" >> "$log"
done
cat "$log"
exit $status
