/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_WORKQUEUE_TYPES_H
#define _LINUX_WORKQUEUE_TYPES_H

#include <linux/atomic.h>
#include <linux/lockdep_types.h>
#include <linux/timer_types.h>
#include <linux/types.h>

struct workqueue_struct;

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
void delayed_work_timer_fn(struct timer_list *t);

/*
 * A work item. @data holds the WORK_STRUCT_* state bits (PENDING from queueing until a worker
 * picks the item up). The krt_ fields are krt's bookkeeping: the workqueue the item is queued
 * on and its place in that queue's list of unfinished items (for flush_workqueue()).
 */
struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
	struct workqueue_struct *krt_wq;
	struct list_head krt_inflight;
	unsigned int krt_disable;
	struct lockdep_map lockdep_map;
};

#endif /* _LINUX_WORKQUEUE_TYPES_H */
