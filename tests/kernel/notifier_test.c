// SPDX-License-Identifier: MIT
/* Notifier chains: priority order, NOTIFY_STOP, errno encoding, the three chain kinds. */
#include <kunit/test.h>
#include <linux/notifier.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <krt/printk.h>

struct nt_block {
	struct notifier_block nb;
	char id;
	int ret;
	char *log;		/* each call appends @id */
	unsigned long *last_val;
	bool saw_atomic;
	bool saw_rcu;
	struct raw_notifier_head *self_unregister;
};

static int nt_call(struct notifier_block *nb, unsigned long val, void *data)
{
	struct nt_block *b = container_of(nb, struct nt_block, nb);
	size_t len = strlen(b->log);

	b->log[len] = b->id;
	b->log[len + 1] = '\0';
	if (b->last_val)
		*b->last_val = val;
	b->saw_atomic = in_atomic();
	b->saw_rcu = rcu_read_lock_held();
	if (b->self_unregister)
		raw_notifier_chain_unregister(b->self_unregister, nb);
	return b->ret;
}

static void nt_init(struct nt_block *b, char id, int prio, int ret, char *log)
{
	memset(b, 0, sizeof(*b));
	b->nb.notifier_call = nt_call;
	b->nb.priority = prio;
	b->id = id;
	b->ret = ret;
	b->log = log;
}

static void notifier_priority_order(struct kunit *test)
{
	RAW_NOTIFIER_HEAD(chain);
	struct nt_block a, b, c, d;
	char log[16] = "";

	nt_init(&a, 'a', 0, NOTIFY_OK, log);
	nt_init(&b, 'b', 10, NOTIFY_OK, log);
	nt_init(&c, 'c', -5, NOTIFY_OK, log);
	nt_init(&d, 'd', 10, NOTIFY_DONE, log);
	KUNIT_EXPECT_EQ(test, raw_notifier_chain_register(&chain, &a.nb), 0);
	KUNIT_EXPECT_EQ(test, raw_notifier_chain_register(&chain, &b.nb), 0);
	KUNIT_EXPECT_EQ(test, raw_notifier_chain_register(&chain, &c.nb), 0);
	KUNIT_EXPECT_EQ(test, raw_notifier_chain_register(&chain, &d.nb), 0);
	/* Higher priority first; equal priorities in registration order. */
	KUNIT_EXPECT_EQ(test, raw_notifier_call_chain(&chain, 1, NULL), NOTIFY_OK);
	KUNIT_EXPECT_STREQ(test, log, "bdac");
}

static void notifier_stop_ends_the_walk(struct kunit *test)
{
	BLOCKING_NOTIFIER_HEAD(chain);
	struct nt_block a, b, c;
	char log[16] = "";

	nt_init(&a, 'a', 3, NOTIFY_OK, log);
	nt_init(&b, 'b', 2, NOTIFY_STOP, log);
	nt_init(&c, 'c', 1, NOTIFY_OK, log);
	blocking_notifier_chain_register(&chain, &a.nb);
	blocking_notifier_chain_register(&chain, &b.nb);
	blocking_notifier_chain_register(&chain, &c.nb);
	KUNIT_EXPECT_EQ(test, blocking_notifier_call_chain(&chain, 0, NULL), NOTIFY_STOP);
	KUNIT_EXPECT_STREQ(test, log, "ab");

	/* NOTIFY_BAD also carries NOTIFY_STOP_MASK. */
	log[0] = '\0';
	b.ret = NOTIFY_BAD;
	KUNIT_EXPECT_EQ(test, blocking_notifier_call_chain(&chain, 0, NULL), NOTIFY_BAD);
	KUNIT_EXPECT_STREQ(test, log, "ab");

	KUNIT_EXPECT_EQ(test, blocking_notifier_chain_unregister(&chain, &b.nb), 0);
	log[0] = '\0';
	KUNIT_EXPECT_EQ(test, blocking_notifier_call_chain(&chain, 0, NULL), NOTIFY_OK);
	KUNIT_EXPECT_STREQ(test, log, "ac");
	blocking_notifier_chain_unregister(&chain, &a.nb);
	blocking_notifier_chain_unregister(&chain, &c.nb);
	/* An empty chain answers NOTIFY_DONE. */
	KUNIT_EXPECT_EQ(test, blocking_notifier_call_chain(&chain, 0, NULL), NOTIFY_DONE);
}

