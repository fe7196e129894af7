// SPDX-License-Identifier: MIT
/*
 * Mutexes: owner tracking, trylock, contention hand-over, interruptible and killable waits,
 * might_sleep(), lockdep integration, guards, and the debug reports (non-owner unlock, double
 * unlock, recursion, destroy while locked, uninitialised mutex).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "locking_helpers.h"

static void mutex_lock_unlock_tracks_owner(struct kunit *test)
{
	DEFINE_MUTEX(lock);

	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, mutex_get_owner(&lock), 0UL);
	mutex_lock(&lock);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, mutex_get_owner(&lock), (unsigned long)current);
	/* A mutex does not make the context atomic. */
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock), LOCK_STATE_HELD);
	/* lockdep sees the same lock whether code names the mutex or its dep_map. */
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock.dep_map), LOCK_STATE_HELD);
	mutex_unlock(&lock);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock), LOCK_STATE_NOT_HELD);
}

static void mutex_init_names_the_lock(struct kunit *test)
{
	struct mutex *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	mutex_init(m);
	KUNIT_EXPECT_STREQ(test, m->dep_map.name, "m");
	mutex_lock(m);
	KUNIT_EXPECT_STREQ(test, current->held_locks[current->lockdep_depth - 1].name, "m");
	mutex_unlock(m);
	mutex_destroy(m);
}

struct mutex_arg {
	struct mutex *lock;
	int ret;
	int got;
	int holding;
	int release;
	int done;
};

static int trylock_thread(void *data)
{
	struct mutex_arg *a = data;

	a->got = mutex_trylock(a->lock);
	if (a->got)
		mutex_unlock(a->lock);
	return 0;
}

static void mutex_trylock_semantics(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	struct mutex_arg a = { .lock = &lock };
	struct task_struct *t;

	KUNIT_ASSERT_EQ(test, mutex_trylock(&lock), 1);
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock), LOCK_STATE_HELD);
	/* Held (even by ourselves): trylock fails, quietly. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, mutex_trylock(&lock), 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	t = krt_thread_create(trylock_thread, &a, "mutex-try");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.got, 0);
	mutex_unlock(&lock);

	t = krt_thread_create(trylock_thread, &a, "mutex-try");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.got, 1);
}

static int lock_thread(void *data)
{
	struct mutex_arg *a = data;

	mutex_lock(a->lock);
	smp_store_release(&a->got, 1);
	mutex_unlock(a->lock);
	return 0;
}

static void mutex_contended_lock_waits_for_unlock(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	struct mutex_arg a = { .lock = &lock };
	struct task_struct *t;

	mutex_lock(&lock);
	t = krt_thread_create(lock_thread, &a, "mutex-waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_UNINTERRUPTIBLE));
	msleep(10);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&a.got), 0);
	mutex_unlock(&lock);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.got, 1);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
}

static int interruptible_thread(void *data)
{
	struct mutex_arg *a = data;

	a->ret = mutex_lock_interruptible(a->lock);
	if (!a->ret)
		mutex_unlock(a->lock);
	return 0;
}

static int killable_thread(void *data)
{
	struct mutex_arg *a = data;

	a->ret = mutex_lock_killable(a->lock);
	if (!a->ret)
		mutex_unlock(a->lock);
	return 0;
}

static void mutex_lock_interruptible_returns_eintr(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	struct mutex_arg a = { .lock = &lock, .ret = 1 };
	struct task_struct *t;

	/* Free mutex: taken even with a signal pending. */
	send_sig(SIGINT, current, 0);
	KUNIT_EXPECT_EQ(test, mutex_lock_interruptible(&lock), 0);
	mutex_unlock(&lock);
	flush_signals(current);

	/* A waiter interrupted in its sleep. */
	mutex_lock(&lock);
	t = krt_thread_create(interruptible_thread, &a, "mutex-intr");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_INTERRUPTIBLE));
	send_sig(SIGINT, t, 0);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.ret, -EINTR);
	KUNIT_EXPECT_EQ(test, mutex_get_owner(&lock), (unsigned long)current);
	mutex_unlock(&lock);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
}

