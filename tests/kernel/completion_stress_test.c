// SPDX-License-Identifier: MIT
/*
 * Completions under contention: two tasks ping-pong through a pair of completions, each
 * complete() consumed exactly once; a crowd of waiters released by complete_all() round after
 * round. Data handed over with a completion is visible to the waiter (TSan checks the edge).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/completion.h>

#include "locking_helpers.h"

#define ROUNDS 3000

struct ping_pong {
	struct completion ping, pong;
	unsigned long ball;	/* plain: handed over by the completions */
};

static int pong_thread(void *data)
{
	struct ping_pong *p = data;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		wait_for_completion(&p->ping);
		p->ball++;
		complete(&p->pong);
	}
	return 0;
}

static void completion_ping_pong(struct kunit *test)
{
	struct ping_pong *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct task_struct *t;
	int i, bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, p);
	init_completion(&p->ping);
	init_completion(&p->pong);
	t = krt_thread_create(pong_thread, p, "pong");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < ROUNDS; i++) {
		p->ball++;
		complete(&p->ping);
		wait_for_completion(&p->pong);
		if (p->ball != 2UL * (i + 1))
			bad++;
	}
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, p->ball, 2UL * ROUNDS);
	KUNIT_EXPECT_FALSE(test, completion_done(&p->ping));
	KUNIT_EXPECT_FALSE(test, completion_done(&p->pong));
}

#define CROWD 4
#define CROWD_ROUNDS 300

struct crowd {
	struct completion go[CROWD_ROUNDS];
	struct completion arrived;
	unsigned long payload[CROWD_ROUNDS];	/* written before complete_all() */
	atomic_t bad;
};

static int crowd_member(void *data)
{
	struct crowd *c = data;
	int i;

	for (i = 0; i < CROWD_ROUNDS; i++) {
		complete(&c->arrived);
		if (i % 2)
			wait_for_completion(&c->go[i]);
		else if (wait_for_completion_interruptible(&c->go[i]))
			atomic_inc(&c->bad);
		if (c->payload[i] != (unsigned long)i * 7 + 1)
			atomic_inc(&c->bad);
	}
	return 0;
}

static void complete_all_releases_crowds(struct kunit *test)
{
	struct crowd *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct task_struct *t[CROWD];
	int i, j;

	KUNIT_ASSERT_NOT_NULL(test, c);
	for (i = 0; i < CROWD_ROUNDS; i++)
		init_completion(&c->go[i]);
	init_completion(&c->arrived);
	for (i = 0; i < CROWD; i++) {
		t[i] = krt_thread_create(crowd_member, c, "crowd");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < CROWD_ROUNDS; i++) {
		for (j = 0; j < CROWD; j++)
			wait_for_completion(&c->arrived);
		c->payload[i] = (unsigned long)i * 7 + 1;
		complete_all(&c->go[i]);
	}
	for (i = 0; i < CROWD; i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bad), 0);
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&c->arrived));
}

static struct kunit_case completion_stress_cases[] = {
	KUNIT_CASE(completion_ping_pong),
	KUNIT_CASE(complete_all_releases_crowds),
	{}
};

static struct kunit_suite completion_stress_suite = {
	.name = "completion_stress",
	.test_cases = completion_stress_cases,
};
kunit_test_suite(completion_stress_suite);
