// SPDX-License-Identifier: MIT
/*
 * The minimal device model and device-managed resources: KUnit devices and their automatic
 * unregistering, devres released newest first when a device is deleted or released, devm_kfree()
 * and its WARN for foreign pointers, devm_add_action_or_reset() on failure, get_device() and
 * put_device() with the release callbacks.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <krt/leak.h>
#include <krt/panic.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../lib/kunit/kunit_test_util.h"

/* What release callbacks and actions did, in order: one character each. */
static char event_log[64];

static void log_event(char c)
{
	size_t len = strlen(event_log);

	if (len + 1 < sizeof(event_log)) {
		event_log[len] = c;
		event_log[len + 1] = '\0';
	}
}

static void log_action(void *data)
{
	log_event(*(const char *)data);
}

static int devres_test_init(struct kunit *test)
{
	event_log[0] = '\0';
	return 0;
}

/* ---- KUnit devices ------------------------------------------------------------------------ */

static void devres_kunit_device_register(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "dummy");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_EXPECT_STREQ(test, dev_name(dev), "devres_kunit_device_register.dummy");
	KUNIT_EXPECT_STREQ(test, dev_driver_string(dev), "dummy");
	KUNIT_EXPECT_STREQ(test, dev_bus_name(dev), "kunit");
	KUNIT_EXPECT_TRUE(test, device_is_registered(dev));
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kref), 1U);

	/* Two devices of one test case are distinct. */
	KUNIT_EXPECT_PTR_NE(test, kunit_device_register(test, "other"), dev);
}

/* An inner suite whose cases leave their devices registered: KUnit must clean them up. */
static const char inner_a = 'a', inner_b = 'b', inner_c = 'c';
static struct device *leaked_dev;

KUNIT_DEFINE_ACTION_WRAPPER(put_device_wrapper, put_device, struct device *);

static void inner_forgets_device(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "forgotten");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&inner_a), 0);
	KUNIT_ASSERT_NOT_NULL(test, devm_kzalloc(dev, 1000, GFP_KERNEL));
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&inner_b), 0);
	KUNIT_ASSERT_NOT_NULL(test, devm_kstrdup(dev, "kept until the end", GFP_KERNEL));
	/* A reference of the test's own, dropped by an action added after the device. */
	get_device(dev);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, put_device_wrapper, dev), 0);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&inner_c), 0);
	KUNIT_EXPECT_STREQ(test, event_log, "");
}

static void inner_leaks_reference(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "leaked");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	/* Not put in the case: the device outlives it and the leak check must notice. */
	leaked_dev = get_device(dev);
}

static struct kunit_case inner_cases[] = {
	KUNIT_CASE(inner_forgets_device),
	KUNIT_CASE(inner_leaks_reference),
	{}
};

static struct kunit_suite inner_suite = {
	.name = "devres_inner",
	.test_cases = inner_cases,
};

static void devres_kunit_device_auto_unregister(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	text = kunit_test_run_captured(test, &inner_suite, NULL, &result);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 1 inner_forgets_device\n");
	/* All three actions ran when the case ended, newest first. */
	KUNIT_EXPECT_STREQ(test, event_log, "cba");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    not ok 2 inner_leaks_reference\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "leak check failed");
	KUNIT_EXPECT_EQ(test, result.passed, 1);
	KUNIT_EXPECT_EQ(test, result.failed, 1);
	/* The case ended with the device deleted: the last reference releases it. */
	KUNIT_ASSERT_NOT_NULL(test, leaked_dev);
	KUNIT_EXPECT_FALSE(test, device_is_registered(leaked_dev));
	KUNIT_EXPECT_EQ(test, kref_read(&leaked_dev->kref), 1U);
	put_device(leaked_dev);
	leaked_dev = NULL;
}

static void devres_kunit_device_unregister_early(struct kunit *test)
{
	static const char tag = 'u';
	struct device *dev = kunit_device_register(test, "early");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&tag), 0);
	kunit_device_unregister(test, dev);
	KUNIT_EXPECT_STREQ(test, event_log, "u");
}

/* ---- Release order ------------------------------------------------------------------------ */

struct tagged_res {
	char tag;
};

static void tagged_release(struct device *dev, void *res)
{
	log_event(((struct tagged_res *)res)->tag);
}

static void add_tagged(struct kunit *test, struct device *dev, char tag)
{
	struct tagged_res *res = devres_alloc(tagged_release, sizeof(*res), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, res);
	res->tag = tag;
	devres_add(dev, res);
}

