// SPDX-License-Identifier: MIT
/*
 * Tests of krt's KUnit runner: the leak check after every case, BUG() inside a case, time
 * limits, --isolate, the slow-test warning, filtering and output capture.
 */
#include <kunit/test.h>
#include <krt/kunit.h>
#include <krt/leak.h>
#include <krt/printk.h>
#include <krt/thread.h>
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/string.h>

#include "kunit_test_util.h"

/* ---- leak check --------------------------------------------------------------------------- */

static long leak_objects;
static int leak_settles;

static long leak_read(void)
{
	return READ_ONCE(leak_objects);
}

static void leak_settle(void)
{
	leak_settles++;
}

static struct krt_leak_counter leak_counter = {
	.name = "kunit test objects",
	.read = leak_read,
	.settle = leak_settle,
};

static void leaky(struct kunit *test)
{
	leak_objects += 3;
}

static void balanced(struct kunit *test)
{
	leak_objects++;
	leak_objects--;
}

static void released_by_action(void *data)
{
	leak_objects--;
}

/* Released after the case by a deferred action: not a leak. */
static void released_later(struct kunit *test)
{
	leak_objects++;
	kunit_add_action(test, released_by_action, NULL);
}

static void shrinks(struct kunit *test)
{
	leak_objects -= 10;
}

static void managed_memory(struct kunit *test)
{
	KUNIT_EXPECT_NOT_NULL(test, kunit_kzalloc(test, 100, GFP_KERNEL));
	KUNIT_EXPECT_NOT_NULL(test, kunit_kstrdup(test, "x", GFP_KERNEL));
}

static struct kunit_case leak_cases[] = {
	KUNIT_CASE(leaky),
	KUNIT_CASE(balanced),
	KUNIT_CASE(released_later),
	KUNIT_CASE(shrinks),
	KUNIT_CASE(managed_memory),
	{}
};

static struct kunit_suite leak_suite = {
	.name = "leak_demo",
	.test_cases = leak_cases,
};

static void kunit_leak_check_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *names[64];
	long values[64];
	const char *text;
	int n, i;
	bool found = false;

	leak_objects = 0;
	leak_settles = 0;
	krt_leak_counter_register(&leak_counter);
	text = kunit_test_run_captured(test, &leak_suite, NULL, &result);

	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    # leaky: leak check failed: kunit test objects: 3 more "
				   "than before the test\n"
				   "    not ok 1 leaky\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 2 balanced\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 3 released_later\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 4 shrinks\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 5 managed_memory\n");
	KUNIT_EXPECT_EQ(test, result.failed, 1);
	KUNIT_EXPECT_EQ(test, result.passed, 4);
	/* Settled before and after every case. */
	KUNIT_EXPECT_GE(test, leak_settles, 10);

	/* The snapshot interface sees the counter too. */
	n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "kunit test objects"))
			continue;
		found = true;
		KUNIT_EXPECT_EQ(test, values[i], -7);
	}
	KUNIT_EXPECT_TRUE(test, found);

	krt_leak_counter_unregister(&leak_counter);
	leak_objects = 0;
}

/* ---- BUG() inside a case ------------------------------------------------------------------ */

static int bug_line;
static bool bug_after;
static bool bug_next_ran;

static void bug_case(struct kunit *test)
{
	bug_line = __LINE__; KUNIT_SUCCEED(test);
	BUG();
	bug_after = true;
}

static void bug_next(struct kunit *test)
{
	bug_next_ran = true;
}

static struct kunit_case bug_cases[] = {
	KUNIT_CASE(bug_case),
	KUNIT_CASE(bug_next),
	{}
};

static struct kunit_suite bug_suite = {
	.name = "bug_demo",
	.test_cases = bug_cases,
};

static void kunit_bug_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;
	char *expected;
	bool oops;

	bug_after = false;
	bug_next_ran = false;
	krt_printk_capture_begin(false);
	text = kunit_test_run_captured(test, &bug_suite, NULL, &result);
	oops = krt_printk_capture_contains("kernel BUG at ");
	krt_printk_capture_end();

	KUNIT_EXPECT_TRUE(test, oops);
	KUNIT_EXPECT_FALSE(test, bug_after);
	KUNIT_EXPECT_TRUE(test, bug_next_ran);
	expected = kunit_kzalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, expected);
	snprintf(expected, 512,
		 "    # bug_case: try faulted: last line seen %s:%d\n"
		 "    # bug_case: internal error occurred preventing test case from running: -4\n"
		 "    not ok 1 bug_case\n"
		 "    ok 2 bug_next\n", __FILE__, bug_line);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, expected);
	KUNIT_EXPECT_EQ(test, result.failed, 1);
	KUNIT_EXPECT_EQ(test, result.passed, 1);
}

/* ---- time limit ---------------------------------------------------------------------------- */

static bool sleeper_woke;

