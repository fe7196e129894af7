// SPDX-License-Identifier: MIT
/*
 * dump_stack(), show_stack() and stack_trace_*(): the kernel's shape line by line, and traces
 * that start at the caller.
 */
#include <kunit/test.h>
#include <krt/printk.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <linux/string.h>

#define MAX_LINES 128

struct lines {
	int nr;
	char line[MAX_LINES][512];
};

/*
 * Split the captured text into lines (without their '\n'). It only expects, never asserts:
 * the capture must be ended whatever happens.
 */
static void split_lines(struct kunit *test, struct lines *l, const char *text)
{
	l->nr = 0;
	while (*text && l->nr < MAX_LINES) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		size_t keep = min(len, sizeof(l->line[0]) - 1);

		KUNIT_EXPECT_LT(test, len, sizeof(l->line[0]));
		memcpy(l->line[l->nr], text, keep);
		l->line[l->nr][keep] = '\0';
		l->nr++;
		text += len + (nl ? 1 : 0);
	}
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/*
 * Check the "Call Trace:" block from line @first: " <TASK>", frames " name+0xoff/0xsize
 * file:line" beginning with @first_fn (in this file) then @second_fn, and " </TASK>" last.
 */
static void check_trace(struct kunit *test, struct lines *l, int first, const char *first_fn,
			const char *second_fn)
{
	char prefix[128];
	int i;

	KUNIT_ASSERT_GT(test, l->nr, first + 4);
	KUNIT_EXPECT_STREQ(test, l->line[first], "Call Trace:");
	KUNIT_EXPECT_STREQ(test, l->line[first + 1], " <TASK>");
	snprintf(prefix, sizeof(prefix), " %s+0x", first_fn);
	KUNIT_EXPECT_TRUE_MSG(test, starts_with(l->line[first + 2], prefix), "%s",
			      l->line[first + 2]);
	snprintf(prefix, sizeof(prefix), " %s:", __FILE__);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(l->line[first + 2], prefix) != NULL, "%s",
			      l->line[first + 2]);
	snprintf(prefix, sizeof(prefix), " %s+0x", second_fn);
	KUNIT_EXPECT_TRUE_MSG(test, starts_with(l->line[first + 3], prefix), "%s",
			      l->line[first + 3]);
	for (i = first + 2; i < l->nr - 1; i++) {
		KUNIT_EXPECT_EQ_MSG(test, l->line[i][0], ' ', "%s", l->line[i]);
		KUNIT_EXPECT_NE_MSG(test, l->line[i][1], ' ', "%s", l->line[i]);
	}
	KUNIT_EXPECT_STREQ(test, l->line[l->nr - 1], " </TASK>");
}

/* The header: "CPU: n UID: n PID: pid Comm: comm <taint> 6.12.0-krt #1", then the rest. */
static int check_header(struct kunit *test, struct lines *l)
{
	struct task_struct *t = current;
	char expect[256];
	const char *rest;
	unsigned int cpu, uid;
	int i = 0, n = 0;

	KUNIT_ASSERT_GT(test, l->nr, 2);
	KUNIT_ASSERT_EQ_MSG(test, sscanf(l->line[0], "CPU: %u UID: %u %n", &cpu, &uid, &n), 2,
			    "%s", l->line[0]);
	rest = l->line[0] + n;
	snprintf(expect, sizeof(expect), "PID: %d Comm: %.20s %s 6.12.0-krt #1", t->pid, t->comm,
		 print_tainted());
	KUNIT_EXPECT_STREQ(test, rest, expect);
	i++;
	if (get_taint()) {
		KUNIT_EXPECT_STREQ(test, l->line[i], print_tainted_verbose());
		i++;
	}
	KUNIT_EXPECT_STREQ(test, l->line[i], "Hardware name: krt (userspace)");
	return i + 1;
}

static noinline void dump_stack_test_caller(void)
{
	dump_stack();
	barrier();
}

static void dump_stack_test_shape(struct kunit *test)
{
	struct lines *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	int first;

	KUNIT_ASSERT_NOT_NULL(test, l);
	krt_printk_capture_begin(false);
	dump_stack_test_caller();
	split_lines(test, l, krt_printk_capture_text());
	krt_printk_capture_end();

	first = check_header(test, l);
	/* The trace starts at the caller of dump_stack(), not inside it. */
	check_trace(test, l, first, "dump_stack_test_caller", "dump_stack_test_shape");
}

