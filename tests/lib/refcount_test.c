// SPDX-License-Identifier: MIT
/*
 * refcount_t: values and return values of every operation, every saturation case with the
 * kernel's exact warning text (each printed once per case), the behaviour of a saturated
 * counter, the __refcount_*() old-value variants and the dec-and-lock family.
 */
#include <kunit/test.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/lockdep.h>
#include <krt/printk.h>

#define MSG_SATURATED	"refcount_t: saturated; leaking memory.\n"
#define MSG_ADD_UAF	"refcount_t: addition on 0; use-after-free.\n"
#define MSG_SUB_UAF	"refcount_t: underflow; use-after-free.\n"
#define MSG_DEC_LEAK	"refcount_t: decrement hit 0; leaking memory.\n"

#define SATURATED_U	((unsigned int)REFCOUNT_SATURATED)

/* Every case starts with fresh once-flags and an empty printk capture. */
static int refcount_test_init(struct kunit *test)
{
	krt_refcount_clear_warn_once();
	krt_printk_capture_begin(false);
	return 0;
}

static void refcount_test_exit(struct kunit *test)
{
	krt_printk_capture_end();
}

static void refcount_constants(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(7);

	KUNIT_EXPECT_EQ(test, REFCOUNT_MAX, INT_MAX);
	KUNIT_EXPECT_EQ(test, REFCOUNT_SATURATED, -1073741824);
	KUNIT_EXPECT_EQ(test, SATURATED_U, 0xc0000000U);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 7U);
}

static void refcount_basic_ops(struct kunit *test)
{
	refcount_t r;

	refcount_set(&r, 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 1U);
	refcount_inc(&r);
	refcount_add(3, &r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 5U);
	KUNIT_EXPECT_TRUE(test, refcount_inc_not_zero(&r));
	KUNIT_EXPECT_TRUE(test, refcount_add_not_zero(2, &r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 8U);
	refcount_dec(&r);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_FALSE(test, refcount_sub_and_test(3, &r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 3U);
	KUNIT_EXPECT_TRUE(test, refcount_sub_and_test(3, &r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
	/* Nothing above is an error. */
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
}

static void refcount_inc_not_zero_on_zero(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(0);

	KUNIT_EXPECT_FALSE(test, refcount_inc_not_zero(&r));
	KUNIT_EXPECT_FALSE(test, refcount_add_not_zero(5, &r));
	KUNIT_EXPECT_FALSE(test, refcount_inc_not_zero_acquire(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
}

/* refcount_inc() from 0: use-after-free, the counter becomes SATURATED (not 1). */
static void refcount_inc_from_zero_saturates(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(0);

	refcount_inc(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_ADD_UAF), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("-----[ cut here ]-----"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" at lib/refcount.c:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" refcount_warn_saturate"));

	/* Once per case: a second use-after-free saturates again but prints nothing. */
	refcount_set(&r, 0);
	refcount_add(4, &r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_ADD_UAF), 1U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1U);
}

/* Overflow past REFCOUNT_MAX: ADD_OVF for inc/add, ADD_NOT_ZERO_OVF for the _not_zero forms. */
static void refcount_overflow_saturates(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX);

	refcount_inc(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SATURATED), 1U);

	refcount_set(&r, REFCOUNT_MAX - 1);
	refcount_add(2, &r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	/* Same case (ADD_OVF): still one message. */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SATURATED), 1U);

	/* inc_not_zero has a once-flag of its own and still reports success. */
	refcount_set(&r, REFCOUNT_MAX);
	KUNIT_EXPECT_TRUE(test, refcount_inc_not_zero(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SATURATED), 2U);

	refcount_set(&r, REFCOUNT_MAX);
	KUNIT_EXPECT_TRUE(test, refcount_add_not_zero(10, &r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SATURATED), 2U);
}

/* One put too many: dec_and_test/sub_and_test underflow (SUB_UAF). */
static void refcount_underflow_saturates(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(1);

	KUNIT_EXPECT_TRUE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SUB_UAF), 1U);

	/* Subtracting more than there is. */
	refcount_set(&r, 2);
	KUNIT_EXPECT_FALSE(test, refcount_sub_and_test(3, &r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SUB_UAF), 1U);
}

/* A plain refcount_dec() must never reach 0 (nobody frees): DEC_LEAK. */
static void refcount_dec_to_zero_leaks(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(2);

	refcount_dec(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 1U);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	refcount_dec(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_DEC_LEAK), 1U);

	refcount_set(&r, 0);
	refcount_dec(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_DEC_LEAK), 1U);
}

