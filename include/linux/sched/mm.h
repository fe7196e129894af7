/* SPDX-License-Identifier: MIT */
/*
 * Allocation context checks. might_alloc() is what every allocation entry point calls: an
 * allocation that may block asserts a context that may sleep, even when the memory would come
 * from a cache. (The memalloc_*_save() scopes come with krt's page allocator.)
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/gfp.h>

/* Lockdep's fs_reclaim annotations: krt's lockdep does not build the dependency graph. */
static inline void fs_reclaim_acquire(gfp_t gfp_mask)
{
	(void)gfp_mask;
}

static inline void fs_reclaim_release(gfp_t gfp_mask)
{
	(void)gfp_mask;
}

/**
 * might_alloc - mark a place that may allocate with @gfp_mask
 * @gfp_mask: the allocation flags
 *
 * Reports "BUG: sleeping function called from invalid context" when @gfp_mask allows
 * blocking and the caller is atomic (spinlock held, rcu_read_lock(), softirq...).
 */
static inline void might_alloc(gfp_t gfp_mask)
{
	fs_reclaim_acquire(gfp_mask);
	fs_reclaim_release(gfp_mask);

	might_sleep_if(gfpflags_allow_blocking(gfp_mask));
}

#endif /* _LINUX_SCHED_MM_H */
