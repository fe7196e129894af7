// SPDX-License-Identifier: MIT
/*
 * Reader-writer semaphores under contention: readers never see a half-done update, writers'
 * updates are never lost, downgrades hand over cleanly, and nobody is left waiting. Also run
 * under ThreadSanitizer.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/rwsem.h>

#include "locking_helpers.h"

#define READERS 3
#define WRITERS 2
#define ITERATIONS 3000

struct rwsem_stress {
	struct rw_semaphore sem;
	unsigned long a, b;	/* plain: a == b outside write sections */
	atomic_t bad_reads;
	atomic_t downgraded_reads;
};

static int rwsem_reader(void *data)
{
	struct rwsem_stress *s = data;
	int i;

	for (i = 0; i < ITERATIONS; i++) {
		if (i % 8 == 0) {
			if (!down_read_trylock(&s->sem))
				continue;
		} else {
			down_read(&s->sem);
		}
		if (s->a != s->b)
			atomic_inc(&s->bad_reads);
		up_read(&s->sem);
	}
	return 0;
}

static int rwsem_writer(void *data)
{
	struct rwsem_stress *s = data;
	int i;

	for (i = 0; i < ITERATIONS; i++) {
		down_write(&s->sem);
		s->a++;
		if (i % 16 == 0)
			udelay(20);	/* let readers queue up behind us */
		s->b++;
		if (i % 4 == 0) {
			downgrade_write(&s->sem);
			if (s->a != s->b)
				atomic_inc(&s->bad_reads);
			atomic_inc(&s->downgraded_reads);
			up_read(&s->sem);
		} else {
			up_write(&s->sem);
		}
	}
	return 0;
}

static void rwsem_readers_and_writers(struct kunit *test)
{
	struct rwsem_stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t[READERS + WRITERS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	init_rwsem(&s->sem);
	for (i = 0; i < READERS + WRITERS; i++) {
		t[i] = krt_thread_create(i < WRITERS ? rwsem_writer : rwsem_reader, s,
					 "rwsem-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < READERS + WRITERS; i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, s->a, (unsigned long)WRITERS * ITERATIONS);
	KUNIT_EXPECT_EQ(test, s->b, s->a);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->bad_reads), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->downgraded_reads), WRITERS * ITERATIONS / 4);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&s->sem));
	KUNIT_EXPECT_FALSE(test, rwsem_is_contended(&s->sem));
	KUNIT_EXPECT_TRUE(test, list_empty(&s->sem.wait_list));
}

static struct kunit_case rwsem_stress_cases[] = {
	KUNIT_CASE(rwsem_readers_and_writers),
	{}
};

static struct kunit_suite rwsem_stress_suite = {
	.name = "rwsem_stress",
	.test_cases = rwsem_stress_cases,
};
kunit_test_suite(rwsem_stress_suite);
