#!/bin/sh
# SPDX-License-Identifier: MIT
# The page allocator under Valgrind memcheck (<linux/kasan.h>): free pages are NOACCESS, new
# pages UNDEFINED, __GFP_ZERO pages DEFINED. Builds tests/valgrind/page-poison in $BUILD
# (default: build; never a sanitizer build) and runs it under memcheck once per mode; each run
# must get exactly the report its mode is written to provoke. Prints "ok"/"not ok" per mode and
# a closing "N passed, N failed, N skipped" line; without valgrind every mode is skipped.
#
#   scripts/check-valgrind.sh [MAKE-ARGS...]        e.g. BUILD=build-vg scripts/check-valgrind.sh
set -u
cd "$(dirname "$0")/.." || exit 1
build=${BUILD:-build}
bin=$build/tests/valgrind/page-poison
modes="uaf clean uninit"
# memcheck's exit status when it found errors; the program itself exits 0, 1 or 2.
vg_err=99
export KRT_CMDLINE=mem=64M
passed=0
failed=0
skipped=0
n=0

if ! command -v valgrind >/dev/null 2>&1; then
	for m in $modes; do
		n=$((n + 1))
		echo "ok $n valgrind page-poison $m # SKIP valgrind is not installed" \
			"(scripts/deps.sh installs it)"
		skipped=$((skipped + 1))
	done
	echo "$passed passed, $failed failed, $skipped skipped"
	exit 0
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
if ! make --no-print-directory -j"$jobs" SANITIZE= BUILD="$build" "$@" valgrind-bins \
		>"$tmp/build.log" 2>&1; then
	sed 's/^/#   /' "$tmp/build.log"
	echo "not ok 1 build $bin"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi

# The "ERROR SUMMARY: N errors from M contexts" line says N = M = $1.
errors_are() {
	grep -q "ERROR SUMMARY: $1 errors from $1 contexts" "$log"
}

# The first stack frame of a "$1" report is function $2.
reported_in() {
	grep -A1 -F -- "$1" "$log" | grep -q "at 0x[0-9A-F]*: $2 "
}

# Did mode $1, whose run exited with $2, get the report it is written to provoke?
mode_passed() {
	case $1 in
	uaf)	# a write to a freed page, from a thread's list and from the buddy lists
		[ "$2" -eq $vg_err ] && errors_are 2 &&
			reported_in "Invalid write of size 1" write_after_free_pcp &&
			reported_in "Invalid write of size 8" write_after_free_buddy
		;;
	clean)	# nothing in krt's allocator touches a page it does not own
		[ "$2" -eq 0 ] && errors_are 0
		;;
	uninit)	# a fresh page is undefined, a __GFP_ZERO one is not
		[ "$2" -eq $vg_err ] && errors_are 1 &&
			reported_in "Conditional jump or move depends on uninitialised" \
				branch_on_fresh_page
		;;
	*)	false ;;
	esac
}

for m in $modes; do
	n=$((n + 1))
	log=$tmp/$m.log
	timeout 300 valgrind --tool=memcheck --error-exitcode=$vg_err --leak-check=no \
		--num-callers=12 "$bin" "$m" >"$log" 2>&1
	rc=$?
	if mode_passed "$m" $rc; then
		echo "ok $n valgrind page-poison $m"
		passed=$((passed + 1))
	else
		echo "not ok $n valgrind page-poison $m (exit status $rc)"
		sed 's/^/#   /' "$log"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
