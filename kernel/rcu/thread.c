// SPDX-License-Identifier: MIT
/*
 * Every task's thread is registered with liburcu while it is in krt, so rcu_read_lock() works
 * in any thread without a call to rcu_register_thread(). A thread that leaves krt hands its
 * queued callbacks to the grace-period kthread.
 */
#include <linux/sched.h>
#include <linux/rcupdate.h>

#include "kernel/sched/sched.h"
#include "kernel/rcu/rcu.h"

void krt_sched_thread_online(struct task_struct *t)
{
	urcu_memb_register_thread();
}

void krt_sched_thread_offline(struct task_struct *t)
{
	WARN_ON_ONCE(pcpu_hot.rcu_read_lock_nesting);
	rcu_thread_offline();
	urcu_memb_unregister_thread();
}