static noinline void dump_stack_test_lvl_caller(void)
{
	dump_stack_lvl(KERN_ERR);
	barrier();
}

static void dump_stack_test_lvl(struct kunit *test)
{
	struct lines *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	int first;

	KUNIT_ASSERT_NOT_NULL(test, l);
	krt_printk_capture_begin(false);
	dump_stack_test_lvl_caller();
	split_lines(test, l, krt_printk_capture_text());
	krt_printk_capture_end();

	first = check_header(test, l);
	check_trace(test, l, first, "dump_stack_test_lvl_caller", "dump_stack_test_lvl");
}

static void dump_stack_test_tainted(struct kunit *test)
{
	struct lines *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	/* KUnit taints the kernel with TAINT_TEST too; it changes nothing else. */
	add_taint(TAINT_TEST, LOCKDEP_STILL_OK);
	krt_printk_capture_begin(false);
	dump_stack_test_caller();
	split_lines(test, l, krt_printk_capture_text());
	krt_printk_capture_end();

	KUNIT_ASSERT_GT(test, l->nr, 3);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(l->line[0], " Tainted: ") != NULL, "%s", l->line[0]);
	KUNIT_EXPECT_TRUE_MSG(test, starts_with(l->line[1], "Tainted: ["), "%s", l->line[1]);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(l->line[1], "[N]=TEST") != NULL, "%s", l->line[1]);
	check_trace(test, l, check_header(test, l), "dump_stack_test_caller",
		    "dump_stack_test_tainted");
}

static noinline void show_stack_test_caller(void)
{
	show_stack(NULL, NULL, KERN_INFO);
	barrier();
}

static void dump_stack_test_show_stack(struct kunit *test)
{
	struct lines *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	static int not_a_task;

	KUNIT_ASSERT_NOT_NULL(test, l);
	krt_printk_capture_begin(false);
	show_stack_test_caller();
	split_lines(test, l, krt_printk_capture_text());
	/* Only the calling thread's stack can be walked: nothing for another task. */
	krt_printk_capture_reset();
	show_stack(&not_a_task, NULL, KERN_INFO);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();

	/* No header: the trace only. */
	check_trace(test, l, 0, "show_stack_test_caller", "dump_stack_test_show_stack");
}

/* A reporting helper whose own frame should not be in the trace. */
static noinline void dump_stack_test_reporter(void)
{
	krt_dump_stack_skip(KERN_WARNING, 1);
	barrier();
}

static noinline void dump_stack_test_skip_caller(void)
{
	dump_stack_test_reporter();
	barrier();
}

static void dump_stack_test_skip(struct kunit *test)
{
	struct lines *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	krt_printk_capture_begin(false);
	dump_stack_test_skip_caller();
	split_lines(test, l, krt_printk_capture_text());
	krt_printk_capture_end();
	check_trace(test, l, check_header(test, l), "dump_stack_test_skip_caller",
		    "dump_stack_test_skip");
}

static void dump_stack_test_trace_block(struct kunit *test)
{
	unsigned long entries[2] = { (unsigned long)dump_stack_test_caller + 1,
				     (unsigned long)show_stack_test_caller + 2 };
	char expect[512];

	krt_printk_capture_begin(false);
	krt_show_trace(entries, 2, KERN_INFO);
	snprintf(expect, sizeof(expect), "Call Trace:\n <TASK>\n %pBb\n %pBb\n </TASK>\n",
		 (void *)entries[0], (void *)entries[1]);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), expect);
	krt_printk_capture_end();
}

static struct kunit_case dump_stack_test_cases[] = {
	KUNIT_CASE(dump_stack_test_shape),
	KUNIT_CASE(dump_stack_test_lvl),
	KUNIT_CASE(dump_stack_test_tainted),
	KUNIT_CASE(dump_stack_test_show_stack),
	KUNIT_CASE(dump_stack_test_skip),
	KUNIT_CASE(dump_stack_test_trace_block),
	{}
};

