// SPDX-License-Identifier: MIT
/*
 * Tests of KUnit's resources, deferred actions, test-managed memory, static stubs and the
 * current-test hooks.
 */
#include <kunit/resource.h>
#include <kunit/static_stub.h>
#include <kunit/test-bug.h>
#include <kunit/test.h>
#include <krt/thread.h>
#include <linux/err.h>
#include <linux/limits.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "kunit_test_util.h"

static int count_resources(struct kunit *test)
{
	struct kunit_resource *res;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&test->lock, flags);
	list_for_each_entry(res, &test->resources, node)
		n++;
	spin_unlock_irqrestore(&test->lock, flags);
	return n;
}

/* ---- deferred actions ---------------------------------------------------------------------- */

static char action_log[64];

static void log_action(void *data)
{
	size_t len = strlen(action_log);

	snprintf(action_log + len, sizeof(action_log) - len, "%s", (const char *)data);
}

static void count_up(int *counter)
{
	(*counter)++;
}

KUNIT_DEFINE_ACTION_WRAPPER(count_up_action, count_up, int *);

static int wrapped_count;

static void actions_case(struct kunit *test)
{
	static int released;

	action_log[0] = '\0';
	released = 0;
	KUNIT_EXPECT_EQ(test, kunit_add_action(test, log_action, "a"), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_action(test, log_action, "b"), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_action_or_reset(test, log_action, "c"), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_action(test, log_action, "d"), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_action(test, count_up_action, &wrapped_count), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_action(test, count_up_action, &released), 0);

	/* Removed: never runs. Released: runs now, and not again at the end. */
	kunit_remove_action(test, log_action, "b");
	kunit_release_action(test, count_up_action, &released);
	KUNIT_EXPECT_EQ(test, released, 1);
	kunit_release_action(test, count_up_action, &released);
	KUNIT_EXPECT_EQ(test, released, 1);
	KUNIT_EXPECT_STREQ(test, action_log, "");
}

static void null_action_case(struct kunit *test)
{
	kunit_add_action(test, NULL, NULL);
}

static struct kunit_case actions_cases[] = {
	KUNIT_CASE(actions_case),
	KUNIT_CASE(null_action_case),
	{}
};

static struct kunit_suite actions_suite = {
	.name = "actions_demo",
	.test_cases = actions_cases,
};

static void kunit_actions_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	wrapped_count = 0;
	text = kunit_test_run_captured(test, &actions_suite, NULL, &result);
	/* Newest first, after the case; "b" was removed. */
	KUNIT_EXPECT_STREQ(test, action_log, "dca");
	KUNIT_EXPECT_EQ(test, wrapped_count, 1);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 1 actions_case\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "Tried to action a NULL function!");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    not ok 2 null_action_case\n");
}

/* ---- resources ------------------------------------------------------------------------------ */

static int res_freed;

static int res_init(struct kunit_resource *res, void *context)
{
	int *value = kzalloc(sizeof(*value), GFP_KERNEL);

	if (!value)
		return -ENOMEM;
	*value = *(int *)context;
	res->data = value;
	return 0;
}

static int res_init_fails(struct kunit_resource *res, void *context)
{
	return -EBUSY;
}

static void res_free(struct kunit_resource *res)
{
	res_freed++;
	kfree(res->data);
}

static void plain_free(struct kunit_resource *res)
{
	res_freed++;
}

