/* SPDX-License-Identifier: MIT */
/*
 * KUnit's try-catch: run a function on its own thread so that a failed assertion, a skip or a
 * BUG() can end it early without taking the runner down (include/kunit/try-catch.h of Linux).
 */
#ifndef _KUNIT_TRY_CATCH_H
#define _KUNIT_TRY_CATCH_H

#include <linux/types.h>
#include <linux/compiler.h>

typedef void (*kunit_try_catch_func_t)(void *);

struct kunit;

/**
 * struct kunit_try_catch - the state of one try-catch run.
 *
 * @try is run on a fresh thread with @context. If it ends by kunit_try_catch_throw() the run is
 * a normal early exit; if the thread dies (a BUG()), times out or cannot be started,
 * @try_result says why and @catch is called with @context on the runner's thread.
 */
struct kunit_try_catch {
	/* private: internal use only. */
	struct kunit *test;
	int try_result;
	kunit_try_catch_func_t try;
	kunit_try_catch_func_t catch;
	void *context;
};

void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context);

void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch);

static inline int kunit_try_catch_get_result(struct kunit_try_catch *try_catch)
{
	return try_catch->try_result;
}

#endif /* _KUNIT_TRY_CATCH_H */
