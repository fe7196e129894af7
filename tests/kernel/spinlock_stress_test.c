// SPDX-License-Identifier: MIT
/*
 * Spinlocks and rwlocks under contention: plain counters stay exact, rwlock readers never see
 * a half-done update, and waiters that had to sleep on the lock word (a long critical section)
 * are woken. Also run under ThreadSanitizer, which must see every lock as a happens-before edge.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>

#include "locking_helpers.h"

#define THREADS 4
#define ITERATIONS 20000

struct spin_stress {
	spinlock_t lock;
	rwlock_t rwlock;
	unsigned long counter;	/* plain: protected by the lock under test */
	unsigned long a, b;	/* rwlock data: a == b outside write sections */
	atomic_t bad_reads;	/* readers share the lock: counted atomically */
	int mode;
};

enum { MODE_PLAIN, MODE_IRQSAVE, MODE_BH, MODE_TRYLOCK, MODE_LONG_HOLD };

static int spin_worker(void *data)
{
	struct spin_stress *s = data;
	unsigned long flags;
	int i;

	for (i = 0; i < ITERATIONS; i++) {
		switch (s->mode) {
		case MODE_PLAIN:
			spin_lock(&s->lock);
			s->counter++;
			spin_unlock(&s->lock);
			break;
		case MODE_IRQSAVE:
			spin_lock_irqsave(&s->lock, flags);
			s->counter++;
			spin_unlock_irqrestore(&s->lock, flags);
			break;
		case MODE_BH:
			spin_lock_bh(&s->lock);
			s->counter++;
			spin_unlock_bh(&s->lock);
			break;
		case MODE_TRYLOCK:
			while (!spin_trylock(&s->lock))
				cpu_relax();
			s->counter++;
			spin_unlock(&s->lock);
			break;
		case MODE_LONG_HOLD:
			if (i >= ITERATIONS / 100)
				return 0;
			spin_lock(&s->lock);
			s->counter++;
			/* Long enough that the other threads give up spinning and sleep. */
			udelay(50);
			spin_unlock(&s->lock);
			break;
		}
	}
	return 0;
}

static void run_spin_mode(struct kunit *test, int mode, unsigned long expect)
{
	struct spin_stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t[THREADS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	spin_lock_init(&s->lock);
	s->mode = mode;
	for (i = 0; i < THREADS; i++) {
		t[i] = krt_thread_create(spin_worker, s, "spin-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < THREADS; i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, s->counter, expect);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&s->lock));
}

static void spin_lock_counter(struct kunit *test)
{
	run_spin_mode(test, MODE_PLAIN, THREADS * ITERATIONS);
}

static void spin_lock_irqsave_counter(struct kunit *test)
{
	run_spin_mode(test, MODE_IRQSAVE, THREADS * ITERATIONS);
}

static void spin_lock_bh_counter(struct kunit *test)
{
	run_spin_mode(test, MODE_BH, THREADS * ITERATIONS);
}

static void spin_trylock_counter(struct kunit *test)
{
	run_spin_mode(test, MODE_TRYLOCK, THREADS * ITERATIONS);
}

static void spin_lock_long_hold_sleeping_waiters(struct kunit *test)
{
	run_spin_mode(test, MODE_LONG_HOLD, THREADS * (ITERATIONS / 100));
}

static int rw_reader(void *data)
{
	struct spin_stress *s = data;
	int i;

	for (i = 0; i < ITERATIONS; i++) {
		read_lock(&s->rwlock);
		if (s->a != s->b)
			atomic_inc(&s->bad_reads);
		read_unlock(&s->rwlock);
	}
	return 0;
}

static int rw_writer(void *data)
{
	struct spin_stress *s = data;
	unsigned long flags;
	int i;

	for (i = 0; i < ITERATIONS / 4; i++) {
		write_lock_irqsave(&s->rwlock, flags);
		s->a++;
		cpu_relax();
		s->b++;
		write_unlock_irqrestore(&s->rwlock, flags);
	}
	return 0;
}

static void rwlock_readers_and_writers(struct kunit *test)
{
	struct spin_stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t[THREADS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	rwlock_init(&s->rwlock);
	for (i = 0; i < THREADS; i++) {
		t[i] = krt_thread_create(i < 2 ? rw_writer : rw_reader, s, "rwlock-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < THREADS; i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, s->a, 2UL * (ITERATIONS / 4));
	KUNIT_EXPECT_EQ(test, s->b, s->a);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->bad_reads), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s->rwlock.cnt), 0U);
}

static struct kunit_case spinlock_stress_cases[] = {
	KUNIT_CASE(spin_lock_counter),
	KUNIT_CASE(spin_lock_irqsave_counter),
	KUNIT_CASE(spin_lock_bh_counter),
	KUNIT_CASE(spin_trylock_counter),
	KUNIT_CASE(spin_lock_long_hold_sleeping_waiters),
	KUNIT_CASE(rwlock_readers_and_writers),
	{}
};

static struct kunit_suite spinlock_stress_suite = {
	.name = "spinlock_stress",
	.test_cases = spinlock_stress_cases,
};
kunit_test_suite(spinlock_stress_suite);
