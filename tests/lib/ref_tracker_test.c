// SPDX-License-Identifier: MIT
/*
 * The reference tracker (lib/ref_tracker.c): quiet balanced use, the double-release report with
 * both stacks, the bounded quarantine, the report grouped by stack with its display limit (printk
 * and buffer forms), the leak report of ref_tracker_dir_exit(), the counters of untracked
 * references, allocation failure (through fail-nth), use after exit, the 16-frame stacks, and
 * the "tracked references" leak counter that fails a KUnit case holding a reference.
 */
#include <kunit/test.h>
#include <krt/leak.h>
#include <krt/panic.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/refcount.h>
#include <linux/ref_tracker.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_trackers.h>

#include "kunit/kunit_test_util.h"

#define FAIL_NTH	"/proc/thread-self/fail-nth"
/* Each injected failure, fail-nth's too, uses up one of failslab's "times": put back after. */
#define FAILSLAB_TIMES	"/sys/kernel/debug/failslab/times"

#define MSG_RELEASED	"ref_tracker: reference already released.\n"
#define MSG_ALLOCATED	"ref_tracker: allocated in:\n"
#define MSG_FREED	"ref_tracker: freed in:\n"
#define MSG_NOMEM	"ref_tracker: memory allocation failure, unreliable refcount tracker.\n"

/*
 * Call sites with names of their own. Each helper writes its own value so that the compiler
 * cannot fold identical helpers into one; the barrier after the call keeps it from being a
 * tail call, so the helper is the first frame of the recorded stack.
 */
static int rt_site;

static noinline int rt_take(struct ref_tracker_dir *dir, struct ref_tracker **t, gfp_t gfp)
{
	int ret;

	WRITE_ONCE(rt_site, 1);
	ret = ref_tracker_alloc(dir, t, gfp);
	barrier();
	return ret;
}

static noinline int rt_take_b(struct ref_tracker_dir *dir, struct ref_tracker **t)
{
	int ret;

	WRITE_ONCE(rt_site, 2);
	ret = ref_tracker_alloc(dir, t, GFP_KERNEL);
	barrier();
	return ret;
}

static noinline int rt_take_c(struct ref_tracker_dir *dir, struct ref_tracker **t)
{
	int ret;

	WRITE_ONCE(rt_site, 3);
	ret = ref_tracker_alloc(dir, t, GFP_KERNEL);
	barrier();
	return ret;
}

static noinline int rt_drop(struct ref_tracker_dir *dir, struct ref_tracker **t)
{
	int ret;

	WRITE_ONCE(rt_site, 4);
	ret = ref_tracker_free(dir, t);
	barrier();
	return ret;
}

/* @depth nested frames of itself above the allocation: one distinct stack per depth. */
static noinline int rt_take_deep(struct ref_tracker_dir *dir, struct ref_tracker **t, int depth)
{
	int ret;

	WRITE_ONCE(rt_site, 5);
	if (depth)
		ret = rt_take_deep(dir, t, depth - 1);
	else
		ret = ref_tracker_alloc(dir, t, GFP_KERNEL);
	barrier();
	return ret;
}

static noinline int rt_take_deep_b(struct ref_tracker_dir *dir, struct ref_tracker **t, int depth)
{
	int ret;

	WRITE_ONCE(rt_site, 6);
	if (depth)
		ret = rt_take_deep_b(dir, t, depth - 1);
	else
		ret = ref_tracker_alloc(dir, t, GFP_KERNEL);
	barrier();
	return ret;
}

/* The value of the leak counter @name now, LONG_MIN if there is none. */
static long leak_value(const char *name)
{
	const char *names[64];
	long values[64];
	int n, i;

	n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return values[i];
	return LONG_MIN;
}

/* "ref_tracker: <name>@<%pK of dir>" followed by @rest, in a test-managed buffer. */
static const char *dir_line(struct kunit *test, struct ref_tracker_dir *dir, const char *rest)
{
	char *line = kunit_kzalloc(test, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, line);
	snprintf(line, 256, "ref_tracker: %s@%pK%s", dir->name, dir, rest);
	return line;
}

static void set_fail_nth(struct kunit *test, const char *value)
{
	KUNIT_EXPECT_EQ(test, krt_proc_write(FAIL_NTH, value, strlen(value)),
			(ssize_t)strlen(value));
}

