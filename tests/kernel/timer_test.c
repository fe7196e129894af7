// SPDX-License-Identifier: MIT
/*
 * Timers: expiry, mod_timer()/timer_reduce() return values, deletion (sync and not), shutdown,
 * softirq context of the callbacks (and the sleeping-in-atomic report it implies).
 */
#include <kunit/test.h>
#include <linux/timer.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/hardirq.h>
#include <linux/slab.h>
#include <krt/leak.h>
#include <krt/printk.h>

#define WAIT_LONG	(10 * HZ)

struct tt {
	struct timer_list timer;
	struct completion fired;
	atomic_t runs;
	unsigned long fired_at;
	/* what the callback saw */
	int preempt_seen;
	bool serving_softirq;
	bool interrupt;
	bool task;
	bool irqs_off;
	unsigned int flags_seen;
	char comm[TASK_COMM_LEN];
	/* behaviour */
	int rearm;		/* re-arm this many more times */
	atomic_t hold;		/* spin in the callback while set */
	atomic_t in_callback;
	int action;
	struct timer_list *other;
	int ret;
};

static DEFINE_MUTEX(tt_mutex);

static void tt_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);

	atomic_set(&x->in_callback, 1);
	x->preempt_seen = preempt_count();
	x->serving_softirq = in_serving_softirq();
	x->interrupt = in_interrupt();
	x->task = in_task();
	x->irqs_off = irqs_disabled();
	x->flags_seen = current->flags;
	memcpy(x->comm, current->comm, sizeof(x->comm));
	x->fired_at = jiffies;
	switch (x->action) {
	case 1:
		might_sleep();
		break;
	case 2:
		mutex_lock(&tt_mutex);
		mutex_unlock(&tt_mutex);
		break;
	case 3:
		x->ret = timer_delete_sync(t);
		break;
	case 4:
		preempt_disable();
		break;
	case 5:
		kfree(kmalloc(64, GFP_KERNEL));
		break;
	}
	while (atomic_read(&x->hold))
		cpu_relax();
	atomic_inc(&x->runs);
	if (x->rearm > 0) {
		x->rearm--;
		mod_timer(t, jiffies + 1);
	}
	atomic_set(&x->in_callback, 0);
	complete(&x->fired);
}

static void tt_init(struct tt *x, unsigned int flags)
{
	memset(x, 0, sizeof(*x));
	timer_setup(&x->timer, tt_fn, flags);
	init_completion(&x->fired);
}

static long pending_timers(void)
{
	long values[32];
	const char *names[32];
	int i, n = krt_leak_snapshot(values, names, 32);

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "pending timers"))
			return values[i];
	return -1;
}

static void timer_fires_after_expiry(struct kunit *test)
{
	struct tt x;
	unsigned long expires;

	tt_init(&x, 0);
	KUNIT_EXPECT_FALSE(test, timer_pending(&x.timer));
	expires = jiffies + msecs_to_jiffies(40);
	KUNIT_EXPECT_EQ(test, mod_timer(&x.timer, expires), 0);
	KUNIT_EXPECT_TRUE(test, timer_pending(&x.timer));
	msleep(10);
	KUNIT_EXPECT_EQ(test, atomic_read(&x.runs), 0);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
	KUNIT_EXPECT_TRUE(test, time_after_eq(x.fired_at, expires));
	/* Jiffies precision: a tick or two late when idle; allow for a loaded host. */
	KUNIT_EXPECT_LE(test, x.fired_at - expires, (unsigned long)(HZ / 10));
	KUNIT_EXPECT_FALSE(test, timer_pending(&x.timer));
	KUNIT_EXPECT_EQ(test, atomic_read(&x.runs), 1);
}

static void timer_callback_runs_in_softirq_context(struct kunit *test)
{
	struct tt x;

	tt_init(&x, 0);
	mod_timer(&x.timer, jiffies);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
	KUNIT_EXPECT_EQ(test, x.preempt_seen, (int)SOFTIRQ_OFFSET);
	KUNIT_EXPECT_TRUE(test, x.serving_softirq);
	KUNIT_EXPECT_TRUE(test, x.interrupt);
	KUNIT_EXPECT_FALSE(test, x.task);
	KUNIT_EXPECT_FALSE(test, x.irqs_off);
	KUNIT_EXPECT_TRUE(test, x.flags_seen & PF_KTHREAD);
	KUNIT_EXPECT_STREQ(test, x.comm, "ktimers/0");

	/* An irqsafe timer's callback also runs with interrupts off. */
	tt_init(&x, TIMER_IRQSAFE);
	mod_timer(&x.timer, jiffies);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
	KUNIT_EXPECT_TRUE(test, x.irqs_off);
	KUNIT_EXPECT_TRUE(test, x.serving_softirq);
}