static void sleeper(struct kunit *test)
{
	msleep(300);
	WRITE_ONCE(sleeper_woke, true);
}

static void after_sleeper(struct kunit *test)
{
}

static struct kunit_case sleeper_cases[] = {
	KUNIT_CASE(sleeper),
	KUNIT_CASE(after_sleeper),
	{}
};

static struct kunit_suite sleeper_suite = {
	.name = "sleeper_demo",
	.test_cases = sleeper_cases,
};

static void kunit_timeout_test(struct kunit *test)
{
	struct kunit_krt_options opts = { .timeout_ms = 50 };
	struct kunit_krt_result result;
	const char *text;
	int waited;

	WRITE_ONCE(sleeper_woke, false);
	text = kunit_test_run_captured(test, &sleeper_suite, &opts, &result);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    # sleeper: try timed out\n"
				   "    # sleeper: test case timed out\n"
				   "    not ok 1 sleeper\n"
				   "    ok 2 after_sleeper\n");
	KUNIT_EXPECT_FALSE(test, READ_ONCE(sleeper_woke));

	/* The thread left behind ends on its own; the next run joins it. */
	for (waited = 0; !READ_ONCE(sleeper_woke) && waited < 5000; waited += 10)
		msleep(10);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(sleeper_woke));
	msleep(20);
	kunit_krt_capture_begin();
	kunit_krt_run_suites(NULL, 0, NULL, &result);
	kunit_krt_capture_end();
}

/* ---- --isolate ------------------------------------------------------------------------------ */

static void iso_pass(struct kunit *test)
{
}

static void iso_skip(struct kunit *test)
{
	kunit_skip(test, "isolated skip");
}

static void iso_fail(struct kunit *test)
{
	KUNIT_FAIL(test, "isolated failure");
}

static int iso_bug_thread(void *data)
{
	BUG();
	return 0;
}

/* A BUG() outside the test's own thread takes the whole (child) process down. */
static void iso_crash(struct kunit *test)
{
	struct task_struct *task = krt_thread_create(iso_bug_thread, NULL, "iso_bug");

	if (!IS_ERR(task))
		krt_thread_join(task);
}

static void iso_bug(struct kunit *test)
{
	BUG();
}

static struct kunit_case iso_cases[] = {
	KUNIT_CASE(iso_pass),
	KUNIT_CASE(iso_skip),
	KUNIT_CASE(iso_fail),
	KUNIT_CASE(iso_crash),
	KUNIT_CASE(iso_bug),
	KUNIT_CASE(iso_pass),
	{}
};

static struct kunit_suite iso_suite = {
	.name = "isolate_demo",
	.test_cases = iso_cases,
};

static void kunit_isolate_test(struct kunit *test)
{
	struct kunit_krt_options opts = { .isolate = true };
	struct kunit_krt_result result;
	const char *text;

	/* The children's oopses stay in their copies of the printk capture. */
	krt_printk_capture_begin(false);
	text = kunit_test_run_captured(test, &iso_suite, &opts, &result);
	krt_printk_capture_end();

	/* Statuses come back from the children's exit codes. */
	KUNIT_EXPECT_EQ(test, result.passed, 2);
	KUNIT_EXPECT_EQ(test, result.skipped, 1);
	KUNIT_EXPECT_EQ(test, result.failed, 3);
	KUNIT_EXPECT_EQ(test, iso_cases[0].status, KUNIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, iso_cases[1].status, KUNIT_SKIPPED);
	KUNIT_EXPECT_EQ(test, iso_cases[2].status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, iso_cases[3].status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, iso_cases[4].status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, iso_cases[5].status, KUNIT_SUCCESS);
	/* The crash is reported by the parent, which also prints the case's result. */
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    # iso_crash: try faulted: the test process ");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    not ok 4 iso_crash\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "# isolate_demo: pass:2 fail:3 skip:1 total:6\n"
				   "# Totals: pass:2 fail:3 skip:1 total:6\n"
				   "not ok 1 isolate_demo\n");
}

/* ---- "Test should be marked slow" ---------------------------------------------------------- */

static void sleepy(struct kunit *test)
{
	msleep(30);
}

static void sleepy_marked(struct kunit *test)
{
	msleep(30);
}

static struct kunit_case speed_cases[] = {
	KUNIT_CASE(sleepy),
	KUNIT_CASE_SLOW(sleepy_marked),
	{}
};

static struct kunit_suite speed_suite = {
	.name = "speed_demo",
	.test_cases = speed_cases,
};

