// SPDX-License-Identifier: MIT
/*
 * Spinlocks and rwlocks: context effects of every variant (preempt count, softirq and irq
 * state), trylock semantics, lockdep integration, guards, and the CONFIG_DEBUG_SPINLOCK
 * reports (recursion, wrong owner, already unlocked, bad magic).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/hardirq.h>
#include <linux/string.h>

#include "locking_helpers.h"

static void spin_lock_raises_preempt_count(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);

	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	spin_lock(&lock);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&lock));
	KUNIT_EXPECT_TRUE(test, in_atomic());
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock), LOCK_STATE_HELD);
	spin_unlock(&lock);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));
	KUNIT_EXPECT_FALSE(test, in_atomic());
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock), LOCK_STATE_NOT_HELD);
}

static void spin_lock_bh_disables_softirqs(struct kunit *test)
{
	spinlock_t lock;

	spin_lock_init(&lock);
	spin_lock_bh(&lock);
	KUNIT_EXPECT_EQ(test, preempt_count(), (int)SOFTIRQ_LOCK_OFFSET);
	KUNIT_EXPECT_TRUE(test, in_softirq());
	KUNIT_EXPECT_FALSE(test, in_serving_softirq());
	spin_unlock_bh(&lock);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_FALSE(test, in_softirq());
}

static void spin_lock_irq_disables_irqs(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);

	spin_lock_irq(&lock);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	spin_unlock_irq(&lock);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
}

static void spin_lock_irqsave_restores_state(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags, outer;

	spin_lock_irqsave(&lock, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, irqs_disabled_flags(flags));
	spin_unlock_irqrestore(&lock, flags);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* Taken with interrupts already off: they stay off after the restore. */
	local_irq_save(outer);
	spin_lock_irqsave(&lock, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled_flags(flags));
	spin_unlock_irqrestore(&lock, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	local_irq_restore(outer);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
}

static void raw_spinlock_variants(struct kunit *test)
{
	DEFINE_RAW_SPINLOCK(lock);
	unsigned long flags;

	raw_spin_lock(&lock);
	KUNIT_EXPECT_TRUE(test, raw_spin_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	raw_spin_unlock(&lock);
	raw_spin_lock_nested(&lock, SINGLE_DEPTH_NESTING);
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock), LOCK_STATE_HELD);
	raw_spin_unlock(&lock);
	raw_spin_lock_bh(&lock);
	KUNIT_EXPECT_TRUE(test, in_softirq());
	raw_spin_unlock_bh(&lock);
	raw_spin_lock_irq(&lock);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	raw_spin_unlock_irq(&lock);
	raw_spin_lock_irqsave(&lock, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	raw_spin_unlock_irqrestore(&lock, flags);
	KUNIT_EXPECT_FALSE(test, raw_spin_is_locked(&lock));
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
}

