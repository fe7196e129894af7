// SPDX-License-Identifier: MIT
/*
 * The fault-injection engine (lib/fault-inject.c): every rule of should_fail_ex() in its order
 * (fail-nth first, then probability, task filter, times, stack filter, space, interval,
 * probability draw), the failure report at each verbosity and its ratelimit, the boot syntax,
 * /proc/thread-self/{fail-nth,make-it-fail}, and the debugfs knobs.
 *
 * Each case uses its own struct fault_attr; the only shared state is the calling task's
 * fail-nth/make-it-fail (per case thread) and one debugfs directory, removed by the exit hook.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/fault-inject.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>

#define FAIL_NTH "/proc/thread-self/fail-nth"
#define MAKE_IT_FAIL "/proc/thread-self/make-it-fail"
#define FI_DIR "/sys/kernel/debug/fault_inject_test"

#define FI_REPORT "FAULT_INJECTION: forcing a failure.\n"

/* An attr that fails every call it is asked about, silently, until told otherwise. */
static void attr_init_always(struct fault_attr *attr, const char *name)
{
	*attr = (struct fault_attr)FAULT_ATTR_INITIALIZER;
	attr->probability = 100;
	atomic_set(&attr->times, -1);
	attr->verbose = 0;
	strscpy(attr->dname, name, sizeof(attr->dname));
}

static void write_file(struct kunit *test, const char *path, const char *text)
{
	KUNIT_EXPECT_EQ_MSG(test, krt_proc_write(path, text, strlen(text)), (ssize_t)strlen(text),
			    "writing \"%s\" to %s", text, path);
}

static const char *read_file(const char *path, char *buf, size_t size)
{
	ssize_t n = krt_proc_read(path, buf, size);

	if (n < 0)
		snprintf(buf, size, "error %zd", n);
	return buf;
}

/* Count the failures among @calls calls of should_fail(@attr, @size). */
static int count_failures(struct fault_attr *attr, ssize_t size, int calls)
{
	int i, failed = 0;

	for (i = 0; i < calls; i++)
		failed += should_fail(attr, size);
	return failed;
}

static void fault_inject_defaults(struct kunit *test)
{
	DECLARE_FAULT_ATTR(attr);

	KUNIT_EXPECT_EQ(test, attr.probability, 0UL);
	KUNIT_EXPECT_EQ(test, attr.interval, 1UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 0);
	KUNIT_EXPECT_EQ(test, attr.verbose, 2UL);
	KUNIT_EXPECT_FALSE(test, attr.task_filter);
	KUNIT_EXPECT_EQ(test, attr.stacktrace_depth, 32UL);
	KUNIT_EXPECT_EQ(test, attr.require_start, 0UL);
	KUNIT_EXPECT_EQ(test, attr.require_end, ULONG_MAX);
	KUNIT_EXPECT_EQ(test, attr.reject_start, 0UL);
	KUNIT_EXPECT_EQ(test, attr.reject_end, 0UL);
	KUNIT_EXPECT_EQ(test, attr.ratelimit_state.interval, 0);
	KUNIT_EXPECT_EQ(test, attr.ratelimit_state.burst, DEFAULT_RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, (int)FAULT_NOWARN, 1);

	/* Probability 0 is "off": nothing fails, and nothing (times, space) is used up. */
	atomic_set(&attr.times, -1);
	atomic_set(&attr.space, 10);
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 100), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 10);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), -1);
}

static void fault_inject_probability(struct kunit *test)
{
	struct fault_attr attr;
	int failed;

	attr_init_always(&attr, "fi_prob");
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 1000), 1000);

	attr.probability = 0;
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 1000), 0);

	/* 2000 draws at 50%: outside [700, 1300] happens with odds far below 1e-40. */
	attr.probability = 50;
	failed = count_failures(&attr, 1, 2000);
	KUNIT_EXPECT_GE(test, failed, 700);
	KUNIT_EXPECT_LE(test, failed, 1300);

	/* Above 100 is "always", as in the kernel (probability <= draw in [0, 100) never holds). */
	attr.probability = 1000;
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 100), 100);
}

