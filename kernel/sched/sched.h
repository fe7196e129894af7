/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

#include <linux/sched.h>

struct host_thread;

/* Bookkeeping of a thread started by krt_thread_create() (task->krt_private). */
struct krt_thread {
	int (*fn)(void *data);
	void *data;
	struct host_thread *thread;
	u32 exited;
};

/* Per-thread set-up and tear-down of other subsystems (RCU registration). */
void krt_sched_thread_online(struct task_struct *t);
void krt_sched_thread_offline(struct task_struct *t);


#endif /* _KERNEL_SCHED_SCHED_H */