static void spin_trylock_semantics(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags;

	KUNIT_ASSERT_TRUE(test, spin_trylock(&lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	/* A held lock is not taken again, and a failed trylock changes nothing. */
	KUNIT_EXPECT_FALSE(test, spin_trylock(&lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	KUNIT_EXPECT_FALSE(test, spin_trylock_bh(&lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	KUNIT_EXPECT_FALSE(test, spin_trylock_irq(&lock));
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, spin_trylock_irqsave(&lock, flags));
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	spin_unlock(&lock);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);

	KUNIT_ASSERT_TRUE(test, spin_trylock_irqsave(&lock, flags));
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	spin_unlock_irqrestore(&lock, flags);
	KUNIT_ASSERT_TRUE(test, spin_trylock_bh(&lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), (int)SOFTIRQ_LOCK_OFFSET);
	spin_unlock_bh(&lock);
	KUNIT_ASSERT_TRUE(test, spin_trylock_irq(&lock));
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	spin_unlock_irq(&lock);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

struct holder {
	spinlock_t *lock;
	raw_spinlock_t *raw;
	int held;
	int release;
	int got;
};

static int trylock_from_other_task(void *data)
{
	struct holder *h = data;

	h->got = spin_trylock(h->lock);
	if (h->got)
		spin_unlock(h->lock);
	return 0;
}

static void spin_trylock_fails_while_another_task_holds(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	struct holder h = { .lock = &lock };
	struct task_struct *t;

	spin_lock(&lock);
	t = krt_thread_create(trylock_from_other_task, &h, "trylock");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, h.got, 0);
	spin_unlock(&lock);

	t = krt_thread_create(trylock_from_other_task, &h, "trylock");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, h.got, 1);
}

static int lock_and_count(void *data)
{
	struct holder *h = data;

	spin_lock(h->lock);
	h->got++;
	spin_unlock(h->lock);
	return 0;
}

/* A waiter that outlasts its spinning sleeps on the lock word, and the unlock wakes it. */
static void spin_lock_waiter_sleeps_and_is_woken(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	struct holder h = { .lock = &lock };
	struct task_struct *t;
	int i;

	spin_lock(&lock);
	KUNIT_EXPECT_FALSE(test, spin_is_contended(&lock));
	KUNIT_EXPECT_FALSE(test, spin_needbreak(&lock));
	t = krt_thread_create(lock_and_count, &h, "spin-waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < 50000 && !spin_is_contended(&lock); i++)
		udelay(100);
	KUNIT_EXPECT_TRUE(test, spin_is_contended(&lock));
	KUNIT_EXPECT_TRUE(test, spin_needbreak(&lock));
	spin_unlock(&lock);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, h.got, 1);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));
}

static void might_sleep_inside_spin_lock_reports(struct kunit *test)
{
	DEFINE_SPINLOCK(demo_lock);
	const char *text;

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&demo_lock);
	might_sleep();
	spin_unlock(&demo_lock);
	text = krt_printk_capture_text();
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "BUG: sleeping function called from invalid "
					   "context at tests/kernel/spinlock_test.c:"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "in_atomic(): 1, irqs_disabled(): 0, "
					   "non_block: 0, pid: "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "preempt_count: 1, expected: 0"));
	/* The lock shows in the held-lock listing, under its name. */
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "1 lock held by "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "(demo_lock){....}-{2:2}"));
	krt_printk_capture_end();

	/* Outside the lock, nothing is reported. */
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	might_sleep();
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void might_sleep_inside_spin_lock_irqsave_reports_irqs(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags;

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock_irqsave(&lock, flags);
	might_sleep();
	spin_unlock_irqrestore(&lock, flags);
	EXPECT_PRINTED(test, "in_atomic(): 1, irqs_disabled(): 1");
	krt_printk_capture_end();
}

static void lockdep_assert_held_on_spinlock(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);

	krt_printk_capture_begin(false);
	spin_lock(&lock);
	lockdep_assert_held(&lock);
	spin_unlock(&lock);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 0);
	lockdep_assert_held(&lock);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	EXPECT_PRINTED(test, "WARNING: CPU: ");
	krt_printk_capture_end();
}

static void spin_lock_guards(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);

	{
		guard(spinlock)(&lock);
		KUNIT_EXPECT_TRUE(test, spin_is_locked(&lock));
		KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	}
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));
	scoped_guard(spinlock_irqsave, &lock) {
		KUNIT_EXPECT_TRUE(test, irqs_disabled());
		KUNIT_EXPECT_TRUE(test, spin_is_locked(&lock));
	}
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));
}

static void atomic_dec_and_lock_takes_lock_at_zero(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	atomic_t count = ATOMIC_INIT(2);
	unsigned long flags;

	KUNIT_EXPECT_EQ(test, atomic_dec_and_lock(&count, &lock), 0);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 1);
	KUNIT_ASSERT_EQ(test, atomic_dec_and_lock(&count, &lock), 1);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&lock));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 0);
	spin_unlock(&lock);

	atomic_set(&count, 1);
	KUNIT_ASSERT_EQ(test, atomic_dec_and_lock_irqsave(&count, &lock, flags), 1);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	spin_unlock_irqrestore(&lock, flags);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

/* Unlocking an unlocked lock: reported, then nothing changes (no preempt-count underflow). */
static void spin_unlock_unlocked_is_refused(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);

	krt_printk_capture_begin(false);
	spin_unlock(&lock);
	EXPECT_PRINTED(test, "BUG: spinlock already unlocked on CPU#");
	EXPECT_PRINTED(test, ".magic: dead4ead, .owner: <none>/-1");
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("DEBUG_LOCKS_WARN_ON"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));

	/* Still a working lock. */
	spin_lock(&lock);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&lock));
	spin_unlock(&lock);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&lock));
}