/* Is @needle in the capture, followed later by @then? */
static bool capture_has_in_order(const char *needle, const char *then)
{
	const char *text = krt_printk_capture_text();
	const char *p = strstr(text, needle);

	return p && strstr(p + strlen(needle), then);
}

/*
 * How many WARN reports in the capture were raised in lib/ref_tracker.c by @func (the compiler
 * may have moved the WARN into a "@func.cold" part).
 */
static unsigned int warnings_in(const char *func)
{
	const char *p = krt_printk_capture_text();
	unsigned int n = 0;
	char plain[64], cold[64];

	snprintf(plain, sizeof(plain), " %s+0x", func);
	snprintf(cold, sizeof(cold), " %s.cold+0x", func);
	while ((p = strstr(p, "WARNING: CPU: "))) {
		const char *end = strchrnul(p, '\n');
		const char *at = strstr(p, " at lib/ref_tracker.c:");
		const char *f1 = strstr(p, plain), *f2 = strstr(p, cold);

		if (at && at < end && ((f1 && f1 < end) || (f2 && f2 < end)))
			n++;
		p = end;
	}
	return n;
}

static char failslab_times[32];

/*
 * Every case starts with fresh once-flags (WARN_ON_ONCE, pr_err_once) and an empty capture,
 * and leaves failslab's "times" as it found it.
 */
static int ref_tracker_test_init(struct kunit *test)
{
	if (krt_proc_read(FAILSLAB_TIMES, failslab_times, sizeof(failslab_times)) <= 0)
		failslab_times[0] = '\0';
	krt_clear_warn_once();
	krt_refcount_clear_warn_once();
	krt_printk_capture_begin(false);
	return 0;
}

static void ref_tracker_test_exit(struct kunit *test)
{
	krt_printk_capture_end();
	if (failslab_times[0])
		krt_proc_write(FAILSLAB_TIMES, failslab_times, strcspn(failslab_times, "\n"));
}

/* Balanced use is silent, and the directory's counters are as the kernel's. */
static void ref_tracker_test_balanced(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t1, *t2;
	unsigned long warns = krt_warn_count();

	ref_tracker_dir_init(&dir, 4, "balanced");
	KUNIT_EXPECT_STREQ(test, dir.name, "balanced");
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 4U);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.untracked), 1U);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.no_tracker), 1U);
	KUNIT_EXPECT_FALSE(test, dir.dead);

	KUNIT_EXPECT_EQ(test, rt_take(&dir, &t1, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, rt_take(&dir, &t2, GFP_ATOMIC), 0);
	KUNIT_EXPECT_NOT_NULL(test, t1);
	KUNIT_EXPECT_NOT_NULL(test, t2);
	KUNIT_EXPECT_PTR_NE(test, t1, t2);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&dir.list), 2U);
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t2), 0);
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t1), 0);
	/* Released trackers wait in the quarantine; the pointer is left as it was. */
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.list));
	KUNIT_EXPECT_EQ(test, list_count_nodes(&dir.quarantine), 2U);
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 2U);
	KUNIT_EXPECT_NOT_NULL(test, t1);

	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_TRUE(test, dir.dead);
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.quarantine));
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 4U);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns);
}

/* A name longer than 31 characters is cut, as strscpy() into name[32]. */
static void ref_tracker_test_long_name(struct kunit *test)
{
	struct ref_tracker_dir dir;

	ref_tracker_dir_init(&dir, 0, "0123456789abcdef0123456789abcdefXYZ");
	KUNIT_EXPECT_STREQ(test, dir.name, "0123456789abcdef0123456789abcde");
	ref_tracker_dir_exit(&dir);
}

