// SPDX-License-Identifier: MIT
/*
 * fail_page_alloc (mm/fail_page_alloc.c): should_fail_alloc_page()'s own filters in front of
 * the shared engine (min-order, __GFP_NOFAIL, ignore-gfp-highmem, ignore-gfp-wait), NOWARN,
 * the size in pages, fail-nth, the boot parameter, and the knobs in
 * /sys/kernel/debug/fail_page_alloc/, all driven through krt_proc_write() as a user would.
 *
 * The attr is global: while a case enables it, task-filter keeps its failures to the case's
 * own thread (make-it-fail), so that nothing else running in the process is failed. The exit
 * hook puts every knob back to its default.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/fault-inject.h>
#include <linux/gfp_types.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>

#define FPA_DIR "/sys/kernel/debug/fail_page_alloc/"
#define FAIL_NTH "/proc/thread-self/fail-nth"
#define MAKE_IT_FAIL "/proc/thread-self/make-it-fail"

/* Every knob and its default, as the exit hook restores them. */
static const struct {
	const char *name;
	const char *value;	/* as written */
	const char *shown;	/* as read back */
} knobs[] = {
	{ "probability", "0", "0\n" },
	{ "interval", "1", "1\n" },
	{ "times", "1", "1\n" },
	{ "space", "0", "0\n" },
	{ "verbose", "2", "2\n" },
	{ "verbose_ratelimit_interval_ms", "0", "0\n" },
	{ "verbose_ratelimit_burst", "10", "10\n" },
	{ "task-filter", "N", "N\n" },
	{ "stacktrace-depth", "32", "32\n" },
	{ "require-start", "0", "0x0000000000000000\n" },
	{ "require-end", "0xffffffffffffffff", "0xffffffffffffffff\n" },
	{ "reject-start", "0", "0x0000000000000000\n" },
	{ "reject-end", "0", "0x0000000000000000\n" },
	{ "ignore-gfp-wait", "Y", "Y\n" },
	{ "ignore-gfp-highmem", "Y", "Y\n" },
	{ "min-order", "1", "1\n" },
};

static ssize_t knob_write(const char *name, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), FPA_DIR "%s", name);
	return krt_proc_write(path, value, strlen(value));
}

static void set_knob(struct kunit *test, const char *name, const char *value)
{
	KUNIT_EXPECT_EQ_MSG(test, knob_write(name, value), (ssize_t)strlen(value),
			    "writing \"%s\" to %s", value, name);
}

static const char *knob_read(const char *name, char *buf, size_t size)
{
	char path[128];
	ssize_t n;

	snprintf(path, sizeof(path), FPA_DIR "%s", name);
	n = krt_proc_read(path, buf, size);
	if (n < 0)
		snprintf(buf, size, "error %zd", n);
	return buf;
}

static void set_proc(struct kunit *test, const char *path, const char *value)
{
	KUNIT_EXPECT_EQ_MSG(test, krt_proc_write(path, value, strlen(value)),
			    (ssize_t)strlen(value), "writing \"%s\" to %s", value, path);
}

/* Fail (only in this task) with @probability percent, @times times, without reports. */
static void enable(struct kunit *test, const char *probability, const char *times)
{
	set_knob(test, "task-filter", "Y");
	set_proc(test, MAKE_IT_FAIL, "1");
	set_knob(test, "verbose", "0");
	set_knob(test, "times", times);
	set_knob(test, "probability", probability);
}

static void fail_page_alloc_defaults(struct kunit *test)
{
	unsigned int i;
	char buf[64];

	for (i = 0; i < ARRAY_SIZE(knobs); i++)
		KUNIT_EXPECT_STREQ_MSG(test, knob_read(knobs[i].name, buf, sizeof(buf)),
				       knobs[i].shown, "%s", knobs[i].name);

	/* Disabled by default: not even the requests no filter exempts fail. */
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_NOWAIT, 3));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_KERNEL, 0));
}