static void kunit_resources_test(struct kunit *test)
{
	struct kunit_resource named = {}, again = {}, *found;
	int value = 7, before = count_resources(test);
	int *data;

	res_freed = 0;

	/* kunit_alloc_resource: init sets the data, free releases it. */
	data = kunit_alloc_resource(test, res_init, res_free, GFP_KERNEL, &value);
	KUNIT_ASSERT_NOT_NULL(test, data);
	KUNIT_EXPECT_EQ(test, *data, 7);
	KUNIT_EXPECT_NULL(test, kunit_alloc_resource(test, res_init_fails, res_free, GFP_KERNEL,
						    &value));
	KUNIT_EXPECT_EQ(test, count_resources(test), before + 1);

	/* Named resources are unique, found by name and destroyed by name. */
	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(test, NULL, plain_free, &named, "n1",
						       &value), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(test, NULL, plain_free, &again, "n1",
						       &value), -EEXIST);
	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(test, NULL, plain_free, &again, NULL,
						       &value), -EINVAL);
	found = kunit_find_named_resource(test, "n1");
	KUNIT_ASSERT_PTR_EQ(test, found, &named);
	KUNIT_EXPECT_PTR_EQ(test, found->data, (void *)&value);
	kunit_put_resource(found);
	KUNIT_EXPECT_NULL(test, kunit_find_named_resource(test, "n2"));

	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(test, "n1"), 0);
	KUNIT_EXPECT_EQ(test, res_freed, 1);
	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(test, "n1"), -ENOENT);

	/* A reference taken by find keeps the resource until it is put. */
	KUNIT_EXPECT_EQ(test, kunit_add_resource(test, NULL, plain_free, &named, &value), 0);
	found = kunit_find_resource(test, kunit_resource_name_match, "none");
	KUNIT_EXPECT_NULL(test, found);
	kunit_get_resource(&named);
	kunit_remove_resource(test, &named);
	kunit_remove_resource(test, &named);
	KUNIT_EXPECT_EQ(test, res_freed, 1);
	kunit_put_resource(&named);
	KUNIT_EXPECT_EQ(test, res_freed, 2);
	KUNIT_EXPECT_EQ(test, count_resources(test), before + 1);
}

/* ---- test-managed memory -------------------------------------------------------------------- */

static void kunit_memory_test(struct kunit *test)
{
	int before = count_resources(test);
	const char *dup_const;
	char *buf, *dup;
	u32 *array;
	int i;

	buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0, 64));

	array = kunit_kcalloc(test, 16, sizeof(*array), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, array);
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_EQ(test, array[i], 0);

	KUNIT_EXPECT_NULL(test, kunit_kmalloc_array(test, SIZE_MAX / 2, 4, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kunit_kstrdup(test, NULL, GFP_KERNEL));

	dup = kunit_kstrdup(test, "copy me", GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dup);
	KUNIT_EXPECT_STREQ(test, dup, "copy me");
	dup_const = kunit_kstrdup_const(test, "constant", GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, dup_const, "constant");
	KUNIT_EXPECT_EQ(test, count_resources(test), before + 4);

	/* Freed now: the resource goes away at once. */
	kunit_kfree(test, buf);
	kunit_kfree_const(test, dup_const);
	KUNIT_EXPECT_EQ(test, count_resources(test), before + 2);
	/* Memory KUnit does not manage is left alone. */
	kunit_kfree_const(test, "literal");
	kunit_kfree(test, NULL);
	KUNIT_EXPECT_EQ(test, count_resources(test), before + 2);
	/* The rest is freed when the case ends (the leak check would notice otherwise). */
}

/* ---- static stubs ---------------------------------------------------------------------------- */

static int add_one(int i)
{
	KUNIT_STATIC_STUB_REDIRECT(add_one, i);
	return i + 1;
}

static int subtract_one(int i)
{
	return i - 1;
}

static int times_ten(int i)
{
	return i * 10;
}

static int (* const add_one_ptr)(int) = add_one;

static int add_one_thread(void *data)
{
	*(int *)data = add_one(1);
	return 0;
}

static void kunit_static_stub_test(struct kunit *test)
{
	struct task_struct *task;
	int other = 0;

	KUNIT_EXPECT_EQ(test, add_one(1), 2);
	kunit_activate_static_stub(test, add_one, subtract_one);
	KUNIT_EXPECT_EQ(test, add_one(1), 0);

	/* Stubs belong to the test's own thread. */
	task = krt_thread_create(add_one_thread, &other, "stub_thread");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	krt_thread_join(task);
	KUNIT_EXPECT_EQ(test, other, 2);

	/* Activating again replaces the replacement; a function pointer works too. */
	kunit_activate_static_stub(test, add_one_ptr, times_ten);
	KUNIT_EXPECT_EQ(test, add_one(3), 30);
	kunit_deactivate_static_stub(test, add_one_ptr);
	KUNIT_EXPECT_EQ(test, add_one(3), 4);

	/* NULL as the replacement deactivates. */
	kunit_activate_static_stub(test, add_one, subtract_one);
	__kunit_activate_static_stub(test, add_one, NULL);
	KUNIT_EXPECT_EQ(test, add_one(1), 2);

	/* Left active: the end of the case removes it. */
	kunit_activate_static_stub(test, add_one, subtract_one);
}

