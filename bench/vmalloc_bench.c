// SPDX-License-Identifier: MIT
/*
 * vmalloc benchmarks, krt side by side with what a userspace program would use instead:
 *   1. vmalloc(1 MiB) + a write to every page + vfree, vs anonymous mmap + a write to every page
 *      + munmap of 1 MiB (goal: krt <= 0.5x the time) and vs mimalloc mi_malloc(1 MiB) + the
 *      writes + mi_free;
 *   2. vmalloc+vfree of 64 KiB and of 4 KiB (nothing written), ns per pair;
 *   3. kvmalloc+kvfree of 16 KiB (served by kmalloc) and of 8 MiB (served by vmalloc);
 *   4. how many host mapping calls an average vmalloc makes (host_vmap_calls() around each
 *      call): one per physically contiguous run of pages, so the count shows how long the runs
 *      the page allocator gave were; then the same after physical memory was fragmented
 *      (every other page of the arena allocated, no free block of order 1 or more left), the
 *      worst case of one host mapping per page.
 *
 * `vmalloc_bench` prints the table; `vmalloc_bench --loop NAME N` runs one loop N times after a
 * warm-up (for callgrind instruction counts, see scripts/bench.sh). Physical memory is mem=1G
 * unless KRT_CMDLINE says otherwise.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/kasan.h>
#include <linux/sizes.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <krt/boot.h>

#include "bench/bench_table.h"

#include "arch/host/host.h"

#include <mimalloc.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>

#define REPS		7

/* Keep the compiler from proving a pointer unused (the peers' pairs stay real calls). */
#define use_ptr(p)	asm volatile("" : : "r"(p) : "memory")

static void __noreturn die(const char *what, size_t size)
{
	fprintf(stderr, "vmalloc_bench: %s of %zu bytes failed\n", what, size);
	exit(1);
}

/*
 * One write per page: what makes an anonymous mapping cost its page faults, and what a
 * program does with memory it asked for. vmalloc's pages are mapped populated, so its writes
 * take no fault.
 */
static __always_inline void touch_pages(char *p, size_t size)
{
	size_t off;

	for (off = 0; off < size; off += PAGE_SIZE)
		WRITE_ONCE(*(unsigned long *)(p + off), off);
}

static __always_inline void vmalloc_pairs(unsigned long n, size_t size, bool touch)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		void *p = vmalloc(size);

		if (unlikely(!p))
			die("vmalloc", size);
		if (touch)
			touch_pages(p, size);
		vfree(p);
	}
}

static __always_inline void kvmalloc_pairs(unsigned long n, size_t size)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		void *p = kvmalloc(size, GFP_KERNEL);

		if (unlikely(!p))
			die("kvmalloc", size);
		kvfree(p);
	}
}

static __always_inline void mmap_pairs(unsigned long n, size_t size)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (unlikely(p == MAP_FAILED))
			die("mmap", size);
		touch_pages(p, size);
		munmap(p, size);
	}
}

static __always_inline void mimalloc_pairs(unsigned long n, size_t size, bool touch)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		void *p = mi_malloc(size);

		if (unlikely(!p))
			die("mi_malloc", size);
		if (touch)
			touch_pages(p, size);
		use_ptr(p);
		mi_free(p);
	}
}

/*
 * Each benchmark is a function loop_NAME(n), which callgrind's --toggle-collect=loop_NAME
 * counts, and an identical warm_NAME(n) for the warm-up, which it does not (see page_bench.c:
 * gcc's noipa keeps identical code folding from making the two one function).
 */
#ifdef __clang__
#define __bench_loop	__attribute__((__noinline__))
#else
#define __bench_loop	__attribute__((__noipa__))
#endif

#define BENCH_LOOP(name, body)							\
	static __bench_loop void loop_##name(unsigned long n) { body; }		\
	static __bench_loop void warm_##name(unsigned long n) { body; }

BENCH_LOOP(vmalloc_1m, vmalloc_pairs(n, SZ_1M, true))
BENCH_LOOP(mmap_1m, mmap_pairs(n, SZ_1M))
BENCH_LOOP(mimalloc_1m, mimalloc_pairs(n, SZ_1M, true))
BENCH_LOOP(vmalloc_64k, vmalloc_pairs(n, SZ_64K, false))
BENCH_LOOP(mimalloc_64k, mimalloc_pairs(n, SZ_64K, false))
BENCH_LOOP(vmalloc_4k, vmalloc_pairs(n, PAGE_SIZE, false))
BENCH_LOOP(mimalloc_4k, mimalloc_pairs(n, PAGE_SIZE, false))
BENCH_LOOP(kvmalloc_16k, kvmalloc_pairs(n, SZ_16K))
BENCH_LOOP(mimalloc_16k, mimalloc_pairs(n, SZ_16K, false))
BENCH_LOOP(kvmalloc_8m, kvmalloc_pairs(n, SZ_8M))
BENCH_LOOP(mimalloc_8m, mimalloc_pairs(n, SZ_8M, false))

