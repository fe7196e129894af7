// SPDX-License-Identifier: MIT
/*
 * failslab (mm/failslab.c): should_failslab()'s own filters in front of the shared engine
 * (__GFP_NOFAIL, ignore-gfp-wait, cache-filter with SLAB_FAILSLAB), NOWARN, the size in bytes
 * of the cache's objects, fail-nth, failslab_active(), the boot parameter and the knobs in
 * /sys/kernel/debug/failslab/, all driven through krt_proc_write() as a user would; and the
 * allocator honouring them: kmalloc() and kmem_cache_alloc() return NULL when told to, and a
 * large kmalloc (a page allocation) is failslab's business no more.
 *
 * The attr is global: while a case enables it, task-filter keeps its failures to the case's
 * own thread (make-it-fail), so that nothing else running in the process is failed. The exit
 * hook, which runs on another thread, puts every knob back to its default.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/fault-inject.h>
#include <linux/gfp_types.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>

#define FS_DIR "/sys/kernel/debug/failslab/"
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
	{ "cache-filter", "N", "N\n" },
};

static ssize_t knob_write(const char *name, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), FS_DIR "%s", name);
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

	snprintf(path, sizeof(path), FS_DIR "%s", name);
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

/* A cache of its own for a case: never merged, so its flags and size are what was asked. */
static struct kmem_cache *test_cache(struct kunit *test, const char *name, unsigned int size,
				     slab_flags_t flags)
{
	struct kmem_cache *s = kmem_cache_create(name, size, 0, flags | SLAB_NO_MERGE, NULL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	return s;
}

/* Does kmalloc(@size, @gfp) fail? (An object it returns is freed.) */
static bool kmalloc_fails(size_t size, gfp_t gfp)
{
	void *p = kmalloc(size, gfp);

	kfree(p);
	return !p;
}

/* Does kmem_cache_alloc(@s, @gfp) fail? (An object it returns is freed.) */
static bool cache_alloc_fails(struct kmem_cache *s, gfp_t gfp)
{
	void *p = kmem_cache_alloc(s, gfp);

	if (p)
		kmem_cache_free(s, p);
	return !p;
}

static void failslab_defaults(struct kunit *test)
{
	struct kmem_cache *s = test_cache(test, "failslab_defaults", 64, 0);
	unsigned int i;
	char buf[64];

	for (i = 0; i < ARRAY_SIZE(knobs); i++)
		KUNIT_EXPECT_STREQ_MSG(test, knob_read(knobs[i].name, buf, sizeof(buf)),
				       knobs[i].shown, "%s", knobs[i].name);

	/* Disabled by default: nothing fails, and the fast path need not even ask. */
	KUNIT_EXPECT_FALSE(test, failslab_active());
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_ATOMIC), 0);
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_NOWAIT), 0);
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_KERNEL), 0);
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64, GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(s, GFP_NOWAIT));
	kmem_cache_destroy(s);
}

static void failslab_filters(struct kunit *test)
{
	struct kmem_cache *s = test_cache(test, "failslab_filters", 64, 0);
	char buf[16];

	enable(test, "100", "-1");
	KUNIT_EXPECT_TRUE(test, failslab_active());
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_ATOMIC), -ENOMEM);
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_NOWAIT), -ENOMEM);
	/* ignore-gfp-wait: requests that may reclaim are left alone. */
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_NOFS), 0);
	/* __GFP_NOFAIL: never. */
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_ATOMIC | __GFP_NOFAIL), 0);

	set_knob(test, "ignore-gfp-wait", "0");
	KUNIT_EXPECT_STREQ(test, knob_read("ignore-gfp-wait", buf, sizeof(buf)), "N\n");
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_KERNEL), -ENOMEM);
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_KERNEL | __GFP_NOFAIL), 0);

	/* Bad input is refused and changes nothing. */
	KUNIT_EXPECT_EQ(test, knob_write("ignore-gfp-wait", "maybe"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, knob_write("cache-filter", "x"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_STREQ(test, knob_read("ignore-gfp-wait", buf, sizeof(buf)), "N\n");
	KUNIT_EXPECT_STREQ(test, knob_read("cache-filter", buf, sizeof(buf)), "N\n");

	set_knob(test, "probability", "0");
	kmem_cache_destroy(s);
}

static void failslab_times(struct kunit *test)
{
	struct kmem_cache *s = test_cache(test, "failslab_times", 40, 0);
	char buf[16];
	void *p[4];
	int i;

	enable(test, "100", "3");
	/* Three failures, then times is used up. */
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(32, GFP_ATOMIC));
	KUNIT_EXPECT_TRUE(test, cache_alloc_fails(s, GFP_NOWAIT));
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(100, GFP_ATOMIC));
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "0\n");
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(s, GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(32, GFP_ATOMIC));

	/* GFP_KERNEL is left alone, until ignore-gfp-wait is turned off. */
	set_knob(test, "times", "2");
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64, GFP_KERNEL));
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(s, GFP_KERNEL));
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "2\n");
	set_knob(test, "ignore-gfp-wait", "N");
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(64, GFP_KERNEL));
	KUNIT_EXPECT_TRUE(test, cache_alloc_fails(s, GFP_KERNEL | __GFP_ZERO));
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64, GFP_KERNEL));

	/* __GFP_NOFAIL never fails, whatever the knobs say. */
	set_knob(test, "times", "-1");
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		p[i] = kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOFAIL);
		KUNIT_EXPECT_NOT_NULL(test, p[i]);
	}
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(8, GFP_KERNEL));
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(8, GFP_KERNEL | __GFP_NOFAIL));
	set_knob(test, "probability", "0");
	for (i = 0; i < ARRAY_SIZE(p); i++)
		if (p[i])
			kmem_cache_free(s, p[i]);
	kmem_cache_destroy(s);
}

