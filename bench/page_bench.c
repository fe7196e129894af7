// SPDX-License-Identifier: MIT
/*
 * Page allocator benchmarks, krt side by side with what a userspace program would use instead:
 *   1. order-0 alloc_page(GFP_KERNEL)+__free_page, 1 thread, vs mmap+munmap of 4 KiB (nothing
 *      touched; goal: krt >= 200x faster) and vs mimalloc mi_malloc(4096)+mi_free (goal:
 *      <= 1.5x, and <= 25 ns per pair);
 *   2. the same pair on 2 threads, each its own loop (goal: >= 1.8x the throughput of one);
 *   3. order-3 and order-9 alloc_pages+__free_pages vs mi_malloc+mi_free of the same size
 *      (32 KiB, 2 MiB), and order 9 vs mmap+munmap of 2 MiB;
 *   4. alloc_pages_bulk_array() of 512 pages and freeing them, per page and per call, vs 512
 *      mi_malloc(4096) then 512 mi_free.
 *
 * `page_bench` prints the table; `page_bench --loop NAME N` runs one loop N times after a
 * warm-up (for callgrind instruction counts, see scripts/bench.sh). Physical memory is mem=1G
 * unless KRT_CMDLINE says otherwise.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/kasan.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <krt/boot.h>

#include "bench/bench_table.h"
#include <krt/thread.h>

#include <mimalloc.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>

#define BULK_NR		512
#define REPS		7

/* Keep the compiler from proving a pointer unused (the peers' pairs stay real calls). */
#define use_ptr(p)	asm volatile("" : : "r"(p) : "memory")

static __always_inline void page_pairs(unsigned long n, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		__free_pages(page, order);
	}
}

static __always_inline void mimalloc_pairs(unsigned long n, size_t size)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		void *p = mi_malloc(size);

		use_ptr(p);
		mi_free(p);
	}
}

static __always_inline void mmap_pairs(unsigned long n, size_t size)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED) {
			perror("mmap");
			exit(1);
		}
		munmap(p, size);
	}
}

static struct page *bulk_pages[BULK_NR];
static void *bulk_objs[BULK_NR];

/* @n calls of alloc_pages_bulk_array(512 pages), each followed by 512 __free_page(). */
static __always_inline void bulk_rounds(unsigned long n)
{
	unsigned long i, got;
	int j;

	for (i = 0; i < n; i++) {
		memset(bulk_pages, 0, sizeof(bulk_pages));
		got = alloc_pages_bulk_array(GFP_KERNEL, BULK_NR, bulk_pages);
		if (got != BULK_NR) {
			fprintf(stderr, "alloc_pages_bulk_array: %lu of %d pages\n", got, BULK_NR);
			exit(1);
		}
		for (j = 0; j < BULK_NR; j++)
			__free_page(bulk_pages[j]);
	}
}

/* The same 512 pages one alloc_page() at a time (what the bulk call saves). */
static __always_inline void single512_rounds(unsigned long n)
{
	unsigned long i;
	int j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < BULK_NR; j++)
			bulk_pages[j] = alloc_page(GFP_KERNEL);
		for (j = 0; j < BULK_NR; j++)
			__free_page(bulk_pages[j]);
	}
}

static __always_inline void mimalloc512_rounds(unsigned long n)
{
	unsigned long i;
	int j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < BULK_NR; j++)
			bulk_objs[j] = mi_malloc(4096);
		use_ptr(bulk_objs);
		for (j = 0; j < BULK_NR; j++)
			mi_free(bulk_objs[j]);
	}
}

/*
 * Each benchmark is a function loop_NAME(n), which callgrind's --toggle-collect=loop_NAME
 * counts, and an identical warm_NAME(n) for the warm-up (the first touch of the per-thread
 * lists, the vm event counters and the struct pages), which it does not. gcc's noipa keeps
 * identical code folding from making the two one function (clang does not fold functions).
 */
#ifdef __clang__
#define __bench_loop	__attribute__((__noinline__))
#else
#define __bench_loop	__attribute__((__noipa__))
#endif