struct loop {
	const char *name;
	void (*fn)(unsigned long n);
	void (*warm)(unsigned long n);
	unsigned long nwarm;	/* warm-up iterations */
};

#define LOOP(name, nwarm)	{ #name, loop_##name, warm_##name, nwarm }

static const struct loop loops[] = {
	LOOP(vmalloc_1m, 50),
	LOOP(mmap_1m, 50),
	LOOP(mimalloc_1m, 50),
	LOOP(vmalloc_64k, 1000),
	LOOP(mimalloc_64k, 1000),
	LOOP(vmalloc_4k, 1000),
	LOOP(mimalloc_4k, 1000),
	LOOP(kvmalloc_16k, 10000),
	LOOP(mimalloc_16k, 10000),
	LOOP(kvmalloc_8m, 10),
	LOOP(mimalloc_8m, 10),
};

/* One contender of an alternating measurement: its loop, iterations, best time per op. */
struct timed {
	void (*fn)(unsigned long n);
	unsigned long n;
	double best;
};

/*
 * Time the loops of @t in turn, best of REPS each, so that krt and its peers see the same
 * machine (frequency changes and neighbours on a shared VM hit all of them alike).
 */
static void time_alternating(struct timed *t, unsigned int nr)
{
	unsigned int rep, i;

	for (i = 0; i < nr; i++)
		t[i].best = 1e30;
	for (rep = 0; rep < REPS; rep++)
		for (i = 0; i < nr; i++)
			t[i].best = min(t[i].best, time_once(t[i].fn, t[i].n));
}

/*
 * Host mapping calls per vmalloc() of @size (the vfree()s' one unmap each not counted), over
 * @n allocations held at once, so that each gets pages of its own rather than the ones the
 * previous vfree() gave back. @ns gets the time per vmalloc+vfree pair of the same round.
 */
static double maps_per_vmalloc(size_t size, unsigned int n, double *ns)
{
	unsigned long calls = 0, before;
	void **p = calloc(n, sizeof(*p));
	unsigned int i;
	u64 t, t0;

	if (!p)
		die("calloc", n * sizeof(*p));
	t = 0;
	for (i = 0; i < n; i++) {
		t0 = ktime_get_ns();
		before = host_vmap_calls();
		p[i] = vmalloc(size);
		calls += host_vmap_calls() - before;
		t += ktime_get_ns() - t0;
		if (!p[i])
			die("vmalloc", size);
	}
	t0 = ktime_get_ns();
	for (i = 0; i < n; i++)
		vfree(p[i]);
	t += ktime_get_ns() - t0;
	free(p);
	*ns = (double)t / n;
	return (double)calls / n;
}

/* Pages and blocks held to fragment physical memory, given back by unfragment(). */
struct held {
	struct page *page;
	unsigned int order;
};
static struct held *held;
static unsigned long nr_held;

/*
 * Leave physical memory in the worst shape for vmalloc: only single free pages, none next to
 * another. Every page the allocator gives without reclaim is taken, the ones at even pfns are
 * freed (their buddies stay allocated, so none merges), and then every free block of order 1
 * or more that remains (the reserves below the watermark, the per-thread lists) is taken too.
 * Returns how many pages were freed at even pfns: the single free pages vmalloc then gets.
 */
static unsigned long fragment(void)
{
	unsigned long max = totalram_pages(), i, kept = 0, freed = 0;
	struct page *page;
	int order;

	held = calloc(max, sizeof(*held));
	if (!held)
		die("calloc", max * sizeof(*held));
	while (nr_held < max && (page = alloc_page(GFP_NOWAIT | __GFP_NOWARN)))
		held[nr_held++] = (struct held){ page, 0 };
	for (i = 0; i < nr_held; i++) {
		if (page_to_pfn(held[i].page) & 1) {
			held[kept++] = held[i];
		} else {
			__free_page(held[i].page);
			freed++;
		}
	}
	nr_held = kept;
	for (order = MAX_PAGE_ORDER; order > 0; order--) {
		while (nr_held < max &&
		       (page = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, order)))
			held[nr_held++] = (struct held){ page, order };
	}
	return freed;
}

static void unfragment(void)
{
	unsigned long i;

	for (i = 0; i < nr_held; i++)
		__free_pages(held[i].page, held[i].order);
	free(held);
	held = NULL;
	nr_held = 0;
}

/*
 * How many areas of @size maps_per_vmalloc() holds at once: 32, but at most 8,192 pages, since
 * on fragmented memory every page is a host mapping of its own and the host allows a process
 * 65,530 (vm.max_map_count).
 */
static unsigned int nr_held_areas(size_t size)
{
	return min(32UL, 8192UL / (size >> PAGE_SHIFT));
}

static int run_loop(const char *name, unsigned long n)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(loops); i++) {
		if (strcmp(name, loops[i].name))
			continue;
		loops[i].warm(loops[i].nwarm);
		loops[i].fn(n);
		return 0;
	}
	fprintf(stderr, "unknown loop %s\n", name);
	return 2;
}

