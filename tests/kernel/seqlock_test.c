// SPDX-License-Identifier: MIT
/*
 * Sequence counters and seqlocks: the count protocol (odd while writing, retry after a write),
 * the locking variants' context effects, read_seqbegin_or_lock(), the write-side lockdep
 * checks of seqcount_LOCKNAME_t and plain seqcount_t, mutex-associated counters, latches.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/seqlock.h>
#include <linux/mutex.h>

#include "locking_helpers.h"

static DEFINE_SEQLOCK(static_seqlock);

static void seqlock_read_retries_after_write(struct kunit *test)
{
	seqlock_t sl;
	unsigned int seq;

	seqlock_init(&sl);
	seq = read_seqbegin(&sl);
	KUNIT_EXPECT_EQ(test, seq, 0U);
	KUNIT_EXPECT_FALSE(test, read_seqretry(&sl, seq));

	seq = read_seqbegin(&sl);
	write_seqlock(&sl);
	/* While writing: the count is odd and the spinlock is held. */
	KUNIT_EXPECT_EQ(test, sl.seqcount.seqcount.sequence & 1, 1U);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&sl.lock));
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	write_sequnlock(&sl);
	KUNIT_EXPECT_TRUE(test, read_seqretry(&sl, seq));
	seq = read_seqbegin(&sl);
	KUNIT_EXPECT_EQ(test, seq, 2U);
	KUNIT_EXPECT_FALSE(test, read_seqretry(&sl, seq));
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);

	seq = read_seqbegin(&static_seqlock);
	KUNIT_EXPECT_FALSE(test, read_seqretry(&static_seqlock, seq));
}

static void seqlock_write_variants(struct kunit *test)
{
	DEFINE_SEQLOCK(sl);
	unsigned long flags;

	write_seqlock_bh(&sl);
	KUNIT_EXPECT_TRUE(test, in_softirq());
	write_sequnlock_bh(&sl);
	write_seqlock_irq(&sl);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	write_sequnlock_irq(&sl);
	write_seqlock_irqsave(&sl, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, lockdep_is_held(&sl.lock), LOCK_STATE_HELD);
	write_sequnlock_irqrestore(&sl, flags);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_EQ(test, read_seqbegin(&sl), 6U);

	/* Locking readers exclude writers without moving the count. */
	read_seqlock_excl(&sl);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&sl.lock));
	read_sequnlock_excl(&sl);
	read_seqlock_excl_irqsave(&sl, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	read_sequnlock_excl_irqrestore(&sl, flags);
	KUNIT_EXPECT_EQ(test, read_seqbegin(&sl), 6U);
}

static void read_seqbegin_or_lock_falls_back_to_locking(struct kunit *test)
{
	DEFINE_SEQLOCK(sl);
	int seq = 0, passes = 0;

again:
	passes++;
	read_seqbegin_or_lock(&sl, &seq);
	if (passes == 1) {
		/* Lockless first pass, spoiled by a writer. */
		KUNIT_EXPECT_FALSE(test, spin_is_locked(&sl.lock));
		write_seqlock(&sl);
		write_sequnlock(&sl);
	} else {
		KUNIT_EXPECT_TRUE(test, spin_is_locked(&sl.lock));
	}
	if (need_seqretry(&sl, seq)) {
		seq = 1;
		goto again;
	}
	done_seqretry(&sl, seq);
	KUNIT_EXPECT_EQ(test, passes, 2);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&sl.lock));
}

static void raw_seqcount_begin_never_returns_odd(struct kunit *test)
{
	seqcount_t s = SEQCNT_ZERO(s);
	unsigned int seq;

	preempt_disable();
	write_seqcount_begin(&s);
	seq = raw_seqcount_begin(&s);
	KUNIT_EXPECT_EQ(test, seq & 1, 0U);
	/* Started during a write: must retry. */
	KUNIT_EXPECT_TRUE(test, read_seqcount_retry(&s, seq));
	KUNIT_EXPECT_EQ(test, raw_read_seqcount(&s) & 1, 1U);
	write_seqcount_end(&s);
	preempt_enable();
	seq = read_seqcount_begin(&s);
	KUNIT_EXPECT_FALSE(test, read_seqcount_retry(&s, seq));
	KUNIT_EXPECT_EQ(test, seq, 2U);

	raw_write_seqcount_barrier(&s);
	KUNIT_EXPECT_TRUE(test, read_seqcount_retry(&s, seq));
	seq = read_seqcount_begin(&s);
	write_seqcount_invalidate(&s);
	KUNIT_EXPECT_TRUE(test, read_seqcount_retry(&s, seq));
	KUNIT_EXPECT_EQ(test, raw_read_seqcount(&s), 6U);
}