/* The first report switches lock debugging off; later ones stay silent, as in the kernel. */
static void spin_debug_reports_once(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);

	krt_printk_capture_begin(false);
	spin_unlock(&lock);
	spin_unlock(&lock);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG: spinlock already unlocked"), 1);
	KUNIT_EXPECT_EQ(test, debug_locks, 0);
	krt_printk_capture_end();
	krt_debug_locks_reset();
	KUNIT_EXPECT_EQ(test, debug_locks, 1);
}

static int hold_raw_lock(void *data)
{
	struct holder *h = data;

	do_raw_spin_lock(h->raw);
	smp_store_release(&h->held, 1);
	/* Stay alive (the report names this task) until the test has unlocked for us. */
	wait_for_flag(&h->release);
	return 0;
}

static void spin_unlock_by_wrong_owner_reports(struct kunit *test)
{
	DEFINE_RAW_SPINLOCK(lock);
	struct holder h = { .raw = &lock };
	struct task_struct *t;

	t = krt_thread_create(hold_raw_lock, &h, "lock-owner");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_for_flag(&h.held));
	krt_printk_capture_begin(false);
	do_raw_spin_unlock(&lock);
	EXPECT_PRINTED(test, "BUG: spinlock wrong owner on CPU#");
	EXPECT_PRINTED(test, ".owner: lock-owner/");
	krt_printk_capture_end();
	/* Like the kernel, the lock is released anyway. */
	KUNIT_EXPECT_FALSE(test, raw_spin_is_locked(&lock));
	smp_store_release(&h.release, 1);
	krt_thread_join(t);
}

static void spin_lock_uninitialised_reports_bad_magic(struct kunit *test)
{
	spinlock_t *lock = kunit_kzalloc(test, sizeof(*lock), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, lock);
	krt_printk_capture_begin(false);
	spin_lock(lock);
	EXPECT_PRINTED(test, "BUG: spinlock bad magic on CPU#");
	EXPECT_PRINTED(test, ".magic: 00000000");
	krt_printk_capture_end();
	/* A zeroed lock still works. */
	KUNIT_EXPECT_TRUE(test, spin_is_locked(lock));
	spin_unlock(lock);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
}

/* Recursion would hang forever in the kernel; krt reports it and BUG()s the case instead. */
static void inner_spin_recursion(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);

	spin_lock(&lock);
	spin_lock(&lock);
	KUNIT_FAIL(test, "spin_lock() returned from recursion");
}

static struct kunit_case inner_spin_recursion_cases[] = {
	KUNIT_CASE(inner_spin_recursion),
	{}
};

static struct kunit_suite inner_spin_recursion_suite = {
	.name = "spinlock_inner_recursion",
	.test_cases = inner_spin_recursion_cases,
};

static void spin_lock_recursion_reports_and_bugs(struct kunit *test)
{
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, run_bugging_suite(&inner_spin_recursion_suite), 1);
	EXPECT_PRINTED(test, "BUG: spinlock recursion on CPU#");
	EXPECT_PRINTED(test, " lock: ");
	EXPECT_PRINTED(test, "kernel BUG at kernel/locking/");
	krt_printk_capture_end();
}

/* --- rwlock_t -------------------------------------------------------------------------------- */

struct rw_holder {
	rwlock_t *lock;
	int got_read;
	int got_write;
	int held;
	int release;
};

static int rw_trylocks(void *data)
{
	struct rw_holder *h = data;

	h->got_read = read_trylock(h->lock);
	if (h->got_read)
		read_unlock(h->lock);
	h->got_write = write_trylock(h->lock);
	if (h->got_write)
		write_unlock(h->lock);
	return 0;
}

static void rw_try_from_thread(struct kunit *test, struct rw_holder *h)
{
	struct task_struct *t = krt_thread_create(rw_trylocks, h, "rw-try");

	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	krt_thread_join(t);
}

