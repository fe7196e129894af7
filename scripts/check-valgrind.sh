#!/bin/sh
# SPDX-License-Identifier: MIT
# krt's allocators under Valgrind memcheck (<linux/kasan.h>). Builds the programs of
# tests/valgrind/ in $BUILD (default: build; never a sanitizer build) and runs each under
# memcheck once per mode; each run must get exactly the report its mode is written to provoke:
#   page-poison  the page allocator: free pages are NOACCESS, new pages UNDEFINED, __GFP_ZERO
#                pages DEFINED
#   slab-pool    the slab allocator: caches are mempools and objects their chunks, so use after
#                free, overflow and leaks of objects are reported with their stacks
#   vmalloc-block  vmalloc: areas are heap blocks of the size asked for, so an overrun into the
#                last page is reported with the area's allocation stack
# Prints "ok"/"not ok" per program and mode and a closing "N passed, N failed, N skipped" line;
# without valgrind every mode is skipped.
#
#   scripts/check-valgrind.sh [MAKE-ARGS...]        e.g. BUILD=build-vg scripts/check-valgrind.sh
set -u
cd "$(dirname "$0")/.." || exit 1
build=${BUILD:-build}
programs="page-poison slab-pool vmalloc-block"
# memcheck's exit status when it found errors; the programs themselves exit 0, 1 or 2.
vg_err=99
export KRT_CMDLINE=mem=64M
passed=0
failed=0
skipped=0
n=0

modes_of() {
	case $1 in
	page-poison)	echo "uaf clean uninit" ;;
	slab-pool)	echo "uaf overflow leak clean" ;;
	vmalloc-block)	echo "overflow clean" ;;
	esac
}

# memcheck options of program $1. Leaks count as errors only when "definitely lost": glibc
# leaves a "possibly lost" thread descriptor behind.
vg_options_of() {
	case $1 in
	slab-pool|vmalloc-block)
		echo "--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite"
		;;
	*)	echo "--leak-check=no" ;;
	esac
}

if ! command -v valgrind >/dev/null 2>&1; then
	for p in $programs; do
		for m in $(modes_of "$p"); do
			n=$((n + 1))
			echo "ok $n valgrind $p $m # SKIP valgrind is not installed" \
				"(scripts/deps.sh installs it)"
			skipped=$((skipped + 1))
		done
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
	echo "not ok 1 build $build/tests/valgrind"
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

# The whole report (error or loss record) that starts with "$1" and whose first stack frame is
# function $2, without memcheck's "==pid==" prefixes; empty if there is none.
report() {
	sed 's/^==[0-9]*== \{0,1\}//' "$log" | awk -v head="$1" -v fn="$2" '
		BEGIN { RS = "" }
		index($0, head) { split($0, l, "\n"); if (l[2] ~ (": " fn " ")) { print; exit } }'
}

# Report $1 says where the block was freed ($2 = "free'd") or allocated ($2 = "alloc'd"), and
# function $3 is in that stack.
block_stack_has() {
	printf '%s\n' "$1" | awk -v what="$2" -v fn="$3" '
		index(tolower($0), "block") && index($0, what) { on = 1; next }
		/^ *(at|by) 0x/ { if (on && index($0, ": " fn " (")) found = 1; next }
		{ on = 0 }
		END { exit !found }'
}

# The access of a use-after-free report: "$1" in function $2, $3 (the block's size and state,
# as "block of size 100 free'd"), freed by $4 and allocated in $2.
use_after_free() {
	r=$(report "$1" "$2")
	[ -n "$r" ] && printf '%s\n' "$r" | grep -q "bytes inside a $3" &&
		block_stack_has "$r" "free'd" "$4" && block_stack_has "$r" "alloc'd" "$2"
}

# A loss record "$1 ... are definitely lost", of a block allocated in function $2.
lost_in() {
	sed 's/^==[0-9]*== \{0,1\}//' "$log" | awk -v head="$1" -v fn="$2" '
		BEGIN { RS = "" }
		index($0, head " are definitely lost") && index($0, ": " fn " (") { found = 1 }
		END { exit !found }'
}

# Did mode $2 of program $1, whose run exited with $3, get the report it is written to provoke?
mode_passed() {
	case $1:$2 in
	page-poison:uaf)	# a write to a freed page, from a thread's list and from the buddy lists
		[ "$3" -eq $vg_err ] && errors_are 2 &&
			reported_in "Invalid write of size 1" write_after_free_pcp &&
			reported_in "Invalid write of size 8" write_after_free_buddy
		;;
	page-poison:clean)	# nothing in krt's allocator touches a page it does not own
		[ "$3" -eq 0 ] && errors_are 0
		;;
	page-poison:uninit)	# a fresh page is undefined, a __GFP_ZERO one is not
		[ "$3" -eq $vg_err ] && errors_are 1 &&
			reported_in "Conditional jump or move depends on uninitialised" \
				branch_on_fresh_page
		;;
	slab-pool:uaf)	# freed objects, with the stacks of their kmem_cache_free() and kfree()
		# (struct item is 72 bytes; a kmalloc block is as large as asked for)
		[ "$3" -eq $vg_err ] && errors_are 2 &&
			use_after_free "Invalid write of size 4" cache_write_after_free \
				"block of size 72 free'd" kmem_cache_free &&
			use_after_free "Invalid read of size 1" kmalloc_read_after_free \
				"block of size 100 free'd" kfree
		;;
	slab-pool:overflow)	# bytes 100..127 of a kmalloc(100) object are nobody's
		[ "$3" -eq $vg_err ] && errors_are 1 &&
			reported_in "Invalid write of size 1" write_past_kmalloc
		;;
	slab-pool:leak)	# objects nobody points to any more, with their allocation stacks
		[ "$3" -eq $vg_err ] && errors_are 2 &&
			lost_in "72 bytes in 1 blocks" leak_cache_object &&
			lost_in "200 bytes in 1 blocks" leak_kmalloc_object
		;;
	slab-pool:clean)	# the allocator's own accesses to free objects are not reported
		[ "$3" -eq 0 ] && errors_are 0
		;;
	vmalloc-block:overflow)	# the rest of the last page is nobody's
		[ "$3" -eq $vg_err ] && errors_are 1 && grep -q "Invalid write of size 1" "$log" &&
			grep -q "0 bytes after a block of size 5,000 alloc'd" "$log"
		;;
	vmalloc-block:clean)	# both mappings, vrealloc, kvmalloc, vmap: nothing reported
		[ "$3" -eq 0 ] && errors_are 0
		;;
	*)	false ;;
	esac
}

for p in $programs; do
	bin=$build/tests/valgrind/$p
	for m in $(modes_of "$p"); do
		n=$((n + 1))
		log=$tmp/$p-$m.log
		# shellcheck disable=SC2046 # the options are words
		timeout 300 valgrind --tool=memcheck --error-exitcode=$vg_err \
			$(vg_options_of "$p") --num-callers=12 "$bin" "$m" >"$log" 2>&1
		rc=$?
		if mode_passed "$p" "$m" $rc; then
			echo "ok $n valgrind $p $m"
			passed=$((passed + 1))
		else
			echo "not ok $n valgrind $p $m (exit status $rc)"
			sed 's/^/#   /' "$log"
			failed=$((failed + 1))
		fi
	done
done
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