static void fault_inject_interval(struct kunit *test)
{
	struct fault_attr attr;
	bool results[9];
	int i;

	attr_init_always(&attr, "fi_interval");
	attr.interval = 3;
	for (i = 0; i < ARRAY_SIZE(results); i++)
		results[i] = should_fail(&attr, 1);
	for (i = 0; i < ARRAY_SIZE(results); i++)
		KUNIT_EXPECT_EQ_MSG(test, results[i], (i + 1) % 3 == 0, "call %d", i + 1);
	KUNIT_EXPECT_EQ(test, attr.count, 9UL);

	/* Space is used up before the interval counts: calls it lets through do not count. */
	attr_init_always(&attr, "fi_interval");
	attr.interval = 2;
	atomic_set(&attr.space, 2);
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));	/* space 2 > 1: space 1 */
	KUNIT_EXPECT_EQ(test, attr.count, 0UL);
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));	/* count 1 */
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));		/* count 2 */
	KUNIT_EXPECT_EQ(test, attr.count, 2UL);

	/* Intervals 0 and 1 both mean "every call". */
	attr_init_always(&attr, "fi_interval");
	attr.interval = 0;
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 5), 5);
	KUNIT_EXPECT_EQ(test, attr.count, 0UL);
}

static void fault_inject_times(struct kunit *test)
{
	struct fault_attr attr;

	attr_init_always(&attr, "fi_times");
	atomic_set(&attr.times, 2);
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 1);
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 0);
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 10), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 0);

	/* -1: unlimited, and it stays -1. */
	atomic_set(&attr.times, -1);
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 10), 10);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), -1);

	/* The default: one failure, then the capability is spent. */
	attr_init_always(&attr, "fi_times");
	atomic_set(&attr.times, 1);
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 10), 1);
}

static void fault_inject_space(struct kunit *test)
{
	struct fault_attr attr;

	attr_init_always(&attr, "fi_space");
	atomic_set(&attr.space, 10);
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 4));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 6);
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 4));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 2);
	/* Space no longer exceeds the size: the call fails, and space is not touched. */
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 4));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 2);

	/* Space equal to the size does not let the call through ("space > size"). */
	atomic_set(&attr.space, 4);
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 4));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 4);

	/* Space is only spent when a failure could happen: not with times used up. */
	atomic_set(&attr.times, 0);
	atomic_set(&attr.space, 100);
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 4));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 100);
}

static void fault_inject_fail_nth_file(struct kunit *test)
{
	char buf[32];

	KUNIT_EXPECT_STREQ(test, read_file(FAIL_NTH, buf, sizeof(buf)), "0\n");
	write_file(test, FAIL_NTH, "7\n");
	KUNIT_EXPECT_EQ(test, current->fail_nth, 7U);
	KUNIT_EXPECT_STREQ(test, read_file(FAIL_NTH, buf, sizeof(buf)), "7\n");
	/* kstrtouint() with base 0: hex and octal too. */
	write_file(test, FAIL_NTH, "0x10");
	KUNIT_EXPECT_STREQ(test, read_file(FAIL_NTH, buf, sizeof(buf)), "16\n");
	write_file(test, FAIL_NTH, "010");
	KUNIT_EXPECT_STREQ(test, read_file(FAIL_NTH, buf, sizeof(buf)), "8\n");

	KUNIT_EXPECT_EQ(test, krt_proc_write(FAIL_NTH, "-1", 2), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write(FAIL_NTH, "abc", 3), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write(FAIL_NTH, "4294967296", 10), (ssize_t)-ERANGE);
	KUNIT_EXPECT_EQ(test, current->fail_nth, 8U);

	write_file(test, FAIL_NTH, "0");
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);
}

static int read_fail_nth_thread(void *data)
{
	char *buf = data;

	read_file(FAIL_NTH, buf, 32);
	return 0;
}

static void fault_inject_fail_nth_is_per_task(struct kunit *test)
{
	char other[32] = "";
	struct task_struct *t;

	write_file(test, FAIL_NTH, "5");
	t = krt_thread_create(read_fail_nth_thread, other, "fi-reader");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	krt_thread_join(t);
	/* "thread-self" is whoever reads: the other thread has nothing armed. */
	KUNIT_EXPECT_STREQ(test, other, "0\n");
	KUNIT_EXPECT_EQ(test, current->fail_nth, 5U);
	write_file(test, FAIL_NTH, "0");
}