static void fail_page_alloc_filters(struct kunit *test)
{
	char buf[16];

	enable(test, "100", "-1");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_NOWAIT, 1));
	/* min-order 1: order 0 is left alone. */
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 0));
	/* ignore-gfp-wait: requests that may reclaim are left alone. */
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_KERNEL, 1));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_NOIO, 2));
	/* __GFP_NOFAIL: never. */
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC | __GFP_NOFAIL, 1));
	/* ignore-gfp-highmem. */
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC | __GFP_HIGHMEM, 1));
	set_knob(test, "ignore-gfp-highmem", "N");
	KUNIT_EXPECT_STREQ(test, knob_read("ignore-gfp-highmem", buf, sizeof(buf)), "N\n");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC | __GFP_HIGHMEM, 1));

	set_knob(test, "ignore-gfp-wait", "0");
	KUNIT_EXPECT_STREQ(test, knob_read("ignore-gfp-wait", buf, sizeof(buf)), "N\n");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_KERNEL, 1));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_KERNEL | __GFP_NOFAIL, 1));

	set_knob(test, "min-order", "0");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 0));
	set_knob(test, "min-order", "3\n");
	KUNIT_EXPECT_STREQ(test, knob_read("min-order", buf, sizeof(buf)), "3\n");
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 2));
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 3));
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_KERNEL, 10));

	/* Bad input is refused and changes nothing. */
	KUNIT_EXPECT_EQ(test, knob_write("ignore-gfp-wait", "maybe"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, knob_write("min-order", "x"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_STREQ(test, knob_read("ignore-gfp-wait", buf, sizeof(buf)), "N\n");
	KUNIT_EXPECT_STREQ(test, knob_read("min-order", buf, sizeof(buf)), "3\n");
}

static void fail_page_alloc_report_and_nowarn(struct kunit *test)
{
	char buf[16];

	enable(test, "100", "2");
	set_knob(test, "verbose", "1");
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "FAULT_INJECTION: forcing a failure.\n"
			   "name fail_page_alloc, interval 1, probability 100, space 0, times 2\n");
	krt_printk_capture_reset();

	/* __GFP_NOWARN: the failure happens and counts, silently. */
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC | __GFP_NOWARN, 1));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "0\n");

	/* times used up. */
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void fail_page_alloc_space_in_pages(struct kunit *test)
{
	char buf[16];

	enable(test, "100", "-1");
	set_knob(test, "space", "8");
	/* Order 1 is 2 pages: 8 > 2, 6 > 2, 4 > 2 let three through; 2 > 2 does not. */
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_STREQ(test, knob_read("space", buf, sizeof(buf)), "6\n");
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_STREQ(test, knob_read("space", buf, sizeof(buf)), "2\n");

	/* Order 3 is 8 pages: space 8 does not exceed it. */
	set_knob(test, "space", "8");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 3));
	set_knob(test, "space", "9");
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 3));
	KUNIT_EXPECT_STREQ(test, knob_read("space", buf, sizeof(buf)), "1\n");
}

static void fail_page_alloc_interval(struct kunit *test)
{
	int i, failed = 0;

	enable(test, "100", "-1");
	/* The call counter is not a knob: count over whole periods, whatever the phase. */
	set_knob(test, "interval", "2");
	for (i = 0; i < 8; i++)
		failed += should_fail_alloc_page(GFP_ATOMIC, 1);
	KUNIT_EXPECT_EQ(test, failed, 4);
	/* Filtered requests do not count. */
	for (i = 0; i < 8; i++)
		failed += should_fail_alloc_page(GFP_KERNEL, 1);
	KUNIT_EXPECT_EQ(test, failed, 4);
}