static void devres_release_order(struct kunit *test)
{
	static const char one = '1', two = '2', three = '3';
	struct device *dev = kunit_device_register(test, "order");
	void *mem;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&one), 0);
	mem = devm_kmalloc(dev, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	add_tagged(test, dev, 'x');
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&two), 0);
	KUNIT_ASSERT_NOT_NULL(test, devm_kcalloc(dev, 10, 100, GFP_KERNEL));
	add_tagged(test, dev, 'y');
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&three), 0);
	KUNIT_EXPECT_STREQ(test, event_log, "");

	kunit_device_unregister(test, dev);
	KUNIT_EXPECT_STREQ(test, event_log, "3y2x1");
}

static void devres_release_after_del(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "late");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	add_tagged(test, dev, 'd');
	get_device(dev);
	kunit_device_unregister(test, dev);
	/* Deleting released the resource; the device lives on our reference. */
	KUNIT_EXPECT_STREQ(test, event_log, "d");
	KUNIT_EXPECT_FALSE(test, device_is_registered(dev));
	KUNIT_EXPECT_STREQ(test, dev_driver_string(dev), "kunit");

	/* A resource added to a deleted device goes with its last reference. */
	add_tagged(test, dev, 'r');
	KUNIT_EXPECT_NOT_NULL(test, devm_kmalloc(dev, 200, GFP_KERNEL));
	KUNIT_EXPECT_STREQ(test, event_log, "d");
	put_device(dev);
	KUNIT_EXPECT_STREQ(test, event_log, "dr");
}

/* ---- devm_kmalloc family ------------------------------------------------------------------ */

static void devres_kmalloc_family(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "alloc");
	unsigned long warns = krt_warn_count();
	static const size_t sizes[] = { 1, 7, 8, 13, 64, 100, 4000, 9000, 70000 };
	volatile size_t huge = SIZE_MAX;
	char *s;
	u8 *p;
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t j;

		p = devm_kzalloc(dev, sizes[i], GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ_MSG(test, (uintptr_t)p % ARCH_KMALLOC_MINALIGN, 0, "size %zu",
				    sizes[i]);
		for (j = 0; j < sizes[i]; j++)
			if (p[j])
				break;
		KUNIT_EXPECT_EQ_MSG(test, j, sizes[i], "size %zu not zeroed", sizes[i]);
		memset(p, 0xa5, sizes[i]);
	}

	KUNIT_EXPECT_PTR_EQ(test, devm_kmalloc(dev, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	/* Sizes the header cannot be added to: NULL, and no report (as the kernel). */
	KUNIT_EXPECT_NULL(test, devm_kmalloc(dev, huge, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, devm_kmalloc(dev, huge - 8, GFP_KERNEL | __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, devm_kzalloc(dev, huge, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, devm_kmalloc_array(dev, huge / 2, 3, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, devm_kcalloc(dev, 3, huge / 2, GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns);

	p = devm_kcalloc(dev, 5, 33, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, p[0] | p[164], 0);

	s = devm_kstrdup(dev, "device string", GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "device string");
	KUNIT_EXPECT_NULL(test, devm_kstrdup(dev, NULL, GFP_KERNEL));
	s = devm_kasprintf(dev, GFP_KERNEL, "%s-%d", "dev", 42);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "dev-42");
	p = devm_kmemdup(dev, "\x01\x02\x03", 3, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, p[2], 3);
}

static void devres_krealloc(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "realloc");
	char *p, *q;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	p = devm_kmalloc(dev, 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	strcpy(p, "kept across krealloc");
	/* Shrinking stays in place. */
	KUNIT_EXPECT_PTR_EQ(test, devm_krealloc(dev, p, 10, GFP_KERNEL), (void *)p);
	q = devm_krealloc(dev, p, 5000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_PTR_NE(test, q, p);
	KUNIT_EXPECT_EQ(test, memcmp(q, "kept across krealloc", 20), 0);
	/* The old pointer is no longer the device's. */
	krt_printk_capture_begin(false);
	devm_kfree(dev, p);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("cut here"));
	krt_printk_capture_end();
	KUNIT_EXPECT_PTR_EQ(test, devm_krealloc(dev, q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
}

/* The number of slab objects allocated now. */
static long slab_objects(void)
{
	const char *names[64];
	long values[64];
	int n, i;

	n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "slab objects"))
			return values[i];
	return -1;
}

static void devres_kfree(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "kfree");
	unsigned long warns = krt_warn_count();
	void *a, *b;
	long before;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	before = slab_objects();
	KUNIT_ASSERT_GE(test, before, 0);
	a = devm_kmalloc(dev, 100, GFP_KERNEL);
	b = devm_kmalloc(dev, 100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, slab_objects(), before + 2);
	devm_kfree(dev, a);
	KUNIT_EXPECT_EQ(test, slab_objects(), before + 1);
	devm_kfree(dev, NULL);
	devm_kfree(dev, ZERO_SIZE_PTR);
	devm_kfree(dev, b);
	KUNIT_EXPECT_EQ(test, slab_objects(), before);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns);
}

static void devres_bad_kfree_warns(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "bad");
	struct device *other = kunit_device_register(test, "other");
	unsigned long warns = krt_warn_count();
	char *plain, *theirs, *mine;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, other);
	plain = kmalloc(32, GFP_KERNEL);
	theirs = devm_kmalloc(other, 32, GFP_KERNEL);
	mine = devm_kmalloc(dev, 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, theirs);
	KUNIT_ASSERT_NOT_NULL(test, mine);

	krt_printk_capture_begin(false);
	/* Plain kmalloc() memory, another device's memory, a pointer inside one's own block. */
	devm_kfree(dev, plain);
	devm_kfree(dev, theirs);
	devm_kfree(dev, mine + 1);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 3U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: CPU: "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("devm_kfree"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 3);

	/* Nothing was freed or taken off a list: all three are still usable and owned. */
	strcpy(plain, "plain");
	strcpy(theirs, "theirs");
	strcpy(mine, "mine");
	kfree(plain);
	devm_kfree(other, theirs);
	devm_kfree(dev, mine);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 3);
}

