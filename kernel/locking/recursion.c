// SPDX-License-Identifier: MIT
/*
 * Self-deadlock reports. krt's lockdep keeps no lock-order graph, but the one deadlock that a
 * single task can cause alone - taking a lock it already holds - is caught by every sleeping
 * lock and rwlock from its owner field and the held-lock stack, and reported the way the
 * kernel's lockdep reports it. The caller then BUG()s where the kernel would hang.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/sched.h>

#include "kernel/locking/locking.h"

/**
 * krt_held_lock_find - the entry for @lock in current's held-lock stack
 * @lock: the lock
 *
 * The stack is kept whether or not lock debugging is still on. Returns NULL if current does
 * not hold @lock.
 */
struct held_lock *krt_held_lock_find(const void *lock)
{
	struct task_struct *t = current;
	unsigned int i;

	for (i = t->lockdep_depth; i-- > 0;) {
		if (t->held_locks[i].instance == lock)
			return &t->held_locks[i];
	}
	return NULL;
}

/**
 * krt_report_recursive_locking - lockdep's "possible recursive locking detected" report
 * @lock: the lock current tries to take again
 * @name: its name
 * @wait_type: LD_WAIT_SPIN or LD_WAIT_SLEEP
 * @ip: where the new acquisition happens
 *
 * Printed only by the first lock report of the run, as lockdep switches itself off then.
 */
void krt_report_recursive_locking(const void *lock, const char *name, int wait_type,
				  unsigned long ip)
{
	struct task_struct *t = current;
	struct held_lock *prev = krt_held_lock_find(lock);

	if (!debug_locks_off() || debug_locks_silent)
		return;

	pr_warn("\n");
	pr_warn("============================================\n");
	pr_warn("WARNING: possible recursive locking detected\n");
	pr_warn("%s\n", print_tainted());
	pr_warn("--------------------------------------------\n");
	pr_warn("%s/%d is trying to acquire lock:\n", t->comm, t->pid);
	krt_lockdep_print_lock(lock, name, wait_type, ip);
	pr_warn("\nbut task is already holding lock:\n");
	if (prev)
		krt_lockdep_print_lock(prev->instance, prev->name, prev->wait_type, prev->acquire_ip);
	else
		krt_lockdep_print_lock(lock, name, wait_type, 0);
	pr_warn("\nother info that might help us debug this:\n");
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0\n");
	printk("       ----\n");
	printk("  lock(%s);\n", name ?: "<unnamed>");
	printk("  lock(%s);\n", name ?: "<unnamed>");
	printk("\n *** DEADLOCK ***\n\n");
	printk(" May be due to missing lock nesting notation\n\n");
	lockdep_print_held_locks(t);
	pr_warn("\nstack backtrace:\n");
	dump_stack();
}
