// SPDX-License-Identifier: MIT
/*
 * Completions: counting complete(), complete_all() until reinit, the waits' return values
 * (timeouts, -ERESTARTSYS for interruptible and killable waits), try_wait_for_completion(),
 * completion_done(), and one complete() waking exactly one waiter.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>

#include "locking_helpers.h"

static DECLARE_COMPLETION(static_done);

static void complete_then_wait_returns_at_once(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(done);

	KUNIT_EXPECT_FALSE(test, completion_done(&done));
	complete(&done);
	KUNIT_EXPECT_TRUE(test, completion_done(&done));
	wait_for_completion(&done);
	KUNIT_EXPECT_FALSE(test, completion_done(&done));

	KUNIT_EXPECT_FALSE(test, completion_done(&static_done));
	complete(&static_done);
	wait_for_completion(&static_done);
}

static void complete_counts(struct kunit *test)
{
	struct completion done;

	init_completion(&done);
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&done));
	complete(&done);
	complete(&done);
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&done));
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&done));
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&done));
	KUNIT_EXPECT_FALSE(test, completion_done(&done));
}

static void complete_all_until_reinit(struct kunit *test)
{
	struct completion done;
	int i;

	init_completion(&done);
	complete_all(&done);
	for (i = 0; i < 5; i++) {
		wait_for_completion(&done);
		KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&done));
	}
	KUNIT_EXPECT_TRUE(test, completion_done(&done));
	/* complete() after complete_all() does not wrap the count. */
	complete(&done);
	KUNIT_EXPECT_EQ(test, done.done, UINT_MAX);
	reinit_completion(&done);
	KUNIT_EXPECT_FALSE(test, completion_done(&done));
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&done));
}

static void wait_for_completion_timeout_return_values(struct kunit *test)
{
	struct completion done;
	unsigned long start;

	init_completion(&done);
	start = jiffies;
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&done, 3), 0UL);
	KUNIT_EXPECT_GE(test, jiffies - start, 2UL);
	KUNIT_EXPECT_EQ(test, wait_for_completion_interruptible_timeout(&done, 2), 0L);
	KUNIT_EXPECT_EQ(test, wait_for_completion_killable_timeout(&done, 2), 0L);
	KUNIT_EXPECT_EQ(test, wait_for_completion_io_timeout(&done, 2), 0UL);

	complete(&done);
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&done, 10), 10UL);
	/* Completed with no time to wait at all still counts as success. */
	complete(&done);
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&done, 0), 1UL);
}

struct completer {
	struct completion *done;
	unsigned int delay_ms;
	int sig;
	struct task_struct *target;
	bool all;
};

static int completer_thread(void *data)
{
	struct completer *c = data;

	msleep(c->delay_ms);
	if (c->sig)
		send_sig(c->sig, c->target, 0);
	else if (c->all)
		complete_all(c->done);
	else
		complete(c->done);
	return 0;
}

static struct task_struct *start_completer(struct kunit *test, struct completer *c)
{
	struct task_struct *t = krt_thread_create(completer_thread, c, "completer");

	KUNIT_EXPECT_FALSE(test, IS_ERR(t));
	return IS_ERR(t) ? NULL : t;
}

static void wait_for_completion_from_other_task(struct kunit *test)
{
	struct completion done;
	struct completer c = { .done = &done, .delay_ms = 20 };
	struct task_struct *t;
	long left;

	init_completion(&done);
	t = start_completer(test, &c);
	wait_for_completion(&done);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	if (t)
		krt_thread_join(t);

	t = start_completer(test, &c);
	left = wait_for_completion_interruptible_timeout(&done, 10 * HZ);
	KUNIT_EXPECT_GT(test, left, 0L);
	KUNIT_EXPECT_LE(test, left, 10L * HZ);
	if (t)
		krt_thread_join(t);

	t = start_completer(test, &c);
	KUNIT_EXPECT_EQ(test, wait_for_completion_killable(&done), 0);
	if (t)
		krt_thread_join(t);
	KUNIT_EXPECT_FALSE(test, completion_done(&done));
}

static void wait_for_completion_interrupted(struct kunit *test)
{
	struct completion done;
	struct completer sig = { .done = &done, .delay_ms = 20, .sig = SIGINT,
				 .target = current };
	struct task_struct *t;

	init_completion(&done);
	send_sig(SIGINT, current, 0);
	KUNIT_EXPECT_EQ(test, wait_for_completion_interruptible(&done), -ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, wait_for_completion_interruptible_timeout(&done, HZ),
			(long)-ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, wait_for_completion_state(&done, TASK_INTERRUPTIBLE), -ERESTARTSYS);
	/* Already completed: the signal does not matter. */
	complete(&done);
	KUNIT_EXPECT_EQ(test, wait_for_completion_interruptible(&done), 0);
	flush_signals(current);

	t = start_completer(test, &sig);
	KUNIT_EXPECT_EQ(test, wait_for_completion_interruptible(&done), -ERESTARTSYS);
	if (t)
		krt_thread_join(t);
	flush_signals(current);
	/* Nothing was consumed by the interrupted wait. */
	complete(&done);
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&done));
}