static void fault_inject_fail_nth_precedence(struct kunit *test)
{
	DECLARE_FAULT_ATTR(attr);
	char buf[32];

	/* Disabled (probability 0) and spent (times 0): fail-nth fails the call all the same. */
	strscpy(attr.dname, "fi_nth", sizeof(attr.dname));
	atomic_set(&attr.times, 0);
	attr.verbose = 1;
	krt_printk_capture_begin(false);
	write_file(test, FAIL_NTH, "3");
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_STREQ(test, read_file(FAIL_NTH, buf, sizeof(buf)), "2\n");
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_STREQ(test, read_file(FAIL_NTH, buf, sizeof(buf)), "1\n");
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_STREQ(test, read_file(FAIL_NTH, buf, sizeof(buf)), "0\n");
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   FI_REPORT "name fi_nth, interval 1, probability 0, space 0, times 0\n");
	/* times 0 stays 0 (never below), and with fail-nth spent the attr is off again. */
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 0);
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));
	krt_printk_capture_end();

	/* Space and interval are skipped too; a failure still uses up one of times. */
	attr_init_always(&attr, "fi_nth");
	attr.probability = 0;
	attr.interval = 10;
	atomic_set(&attr.space, 100);
	atomic_set(&attr.times, 5);
	write_file(test, FAIL_NTH, "1");
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 100);
	KUNIT_EXPECT_EQ(test, attr.count, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 4);

	/* While armed, fail-nth also keeps an always-failing attr from failing early. */
	attr_init_always(&attr, "fi_nth");
	write_file(test, FAIL_NTH, "2");
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);
}

static void fault_inject_fail_nth_any_capability(struct kunit *test)
{
	DECLARE_FAULT_ATTR(a);
	DECLARE_FAULT_ATTR(b);

	a.verbose = 0;
	b.verbose = 0;
	/* The count is the task's, not the attr's: every capability's call counts. */
	write_file(test, FAIL_NTH, "4");
	KUNIT_EXPECT_FALSE(test, should_fail(&a, 1));
	KUNIT_EXPECT_FALSE(test, should_fail(&b, 1));
	KUNIT_EXPECT_FALSE(test, should_fail_ex(&a, 1, FAULT_NOWARN));
	KUNIT_EXPECT_TRUE(test, should_fail(&b, 1));
	KUNIT_EXPECT_FALSE(test, should_fail(&a, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&a.times), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.times), 0);
}

static int task_filter_thread(void *data)
{
	return should_fail(data, 1);
}

static void fault_inject_task_filter(struct kunit *test)
{
	struct task_struct *t;
	struct fault_attr attr;
	char buf[32];

	attr_init_always(&attr, "fi_task");
	attr.task_filter = true;
	KUNIT_EXPECT_STREQ(test, read_file(MAKE_IT_FAIL, buf, sizeof(buf)), "0\n");
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));

	write_file(test, MAKE_IT_FAIL, "1\n");
	KUNIT_EXPECT_EQ(test, current->make_it_fail, 1U);
	KUNIT_EXPECT_STREQ(test, read_file(MAKE_IT_FAIL, buf, sizeof(buf)), "1\n");
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));

	/* Another task has not opted in. */
	t = krt_thread_create(task_filter_thread, &attr, "fi-task");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);

	/* Without the filter, every task fails. */
	attr.task_filter = false;
	t = krt_thread_create(task_filter_thread, &attr, "fi-task");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 1);

	/* Only 0 and 1 are accepted. */
	KUNIT_EXPECT_EQ(test, krt_proc_write(MAKE_IT_FAIL, "2", 1), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write(MAKE_IT_FAIL, "-1", 2), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write(MAKE_IT_FAIL, "x", 1), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, current->make_it_fail, 1U);
	write_file(test, MAKE_IT_FAIL, "0");
	KUNIT_EXPECT_EQ(test, current->make_it_fail, 0U);
}