#define BENCH_LOOP(name, body)							\
	static __bench_loop void loop_##name(unsigned long n) { body; }		\
	static __bench_loop void warm_##name(unsigned long n) { body; }

BENCH_LOOP(page, page_pairs(n, 0))
BENCH_LOOP(order3, page_pairs(n, 3))
BENCH_LOOP(order9, page_pairs(n, 9))
BENCH_LOOP(mimalloc, mimalloc_pairs(n, 4096))
BENCH_LOOP(mimalloc_32k, mimalloc_pairs(n, PAGE_SIZE << 3))
BENCH_LOOP(mimalloc_2m, mimalloc_pairs(n, PAGE_SIZE << 9))
BENCH_LOOP(mmap, mmap_pairs(n, PAGE_SIZE))
BENCH_LOOP(mmap_2m, mmap_pairs(n, PAGE_SIZE << 9))
BENCH_LOOP(bulk, bulk_rounds(n))
BENCH_LOOP(single512, single512_rounds(n))
BENCH_LOOP(mimalloc512, mimalloc512_rounds(n))

struct loop {
	const char *name;
	void (*fn)(unsigned long n);
	void (*warm)(unsigned long n);
	unsigned long nwarm;	/* warm-up iterations */
};

#define LOOP(name, nwarm)	{ #name, loop_##name, warm_##name, nwarm }

static const struct loop loops[] = {
	LOOP(page, 10000),
	LOOP(order3, 10000),
	LOOP(order9, 1000),
	LOOP(mimalloc, 10000),
	LOOP(mimalloc_32k, 10000),
	LOOP(mimalloc_2m, 1000),
	LOOP(mmap, 1000),
	LOOP(mmap_2m, 1000),
	LOOP(bulk, 20),
	LOOP(single512, 20),
	LOOP(mimalloc512, 20),
};

struct thread_arg {
	void (*fn)(unsigned long);
	unsigned long n;
	atomic_t *ready;
	u64 start, end;
};

static int bench_thread(void *data)
{
	struct thread_arg *a = data;

	/* A new thread's first allocation sets up its lists: not part of the timing. */
	a->fn(10000);
	atomic_inc(a->ready);
	while (atomic_read(a->ready) < 2)
		cpu_relax();
	a->start = ktime_get_ns();
	a->fn(a->n);
	a->end = ktime_get_ns();
	return 0;
}

/*
 * Two threads, each running its own loop of @n pairs: wall time from the first start to the
 * last end, divided by @n (the time per pair as each thread sees it). Throughput relative to
 * one thread is then 2 * t1 / t2.
 */
static double time_once_2threads(void (*fn)(unsigned long), unsigned long n)
{
	atomic_t ready = ATOMIC_INIT(0);
	struct thread_arg a = { fn, n, &ready }, b = { fn, n, &ready };
	struct task_struct *ta, *tb;

	ta = krt_thread_create(bench_thread, &a, "bench-a");
	tb = krt_thread_create(bench_thread, &b, "bench-b");
	krt_thread_join(ta);
	krt_thread_join(tb);
	return (double)(max(a.end, b.end) - min(a.start, b.start)) / n;
}

/*
 * Time krt's loop @a (@na iterations) and the peer's loop @b (@nb) alternately, best of REPS
 * each, so that both see the same machine (frequency changes and neighbours on this shared
 * VM hit both alike).
 */
