// SPDX-License-Identifier: MIT
/*
 * What code under test reaches without depending on the rest of KUnit (Linux's
 * lib/kunit/hooks.c): the "tests are running" flag and the hook table of <kunit/test-bug.h>.
 */
#include <kunit/test-bug.h>

#include "kunit-internal.h"

/* Held once by every suite that is running (nested runs hold it twice). */
DEFINE_STATIC_KEY_FALSE(kunit_running);

struct kunit_hooks_table kunit_hooks = {
	.fail_current_test = __kunit_fail_current_test_impl,
	.get_static_stub_address = __kunit_get_static_stub_address_impl,
};
