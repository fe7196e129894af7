// SPDX-License-Identifier: MIT
/* The task model: current, comm, sleeping and waking, signals, preempt count, might_sleep. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/preempt.h>
#include <linux/hardirq.h>
#include <krt/printk.h>
#include <krt/thread.h>

static void sched_current_is_per_thread(struct kunit *test)
{
	struct task_struct *me = current;
	char comm[TASK_COMM_LEN];

	KUNIT_EXPECT_PTR_EQ(test, me, current);
	KUNIT_EXPECT_GT(test, me->pid, 0);
	set_task_comm(me, "sched-test-renamed-beyond-16");
	get_task_comm(comm, me);
	KUNIT_EXPECT_STREQ(test, comm, "sched-test-rena");
}

static struct task_struct *child_task;
static int child_fn(void *data)
{
	child_task = current;
	return *(int *)data + 1;
}

static void sched_thread_create_join(struct kunit *test)
{
	int arg = 41;
	struct task_struct *t = krt_thread_create(child_fn, &arg, "krt-child");

	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_STREQ(test, t->comm, "krt-child");
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 42);
	KUNIT_EXPECT_PTR_EQ(test, child_task, t);
	KUNIT_EXPECT_PTR_NE(test, child_task, current);
}

struct sleeper {
	struct task_struct *task;
	int flag;
	long ret;
};

static int sleeper_fn(void *data)
{
	struct sleeper *s = data;

	WRITE_ONCE(s->task, current);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(s->flag))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void sched_wake_up_process(struct kunit *test)
{
	struct sleeper s = {};
	struct task_struct *t = krt_thread_create(sleeper_fn, &s, "sleeper");

	while (!READ_ONCE(s.task))
		msleep(1);
	msleep(10);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->__state), TASK_UNINTERRUPTIBLE);
	WRITE_ONCE(s.flag, 1);
	KUNIT_EXPECT_EQ(test, wake_up_process(t), 1);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
}

static void sched_wake_running_task_is_noop(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, wake_up_process(current), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(current->__state), TASK_RUNNING);
}

static void sched_schedule_timeout_expires(struct kunit *test)
{
	u64 t0 = ktime_get_ns();
	long left;

	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(msecs_to_jiffies(20));
	KUNIT_EXPECT_EQ(test, left, 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(current->__state), TASK_RUNNING);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 19ull * NSEC_PER_MSEC);
}

static int signal_sleeper(void *data)
{
	struct sleeper *s = data;

	WRITE_ONCE(s->task, current);
	s->ret = schedule_timeout_interruptible(MAX_SCHEDULE_TIMEOUT - 1);
	return signal_pending(current) ? 1 : 0;
}

static void sched_signal_interrupts_sleep(struct kunit *test)
{
	struct sleeper s = {};
	struct task_struct *t = krt_thread_create(signal_sleeper, &s, "sig-sleeper");

	while (!READ_ONCE(s.task))
		msleep(1);
	msleep(5);
	send_sig(2, t, 0);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 1);
	KUNIT_EXPECT_GT(test, s.ret, 0);
}

static void sched_preempt_count_contexts(struct kunit *test)
{
	unsigned long flags;

	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_TRUE(test, in_task());
	preempt_disable();
	KUNIT_EXPECT_TRUE(test, in_atomic());
	KUNIT_EXPECT_FALSE(test, in_interrupt());
	preempt_enable();
	local_bh_disable();
	KUNIT_EXPECT_TRUE(test, in_softirq());
	KUNIT_EXPECT_FALSE(test, in_serving_softirq());
	local_bh_enable();
	irq_enter();
	KUNIT_EXPECT_TRUE(test, in_hardirq());
	KUNIT_EXPECT_FALSE(test, in_task());
	irq_exit();
	local_irq_save(flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	local_irq_restore(flags);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
}

static void sched_might_sleep_in_atomic(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	preempt_disable();
	might_sleep();
	preempt_enable();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context at tests/kernel/sched_test.c:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("preempt_count: 1, expected: 0"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Call Trace:"));
	krt_printk_capture_end();
}

static void sched_might_sleep_irqs_disabled(struct kunit *test)
{
	unsigned long flags;

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	local_irq_save(flags);
	might_sleep();
	local_irq_restore(flags);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("in_atomic(): 0, irqs_disabled(): 1"));
	krt_printk_capture_end();
}

static void sched_might_sleep_ratelimited(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	preempt_disable();
	might_sleep();
	might_sleep();	/* within the same second: no second report, as in the kernel */
	preempt_enable();
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG: sleeping function"), 1);
	krt_printk_capture_end();
}

static void sched_might_sleep_ok_in_task(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	might_sleep();
	might_sleep_if(true);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void sched_cant_sleep(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	preempt_disable();
	cant_sleep();	/* fine: atomic */
	preempt_enable();
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	cant_sleep();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: assuming atomic context at tests/kernel/sched_test.c:"));
	krt_printk_capture_end();
}

static void sched_non_block_section(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	non_block_start();
	might_sleep();
	non_block_end();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("non_block: 1"));
	krt_printk_capture_end();
}

static void sched_preempt_underflow_reported(struct kunit *test)
{
	krt_printk_capture_begin(false);
	preempt_enable();	/* unbalanced */
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("DEBUG_LOCKS_WARN_ON(val > preempt_count())"));
	krt_printk_capture_end();
}

static void sched_jiffies(struct kunit *test)
{
	unsigned long j = jiffies;

	KUNIT_EXPECT_EQ(test, HZ, 250);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(1000), 250ul);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(1), 1ul);	/* rounds up */
	KUNIT_EXPECT_EQ(test, jiffies_to_msecs(250), 1000u);
	msleep(12);
	KUNIT_EXPECT_TRUE(test, time_after(jiffies, j));
	KUNIT_EXPECT_TRUE(test, time_before(j, jiffies));
	/* jiffies start 5 minutes before the 32-bit wrap. */
	KUNIT_EXPECT_GE(test, get_jiffies_64(), (u64)INITIAL_JIFFIES);
}

static struct kunit_case sched_test_cases[] = {
	KUNIT_CASE(sched_current_is_per_thread),
	KUNIT_CASE(sched_thread_create_join),
	KUNIT_CASE(sched_wake_up_process),
	KUNIT_CASE(sched_wake_running_task_is_noop),
	KUNIT_CASE(sched_schedule_timeout_expires),
	KUNIT_CASE(sched_signal_interrupts_sleep),
	KUNIT_CASE(sched_preempt_count_contexts),
	KUNIT_CASE(sched_might_sleep_in_atomic),
	KUNIT_CASE(sched_might_sleep_irqs_disabled),
	KUNIT_CASE(sched_might_sleep_ratelimited),
	KUNIT_CASE(sched_might_sleep_ok_in_task),
	KUNIT_CASE(sched_cant_sleep),
	KUNIT_CASE(sched_non_block_section),
	KUNIT_CASE(sched_preempt_underflow_reported),
	KUNIT_CASE(sched_jiffies),
	{}
};

static struct kunit_suite sched_test_suite = {
	.name = "sched",
	.test_cases = sched_test_cases,
};
kunit_test_suite(sched_test_suite);
