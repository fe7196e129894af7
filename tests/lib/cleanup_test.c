// SPDX-License-Identifier: MIT
/* cleanup.h (__free, guards, classes) and jump_label.h (static keys). */
#include <kunit/test.h>
#include <krt/printk.h>
#include <linux/cleanup.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>

static int freed;

DEFINE_FREE(count_free, int *, if (_T) freed += *_T)

static int *early_return(int *v, bool keep)
{
	int *p __free(count_free) = v;

	if (keep)
		return_ptr(p);
	return NULL;
}

static void cleanup_free(struct kunit *test)
{
	int a = 1, b = 10, c = 100;

	freed = 0;
	{
		int *p __free(count_free) = &a;

		KUNIT_EXPECT_EQ(test, *p, 1);
	}
	KUNIT_EXPECT_EQ(test, freed, 1);
	KUNIT_EXPECT_NULL(test, early_return(&b, false));
	KUNIT_EXPECT_EQ(test, freed, 11);
	KUNIT_EXPECT_PTR_EQ(test, early_return(&b, true), &b);
	KUNIT_EXPECT_EQ(test, freed, 11);	/* handed out, not freed */
	{
		int *p __free(count_free) = &c;
		int *q = no_free_ptr(p);

		KUNIT_EXPECT_NULL(test, p);
		KUNIT_EXPECT_PTR_EQ(test, q, &c);
	}
	{
		int *p __free(count_free) = &c;

		retain_and_null_ptr(p);
	}
	KUNIT_EXPECT_EQ(test, freed, 11);
}

struct fake_lock {
	int depth;
	int taken;
};

static void fake_lock(struct fake_lock *l)
{
	l->depth++;
	l->taken++;
}

static void fake_unlock(struct fake_lock *l)
{
	l->depth--;
}

static bool fake_trylock(struct fake_lock *l)
{
	if (l->depth)
		return false;
	fake_lock(l);
	return true;
}

DEFINE_GUARD(fake, struct fake_lock *, fake_lock(_T), fake_unlock(_T))
DEFINE_GUARD_COND(fake, _try, fake_trylock(_T))

DEFINE_LOCK_GUARD_1(fake_irqsave, struct fake_lock, fake_lock(_T->lock); _T->flags = 42,
		    fake_unlock(_T->lock), int flags)
DEFINE_LOCK_GUARD_1_COND(fake_irqsave, _try, fake_trylock(_T->lock))

static int global_depth;
DEFINE_LOCK_GUARD_0(fake_global, global_depth++, global_depth--)

static int guarded_return(struct fake_lock *l)
{
	guard(fake)(l);
	return l->depth;
}

static void cleanup_guards(struct kunit *test)
{
	struct fake_lock l = { 0, 0 };
	int ran = 0, i;

	KUNIT_EXPECT_EQ(test, guarded_return(&l), 1);
	KUNIT_EXPECT_EQ(test, l.depth, 0);

	scoped_guard(fake, &l) {
		KUNIT_EXPECT_EQ(test, l.depth, 1);
		ran++;
	}
	KUNIT_EXPECT_EQ(test, l.depth, 0);
	KUNIT_EXPECT_EQ(test, ran, 1);

	/* break inside a scoped guard in a loop leaves the guard's block only. */
	for (i = 0; i < 3; i++) {
		scoped_guard(fake, &l) {
			if (i == 1)
				break;
			ran++;
		}
		KUNIT_EXPECT_EQ(test, l.depth, 0);
	}
	KUNIT_EXPECT_EQ(test, ran, 3);

	/* Conditional guards: the block is skipped when the lock is not taken. */
	scoped_guard(fake_try, &l)
		ran++;
	KUNIT_EXPECT_EQ(test, ran, 4);
	fake_lock(&l);
	scoped_guard(fake_try, &l)
		ran++;
	KUNIT_EXPECT_EQ(test, ran, 4);
	KUNIT_EXPECT_EQ(test, l.depth, 1);
	fake_unlock(&l);

	{
		int failed = 0;

		fake_lock(&l);
		scoped_cond_guard(fake_try, failed = 1, &l)
			ran++;
		fake_unlock(&l);
		KUNIT_EXPECT_EQ(test, failed, 1);
		scoped_cond_guard(fake_try, failed = 2, &l)
			ran++;
		KUNIT_EXPECT_EQ(test, ran, 5);
		ran--;
		KUNIT_EXPECT_EQ(test, failed, 1);
		KUNIT_EXPECT_EQ(test, ran, 4);
	}

	{
		guard(fake_irqsave)(&l);
		KUNIT_EXPECT_EQ(test, l.depth, 1);
	}
	KUNIT_EXPECT_EQ(test, l.depth, 0);
	scoped_guard(fake_irqsave_try, &l)
		KUNIT_EXPECT_EQ(test, l.depth, 1);
	KUNIT_EXPECT_EQ(test, l.depth, 0);
	{
		guard(fake_global)();
		KUNIT_EXPECT_EQ(test, global_depth, 1);
	}
	KUNIT_EXPECT_EQ(test, global_depth, 0);
}

