// SPDX-License-Identifier: MIT
/*
 * The held-lock stack of each task and its reports (see <linux/lockdep.h>). The stack lives in
 * the task and is only touched by its own thread, so no locking is needed.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/sched.h>

#include "kernel/locking/locking.h"
#include <krt/lockdep.h>

int debug_locks = 1;
int debug_locks_silent;

/**
 * debug_locks_off - switch lock debugging off (the first problem makes later reports unreliable)
 *
 * Returns 1 if it was on.
 */
int debug_locks_off(void)
{
	return __atomic_exchange_n(&debug_locks, 0, __ATOMIC_RELAXED);
}

static const char *wait_type_str(int wait_type)
{
	switch (wait_type) {
	case LD_WAIT_FREE:
		return "{1:2}";
	case LD_WAIT_SPIN:
		return "{2:2}";
	case LD_WAIT_SLEEP:
		return "{3:3}";
	default:
		return "{0:0}";
	}
}

/**
 * krt_lockdep_print_lock - print one lock the way lockdep lists held locks
 * @lock: the lock's address
 * @name: its name (NULL prints "<unnamed>")
 * @wait_type: enum lockdep_wait_type, printed as lockdep's "{inner:outer}" pair
 * @ip: where it was taken, printed with %pS
 *
 * One line, "<address> (name){....}-{inner:outer}, at: func+off/size", printed with KERN_CONT
 * so that it continues a prefix such as " #N: " that the caller printed.
 */
void krt_lockdep_print_lock(const void *lock, const char *name, int wait_type, unsigned long ip)
{
	printk(KERN_CONT "%px (%s){....}-%s, at: %pS\n", lock, name ?: "<unnamed>",
	       wait_type_str(wait_type), (void *)ip);
}

/**
 * lockdep_print_held_locks - print the locks @p holds, as the kernel's lockdep does
 * @p: the task
 */
void lockdep_print_held_locks(struct task_struct *p)
{
	unsigned int i, depth = READ_ONCE(p->lockdep_depth);
	struct pcpu_hot *hot = READ_ONCE(p->hot);
	int rcu = hot ? READ_ONCE(hot->rcu_read_lock_nesting) : 0;
	unsigned int total = depth + (rcu > 0);

	if (!total)
		printk("no locks held by %s/%d.\n", p->comm, p->pid);
	else
		printk("%u lock%s held by %s/%d:\n", total, total > 1 ? "s" : "", p->comm, p->pid);
	/* Another running task's stack can change under us: only list our own. */
	if (p != current && task_is_running(p))
		return;
	/* rcu_read_lock() keeps a nesting count instead of a stack entry (its fast path). */
	if (rcu > 0)
		printk(" #0: %px (rcu_read_lock){....}-{1:3}, at: rcu_read_lock\n",
		       (void *)&pcpu_hot);
	for (i = 0; i < depth; i++) {
		printk(" #%u: ", i + (rcu > 0));
		krt_lockdep_print_lock(p->held_locks[i].instance, p->held_locks[i].name,
				       p->held_locks[i].wait_type, p->held_locks[i].acquire_ip);
	}
}

/**
 * debug_show_held_locks - print the locks @task holds (if lock debugging is still on)
 * @task: the task
 */
void debug_show_held_locks(struct task_struct *task)
{
	if (!debug_locks) {
		printk("INFO: lockdep is turned off.\n");
		return;
	}
	lockdep_print_held_locks(task);
}

/**
 * lock_acquire_krt - record that current now holds @lock
 * @lock: the lock's address (the identity lockdep_is_held() is asked about)
 * @name: the lock's name for reports
 * @read: 0 exclusive, 1 shared, 2 shared-recursive
 * @wait_type: enum lockdep_wait_type of the lock
 * @ip: where it was taken
 *
 * Pushes an entry on current's held-lock stack. When the stack is full (MAX_LOCK_DEPTH) the
 * lock is not recorded and lock debugging is switched off, with a "BUG: MAX_LOCK_DEPTH too
 * low!" report if it was still on.
 */
void lock_acquire_krt(const void *lock, const char *name, int read, int wait_type,
		      unsigned long ip)
{
	struct task_struct *t = current;
	struct held_lock *hl;

	if (unlikely(t->lockdep_depth >= MAX_LOCK_DEPTH)) {
		if (debug_locks_off()) {
			printk(KERN_ERR "BUG: MAX_LOCK_DEPTH too low!\n");
			printk(KERN_ERR "turning off the locking correctness validator.\n");
			dump_stack();
		}
		return;
	}
	hl = &t->held_locks[t->lockdep_depth++];
	hl->instance = lock;
	hl->name = name;
	hl->acquire_ip = ip;
	hl->read = read;
	hl->wait_type = wait_type;
}

static void print_unlock_imbalance_bug(struct task_struct *t, const void *lock,
				       unsigned long ip)
{
	if (!debug_locks_off())
		return;
	pr_warn("\n");
	pr_warn("=====================================\n");
	pr_warn("WARNING: bad unlock balance detected!\n");
	pr_warn("%s\n", print_tainted());
	pr_warn("-------------------------------------\n");
	pr_warn("%s/%d is trying to release lock (%px) at:\n", t->comm, t->pid, lock);
	pr_warn("[<%px>] %pS\n", (void *)ip, (void *)ip);
	pr_warn("but there are no more locks to release!\n");
	pr_warn("\nother info that might help us debug this:\n");
	lockdep_print_held_locks(t);
	pr_warn("\nstack backtrace:\n");
	dump_stack();
}

/**
 * lock_release_krt - record that current released @lock
 * @lock: the lock's address
 * @ip: where it is released, for the report
 *
 * Removes the most recent entry for @lock from current's held-lock stack: locks need not be
 * released in the order they were taken. Releasing a lock that current does not hold is
 * reported as lockdep's "bad unlock balance detected!", once (the report switches lock
 * debugging off).
 */
void lock_release_krt(const void *lock, unsigned long ip)
{
	struct task_struct *t = current;
	unsigned int i;

	for (i = t->lockdep_depth; i-- > 0;) {
		if (t->held_locks[i].instance != lock)
			continue;
		/* Locks need not be released in LIFO order: close the gap. */
		for (; i + 1 < t->lockdep_depth; i++)
			t->held_locks[i] = t->held_locks[i + 1];
		t->lockdep_depth--;
		return;
	}
	if (debug_locks)
		print_unlock_imbalance_bug(t, lock, ip);
}

/**
 * lock_is_held_type - does current hold @lock in the mode @read?
 * @lock: the lock's address
 * @read: 0 exclusive, 1 or 2 shared (either shared mode matches), -1 any mode
 *
 * Return: LOCK_STATE_HELD or LOCK_STATE_NOT_HELD; LOCK_STATE_UNKNOWN once lock debugging has
 * been switched off (debug_locks is 0), as lockdep answers then.
 */
int lock_is_held_type(const void *lock, int read)
{
	struct task_struct *t = current;
	unsigned int i;

	if (!debug_locks)
		return LOCK_STATE_UNKNOWN;
	for (i = 0; i < t->lockdep_depth; i++) {
		const struct held_lock *hl = &t->held_locks[i];

		if (hl->instance != lock)
			continue;
		if (read == -1 || (read == 0) == (hl->read == 0))
			return LOCK_STATE_HELD;
	}
	return LOCK_STATE_NOT_HELD;
}

/**
 * krt_debug_locks_reset - switch lock debugging back on (for tests that provoked a report)
 */
void krt_debug_locks_reset(void)
{
	__atomic_store_n(&debug_locks, 1, __ATOMIC_RELAXED);
}