static void timer_sleeping_in_callback_is_reported(struct kunit *test)
{
	struct tt x;
	int action;

	/* might_sleep(), mutex_lock() and a GFP_KERNEL allocation: each reported. */
	for (action = 1; action <= 5; action += action == 2 ? 3 : 1) {
		tt_init(&x, 0);
		x.action = action;
		krt_might_sleep_ratelimit_reset();
		krt_printk_capture_begin(false);
		mod_timer(&x.timer, jiffies);
		KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
		KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
			"BUG: sleeping function called from invalid context at "));
		KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
			"in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: "));
		KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("name: ktimers/0"));
		KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
			"preempt_count: 100, expected: 0"));
		krt_printk_capture_end();
	}
	krt_might_sleep_ratelimit_reset();
}

static void timer_mod_timer_return_values(struct kunit *test)
{
	struct tt x;

	tt_init(&x, 0);
	KUNIT_EXPECT_EQ(test, mod_timer(&x.timer, jiffies + 100 * HZ), 0);
	KUNIT_EXPECT_EQ(test, mod_timer(&x.timer, jiffies + 200 * HZ), 1);
	/* Same expiry: nothing to do, still pending. */
	KUNIT_EXPECT_EQ(test, mod_timer(&x.timer, x.timer.expires), 1);
	/* Moving it close makes it fire. */
	KUNIT_EXPECT_EQ(test, mod_timer(&x.timer, jiffies + 1), 1);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
	KUNIT_EXPECT_EQ(test, mod_timer(&x.timer, jiffies + 100 * HZ), 0);
	KUNIT_EXPECT_EQ(test, timer_delete(&x.timer), 1);

	/* mod_timer_pending() leaves an inactive timer alone. */
	KUNIT_EXPECT_EQ(test, mod_timer_pending(&x.timer, jiffies + 1), 0);
	KUNIT_EXPECT_FALSE(test, timer_pending(&x.timer));
}

static void timer_reduce_only_moves_earlier(struct kunit *test)
{
	struct tt x;
	unsigned long far;

	tt_init(&x, 0);
	far = jiffies + 100 * HZ;
	KUNIT_EXPECT_EQ(test, timer_reduce(&x.timer, far), 0);
	KUNIT_EXPECT_EQ(test, timer_reduce(&x.timer, far + 50 * HZ), 1);
	KUNIT_EXPECT_EQ(test, x.timer.expires, far);
	KUNIT_EXPECT_EQ(test, timer_reduce(&x.timer, far - 50 * HZ), 1);
	KUNIT_EXPECT_EQ(test, x.timer.expires, far - 50 * HZ);
	KUNIT_EXPECT_EQ(test, timer_delete_sync(&x.timer), 1);
}

static void timer_delete_prevents_callback(struct kunit *test)
{
	struct tt x;

	tt_init(&x, 0);
	KUNIT_EXPECT_EQ(test, del_timer(&x.timer), 0);
	mod_timer(&x.timer, jiffies + msecs_to_jiffies(20));
	KUNIT_EXPECT_EQ(test, del_timer(&x.timer), 1);
	KUNIT_EXPECT_FALSE(test, timer_pending(&x.timer));
	mod_timer(&x.timer, jiffies + msecs_to_jiffies(20));
	KUNIT_EXPECT_EQ(test, del_timer_sync(&x.timer), 1);
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&x.runs), 0);
	KUNIT_EXPECT_EQ(test, del_timer_sync(&x.timer), 0);
}

struct syncer {
	struct tt *x;
	int ret;
	struct completion done;
};

static int syncer_thread(void *data)
{
	struct syncer *s = data;

	s->ret = timer_delete_sync(&s->x->timer);
	complete(&s->done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void timer_delete_sync_waits_for_running_callback(struct kunit *test)
{
	struct syncer s;
	struct task_struct *t;
	struct tt x;

	tt_init(&x, 0);
	atomic_set(&x.hold, 1);
	mod_timer(&x.timer, jiffies);
	while (!atomic_read(&x.in_callback))
		msleep(1);
	s.x = &x;
	s.ret = -1;
	init_completion(&s.done);
	t = kthread_run(syncer_thread, &s, "tt-syncer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(30);
	KUNIT_EXPECT_FALSE(test, completion_done(&s.done));
	/* try_to_del_timer_sync() reports the running callback. */
	KUNIT_EXPECT_EQ(test, try_to_del_timer_sync(&x.timer), -1);
	atomic_set(&x.hold, 0);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&s.done, WAIT_LONG), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&x.in_callback), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&x.runs), 1);
	/* It was running, not pending. */
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	kthread_stop(t);
}

static void timer_delete_sync_from_own_callback_warns(struct kunit *test)
{
	struct tt x;

	tt_init(&x, 0);
	x.action = 3;
	x.ret = -1;
	krt_printk_capture_begin(false);
	mod_timer(&x.timer, jiffies);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"timer: tt_fn: timer_delete_sync() called from the timer's own callback would wait forever"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, x.ret, 0);
}

static void timer_rearm_from_callback(struct kunit *test)
{
	struct tt x;

	tt_init(&x, 0);
	x.rearm = 4;
	mod_timer(&x.timer, jiffies + 1);
	while (atomic_read(&x.runs) < 5)
		msleep(2);
	KUNIT_EXPECT_EQ(test, timer_shutdown_sync(&x.timer), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&x.runs), 5);
	KUNIT_EXPECT_FALSE(test, timer_pending(&x.timer));
}