static void rwlock_readers_share_writers_exclude(struct kunit *test)
{
	DEFINE_RWLOCK(lock);
	struct rw_holder h = { .lock = &lock };

	read_lock(&lock);
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&lock, 1), LOCK_STATE_HELD);
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&lock, 0), LOCK_STATE_NOT_HELD);
	rw_try_from_thread(test, &h);
	KUNIT_EXPECT_EQ(test, h.got_read, 1);
	KUNIT_EXPECT_EQ(test, h.got_write, 0);
	read_unlock(&lock);

	write_lock(&lock);
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&lock, 0), LOCK_STATE_HELD);
	rw_try_from_thread(test, &h);
	KUNIT_EXPECT_EQ(test, h.got_read, 0);
	KUNIT_EXPECT_EQ(test, h.got_write, 0);
	write_unlock(&lock);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);

	rw_try_from_thread(test, &h);
	KUNIT_EXPECT_EQ(test, h.got_read, 1);
	KUNIT_EXPECT_EQ(test, h.got_write, 1);
}

static void rwlock_context_variants(struct kunit *test)
{
	rwlock_t lock;
	unsigned long flags;

	rwlock_init(&lock);
	read_lock_bh(&lock);
	KUNIT_EXPECT_EQ(test, preempt_count(), (int)SOFTIRQ_LOCK_OFFSET);
	read_unlock_bh(&lock);
	read_lock_irq(&lock);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	read_unlock_irq(&lock);
	read_lock_irqsave(&lock, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	read_unlock_irqrestore(&lock, flags);
	write_lock_bh(&lock);
	KUNIT_EXPECT_TRUE(test, in_softirq());
	write_unlock_bh(&lock);
	write_lock_irq(&lock);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	write_unlock_irq(&lock);
	write_lock_irqsave(&lock, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	write_unlock_irqrestore(&lock, flags);
	KUNIT_ASSERT_TRUE(test, write_trylock_irqsave(&lock, flags));
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	write_unlock_irqrestore(&lock, flags);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	scoped_guard(write_lock, &lock)
		KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&lock, 0), LOCK_STATE_HELD);
	scoped_guard(read_lock, &lock)
		KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&lock, 1), LOCK_STATE_HELD);
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&lock), LOCK_STATE_NOT_HELD);
}

/* A read lock taken in interrupt context nests inside the same task's read section quietly. */
static void rwlock_read_nests_in_interrupt(struct kunit *test)
{
	DEFINE_RWLOCK(lock);

	krt_printk_capture_begin(false);
	read_lock(&lock);
	irq_enter();
	read_lock(&lock);
	read_unlock(&lock);
	irq_exit();
	read_unlock(&lock);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static int rw_write_waiter(void *data)
{
	struct rw_holder *h = data;

	smp_store_release(&h->held, 1);
	write_lock(h->lock);
	h->got_write = 1;
	write_unlock(h->lock);
	return 0;
}

/* Task-context reads wait behind a waiting writer; a second read of our own is let through. */
static void rwlock_recursive_read_reported_not_deadlocked(struct kunit *test)
{
	DEFINE_RWLOCK(lock);
	struct rw_holder h = { .lock = &lock };
	struct task_struct *t;
	int i;

	read_lock(&lock);
	t = krt_thread_create(rw_write_waiter, &h, "rw-writer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* We hold a spinning lock: busy-wait until the writer flags itself as waiting. */
	spin_until_flag(&h.held);
	for (i = 0; i < 5000 && !rwlock_is_contended(&lock); i++)
		udelay(100);
	KUNIT_EXPECT_TRUE(test, rwlock_is_contended(&lock));
	KUNIT_EXPECT_TRUE(test, rwlock_needbreak(&lock));
	KUNIT_EXPECT_FALSE(test, read_trylock(&lock));

	krt_printk_capture_begin(false);
	read_lock(&lock);
	EXPECT_PRINTED(test, "WARNING: possible recursive locking detected");
	krt_printk_capture_end();
	read_unlock(&lock);
	read_unlock(&lock);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, h.got_write, 1);
}

static void rwlock_unlock_unlocked_is_refused(struct kunit *test)
{
	DEFINE_RWLOCK(lock);

	krt_printk_capture_begin(false);
	write_unlock(&lock);
	EXPECT_PRINTED(test, "BUG: rwlock wrong owner on CPU#");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, lock.cnt, 0U);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);

	krt_debug_locks_reset();
	krt_printk_capture_begin(false);
	read_unlock(&lock);
	/* lockdep sees the unbalanced release first. */
	EXPECT_PRINTED(test, "WARNING: bad unlock balance detected!");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, lock.cnt, 0U);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);

	krt_debug_locks_reset();
	krt_printk_capture_begin(false);
	read_lock(&lock);
	read_unlock(&lock);
	write_lock(&lock);
	write_unlock(&lock);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void inner_rwlock_write_recursion(struct kunit *test)
{
	DEFINE_RWLOCK(lock);

	write_lock(&lock);
	write_lock(&lock);
	KUNIT_FAIL(test, "write_lock() returned from recursion");
}

