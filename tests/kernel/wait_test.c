// SPDX-License-Identifier: MIT
/*
 * Wait queues: the wake-up walk (exclusive, priority and non-exclusive entries, return value),
 * autoremove and woken wake functions, wake modes, and the wait_event() family with its return
 * values (timeouts, -ERESTARTSYS on signals, killable waits ignoring SIGINT, _lock_irq).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>

#include "locking_helpers.h"

/* --- the wake-up walk, with counting wake functions (no sleeping involved) ------------------- */

struct counting_entry {
	struct wait_queue_entry wq;
	int calls;
	int ret;
	unsigned int mode;
	void *key;
};

static int count_wake(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key)
{
	struct counting_entry *e = container_of(wq_entry, struct counting_entry, wq);

	e->calls++;
	e->mode = mode;
	e->key = key;
	return e->ret;
}

static void init_counting(struct counting_entry *e, int ret)
{
	memset(e, 0, sizeof(*e));
	init_waitqueue_func_entry(&e->wq, count_wake);
	INIT_LIST_HEAD(&e->wq.entry);
	e->ret = ret;
}

static void wake_up_counts_exclusive_waiters(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	struct counting_entry plain[2], excl[3];
	int i;

	for (i = 0; i < 2; i++) {
		init_counting(&plain[i], 1);
		add_wait_queue(&wq, &plain[i].wq);
	}
	for (i = 0; i < 3; i++) {
		init_counting(&excl[i], 1);
		add_wait_queue_exclusive(&wq, &excl[i].wq);
	}
	KUNIT_EXPECT_TRUE(test, waitqueue_active(&wq));
	KUNIT_EXPECT_TRUE(test, wq_has_sleeper(&wq));

	/* wake_up(): every non-exclusive entry, one exclusive entry (in queue order). */
	KUNIT_EXPECT_EQ(test, __wake_up(&wq, TASK_NORMAL, 1, NULL), 1);
	KUNIT_EXPECT_EQ(test, plain[0].calls + plain[1].calls, 2);
	KUNIT_EXPECT_EQ(test, excl[0].calls, 1);
	KUNIT_EXPECT_EQ(test, excl[1].calls, 0);
	KUNIT_EXPECT_EQ(test, excl[0].mode, (unsigned int)TASK_NORMAL);

	wake_up_nr(&wq, 2);
	KUNIT_EXPECT_EQ(test, excl[0].calls, 2);
	KUNIT_EXPECT_EQ(test, excl[1].calls, 1);
	KUNIT_EXPECT_EQ(test, excl[2].calls, 0);

	KUNIT_EXPECT_EQ(test, __wake_up(&wq, TASK_INTERRUPTIBLE, 0, (void *)0x42), 3);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, excl[i].mode, (unsigned int)TASK_INTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, excl[2].calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, excl[2].key, (void *)0x42);

	/* An exclusive entry that did not wake (returned 0) does not use up the wake-up. */
	excl[0].ret = 0;
	wake_up(&wq);
	KUNIT_EXPECT_EQ(test, excl[1].calls, 3);
	KUNIT_EXPECT_EQ(test, excl[2].calls, 1);

	for (i = 0; i < 2; i++)
		remove_wait_queue(&wq, &plain[i].wq);
	for (i = 0; i < 3; i++)
		remove_wait_queue(&wq, &excl[i].wq);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
}

static void wake_up_priority_entry_consumes_wakeup(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	struct counting_entry plain, prio, stop, after;

	init_counting(&plain, 1);
	init_counting(&prio, 1);
	add_wait_queue(&wq, &plain.wq);
	add_wait_queue_priority(&wq, &prio.wq);
	wake_up(&wq);
	KUNIT_EXPECT_EQ(test, prio.calls, 1);
	KUNIT_EXPECT_EQ(test, plain.calls, 0);
	/* Not consumed: the walk goes on to the others. */
	prio.ret = 0;
	wake_up(&wq);
	KUNIT_EXPECT_EQ(test, plain.calls, 1);
	remove_wait_queue(&wq, &prio.wq);
	remove_wait_queue(&wq, &plain.wq);

	/* A wake function returning < 0 stops the walk. */
	init_counting(&stop, -1);
	init_counting(&after, 1);
	add_wait_queue(&wq, &after.wq);
	add_wait_queue(&wq, &stop.wq);
	wake_up_all(&wq);
	KUNIT_EXPECT_EQ(test, stop.calls, 1);
	KUNIT_EXPECT_EQ(test, after.calls, 0);
	remove_wait_queue(&wq, &stop.wq);
	remove_wait_queue(&wq, &after.wq);
}

