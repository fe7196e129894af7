// SPDX-License-Identifier: MIT
/*
 * The measured side of the slab benchmarks (bench/slab_bench.c is the driver that runs them
 * and prints the tables): the same loops for krt and for each peer allocator, specialised for
 * each object size (a constant, as sizeof(struct foo) is in real callers).
 *
 * Built plain (slab_server, linked with libkrt) it measures krt's kmem_cache_alloc/free (API
 * "cache", a cache of each size) and kmalloc/kfree ("kmalloc"); built with -DPEER=1..4 and
 * without krt (slab_server-glibc, -jemalloc, -mimalloc, -tcmalloc: bench/bench.mk) it measures
 * malloc/free ("malloc") of the library it is linked with, which replaces the process's malloc.
 *
 *   slab_server --serve              one command per line on stdin, figures on stdout
 *                                    (bench/slab_bench.h)
 *   slab_server --callgrind API,...  under valgrind --tool=callgrind --collect-atstart=no: for
 *                                    each size, N1 and then N2 pairs between two
 *                                    CALLGRIND_TOGGLE_COLLECTs, each count dumped on its own
 *   slab_server --loop API SIZE N    after a warm-up, N pairs between two
 *                                    CALLGRIND_TOGGLE_COLLECTs: under callgrind with
 *                                    --collect-atstart=no exactly the N pairs are counted
 *                                    (callgrind_annotate: per function)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#ifdef PEER
/* A peer: plain C and the host's headers; malloc is the library this program is linked with. */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#if PEER == 1
#define PEER_NAME	"glibc"
#elif PEER == 2
#define PEER_NAME	"jemalloc"
#elif PEER == 3
#define PEER_NAME	"mimalloc"
#elif PEER == 4
#define PEER_NAME	"tcmalloc"
#else
#error "PEER must be 1 (glibc), 2 (jemalloc), 3 (mimalloc) or 4 (tcmalloc)"
#endif
#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define noinline	__attribute__((__noinline__))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
typedef uint64_t u64;
#else
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/kasan.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/proc.h>
#include <krt/thread.h>
#include "arch/host/host.h"
#define PEER_NAME	"krt"
/* The benchmark's own text has floating point: it goes through libc's printf family. */
#undef snprintf
#undef vsnprintf
#endif

#include <dlfcn.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "slab_bench.h"

/* Keep the compiler from proving a pointer unused (the pairs stay real calls). */
#define use_ptr(p)	asm volatile("" : : "r"(p) : "memory")

/*
 * Loops are noipa so that gcc neither folds nor clones them: loop_pair_cache is one function
 * (callgrind's --toggle-collect and callgrind_annotate see it under that name).
 */
#ifdef __clang__
#define __bench_loop	__attribute__((__noinline__))
#else
#define __bench_loop	__attribute__((__noipa__))
#endif

static __attribute__((__noreturn__, __format__(printf, 1, 2))) void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "slab_server (%s): ", PEER_NAME);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * Waiting for the other side of the ring or of a start line: spin a little, then give the CPU
 * away (on a loaded 2-CPU machine the other thread may not be running at all).
 */
static void cpu_pause(unsigned int *spins)
{
	if (++*spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#else
		asm volatile("" ::: "memory");
#endif
		return;
	}
	*spins = 0;
	sched_yield();
}

/* --- the allocators under test ----------------------------------------------------------- */

/*
 * What a loop allocates from: @size, and for krt's kmem_cache API the cache of that size. The
 * loops are specialised for each size (a constant, as sizeof(struct foo) is in real callers).
 */
struct ctx {
	unsigned int size;
	void *cache;
};

#define ALLOC_malloc(k, sz)		malloc(sz)
#define FREE_malloc(k, p)		free(p)
#ifndef PEER
#define ALLOC_cache(k, sz)		kmem_cache_alloc((struct kmem_cache *)(k), GFP_KERNEL)
#define FREE_cache(k, p)		kmem_cache_free((struct kmem_cache *)(k), p)
#define ALLOC_kmalloc(k, sz)		kmalloc(sz, GFP_KERNEL)
#define FREE_kmalloc(k, p)		kfree(p)
#endif

