/* SPDX-License-Identifier: MIT */
/*
 * What the slab benchmarks' driver (bench/slab_bench.c) and servers (bench/slab_server.c) share.
 *
 * The server protocol: one command per line on the server's stdin; the answer on its stdout,
 * "= numbers" and "# text" lines, then "end" ("! text" reports a bad command):
 *   hello                       = NAME MALLOC-LIBRARY
 *   pair API SIZE N             = ns per pair (LIVE objects live)
 *   pair2 API SIZE N            = ns per pair, 2 threads (first start to last end)
 *   batch API SIZE N lifo|fifo  = ns per allocation, ns per free
 *   prodcons API SIZE N         = ns per object
 *   rss API SIZE N              = RSS before, at the peak, after the frees (bytes); krt's
 *                                 slab and page counts on "# " lines
 * API: "cache" (kmem_cache_alloc/free) or "kmalloc" in krt's server, "malloc" in a peer's.
 */
#ifndef _BENCH_SLAB_BENCH_H
#define _BENCH_SLAB_BENCH_H

#define LIVE		8		/* objects live during the pair loops */
#define RING		1024		/* slots of the producer/consumer ring */
#define BATCH_MAX	1000000UL	/* objects in a batch ... */
#define BATCH_BYTES	(64UL << 20)	/* ... and at most this much payload */
#define WARM		10000UL		/* untimed iterations before a loop is timed or counted */

static const unsigned int sizes[] = { 16, 64, 256, 1024, 4096 };
#define NSIZES		(sizeof(sizes) / sizeof(sizes[0]))

#endif /* _BENCH_SLAB_BENCH_H */
