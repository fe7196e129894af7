/* SPDX-License-Identifier: MIT */
/*
 * krt's own controls of physical memory, for tests, demos and benchmarks: things a kernel
 * does by itself over time (give free memory back, reset a ratelimit) done now.
 */
#ifndef _KRT_MM_H
#define _KRT_MM_H

#include <linux/types.h>

/* Give every free pageblock back to the host now (normally 2 s after it became free). */
unsigned long krt_page_reporting_flush(void);
/* Let the next warn_alloc() report print (its ratelimit is 1 per 10 s). */
void krt_warn_alloc_ratelimit_reset(void);
/* Let kswapd try again after MAX_RECLAIM_RETRIES fruitless runs made it give up. */
void krt_kswapd_reset_failures(void);
/* Pages allocated and not yet freed (the "pages" leak counter). */
long krt_pages_in_use(void);
/* The process's resident set in bytes (0 if the host does not say). */
u64 krt_rss_bytes(void);

#endif /* _KRT_MM_H */