static void wake_up_locked_needs_the_lock(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	struct counting_entry e;

	init_counting(&e, 1);
	add_wait_queue(&wq, &e.wq);
	spin_lock(&wq.lock);
	wake_up_locked(&wq);
	spin_unlock(&wq.lock);
	KUNIT_EXPECT_EQ(test, e.calls, 1);

	krt_printk_capture_begin(false);
	wake_up_locked(&wq);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	krt_printk_capture_end();
	remove_wait_queue(&wq, &e.wq);
}

/* --- task wake functions, on the current task --------------------------------------------- */

static void autoremove_wakes_and_dequeues(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	DEFINE_WAIT(wait);

	prepare_to_wait(&wq, &wait, TASK_INTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_INTERRUPTIBLE);
	KUNIT_EXPECT_TRUE(test, waitqueue_active(&wq));
	wake_up(&wq);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
	finish_wait(&wq, &wait);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));

	/* finish_wait() dequeues an entry that was not woken. */
	KUNIT_EXPECT_TRUE(test, prepare_to_wait_exclusive(&wq, &wait, TASK_UNINTERRUPTIBLE));
	KUNIT_EXPECT_TRUE(test, wait.flags & WQ_FLAG_EXCLUSIVE);
	finish_wait(&wq, &wait);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
}

static void wake_up_interruptible_skips_uninterruptible(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	DEFINE_WAIT(wait);

	prepare_to_wait(&wq, &wait, TASK_UNINTERRUPTIBLE);
	wake_up_interruptible(&wq);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_UNINTERRUPTIBLE);
	KUNIT_EXPECT_TRUE(test, waitqueue_active(&wq));
	wake_up(&wq);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
	finish_wait(&wq, &wait);
}

static void wait_woken_sees_earlier_wakeup(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	unsigned long start;
	long left;

	add_wait_queue(&wq, &wait);
	/* Woken before it sleeps: the flag makes wait_woken() return at once. */
	wake_up(&wq);
	KUNIT_EXPECT_TRUE(test, wait.flags & WQ_FLAG_WOKEN);
	KUNIT_EXPECT_TRUE(test, waitqueue_active(&wq));
	left = wait_woken(&wait, TASK_INTERRUPTIBLE, 100 * HZ);
	KUNIT_EXPECT_GT(test, left, 0L);
	KUNIT_EXPECT_FALSE(test, wait.flags & WQ_FLAG_WOKEN);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	/* Not woken: it sleeps until the timeout. */
	start = jiffies;
	KUNIT_EXPECT_EQ(test, wait_woken(&wait, TASK_INTERRUPTIBLE, 2), 0L);
	KUNIT_EXPECT_GE(test, jiffies - start, 1UL);
	remove_wait_queue(&wq, &wait);
}

/* --- wait_event() with other tasks ----------------------------------------------------------- */

struct waker {
	wait_queue_head_t *wq;
	int *cond;
	unsigned int delay_ms;
	int sig;
	struct task_struct *target;
	bool interruptible_wake;
};

static int waker_thread(void *data)
{
	struct waker *w = data;

	msleep(w->delay_ms);
	if (w->sig) {
		send_sig(w->sig, w->target, 0);
		return 0;
	}
	smp_store_release(w->cond, 1);
	if (w->interruptible_wake)
		wake_up_interruptible(w->wq);
	else
		wake_up(w->wq);
	return 0;
}

static struct task_struct *start_waker(struct kunit *test, struct waker *w)
{
	struct task_struct *t = krt_thread_create(waker_thread, w, "waker");

	KUNIT_EXPECT_FALSE(test, IS_ERR(t));
	return IS_ERR(t) ? NULL : t;
}