int main(int argc, char **argv)
{
	struct timed big[] = {
		{ loop_vmalloc_1m, 300 }, { loop_mmap_1m, 300 }, { loop_mimalloc_1m, 300 },
	};
	struct timed small[] = {
		{ loop_vmalloc_64k, 5000 }, { loop_mimalloc_64k, 100000 },
		{ loop_vmalloc_4k, 5000 }, { loop_mimalloc_4k, 100000 },
	};
	struct timed kv[] = {
		{ loop_kvmalloc_16k, 200000 }, { loop_mimalloc_16k, 200000 },
		{ loop_kvmalloc_8m, 50 }, { loop_mimalloc_8m, 50 },
	};
	static const size_t map_sizes[] = { PAGE_SIZE, SZ_64K, SZ_1M, SZ_8M };
	static const char *const map_names[] = { "4 KiB", "64 KiB", "1 MiB", "8 MiB" };
	double maps[ARRAY_SIZE(map_sizes)], map_ns[ARRAY_SIZE(map_sizes)];
	double fmaps[ARRAY_SIZE(map_sizes)], fmap_ns[ARRAY_SIZE(map_sizes)];
	double vm, mm, mi;
	unsigned long singles;
	unsigned int i;

	/* mem=1G unless the caller chose, as the other benchmarks. */
	if (krt_boot(getenv("KRT_CMDLINE") ? NULL : "mem=1G"))
		fprintf(stderr, "vmalloc_bench: krt had already booted; mem= not applied\n");

	if (argc == 4 && !strcmp(argv[1], "--loop")) {
		/* Count krt's own instructions, not its Valgrind client requests (page_bench.c). */
		krt_running_on_valgrind = false;
		return run_loop(argv[2], strtoul(argv[3], NULL, 0));
	}

	for (i = 0; i < ARRAY_SIZE(loops); i++)
		loops[i].warm(loops[i].nwarm);

	time_alternating(big, ARRAY_SIZE(big));
	time_alternating(small, ARRAY_SIZE(small));
	time_alternating(kv, ARRAY_SIZE(kv));
	vm = big[0].best;
	mm = big[1].best;
	mi = big[2].best;

	for (i = 0; i < ARRAY_SIZE(map_sizes); i++)
		maps[i] = maps_per_vmalloc(map_sizes[i], nr_held_areas(map_sizes[i]), &map_ns[i]);
	singles = fragment();
	for (i = 0; i < ARRAY_SIZE(map_sizes); i++)
		fmaps[i] = maps_per_vmalloc(map_sizes[i], nr_held_areas(map_sizes[i]),
					    &fmap_ns[i]);
	unfragment();

	bench_table_header();
	bench_table_row("vmalloc(1 MiB)+write pages+vfree", vm, mm, "mmap+write pages+munmap 1 MiB",
			"<= 0.5x", vm <= 0.5 * mm, 0);
	bench_table_row("vmalloc(1 MiB)+write pages+vfree", vm, mi,
			"mi_malloc(1 MiB)+write+mi_free", "", -1, 0);
	bench_table_row("vmalloc(64 KiB)+vfree", small[0].best, small[1].best,
			"mi_malloc(64 KiB)+mi_free", "", -1, 0);
	bench_table_row("vmalloc(4 KiB)+vfree", small[2].best, small[3].best,
			"mi_malloc(4 KiB)+mi_free", "", -1, 0);
	bench_table_row("kvmalloc(16 KiB)+kvfree (kmalloc)", kv[0].best, kv[1].best,
			"mi_malloc(16 KiB)+mi_free", "", -1, 0);
	bench_table_row("kvmalloc(8 MiB)+kvfree (vmalloc)", kv[2].best, kv[3].best,
			"mi_malloc(8 MiB)+mi_free", "", -1, 0);
	printf("vmalloc(1 MiB)+writes+vfree: %.1f us, %.2fx mmap+writes+munmap (goal <= 0.5x: %s), "
	       "%.2fx mimalloc\n",
	       vm / 1000, vm / mm, vm <= 0.5 * mm ? "met" : "NOT MET", vm / mi);

	printf("\nhost mapping calls per vmalloc: one per physically contiguous run (vfree adds "
	       "one unmap);\n'held' areas allocated before any is freed; time per vmalloc+vfree "
	       "over that one round\n");
	printf("%-10s %6s %6s %10s %12s   %s\n", "size", "pages", "held", "maps", "time/pair",
	       "fragmented memory: maps, time/pair");
	for (i = 0; i < ARRAY_SIZE(map_sizes); i++)
		printf("%-10s %6lu %6u %10.2f %9.1f us   %10.2f %9.1f us\n", map_names[i],
		       map_sizes[i] >> PAGE_SHIFT, nr_held_areas(map_sizes[i]), maps[i],
		       map_ns[i] / 1000, fmaps[i], fmap_ns[i] / 1000);
	printf("(fragmented: %lu single free pages, no free block of order >= 1; 8 MiB's page "
	       "array is itself a 16 KiB vmalloc)\n", singles);
	return 0;
}