/* A second release names the stack that took the reference and the one that released it. */
static void ref_tracker_test_double_free(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t;
	unsigned long warns;
	const char *text;

	ref_tracker_dir_init(&dir, 4, "dfree");
	KUNIT_ASSERT_EQ(test, rt_take(&dir, &t, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, rt_drop(&dir, &t), 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	warns = krt_warn_count();
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, &t), -EINVAL);
	text = krt_printk_capture_text();
	/* The report, then each stack printed with one space, first frame the caller. */
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, MSG_RELEASED MSG_ALLOCATED " rt_take+0x"));
	KUNIT_EXPECT_TRUE(test, capture_has_in_order(MSG_ALLOCATED,
						     "\n" MSG_FREED " rt_drop+0x"));
	/* The stacks go on into the test case that called the helpers. */
	KUNIT_EXPECT_TRUE(test, capture_has_in_order(" rt_take+0x",
						     " ref_tracker_test_double_free+0x"));
	KUNIT_EXPECT_TRUE(test, capture_has_in_order(" rt_drop+0x",
						     " ref_tracker_test_double_free+0x"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains(" ref_tracker_alloc+0x"));
	/* Then WARN_ON_ONCE in ref_tracker_free(). */
	KUNIT_EXPECT_TRUE(test, capture_has_in_order(MSG_FREED, "------------[ cut here ]"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" at lib/ref_tracker.c:"));
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_free"), 1U);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);

	/* A third release: the report again, the WARN only once. */
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_RELEASED), 2U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1U);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
	/* Nothing changed: still one tracker in the quarantine. */
	KUNIT_EXPECT_EQ(test, list_count_nodes(&dir.quarantine), 1U);
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 3U);

	krt_printk_capture_reset();
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
}

/*
 * The quarantine keeps the last quarantine_count released trackers. Past that, each release
 * evicts (and frees) the oldest one: only the ones still there can be diagnosed. Releasing an
 * evicted tracker again reads freed memory, as in the kernel (KASAN would report it), so that is
 * not done here; the eviction is observed through the quarantine and the slab's object count.
 */
static void ref_tracker_test_quarantine(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t[3];
	long objects;
	int i;

	ref_tracker_dir_init(&dir, 2, "quarantine");
	objects = leak_value("slab objects");
	KUNIT_ASSERT_NE(test, objects, LONG_MIN);
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_EQ(test, rt_take(&dir, &t[i], GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, leak_value("slab objects"), objects + 3);

	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t[0]), 0);
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t[1]), 0);
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 0U);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&dir.quarantine), 2U);
	/* Full but nothing evicted yet: all three still exist, t[0] can still be diagnosed. */
	KUNIT_EXPECT_EQ(test, leak_value("slab objects"), objects + 3);
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t[0]), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_RELEASED), 1U);

	/* The third release evicts the oldest, t[0]: its memory goes back to the slab. */
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t[2]), 0);
	KUNIT_EXPECT_EQ(test, leak_value("slab objects"), objects + 2);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&dir.quarantine), 2U);
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 0U);
	/* t[1] and t[2] are still there and still diagnosed. */
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t[1]), -EINVAL);
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t[2]), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_RELEASED), 3U);

	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_EQ(test, leak_value("slab objects"), objects);
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 2U);
}

/* With no quarantine a released tracker is freed at once. */
static void ref_tracker_test_no_quarantine(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t;
	long objects;

	ref_tracker_dir_init(&dir, 0, "noquar");
	objects = leak_value("slab objects");
	KUNIT_ASSERT_EQ(test, rt_take(&dir, &t, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, leak_value("slab objects"), objects + 1);
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t), 0);
	KUNIT_EXPECT_EQ(test, leak_value("slab objects"), objects);
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.quarantine));
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 0U);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
}

/* Six live references from three stacks: C (newest), B twice, A three times. */
static void take_six(struct kunit *test, struct ref_tracker_dir *dir, struct ref_tracker **t)
{
	int i, a = 3, b = 5;

	/* Loops the compiler may not unroll: one call site, so one stack, per helper. */
	OPTIMIZER_HIDE_VAR(a);
	OPTIMIZER_HIDE_VAR(b);
	for (i = 0; i < a; i++)
		KUNIT_ASSERT_EQ(test, rt_take(dir, &t[i], GFP_KERNEL), 0);
	for (; i < b; i++)
		KUNIT_ASSERT_EQ(test, rt_take_b(dir, &t[i]), 0);
	KUNIT_ASSERT_EQ(test, rt_take_c(dir, &t[5]), 0);
}

static void drop_all(struct ref_tracker_dir *dir, struct ref_tracker **t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		ref_tracker_free(dir, &t[i]);
}

