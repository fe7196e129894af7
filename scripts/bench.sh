#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: build the benchmarks optimised, run them, and add callgrind instruction counts.
set -eu
build=${BUILD:-build}
make --no-print-directory -s -j"$(nproc)" BUILD="$build" bench-bins >/dev/null

echo "== Foundation: time per operation (krt and peer alternating, best of 7), krt vs its peers"
"$build/bench/core_bench"

# Instructions per operation: callgrind counts are exact and repeatable on a noisy machine.
ir_per_op() {
	loop=$1; n=$2
	out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		--toggle-collect="loop_$loop" "$build/bench/core_bench" --loop "$loop" "$n" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
	echo "$out $n" | awk '{ printf "%.1f", $1 / $2 }'
}
echo
echo "== Foundation: instructions per operation (valgrind --tool=callgrind)"
k=$(ir_per_op kref 1000000); a=$(ir_per_op atomic 1000000)
r=$(ir_per_op rcu 1000000); u=$(ir_per_op urcu 1000000)
printf '%-34s %8s  %-28s %8s  %s\n' "krt" "instr/op" "peer" "instr/op" "ratio"
printf '%-34s %8s  %-28s %8s  %sx\n' "kref_get+kref_put" "$k" "atomic add+sub" "$a" \
	"$(echo "$k $a" | awk '{ printf "%.2f", $1 / $2 }')"
printf '%-34s %8s  %-28s %8s  %sx\n' "rcu_read_lock+unlock" "$r" "urcu_memb read_lock+unlock" \
	"$u" "$(echo "$r $u" | awk '{ printf "%.2f", $1 / $2 }')"
