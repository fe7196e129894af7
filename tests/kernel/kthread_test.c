// SPDX-License-Identifier: MIT
/* kthreads: created asleep, kthread_stop() results, names, park/unpark, exit paths, leaks. */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <krt/leak.h>
#include <krt/printk.h>

struct kt_ctx {
	struct completion started;
	atomic_t ran;
	atomic_t loops;
	atomic_t parks;
	int ret;
	unsigned int flags_seen;
	struct task_struct *self;
};

static void kt_ctx_init(struct kt_ctx *c, int ret)
{
	init_completion(&c->started);
	atomic_set(&c->ran, 0);
	atomic_set(&c->loops, 0);
	atomic_set(&c->parks, 0);
	c->ret = ret;
	c->flags_seen = 0;
	c->self = NULL;
}

/* Runs until kthread_stop(), returns c->ret. */
static int kt_wait_for_stop(void *data)
{
	struct kt_ctx *c = data;

	atomic_inc(&c->ran);
	c->flags_seen = current->flags;
	c->self = current;
	complete(&c->started);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return c->ret;
}

static long kthreads_live(void)
{
	long values[32];
	const char *names[32];
	int i, n = krt_leak_snapshot(values, names, 32);

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "kthreads"))
			return values[i];
	return -1;
}

static void kthread_created_asleep(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;

	kt_ctx_init(&c, 0);
	t = kthread_create(kt_wait_for_stop, &c, "kt-asleep");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(20);
	/* Nothing runs before wake_up_process(). */
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->__state), TASK_UNINTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, wake_up_process(t), 1);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&c.started, 5 * HZ), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 1);
	KUNIT_EXPECT_PTR_EQ(test, c.self, t);
	KUNIT_EXPECT_TRUE(test, c.flags_seen & PF_KTHREAD);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 0);
}

static void kthread_stop_returns_result(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;

	kt_ctx_init(&c, 42);
	t = kthread_run(kt_wait_for_stop, &c, "kt-result");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&c.started);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 42);

	kt_ctx_init(&c, -ENODEV);
	t = kthread_run(kt_wait_for_stop, &c, "kt-result");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&c.started);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), -ENODEV);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 1);
}

static void kthread_stop_before_wake_is_eintr(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;

	kt_ctx_init(&c, 7);
	t = kthread_create(kt_wait_for_stop, &c, "kt-never");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, kthread_stop(t), -EINTR);
	/* The thread function never ran. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 0);
}

static int kt_noop(void *data)
{
	return 0;
}

static void kthread_name_and_data(struct kunit *test)
{
	char full[64];
	int token = 5;
	struct task_struct *t;

	t = kthread_create(kt_noop, &token, "kt-%s-%d-%s", "name", 123456, "truncated-here");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* The comm keeps the first TASK_COMM_LEN - 1 characters of the formatted name. */
	KUNIT_EXPECT_STREQ(test, t->comm, "kt-name-123456-");
	get_kthread_comm(full, sizeof(full), t);
	KUNIT_EXPECT_STREQ(test, full, "kt-name-123456-truncated-here");
	KUNIT_EXPECT_PTR_EQ(test, kthread_data(t), (void *)&token);
	KUNIT_EXPECT_PTR_EQ(test, kthread_probe_data(t), (void *)&token);
	KUNIT_EXPECT_PTR_EQ(test, kthread_func(t), (void *)kt_noop);
	/* Not a kthread: no function, no data. */
	KUNIT_EXPECT_NULL(test, kthread_func(current));
	KUNIT_EXPECT_NULL(test, kthread_probe_data(current));
	kthread_bind(t, 0);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), -EINTR);
}

static int kt_parker(void *data)
{
	struct kt_ctx *c = data;

	complete(&c->started);
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			atomic_inc(&c->parks);
			kthread_parkme();
			continue;
		}
		atomic_inc(&c->loops);
		schedule_timeout_interruptible(1);
	}
	return c->ret;
}

static void kthread_park_unpark(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;
	int loops;

	kt_ctx_init(&c, 3);
	t = kthread_run(kt_parker, &c, "kt-parker");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&c.started);
	while (atomic_read(&c.loops) < 2)
		msleep(1);

	KUNIT_EXPECT_EQ(test, kthread_park(t), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.parks), 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->__state), TASK_PARKED);
	loops = atomic_read(&c.loops);
	/* wake_up_process() does not end a park. */
	KUNIT_EXPECT_EQ(test, wake_up_process(t), 0);
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.loops), loops);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->__state), TASK_PARKED);

	kthread_unpark(t);
	while (atomic_read(&c.loops) == loops)
		msleep(1);

	/* Stopping a parked thread unparks it first. */
	KUNIT_EXPECT_EQ(test, kthread_park(t), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.parks), 2);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 3);
}