/* Groups by allocation stack, newest group first, with the kernel's lines and indentation. */
static void ref_tracker_test_print_groups(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t[6];
	const char *text, *c, *b, *a;

	ref_tracker_dir_init(&dir, 16, "grp");
	/* Nothing live: nothing printed. */
	ref_tracker_dir_print(&dir, 16);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	take_six(test, &dir, t);
	ref_tracker_dir_print(&dir, 16);
	text = krt_printk_capture_text();
	c = strstr(text, dir_line(test, &dir, " has 1/6 users at\n     rt_take_c+0x"));
	b = strstr(text, dir_line(test, &dir, " has 2/6 users at\n     rt_take_b+0x"));
	a = strstr(text, dir_line(test, &dir, " has 3/6 users at\n     rt_take+0x"));
	KUNIT_EXPECT_NOT_NULL(test, c);
	KUNIT_EXPECT_NOT_NULL(test, b);
	KUNIT_EXPECT_NOT_NULL(test, a);
	KUNIT_EXPECT_TRUE(test, c && b && a && c < b && b < a);
	/* Every stack line has the 4-space indent (plus one), and a blank line ends each group. */
	KUNIT_EXPECT_TRUE(test, capture_has_in_order("     rt_take_c+0x",
						     "     ref_tracker_test_print_groups+0x"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("\n\n"), 3U);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("skipped"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(" users at\n"), 3U);

	/* A limit of two: the oldest group is only counted. */
	krt_printk_capture_reset();
	ref_tracker_dir_print(&dir, 2);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(dir_line(test, &dir,
								     " has 1/6 users at\n")));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(dir_line(test, &dir,
								     " has 2/6 users at\n")));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains(" has 3/6 "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		dir_line(test, &dir, " skipped reports about 3/6 users.\n")));

	/* A limit of zero: a single line. */
	krt_printk_capture_reset();
	ref_tracker_dir_print(&dir, 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   dir_line(test, &dir, " skipped reports about 6/6 users.\n"));

	/* The _locked variant prints the same, under the caller's lock. */
	krt_printk_capture_reset();
	spin_lock(&dir.lock);
	ref_tracker_dir_print_locked(&dir, 0);
	spin_unlock(&dir.lock);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   dir_line(test, &dir, " skipped reports about 6/6 users.\n"));

	drop_all(&dir, t, 6);
	ref_tracker_dir_exit(&dir);
}

/* The same report into a buffer, limited to 16 groups; a short buffer cuts it. */
static void ref_tracker_test_snprint(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t[6];
	char *buf = kunit_kzalloc(test, 4096, GFP_KERNEL);
	char small[24];
	int n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	ref_tracker_dir_init(&dir, 16, "snp");
	KUNIT_EXPECT_EQ(test, ref_tracker_dir_snprint(&dir, buf, 4096), 0);
	KUNIT_EXPECT_STREQ(test, buf, "");

	take_six(test, &dir, t);
	n = ref_tracker_dir_snprint(&dir, buf, 4096);
	KUNIT_EXPECT_EQ(test, n, (int)strlen(buf));
	KUNIT_EXPECT_TRUE(test, str_has_prefix(buf, dir_line(test, &dir,
		" has 1/6 users at\n     rt_take_c+0x")));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, dir_line(test, &dir,
		" has 2/6 users at\n     rt_take_b+0x")));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, dir_line(test, &dir,
		" has 3/6 users at\n     rt_take+0x")));
	KUNIT_EXPECT_NULL(test, strstr(buf, "skipped"));
	/* The buffer form prints the same text as printk. */
	ref_tracker_dir_print(&dir, 16);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), buf);

	/* Cut: the whole buffer is used and the text is NUL-terminated. */
	memset(small, 'x', sizeof(small));
	KUNIT_EXPECT_EQ(test, ref_tracker_dir_snprint(&dir, small, sizeof(small)),
			(int)sizeof(small));
	KUNIT_EXPECT_EQ(test, small[sizeof(small) - 1], '\0');
	KUNIT_EXPECT_EQ(test, strncmp(small, buf, sizeof(small) - 1), 0);

	drop_all(&dir, t, 6);
	ref_tracker_dir_exit(&dir);
}

/* 17 distinct stacks: 0..8 frames of rt_take_deep, then 0..7 of rt_take_deep_b. */
static void take_seventeen(struct kunit *test, struct ref_tracker_dir *dir,
			   struct ref_tracker **t)
{
	int i;

	for (i = 0; i < 9; i++)
		KUNIT_ASSERT_EQ(test, rt_take_deep(dir, &t[i], i), 0);
	for (i = 0; i < 8; i++)
		KUNIT_ASSERT_EQ(test, rt_take_deep_b(dir, &t[9 + i], i), 0);
}