static void fault_inject_verbose(struct kunit *test)
{
	struct fault_attr attr;
	const char *text;

	attr_init_always(&attr, "fi_verbose");
	atomic_set(&attr.times, 3);
	krt_printk_capture_begin(false);

	/* 0: silent. */
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	/* 1: the two lines, with the counters as they were before this failure. */
	attr.verbose = 1;
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   FI_REPORT
			   "name fi_verbose, interval 1, probability 100, space 0, times 2\n");
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 1);
	krt_printk_capture_reset();

	/* 2: and a stack dump. */
	attr.verbose = 2;
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	text = krt_printk_capture_text();
	KUNIT_EXPECT_TRUE(test, strstarts(text, FI_REPORT "name fi_verbose, interval 1, "
					  "probability 100, space 0, times 1\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Call Trace:"));
	krt_printk_capture_reset();

	/* FAULT_NOWARN: failed and counted, but never reported. */
	atomic_set(&attr.times, 3);
	KUNIT_EXPECT_TRUE(test, should_fail_ex(&attr, 1, FAULT_NOWARN));
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), 2);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	/* 1 does not dump the stack. */
	attr.verbose = 1;
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Call Trace:"));
	krt_printk_capture_end();
}

static void fault_inject_verbose_ratelimit(struct kunit *test)
{
	struct fault_attr attr;

	attr_init_always(&attr, "fi_ratelimit");
	attr.verbose = 1;
	attr.ratelimit_state.interval = 3600 * HZ;
	attr.ratelimit_state.burst = 2;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 5), 5);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(FI_REPORT), 2U);
	krt_printk_capture_end();

	/* The default (interval 0) does not limit. */
	attr_init_always(&attr, "fi_ratelimit");
	attr.verbose = 1;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, count_failures(&attr, 1, 20), 20);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(FI_REPORT), 20U);
	krt_printk_capture_end();
}

static void fault_inject_boot_syntax(struct kunit *test)
{
	char good[] = "10,50,4096,-1";
	char short_list[] = "1,2,3";
	char words[] = "a,b,c,d";
	char negative[] = "1,-5,0,1";
	DECLARE_FAULT_ATTR(attr);

	KUNIT_EXPECT_EQ(test, setup_fault_attr(&attr, good), 1);
	KUNIT_EXPECT_EQ(test, attr.interval, 10UL);
	KUNIT_EXPECT_EQ(test, attr.probability, 50UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 4096);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), -1);

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, setup_fault_attr(&attr, short_list), 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "FAULT_INJECTION: failed to parse arguments\n");
	krt_printk_capture_reset();
	KUNIT_EXPECT_EQ(test, setup_fault_attr(&attr, words), 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "FAULT_INJECTION: failed to parse arguments\n");
	krt_printk_capture_reset();
	/* interval and probability are unsigned: a sign is a parse error, not a wrap. */
	KUNIT_EXPECT_EQ(test, setup_fault_attr(&attr, negative), 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "FAULT_INJECTION: failed to parse arguments\n");
	krt_printk_capture_end();
	/* A failed parse changes nothing. */
	KUNIT_EXPECT_EQ(test, attr.interval, 10UL);
	KUNIT_EXPECT_EQ(test, attr.probability, 50UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.space), 4096);
	KUNIT_EXPECT_EQ(test, atomic_read(&attr.times), -1);
}

/*
 * Call should_fail() from a function of known extent, so that a stack filter can name it.
 * noinline and no tail call: its return address must be on the stack should_fail() sees.
 */
static noinline bool fail_from_helper(struct fault_attr *attr)
{
	bool ret = should_fail(attr, 1);

	barrier();
	return ret;
}

/* [start, end) of fail_from_helper(), from its symbol ("name+0x0/0xsize"). */
static bool helper_extent(unsigned long *start, unsigned long *end)
{
	unsigned long size;
	char sym[256], *p;

	snprintf(sym, sizeof(sym), "%pS", fail_from_helper);
	p = strstr(sym, "/0x");
	if (!strstarts(sym, "fail_from_helper+0x0/") || !p || kstrtoul(p + 1, 16, &size))
		return false;
	*start = (unsigned long)fail_from_helper;
	*end = *start + size;
	return true;
}