static void notifier_errno_encoding(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, notifier_from_errno(0), NOTIFY_OK);
	KUNIT_EXPECT_EQ(test, notifier_to_errno(notifier_from_errno(-EINVAL)), -EINVAL);
	KUNIT_EXPECT_EQ(test, notifier_to_errno(notifier_from_errno(-ENOMEM)), -ENOMEM);
	KUNIT_EXPECT_TRUE(test, notifier_from_errno(-EBUSY) & NOTIFY_STOP_MASK);
	KUNIT_EXPECT_EQ(test, notifier_to_errno(NOTIFY_BAD), -EPERM);
	KUNIT_EXPECT_EQ(test, notifier_to_errno(NOTIFY_OK), 0);
	KUNIT_EXPECT_EQ(test, notifier_to_errno(NOTIFY_DONE), 0);
	KUNIT_EXPECT_EQ(test, notifier_to_errno(NOTIFY_STOP), 0);
}

static void notifier_double_registration_warns(struct kunit *test)
{
	ATOMIC_NOTIFIER_HEAD(chain);
	struct nt_block a;
	char log[16] = "";

	nt_init(&a, 'a', 0, NOTIFY_OK, log);
	KUNIT_EXPECT_EQ(test, atomic_notifier_chain_register(&chain, &a.nb), 0);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, atomic_notifier_chain_register(&chain, &a.nb), -EEXIST);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("notifier callback nt_call already registered"));
	krt_printk_capture_end();
	/* The chain is intact: one call. */
	atomic_notifier_call_chain(&chain, 0, NULL);
	KUNIT_EXPECT_STREQ(test, log, "a");
	KUNIT_EXPECT_EQ(test, atomic_notifier_chain_unregister(&chain, &a.nb), 0);
	KUNIT_EXPECT_EQ(test, atomic_notifier_chain_unregister(&chain, &a.nb), -ENOENT);
	KUNIT_EXPECT_TRUE(test, atomic_notifier_call_chain_is_empty(&chain));
}

static void notifier_unique_priority(struct kunit *test)
{
	BLOCKING_NOTIFIER_HEAD(chain);
	struct nt_block a, b;
	char log[16] = "";

	nt_init(&a, 'a', 5, NOTIFY_OK, log);
	nt_init(&b, 'b', 5, NOTIFY_OK, log);
	KUNIT_EXPECT_EQ(test, blocking_notifier_chain_register_unique_prio(&chain, &a.nb), 0);
	KUNIT_EXPECT_EQ(test, blocking_notifier_chain_register_unique_prio(&chain, &b.nb), -EBUSY);
	b.nb.priority = 6;
	KUNIT_EXPECT_EQ(test, blocking_notifier_chain_register_unique_prio(&chain, &b.nb), 0);
	blocking_notifier_call_chain(&chain, 0, NULL);
	KUNIT_EXPECT_STREQ(test, log, "ba");
	blocking_notifier_chain_unregister(&chain, &a.nb);
	blocking_notifier_chain_unregister(&chain, &b.nb);
}

static void notifier_atomic_chain_runs_under_rcu(struct kunit *test)
{
	ATOMIC_NOTIFIER_HEAD(chain);
	unsigned long val = 0;
	struct nt_block a;
	char log[16] = "";

	nt_init(&a, 'a', 0, NOTIFY_OK, log);
	a.last_val = &val;
	atomic_notifier_chain_register(&chain, &a.nb);
	KUNIT_EXPECT_EQ(test, atomic_notifier_call_chain(&chain, 77, NULL), NOTIFY_OK);
	KUNIT_EXPECT_EQ(test, val, 77UL);
	KUNIT_EXPECT_TRUE(test, a.saw_rcu);
	KUNIT_EXPECT_TRUE(test, a.saw_atomic);
	atomic_notifier_chain_unregister(&chain, &a.nb);
}

static int nt_sleeper(struct notifier_block *nb, unsigned long val, void *data)
{
	bool *ok = data;

	/* Blocking chains run in process context: sleeping is fine. */
	*ok = !in_atomic();
	msleep(1);
	return NOTIFY_OK;
}

static void notifier_blocking_chain_may_sleep(struct kunit *test)
{
	BLOCKING_NOTIFIER_HEAD(chain);
	struct notifier_block nb = { .notifier_call = nt_sleeper };
	bool ok = false;

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	blocking_notifier_chain_register(&chain, &nb);
	KUNIT_EXPECT_EQ(test, blocking_notifier_call_chain(&chain, 0, &ok), NOTIFY_OK);
	KUNIT_EXPECT_TRUE(test, ok);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("BUG:"));
	krt_printk_capture_end();
	blocking_notifier_chain_unregister(&chain, &nb);
}