#define SIZE_SWITCH(c, call)							\
	switch ((c)->size) {							\
	case 16: call(16); break;						\
	case 64: call(64); break;						\
	case 256: call(256); break;						\
	case 1024: call(1024); break;						\
	case 4096: call(4096); break;						\
	default: call((c)->size); break;					\
	}

static void **batch_objs;		/* BATCH_MAX pointers, touched before any timing */

/*
 * The ring between the producer and the consumer, indices on their own cache lines. A side
 * that finds the ring full (empty) spins, giving the CPU away now and then (cpu_pause), and
 * never sleeps: waking a sleeping thread costs about 100 us on this VM, a ring's worth of
 * objects about 50.
 */
struct ring {
	uint32_t head __attribute__((__aligned__(64)));	/* written by the producer */
	uint32_t tail __attribute__((__aligned__(64)));	/* written by the consumer */
	void *slot[RING] __attribute__((__aligned__(64)));
};

struct prodcons {
	struct ring ring;
	const struct ctx *c;
	unsigned long n;		/* objects after the warm-up */
	u64 start, end;
};

/*
 * Every API gets the same loops:
 *   loop_pair_API(c, n)          n alloc+free pairs with LIVE objects live
 *   batch_API(c, n, fifo, ta, tf)  n allocations, then n frees (LIFO or FIFO)
 *   producer_API / consumer_API  the two sides of the ring
 */
#define DEFINE_API(api)								\
static __always_inline void pairs_##api(void *k, const size_t sz, unsigned long n)	\
{										\
	void *live[LIVE];							\
	unsigned long i;							\
										\
	for (i = 0; i < LIVE; i++) {						\
		live[i] = ALLOC_##api(k, sz);					\
		if (!live[i])							\
			die("allocation of %zu bytes failed", sz);		\
	}									\
	for (i = 0; i < n; i++) {						\
		void *p = ALLOC_##api(k, sz);					\
										\
		use_ptr(p);							\
		FREE_##api(k, live[i % LIVE]);					\
		live[i % LIVE] = p;						\
	}									\
	for (i = 0; i < LIVE; i++)						\
		FREE_##api(k, live[i]);						\
}										\
										\
static __bench_loop void loop_pair_##api(const struct ctx *c, unsigned long n)	\
{										\
	void *k = c->cache;							\
										\
	(void)k;								\
	SIZE_SWITCH(c, PAIRS_##api)						\
}										\
										\
static __always_inline void batch_sz_##api(void *k, const size_t sz, unsigned long n,	\
					   bool fifo, double *ta, double *tf)	\
{										\
	void **objs = batch_objs;						\
	unsigned long i;							\
	u64 t0, t1, t2;								\
										\
	t0 = now_ns();								\
	for (i = 0; i < n; i++) {						\
		objs[i] = ALLOC_##api(k, sz);					\
		if (unlikely(!objs[i]))						\
			die("allocation %lu of %zu bytes failed", i, sz);	\
		*(unsigned long *)objs[i] = i;	/* the caller uses it */	\
	}									\
	t1 = now_ns();								\
	if (fifo) {								\
		for (i = 0; i < n; i++)						\
			FREE_##api(k, objs[i]);					\
	} else {								\
		for (i = n; i-- > 0; )						\
			FREE_##api(k, objs[i]);					\
	}									\
	t2 = now_ns();								\
	*ta = (double)(t1 - t0) / n;						\
	*tf = (double)(t2 - t1) / n;						\
}										\
										\