static void failslab_cache_filter(struct kunit *test)
{
	struct kmem_cache *plain = test_cache(test, "failslab_plain", 64, 0);
	struct kmem_cache *opted = test_cache(test, "failslab_opted_in", 64, SLAB_FAILSLAB);

	enable(test, "100", "-1");
	set_knob(test, "cache-filter", "Y");
	/* Only caches created with SLAB_FAILSLAB fail; the kmalloc caches are not among them. */
	KUNIT_EXPECT_EQ(test, should_failslab(plain, GFP_ATOMIC), 0);
	KUNIT_EXPECT_EQ(test, should_failslab(opted, GFP_ATOMIC), -ENOMEM);
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(plain, GFP_ATOMIC));
	KUNIT_EXPECT_TRUE(test, cache_alloc_fails(opted, GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64, GFP_ATOMIC));

	/* Without the filter every cache may fail. */
	set_knob(test, "cache-filter", "N");
	KUNIT_EXPECT_TRUE(test, cache_alloc_fails(plain, GFP_ATOMIC));
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(64, GFP_ATOMIC));
	set_knob(test, "probability", "0");
	kmem_cache_destroy(plain);
	kmem_cache_destroy(opted);
}

static void failslab_report_and_nowarn(struct kunit *test)
{
	char buf[16];

	enable(test, "100", "2");
	set_knob(test, "verbose", "1");
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(64, GFP_ATOMIC));
	/* The injection's report only: no allocation failure report of the allocator's. */
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "FAULT_INJECTION: forcing a failure.\n"
			   "name failslab, interval 1, probability 100, space 0, times 2\n");
	krt_printk_capture_reset();

	/* __GFP_NOWARN: the failure happens and counts, silently. */
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(64, GFP_ATOMIC | __GFP_NOWARN));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "0\n");
	krt_printk_capture_end();
	set_knob(test, "probability", "0");
}

static void failslab_space_in_bytes(struct kunit *test)
{
	struct kmem_cache *s = test_cache(test, "failslab_space", 100, 0);
	char buf[16];

	enable(test, "100", "-1");
	/* Objects of 100 bytes: 250 > 100 and 150 > 100 let two through; 50 does not. */
	set_knob(test, "space", "250");
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(s, GFP_ATOMIC));
	KUNIT_EXPECT_STREQ(test, knob_read("space", buf, sizeof(buf)), "150\n");
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(s, GFP_ATOMIC));
	KUNIT_EXPECT_TRUE(test, cache_alloc_fails(s, GFP_ATOMIC));
	KUNIT_EXPECT_STREQ(test, knob_read("space", buf, sizeof(buf)), "50\n");
	set_knob(test, "probability", "0");
	kmem_cache_destroy(s);
}

static void failslab_fail_nth(struct kunit *test)
{
	struct kmem_cache *s = test_cache(test, "failslab_nth", 64, 0);
	char buf[16];

	/* Disabled attr; fail-nth counts only what the filters let reach the engine. */
	set_knob(test, "verbose", "0");
	KUNIT_EXPECT_FALSE(test, failslab_active());
	set_proc(test, FAIL_NTH, "2");
	KUNIT_EXPECT_TRUE(test, failslab_active());
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64, GFP_KERNEL));	/* ignore-gfp-wait */
	KUNIT_EXPECT_EQ(test, should_failslab(s, GFP_ATOMIC | __GFP_NOFAIL), 0);
	KUNIT_EXPECT_STREQ(test, krt_proc_read(FAIL_NTH, buf, sizeof(buf)) > 0 ? buf : "", "2\n");
	/* The first that counts, then the second fails. */
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(s, GFP_ATOMIC));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 1U);
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(32, GFP_ATOMIC));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);
	KUNIT_EXPECT_FALSE(test, failslab_active());
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(32, GFP_ATOMIC));

	/* The documented recipe: turn ignore-gfp-wait off so GFP_KERNEL requests count too. */
	set_knob(test, "ignore-gfp-wait", "N");
	set_proc(test, FAIL_NTH, "3");
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64, GFP_KERNEL));
	KUNIT_EXPECT_FALSE(test, cache_alloc_fails(s, GFP_KERNEL));
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(64, GFP_KERNEL));
	KUNIT_EXPECT_STREQ(test, krt_proc_read(FAIL_NTH, buf, sizeof(buf)) > 0 ? buf : "", "0\n");
	kmem_cache_destroy(s);
}

