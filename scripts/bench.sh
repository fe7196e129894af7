#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: build the benchmarks optimised, run them, and add callgrind instruction counts.
set -eu
build=${BUILD:-build}
make --no-print-directory -s -j"$(nproc)" BUILD="$build" bench-bins >/dev/null

# A benchmark program that fails is reported, the others still run, and make bench fails.
status=0
run() {
	"$@" || { echo "bench: $* failed (exit status $?)"; status=1; }
}

echo "== Foundation: time per operation (krt and peer alternating, best of 7), krt vs its peers"
run "$build/bench/core_bench"

# Instructions per operation: callgrind counts are exact and repeatable on a noisy machine.
# Only the function loop_NAME is counted (the benchmark's warm-up runs outside it).
ir_per_op() {
	bin=$1; loop=$2; n=$3; per=${4:-1}
	out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		--toggle-collect="loop_$loop" "$build/bench/$bin" --loop "$loop" "$n" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
	echo "$out $n $per" | awk '{ printf "%.1f", $1 / $2 / $3 }'
}
ratio() {
	echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'
}
echo
echo "== Foundation: instructions per operation (valgrind --tool=callgrind)"
k=$(ir_per_op core_bench kref 1000000); a=$(ir_per_op core_bench atomic 1000000)
r=$(ir_per_op core_bench rcu 1000000); u=$(ir_per_op core_bench urcu 1000000)
printf '%-34s %8s  %-28s %8s  %s\n' "krt" "instr/op" "peer" "instr/op" "ratio"
printf '%-34s %8s  %-28s %8s  %sx\n' "kref_get+kref_put" "$k" "atomic add+sub" "$a" \
	"$(ratio "$k" "$a")"
printf '%-34s %8s  %-28s %8s  %sx\n' "rcu_read_lock+unlock" "$r" "urcu_memb read_lock+unlock" \
	"$u" "$(ratio "$r" "$u")"

echo
echo "== Page allocator: time per operation (krt and peer alternating, best of 7; mem=1G)"
run "$build/bench/page_bench"

echo
echo "== Page allocator: instructions per operation (valgrind --tool=callgrind)"
p0=$(ir_per_op page_bench page 200000); m0=$(ir_per_op page_bench mimalloc 200000)
p3=$(ir_per_op page_bench order3 200000); m3=$(ir_per_op page_bench mimalloc_32k 200000)
# mimalloc's 2 MiB pair maps and unmaps (46,000 instructions): 2,000 give the same count per
# pair as 20,000, in 10 s instead of 45.
p9=$(ir_per_op page_bench order9 20000); m9=$(ir_per_op page_bench mimalloc_2m 2000)
pb=$(ir_per_op page_bench bulk 200 512); mb=$(ir_per_op page_bench mimalloc512 200 512)
printf '%-40s %8s  %-30s %8s  %6s  %s\n' "krt" "instr/op" "peer" "instr/op" "ratio" "goal"
printf '%-40s %8s  %-30s %8s  %5sx  %s\n' "alloc_page+__free_page" "$p0" \
	"mi_malloc(4096)+mi_free" "$m0" "$(ratio "$p0" "$m0")" \
	"<= 60 $(echo "$p0" | awk '{ print $1 <= 60 ? "met" : "NOT MET" }')"
printf '%-40s %8s  %-30s %8s  %5sx\n' "alloc_pages+__free_pages, order 3" "$p3" \
	"mi_malloc(32 KiB)+mi_free" "$m3" "$(ratio "$p3" "$m3")"
printf '%-40s %8s  %-30s %8s  %5sx\n' "alloc_pages+__free_pages, order 9" "$p9" \
	"mi_malloc(2 MiB)+mi_free" "$m9" "$(ratio "$p9" "$m9")"
printf '%-40s %8s  %-30s %8s  %5sx\n' "alloc_pages_bulk_array 512, per page" "$pb" \
	"512 mi_malloc(4096), per page" "$mb" "$(ratio "$pb" "$mb")"

echo
echo "== Slab allocator: krt vs glibc malloc, jemalloc, mimalloc, tcmalloc (one process each)"
run "$build/bench/slab_bench"

echo
echo "== vmalloc: time per operation (krt and peers alternating, best of 7; mem=1G),"
echo "   host mapping calls per vmalloc"
run "$build/bench/vmalloc_bench"

echo
echo "== vmalloc: instructions per operation in the process (valgrind --tool=callgrind; the host's"
echo "   mmap work in its kernel is not counted: that is what the times above add)"
v4=$(ir_per_op vmalloc_bench vmalloc_4k 2000); v64=$(ir_per_op vmalloc_bench vmalloc_64k 2000)
v1m=$(ir_per_op vmalloc_bench vmalloc_1m 500); mm1m=$(ir_per_op vmalloc_bench mmap_1m 500)
kv16=$(ir_per_op vmalloc_bench kvmalloc_16k 20000)
mi16=$(ir_per_op vmalloc_bench mimalloc_16k 20000)
printf '%-40s %9s  %-32s %8s  %s\n' "krt" "instr/op" "peer" "instr/op" "ratio"
printf '%-40s %9s\n' "vmalloc(4 KiB)+vfree" "$v4"
printf '%-40s %9s\n' "vmalloc(64 KiB)+vfree" "$v64"
printf '%-40s %9s  %-32s %8s  %sx\n' "vmalloc(1 MiB)+write pages+vfree" "$v1m" \
	"mmap+write pages+munmap 1 MiB" "$mm1m" "$(ratio "$v1m" "$mm1m")"
printf '%-40s %9s  %-32s %8s  %sx\n' "kvmalloc(16 KiB)+kvfree (kmalloc)" "$kv16" \
	"mi_malloc(16 KiB)+mi_free" "$mi16" "$(ratio "$kv16" "$mi16")"

echo
echo "== Network devices: krt's link API and a veth pair vs the host kernel (ip -batch and"
echo "   AF_PACKET sockets in a private network namespace; skipped where not permitted)"
run "$build/bench/netdev_bench"

echo
echo "== Network devices: krt's instructions per operation (valgrind --tool=callgrind)"
nd=$(ir_per_op netdev_bench dummy 500); nv=$(ir_per_op netdev_bench veth 200)
ga=$(ir_per_op netdev_bench group_add 1000); gd=$(ir_per_op netdev_bench group_del 1000)
printf '%-52s %9s\n' "krt" "instr/op"
printf '%-52s %9s\n' "krt_link_add+krt_link_del dummy" "$nd"
printf '%-52s %9s\n' "krt_link_add+krt_link_del veth pair" "$nv"
printf '%-52s %9s\n' "krt_link_add dummy, 1000 in a group, per device" "$ga"
printf '%-52s %9s\n' "krt_link_del_group of those 1000, per device" "$gd"
exit $status
