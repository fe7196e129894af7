#!/bin/sh
# SPDX-License-Identifier: MIT
# make check: every test in a normal build, an ASan+UBSan build, and the concurrency suites in a
# TSan build; the page and slab allocators under Valgrind (normal build). Ends with one line
# adding up all runs: "N passed, N failed, N skipped".
set -u
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
passed=0; failed=0; skipped=0; status=0
variants=${KRT_CHECK_VARIANTS:-"normal buildfail valgrind krtip asan tsan"}

# Add the "N passed, N failed, N skipped" lines in $1 to the totals; none at all is a failure
# (a binary that crashed before its closing line).
add_summary() {
	sums=$(printf '%s\n' "$1" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
	if [ -z "$sums" ]; then
		echo "=== no test summary (crashed?)"
		status=1
		failed=$((failed + 1))
		return
	fi
	for s in $(printf '%s\n' "$sums" | tr ' ' ':'); do
		p=${s%%:*}; r=${s#*:}; f=${r%%:*}; k=${r#*:}
		passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
	done
}

run_variant() {
	name=$1; shift
	echo "=== make check: $name build"
	log=$(mktemp)
	if ! make --no-print-directory -j"$jobs" "$@" check-bins >"$log" 2>&1; then
		cat "$log"
		rm -f "$log"
		echo "=== $name build FAILED"
		status=1
		failed=$((failed + 1))
		return
	fi
	rm -f "$log"
	out=$(make --no-print-directory -s "$@" check-one 2>&1)
	rc=$?
	printf '%s\n' "$out"
	[ $rc -eq 0 ] || status=1
	add_summary "$out"
}

for v in $variants; do
	case $v in
	buildfail)
		# Kernel headers must refuse what the kernel's refuse (min() of mixed signs, ...).
		echo "=== make check: code that must not build"
		out=$(scripts/check-build-fail.sh 2>&1)
		rc=$?
		printf '%s\n' "$out" | tail -n 3
		[ $rc -eq 0 ] || { status=1; printf '%s\n' "$out"; }
		add_summary "$out"
		;;
	valgrind)
		# Free pages and objects are NOACCESS to memcheck, new ones undefined, leaked objects
		# "definitely lost" (skipped without valgrind).
		echo "=== make check: page and slab allocators under Valgrind"
		out=$(scripts/check-valgrind.sh ${WERROR:+WERROR=1} 2>&1)
		rc=$?
		printf '%s\n' "$out"
		[ $rc -eq 0 ] || status=1
		add_summary "$out"
		;;
	krtip)
		# krt-ip's batch mode against expected output (tests/tools/krt-ip/).
		echo "=== make check: krt-ip"
		if make --no-print-directory -j"$jobs" ${WERROR:+WERROR=1} tools >/dev/null 2>&1; then
			out=$(scripts/check-krt-ip.sh build 2>&1)
			rc=$?
		else
			out="0 passed, 1 failed, 0 skipped"
			rc=1
		fi
		printf '%s\n' "$out"
		[ $rc -eq 0 ] || status=1
		add_summary "$out"
		;;
	normal) run_variant normal ${WERROR:+WERROR=1} ;;
	asan) run_variant asan SANITIZE=address,undefined ${WERROR:+WERROR=1} ;;
	tsan) run_variant tsan SANITIZE=thread ${WERROR:+WERROR=1} ;;
	esac
done
echo "$passed passed, $failed failed, $skipped skipped"
[ $status -eq 0 ] && [ $failed -eq 0 ]
