// SPDX-License-Identifier: MIT
/* printk: levels, continuation lines, pr_fmt, the once/ratelimited variants and captures. */
#define pr_fmt(fmt) "printk_test: " fmt

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <krt/printk.h>

static void printk_capture_basic(struct kunit *test)
{
	krt_printk_capture_begin(false);
	pr_info("hello %d\n", 42);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "printk_test: hello 42\n");
	krt_printk_capture_end();
}

static void printk_levels_are_stripped(struct kunit *test)
{
	krt_printk_capture_begin(false);
	printk(KERN_ERR "err\n");
	printk(KERN_DEBUG "dbg\n");	/* below the console level, still in the log */
	printk("plain\n");
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "err\ndbg\nplain\n");
	krt_printk_capture_end();
}

static void printk_cont_joins_lines(struct kunit *test)
{
	krt_printk_capture_begin(false);
	pr_info("a");
	pr_cont("b");
	pr_cont("c\n");
	pr_info("unfinished");
	pr_info("next\n");	/* a new message ends the open line */
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "printk_test: abc\nprintk_test: unfinished\nprintk_test: next\n");
	krt_printk_capture_end();
}

static void printk_once_prints_once(struct kunit *test)
{
	int i;

	krt_printk_capture_begin(false);
	for (i = 0; i < 5; i++)
		pr_warn_once("only once %d\n", i);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("only once"), 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("only once 0"));
	krt_printk_capture_end();
}

static void printk_ratelimited_limits(struct kunit *test)
{
	int i;

	krt_printk_capture_begin(false);
	for (i = 0; i < 50; i++)
		pr_info_ratelimited("burst %d\n", i);
	/* DEFAULT_RATELIMIT_BURST messages per 5 s from one call site. */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("burst"), DEFAULT_RATELIMIT_BURST);
	krt_printk_capture_end();
}

static void printk_pr_debug_compiled_out(struct kunit *test)
{
	krt_printk_capture_begin(false);
	pr_debug("invisible without DEBUG\n");
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void printk_time_prefix_format(struct kunit *test)
{
	char buf[32];

	krt_printk_time_prefix(buf, sizeof(buf), 1234567890ull);
	KUNIT_EXPECT_STREQ(test, buf, "[    1.234567] ");
	krt_printk_time_prefix(buf, sizeof(buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "[    0.000000] ");
}

static void printk_level_helpers(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, printk_get_level(KERN_ERR "x"), '3');
	KUNIT_EXPECT_EQ(test, printk_get_level(KERN_CONT "x"), 'c');
	KUNIT_EXPECT_EQ(test, printk_get_level("x"), 0);
	KUNIT_EXPECT_STREQ(test, printk_skip_level(KERN_INFO "text"), "text");
	KUNIT_EXPECT_STREQ(test, printk_skip_headers(KERN_INFO KERN_CONT "text"), "text");
}

static struct kunit_case printk_test_cases[] = {
	KUNIT_CASE(printk_capture_basic),
	KUNIT_CASE(printk_levels_are_stripped),
	KUNIT_CASE(printk_cont_joins_lines),
	KUNIT_CASE(printk_once_prints_once),
	KUNIT_CASE(printk_ratelimited_limits),
	KUNIT_CASE(printk_pr_debug_compiled_out),
	KUNIT_CASE(printk_time_prefix_format),
	KUNIT_CASE(printk_level_helpers),
	{}
};

static struct kunit_suite printk_test_suite = {
	.name = "printk",
	.test_cases = printk_test_cases,
};
kunit_test_suite(printk_test_suite);