/* ref_tracker_dir_snprint() shows 16 groups at most. */
static void ref_tracker_test_snprint_limit(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t[17];
	char *buf = kunit_kzalloc(test, 65536, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	ref_tracker_dir_init(&dir, 0, "snp17");
	take_seventeen(test, &dir, t);
	ref_tracker_dir_snprint(&dir, buf, 65536);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, dir_line(test, &dir,
		" skipped reports about 1/17 users.\n")));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, " has 1/17 users at\n"));
	drop_all(&dir, t, 17);
	ref_tracker_dir_exit(&dir);
}

/* A stack keeps 16 frames, the first one in the caller of ref_tracker_alloc(). */
static void ref_tracker_test_stack_depth(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t;
	char *buf = kunit_kzalloc(test, 4096, GFP_KERNEL);
	const char *stack, *p;
	unsigned int lines = 0, deep = 0;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	ref_tracker_dir_init(&dir, 0, "deep");
	KUNIT_ASSERT_EQ(test, rt_take_deep(&dir, &t, 20), 0);
	ref_tracker_dir_snprint(&dir, buf, 4096);
	stack = strstr(buf, " users at\n");
	KUNIT_ASSERT_NOT_NULL(test, stack);
	stack += strlen(" users at\n");
	KUNIT_EXPECT_TRUE(test, str_has_prefix(stack, "     rt_take_deep+0x"));
	for (p = stack; *p && *p != '\n'; p = strchr(p, '\n') + 1) {
		KUNIT_EXPECT_TRUE(test, str_has_prefix(p, "     "));
		lines++;
		deep += str_has_prefix(p, "     rt_take_deep+0x") != 0;
	}
	KUNIT_EXPECT_EQ(test, lines, 16U);
	KUNIT_EXPECT_EQ(test, deep, 16U);
	ref_tracker_free(&dir, &t);
	ref_tracker_dir_exit(&dir);
}

/* ref_tracker_dir_exit() lists what is still held, frees it, and WARNs once. */
static void ref_tracker_test_exit_leak(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t[2];
	unsigned long warns = krt_warn_count();
	long objects = leak_value("slab objects");
	long tracked = leak_value("tracked references");
	int i, n = ARRAY_SIZE(t);

	ref_tracker_dir_init(&dir, 4, "leaky");
	OPTIMIZER_HIDE_VAR(n);	/* one call site: one stack */
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, rt_take(&dir, &t[i], GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), tracked + 2);
	ref_tracker_dir_exit(&dir);
	/* The leaked trackers were freed by the exit. */
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.list));
	KUNIT_EXPECT_EQ(test, leak_value("slab objects"), objects);
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), tracked);
	KUNIT_EXPECT_TRUE(test, capture_has_in_order(
		dir_line(test, &dir, " has 2/2 users at\n     rt_take+0x"),
		"     ref_tracker_test_exit_leak+0x"));
	KUNIT_EXPECT_TRUE(test, capture_has_in_order(" users at\n", "------------[ cut here ]"));
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_dir_exit"), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" at lib/ref_tracker.c:"));
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);

	/* Once per call site: another leaking directory is listed but not WARNed about. */
	krt_printk_capture_reset();
	ref_tracker_dir_init(&dir, 4, "leaky2");
	KUNIT_ASSERT_EQ(test, rt_take_b(&dir, &t[0]), 0);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		dir_line(test, &dir, " has 1/1 users at\n     rt_take_b+0x")));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("cut here"));
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
}

/* The exit report shows 16 stacks at most. */
static void ref_tracker_test_exit_limit(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t[17];

	ref_tracker_dir_init(&dir, 0, "leak17");
	take_seventeen(test, &dir, t);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(" has 1/17 users at\n"), 16U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		dir_line(test, &dir, " skipped reports about 1/17 users.\n")));
	/*
	 * The oldest (first taken) stack is the one skipped, rt_take_deep at depth 0: the others
	 * show 2 + 3 + ... + 9 frames of rt_take_deep, and 1 + 2 + ... + 8 of rt_take_deep_b.
	 */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("     rt_take_deep+0x"), 44U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("     rt_take_deep_b+0x"), 36U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1U);
}