/* ---- Actions ------------------------------------------------------------------------------ */

#define FAILSLAB_DIR "/sys/kernel/debug/failslab/"

/* The failslab knobs this test changes, with room for their values to be put back. */
static struct {
	const char *path;
	const char *value;
	char saved[32];
} failslab_knobs[] = {
	{ FAILSLAB_DIR "ignore-gfp-wait", "N" },
	{ FAILSLAB_DIR "verbose", "0" },
	/* A failure consumes one of "times", even one asked for through fail-nth. */
	{ FAILSLAB_DIR "times", "1" },
};

/* Make the next slab allocation of this task fail, GFP_KERNEL ones included, silently. */
static void fail_next_slab_allocation(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(failslab_knobs); i++) {
		const char *value = failslab_knobs[i].value;
		ssize_t n = krt_proc_read(failslab_knobs[i].path, failslab_knobs[i].saved,
					  sizeof(failslab_knobs[i].saved));

		/* No assertions before restore_failslab(): the knobs must be put back. */
		KUNIT_EXPECT_GT(test, n, 0);
		if (n <= 0) {
			failslab_knobs[i].saved[0] = '\0';
			continue;
		}
		KUNIT_EXPECT_EQ(test, krt_proc_write(failslab_knobs[i].path, value, strlen(value)),
				(ssize_t)strlen(value));
	}
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/thread-self/fail-nth", "1", 1), 1);
}

static void restore_failslab(struct kunit *test)
{
	char buf[32];
	int i;

	current->fail_nth = 0;
	for (i = 0; i < ARRAY_SIZE(failslab_knobs); i++) {
		const char *saved = failslab_knobs[i].saved;

		if (!saved[0])
			continue;
		krt_proc_write(failslab_knobs[i].path, saved, strcspn(saved, "\n"));
		if (krt_proc_read(failslab_knobs[i].path, buf, sizeof(buf)) <= 0)
			buf[0] = '\0';
		KUNIT_EXPECT_STREQ(test, buf, saved);
	}
}

static void devres_add_action_or_reset(struct kunit *test)
{
	static const char tag = 'R', ok = 'o';
	struct device *dev = kunit_device_register(test, "reset");
	int ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, devm_add_action_or_reset(dev, log_action, (void *)&ok), 0);
	KUNIT_EXPECT_STREQ(test, event_log, "");

	fail_next_slab_allocation(test);
	ret = devm_add_action_or_reset(dev, log_action, (void *)&tag);
	restore_failslab(test);

	KUNIT_EXPECT_EQ(test, ret, -ENOMEM);
	/* Called at once, and not registered: unregistering runs only the first action. */
	KUNIT_EXPECT_STREQ(test, event_log, "R");
	kunit_device_unregister(test, dev);
	KUNIT_EXPECT_STREQ(test, event_log, "Ro");
}