static __bench_loop void batch_##api(const struct ctx *c, unsigned long n, bool fifo,	\
				     double *ta, double *tf)			\
{										\
	void *k = c->cache;							\
										\
	(void)k;								\
	SIZE_SWITCH(c, BATCH_##api)						\
}										\
										\
static __always_inline void produce_sz_##api(struct prodcons *pc, void *k, const size_t sz)	\
{										\
	struct ring *r = &pc->ring;						\
	uint32_t head, tail = 0, total = WARM + pc->n;				\
	unsigned int spins = 0;							\
										\
	for (head = 0; head < total; ) {					\
		void *p = ALLOC_##api(k, sz);					\
										\
		if (unlikely(!p))						\
			die("allocation of %zu bytes failed", sz);		\
		while (unlikely(head - tail >= RING)) {				\
			tail = __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);	\
			if (head - tail >= RING)				\
				cpu_pause(&spins);				\
		}								\
		r->slot[head % RING] = p;					\
		head++;								\
		__atomic_store_n(&r->head, head, __ATOMIC_RELEASE);		\
		if (head == WARM)						\
			pc->start = now_ns();					\
	}									\
}										\
										\
static __always_inline void consume_sz_##api(struct prodcons *pc, void *k, const size_t sz)	\
{										\
	struct ring *r = &pc->ring;						\
	uint32_t head = 0, tail, total = WARM + pc->n;				\
	unsigned int spins = 0;							\
										\
	for (tail = 0; tail < total; ) {					\
		while (unlikely(tail == head)) {				\
			head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);	\
			if (tail == head)					\
				cpu_pause(&spins);				\
		}								\
		FREE_##api(k, r->slot[tail % RING]);				\
		tail++;								\
		__atomic_store_n(&r->tail, tail, __ATOMIC_RELEASE);		\
	}									\
	pc->end = now_ns();							\
}										\
										\
static noinline int producer_##api(void *data)					\
{										\
	struct prodcons *pc = data;						\
	void *k = pc->c->cache;							\
										\
	(void)k;								\
	SIZE_SWITCH(pc->c, PRODUCE_##api)					\
	return 0;								\
}										\
										\
static noinline int consumer_##api(void *data)					\
{										\
	struct prodcons *pc = data;						\
	void *k = pc->c->cache;							\
										\
	(void)k;								\
	SIZE_SWITCH(pc->c, CONSUME_##api)					\
	return 0;								\
}

#define PAIRS_malloc(sz)	pairs_malloc(k, sz, n)
#define BATCH_malloc(sz)	batch_sz_malloc(k, sz, n, fifo, ta, tf)
#define PRODUCE_malloc(sz)	produce_sz_malloc(pc, k, sz)
#define CONSUME_malloc(sz)	consume_sz_malloc(pc, k, sz)
DEFINE_API(malloc)
#ifndef PEER
#define PAIRS_cache(sz)		pairs_cache(k, sz, n)
#define BATCH_cache(sz)		batch_sz_cache(k, sz, n, fifo, ta, tf)
#define PRODUCE_cache(sz)	produce_sz_cache(pc, k, sz)
#define CONSUME_cache(sz)	consume_sz_cache(pc, k, sz)
DEFINE_API(cache)
#define PAIRS_kmalloc(sz)	pairs_kmalloc(k, sz, n)
#define BATCH_kmalloc(sz)	batch_sz_kmalloc(k, sz, n, fifo, ta, tf)
#define PRODUCE_kmalloc(sz)	produce_sz_kmalloc(pc, k, sz)
#define CONSUME_kmalloc(sz)	consume_sz_kmalloc(pc, k, sz)
DEFINE_API(kmalloc)
#endif

struct api {
	const char *name;
	void (*pair)(const struct ctx *c, unsigned long n);
	void (*batch)(const struct ctx *c, unsigned long n, bool fifo, double *ta, double *tf);
	int (*producer)(void *data);
	int (*consumer)(void *data);
};

#define API(name)	{ #name, loop_pair_##name, batch_##name, producer_##name, consumer_##name }

static const struct api apis[] = {
#ifndef PEER
	API(cache),
	API(kmalloc),
#endif
	API(malloc),
};

static const struct api *find_api(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(apis); i++)
		if (!strcmp(apis[i].name, name))
			return &apis[i];
	return NULL;
}

/* --- the server's side: threads, caches, RSS ----------------------------------------------- */

/*
 * A benchmark's second thread: a pthread in a peer, a krt thread in krt. (The threads are not
 * pinned to CPUs: on this VM, a producer and a consumer pinned to the two vCPUs were slower
 * and far less repeatable than the same threads left to the scheduler.)
 */
struct worker {
#ifdef PEER
	pthread_t thread;
#else
	struct task_struct *task;
#endif
	int (*fn)(void *);
	void *arg;
};

#ifdef PEER
static void *worker_main(void *data)
{
	struct worker *w = data;

	w->fn(w->arg);
	return NULL;
}
#endif

/* Start @fn(@arg) on a new thread called @name. */
static void worker_start(struct worker *w, int (*fn)(void *), void *arg, const char *name)
{
	w->fn = fn;
	w->arg = arg;
#ifdef PEER
	if (pthread_create(&w->thread, NULL, worker_main, w))
		die("pthread_create failed");
#else
	w->task = krt_thread_create(fn, arg, name);
	if (IS_ERR(w->task))
		die("krt_thread_create failed: %ld", PTR_ERR(w->task));
#endif
}

static void worker_join(struct worker *w)
{
#ifdef PEER
	pthread_join(w->thread, NULL);
#else
	krt_thread_join(w->task);
#endif
}

#ifdef PEER

static uint64_t rss_bytes(void)
{
	unsigned long size, resident;
	FILE *f = fopen("/proc/self/statm", "r");
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "%lu %lu", &size, &resident);
	fclose(f);
	return n == 2 ? (uint64_t)resident * (uint64_t)sysconf(_SC_PAGESIZE) : 0;
}