static void kthread_park_before_first_run(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;

	kt_ctx_init(&c, 9);
	t = kthread_create(kt_wait_for_stop, &c, "kt-park-new");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* A new thread parks without running its function... */
	KUNIT_EXPECT_EQ(test, kthread_park(t), 0);
	msleep(10);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 0);
	/* ...and runs it once unparked. */
	kthread_unpark(t);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&c.started, 5 * HZ), 0UL);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 9);
}

static int kt_interruptible_sleeper(void *data)
{
	struct kt_ctx *c = data;
	unsigned long left;

	complete(&c->started);
	left = msleep_interruptible(60 * 1000);
	/* kthread_stop() makes signal_pending() true, which ends the sleep early. */
	return left > 0 && signal_pending(current) ? 1 : 0;
}

static void kthread_stop_interrupts_sleep(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;
	unsigned long start = jiffies;

	kt_ctx_init(&c, 0);
	t = kthread_run(kt_interruptible_sleeper, &c, "kt-sleeper");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&c.started);
	msleep(5);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 1);
	KUNIT_EXPECT_LT(test, jiffies - start, (unsigned long)(5 * HZ));
}

static void kt_exit_deep(int code)
{
	kthread_exit(code);
}

static int kt_exits(void *data)
{
	struct kt_ctx *c = data;

	atomic_inc(&c->ran);
	kt_exit_deep(c->ret);
	return -1;	/* not reached */
}

static void kthread_exit_result(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;

	kt_ctx_init(&c, 17);
	t = kthread_create(kt_exits, &c, "kt-exit");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* The thread may be gone before kthread_stop(): hold a reference. */
	get_task_struct(t);
	wake_up_process(t);
	msleep(10);
	KUNIT_EXPECT_EQ(test, kthread_stop_put(t), 17);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 1);
}

static int kt_complete_and_exit(void *data)
{
	struct kt_ctx *c = data;

	kthread_complete_and_exit(&c->started, c->ret);
}

static void kthread_complete_and_exit_result(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;

	kt_ctx_init(&c, -EIO);
	t = kthread_create(kt_complete_and_exit, &c, "kt-cae");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	get_task_struct(t);
	wake_up_process(t);
	wait_for_completion(&c.started);
	KUNIT_EXPECT_EQ(test, kthread_stop_put(t), -EIO);
}

static void kthread_should_stop_outside_kthread(struct kunit *test)
{
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, kthread_should_stop());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
	krt_printk_capture_end();
}

static void kthread_leak_counter(struct kunit *test)
{
	struct kt_ctx c;
	struct task_struct *t;
	long before = kthreads_live();

	KUNIT_ASSERT_GE(test, before, 0L);
	kt_ctx_init(&c, 0);
	t = kthread_run(kt_wait_for_stop, &c, "kt-counted");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&c.started);
	/* A running kthread that nobody stopped is what the leak check reports. */
	KUNIT_EXPECT_EQ(test, kthreads_live(), before + 1);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 0);
	KUNIT_EXPECT_EQ(test, kthreads_live(), before);
}

static int kt_returns_quickly(void *data)
{
	complete(data);
	return 0;
}

static void kthread_exiting_by_itself_is_not_a_leak(struct kunit *test)
{
	struct completion done;
	long before = kthreads_live();
	struct task_struct *t;

	init_completion(&done);
	t = kthread_run(kt_returns_quickly, &done, "kt-quick");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&done);
	/* The snapshot waits for a thread that is on its way out. */
	KUNIT_EXPECT_EQ(test, kthreads_live(), before);
}

static struct kunit_case kthread_test_cases[] = {
	KUNIT_CASE(kthread_created_asleep),
	KUNIT_CASE(kthread_stop_returns_result),
	KUNIT_CASE(kthread_stop_before_wake_is_eintr),
	KUNIT_CASE(kthread_name_and_data),
	KUNIT_CASE(kthread_park_unpark),
	KUNIT_CASE(kthread_park_before_first_run),
	KUNIT_CASE(kthread_stop_interrupts_sleep),
	KUNIT_CASE(kthread_exit_result),
	KUNIT_CASE(kthread_complete_and_exit_result),
	KUNIT_CASE(kthread_should_stop_outside_kthread),
	KUNIT_CASE(kthread_leak_counter),
	KUNIT_CASE(kthread_exiting_by_itself_is_not_a_leak),
	{}
};

static struct kunit_suite kthread_test_suite = {
	.name = "kthread",
	.test_cases = kthread_test_cases,
};
kunit_test_suite(kthread_test_suite);
