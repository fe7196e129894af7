/* SPDX-License-Identifier: MIT */
/* Helpers shared by the locking and waiting tests in tests/kernel/. */
#ifndef _TESTS_KERNEL_LOCKING_HELPERS_H
#define _TESTS_KERNEL_LOCKING_HELPERS_H

#include <kunit/test.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <krt/kunit.h>
#include <krt/lockdep.h>
#include <krt/printk.h>
#include <krt/thread.h>

/* Signal numbers for send_sig() (x86-64 values; krt has no <linux/signal.h> of its own yet). */
#ifndef SIGINT
#define SIGINT 2
#endif
#ifndef SIGKILL
#define SIGKILL 9
#endif

/* Expect @text in the printk output captured so far (krt_printk_capture_begin()). */
#define EXPECT_PRINTED(test, text)					\
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(text),	\
			      "not printed: \"%s\"", text)

/*
 * Wait (up to about 5 s) until @t has set a task state with one of the @state bits: it then
 * has queued itself and sleeps, or is about to and will notice a wake-up or signal.
 */
static inline bool wait_until_sleeping(struct task_struct *t, unsigned int state)
{
	int i;

	for (i = 0; i < 5000; i++) {
		if (READ_ONCE(t->__state) & state)
			return true;
		msleep(1);
	}
	return false;
}

/* Poll @flag (up to about 5 s) until it is non-zero. */
static inline bool wait_for_flag(int *flag)
{
	int i;

	for (i = 0; i < 5000; i++) {
		if (smp_load_acquire(flag))
			return true;
		msleep(1);
	}
	return false;
}

/* wait_for_flag() for atomic context: busy-waits instead of sleeping. */
static inline bool spin_until_flag(int *flag)
{
	int i;

	for (i = 0; i < 50000; i++) {
		if (smp_load_acquire(flag))
			return true;
		udelay(100);
	}
	return false;
}

/*
 * Run @suite, an unregistered suite whose single case is expected to BUG(), with its KTAP
 * output captured. Returns how many of its cases failed.
 */
static inline unsigned long run_bugging_suite(struct kunit_suite *suite)
{
	struct kunit_krt_result result = {};

	kunit_krt_capture_begin();
	kunit_run_suite_krt(suite, &result);
	kunit_krt_capture_end();
	return result.failed;
}

/* A suite's .init: every case starts with lock debugging on, as a fresh kernel would. */
static inline int locking_test_init(struct kunit *test)
{
	krt_debug_locks_reset();
	return 0;
}

/* A suite's .exit: a case that provoked a report leaves lock debugging on for the next. */
static inline void locking_test_exit(struct kunit *test)
{
	krt_debug_locks_reset();
}

#endif /* _TESTS_KERNEL_LOCKING_HELPERS_H */