static void wait_event_returns_when_condition_true(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 1;
	struct waker w = { .wq = &wq, .cond = &cond, .delay_ms = 20 };
	struct task_struct *t;

	/* Already true: no sleeping, no queueing. */
	wait_event(wq, smp_load_acquire(&cond));
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));

	cond = 0;
	t = start_waker(test, &w);
	wait_event(wq, smp_load_acquire(&cond));
	KUNIT_EXPECT_EQ(test, cond, 1);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	if (t)
		krt_thread_join(t);

	cond = 0;
	w.interruptible_wake = true;
	t = start_waker(test, &w);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible(wq, smp_load_acquire(&cond)), 0);
	if (t)
		krt_thread_join(t);

	cond = 0;
	w.interruptible_wake = false;
	t = start_waker(test, &w);
	wait_event_idle(wq, smp_load_acquire(&cond));
	KUNIT_EXPECT_EQ(test, cond, 1);
	if (t)
		krt_thread_join(t);
}

static void wait_event_timeout_return_values(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	struct waker w = { .wq = &wq, .cond = &cond, .delay_ms = 20 };
	struct task_struct *t;
	unsigned long start = jiffies;
	long ret;

	/* Never true: 0 once the time is up. */
	KUNIT_EXPECT_EQ(test, wait_event_timeout(wq, READ_ONCE(cond), 3), 0L);
	KUNIT_EXPECT_GE(test, jiffies - start, 2UL);
	/* True from the start: the whole timeout is left; with no time at all, 1. */
	cond = 1;
	KUNIT_EXPECT_EQ(test, wait_event_timeout(wq, READ_ONCE(cond), 7), 7L);
	KUNIT_EXPECT_EQ(test, wait_event_timeout(wq, READ_ONCE(cond), 0), 1L);
	cond = 0;
	KUNIT_EXPECT_EQ(test, wait_event_timeout(wq, READ_ONCE(cond), 0), 0L);

	/* Woken in time: the jiffies left. */
	t = start_waker(test, &w);
	ret = wait_event_timeout(wq, smp_load_acquire(&cond), 10 * HZ);
	KUNIT_EXPECT_GT(test, ret, 0L);
	KUNIT_EXPECT_LE(test, ret, 10L * HZ);
	if (t)
		krt_thread_join(t);

	cond = 0;
	KUNIT_EXPECT_EQ(test, wait_event_interruptible_timeout(wq, READ_ONCE(cond), 2), 0L);
	KUNIT_EXPECT_EQ(test, wait_event_killable_timeout(wq, READ_ONCE(cond), 2), 0L);
	KUNIT_EXPECT_EQ(test, wait_event_idle_timeout(wq, READ_ONCE(cond), 2), 0L);
	KUNIT_EXPECT_EQ(test, wait_event_freezable_timeout(wq, READ_ONCE(cond), 2), 0L);
}

static void wait_event_interruptible_returns_erestartsys(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	struct waker w = { .wq = &wq, .cond = &cond, .delay_ms = 20, .sig = SIGINT,
			   .target = current };
	struct task_struct *t;

	/* A signal already pending ends the wait at once. */
	send_sig(SIGINT, current, 0);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible(wq, READ_ONCE(cond)), -ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible_timeout(wq, READ_ONCE(cond), HZ),
			(long)-ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, wait_event_freezable(wq, READ_ONCE(cond)), -ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible_exclusive(wq, READ_ONCE(cond)),
			-ERESTARTSYS);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
	/* ...but a true condition still wins. */
	KUNIT_EXPECT_EQ(test, wait_event_interruptible(wq, true), 0);
	flush_signals(current);

	/* A signal that arrives during the sleep. */
	t = start_waker(test, &w);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible(wq, READ_ONCE(cond)), -ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
	if (t)
		krt_thread_join(t);
	flush_signals(current);
}

static void wait_event_killable_ignores_sigint(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	struct waker sig = { .wq = &wq, .cond = &cond, .delay_ms = 10, .sig = SIGINT,
			     .target = current };
	struct waker wake = { .wq = &wq, .cond = &cond, .delay_ms = 60 };
	struct task_struct *t1, *t2;

	t1 = start_waker(test, &sig);
	t2 = start_waker(test, &wake);
	KUNIT_EXPECT_EQ(test, wait_event_killable(wq, smp_load_acquire(&cond)), 0);
	KUNIT_EXPECT_EQ(test, cond, 1);
	KUNIT_EXPECT_TRUE(test, signal_pending(current));
	if (t1)
		krt_thread_join(t1);
	if (t2)
		krt_thread_join(t2);
	flush_signals(current);

	cond = 0;
	sig.sig = SIGKILL;
	t1 = start_waker(test, &sig);
	KUNIT_EXPECT_EQ(test, wait_event_killable(wq, READ_ONCE(cond)), -ERESTARTSYS);
	KUNIT_EXPECT_TRUE(test, fatal_signal_pending(current));
	if (t1)
		krt_thread_join(t1);
	flush_signals(current);
}

