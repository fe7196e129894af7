// SPDX-License-Identifier: MIT
/*
 * CONFIG_DEBUG_ATOMIC_SLEEP: might_sleep() and cant_sleep() checks with the kernel's reports,
 * ratelimited to one per second like the kernel's.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <krt/printk.h>

static unsigned long might_sleep_prev_jiffy;
static unsigned long cant_sleep_prev_jiffy;

/**
 * krt_might_sleep_ratelimit_reset - re-arm the might_sleep()/cant_sleep() reports
 *
 * The reports are ratelimited to one per second, like the kernel's; a test that provokes and
 * checks two reports in a row calls this in between.
 */
void krt_might_sleep_ratelimit_reset(void)
{
	WRITE_ONCE(might_sleep_prev_jiffy, 0);
	WRITE_ONCE(cant_sleep_prev_jiffy, 0);
}

/* True when a report was printed less than a second ago (and arms the limit otherwise). */
static bool report_ratelimited(unsigned long *prev)
{
	unsigned long p = READ_ONCE(*prev);

	if (p && time_before(jiffies, p + HZ))
		return true;
	WRITE_ONCE(*prev, jiffies);
	return false;
}

/**
 * __might_resched - report a call that may sleep from atomic context
 * @file: source file of the call
 * @line: its line
 * @offsets: the preempt count the caller legitimately holds
 */
void __might_resched(const char *file, int line, unsigned int offsets)
{
	struct task_struct *t = current;

	/* As the kernel: sleeping inside rcu_read_lock() is also a lockdep-RCU splat (once). */
	rcu_sleep_check();

	if ((preempt_count() == (int)(offsets & 0xff) && !irqs_disabled() &&
	     !is_idle_task(t) && !t->non_block_count) ||
	    system_state == SYSTEM_BOOTING || system_state > SYSTEM_RUNNING || oops_in_progress)
		return;
	if (report_ratelimited(&might_sleep_prev_jiffy))
		return;

	pr_err("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, non_block: %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), t->non_block_count, t->pid, t->comm);
	pr_err("preempt_count: %x, expected: %x\n", preempt_count(), offsets & 0xff);
	debug_show_held_locks(t);
	dump_stack();
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
}

/**
 * __might_sleep - the check behind might_sleep()
 * @file: source file of the call
 * @line: its line
 */
void __might_sleep(const char *file, int line)
{
	struct task_struct *t = current;
	unsigned int state = READ_ONCE(t->__state);

	WARN_ONCE(state != TASK_RUNNING && t->task_state_change,
		  "do not call blocking ops when !TASK_RUNNING; state=%x set at [<%p>] %pS\n",
		  state, (void *)t->task_state_change, (void *)t->task_state_change);
	__might_resched(file, line, 0);
}

/**
 * __cant_sleep - the check behind cant_sleep(): report a call from preemptible context
 * @file: source file of the call
 * @line: its line
 * @preempt_offset: the preempt count that still counts as preemptible
 */
void __cant_sleep(const char *file, int line, int preempt_offset)
{
	struct task_struct *t;

	if (irqs_disabled())
		return;
	if (preempt_count() > preempt_offset)
		return;
	if (report_ratelimited(&cant_sleep_prev_jiffy))
		return;
	t = current;
	printk(KERN_ERR "BUG: assuming atomic context at %s:%d\n", file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n", in_atomic(),
	       irqs_disabled(), t->pid, t->comm);
	debug_show_held_locks(t);
	dump_stack();
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
}

/**
 * __cant_migrate - the kernel's check behind cant_migrate(): does nothing in krt
 * @file: source file of the call
 * @line: its line
 *
 * krt's cant_migrate() is an empty macro; this definition only lets code that calls
 * __cant_migrate() directly link.
 */
void __cant_migrate(const char *file, int line)
{
}

/**
 * non_block_start - begin a section that must not sleep although it is preemptible
 */
void non_block_start(void)
{
	current->non_block_count++;
}

/**
 * non_block_end - end a non_block_start() section
 */
void non_block_end(void)
{
	WARN_ON(current->non_block_count == 0);
	current->non_block_count--;
}

/**
 * krt_preempt_count_underflow - report an unbalanced preempt_enable()
 * @val: the amount that was to be subtracted from the preempt count (unused)
 *
 * Called by __preempt_count_sub() instead of letting the count go negative, as
 * CONFIG_DEBUG_PREEMPT does: report once (a WARN) and leave the count alone.
 */
void krt_preempt_count_underflow(int val)
{
	WARN_ONCE(1, "DEBUG_LOCKS_WARN_ON(val > preempt_count())");
}