static void mutex_lock_killable_ignores_sigint(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	struct mutex_arg a = { .lock = &lock, .ret = 1 };
	struct task_struct *t;

	mutex_lock(&lock);
	t = krt_thread_create(killable_thread, &a, "mutex-kill");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_UNINTERRUPTIBLE));
	send_sig(SIGINT, t, 0);
	msleep(10);
	KUNIT_EXPECT_NE(test, READ_ONCE(t->__state), (unsigned int)TASK_RUNNING);
	mutex_unlock(&lock);
	krt_thread_join(t);
	/* SIGINT does not end a killable wait: it got the mutex. */
	KUNIT_EXPECT_EQ(test, a.ret, 0);

	a.ret = 1;
	mutex_lock(&lock);
	t = krt_thread_create(killable_thread, &a, "mutex-kill");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_UNINTERRUPTIBLE));
	send_sig(SIGKILL, t, 0);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.ret, -EINTR);
	mutex_unlock(&lock);
}

/* A waiter that gives up on a signal must pass the wake-up on to the next waiter. */
static void mutex_interrupted_waiter_passes_wakeup_on(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	struct mutex_arg intr = { .lock = &lock, .ret = 1 };
	struct mutex_arg plain = { .lock = &lock };
	struct task_struct *ti, *tp;

	mutex_lock(&lock);
	ti = krt_thread_create(interruptible_thread, &intr, "mutex-intr");
	KUNIT_ASSERT_FALSE(test, IS_ERR(ti));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(ti, TASK_INTERRUPTIBLE));
	tp = krt_thread_create(lock_thread, &plain, "mutex-plain");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tp));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(tp, TASK_UNINTERRUPTIBLE));
	send_sig(SIGINT, ti, 0);
	mutex_unlock(&lock);
	krt_thread_join(ti);
	krt_thread_join(tp);
	KUNIT_EXPECT_TRUE(test, intr.ret == 0 || intr.ret == -EINTR);
	KUNIT_EXPECT_EQ(test, plain.got, 1);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
}

static void mutex_lock_inside_spinlock_might_sleep(struct kunit *test)
{
	DEFINE_SPINLOCK(spin);
	DEFINE_MUTEX(lock);

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&spin);
	mutex_lock(&lock);
	mutex_unlock(&lock);
	spin_unlock(&spin);
	EXPECT_PRINTED(test, "BUG: sleeping function called from invalid context at "
		       "kernel/locking/mutex.c:");
	krt_printk_capture_end();
}

static void lockdep_assert_held_on_mutex(struct kunit *test)
{
	DEFINE_MUTEX(lock);

	krt_printk_capture_begin(false);
	mutex_lock(&lock);
	lockdep_assert_held(&lock);
	mutex_unlock(&lock);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 0);
	lockdep_assert_held(&lock);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	krt_printk_capture_end();
}

static int hold_mutex(void *data)
{
	struct mutex_arg *a = data;

	mutex_lock(a->lock);
	smp_store_release(&a->holding, 1);
	/* Stay alive until the test is done with the mutex we own. */
	wait_for_flag(&a->release);
	return 0;
}

static void mutex_unlock_by_non_owner_warns(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	struct mutex_arg a = { .lock = &lock };
	struct task_struct *t;

	t = krt_thread_create(hold_mutex, &a, "mutex-owner");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_for_flag(&a.holding));
	krt_printk_capture_begin(false);
	mutex_unlock(&lock);
	EXPECT_PRINTED(test, "------------[ cut here ]------------");
	EXPECT_PRINTED(test, "DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)");
	krt_printk_capture_end();
	/* As in the kernel, the mutex is released anyway. */
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
	smp_store_release(&a.release, 1);
	krt_thread_join(t);
}

static void mutex_double_unlock_is_refused(struct kunit *test)
{
	DEFINE_MUTEX(lock);

	mutex_lock(&lock);
	mutex_unlock(&lock);
	krt_printk_capture_begin(false);
	mutex_unlock(&lock);
	EXPECT_PRINTED(test, "WARNING: bad unlock balance detected!");
	EXPECT_PRINTED(test, "but there are no more locks to release!");
	krt_printk_capture_end();
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));

	/* Nothing was corrupted: the mutex still works, and a waiter still gets it. */
	krt_debug_locks_reset();
	mutex_lock(&lock);
	KUNIT_EXPECT_EQ(test, mutex_get_owner(&lock), (unsigned long)current);
	mutex_unlock(&lock);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
}

/* mutex_destroy() of a locked mutex is a bug the kernel reports. */
static void mutex_destroy_locked_warns(struct kunit *test)
{
	DEFINE_MUTEX(lock);

	mutex_lock(&lock);
	krt_printk_capture_begin(false);
	mutex_destroy(&lock);
	EXPECT_PRINTED(test, "DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock))");
	krt_printk_capture_end();
	mutex_unlock(&lock);
}