static void inner_rwlock_read_in_write(struct kunit *test)
{
	DEFINE_RWLOCK(lock);

	write_lock(&lock);
	read_lock(&lock);
	KUNIT_FAIL(test, "read_lock() returned inside our own write section");
}

static struct kunit_case inner_rwlock_write_cases[] = {
	KUNIT_CASE(inner_rwlock_write_recursion),
	{}
};

static struct kunit_suite inner_rwlock_write_suite = {
	.name = "rwlock_inner_write_recursion",
	.test_cases = inner_rwlock_write_cases,
};

static struct kunit_case inner_rwlock_read_cases[] = {
	KUNIT_CASE(inner_rwlock_read_in_write),
	{}
};

static struct kunit_suite inner_rwlock_read_suite = {
	.name = "rwlock_inner_read_in_write",
	.test_cases = inner_rwlock_read_cases,
};

static void rwlock_recursion_reports_and_bugs(struct kunit *test)
{
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, run_bugging_suite(&inner_rwlock_write_suite), 1);
	EXPECT_PRINTED(test, "BUG: rwlock recursion on CPU#");
	krt_printk_capture_end();

	krt_debug_locks_reset();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, run_bugging_suite(&inner_rwlock_read_suite), 1);
	EXPECT_PRINTED(test, "WARNING: possible recursive locking detected");
	EXPECT_PRINTED(test, "kernel BUG at kernel/locking/rwlock.c");
	krt_printk_capture_end();
}

static struct kunit_case spinlock_test_cases[] = {
	KUNIT_CASE(spin_lock_raises_preempt_count),
	KUNIT_CASE(spin_lock_bh_disables_softirqs),
	KUNIT_CASE(spin_lock_irq_disables_irqs),
	KUNIT_CASE(spin_lock_irqsave_restores_state),
	KUNIT_CASE(raw_spinlock_variants),
	KUNIT_CASE(spin_trylock_semantics),
	KUNIT_CASE(spin_trylock_fails_while_another_task_holds),
	KUNIT_CASE(spin_lock_waiter_sleeps_and_is_woken),
	KUNIT_CASE(might_sleep_inside_spin_lock_reports),
	KUNIT_CASE(might_sleep_inside_spin_lock_irqsave_reports_irqs),
	KUNIT_CASE(lockdep_assert_held_on_spinlock),
	KUNIT_CASE(spin_lock_guards),
	KUNIT_CASE(atomic_dec_and_lock_takes_lock_at_zero),
	KUNIT_CASE(spin_unlock_unlocked_is_refused),
	KUNIT_CASE(spin_debug_reports_once),
	KUNIT_CASE(spin_unlock_by_wrong_owner_reports),
	KUNIT_CASE(spin_lock_uninitialised_reports_bad_magic),
	KUNIT_CASE(spin_lock_recursion_reports_and_bugs),
	KUNIT_CASE(rwlock_readers_share_writers_exclude),
	KUNIT_CASE(rwlock_context_variants),
	KUNIT_CASE(rwlock_read_nests_in_interrupt),
	KUNIT_CASE(rwlock_recursive_read_reported_not_deadlocked),
	KUNIT_CASE(rwlock_unlock_unlocked_is_refused),
	KUNIT_CASE(rwlock_recursion_reports_and_bugs),
	{}
};

static struct kunit_suite spinlock_test_suite = {
	.name = "spinlock",
	.init = locking_test_init,
	.exit = locking_test_exit,
	.test_cases = spinlock_test_cases,
};
kunit_test_suite(spinlock_test_suite);
