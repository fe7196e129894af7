/* SPDX-License-Identifier: MIT */
/*
 * What code under test may ask of KUnit: the test case running on this thread, and failing it
 * (Linux's include/kunit/test-bug.h). Cheap when no test runs: one load of a global.
 */
#ifndef _KUNIT_TEST_BUG_H
#define _KUNIT_TEST_BUG_H

#include <linux/stddef.h>
#include <linux/compiler.h>
#include <linux/jump_label.h>
#include <linux/sched.h>

struct kunit;

/* True while KUnit runs tests (held once per running suite). */
DECLARE_STATIC_KEY_FALSE(kunit_running);

/* The functions behind kunit_fail_current_test() and KUNIT_STATIC_STUB_REDIRECT(). */
extern struct kunit_hooks_table {
	__printf(3, 4) void (*fail_current_test)(const char *file, int line, const char *fmt, ...);
	void *(*get_static_stub_address)(struct kunit *test, void *real_fn_addr);
} kunit_hooks;

/**
 * kunit_get_current_test() - the KUnit test case the calling thread runs, or NULL.
 *
 * Only the thread running a test case (its init, body and exit) has one; threads that the
 * test starts do not.
 */
static inline struct kunit *kunit_get_current_test(void)
{
	if (!static_branch_unlikely(&kunit_running))
		return NULL;
	return current->kunit_test;
}

/**
 * kunit_fail_current_test() - fail the test case running on this thread, if any, printing
 * "<file>:<line>: <message>" as its diagnostic. Does nothing outside a test case.
 */
#define kunit_fail_current_test(fmt, ...)				\
	do {								\
		if (static_branch_unlikely(&kunit_running))		\
			kunit_hooks.fail_current_test(__FILE__, __LINE__, \
						      fmt, ##__VA_ARGS__); \
	} while (0)

#endif /* _KUNIT_TEST_BUG_H */