static void notifier_robust_rolls_back(struct kunit *test)
{
	BLOCKING_NOTIFIER_HEAD(chain);
	RAW_NOTIFIER_HEAD(raw);
	struct nt_block a, b, c, d;
	char log[32] = "";

	nt_init(&a, 'a', 4, NOTIFY_OK, log);
	nt_init(&b, 'b', 3, NOTIFY_OK, log);
	nt_init(&c, 'c', 2, notifier_from_errno(-EBUSY), log);
	nt_init(&d, 'd', 1, NOTIFY_OK, log);
	blocking_notifier_chain_register(&chain, &a.nb);
	blocking_notifier_chain_register(&chain, &b.nb);
	blocking_notifier_chain_register(&chain, &c.nb);
	blocking_notifier_chain_register(&chain, &d.nb);
	/* c vetoes: a and b (which ran before it) get the undo event, c and d do not. */
	KUNIT_EXPECT_EQ(test, notifier_to_errno(blocking_notifier_call_chain_robust(&chain, 1, 2,
										     NULL)),
			-EBUSY);
	KUNIT_EXPECT_STREQ(test, log, "abcab");
	blocking_notifier_chain_unregister(&chain, &a.nb);
	blocking_notifier_chain_unregister(&chain, &b.nb);
	blocking_notifier_chain_unregister(&chain, &c.nb);
	blocking_notifier_chain_unregister(&chain, &d.nb);

	log[0] = '\0';
	raw_notifier_chain_register(&raw, &a.nb);
	raw_notifier_chain_register(&raw, &d.nb);
	KUNIT_EXPECT_EQ(test, raw_notifier_call_chain_robust(&raw, 1, 2, NULL), NOTIFY_OK);
	KUNIT_EXPECT_STREQ(test, log, "ad");
}

static void notifier_callback_may_unregister_itself(struct kunit *test)
{
	RAW_NOTIFIER_HEAD(chain);
	struct nt_block a, b, c;
	char log[16] = "";

	nt_init(&a, 'a', 3, NOTIFY_OK, log);
	nt_init(&b, 'b', 2, NOTIFY_OK, log);
	nt_init(&c, 'c', 1, NOTIFY_OK, log);
	b.self_unregister = &chain;
	raw_notifier_chain_register(&chain, &a.nb);
	raw_notifier_chain_register(&chain, &b.nb);
	raw_notifier_chain_register(&chain, &c.nb);
	raw_notifier_call_chain(&chain, 0, NULL);
	KUNIT_EXPECT_STREQ(test, log, "abc");
	log[0] = '\0';
	raw_notifier_call_chain(&chain, 0, NULL);
	KUNIT_EXPECT_STREQ(test, log, "ac");
}

static void notifier_dynamic_heads(struct kunit *test)
{
	struct atomic_notifier_head ah;
	struct blocking_notifier_head bh;
	struct raw_notifier_head rh;
	struct nt_block a;
	char log[16] = "";

	ATOMIC_INIT_NOTIFIER_HEAD(&ah);
	BLOCKING_INIT_NOTIFIER_HEAD(&bh);
	RAW_INIT_NOTIFIER_HEAD(&rh);
	nt_init(&a, 'a', 0, NOTIFY_OK, log);
	atomic_notifier_chain_register(&ah, &a.nb);
	atomic_notifier_call_chain(&ah, 0, NULL);
	atomic_notifier_chain_unregister(&ah, &a.nb);
	blocking_notifier_chain_register(&bh, &a.nb);
	blocking_notifier_call_chain(&bh, 0, NULL);
	blocking_notifier_chain_unregister(&bh, &a.nb);
	raw_notifier_chain_register(&rh, &a.nb);
	raw_notifier_call_chain(&rh, 0, NULL);
	raw_notifier_chain_unregister(&rh, &a.nb);
	KUNIT_EXPECT_STREQ(test, log, "aaa");
}

static struct kunit_case notifier_test_cases[] = {
	KUNIT_CASE(notifier_priority_order),
	KUNIT_CASE(notifier_stop_ends_the_walk),
	KUNIT_CASE(notifier_errno_encoding),
	KUNIT_CASE(notifier_double_registration_warns),
	KUNIT_CASE(notifier_unique_priority),
	KUNIT_CASE(notifier_atomic_chain_runs_under_rcu),
	KUNIT_CASE(notifier_blocking_chain_may_sleep),
	KUNIT_CASE(notifier_robust_rolls_back),
	KUNIT_CASE(notifier_callback_may_unregister_itself),
	KUNIT_CASE(notifier_dynamic_heads),
	{}
};

static struct kunit_suite notifier_test_suite = {
	.name = "notifier",
	.test_cases = notifier_test_cases,
};
kunit_test_suite(notifier_test_suite);