static void mutex_uninitialised_warns_and_works(struct kunit *test)
{
	struct mutex *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	krt_printk_capture_begin(false);
	mutex_lock(m);
	EXPECT_PRINTED(test, "DEBUG_LOCKS_WARN_ON(lock->magic != lock)");
	krt_printk_capture_end();
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(m));
	mutex_unlock(m);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(m));
}

static void atomic_dec_and_mutex_lock_at_zero(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	atomic_t count = ATOMIC_INIT(2);

	KUNIT_EXPECT_EQ(test, atomic_dec_and_mutex_lock(&count, &lock), 0);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
	KUNIT_ASSERT_EQ(test, atomic_dec_and_mutex_lock(&count, &lock), 1);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 0);
	mutex_unlock(&lock);
}

static void mutex_guards(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	int failed = 0;

	{
		guard(mutex)(&lock);
		KUNIT_EXPECT_TRUE(test, mutex_is_locked(&lock));
	}
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
	scoped_cond_guard(mutex_try, failed = 1, &lock)
		KUNIT_EXPECT_TRUE(test, mutex_is_locked(&lock));
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
	scoped_cond_guard(mutex_intr, failed = 1, &lock)
		KUNIT_EXPECT_TRUE(test, mutex_is_locked(&lock));
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, failed, 0);

	/* A trylock guard on a held mutex runs the failure statement instead. */
	mutex_lock(&lock);
	scoped_cond_guard(mutex_try, failed = 1, &lock)
		KUNIT_FAIL(test, "got a held mutex");
	KUNIT_EXPECT_EQ(test, failed, 1);
	mutex_unlock(&lock);
}

static void inner_mutex_recursion(struct kunit *test)
{
	DEFINE_MUTEX(lock);

	mutex_lock(&lock);
	mutex_lock(&lock);
	KUNIT_FAIL(test, "mutex_lock() returned from recursion");
}

static struct kunit_case inner_mutex_recursion_cases[] = {
	KUNIT_CASE(inner_mutex_recursion),
	{}
};

static struct kunit_suite inner_mutex_recursion_suite = {
	.name = "mutex_inner_recursion",
	.test_cases = inner_mutex_recursion_cases,
};

static void mutex_recursion_reports_and_bugs(struct kunit *test)
{
	const char *text;

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, run_bugging_suite(&inner_mutex_recursion_suite), 1);
	text = krt_printk_capture_text();
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "WARNING: possible recursive locking detected"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "is trying to acquire lock:"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "(lock){....}-{3:3}, at: inner_mutex_recursion+"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "but task is already holding lock:"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, " *** DEADLOCK ***"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "1 lock held by "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "kernel BUG at kernel/locking/mutex.c:"));
	krt_printk_capture_end();
}

static struct kunit_case mutex_test_cases[] = {
	KUNIT_CASE(mutex_lock_unlock_tracks_owner),
	KUNIT_CASE(mutex_init_names_the_lock),
	KUNIT_CASE(mutex_trylock_semantics),
	KUNIT_CASE(mutex_contended_lock_waits_for_unlock),
	KUNIT_CASE(mutex_lock_interruptible_returns_eintr),
	KUNIT_CASE(mutex_lock_killable_ignores_sigint),
	KUNIT_CASE(mutex_interrupted_waiter_passes_wakeup_on),
	KUNIT_CASE(mutex_lock_inside_spinlock_might_sleep),
	KUNIT_CASE(lockdep_assert_held_on_mutex),
	KUNIT_CASE(mutex_unlock_by_non_owner_warns),
	KUNIT_CASE(mutex_double_unlock_is_refused),
	KUNIT_CASE(mutex_destroy_locked_warns),
	KUNIT_CASE(mutex_uninitialised_warns_and_works),
	KUNIT_CASE(atomic_dec_and_mutex_lock_at_zero),
	KUNIT_CASE(mutex_guards),
	KUNIT_CASE(mutex_recursion_reports_and_bugs),
	{}
};

static struct kunit_suite mutex_test_suite = {
	.name = "mutex",
	.init = locking_test_init,
	.exit = locking_test_exit,
	.test_cases = mutex_test_cases,
};
kunit_test_suite(mutex_test_suite);
