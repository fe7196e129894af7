// SPDX-License-Identifier: MIT
/* Delays: sleeping ones sleep at least as long as asked, busy ones work in atomic context. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include <krt/printk.h>
#include <krt/thread.h>

static void delay_msleep_at_least(struct kunit *test)
{
	u64 t0 = ktime_get_ns();

	msleep(15);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 15ull * NSEC_PER_MSEC);
}

static void delay_usleep_range_at_least_min(struct kunit *test)
{
	u64 t0 = ktime_get_ns();

	usleep_range(3000, 4000);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 3000ull * NSEC_PER_USEC);
	KUNIT_EXPECT_EQ(test, READ_ONCE(current->__state), TASK_RUNNING);
}

static void delay_busy_waits_in_atomic(struct kunit *test)
{
	u64 t0;

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	preempt_disable();
	t0 = ktime_get_ns();
	udelay(200);
	ndelay(1000);
	mdelay(1);
	preempt_enable();
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 1200ull * NSEC_PER_USEC);
	/* Busy delays never sleep: nothing to report. */
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void delay_msleep_in_atomic_reports(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	preempt_disable();
	usleep_range(10, 20);
	preempt_enable();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context"));
	krt_printk_capture_end();
}

static struct task_struct *interruptible_task;

static int interruptible_sleeper(void *data)
{
	WRITE_ONCE(interruptible_task, current);
	return msleep_interruptible(10000);
}

static void delay_msleep_interruptible_ends_on_signal(struct kunit *test)
{
	struct task_struct *t = krt_thread_create(interruptible_sleeper, NULL, "msleep-int");
	int left;

	while (!READ_ONCE(interruptible_task))
		msleep(1);
	msleep(10);
	send_sig(2, t, 0);
	left = krt_thread_join(t);
	/* Woken early: most of the 10 s are left. */
	KUNIT_EXPECT_GT(test, left, 9000);
	interruptible_task = NULL;
}

static struct kunit_case delay_test_cases[] = {
	KUNIT_CASE(delay_msleep_at_least),
	KUNIT_CASE(delay_usleep_range_at_least_min),
	KUNIT_CASE(delay_busy_waits_in_atomic),
	KUNIT_CASE(delay_msleep_in_atomic_reports),
	KUNIT_CASE(delay_msleep_interruptible_ends_on_signal),
	{}
};

static struct kunit_suite delay_test_suite = {
	.name = "delay",
	.test_cases = delay_test_cases,
};
kunit_test_suite(delay_test_suite);