struct locked_waker {
	wait_queue_head_t *wq;
	spinlock_t *lock;
	int *cond;
};

static int locked_waker_thread(void *data)
{
	struct locked_waker *w = data;

	msleep(20);
	spin_lock_irq(w->lock);
	*w->cond = 1;
	spin_unlock_irq(w->lock);
	wake_up(w->wq);
	return 0;
}

static void wait_event_lock_irq_drops_and_retakes_lock(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	DEFINE_SPINLOCK(lock);
	int cond = 0;
	struct locked_waker w = { .wq = &wq, .lock = &lock, .cond = &cond };
	struct task_struct *t;

	spin_lock_irq(&lock);
	t = krt_thread_create(locked_waker_thread, &w, "locked-waker");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* The condition is read under the lock, as the caller would. */
	wait_event_lock_irq(wq, cond, lock);
	KUNIT_EXPECT_EQ(test, cond, 1);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&lock));
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	spin_unlock_irq(&lock);
	krt_thread_join(t);

	/* Interrupted: -ERESTARTSYS, still with the lock held. */
	cond = 0;
	send_sig(SIGINT, current, 0);
	spin_lock_irq(&lock);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible_lock_irq(wq, cond, lock), -ERESTARTSYS);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&lock));
	spin_unlock_irq(&lock);
	flush_signals(current);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

static int wq_locked_waker(void *data)
{
	struct waker *w = data;

	msleep(20);
	spin_lock(&w->wq->lock);
	*w->cond = 1;
	wake_up_locked(w->wq);
	spin_unlock(&w->wq->lock);
	return 0;
}

static void wait_event_interruptible_locked_holds_queue_lock(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	struct waker w = { .wq = &wq, .cond = &cond };
	struct task_struct *t;

	spin_lock(&wq.lock);
	t = krt_thread_create(wq_locked_waker, &w, "wq-locked");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, wait_event_interruptible_locked(wq, cond), 0);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&wq.lock));
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
	spin_unlock(&wq.lock);
	krt_thread_join(t);
}

static void wait_event_inside_spinlock_might_sleep(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	DEFINE_SPINLOCK(lock);

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&lock);
	wait_event(wq, true);
	spin_unlock(&lock);
	EXPECT_PRINTED(test, "BUG: sleeping function called from invalid context at "
		       "tests/kernel/wait_test.c:");
	krt_printk_capture_end();
}

static struct kunit_case wait_test_cases[] = {
	KUNIT_CASE(wake_up_counts_exclusive_waiters),
	KUNIT_CASE(wake_up_priority_entry_consumes_wakeup),
	KUNIT_CASE(wake_up_locked_needs_the_lock),
	KUNIT_CASE(autoremove_wakes_and_dequeues),
	KUNIT_CASE(wake_up_interruptible_skips_uninterruptible),
	KUNIT_CASE(wait_woken_sees_earlier_wakeup),
	KUNIT_CASE(wait_event_returns_when_condition_true),
	KUNIT_CASE(wait_event_timeout_return_values),
	KUNIT_CASE(wait_event_interruptible_returns_erestartsys),
	KUNIT_CASE(wait_event_killable_ignores_sigint),
	KUNIT_CASE(wait_event_lock_irq_drops_and_retakes_lock),
	KUNIT_CASE(wait_event_interruptible_locked_holds_queue_lock),
	KUNIT_CASE(wait_event_inside_spinlock_might_sleep),
	{}
};

static struct kunit_suite wait_test_suite = {
	.name = "wait",
	.init = locking_test_init,
	.exit = locking_test_exit,
	.test_cases = wait_test_cases,
};
kunit_test_suite(wait_test_suite);