/* References without a tracker are only counted, and must be balanced at exit. */
static void ref_tracker_test_no_tracker(struct kunit *test)
{
	struct ref_tracker_dir dir;
	unsigned long warns = krt_warn_count();
	long tracked = leak_value("tracked references");

	ref_tracker_dir_init(&dir, 4, "notrk");
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, NULL, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, NULL, GFP_ATOMIC), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.no_tracker), 3U);
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.list));
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), tracked);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, NULL), 0);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, NULL), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.no_tracker), 1U);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns);

	/* One left over: exit WARNs (and lists nothing, there is no stack to show). */
	ref_tracker_dir_init(&dir, 4, "notrk2");
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, NULL, GFP_KERNEL), 0);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_dir_exit"), 1U);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains(" users at\n"));

	/* One release too many: refcount_dec() to 0 says so and saturates; exit WARNs again. */
	krt_clear_warn_once();
	krt_printk_capture_reset();
	ref_tracker_dir_init(&dir, 4, "notrk3");
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, NULL), 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"refcount_t: decrement hit 0; leaking memory.\n"));
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.no_tracker), (unsigned int)REFCOUNT_SATURATED);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 3);
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_dir_exit"), 1U);
}

/*
 * A tracker that cannot be allocated: *trackerp is NULL, the reference is counted as untracked,
 * the message is printed once, and releasing that NULL tracker gives -EEXIST.
 */
static void ref_tracker_test_alloc_failure(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t = (struct ref_tracker *)0x1, *t2 = (struct ref_tracker *)0x1;
	unsigned long warns = krt_warn_count();
	long tracked = leak_value("tracked references");

	ref_tracker_dir_init(&dir, 4, "nomem");
	/* GFP_ATOMIC cannot wait: the allocation may fail (fail-nth fails the first one). */
	set_fail_nth(test, "1");
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, &t, GFP_ATOMIC), -ENOMEM);
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);
	KUNIT_EXPECT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.untracked), 2U);
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.list));
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), tracked);
	/* The kernel's text, and no allocation-failure report (__GFP_NOWARN). */
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), MSG_NOMEM);

	/* Once only. */
	set_fail_nth(test, "1");
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, &t2, GFP_NOWAIT), -ENOMEM);
	KUNIT_EXPECT_NULL(test, t2);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_NOMEM), 1U);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.untracked), 3U);

	/* Releasing them: -EEXIST, the untracked count goes back. */
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, &t), -EEXIST);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, &t2), -EEXIST);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.untracked), 1U);

	/* A caller that may wait always gets its tracker (__GFP_NOFAIL): fail-nth is not used. */
	set_fail_nth(test, "1");
	KUNIT_EXPECT_EQ(test, rt_take(&dir, &t, GFP_KERNEL), 0);
	KUNIT_EXPECT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, current->fail_nth, 1U);
	set_fail_nth(test, "0");
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t), 0);

	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(MSG_NOMEM), 1U);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns);
}

/* An untracked reference still counted at exit WARNs. */
static void ref_tracker_test_untracked_at_exit(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t;
	unsigned long warns = krt_warn_count();

	ref_tracker_dir_init(&dir, 4, "untrk");
	set_fail_nth(test, "1");
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, &t, GFP_ATOMIC), -ENOMEM);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_dir_exit"), 1U);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains(" users at\n"));

	/* The three checks are three WARN sites: a leak, untracked and no_tracker all at once. */
	krt_clear_warn_once();
	krt_printk_capture_reset();
	warns = krt_warn_count();
	ref_tracker_dir_init(&dir, 4, "all3");
	set_fail_nth(test, "1");
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, &t, GFP_ATOMIC), -ENOMEM);
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, NULL, GFP_ATOMIC), 0);
	KUNIT_EXPECT_EQ(test, rt_take(&dir, &t, GFP_KERNEL), 0);
	ref_tracker_dir_exit(&dir);
	/* Once-only WARNs: three from one call are three different sites. */
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 3);
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_dir_exit"), 3U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(" has 1/1 users at\n"), 1U);
}