static void devres_remove_and_release_action(struct kunit *test)
{
	static const char a = 'a', b = 'b', c = 'c';
	struct device *dev = kunit_device_register(test, "actions");
	unsigned long warns;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&a), 0);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&b), 0);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, log_action, (void *)&c), 0);

	devm_remove_action(dev, log_action, (void *)&b);
	KUNIT_EXPECT_STREQ(test, event_log, "");
	devm_release_action(dev, log_action, (void *)&a);
	KUNIT_EXPECT_STREQ(test, event_log, "a");

	/* Neither is registered any more: both WARN. */
	warns = krt_warn_count();
	krt_printk_capture_begin(false);
	devm_remove_action(dev, log_action, (void *)&b);
	devm_release_action(dev, log_action, (void *)&a);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("devm_remove_action"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("devm_release_action"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 2);

	kunit_device_unregister(test, dev);
	KUNIT_EXPECT_STREQ(test, event_log, "ac");
}

/* ---- devres_* ----------------------------------------------------------------------------- */

static int tagged_match(struct device *dev, void *res, void *data)
{
	return ((struct tagged_res *)res)->tag == *(char *)data;
}

static void devres_find_get_remove(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "find");
	struct tagged_res *r1, *r2, *n;
	char want = 'p';

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_EXPECT_NULL(test, devres_find(dev, tagged_release, NULL, NULL));
	add_tagged(test, dev, 'p');
	add_tagged(test, dev, 'q');
	r1 = devres_find(dev, tagged_release, tagged_match, &want);
	KUNIT_ASSERT_NOT_NULL(test, r1);
	KUNIT_EXPECT_EQ(test, r1->tag, 'p');
	/* Without a match function: the newest. */
	r2 = devres_find(dev, tagged_release, NULL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, r2);
	KUNIT_EXPECT_EQ(test, r2->tag, 'q');

	/* devres_get() keeps the existing one and frees the new one. */
	n = devres_alloc(tagged_release, sizeof(*n), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, n);
	n->tag = 'p';
	KUNIT_EXPECT_PTR_EQ(test, devres_get(dev, n, tagged_match, &want), r1);

	KUNIT_EXPECT_PTR_EQ(test, devres_remove(dev, tagged_release, tagged_match, &want), r1);
	KUNIT_EXPECT_NULL(test, devres_find(dev, tagged_release, tagged_match, &want));
	devres_free(r1);
	KUNIT_EXPECT_EQ(test, devres_destroy(dev, tagged_release, tagged_match, &want), -ENOENT);
	want = 'q';
	KUNIT_EXPECT_EQ(test, devres_release(dev, tagged_release, tagged_match, &want), 0);
	KUNIT_EXPECT_STREQ(test, event_log, "q");
	KUNIT_EXPECT_EQ(test, devres_release(dev, tagged_release, NULL, NULL), -ENOENT);
	devres_free(NULL);
}

/* ---- get_device/put_device and release callbacks ------------------------------------------ */

struct test_device {
	struct device dev;
	char tag;
};

static void test_device_release(struct device *dev)
{
	struct test_device *tdev = container_of(dev, struct test_device, dev);

	log_event(tdev->tag);
	kfree(tdev);
}

static struct test_device *new_test_device(struct kunit *test, char tag)
{
	struct test_device *tdev = kzalloc(sizeof(*tdev), GFP_KERNEL);

	KUNIT_EXPECT_NOT_NULL(test, tdev);
	if (tdev)
		tdev->tag = tag;
	return tdev;
}

static void devres_get_put_device(struct kunit *test)
{
	struct test_device *tdev = new_test_device(test, 'D');
	struct device *dev;

	KUNIT_ASSERT_NOT_NULL(test, tdev);
	dev = &tdev->dev;
	dev->release = test_device_release;
	device_initialize(dev);
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kref), 1U);
	KUNIT_EXPECT_PTR_EQ(test, get_device(dev), dev);
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kref), 2U);
	KUNIT_EXPECT_NULL(test, get_device(NULL));
	put_device(NULL);

	/* No name: device_add() refuses and the reference count is unchanged. */
	KUNIT_EXPECT_EQ(test, device_add(dev), -EINVAL);
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kref), 2U);
	KUNIT_EXPECT_FALSE(test, device_is_registered(dev));

	dev->init_name = "init/name";
	KUNIT_EXPECT_STREQ(test, dev_name(dev), "init/name");
	KUNIT_ASSERT_EQ(test, device_add(dev), 0);
	KUNIT_EXPECT_NULL(test, dev->init_name);
	KUNIT_EXPECT_STREQ(test, dev_name(dev), "init!name");
	KUNIT_EXPECT_TRUE(test, device_is_registered(dev));
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kref), 2U);
	add_tagged(test, dev, 't');

	device_unregister(dev);
	KUNIT_EXPECT_STREQ(test, event_log, "t");
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kref), 1U);
	put_device(dev);
	KUNIT_EXPECT_STREQ(test, event_log, "tD");
}

