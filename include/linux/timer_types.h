/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TIMER_TYPES_H
#define _LINUX_TIMER_TYPES_H

#include <linux/lockdep_types.h>
#include <linux/types.h>

/*
 * A timer: @function(@timer) runs on the timer thread, in emulated softirq context, once jiffies
 * reaches @expires. entry.pprev is non-NULL while the timer is pending (timer_pending()).
 */
struct timer_list {
	struct hlist_node	entry;
	unsigned long		expires;
	void			(*function)(struct timer_list *);
	u32			flags;
	/* krt: the timer's slot in the timer heap while pending */
	unsigned int		krt_heap_idx;
	struct lockdep_map	lockdep_map;
};

#endif /* _LINUX_TIMER_TYPES_H */