static void wait_for_completion_killable_needs_sigkill(struct kunit *test)
{
	struct completion done;
	struct completer sig = { .done = &done, .delay_ms = 10, .sig = SIGINT,
				 .target = current };
	struct completer fin = { .done = &done, .delay_ms = 60 };
	struct task_struct *t1, *t2;

	init_completion(&done);
	t1 = start_completer(test, &sig);
	t2 = start_completer(test, &fin);
	KUNIT_EXPECT_EQ(test, wait_for_completion_killable(&done), 0);
	KUNIT_EXPECT_TRUE(test, signal_pending(current));
	if (t1)
		krt_thread_join(t1);
	if (t2)
		krt_thread_join(t2);
	flush_signals(current);

	sig.sig = SIGKILL;
	t1 = start_completer(test, &sig);
	KUNIT_EXPECT_EQ(test, wait_for_completion_killable(&done), -ERESTARTSYS);
	if (t1)
		krt_thread_join(t1);
	flush_signals(current);
}

struct waiter {
	struct completion *done;
	int finished;
};

static int waiter_thread(void *data)
{
	struct waiter *w = data;

	wait_for_completion(w->done);
	smp_store_release(&w->finished, 1);
	return 0;
}

static void complete_wakes_one_waiter(struct kunit *test)
{
	struct completion done;
	struct waiter w[2] = { { .done = &done }, { .done = &done } };
	struct task_struct *t[2];
	int i;

	init_completion(&done);
	for (i = 0; i < 2; i++) {
		t[i] = krt_thread_create(waiter_thread, &w[i], "waiter");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
		KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t[i], TASK_UNINTERRUPTIBLE));
	}
	complete(&done);
	/* The first waiter (FIFO) goes, the other keeps waiting. */
	KUNIT_EXPECT_TRUE(test, wait_for_flag(&w[0].finished));
	msleep(20);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&w[1].finished), 0);
	complete(&done);
	for (i = 0; i < 2; i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, w[1].finished, 1);
	KUNIT_EXPECT_FALSE(test, completion_done(&done));
}

static void complete_all_wakes_every_waiter(struct kunit *test)
{
	struct completion done;
	struct waiter w[3] = { { .done = &done }, { .done = &done }, { .done = &done } };
	struct task_struct *t[3];
	int i;

	init_completion(&done);
	for (i = 0; i < 3; i++) {
		t[i] = krt_thread_create(waiter_thread, &w[i], "waiter");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t[i], TASK_UNINTERRUPTIBLE));
	complete_all(&done);
	for (i = 0; i < 3; i++) {
		krt_thread_join(t[i]);
		KUNIT_EXPECT_EQ(test, w[i].finished, 1);
	}
	KUNIT_EXPECT_TRUE(test, completion_done(&done));
}

static void wait_for_completion_inside_spinlock_might_sleep(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	struct completion done;

	init_completion(&done);
	complete(&done);
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&lock);
	wait_for_completion(&done);
	spin_unlock(&lock);
	EXPECT_PRINTED(test, "BUG: sleeping function called from invalid context at "
		       "kernel/sched/completion.c:");
	krt_printk_capture_end();
}

static struct kunit_case completion_test_cases[] = {
	KUNIT_CASE(complete_then_wait_returns_at_once),
	KUNIT_CASE(complete_counts),
	KUNIT_CASE(complete_all_until_reinit),
	KUNIT_CASE(wait_for_completion_timeout_return_values),
	KUNIT_CASE(wait_for_completion_from_other_task),
	KUNIT_CASE(wait_for_completion_interrupted),
	KUNIT_CASE(wait_for_completion_killable_needs_sigkill),
	KUNIT_CASE(complete_wakes_one_waiter),
	KUNIT_CASE(complete_all_wakes_every_waiter),
	KUNIT_CASE(wait_for_completion_inside_spinlock_might_sleep),
	{}
};

static struct kunit_suite completion_test_suite = {
	.name = "completion",
	.init = locking_test_init,
	.exit = locking_test_exit,
	.test_cases = completion_test_cases,
};
kunit_test_suite(completion_test_suite);
