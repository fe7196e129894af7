/* SPDX-License-Identifier: MIT */
/*
 * Hierarchical page counters (mm/page_counter.c): a usage in pages with a limit, linked to the
 * parent's counter so that a charge counts against every ancestor's limit too. Memory cgroups
 * keep memory.current and memory.max in one.
 */
#ifndef _LINUX_PAGE_COUNTER_H
#define _LINUX_PAGE_COUNTER_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <asm/page.h>

struct page_counter {
	atomic_long_t usage;		/* pages charged, this counter and its descendants */
	unsigned long max;		/* memory.max, in pages */
	unsigned long high;		/* memory.high, in pages */
	unsigned long watermark;	/* the highest usage seen (memory.peak) */
	unsigned long failcnt;		/* charges refused because usage would exceed max */
	struct page_counter *parent;
};

/* "No limit": the largest page count whose byte size still fits a long, as in the kernel. */
#define PAGE_COUNTER_MAX	(LONG_MAX / PAGE_SIZE)

/**
 * page_counter_init - set up @counter with no limits below @parent
 * @counter: the counter
 * @parent: the parent's counter, or NULL for the root of a hierarchy
 */
static inline void page_counter_init(struct page_counter *counter, struct page_counter *parent)
{
	atomic_long_set(&counter->usage, 0);
	counter->max = PAGE_COUNTER_MAX;
	counter->high = PAGE_COUNTER_MAX;
	counter->watermark = 0;
	counter->failcnt = 0;
	counter->parent = parent;
}

/* page_counter_read - the pages charged to @counter now */
static inline unsigned long page_counter_read(struct page_counter *counter)
{
	return atomic_long_read(&counter->usage);
}

void page_counter_cancel(struct page_counter *counter, unsigned long nr_pages);
void page_counter_charge(struct page_counter *counter, unsigned long nr_pages);
bool page_counter_try_charge(struct page_counter *counter, unsigned long nr_pages,
			     struct page_counter **fail);
void page_counter_uncharge(struct page_counter *counter, unsigned long nr_pages);
int page_counter_memparse(const char *buf, const char *max, unsigned long *nr_pages);

/* page_counter_set_high - set the soft limit; usage may exceed it (reclaim pushes it back) */
static inline void page_counter_set_high(struct page_counter *counter, unsigned long nr_pages)
{
	WRITE_ONCE(counter->high, nr_pages);
}

/* page_counter_reset_watermark - restart peak tracking from the current usage */
static inline void page_counter_reset_watermark(struct page_counter *counter)
{
	WRITE_ONCE(counter->watermark, page_counter_read(counter));
}

#endif /* _LINUX_PAGE_COUNTER_H */