/* Each kind of event has its own once-flag: all five messages appear, once each. */
static void refcount_one_flag_per_case(struct kunit *test)
{
	refcount_t r;
	int round;

	for (round = 0; round < 3; round++) {
		refcount_set(&r, REFCOUNT_MAX);
		refcount_inc(&r);			/* ADD_OVF */
		refcount_set(&r, REFCOUNT_MAX);
		KUNIT_EXPECT_TRUE(test, refcount_inc_not_zero(&r));	/* ADD_NOT_ZERO_OVF */
		refcount_set(&r, 0);
		refcount_inc(&r);			/* ADD_UAF */
		refcount_set(&r, 0);
		KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));	/* SUB_UAF */
		refcount_set(&r, 1);
		refcount_dec(&r);			/* DEC_LEAK */
	}
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SATURATED), 2U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_ADD_UAF), 1U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SUB_UAF), 1U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_DEC_LEAK), 1U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 5U);

	/* An unknown event type gets the default text. */
	refcount_warn_saturate(&r, (enum refcount_saturation_type)42);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("refcount_t: unknown saturation event!?.\n"),
			1U);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
}

/* A saturated counter stays saturated whatever happens: the object leaks, never frees. */
static void refcount_saturated_is_sticky(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_SATURATED);
	int i;

	for (i = 0; i < 10; i++) {
		refcount_inc(&r);
		KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
		refcount_dec(&r);
		KUNIT_EXPECT_TRUE(test, refcount_inc_not_zero(&r));
		KUNIT_EXPECT_FALSE(test, refcount_sub_and_test(100, &r));
		KUNIT_EXPECT_TRUE(test, refcount_dec_not_one(&r));
		KUNIT_EXPECT_FALSE(test, refcount_dec_if_one(&r));
		KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
	}
	/* Values just beside SATURATED are bad too: still never "released". */
	refcount_set(&r, REFCOUNT_SATURATED + 1);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);
}

static void refcount_dec_not_one_cases(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(3);

	KUNIT_EXPECT_TRUE(test, refcount_dec_not_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 2U);
	KUNIT_EXPECT_TRUE(test, refcount_dec_not_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 1U);
	KUNIT_EXPECT_FALSE(test, refcount_dec_not_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 1U);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	/* On 0 it warns (a call site of its own), reports success and changes nothing. */
	refcount_set(&r, 0);
	KUNIT_EXPECT_TRUE(test, refcount_dec_not_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
	KUNIT_EXPECT_TRUE(test, refcount_dec_not_one(&r));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SUB_UAF), 1U);
	/* refcount_dec_and_test()'s underflow is a different once-flag. */
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_SUB_UAF), 2U);
}

