// SPDX-License-Identifier: MIT
/*
 * Lockdep-RCU: the "suspicious RCU usage" report (CONFIG_PROVE_RCU) and the read side's slow
 * paths.
 */
#include <linux/rcupdate.h>
#include <linux/rcupdate_wait.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/lockdep.h>
#include <linux/export.h>

#ifdef KRT_TSAN
char krt_rcu_tsan_gp;
#endif

/* The lock class rcu_read_lock() stands for in lockdep's reports. */
static struct lockdep_map rcu_lock_map = STATIC_LOCKDEP_MAP_INIT("rcu_read_lock", NULL);

/* RCU is always running in krt (the kernel's RCU_SCHEDULER_RUNNING). */
#define RCU_SCHEDULER_RUNNING 2

/**
 * debug_lockdep_rcu_enabled - are lockdep-RCU checks on?
 *
 * Off once lockdep switched itself off after a first problem, and while lockdep itself runs.
 */
int debug_lockdep_rcu_enabled(void)
{
	return READ_ONCE(debug_locks) && !current->lockdep_recursion;
}
EXPORT_SYMBOL(debug_lockdep_rcu_enabled);

/**
 * lockdep_rcu_suspicious - report a suspicious RCU usage, as CONFIG_PROVE_RCU does
 * @file: source file of the check
 * @line: its line
 * @s: what is wrong (printed with a "!" appended)
 */
void lockdep_rcu_suspicious(const char *file, const int line, const char *s)
{
	struct task_struct *curr = current;
	int dl = READ_ONCE(debug_locks);

	pr_warn("\n");
	pr_warn("=============================\n");
	pr_warn("WARNING: suspicious RCU usage\n");
	pr_warn("%s\n", print_tainted());
	pr_warn("-----------------------------\n");
	pr_warn("%s:%d %s!\n", file, line, s);
	pr_warn("\nother info that might help us debug this:\n\n");
	pr_warn("\nrcu_scheduler_active = %d, debug_locks = %d\n%s", RCU_SCHEDULER_RUNNING, dl,
		dl ? "" : "Possible false positive due to lockdep disabling via debug_locks = 0\n");
	lockdep_print_held_locks(curr);
	pr_warn("\nstack backtrace:\n");
	dump_stack();
}
EXPORT_SYMBOL(lockdep_rcu_suspicious);

/**
 * krt_rcu_read_unlock_imbalance - report an RCU read unlock without a read lock
 * @ip: where the unlock was
 *
 * Reported by lockdep as a release of "rcu_read_lock" that is not held; the unlock itself is
 * not performed, so liburcu's and the preempt count's state stay consistent.
 */
void krt_rcu_read_unlock_imbalance(unsigned long ip)
{
	lock_release_krt(&rcu_lock_map, ip);
}
EXPORT_SYMBOL(krt_rcu_read_unlock_imbalance);

/**
 * wakeme_after_rcu - complete the struct rcu_synchronize around @head
 * @head: the rcu_head of a struct rcu_synchronize
 */
void wakeme_after_rcu(struct rcu_head *head)
{
	struct rcu_synchronize *rcu = container_of(head, struct rcu_synchronize, head);

	complete(&rcu->completion);
}
EXPORT_SYMBOL(wakeme_after_rcu);

/**
 * __wait_rcu_gp - wait for the grace periods of several call_rcu()-like functions
 * @checktiny: unused (krt is not Tiny RCU)
 * @state: the task state to wait in (TASK_UNINTERRUPTIBLE...)
 * @n: the number of functions
 * @crcu_array: the functions; a function listed twice is waited for once
 * @rs_array: one struct rcu_synchronize per function, for the waits
 */
void __wait_rcu_gp(bool checktiny, unsigned int state, int n, call_rcu_func_t *crcu_array,
		   struct rcu_synchronize *rs_array)
{
	int i, j;

	for (i = 0; i < n; i++) {
		might_sleep();
		for (j = 0; j < i; j++)
			if (crcu_array[j] == crcu_array[i])
				break;
		if (j == i) {
			init_rcu_head_on_stack(&rs_array[i].head);
			init_completion(&rs_array[i].completion);
			(crcu_array[i])(&rs_array[i].head, wakeme_after_rcu);
		}
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (crcu_array[j] == crcu_array[i])
				break;
		if (j == i) {
			wait_for_completion_state(&rs_array[i].completion, state);
			destroy_rcu_head_on_stack(&rs_array[i].head);
		}
	}
}
EXPORT_SYMBOL(__wait_rcu_gp);
