// SPDX-License-Identifier: MIT
/*
 * Seqlocks under contention: lockless readers that finish without a retry always saw a
 * consistent pair, whatever the writers were doing. The readers read the data with plain
 * loads, as kernel code does; under ThreadSanitizer this checks that krt's seqcount read
 * sections keep TSan quiet about those intended races.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/seqlock.h>

#include "locking_helpers.h"

#define READERS 2
#define WRITERS 2
#define READS 20000		/* per reader; the writers write until the readers are done */

struct seq_stress {
	seqlock_t lock;
	seqcount_spinlock_t count;
	spinlock_t count_lock;
	unsigned long a, b;	/* plain; a + b == 0 (as unsigned) after every write */
	unsigned long c, d;	/* under count: c == d */
	atomic_t readers_done;
	atomic_long_t writes;
	atomic_t bad_reads;
	atomic_long_t reads;
	atomic_long_t retries;
};

static int seq_writer(void *data)
{
	struct seq_stress *s = data;
	while (atomic_read(&s->readers_done) < READERS) {
		write_seqlock(&s->lock);
		s->a++;
		cpu_relax();
		s->b--;
		write_sequnlock(&s->lock);

		spin_lock(&s->count_lock);
		write_seqcount_begin(&s->count);
		s->c += 3;
		s->d += 3;
		write_seqcount_end(&s->count);
		spin_unlock(&s->count_lock);
		atomic_long_inc(&s->writes);
	}
	return 0;
}

static int seq_reader(void *data)
{
	struct seq_stress *s = data;
	unsigned long a, b, c, d;
	unsigned int seq;
	int i;

	for (i = 0; i < READS; i++) {
		for (;;) {
			seq = read_seqbegin(&s->lock);
			a = s->a;
			cpu_relax();	/* widen the window a writer can hit */
			b = s->b;
			if (!read_seqretry(&s->lock, seq))
				break;
			atomic_long_inc(&s->retries);
		}
		if (a + b != 0)
			atomic_inc(&s->bad_reads);

		do {
			seq = read_seqcount_begin(&s->count);
			c = s->c;
			d = s->d;
		} while (read_seqcount_retry(&s->count, seq));
		if (c != d)
			atomic_inc(&s->bad_reads);
		atomic_long_inc(&s->reads);
	}
	atomic_inc(&s->readers_done);
	return 0;
}

static void seqlock_readers_see_consistent_pairs(struct kunit *test)
{
	struct seq_stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t[READERS + WRITERS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	seqlock_init(&s->lock);
	spin_lock_init(&s->count_lock);
	seqcount_spinlock_init(&s->count, &s->count_lock);
	for (i = 0; i < READERS + WRITERS; i++) {
		t[i] = krt_thread_create(i < WRITERS ? seq_writer : seq_reader, s, "seq-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < READERS + WRITERS; i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->bad_reads), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&s->reads), (long)READERS * READS);
	KUNIT_EXPECT_EQ(test, s->a, (unsigned long)atomic_long_read(&s->writes));
	KUNIT_EXPECT_EQ(test, s->a + s->b, 0UL);
	KUNIT_EXPECT_EQ(test, s->c, 3 * s->a);
	KUNIT_EXPECT_EQ(test, s->c, s->d);
	KUNIT_EXPECT_EQ(test, read_seqbegin(&s->lock), 2U * (unsigned int)s->a);
	kunit_info(test, "%ld reads, %ld retries, %ld writes", atomic_long_read(&s->reads),
		   atomic_long_read(&s->retries), atomic_long_read(&s->writes));
}

static struct kunit_case seqlock_stress_cases[] = {
	KUNIT_CASE(seqlock_readers_see_consistent_pairs),
	{}
};

static struct kunit_suite seqlock_stress_suite = {
	.name = "seqlock_stress",
	.test_cases = seqlock_stress_cases,
};
kunit_test_suite(seqlock_stress_suite);