static void fail_page_alloc_fail_nth(struct kunit *test)
{
	char buf[16];

	/* Disabled attr; fail-nth 2 counts only the requests the filters let reach the engine. */
	set_knob(test, "verbose", "1");
	krt_printk_capture_begin(false);
	set_proc(test, FAIL_NTH, "2");
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_KERNEL, 1));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 0));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC | __GFP_NOFAIL, 1));
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC | __GFP_HIGHMEM, 1));
	KUNIT_EXPECT_STREQ(test, krt_proc_read(FAIL_NTH, buf, sizeof(buf)) > 0 ? buf : "", "2\n");
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 1U);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 2));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"name fail_page_alloc, interval 1, probability 0, space 0, times 1\n"));
	krt_printk_capture_end();
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));

	/* The documented recipe: turn ignore-gfp-wait off so GFP_KERNEL requests count too. */
	set_knob(test, "ignore-gfp-wait", "N");
	set_knob(test, "verbose", "0");
	set_proc(test, FAIL_NTH, "1");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_KERNEL, 1));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);
}

static int other_task(void *data)
{
	return should_fail_alloc_page(GFP_ATOMIC, 1);
}

static void fail_page_alloc_task_filter(struct kunit *test)
{
	struct task_struct *t;

	enable(test, "100", "-1");
	KUNIT_EXPECT_TRUE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
	/* Another task has not opted in with make-it-fail. */
	t = krt_thread_create(other_task, NULL, "fpa-other");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	set_proc(test, MAKE_IT_FAIL, "0");
	KUNIT_EXPECT_FALSE(test, should_fail_alloc_page(GFP_ATOMIC, 1));
}

static void fail_page_alloc_boot_parameter(struct kunit *test)
{
	char buf[16];

	/* Confine what the parameter enables to this task, which has not opted in. */
	set_knob(test, "task-filter", "Y");
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("fail_page_alloc=3,100,16,5"), 0);
	KUNIT_EXPECT_STREQ(test, knob_read("interval", buf, sizeof(buf)), "3\n");
	KUNIT_EXPECT_STREQ(test, knob_read("probability", buf, sizeof(buf)), "100\n");
	KUNIT_EXPECT_STREQ(test, knob_read("space", buf, sizeof(buf)), "16\n");
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "5\n");

	/* A bad value is reported, and the parameter then counts as unknown. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("fail_page_alloc=1,2"), 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"FAULT_INJECTION: failed to parse arguments\n"));
	krt_printk_capture_end();
	KUNIT_EXPECT_STREQ(test, knob_read("interval", buf, sizeof(buf)), "3\n");
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "5\n");
}

/* Last: after all the cases above, the exit hook has put every knob back. */
static void fail_page_alloc_knobs_restored(struct kunit *test)
{
	fail_page_alloc_defaults(test);
}

static void fail_page_alloc_exit(struct kunit *test)
{
	unsigned int i;

	/* probability first: the attr is off before the other knobs change under it. */
	for (i = 0; i < ARRAY_SIZE(knobs); i++)
		KUNIT_EXPECT_EQ_MSG(test, knob_write(knobs[i].name, knobs[i].value),
				    (ssize_t)strlen(knobs[i].value), "restoring %s", knobs[i].name);
}

static struct kunit_case fail_page_alloc_test_cases[] = {
	KUNIT_CASE(fail_page_alloc_defaults),
	KUNIT_CASE(fail_page_alloc_filters),
	KUNIT_CASE(fail_page_alloc_report_and_nowarn),
	KUNIT_CASE(fail_page_alloc_space_in_pages),
	KUNIT_CASE(fail_page_alloc_interval),
	KUNIT_CASE(fail_page_alloc_fail_nth),
	KUNIT_CASE(fail_page_alloc_task_filter),
	KUNIT_CASE(fail_page_alloc_boot_parameter),
	KUNIT_CASE(fail_page_alloc_knobs_restored),
	{}
};

static struct kunit_suite fail_page_alloc_test_suite = {
	.name = "fail_page_alloc",
	.exit = fail_page_alloc_exit,
	.test_cases = fail_page_alloc_test_cases,
};
kunit_test_suite(fail_page_alloc_test_suite);