/* The report's own allocations: no room for the statistics, or for the stack text. */
static void ref_tracker_test_print_nomem(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t;
	char buf[256];
	const char *line;

	ref_tracker_dir_init(&dir, 4, "prnomem");
	KUNIT_ASSERT_EQ(test, rt_take(&dir, &t, GFP_KERNEL), 0);
	line = dir_line(test, &dir, ": couldn't get stats, error -ENOMEM\n");

	set_fail_nth(test, "1");
	ref_tracker_dir_print(&dir, 16);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), line);

	set_fail_nth(test, "1");
	KUNIT_EXPECT_EQ(test, ref_tracker_dir_snprint(&dir, buf, sizeof(buf)), (int)strlen(line));
	KUNIT_EXPECT_STREQ(test, buf, line);

	/* The statistics but no stack text: the group is printed with "(null)", as the kernel. */
	krt_printk_capture_reset();
	set_fail_nth(test, "2");
	ref_tracker_dir_print(&dir, 16);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   dir_line(test, &dir, " has 1/1 users at\n(null)\n"));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);

	rt_drop(&dir, &t);
	ref_tracker_dir_exit(&dir);
}

/* Any use after ref_tracker_dir_exit() WARNs (each of alloc and free once). */
static void ref_tracker_test_use_after_exit(struct kunit *test)
{
	struct ref_tracker_dir dir;
	struct ref_tracker *t;
	unsigned long warns;

	ref_tracker_dir_init(&dir, 4, "gone");
	ref_tracker_dir_exit(&dir);
	warns = krt_warn_count();

	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, NULL, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_alloc"), 1U);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, NULL), 0);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 2);
	KUNIT_EXPECT_EQ(test, warnings_in("ref_tracker_free"), 1U);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.no_tracker), 1U);

	/* Once per site; the tracker is still recorded, as the kernel does. */
	KUNIT_EXPECT_EQ(test, rt_take(&dir, &t, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&dir.list), 1U);
	KUNIT_EXPECT_EQ(test, rt_drop(&dir, &t), 0);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 2);
	/* A second exit frees it from the quarantine. */
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.quarantine));
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 2);
}

/* The tracker handles of <net/net_trackers.h> are ref_tracker pointers. */
static void ref_tracker_test_net_trackers(struct kunit *test)
{
	struct ref_tracker_dir dir;
	netdevice_tracker dev_tracker;
	netns_tracker ns_tracker;

	ref_tracker_dir_init(&dir, 128, "netdev");
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, &dev_tracker, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&dir, &ns_tracker, GFP_ATOMIC), 0);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, &ns_tracker), 0);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&dir, &dev_tracker), 0);
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 126U);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
}

/* "tracked references" counts live trackers of all directories. */
static void ref_tracker_test_leak_counter_value(struct kunit *test)
{
	struct ref_tracker_dir d1, d2;
	struct ref_tracker *a, *b, *c;
	long base = leak_value("tracked references");

	KUNIT_ASSERT_NE(test, base, LONG_MIN);
	ref_tracker_dir_init(&d1, 1, "cnt1");
	ref_tracker_dir_init(&d2, 1, "cnt2");
	KUNIT_ASSERT_EQ(test, rt_take(&d1, &a, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, rt_take(&d1, &b, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, rt_take(&d2, &c, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), base + 3);
	/* Released ones in the quarantine are not live; a second release changes nothing. */
	KUNIT_EXPECT_EQ(test, rt_drop(&d1, &a), 0);
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), base + 2);
	KUNIT_EXPECT_EQ(test, rt_drop(&d1, &a), -EINVAL);
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), base + 2);
	KUNIT_EXPECT_EQ(test, rt_drop(&d1, &b), 0);
	KUNIT_EXPECT_EQ(test, rt_drop(&d2, &c), 0);
	KUNIT_EXPECT_EQ(test, leak_value("tracked references"), base);
	ref_tracker_dir_exit(&d1);
	ref_tracker_dir_exit(&d2);
}

/* An inner suite whose case returns holding a tracked reference. */
static struct ref_tracker_dir inner_dir;
static struct ref_tracker *inner_tracker;

static void inner_leaks_a_reference(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&inner_dir, &inner_tracker, GFP_KERNEL), 0);
}

static void inner_balanced(struct kunit *test)
{
	struct ref_tracker *t;

	KUNIT_EXPECT_EQ(test, ref_tracker_alloc(&inner_dir, &t, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&inner_dir, &t), 0);
}

static struct kunit_case inner_cases[] = {
	KUNIT_CASE(inner_leaks_a_reference),
	KUNIT_CASE(inner_balanced),
	{}
};

