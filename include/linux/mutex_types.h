/* SPDX-License-Identifier: MIT */
#ifndef __LINUX_MUTEX_TYPES_H
#define __LINUX_MUTEX_TYPES_H

#include <linux/types.h>
#include <linux/lockdep_types.h>
#include <linux/spinlock_types_raw.h>

/*
 * A sleeping lock. @owner is the holding task (low bits: flags); waiters queue on @wait_list
 * under @wait_lock and sleep with the task-state protocol, so signals can interrupt
 * mutex_lock_interruptible(). @dep_map comes first so that lockdep sees the same address
 * whether code names the mutex or its dep_map.
 */
struct mutex {
	struct lockdep_map	dep_map;
	atomic_long_t		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;
	void			*magic;
};

#endif /* __LINUX_MUTEX_TYPES_H */
