/* SPDX-License-Identifier: MIT */
/*
 * KUnit static stubs: a test replaces a function for its own thread by naming it, as with
 * Linux's include/kunit/static_stub.h. The function to be replaceable starts with
 * KUNIT_STATIC_STUB_REDIRECT(itself, its arguments...).
 */
#ifndef _KUNIT_STATIC_STUB_H
#define _KUNIT_STATIC_STUB_H

#include <kunit/test.h>
#include <kunit/test-bug.h>

#include <linux/compiler.h>
#include <linux/sched.h>
#include <linux/typecheck.h>

/**
 * KUNIT_STATIC_STUB_REDIRECT() - call the active replacement of @real_fn_name, if any.
 * @real_fn_name: the function this macro is placed in.
 * @args: its arguments, passed on to the replacement.
 *
 * When the calling thread runs a test case that activated a stub for @real_fn_name, return
 * what the replacement returns; otherwise fall through to the function's own body.
 */
#define KUNIT_STATIC_STUB_REDIRECT(real_fn_name, args...)		\
	do {								\
		typeof(&real_fn_name) __kunit_stub;			\
		struct kunit *__kunit_test = kunit_get_current_test();	\
									\
		if (likely(!__kunit_test))				\
			break;						\
		__kunit_stub = kunit_hooks.get_static_stub_address(__kunit_test, \
								   &real_fn_name); \
		if (unlikely(__kunit_stub))				\
			return __kunit_stub(args);			\
	} while (0)

void __kunit_activate_static_stub(struct kunit *test, void *real_fn_addr,
				  void *replacement_addr);

/**
 * kunit_activate_static_stub() - make calls to @real_fn_addr from this test case go to
 * @replacement_addr, until kunit_deactivate_static_stub() or the end of the test case.
 * @test: the test case.
 * @real_fn_addr: the function to replace (or a pointer to it); it must use
 *	KUNIT_STATIC_STUB_REDIRECT().
 * @replacement_addr: a function of the same type; NULL deactivates the stub.
 */
#define kunit_activate_static_stub(test, real_fn_addr, replacement_addr)	\
	do {								\
		typecheck_fn(typeof(&replacement_addr), real_fn_addr);	\
		__kunit_activate_static_stub(test, real_fn_addr, replacement_addr); \
	} while (0)

/**
 * kunit_deactivate_static_stub() - send calls to @real_fn_addr to the real function again.
 * Fails the test case (and ends it) if no stub for it is active.
 */
void kunit_deactivate_static_stub(struct kunit *test, void *real_fn_addr);

#endif /* _KUNIT_STATIC_STUB_H */