static void seqcount_spinlock_asserts_lock_held(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	seqcount_spinlock_t s;

	seqcount_spinlock_init(&s, &lock);
	krt_printk_capture_begin(false);
	spin_lock(&lock);
	write_seqcount_begin(&s);
	write_seqcount_end(&s);
	spin_unlock(&lock);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 0);
	write_seqcount_begin(&s);
	write_seqcount_end(&s);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, read_seqcount_begin(&s), 4U);
}

static void seqcount_plain_writer_needs_preemption_off(struct kunit *test)
{
	seqcount_t s;

	seqcount_init(&s);
	krt_printk_capture_begin(false);
	preempt_disable();
	write_seqcount_begin(&s);
	write_seqcount_end(&s);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 0);
	write_seqcount_begin(&s);
	write_seqcount_end(&s);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	krt_printk_capture_end();
}

static void seqcount_mutex_writer_disables_preemption(struct kunit *test)
{
	DEFINE_MUTEX(lock);
	seqcount_mutex_t s = SEQCNT_MUTEX_ZERO(s, &lock);
	unsigned int seq;

	mutex_lock(&lock);
	seq = read_seqcount_begin(&s);
	write_seqcount_begin(&s);
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	write_seqcount_end(&s);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	mutex_unlock(&lock);
	KUNIT_EXPECT_TRUE(test, read_seqcount_retry(&s, seq));
}

static void seqcount_latch_flips_copies(struct kunit *test)
{
	seqcount_latch_t latch = SEQCNT_LATCH_ZERO(latch);
	unsigned int seq;

	seq = raw_read_seqcount_latch(&latch);
	KUNIT_EXPECT_EQ(test, seq & 1, 0U);
	KUNIT_EXPECT_FALSE(test, read_seqcount_latch_retry(&latch, seq));
	raw_write_seqcount_latch(&latch);
	KUNIT_EXPECT_TRUE(test, read_seqcount_latch_retry(&latch, seq));
	seq = raw_read_seqcount_latch(&latch);
	KUNIT_EXPECT_EQ(test, seq & 1, 1U);
	KUNIT_EXPECT_FALSE(test, read_seqcount_latch_retry(&latch, seq));
}

struct seq_writer {
	seqlock_t *sl;
	u64 *a, *b;
	int started;
};

static int slow_writer(void *data)
{
	struct seq_writer *w = data;

	write_seqlock(w->sl);
	smp_store_release(&w->started, 1);
	*w->a = 1;
	/* Keep the write section open while the reader spins on the odd count. */
	udelay(20000);
	*w->b = 1;
	write_sequnlock(w->sl);
	return 0;
}

/* A reader starting during a write waits for it to end, then sees both halves. */
static void read_seqbegin_waits_out_a_writer(struct kunit *test)
{
	DEFINE_SEQLOCK(sl);
	u64 a = 0, b = 0, ra, rb;
	struct seq_writer w = { .sl = &sl, .a = &a, .b = &b };
	struct task_struct *t;
	unsigned int seq;

	t = krt_thread_create(slow_writer, &w, "seq-writer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_for_flag(&w.started));
	do {
		seq = read_seqbegin(&sl);
		ra = a;
		rb = b;
	} while (read_seqretry(&sl, seq));
	KUNIT_EXPECT_EQ(test, ra, 1ULL);
	KUNIT_EXPECT_EQ(test, rb, 1ULL);
	KUNIT_EXPECT_EQ(test, seq, 2U);
	krt_thread_join(t);
}

static struct kunit_case seqlock_test_cases[] = {
	KUNIT_CASE(seqlock_read_retries_after_write),
	KUNIT_CASE(seqlock_write_variants),
	KUNIT_CASE(read_seqbegin_or_lock_falls_back_to_locking),
	KUNIT_CASE(raw_seqcount_begin_never_returns_odd),
	KUNIT_CASE(seqcount_spinlock_asserts_lock_held),
	KUNIT_CASE(seqcount_plain_writer_needs_preemption_off),
	KUNIT_CASE(seqcount_mutex_writer_disables_preemption),
	KUNIT_CASE(seqcount_latch_flips_copies),
	KUNIT_CASE(read_seqbegin_waits_out_a_writer),
	{}
};

static struct kunit_suite seqlock_test_suite = {
	.name = "seqlock",
	.init = locking_test_init,
	.exit = locking_test_exit,
	.test_cases = seqlock_test_cases,
};
kunit_test_suite(seqlock_test_suite);