static void fault_inject_stacktrace_filter(struct kunit *test)
{
	unsigned long start, end;
	struct fault_attr attr;

	KUNIT_ASSERT_TRUE(test, helper_extent(&start, &end));

	/* require: only calls made through the helper fail. */
	attr_init_always(&attr, "fi_stack");
	attr.require_start = start;
	attr.require_end = end;
	KUNIT_EXPECT_TRUE(test, fail_from_helper(&attr));
	KUNIT_EXPECT_FALSE(test, should_fail(&attr, 1));

	/* A require range nothing is in: nothing fails. */
	attr.require_start = 1;
	attr.require_end = 2;
	KUNIT_EXPECT_FALSE(test, fail_from_helper(&attr));

	/* reject: calls made through the helper never fail, the others do. */
	attr_init_always(&attr, "fi_stack");
	attr.reject_start = start;
	attr.reject_end = end;
	KUNIT_EXPECT_FALSE(test, fail_from_helper(&attr));
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));

	/* A rejected call does not count down fail-nth. */
	attr.probability = 0;
	write_file(test, FAIL_NTH, "1");
	KUNIT_EXPECT_FALSE(test, fail_from_helper(&attr));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 1U);
	KUNIT_EXPECT_TRUE(test, should_fail(&attr, 1));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);

	/* Depth 0 turns the walk off: a require range then never matches. */
	attr_init_always(&attr, "fi_stack");
	attr.require_start = start;
	attr.require_end = end;
	attr.stacktrace_depth = 0;
	KUNIT_EXPECT_FALSE(test, fail_from_helper(&attr));
}

static struct fault_attr debugfs_attr;
static struct dentry *debugfs_dir, *debugfs_child;

static void expect_file(struct kunit *test, const char *name, const char *text)
{
	char path[128], buf[64];

	snprintf(path, sizeof(path), FI_DIR "/%s", name);
	KUNIT_EXPECT_STREQ_MSG(test, read_file(path, buf, sizeof(buf)), text, "%s", path);
}

static void write_knob(struct kunit *test, const char *name, const char *text)
{
	char path[128];

	snprintf(path, sizeof(path), FI_DIR "/%s", name);
	write_file(test, path, text);
}

static ssize_t write_knob_ret(const char *name, const char *text)
{
	char path[128];

	snprintf(path, sizeof(path), FI_DIR "/%s", name);
	return krt_proc_write(path, text, strlen(text));
}

static void fault_inject_debugfs_defaults(struct kunit *test)
{
	debugfs_attr = (struct fault_attr)FAULT_ATTR_INITIALIZER;
	debugfs_dir = fault_create_debugfs_attr("fault_inject_test", NULL, &debugfs_attr);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, debugfs_dir);
	KUNIT_EXPECT_STREQ(test, debugfs_attr.dname, "fault_inject_test");

	expect_file(test, "probability", "0\n");
	expect_file(test, "interval", "1\n");
	expect_file(test, "times", "1\n");
	expect_file(test, "space", "0\n");
	expect_file(test, "verbose", "2\n");
	expect_file(test, "verbose_ratelimit_interval_ms", "0\n");
	expect_file(test, "verbose_ratelimit_burst", "10\n");
	expect_file(test, "task-filter", "N\n");
	expect_file(test, "stacktrace-depth", "32\n");
	expect_file(test, "require-start", "0x0000000000000000\n");
	expect_file(test, "require-end", "0xffffffffffffffff\n");
	expect_file(test, "reject-start", "0x0000000000000000\n");
	expect_file(test, "reject-end", "0x0000000000000000\n");

	/* The directory exists once. */
	KUNIT_EXPECT_PTR_EQ(test, fault_create_debugfs_attr("fault_inject_test", NULL,
							    &debugfs_attr), ERR_PTR(-EEXIST));
	expect_file(test, "probability", "0\n");
	KUNIT_EXPECT_PTR_EQ(test, fault_create_debugfs_attr("a/b", NULL, &debugfs_attr),
			    ERR_PTR(-EINVAL));
	KUNIT_EXPECT_PTR_EQ(test, fault_create_debugfs_attr("", NULL, &debugfs_attr),
			    ERR_PTR(-EINVAL));

	krt_fault_remove_debugfs_attr(debugfs_dir);
	debugfs_dir = NULL;
	KUNIT_EXPECT_EQ(test, krt_proc_read(FI_DIR "/probability", NULL, 0), (ssize_t)-ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read(FI_DIR "/reject-end", NULL, 0), (ssize_t)-ENOENT);
}