static void type_release(struct device *dev)
{
	log_event('T');
	kfree(container_of(dev, struct test_device, dev));
}

static void class_release(struct device *dev)
{
	log_event('C');
	kfree(container_of(dev, struct test_device, dev));
}

static const struct device_type test_type = { .name = "test", .release = type_release };
static const struct class test_class = { .name = "testclass", .dev_release = class_release };
static const struct bus_type test_bus = { .name = "testbus", .dev_name = "tb" };

static void devres_parent_and_release_choice(struct kunit *test)
{
	struct test_device *parent = new_test_device(test, 'P');
	struct test_device *child = new_test_device(test, 'c');
	struct test_device *other = new_test_device(test, 'o');

	KUNIT_ASSERT_NOT_NULL(test, parent);
	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_ASSERT_NOT_NULL(test, other);

	/* The parent: released by its type, named by its bus. */
	parent->dev.type = &test_type;
	parent->dev.bus = &test_bus;
	parent->dev.id = 7;
	KUNIT_ASSERT_EQ(test, device_register(&parent->dev), 0);
	KUNIT_EXPECT_STREQ(test, dev_name(&parent->dev), "tb7");
	KUNIT_EXPECT_STREQ(test, dev_driver_string(&parent->dev), "testbus");

	/* The child holds its parent while it is added; released by its class. */
	child->dev.parent = &parent->dev;
	child->dev.class = &test_class;
	KUNIT_ASSERT_EQ(test, dev_set_name(&child->dev, "child%d", 1), 0);
	KUNIT_ASSERT_EQ(test, device_register(&child->dev), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&parent->dev.kref), 2U);
	KUNIT_EXPECT_STREQ(test, dev_driver_string(&child->dev), "testclass");

	device_unregister(&parent->dev);
	KUNIT_EXPECT_STREQ(test, event_log, "");
	/* Deleting the child drops the parent's last reference, then the child's own goes. */
	device_unregister(&child->dev);
	KUNIT_EXPECT_STREQ(test, event_log, "TC");

	/* No release function anywhere: the kernel's WARN, and the memory stays the caller's. */
	device_initialize(&other->dev);
	krt_printk_capture_begin(false);
	put_device(&other->dev);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Device '(null)' does not have a "
		"release() function, it is broken and must be fixed."));
	krt_printk_capture_end();
	kfree(other);
}

static void devres_misuse_reported(struct kunit *test)
{
	struct test_device *tdev = new_test_device(test, 'm');
	unsigned long warns = krt_warn_count();

	KUNIT_ASSERT_NOT_NULL(test, tdev);
	tdev->dev.release = test_device_release;
	krt_printk_capture_begin(false);
	/* Not initialised: get, put and add are reported and change nothing. */
	get_device(&tdev->dev);
	put_device(&tdev->dev);
	KUNIT_EXPECT_EQ(test, device_add(&tdev->dev), -EINVAL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"is not initialized, yet kobject_get() is being called."));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"is not initialized, yet kobject_put() is being called."));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"tried to add an uninitialized object, something is seriously wrong."));
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 2);

	/* Deleting a device that was never added: a WARN, no release. */
	device_initialize(&tdev->dev);
	device_del(&tdev->dev);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 3);
	KUNIT_EXPECT_EQ(test, kref_read(&tdev->dev.kref), 1U);
	KUNIT_EXPECT_STREQ(test, event_log, "");
	krt_printk_capture_end();
	put_device(&tdev->dev);
	KUNIT_EXPECT_STREQ(test, event_log, "m");
}

static struct kunit_case devres_cases[] = {
	KUNIT_CASE(devres_kunit_device_register),
	KUNIT_CASE(devres_kunit_device_auto_unregister),
	KUNIT_CASE(devres_kunit_device_unregister_early),
	KUNIT_CASE(devres_release_order),
	KUNIT_CASE(devres_release_after_del),
	KUNIT_CASE(devres_kmalloc_family),
	KUNIT_CASE(devres_krealloc),
	KUNIT_CASE(devres_kfree),
	KUNIT_CASE(devres_bad_kfree_warns),
	KUNIT_CASE(devres_add_action_or_reset),
	KUNIT_CASE(devres_remove_and_release_action),
	KUNIT_CASE(devres_find_get_remove),
	KUNIT_CASE(devres_get_put_device),
	KUNIT_CASE(devres_parent_and_release_choice),
	KUNIT_CASE(devres_misuse_reported),
	{}
};

static struct kunit_suite devres_suite = {
	.name = "devres",
	.init = devres_test_init,
	.test_cases = devres_cases,
};

kunit_test_suite(devres_suite);
