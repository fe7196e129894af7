// SPDX-License-Identifier: MIT
/* WARN and BUG: the kernel's report texts, taint, WARN_ONCE, and BUG ending only its case. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <krt/kunit.h>
#include <krt/boot.h>
#include <krt/panic.h>
#include <krt/printk.h>
#include <krt/proc.h>

#include "arch/host/host.h"

static void warn_on_prints_the_kernel_block(struct kunit *test)
{
	const char *text;
	bool ret;

	krt_printk_capture_begin(false);
	ret = WARN_ON(1 + 1 == 2);
	text = krt_printk_capture_text();
	KUNIT_EXPECT_TRUE(test, ret);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "------------[ cut here ]------------\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "WARNING: CPU: "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, " at tests/kernel/panic_test.c:"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "warn_on_prints_the_kernel_block+0x"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "Modules linked in:\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "Call Trace:\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "---[ end trace 0000000000000000 ]---\n"));
	KUNIT_EXPECT_TRUE(test, test_taint(TAINT_WARN));
	krt_printk_capture_end();
}

static void warn_false_is_silent(struct kunit *test)
{
	unsigned long before = krt_warn_count();

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, WARN_ON(0));
	KUNIT_EXPECT_FALSE(test, WARN(0, "never %d\n", 1));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_EQ(test, krt_warn_count(), before);
	krt_printk_capture_end();
}

static void warn_with_message(struct kunit *test)
{
	krt_printk_capture_begin(false);
	WARN(1, "value was %d\n", 17);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("value was 17\n"));
	krt_printk_capture_end();
}

static void warn_once_fires_once_per_site(struct kunit *test)
{
	int i, fired = 0;

	krt_printk_capture_begin(false);
	for (i = 0; i < 3; i++)
		fired += !!WARN_ONCE(true, "once per site\n");
	/* The condition is still returned every time. */
	KUNIT_EXPECT_EQ(test, fired, 3);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("once per site"), 1);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	krt_printk_capture_end();
}

static void warn_once_rearmed_by_clear_warn_once(struct kunit *test)
{
	int i;

	krt_printk_capture_begin(false);
	for (i = 0; i < 2; i++) {
		WARN_ONCE(1, "rearmable\n");
		pr_info_once("info once\n");
		krt_clear_warn_once();
	}
	/* Through the debugfs file too. */
	WARN_ONCE(1, "rearmable\n");
	krt_proc_write("/sys/kernel/debug/clear_warn_once", "1", 1);
	WARN_ONCE(1, "rearmable\n");
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("rearmable"), 4);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("info once"), 2);
	krt_printk_capture_end();
}

static void taint_strings(struct kunit *test)
{
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
	/* One column per flag, in flag order: W sits at its index after "Tainted: ". */
	KUNIT_EXPECT_EQ(test, print_tainted()[strlen("Tainted: ") + TAINT_WARN], 'W');
	KUNIT_EXPECT_EQ(test, print_tainted()[strlen("Tainted: ")], 'G');
	KUNIT_EXPECT_NOT_NULL(test, strstr(print_tainted_verbose(), "[W]=WARN"));
	KUNIT_EXPECT_TRUE(test, get_taint() & (1UL << TAINT_WARN));
}

/* An inner suite whose first case BUGs: only that case fails, the next one still runs. */
static bool after_bug_ran;

static void inner_bug_case(struct kunit *test)
{
	BUG_ON(1);
	KUNIT_FAIL(test, "execution continued after BUG()");
}

static void inner_after_case(struct kunit *test)
{
	after_bug_ran = true;
}

static struct kunit_case inner_cases[] = {
	KUNIT_CASE(inner_bug_case),
	KUNIT_CASE(inner_after_case),
	{}
};

static struct kunit_suite inner_suite = {
	.name = "panic_inner_bug",
	.test_cases = inner_cases,
};

static void bug_ends_only_its_case(struct kunit *test)
{
	struct kunit_krt_result result = {};

	after_bug_ran = false;
	krt_printk_capture_begin(false);
	kunit_krt_capture_begin();
	kunit_run_suite_krt(&inner_suite, &result);
	KUNIT_EXPECT_TRUE(test, kunit_krt_capture_contains("not ok 1 inner_bug_case"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_capture_contains("ok 2 inner_after_case"));
	kunit_krt_capture_end();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("kernel BUG at tests/kernel/panic_test.c:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Oops: invalid opcode: 0000 [#"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, result.failed, 1);
	KUNIT_EXPECT_EQ(test, result.passed, 1);
	KUNIT_EXPECT_TRUE(test, after_bug_ran);
}

/* panic_on_warn=1: the first WARN panics, which ends the process (in a child here). */
static void panic_on_warn_child(void *arg)
{
	krt_cmdline_apply("panic_on_warn=1");
	krt_printk_capture_begin(false);	/* keep the child's report out of the log */
	WARN(1, "this WARN panics\n");
	host_exit_now(0);			/* not reached */
}

static void panic_on_warn_panics(struct kunit *test)
{
	int signo = 0;

	host_run_in_child(panic_on_warn_child, NULL, &signo);
	KUNIT_EXPECT_EQ(test, signo, 6);	/* SIGABRT, from panic() */
}

static struct kunit_case panic_test_cases[] = {
	KUNIT_CASE(warn_on_prints_the_kernel_block),
	KUNIT_CASE(warn_false_is_silent),
	KUNIT_CASE(warn_with_message),
	KUNIT_CASE(warn_once_fires_once_per_site),
	KUNIT_CASE(warn_once_rearmed_by_clear_warn_once),
	KUNIT_CASE(taint_strings),
	KUNIT_CASE(bug_ends_only_its_case),
	KUNIT_CASE(panic_on_warn_panics),
	{}
};

static struct kunit_suite panic_test_suite = {
	.name = "panic",
	.test_cases = panic_test_cases,
};
kunit_test_suite(panic_test_suite);