static void *size_cache(unsigned int size)
{
	return NULL;
}
#else

static uint64_t rss_bytes(void)
{
	return host_rss_bytes();
}

/* The kmem_cache of each size, made on first use ("bench-64" ...). */
static struct kmem_cache *caches[NSIZES];

static void *size_cache(unsigned int size)
{
	/* the cache keeps the name (as the kernel's may) */
	static char names[NSIZES][32];
	unsigned int i;

	for (i = 0; i < NSIZES; i++) {
		if (sizes[i] != size)
			continue;
		if (!caches[i]) {
			snprintf(names[i], sizeof(names[i]), "bench-%u", size);
			caches[i] = kmem_cache_create(names[i], size, 0, 0, NULL);
			if (!caches[i])
				die("kmem_cache_create(%s) failed", names[i]);
		}
		return caches[i];
	}
	die("no cache for size %u", size);
}

static char proc_buf[1 << 18];

/* The value of @key in /proc/vmstat, or -1. */
static long vmstat_value(const char *key)
{
	size_t len = strlen(key);
	char *line;

	if (krt_proc_read("/proc/vmstat", proc_buf, sizeof(proc_buf)) <= 0)
		return -1;
	for (line = proc_buf; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (!strncmp(line, key, len) && line[len] == ' ')
			return strtol(line + len + 1, NULL, 10);
	return -1;
}

/* Pages on the page allocator's per-thread lists: the "count:" lines of /proc/zoneinfo. */
static long pcp_pages(void)
{
	long sum = 0;
	char *p;

	if (krt_proc_read("/proc/zoneinfo", proc_buf, sizeof(proc_buf)) <= 0)
		return -1;
	for (p = proc_buf; (p = strstr(p, "count:")); p += 6)
		sum += strtol(p + 6, NULL, 10);
	return sum;
}

/*
 * One line of the RSS table's krt detail: @cache_name's line of /proc/slabinfo (active_objs,
 * num_objs, num_slabs, pages per slab), nr_free_pages from /proc/vmstat and the pages on the
 * per-thread lists (not counted as free, as in the kernel), as krt renders them.
 */
static void kernel_counts(const char *stage, const char *cache_name, bool destroyed)
{
	unsigned long active = 0, num = 0, slabs = 0, active_slabs = 0;
	unsigned int objsize, perslab, pagesperslab = 0;
	long free_pages = vmstat_value("nr_free_pages"), pcp = pcp_pages();
	bool found = false;
	char *line;
	size_t len = strlen(cache_name);

	if (!destroyed && krt_proc_read("/proc/slabinfo", proc_buf, sizeof(proc_buf)) > 0) {
		for (line = proc_buf; line && *line;
		     line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
			if (strncmp(line, cache_name, len) || line[len] != ' ')
				continue;
			found = sscanf(line + len, " %lu %lu %u %u %u : tunables %*u %*u %*u : "
				       "slabdata %lu %lu", &active, &num, &objsize, &perslab,
				       &pagesperslab, &active_slabs, &slabs) == 7;
			break;
		}
	}
	if (destroyed)
		printf("# %-20s %12s %12s %10s %10s %14ld %10ld\n", stage, "(gone)", "", "", "",
		       free_pages, pcp);
	else if (found)
		printf("# %-20s %12lu %12lu %10lu %10lu %14ld %10ld\n", stage, active, num, slabs,
		       slabs * pagesperslab, free_pages, pcp);
	else
		printf("# %-20s %12s %12s %10s %10s %14ld %10ld\n", stage, "-", "-", "-", "-",
		       free_pages, pcp);
}
#endif

static void setup_ctx(struct ctx *c, const struct api *api, unsigned int size)
{
	c->size = size;
	c->cache = strcmp(api->name, "cache") ? NULL : size_cache(size);
}

/* --- server commands --------------------------------------------------------------------- */

struct pair2_arg {
	const struct api *api;
	const struct ctx *c;
	unsigned long n;
	int *ready;
	u64 start, end;
};

static int pair2_thread(void *data)
{
	struct pair2_arg *a = data;
	unsigned int spins = 0;

	/* A new thread's first allocations set up its caches: not part of the timing. */
	a->api->pair(a->c, WARM);
	__atomic_fetch_add(a->ready, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(a->ready, __ATOMIC_ACQUIRE) < 2)
		cpu_pause(&spins);
	a->start = now_ns();
	a->api->pair(a->c, a->n);
	a->end = now_ns();
	return 0;
}

/* pair: one thread, time per pair */
static double cmd_pair(const struct api *api, const struct ctx *c, unsigned long n)
{
	u64 t0;

	api->pair(c, WARM);
	t0 = now_ns();
	api->pair(c, n);
	return (double)(now_ns() - t0) / n;
}

/*
 * pair2: two threads, each its own loop of @n pairs: wall time from the first start to the
 * last end, divided by @n (the time per pair as each thread sees it).
 */
static double cmd_pair2(const struct api *api, const struct ctx *c, unsigned long n)
{
	int ready = 0;
	struct pair2_arg a = { api, c, n, &ready }, b = { api, c, n, &ready };
	struct worker wa, wb;

	worker_start(&wa, pair2_thread, &a, "bench-a");
	worker_start(&wb, pair2_thread, &b, "bench-b");
	worker_join(&wa);
	worker_join(&wb);
	return (double)((a.end > b.end ? a.end : b.end) - (a.start < b.start ? a.start : b.start))
	       / n;
}

/* prodcons: time per object from the end of the warm-up until the consumer freed the last */
static double cmd_prodcons(const struct api *api, const struct ctx *c, unsigned long n)
{
	static struct prodcons pc;
	struct worker wp, wc;

	memset(&pc, 0, sizeof(pc));
	pc.c = c;
	pc.n = n;
	worker_start(&wc, api->consumer, &pc, "bench-cons");
	worker_start(&wp, api->producer, &pc, "bench-prod");
	worker_join(&wp);
	worker_join(&wc);
	return (double)(pc.end - pc.start) / n;
}

/*
 * rss: peak RSS growth while @n objects are allocated (the first command a fresh server gets;
 * the pointer array is touched before). krt also prints its slab and free page counts.
 */
static void cmd_rss(const struct api *api, unsigned int size, unsigned long n)
{
	uint64_t before, peak, after;
	unsigned long i;
#ifndef PEER
	const char *name = "bench-rss";
	struct kmem_cache *cache = NULL;

	if (!strcmp(api->name, "cache")) {
		/* Its own cache (not merged with kmalloc's), so that slabinfo counts only it. */
		cache = kmem_cache_create(name, size, 0, SLAB_NO_MERGE, NULL);
		if (!cache)
			die("kmem_cache_create(%s) failed", name);
		printf("# %-20s %12s %12s %10s %10s %14s %10s\n", "krt kmem_cache", "active_objs",
		       "num_objs", "num_slabs", "slab pages", "nr_free_pages", "pcp lists");
		kernel_counts("before", name, false);
	}
#endif
	before = rss_bytes();
	for (i = 0; i < n; i++) {
		batch_objs[i] = NULL;
		switch (api->name[0]) {
#ifndef PEER
		case 'c':
			batch_objs[i] = kmem_cache_alloc(cache, GFP_KERNEL);
			break;
		case 'k':
			batch_objs[i] = kmalloc(size, GFP_KERNEL);
			break;
#endif
		default:
			batch_objs[i] = malloc(size);
			break;
		}
		if (!batch_objs[i])
			die("allocation %lu of %u bytes failed", i, size);
		/* the caller uses its objects (an allocator may not have touched them) */
		memset(batch_objs[i], 0x5a, size);
	}
	peak = rss_bytes();
#ifndef PEER
	if (cache)
		kernel_counts("allocated", name, false);
#endif
	for (i = n; i-- > 0; ) {
		switch (api->name[0]) {
#ifndef PEER
		case 'c':
			kmem_cache_free(cache, batch_objs[i]);
			break;
		case 'k':
			kfree(batch_objs[i]);
			break;
#endif
		default:
			free(batch_objs[i]);
			break;
		}
	}
	after = rss_bytes();
#ifndef PEER
	if (cache) {
		kernel_counts("freed", name, false);
		kmem_cache_shrink(cache);
		kernel_counts("kmem_cache_shrink", name, false);
		kmem_cache_destroy(cache);
		kernel_counts("kmem_cache_destroy", name, true);
	}
#endif
	printf("= %llu %llu %llu\n", (unsigned long long)before, (unsigned long long)peak,
	       (unsigned long long)after);
}

/* Which library the process's malloc comes from (the peers are linked to replace it). */
static const char *malloc_library(void)
{
	void *sym = dlsym(RTLD_DEFAULT, "malloc");
	Dl_info info;
	const char *slash;

	if (!sym || !dladdr(sym, &info) || !info.dli_fname)
		return "?";
	slash = strrchr(info.dli_fname, '/');
	return slash ? slash + 1 : info.dli_fname;
}

/*
 * The server: one command per line on stdin, its answer on stdout ending with "end":
 *   hello                       = NAME MALLOC-LIBRARY
 *   pair API SIZE N             = ns per pair
 *   pair2 API SIZE N            = ns per pair, 2 threads
 *   batch API SIZE N lifo|fifo  = ns per allocation, ns per free
 *   prodcons API SIZE N         = ns per object
 *   rss API SIZE N              = RSS before, at the peak, after the frees (bytes); "# ..." lines
 */
static int serve(void)
{
	char line[256], cmd[32], api_name[32], order[8];
	unsigned int size;
	unsigned long n;
	const struct api *api;
	struct ctx c;

	while (fgets(line, sizeof(line), stdin)) {
		int args = sscanf(line, "%31s %31s %u %lu %7s", cmd, api_name, &size, &n, order);

		if (args >= 1 && !strcmp(cmd, "hello")) {
			printf("= %s %s\nend\n", PEER_NAME, malloc_library());
			fflush(stdout);
			continue;
		}
		if (args < 4 || !(api = find_api(api_name)) || !n || n > BATCH_MAX) {
			printf("! bad command: %s", line);
			printf("end\n");
			fflush(stdout);
			continue;
		}
		if (!strcmp(cmd, "rss")) {
			cmd_rss(api, size, n);
		} else {
			setup_ctx(&c, api, size);
			if (!strcmp(cmd, "pair")) {
				printf("= %.3f\n", cmd_pair(api, &c, n));
			} else if (!strcmp(cmd, "pair2")) {
				printf("= %.3f\n", cmd_pair2(api, &c, n));
			} else if (!strcmp(cmd, "prodcons")) {
				printf("= %.3f\n", cmd_prodcons(api, &c, n));
			} else if (!strcmp(cmd, "batch") && args == 5) {
				double ta, tf;

				api->batch(&c, n, !strcmp(order, "fifo"), &ta, &tf);
				printf("= %.3f %.3f\n", ta, tf);
			} else {
				printf("! bad command: %s", line);
			}
		}
		printf("end\n");
		fflush(stdout);
	}
	return 0;
}

/*
 * Under callgrind (started with --collect-atstart=no): for each size, count N1 and then N2
 * pairs of each API in @list, each count dumped on its own ("API SIZE N").
 */
static int count_instructions(const char *list)
{
	const unsigned long n1 = 20000, n2 = 220000;
	char names[64], *name, *save;
	unsigned int i;
	struct ctx c;

	snprintf(names, sizeof(names), "%s", list);
	for (name = strtok_r(names, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const struct api *api = find_api(name);
		char label[64];

		if (!api)
			die("unknown API %s", name);
		for (i = 0; i < NSIZES; i++) {
			setup_ctx(&c, api, sizes[i]);
			api->pair(&c, WARM);
			CALLGRIND_TOGGLE_COLLECT;
			api->pair(&c, n1);
			CALLGRIND_TOGGLE_COLLECT;
			snprintf(label, sizeof(label), "%s %u %lu", name, sizes[i], n1);
			CALLGRIND_DUMP_STATS_AT(label);
			CALLGRIND_TOGGLE_COLLECT;
			api->pair(&c, n2);
			CALLGRIND_TOGGLE_COLLECT;
			snprintf(label, sizeof(label), "%s %u %lu", name, sizes[i], n2);
			CALLGRIND_DUMP_STATS_AT(label);
		}
	}
	return 0;
}

static int run_loop(const char *name, unsigned int size, unsigned long n)
{
	const struct api *api = find_api(name);
	struct ctx c;

	if (!api)
		die("unknown API %s", name);
	setup_ctx(&c, api, size);
	api->pair(&c, WARM);
	/* under valgrind --tool=callgrind --collect-atstart=no: exactly the n pairs */
	CALLGRIND_TOGGLE_COLLECT;
	api->pair(&c, n);
	CALLGRIND_TOGGLE_COLLECT;
	return 0;
}

static void server_init(void)
{
#ifndef PEER
	/* mem=1G unless the caller chose: the batches need a few hundred MiB. */
	if (krt_boot(getenv("KRT_CMDLINE") ? NULL : "mem=1G"))
		fprintf(stderr, "slab_server: krt had already booted; mem= not applied\n");
	/*
	 * Callgrind counts instructions, not memcheck's view of memory: the client requests krt
	 * makes when it sees Valgrind are not made outside it, so they are off for the count.
	 */
	krt_running_on_valgrind = false;
#endif
	batch_objs = malloc(BATCH_MAX * sizeof(*batch_objs));
	if (!batch_objs)
		die("out of memory");
	/* touched now, not during a measurement (not 0: gcc would make malloc+memset calloc) */
	memset(batch_objs, 0xff, BATCH_MAX * sizeof(*batch_objs));
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--serve")) {
		server_init();
		return serve();
	}
	if (argc == 3 && !strcmp(argv[1], "--callgrind")) {
		server_init();
		return count_instructions(argv[2]);
	}
	if (argc == 5 && !strcmp(argv[1], "--loop")) {
		server_init();
		return run_loop(argv[2], strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0));
	}
	fprintf(stderr, "usage: %s --serve | --callgrind API[,API] | --loop API SIZE N\n"
		"API: %s (for the tables, run slab_bench)\n", argv[0],
#ifdef PEER
		"malloc"
#else
		"cache, kmalloc"
#endif
		);
	return 2;
}
