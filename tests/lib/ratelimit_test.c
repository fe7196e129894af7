// SPDX-License-Identifier: MIT
/*
 * Rate limiting: the burst per interval, the "callbacks suppressed" report when the next
 * interval opens, RATELIMIT_MSG_ON_RELEASE, no limit / no burst, a busy state suppressing,
 * printk_ratelimited() and printk_ratelimit().
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <krt/printk.h>

static void ratelimit_allows_burst_per_interval(struct kunit *test)
{
	DEFINE_RATELIMIT_STATE(rs, 1000 * HZ, 3);
	int i, allowed = 0;

	for (i = 0; i < 10; i++)
		allowed += __ratelimit(&rs);
	KUNIT_EXPECT_EQ(test, allowed, 3);
	KUNIT_EXPECT_EQ(test, rs.printed, 3);
	KUNIT_EXPECT_EQ(test, rs.missed, 7);
}

static void ratelimit_reports_suppressed_at_next_interval(struct kunit *test)
{
	struct ratelimit_state rs;
	char expect[128];
	int i;

	ratelimit_state_init(&rs, 2, 1);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 1);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 0);
	/* Let the interval pass. */
	rs.begin = jiffies - 3;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 1);
	snprintf(expect, sizeof(expect), "%s: 4 callbacks suppressed\n", __func__);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), expect);
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, rs.missed, 0);
}

static void ratelimit_msg_on_release_reports_at_exit(struct kunit *test)
{
	struct ratelimit_state rs;
	char expect[128];

	ratelimit_state_init(&rs, 2, 1);
	ratelimit_set_flags(&rs, RATELIMIT_MSG_ON_RELEASE);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 1);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 0);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 0);
	rs.begin = jiffies - 3;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 1);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	ratelimit_state_exit(&rs);
	snprintf(expect, sizeof(expect), "%s: 2 output lines suppressed due to ratelimiting\n",
		 current->comm);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), expect);
	krt_printk_capture_end();
}

static void ratelimit_zero_interval_and_zero_burst(struct kunit *test)
{
	DEFINE_RATELIMIT_STATE(unlimited, 0, 1);
	DEFINE_RATELIMIT_STATE(none, HZ, 0);
	int i;

	for (i = 0; i < 50; i++) {
		KUNIT_EXPECT_EQ(test, __ratelimit(&unlimited), 1);
		KUNIT_EXPECT_EQ(test, __ratelimit(&none), 0);
	}
}

static void ratelimit_busy_state_suppresses(struct kunit *test)
{
	DEFINE_RATELIMIT_STATE(rs, HZ, 10);

	raw_spin_lock(&rs.lock);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 0);
	raw_spin_unlock(&rs.lock);
	KUNIT_EXPECT_EQ(test, __ratelimit(&rs), 1);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

static void printk_ratelimited_prints_burst(struct kunit *test)
{
	int i;

	krt_printk_capture_begin(false);
	for (i = 0; i < 25; i++)
		printk_ratelimited(KERN_INFO "ratelimited line %d\n", i);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("ratelimited line"),
			DEFAULT_RATELIMIT_BURST);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("ratelimited line 9\n"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("ratelimited line 10\n"));
	krt_printk_capture_end();
}

static void printk_ratelimit_shares_one_state(struct kunit *test)
{
	int i, allowed = 0;

	printk_ratelimit_state.begin = 0;
	printk_ratelimit_state.printed = 0;
	printk_ratelimit_state.missed = 0;
	for (i = 0; i < 15; i++)
		allowed += printk_ratelimit();
	for (i = 0; i < 5; i++)
		allowed += __printk_ratelimit(__func__);
	KUNIT_EXPECT_EQ(test, allowed, 10);
	printk_ratelimit_state.missed = 0;
}

static struct kunit_case ratelimit_test_cases[] = {
	KUNIT_CASE(ratelimit_allows_burst_per_interval),
	KUNIT_CASE(ratelimit_reports_suppressed_at_next_interval),
	KUNIT_CASE(ratelimit_msg_on_release_reports_at_exit),
	KUNIT_CASE(ratelimit_zero_interval_and_zero_burst),
	KUNIT_CASE(ratelimit_busy_state_suppresses),
	KUNIT_CASE(printk_ratelimited_prints_burst),
	KUNIT_CASE(printk_ratelimit_shares_one_state),
	{}
};

static struct kunit_suite ratelimit_test_suite = {
	.name = "ratelimit",
	.test_cases = ratelimit_test_cases,
};
kunit_test_suite(ratelimit_test_suite);