static struct kunit_suite dump_stack_test_suite = {
	.name = "dump_stack",
	.test_cases = dump_stack_test_cases,
};

/* --- stack_trace_save() and friends --- */

static noinline unsigned int stacktrace_test_helper(unsigned long *entries, unsigned int size,
						    unsigned int skip)
{
	unsigned int nr = stack_trace_save(entries, size, skip);

	barrier();
	return nr;
}

static void stacktrace_test_save(struct kunit *test)
{
	unsigned long entries[32];
	char name[128];
	unsigned int nr;

	nr = stack_trace_save(entries, ARRAY_SIZE(entries), 0);
	KUNIT_ASSERT_GT(test, nr, 1U);
	snprintf(name, sizeof(name), "%ps", (void *)entries[0]);
	KUNIT_EXPECT_STREQ(test, name, "stacktrace_test_save");

	/* skipnr leaves out frames above the caller. */
	nr = stacktrace_test_helper(entries, ARRAY_SIZE(entries), 0);
	snprintf(name, sizeof(name), "%ps", (void *)entries[0]);
	KUNIT_EXPECT_STREQ(test, name, "stacktrace_test_helper");
	nr = stacktrace_test_helper(entries, ARRAY_SIZE(entries), 1);
	snprintf(name, sizeof(name), "%ps", (void *)entries[0]);
	KUNIT_EXPECT_STREQ(test, name, "stacktrace_test_save");

	/* At most @size entries. */
	KUNIT_EXPECT_EQ(test, stack_trace_save(entries, 2, 0), 2U);
	KUNIT_EXPECT_EQ(test, stack_trace_save(entries, 0, 0), 0U);
	KUNIT_EXPECT_EQ(test, stack_trace_save(entries, ARRAY_SIZE(entries), 1000), 0U);
}

static void stacktrace_test_save_tsk(struct kunit *test)
{
	unsigned long entries[16];
	char name[128];
	static int not_a_task;

	KUNIT_ASSERT_GT(test, stack_trace_save_tsk(current, entries, ARRAY_SIZE(entries), 0), 0U);
	snprintf(name, sizeof(name), "%ps", (void *)entries[0]);
	KUNIT_EXPECT_STREQ(test, name, "stacktrace_test_save_tsk");
	KUNIT_EXPECT_EQ(test, stack_trace_save_tsk((struct task_struct *)&not_a_task, entries,
						   ARRAY_SIZE(entries), 0), 0U);
}

static void stacktrace_test_print(struct kunit *test)
{
	unsigned long entries[3] = { (unsigned long)stacktrace_test_save + 4,
				     (unsigned long)stacktrace_test_helper,
				     0x1234 };
	char expect[1024], buf[1024], small[16];
	int len;

	len = snprintf(expect, sizeof(expect), "   %pS\n   %pS\n   0x1234\n", (void *)entries[0],
		       (void *)entries[1]);
	KUNIT_EXPECT_EQ(test, stack_trace_snprint(buf, sizeof(buf), entries, 3, 2), len);
	KUNIT_EXPECT_STREQ(test, buf, expect);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "   stacktrace_test_save+0x4/0x", 30), 0);

	krt_printk_capture_begin(false);
	stack_trace_print(entries, 3, 2);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), expect);
	krt_printk_capture_end();

	/* A full buffer stops the printing; the cut line is counted whole. */
	len = stack_trace_snprint(small, sizeof(small), entries, 3, 2);
	KUNIT_EXPECT_EQ(test, len, (int)(strchr(expect, '\n') - expect) + 1);
	KUNIT_EXPECT_EQ(test, strlen(small), sizeof(small) - 1);
	KUNIT_EXPECT_EQ(test, stack_trace_snprint(small, 0, entries, 3, 2), 0);
}

static struct kunit_case stacktrace_test_cases[] = {
	KUNIT_CASE(stacktrace_test_save),
	KUNIT_CASE(stacktrace_test_save_tsk),
	KUNIT_CASE(stacktrace_test_print),
	{}
};

static struct kunit_suite stacktrace_test_suite = {
	.name = "stacktrace",
	.test_cases = stacktrace_test_cases,
};

kunit_test_suites(&dump_stack_test_suite, &stacktrace_test_suite);