static void kunit_speed_test(struct kunit *test)
{
	struct kunit_krt_options opts = { .slow_ms = 20 };
	struct kunit_krt_result result;
	const char *text;

	text = kunit_test_run_captured(test, &speed_suite, &opts, &result);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    # sleepy: Test should be marked slow (runtime: 0.0");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "s)\n    ok 1 sleepy\n");
	KUNIT_EXPECT_TEXT_LACKS(test, text, "# sleepy_marked: Test should be marked slow");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    # sleepy_marked.speed: slow\n"
				   "    ok 2 sleepy_marked\n");
	/* A warning, not a failure. */
	KUNIT_EXPECT_EQ(test, result.passed, 2);

	/* With the kernel's threshold (2 s) neither is slow. */
	text = kunit_test_run_captured(test, &speed_suite, NULL, &result);
	KUNIT_EXPECT_TEXT_LACKS(test, text, "Test should be marked slow");
}

/* ---- filtering ------------------------------------------------------------------------------ */

static void alpha(struct kunit *test)
{
}

static void beta1(struct kunit *test)
{
}

static void beta2(struct kunit *test)
{
}

static struct kunit_case filter_cases[] = {
	KUNIT_CASE(alpha),
	KUNIT_CASE(beta1),
	KUNIT_CASE(beta2),
	{}
};

static struct kunit_suite filter_suite = {
	.name = "filter_demo",
	.test_cases = filter_cases,
};

static void kunit_filter_test(struct kunit *test)
{
	struct kunit_krt_options opts = { .filter_glob = "filter_demo.beta*" };
	struct kunit_krt_result result;
	const char *text;

	text = kunit_test_run_captured(test, &filter_suite, &opts, &result);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    1..2\n"
				   "    ok 1 beta1\n"
				   "    ok 2 beta2\n");
	KUNIT_EXPECT_TEXT_LACKS(test, text, "alpha");
	KUNIT_EXPECT_EQ(test, result.total, 2);
	/* The suite's own case array is untouched. */
	KUNIT_EXPECT_STREQ(test, filter_suite.test_cases[0].name, "alpha");

	opts.filter_glob = "filter_d?mo";
	kunit_test_run_captured(test, &filter_suite, &opts, &result);
	KUNIT_EXPECT_EQ(test, result.total, 3);

	opts.filter_glob = "nomatch*";
	text = kunit_test_run_captured(test, &filter_suite, &opts, &result);
	KUNIT_EXPECT_STREQ(test, text, "KTAP version 1\n1..0\n");
	KUNIT_EXPECT_EQ(test, result.total, 0);

	opts.filter_glob = "filter_demo.gamma";
	text = kunit_test_run_captured(test, &filter_suite, &opts, &result);
	KUNIT_EXPECT_STREQ(test, text, "KTAP version 1\n1..0\n");
}

static void kunit_glob_test(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("*", ""));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("*", "anything"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("list*", "list_test"));
	KUNIT_EXPECT_FALSE(test, kunit_krt_glob_match("list*", "hlist"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("*del*", "list_test_list_del_init"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("a?c", "abc"));
	KUNIT_EXPECT_FALSE(test, kunit_krt_glob_match("a?c", "ac"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("[a-c]x", "bx"));
	KUNIT_EXPECT_FALSE(test, kunit_krt_glob_match("[a-c]x", "dx"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("[!a-c]x", "dx"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("[]]", "]"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("*a*b", "xaxxab"));
	KUNIT_EXPECT_FALSE(test, kunit_krt_glob_match("*a*b", "xaxxa"));
	KUNIT_EXPECT_FALSE(test, kunit_krt_glob_match("abc", "abcd"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_glob_match("ab[", "ab["));
}

/* ---- output capture ------------------------------------------------------------------------ */

static void kunit_capture_test(struct kunit *test)
{
	char *inner, *outer;

	kunit_krt_capture_begin();
	kunit_info(test, "outer");
	kunit_krt_capture_begin();
	kunit_info(test, "inner");
	KUNIT_EXPECT_TRUE(test, kunit_krt_capture_contains("inner"));
	inner = kunit_kstrdup(test, kunit_krt_capture_text(), GFP_KERNEL);
	kunit_krt_capture_end();
	outer = kunit_kstrdup(test, kunit_krt_capture_text(), GFP_KERNEL);
	kunit_krt_capture_end();

	KUNIT_EXPECT_STREQ(test, inner, "    # kunit_capture_test: inner\n");
	KUNIT_EXPECT_STREQ(test, outer, "    # kunit_capture_test: outer\n");
}

static struct kunit_case kunit_runner_cases[] = {
	KUNIT_CASE(kunit_leak_check_test),
	KUNIT_CASE(kunit_bug_test),
	KUNIT_CASE(kunit_timeout_test),
	KUNIT_CASE(kunit_isolate_test),
	KUNIT_CASE(kunit_speed_test),
	KUNIT_CASE(kunit_filter_test),
	KUNIT_CASE(kunit_glob_test),
	KUNIT_CASE(kunit_capture_test),
	{}
};

static struct kunit_suite kunit_runner_suite = {
	.name = "kunit_runner",
	.test_cases = kunit_runner_cases,
};

kunit_test_suite(kunit_runner_suite);