static void fault_inject_debugfs_knobs(struct kunit *test)
{
	debugfs_attr = (struct fault_attr)FAULT_ATTR_INITIALIZER;
	debugfs_dir = fault_create_debugfs_attr("fault_inject_test", NULL, &debugfs_attr);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, debugfs_dir);

	write_knob(test, "probability", "100\n");
	KUNIT_EXPECT_EQ(test, debugfs_attr.probability, 100UL);
	write_knob(test, "interval", "0x10");
	KUNIT_EXPECT_EQ(test, debugfs_attr.interval, 16UL);
	expect_file(test, "interval", "16\n");
	write_knob(test, "times", "-1");
	KUNIT_EXPECT_EQ(test, atomic_read(&debugfs_attr.times), -1);
	expect_file(test, "times", "-1\n");
	write_knob(test, "space", "4096");
	KUNIT_EXPECT_EQ(test, atomic_read(&debugfs_attr.space), 4096);
	write_knob(test, "verbose", "1");
	KUNIT_EXPECT_EQ(test, debugfs_attr.verbose, 1UL);
	write_knob(test, "verbose_ratelimit_interval_ms", "250");
	KUNIT_EXPECT_EQ(test, debugfs_attr.ratelimit_state.interval, 250);
	write_knob(test, "verbose_ratelimit_burst", "3");
	KUNIT_EXPECT_EQ(test, debugfs_attr.ratelimit_state.burst, 3);
	write_knob(test, "task-filter", "Y");
	KUNIT_EXPECT_TRUE(test, debugfs_attr.task_filter);
	expect_file(test, "task-filter", "Y\n");
	write_knob(test, "task-filter", "0");
	KUNIT_EXPECT_FALSE(test, debugfs_attr.task_filter);
	write_knob(test, "stacktrace-depth", "100");	/* clamped to what is kept */
	KUNIT_EXPECT_EQ(test, debugfs_attr.stacktrace_depth, 32UL);
	write_knob(test, "stacktrace-depth", "5");
	KUNIT_EXPECT_EQ(test, debugfs_attr.stacktrace_depth, 5UL);
	write_knob(test, "require-start", "0x1000");
	expect_file(test, "require-start", "0x0000000000001000\n");
	write_knob(test, "require-end", "8192");
	KUNIT_EXPECT_EQ(test, debugfs_attr.require_end, 8192UL);
	write_knob(test, "reject-start", "0x10");
	KUNIT_EXPECT_EQ(test, debugfs_attr.reject_start, 16UL);
	write_knob(test, "reject-end", "0x20");
	expect_file(test, "reject-end", "0x0000000000000020\n");

	/* Bad input is refused and changes nothing. */
	KUNIT_EXPECT_EQ(test, write_knob_ret("probability", "abc"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, debugfs_attr.probability, 100UL);
	KUNIT_EXPECT_EQ(test, write_knob_ret("times", "x"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, atomic_read(&debugfs_attr.times), -1);
	KUNIT_EXPECT_EQ(test, write_knob_ret("task-filter", "maybe"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, write_knob_ret("require-start", "-"), (ssize_t)-EINVAL);

	/* What was written drives the engine. */
	write_knob(test, "require-start", "0");
	write_knob(test, "require-end", "0xffffffffffffffff");
	write_knob(test, "reject-start", "0");
	write_knob(test, "reject-end", "0");
	write_knob(test, "interval", "1");
	write_knob(test, "space", "0");
	write_knob(test, "verbose", "0");
	KUNIT_EXPECT_EQ(test, count_failures(&debugfs_attr, 1, 10), 10);
	write_knob(test, "probability", "0");
	KUNIT_EXPECT_EQ(test, count_failures(&debugfs_attr, 1, 10), 0);

	krt_fault_remove_debugfs_attr(debugfs_dir);
	debugfs_dir = NULL;
}

static void fault_inject_debugfs_parent_and_name(struct kunit *test)
{
	static const char long_name[] =
		"fault_inject_test_a_name_that_is_longer_than_the_sixty_three_bytes_kept";
	DECLARE_FAULT_ATTR(child_attr);
	static u32 extra;
	char expect[256];

	debugfs_attr = (struct fault_attr)FAULT_ATTR_INITIALIZER;
	debugfs_dir = fault_create_debugfs_attr("fault_inject_test", NULL, &debugfs_attr);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, debugfs_dir);

	/* A directory below another; the name in the report is the last component. */
	debugfs_child = fault_create_debugfs_attr("child", debugfs_dir, &child_attr);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, debugfs_child);
	KUNIT_EXPECT_STREQ(test, child_attr.dname, "child");
	write_knob(test, "child/probability", "42");
	KUNIT_EXPECT_EQ(test, child_attr.probability, 42UL);
	KUNIT_EXPECT_EQ(test, debugfs_attr.probability, 0UL);
	KUNIT_EXPECT_EQ(test, krt_fault_debugfs_create_u32("extra", debugfs_child, &extra), 0);
	KUNIT_EXPECT_EQ(test, krt_fault_debugfs_create_u32("extra", debugfs_child, &extra),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, krt_fault_debugfs_create_bool("b", NULL, &child_attr.task_filter),
			-EINVAL);
	krt_fault_remove_debugfs_attr(debugfs_child);
	debugfs_child = NULL;
	KUNIT_EXPECT_EQ(test, krt_proc_read(FI_DIR "/child/probability", NULL, 0),
			(ssize_t)-ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read(FI_DIR "/child/extra", NULL, 0), (ssize_t)-ENOENT);
	/* The parent's files are not the child's. */
	expect_file(test, "probability", "0\n");

	krt_fault_remove_debugfs_attr(debugfs_dir);
	debugfs_dir = NULL;

	/* A long name: the directory keeps it, the report's copy is cut, with a warning. */
	krt_printk_capture_begin(false);
	debugfs_dir = fault_create_debugfs_attr(long_name, NULL, &debugfs_attr);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, debugfs_dir);
	KUNIT_EXPECT_EQ(test, strlen(debugfs_attr.dname), (size_t)FAULT_ATTR_DNAME_LEN - 1);
	KUNIT_EXPECT_TRUE(test, !strncmp(debugfs_attr.dname, long_name, FAULT_ATTR_DNAME_LEN - 1));
	snprintf(expect, sizeof(expect), "FAULT_INJECTION: name '%s' truncated to '%s'\n",
		 long_name, debugfs_attr.dname);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), expect);
	krt_printk_capture_end();
	snprintf(expect, sizeof(expect), "/sys/kernel/debug/%s/probability", long_name);
	KUNIT_EXPECT_EQ(test, krt_proc_read(expect, NULL, 0), 0);
	krt_fault_remove_debugfs_attr(debugfs_dir);
	debugfs_dir = NULL;
	KUNIT_EXPECT_EQ(test, krt_proc_read(expect, NULL, 0), (ssize_t)-ENOENT);
}