static void stub_missing_case(struct kunit *test)
{
	kunit_deactivate_static_stub(test, add_one);
	KUNIT_FAIL(test, "not reached");
}

static struct kunit_case stub_cases[] = {
	KUNIT_CASE(stub_missing_case),
	{}
};

static struct kunit_suite stub_suite = {
	.name = "stub_demo",
	.test_cases = stub_cases,
};

static void kunit_static_stub_errors_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	/* The stub of the previous case ended with it. */
	KUNIT_EXPECT_EQ(test, add_one(1), 2);

	text = kunit_test_run_captured(test, &stub_suite, NULL, &result);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    # stub_missing_case: ASSERTION FAILED at ");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "\nTried to deactivate a nonexistent stub.\n");
	KUNIT_EXPECT_TEXT_LACKS(test, text, "not reached");
	KUNIT_EXPECT_EQ(test, result.failed, 1);
}

/* ---- the current test ------------------------------------------------------------------------ */

static int current_test_thread(void *data)
{
	*(struct kunit **)data = kunit_get_current_test();
	return 0;
}

static void kunit_current_test_test(struct kunit *test)
{
	struct kunit *seen = test;
	struct task_struct *task;

	KUNIT_EXPECT_PTR_EQ(test, kunit_get_current_test(), test);
	KUNIT_EXPECT_PTR_EQ(test, current->kunit_test, test);

	task = krt_thread_create(current_test_thread, &seen, "current_test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	krt_thread_join(task);
	KUNIT_EXPECT_NULL(test, seen);
}

static int fail_line;

static void code_under_test(int value)
{
	if (value != 4) {
		fail_line = __LINE__; kunit_fail_current_test("bad value %d", value);
	}
}

static void fail_current_case(struct kunit *test)
{
	code_under_test(4);
	code_under_test(5);
}

static struct kunit_case fail_current_cases[] = {
	KUNIT_CASE(fail_current_case),
	{}
};

static struct kunit_suite fail_current_suite = {
	.name = "fail_current",
	.test_cases = fail_current_cases,
};

static int code_thread(void *data)
{
	code_under_test(6);
	return 0;
}

static void kunit_fail_current_test_test(struct kunit *test)
{
	struct kunit_krt_result result;
	struct task_struct *task;
	const char *text;
	char *line;

	text = kunit_test_run_captured(test, &fail_current_suite, NULL, &result);
	line = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, line);
	snprintf(line, 256,
		 "    # fail_current_case: %s:%d: bad value 5\n    not ok 1 fail_current_case\n",
		 __FILE__, fail_line);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, line);
	KUNIT_EXPECT_EQ(test, result.failed, 1);

	/* Outside a test case (on a thread of its own) it does nothing. */
	task = krt_thread_create(code_thread, NULL, "no_test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	krt_thread_join(task);
}

static struct kunit_case kunit_resource_cases[] = {
	KUNIT_CASE(kunit_actions_test),
	KUNIT_CASE(kunit_resources_test),
	KUNIT_CASE(kunit_memory_test),
	KUNIT_CASE(kunit_static_stub_test),
	KUNIT_CASE(kunit_static_stub_errors_test),
	KUNIT_CASE(kunit_current_test_test),
	KUNIT_CASE(kunit_fail_current_test_test),
	{}
};

static struct kunit_suite kunit_resource_suite = {
	.name = "kunit_resource",
	.test_cases = kunit_resource_cases,
};

kunit_test_suite(kunit_resource_suite);