static struct kunit_suite inner_suite = {
	.name = "ref_tracker_inner",
	.test_cases = inner_cases,
};

static void ref_tracker_test_leak_check_fails_case(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	ref_tracker_dir_init(&inner_dir, 0, "inner");
	text = kunit_test_run_captured(test, &inner_suite, NULL, &result);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    # inner_leaks_a_reference: leak check failed: "
				   "tracked references: 1 more than before the test\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    not ok 1 inner_leaks_a_reference\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 2 inner_balanced\n");
	KUNIT_EXPECT_EQ(test, result.failed, 1UL);
	KUNIT_EXPECT_EQ(test, result.passed, 1UL);
	KUNIT_EXPECT_EQ(test, ref_tracker_free(&inner_dir, &inner_tracker), 0);
	ref_tracker_dir_exit(&inner_dir);
}

/* Many threads taking and releasing references in one directory. */
#define STRESS_THREADS	4
#define STRESS_ROUNDS	2000

static int stress_thread(void *data)
{
	struct ref_tracker_dir *dir = data;
	struct ref_tracker *t[4];
	int i, j, errors = 0;

	for (i = 0; i < STRESS_ROUNDS; i++) {
		for (j = 0; j < ARRAY_SIZE(t); j++)
			errors += ref_tracker_alloc(dir, &t[j], j & 1 ? GFP_KERNEL : GFP_ATOMIC) != 0;
		errors += ref_tracker_alloc(dir, NULL, GFP_ATOMIC) != 0;
		for (j = ARRAY_SIZE(t) - 1; j >= 0; j--)
			errors += ref_tracker_free(dir, &t[j]) != 0;
		errors += ref_tracker_free(dir, NULL) != 0;
	}
	return errors;
}

static void ref_tracker_test_threads(struct kunit *test)
{
	struct task_struct *tasks[STRESS_THREADS];
	struct ref_tracker_dir dir;
	unsigned long warns = krt_warn_count();
	int i;

	ref_tracker_dir_init(&dir, 16, "threads");
	for (i = 0; i < STRESS_THREADS; i++) {
		tasks[i] = krt_thread_create(stress_thread, &dir, "rt-stress");
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tasks[i]);
	}
	for (i = 0; i < STRESS_THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[i]), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&dir.list));
	KUNIT_EXPECT_EQ(test, list_count_nodes(&dir.quarantine), 16U);
	KUNIT_EXPECT_EQ(test, dir.quarantine_avail, 0U);
	KUNIT_EXPECT_EQ(test, refcount_read(&dir.no_tracker), 1U);
	ref_tracker_dir_exit(&dir);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns);
}

static struct kunit_case ref_tracker_test_cases[] = {
	KUNIT_CASE(ref_tracker_test_balanced),
	KUNIT_CASE(ref_tracker_test_long_name),
	KUNIT_CASE(ref_tracker_test_double_free),
	KUNIT_CASE(ref_tracker_test_quarantine),
	KUNIT_CASE(ref_tracker_test_no_quarantine),
	KUNIT_CASE(ref_tracker_test_print_groups),
	KUNIT_CASE(ref_tracker_test_snprint),
	KUNIT_CASE(ref_tracker_test_snprint_limit),
	KUNIT_CASE(ref_tracker_test_stack_depth),
	KUNIT_CASE(ref_tracker_test_exit_leak),
	KUNIT_CASE(ref_tracker_test_exit_limit),
	KUNIT_CASE(ref_tracker_test_no_tracker),
	KUNIT_CASE(ref_tracker_test_alloc_failure),
	KUNIT_CASE(ref_tracker_test_untracked_at_exit),
	KUNIT_CASE(ref_tracker_test_print_nomem),
	KUNIT_CASE(ref_tracker_test_use_after_exit),
	KUNIT_CASE(ref_tracker_test_net_trackers),
	KUNIT_CASE(ref_tracker_test_leak_counter_value),
	KUNIT_CASE(ref_tracker_test_leak_check_fails_case),
	KUNIT_CASE(ref_tracker_test_threads),
	{}
};

static struct kunit_suite ref_tracker_test_suite = {
	.name = "ref_tracker",
	.init = ref_tracker_test_init,
	.exit = ref_tracker_test_exit,
	.test_cases = ref_tracker_test_cases,
};
kunit_test_suite(ref_tracker_test_suite);
