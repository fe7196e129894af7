/* SPDX-License-Identifier: MIT */
/*
 * Allocation context checks. might_alloc() is what every allocation entry point calls: an
 * allocation that may block asserts a context that may sleep, even when the memory would come
 * from a cache. The memalloc_*_save() scopes narrow what every allocation of the calling task
 * may do, whatever flags its callers pass; current_gfp_context() applies them.
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>

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
static __always_inline void might_alloc(gfp_t gfp_mask)
{
	struct task_struct *t = pcpu_hot.current_task;

	fs_reclaim_acquire(gfp_mask);
	fs_reclaim_release(gfp_mask);

	if (!gfpflags_allow_blocking(gfp_mask))
		return;
	/*
	 * Allocations are hot: when nothing makes the context atomic (the usual case) there is
	 * nothing to report, so __might_sleep() is called only when something might be wrong.
	 */
	if (likely(t && !(pcpu_hot.preempt_count | pcpu_hot.irqs_off |
			  pcpu_hot.rcu_read_lock_nesting | t->non_block_count) &&
		   READ_ONCE(t->__state) == TASK_RUNNING && !(t->flags & PF_IDLE)))
		return;
	might_sleep();
}

/**
 * current_gfp_context - @flags narrowed by the calling task's allocation scopes
 * @flags: the flags an allocation was called with
 *
 * Inside memalloc_noio_save() IO and FS are cleared, inside memalloc_nofs_save() FS is, and
 * inside memalloc_pin_save() the allocation may not come from movable memory.
 */
static inline gfp_t current_gfp_context(gfp_t flags)
{
	unsigned int pflags = READ_ONCE(current->flags);

	if (unlikely(pflags & (PF_MEMALLOC_NOIO | PF_MEMALLOC_NOFS | PF_MEMALLOC_PIN))) {
		if (pflags & PF_MEMALLOC_NOIO)
			flags &= ~(__GFP_IO | __GFP_FS);
		else if (pflags & PF_MEMALLOC_NOFS)
			flags &= ~__GFP_FS;
		if (pflags & PF_MEMALLOC_PIN)
			flags &= ~__GFP_MOVABLE;
	}
	return flags;
}

/**
 * memalloc_flags_save - set PF_* allocation-scope @flags on the calling task
 * @flags: PF_MEMALLOC* bits
 *
 * Return: the bits of @flags that were not set before, for memalloc_flags_restore(); nested
 * scopes therefore restore correctly.
 */
static inline unsigned int memalloc_flags_save(unsigned int flags)
{
	unsigned int oldflags = ~current->flags & flags;

	current->flags |= flags;
	return oldflags;
}

/* memalloc_flags_restore - end a scope begun by memalloc_flags_save() */
static inline void memalloc_flags_restore(unsigned int flags)
{
	current->flags &= ~flags;
}

/* memalloc_noio_save - allocations in this scope start no IO (nor FS calls) */
static inline unsigned int memalloc_noio_save(void)
{
	return memalloc_flags_save(PF_MEMALLOC_NOIO);
}

static inline void memalloc_noio_restore(unsigned int flags)
{
	memalloc_flags_restore(flags);
}

/* memalloc_nofs_save - allocations in this scope do not call into file systems */
static inline unsigned int memalloc_nofs_save(void)
{
	return memalloc_flags_save(PF_MEMALLOC_NOFS);
}

static inline void memalloc_nofs_restore(unsigned int flags)
{
	memalloc_flags_restore(flags);
}

/*
 * memalloc_noreclaim_save - the caller is reclaiming: allocations may use every reserve and
 * never recurse into reclaim
 */
static inline unsigned int memalloc_noreclaim_save(void)
{
	return memalloc_flags_save(PF_MEMALLOC);
}

static inline void memalloc_noreclaim_restore(unsigned int flags)
{
	memalloc_flags_restore(flags);
}

/* memalloc_pin_save - allocations in this scope stay out of movable memory (long-term pins) */
static inline unsigned int memalloc_pin_save(void)
{
	return memalloc_flags_save(PF_MEMALLOC_PIN);
}

static inline void memalloc_pin_restore(unsigned int flags)
{
	memalloc_flags_restore(flags);
}

/**
 * memalloc_retry_wait - pause before retrying a failed allocation
 * @gfp_flags: the flags of the allocation that failed
 *
 * A blocking allocation that may retry waits one tick, anything else HZ/50.
 */
static inline void memalloc_retry_wait(gfp_t gfp_flags)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	gfp_flags = current_gfp_context(gfp_flags);
	if (gfpflags_allow_blocking(gfp_flags) && !(gfp_flags & __GFP_NORETRY))
		schedule_timeout(1);
	else
		schedule_timeout(HZ / 50);
}

struct mem_cgroup;

/**
 * set_active_memcg - charge the calling task's __GFP_ACCOUNT allocations to @memcg
 * @memcg: the memory cgroup, or NULL for the task's own
 *
 * Return: the previous active memcg, to restore afterwards.
 */
static inline struct mem_cgroup *set_active_memcg(struct mem_cgroup *memcg)
{
	struct mem_cgroup *old = current->active_memcg;

	current->active_memcg = memcg;
	return old;
}

#endif /* _LINUX_SCHED_MM_H */
