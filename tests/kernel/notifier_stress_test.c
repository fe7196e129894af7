// SPDX-License-Identifier: MIT
/*
 * Notifier chains under concurrency: blocks registered and unregistered while other threads
 * walk the chains. An atomic chain walked under RCU must never call a block after
 * atomic_notifier_chain_unregister() returned (it waits for a grace period).
 */
#include <kunit/test.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <krt/thread.h>

#define BLOCKS		8
#define WALKERS		3
#define ROUNDS		300

struct ns_block {
	struct notifier_block nb;
	atomic_t registered;	/* 1 while on the chain */
	atomic_t late_calls;	/* calls after unregister returned */
	atomic_t calls;
};

static struct ns_block blocks[BLOCKS];
static ATOMIC_NOTIFIER_HEAD(ns_atomic);
static BLOCKING_NOTIFIER_HEAD(ns_blocking);
static atomic_t ns_stop;

static int ns_call(struct notifier_block *nb, unsigned long val, void *data)
{
	struct ns_block *b = container_of(nb, struct ns_block, nb);

	atomic_inc(&b->calls);
	if (!atomic_read(&b->registered))
		atomic_inc(&b->late_calls);
	return NOTIFY_OK;
}

static int ns_walker(void *data)
{
	unsigned long kind = (unsigned long)data;

	while (!atomic_read(&ns_stop)) {
		if (kind)
			blocking_notifier_call_chain(&ns_blocking, 0, NULL);
		else
			atomic_notifier_call_chain(&ns_atomic, 0, NULL);
		cond_resched();
	}
	return 0;
}

static void notifier_stress_register_while_walking(struct kunit *test)
{
	struct task_struct *walkers[WALKERS + 1];
	int i, r;

	atomic_set(&ns_stop, 0);
	for (i = 0; i < BLOCKS; i++) {
		blocks[i].nb.notifier_call = ns_call;
		blocks[i].nb.priority = i % 3;
		atomic_set(&blocks[i].registered, 0);
		atomic_set(&blocks[i].late_calls, 0);
		atomic_set(&blocks[i].calls, 0);
	}
	for (i = 0; i <= WALKERS; i++) {
		walkers[i] = krt_thread_create(ns_walker, (void *)(unsigned long)(i == WALKERS),
					       "ns-walker");
		KUNIT_ASSERT_FALSE(test, IS_ERR(walkers[i]));
	}
	for (r = 0; r < ROUNDS; r++) {
		struct ns_block *b = &blocks[r % BLOCKS];

		if (r & 1) {
			/* The atomic chain: unregister waits out every walker that saw @b. */
			atomic_set(&b->registered, 1);
			KUNIT_EXPECT_EQ(test, atomic_notifier_chain_register(&ns_atomic, &b->nb),
					0);
			KUNIT_EXPECT_EQ(test, atomic_notifier_chain_unregister(&ns_atomic, &b->nb),
					0);
			atomic_set(&b->registered, 0);
		} else {
			atomic_set(&b->registered, 1);
			KUNIT_EXPECT_EQ(test,
					blocking_notifier_chain_register(&ns_blocking, &b->nb), 0);
			KUNIT_EXPECT_EQ(test,
					blocking_notifier_chain_unregister(&ns_blocking, &b->nb), 0);
			atomic_set(&b->registered, 0);
		}
	}
	atomic_set(&ns_stop, 1);
	for (i = 0; i <= WALKERS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(walkers[i]), 0);
	for (i = 0; i < BLOCKS; i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&blocks[i].late_calls), 0);
	KUNIT_EXPECT_TRUE(test, atomic_notifier_call_chain_is_empty(&ns_atomic));
}

static struct kunit_case notifier_stress_test_cases[] = {
	KUNIT_CASE(notifier_stress_register_while_walking),
	{}
};

static struct kunit_suite notifier_stress_test_suite = {
	.name = "notifier_stress",
	.test_cases = notifier_stress_test_cases,
};
kunit_test_suite(notifier_stress_test_suite);
