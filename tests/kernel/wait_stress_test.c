// SPDX-License-Identifier: MIT
/*
 * Wait queues under contention: producers and consumers hand items over through a bounded
 * buffer with wait_event()/wake_up(), which loses neither items nor wake-ups; exclusive waiters
 * woken one at a time still all finish. Also run under ThreadSanitizer.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/spinlock.h>

#include "locking_helpers.h"

#define PRODUCERS 2
#define CONSUMERS 2
#define ITEMS 4000		/* per producer */
#define SLOTS 8

struct ring {
	spinlock_t lock;
	wait_queue_head_t not_full;
	wait_queue_head_t not_empty;
	unsigned long slot[SLOTS];
	unsigned int head, tail;	/* under lock; count = head - tail */
	unsigned long consumed_sum;	/* under lock */
	unsigned int consumed;		/* under lock */
	unsigned int total;
};

static bool ring_has_room(struct ring *r)
{
	bool ret;

	spin_lock(&r->lock);
	ret = r->head - r->tail < SLOTS;
	spin_unlock(&r->lock);
	return ret;
}

static bool ring_has_item_or_done(struct ring *r)
{
	bool ret;

	spin_lock(&r->lock);
	ret = r->head != r->tail || r->consumed == r->total;
	spin_unlock(&r->lock);
	return ret;
}

static int producer(void *data)
{
	struct ring *r = data;
	unsigned long v;

	for (v = 1; v <= ITEMS; v++) {
		for (;;) {
			wait_event(r->not_full, ring_has_room(r));
			spin_lock(&r->lock);
			if (r->head - r->tail < SLOTS)
				break;
			spin_unlock(&r->lock);	/* another producer filled it first */
		}
		r->slot[r->head++ % SLOTS] = v;
		spin_unlock(&r->lock);
		wake_up(&r->not_empty);
	}
	return 0;
}

static int consumer(void *data)
{
	struct ring *r = data;

	for (;;) {
		int ret = wait_event_interruptible(r->not_empty, ring_has_item_or_done(r));

		if (ret)
			return ret;
		spin_lock(&r->lock);
		if (r->consumed == r->total) {
			spin_unlock(&r->lock);
			/* Let the other consumers see the end too. */
			wake_up_all(&r->not_empty);
			return 0;
		}
		if (r->head == r->tail) {
			spin_unlock(&r->lock);
			continue;
		}
		r->consumed_sum += r->slot[r->tail++ % SLOTS];
		r->consumed++;
		spin_unlock(&r->lock);
		wake_up(&r->not_full);
	}
}

static void wait_event_producers_consumers(struct kunit *test)
{
	struct ring *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct task_struct *t[PRODUCERS + CONSUMERS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	spin_lock_init(&r->lock);
	init_waitqueue_head(&r->not_full);
	init_waitqueue_head(&r->not_empty);
	r->total = PRODUCERS * ITEMS;
	for (i = 0; i < PRODUCERS + CONSUMERS; i++) {
		t[i] = krt_thread_create(i < PRODUCERS ? producer : consumer, r, "ring-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < PRODUCERS + CONSUMERS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	KUNIT_EXPECT_EQ(test, r->consumed, (unsigned int)(PRODUCERS * ITEMS));
	KUNIT_EXPECT_EQ(test, r->consumed_sum,
			PRODUCERS * ((unsigned long)ITEMS * (ITEMS + 1) / 2));
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&r->not_full));
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&r->not_empty));
}

#define TOKEN_WAITERS 4
#define TOKENS_EACH 500

struct tokens {
	wait_queue_head_t wq;
	atomic_t available;
	atomic_t taken;
};

static bool take_token(struct tokens *tk)
{
	return atomic_add_unless(&tk->available, -1, 0);
}

static int token_waiter(void *data)
{
	struct tokens *tk = data;
	int i;

	for (i = 0; i < TOKENS_EACH; i++) {
		/* Exclusive: each wake_up() wakes one waiter for the one token it adds. */
		wait_event_interruptible_exclusive(tk->wq, take_token(tk));
		atomic_inc(&tk->taken);
	}
	return 0;
}

static void exclusive_waiters_wake_one_at_a_time(struct kunit *test)
{
	struct tokens *tk = kunit_kzalloc(test, sizeof(*tk), GFP_KERNEL);
	struct task_struct *t[TOKEN_WAITERS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, tk);
	init_waitqueue_head(&tk->wq);
	for (i = 0; i < TOKEN_WAITERS; i++) {
		t[i] = krt_thread_create(token_waiter, tk, "token-waiter");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < TOKEN_WAITERS * TOKENS_EACH; i++) {
		atomic_inc(&tk->available);
		wake_up(&tk->wq);
		if (i % 64 == 0)
			udelay(50);
	}
	for (i = 0; i < TOKEN_WAITERS; i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&tk->taken), TOKEN_WAITERS * TOKENS_EACH);
	KUNIT_EXPECT_EQ(test, atomic_read(&tk->available), 0);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&tk->wq));
}

static struct kunit_case wait_stress_cases[] = {
	KUNIT_CASE(wait_event_producers_consumers),
	KUNIT_CASE(exclusive_waiters_wake_one_at_a_time),
	{}
};

static struct kunit_suite wait_stress_suite = {
	.name = "wait_stress",
	.test_cases = wait_stress_cases,
};
kunit_test_suite(wait_stress_suite);