static void time_pair(double (*timer)(void (*)(unsigned long), unsigned long),
		      void (*a)(unsigned long), unsigned long na,
		      void (*b)(unsigned long), unsigned long nb, double *ta, double *tb)
{
	int rep;

	*ta = *tb = 1e30;
	for (rep = 0; rep < REPS; rep++) {
		*ta = min(*ta, timer(a, na));
		*tb = min(*tb, timer(b, nb));
	}
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
	const unsigned long n0 = 5000000, nmmap = 100000, n3 = 2000000, n9 = 200000;
	const unsigned long nbulk = 10000;
	double p1, p1b, mi1, mm, p2, mi2, o3, mi32k, o9, o9b, mi2m, mm2m, bulk, single, mi512;
	unsigned int i;

	/* mem=1G unless the caller chose: order-9 blocks need room. */
	if (krt_boot(getenv("KRT_CMDLINE") ? NULL : "mem=1G"))
		fprintf(stderr, "page_bench: krt had already booted; mem= not applied\n");

	if (argc == 4 && !strcmp(argv[1], "--loop")) {
		/*
		 * Callgrind counts instructions, not memcheck's view of memory: the Valgrind
		 * client requests krt makes when it sees Valgrind (free pages NOACCESS) are not
		 * made outside it, so they are switched off for the count.
		 */
		krt_running_on_valgrind = false;
		return run_loop(argv[2], strtoul(argv[3], NULL, 0));
	}

	for (i = 0; i < ARRAY_SIZE(loops); i++)
		loops[i].warm(loops[i].nwarm);

	time_pair(time_once, loop_page, n0, loop_mimalloc, n0, &p1, &mi1);
	time_pair(time_once, loop_page, n0, loop_mmap, nmmap, &p1b, &mm);
	p1 = min(p1, p1b);
	time_pair(time_once_2threads, loop_page, n0, loop_mimalloc, n0, &p2, &mi2);
	time_pair(time_once, loop_order3, n3, loop_mimalloc_32k, n3, &o3, &mi32k);
	time_pair(time_once, loop_order9, n9, loop_mimalloc_2m, n9, &o9, &mi2m);
	time_pair(time_once, loop_order9, n9, loop_mmap_2m, nmmap, &o9b, &mm2m);
	o9 = min(o9, o9b);
	time_pair(time_once, loop_bulk, nbulk, loop_mimalloc512, nbulk, &bulk, &mi512);
	single = 1e30;
	for (i = 0; i < REPS; i++)
		single = min(single, time_once(loop_single512, nbulk));

	bench_table_header();
	bench_table_row("alloc_page+__free_page, 1 thread", p1, mm, "mmap+munmap 4 KiB",
			"<= 0.005x", p1 * 200 <= mm, 2);
	bench_table_row("alloc_page+__free_page, 1 thread", p1, mi1, "mi_malloc(4096)+mi_free",
			"<= 1.5x", p1 <= 1.5 * mi1, 2);
	bench_table_row("alloc_page+__free_page, 2 threads", p2, mi2,
			"mi_malloc+mi_free, 2 threads", "", -1, 2);
	bench_table_row("alloc_pages+__free_pages, order 3", o3, mi32k, "mi_malloc(32 KiB)+mi_free",
			"", -1, 2);
	bench_table_row("alloc_pages+__free_pages, order 9", o9, mi2m, "mi_malloc(2 MiB)+mi_free",
			"", -1, 2);
	bench_table_row("alloc_pages+__free_pages, order 9", o9, mm2m, "mmap+munmap 2 MiB", "", -1,
			2);
	bench_table_row("alloc_pages_bulk_array 512, per page", bulk / BULK_NR, mi512 / BULK_NR,
			"512 mi_malloc(4096), per page", "", -1, 2);
	printf("order-0 pair: %.2f ns (goal <= 25 ns: %s); %.0fx faster than mmap+munmap "
	       "(goal >= 200x)\n",
	       p1, p1 <= 25 ? "met" : "NOT MET", mm / p1);
	printf("2 threads: krt %.2fx the throughput of 1 thread (goal >= 1.8x: %s), "
	       "mimalloc %.2fx\n", 2 * p1 / p2, 2 * p1 / p2 >= 1.8 ? "met" : "NOT MET",
	       2 * mi1 / mi2);
	printf("alloc_pages_bulk_array(512) + 512 __free_page: %.0f ns per call, %.2f ns per "
	       "page; 512 alloc_page + 512 __free_page: %.2f ns per page\n", bulk,
	       bulk / BULK_NR, single / BULK_NR);
	return 0;
}