static void timer_shutdown_ignores_rearming(struct kunit *test)
{
	struct tt x;

	tt_init(&x, 0);
	mod_timer(&x.timer, jiffies + 100 * HZ);
	KUNIT_EXPECT_EQ(test, timer_shutdown(&x.timer), 1);
	KUNIT_EXPECT_EQ(test, mod_timer(&x.timer, jiffies), 0);
	KUNIT_EXPECT_FALSE(test, timer_pending(&x.timer));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&x.runs), 0);
	/* timer_setup() makes it usable again. */
	timer_setup(&x.timer, tt_fn, 0);
	mod_timer(&x.timer, jiffies);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
}

struct order_rec {
	struct timer_list timer;
	unsigned long *log;
	atomic_t *pos;
};

static void order_fn(struct timer_list *t)
{
	struct order_rec *r = from_timer(r, t, timer);

	r->log[atomic_inc_return(r->pos) - 1] = t->expires;
}

static void timer_expiry_order(struct kunit *test)
{
	static const int delays[] = { 9, 3, 14, 1, 7, 7, 12, 2, 5, 10, 4, 6 };
	struct order_rec recs[ARRAY_SIZE(delays)];
	unsigned long log[ARRAY_SIZE(delays)];
	unsigned long base = jiffies + 2;
	atomic_t pos = ATOMIC_INIT(0);
	int i;

	for (i = 0; i < ARRAY_SIZE(delays); i++) {
		timer_setup(&recs[i].timer, order_fn, 0);
		recs[i].log = log;
		recs[i].pos = &pos;
		mod_timer(&recs[i].timer, base + delays[i]);
	}
	while (atomic_read(&pos) < ARRAY_SIZE(delays))
		msleep(5);
	/* Synchronises with the callbacks' writes to @log. */
	for (i = 0; i < ARRAY_SIZE(delays); i++)
		timer_delete_sync(&recs[i].timer);
	for (i = 1; i < ARRAY_SIZE(delays); i++)
		KUNIT_EXPECT_TRUE(test, time_after_eq(log[i], log[i - 1]));
}

static void timer_preempt_leak_warns(struct kunit *test)
{
	struct tt x;

	tt_init(&x, 0);
	x.action = 4;
	krt_printk_capture_begin(false);
	mod_timer(&x.timer, jiffies);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
	msleep(5);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("timer: tt_fn"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("preempt leak: 00000100 -> 00000101"));
	krt_printk_capture_end();

	/* The timer thread carries on with its preempt count restored. */
	tt_init(&x, 0);
	mod_timer(&x.timer, jiffies);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&x.fired, WAIT_LONG), 0UL);
	KUNIT_EXPECT_EQ(test, x.preempt_seen, (int)SOFTIRQ_OFFSET);
}

static int static_fired;
static void static_fn(struct timer_list *t)
{
	WRITE_ONCE(static_fired, 1);
}
static DEFINE_TIMER(static_timer, static_fn);

static void timer_define_timer_and_add_timer(struct kunit *test)
{
	static_timer.expires = jiffies + 1;
	add_timer(&static_timer);
	KUNIT_EXPECT_TRUE(test, timer_pending(&static_timer));
	while (!READ_ONCE(static_fired))
		msleep(2);
	timer_delete_sync(&static_timer);
	KUNIT_EXPECT_FALSE(test, timer_pending(&static_timer));
}

static void timer_pending_leak_counter(struct kunit *test)
{
	long before = pending_timers();
	struct tt x;

	KUNIT_ASSERT_GE(test, before, 0L);
	tt_init(&x, 0);
	mod_timer(&x.timer, jiffies + 100 * HZ);
	/* A timer left armed when a test ends is what the leak check reports. */
	KUNIT_EXPECT_EQ(test, pending_timers(), before + 1);
	timer_delete_sync(&x.timer);
	KUNIT_EXPECT_EQ(test, pending_timers(), before);
}

static struct kunit_case timer_test_cases[] = {
	KUNIT_CASE(timer_fires_after_expiry),
	KUNIT_CASE(timer_callback_runs_in_softirq_context),
	KUNIT_CASE(timer_sleeping_in_callback_is_reported),
	KUNIT_CASE(timer_mod_timer_return_values),
	KUNIT_CASE(timer_reduce_only_moves_earlier),
	KUNIT_CASE(timer_delete_prevents_callback),
	KUNIT_CASE(timer_delete_sync_waits_for_running_callback),
	KUNIT_CASE(timer_delete_sync_from_own_callback_warns),
	KUNIT_CASE(timer_rearm_from_callback),
	KUNIT_CASE(timer_shutdown_ignores_rearming),
	KUNIT_CASE(timer_expiry_order),
	KUNIT_CASE(timer_preempt_leak_warns),
	KUNIT_CASE(timer_define_timer_and_add_timer),
	KUNIT_CASE(timer_pending_leak_counter),
	{}
};

static struct kunit_suite timer_test_suite = {
	.name = "timer",
	.test_cases = timer_test_cases,
};
kunit_test_suite(timer_test_suite);