static void refcount_dec_if_one_cases(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(2);

	KUNIT_EXPECT_FALSE(test, refcount_dec_if_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 2U);
	refcount_set(&r, 1);
	KUNIT_EXPECT_TRUE(test, refcount_dec_if_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
	KUNIT_EXPECT_FALSE(test, refcount_dec_if_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
}

static void refcount_oldp_variants(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(5);
	int old = -1;

	__refcount_inc(&r, &old);
	KUNIT_EXPECT_EQ(test, old, 5);
	__refcount_add(10, &r, &old);
	KUNIT_EXPECT_EQ(test, old, 6);
	KUNIT_EXPECT_TRUE(test, __refcount_inc_not_zero(&r, &old));
	KUNIT_EXPECT_EQ(test, old, 16);
	KUNIT_EXPECT_TRUE(test, __refcount_add_not_zero(3, &r, &old));
	KUNIT_EXPECT_EQ(test, old, 17);
	KUNIT_EXPECT_TRUE(test, __refcount_inc_not_zero_acquire(&r, &old));
	KUNIT_EXPECT_EQ(test, old, 20);
	KUNIT_EXPECT_TRUE(test, __refcount_add_not_zero_acquire(2, &r, &old));
	KUNIT_EXPECT_EQ(test, old, 21);
	__refcount_dec(&r, &old);
	KUNIT_EXPECT_EQ(test, old, 23);
	KUNIT_EXPECT_FALSE(test, __refcount_dec_and_test(&r, &old));
	KUNIT_EXPECT_EQ(test, old, 22);
	KUNIT_EXPECT_TRUE(test, __refcount_sub_and_test(21, &r, &old));
	KUNIT_EXPECT_EQ(test, old, 21);
	KUNIT_EXPECT_FALSE(test, __refcount_inc_not_zero(&r, &old));
	KUNIT_EXPECT_EQ(test, old, 0);

	/* The old value is reported before saturation too. */
	__refcount_inc(&r, &old);
	KUNIT_EXPECT_EQ(test, old, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), SATURATED_U);

	refcount_set_release(&r, 9);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 9U);
	KUNIT_EXPECT_TRUE(test, refcount_inc_not_zero_acquire(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 10U);
}

static DEFINE_SPINLOCK(test_spinlock);
static DEFINE_MUTEX(test_mutex);

static void refcount_dec_and_lock_family(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(2);
	unsigned long flags = 0;

	/* Not the last reference: false, and the lock is not taken. */
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_lock(&r, &test_spinlock));
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&test_spinlock));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 1U);
	/* The last one: true, with the lock held. */
	KUNIT_EXPECT_TRUE(test, refcount_dec_and_lock(&r, &test_spinlock));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&test_spinlock));
	lockdep_assert_held(&test_spinlock);
	spin_unlock(&test_spinlock);

	refcount_set(&r, 2);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_mutex_lock(&r, &test_mutex));
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&test_mutex));
	KUNIT_EXPECT_TRUE(test, refcount_dec_and_mutex_lock(&r, &test_mutex));
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&test_mutex));
	mutex_unlock(&test_mutex);

	refcount_set(&r, 2);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_lock_irqsave(&r, &test_spinlock, &flags));
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_TRUE(test, refcount_dec_and_lock_irqsave(&r, &test_spinlock, &flags));
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&test_spinlock));
	spin_unlock_irqrestore(&test_spinlock, flags);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* Saturated: "decremented" without ever taking the lock. */
	refcount_set(&r, REFCOUNT_SATURATED);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_lock(&r, &test_spinlock));
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_mutex_lock(&r, &test_mutex));
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&test_spinlock));
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&test_mutex));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
}

static struct kunit_case refcount_test_cases[] = {
	KUNIT_CASE(refcount_constants),
	KUNIT_CASE(refcount_basic_ops),
	KUNIT_CASE(refcount_inc_not_zero_on_zero),
	KUNIT_CASE(refcount_inc_from_zero_saturates),
	KUNIT_CASE(refcount_overflow_saturates),
	KUNIT_CASE(refcount_underflow_saturates),
	KUNIT_CASE(refcount_dec_to_zero_leaks),
	KUNIT_CASE(refcount_one_flag_per_case),
	KUNIT_CASE(refcount_saturated_is_sticky),
	KUNIT_CASE(refcount_dec_not_one_cases),
	KUNIT_CASE(refcount_dec_if_one_cases),
	KUNIT_CASE(refcount_oldp_variants),
	KUNIT_CASE(refcount_dec_and_lock_family),
	{}
};

static struct kunit_suite refcount_test_suite = {
	.name = "refcount",
	.init = refcount_test_init,
	.exit = refcount_test_exit,
	.test_cases = refcount_test_cases,
};
kunit_test_suite(refcount_test_suite);