/* What another task sees: bit 0 failslab_active(), bit 1 a failed GFP_ATOMIC kmalloc. */
static int other_task(void *data)
{
	return failslab_active() | kmalloc_fails(64, GFP_ATOMIC) << 1;
}

static void failslab_task_filter(struct kunit *test)
{
	struct task_struct *t;

	/* With task-filter, another task is not failed (though it has to ask). */
	enable(test, "100", "-1");
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(64, GFP_ATOMIC));
	t = krt_thread_create(other_task, NULL, "failslab-other");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 1);
	set_knob(test, "probability", "0");

	/* A task's fail-nth is its own: other tasks' fast paths are not slowed down by it. */
	set_proc(test, FAIL_NTH, "5");
	KUNIT_EXPECT_TRUE(test, failslab_active());
	t = krt_thread_create(other_task, NULL, "failslab-other");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	set_proc(test, FAIL_NTH, "0");
	KUNIT_EXPECT_FALSE(test, failslab_active());
}

static void failslab_large_kmalloc(struct kunit *test)
{
	enable(test, "100", "-1");
	/* 8 KiB is the largest kmalloc cache; above it kmalloc is a page allocation. */
	KUNIT_EXPECT_TRUE(test, kmalloc_fails(KMALLOC_MAX_CACHE_SIZE, GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(KMALLOC_MAX_CACHE_SIZE + 1, GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64 << 10, GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, kmalloc_fails(64 << 10, GFP_NOWAIT | __GFP_NOWARN));
	set_knob(test, "probability", "0");
}

static void failslab_boot_parameter(struct kunit *test)
{
	char buf[16];

	/* Confine what the parameter enables to this task, which has not opted in. */
	set_knob(test, "task-filter", "Y");
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("failslab=3,100,16,5"), 0);
	KUNIT_EXPECT_STREQ(test, knob_read("interval", buf, sizeof(buf)), "3\n");
	KUNIT_EXPECT_STREQ(test, knob_read("probability", buf, sizeof(buf)), "100\n");
	KUNIT_EXPECT_STREQ(test, knob_read("space", buf, sizeof(buf)), "16\n");
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "5\n");
	KUNIT_EXPECT_TRUE(test, failslab_active());

	/* A bad value is reported, and the parameter then counts as unknown. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("failslab=1,2"), 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"FAULT_INJECTION: failed to parse arguments\n"));
	krt_printk_capture_end();
	KUNIT_EXPECT_STREQ(test, knob_read("interval", buf, sizeof(buf)), "3\n");
	KUNIT_EXPECT_STREQ(test, knob_read("times", buf, sizeof(buf)), "5\n");
	set_knob(test, "probability", "0");
}

/* Last: after all the cases above, the exit hook has put every knob back. */
static void failslab_knobs_restored(struct kunit *test)
{
	failslab_defaults(test);
}

static void failslab_exit(struct kunit *test)
{
	unsigned int i;

	/* probability first: the attr is off before the other knobs change under it. */
	for (i = 0; i < ARRAY_SIZE(knobs); i++)
		KUNIT_EXPECT_EQ_MSG(test, knob_write(knobs[i].name, knobs[i].value),
				    (ssize_t)strlen(knobs[i].value), "restoring %s", knobs[i].name);
}

static struct kunit_case failslab_test_cases[] = {
	KUNIT_CASE(failslab_defaults),
	KUNIT_CASE(failslab_filters),
	KUNIT_CASE(failslab_times),
	KUNIT_CASE(failslab_cache_filter),
	KUNIT_CASE(failslab_report_and_nowarn),
	KUNIT_CASE(failslab_space_in_bytes),
	KUNIT_CASE(failslab_fail_nth),
	KUNIT_CASE(failslab_task_filter),
	KUNIT_CASE(failslab_large_kmalloc),
	KUNIT_CASE(failslab_boot_parameter),
	KUNIT_CASE(failslab_knobs_restored),
	{}
};

static struct kunit_suite failslab_test_suite = {
	.name = "failslab",
	.exit = failslab_exit,
	.test_cases = failslab_test_cases,
};
kunit_test_suite(failslab_test_suite);