DEFINE_CLASS(counter, int *, (*_T)--, ({ (*p)++; p; }), int *p)

static void cleanup_class(struct kunit *test)
{
	int n = 0;

	{
		CLASS(counter, c)(&n);

		KUNIT_EXPECT_EQ(test, n, 1);
		KUNIT_EXPECT_PTR_EQ(test, c, &n);
	}
	KUNIT_EXPECT_EQ(test, n, 0);
	scoped_class(counter, c2, &n)
		KUNIT_EXPECT_EQ(test, *c2, 1);
	KUNIT_EXPECT_EQ(test, n, 0);
}

static DEFINE_STATIC_KEY_FALSE(key_false);
static DEFINE_STATIC_KEY_TRUE(key_true);

static void static_keys(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, static_branch_unlikely(&key_false));
	KUNIT_EXPECT_TRUE(test, static_branch_likely(&key_true));
	KUNIT_EXPECT_TRUE(test, static_key_enabled(&key_true));
	KUNIT_EXPECT_TRUE(test, static_key_enabled(&key_true.key));

	static_branch_enable(&key_false);
	KUNIT_EXPECT_TRUE(test, static_branch_unlikely(&key_false));
	static_branch_enable(&key_false);	/* idempotent */
	KUNIT_EXPECT_EQ(test, static_key_count(&key_false.key), 1);
	static_branch_disable(&key_false);
	KUNIT_EXPECT_FALSE(test, static_branch_unlikely(&key_false));

	static_branch_inc(&key_false);
	static_branch_inc(&key_false);
	KUNIT_EXPECT_EQ(test, static_key_count(&key_false.key), 2);
	static_branch_dec(&key_false);
	KUNIT_EXPECT_TRUE(test, static_branch_unlikely(&key_false));
	static_branch_dec(&key_false);
	KUNIT_EXPECT_FALSE(test, static_branch_unlikely(&key_false));

	/* Dropping a reference that does not exist is reported, the count stays 0. */
	krt_printk_capture_begin(false);
	static_branch_dec(&key_false);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, static_key_count(&key_false.key), 0);

	static_branch_disable(&key_true);
	KUNIT_EXPECT_FALSE(test, static_branch_likely(&key_true));
	static_branch_enable(&key_true);
}

static struct kunit_case cleanup_test_cases[] = {
	KUNIT_CASE(cleanup_free),
	KUNIT_CASE(cleanup_guards),
	KUNIT_CASE(cleanup_class),
	KUNIT_CASE(static_keys),
	{}
};

static struct kunit_suite cleanup_test_suite = {
	.name = "krt-cleanup",
	.test_cases = cleanup_test_cases,
};
kunit_test_suite(cleanup_test_suite);