static void fault_inject_exit(struct kunit *test)
{
	/* A case that stopped early leaves its directories behind: remove them here. */
	krt_fault_remove_debugfs_attr(debugfs_child);
	debugfs_child = NULL;
	krt_fault_remove_debugfs_attr(debugfs_dir);
	debugfs_dir = NULL;
}

static struct kunit_case fault_inject_test_cases[] = {
	KUNIT_CASE(fault_inject_defaults),
	KUNIT_CASE(fault_inject_probability),
	KUNIT_CASE(fault_inject_interval),
	KUNIT_CASE(fault_inject_times),
	KUNIT_CASE(fault_inject_space),
	KUNIT_CASE(fault_inject_fail_nth_file),
	KUNIT_CASE(fault_inject_fail_nth_is_per_task),
	KUNIT_CASE(fault_inject_fail_nth_precedence),
	KUNIT_CASE(fault_inject_fail_nth_any_capability),
	KUNIT_CASE(fault_inject_task_filter),
	KUNIT_CASE(fault_inject_verbose),
	KUNIT_CASE(fault_inject_verbose_ratelimit),
	KUNIT_CASE(fault_inject_boot_syntax),
	KUNIT_CASE(fault_inject_stacktrace_filter),
	KUNIT_CASE(fault_inject_debugfs_defaults),
	KUNIT_CASE(fault_inject_debugfs_knobs),
	KUNIT_CASE(fault_inject_debugfs_parent_and_name),
	{}
};

static struct kunit_suite fault_inject_test_suite = {
	.name = "fault_inject",
	.exit = fault_inject_exit,
	.test_cases = fault_inject_test_cases,
};
kunit_test_suite(fault_inject_test_suite);
