// SPDX-License-Identifier: MIT
/*
 * llist under concurrency: producers llist_add() while a consumer drains with llist_del_all();
 * every node must come out exactly once. Also hammers the atomic bit operations.
 */
#include <kunit/test.h>
#include <krt/thread.h>
#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/llist.h>

#define PRODUCERS	4
#define PER_PRODUCER	20000

struct snode {
	struct llist_node node;
	unsigned int id;
	unsigned int seen;
};

static struct snode snodes[PRODUCERS * PER_PRODUCER];
static LLIST_HEAD(shead);

static int producer(void *data)
{
	unsigned long p = (unsigned long)data;
	unsigned int i;

	for (i = 0; i < PER_PRODUCER; i++) {
		struct snode *n = &snodes[p * PER_PRODUCER + i];

		n->id = p * PER_PRODUCER + i;
		llist_add(&n->node, &shead);
	}
	return 0;
}

static void llist_stress_add_del_all(struct kunit *test)
{
	struct task_struct *tasks[PRODUCERS];
	unsigned long p, total = 0;
	struct snode *n;

	memset(snodes, 0, sizeof(snodes));
	for (p = 0; p < PRODUCERS; p++) {
		tasks[p] = krt_thread_create(producer, (void *)p, "llist-prod");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[p]));
	}
	while (total < ARRAY_SIZE(snodes)) {
		struct llist_node *batch = llist_del_all(&shead);

		llist_for_each_entry(n, batch, node) {
			n->seen++;
			total++;
		}
	}
	for (p = 0; p < PRODUCERS; p++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[p]), 0);
	KUNIT_EXPECT_TRUE(test, llist_empty(&shead));
	for (p = 0; p < ARRAY_SIZE(snodes); p++) {
		if (snodes[p].seen != 1 || snodes[p].id != p) {
			KUNIT_FAIL(test, "node %lu seen %u times (id %u)", p, snodes[p].seen,
				   snodes[p].id);
			break;
		}
	}
}

#define BIT_THREADS	4
#define BIT_ROUNDS	100000

static unsigned long shared_bits[2];
static atomic_t bit_owner_count;

/* Each thread flips its own bits, and all compete for bit 64 as a lock. */
static int bit_worker(void *data)
{
	unsigned long t = (unsigned long)data;
	int i;

	for (i = 0; i < BIT_ROUNDS; i++) {
		set_bit(t, shared_bits);
		change_bit(t + 8, shared_bits);
		clear_bit(t, shared_bits);
		if (!test_and_set_bit_lock(64, shared_bits)) {
			/* Only one owner at a time. */
			if (atomic_inc_return(&bit_owner_count) != 1)
				return -1;
			atomic_dec(&bit_owner_count);
			clear_bit_unlock(64, shared_bits);
		}
	}
	return 0;
}

static void bitops_stress_atomic(struct kunit *test)
{
	struct task_struct *tasks[BIT_THREADS];
	unsigned long t;

	shared_bits[0] = shared_bits[1] = 0;
	for (t = 0; t < BIT_THREADS; t++) {
		tasks[t] = krt_thread_create(bit_worker, (void *)t, "bit-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[t]));
	}
	for (t = 0; t < BIT_THREADS; t++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[t]), 0);
	/* Every bit was set and cleared an equal number of times: nothing lost. */
	KUNIT_EXPECT_EQ(test, shared_bits[0], 0UL);
	KUNIT_EXPECT_EQ(test, shared_bits[1], 0UL);
}

static struct kunit_case llist_stress_test_cases[] = {
	KUNIT_CASE_SLOW(llist_stress_add_del_all),
	KUNIT_CASE_SLOW(bitops_stress_atomic),
	{}
};

static struct kunit_suite llist_stress_test_suite = {
	.name = "krt-llist-stress",
	.test_cases = llist_stress_test_cases,
};
kunit_test_suite(llist_stress_test_suite);
