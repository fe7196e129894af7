// SPDX-License-Identifier: MIT
/*
 * Stack dumps from several threads at once come out whole, one after the other, as the
 * kernel's printk_cpu_sync makes them; and %pS symbolisation is safe from many threads.
 */
#include <kunit/test.h>
#include <krt/printk.h>
#include <krt/thread.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/string.h>

#define DUMP_THREADS 4
#define DUMPS_PER_THREAD 10

static int dump_stress_thread(void *data)
{
	int i;

	for (i = 0; i < DUMPS_PER_THREAD; i++)
		dump_stack();
	return 0;
}

static void dump_stack_stress_no_interleaving(struct kunit *test)
{
	struct task_struct *tasks[DUMP_THREADS];
	int t, started = 0, dumps = 0, nested = 0, stray_ends = 0;
	const char *text, *p;
	bool inside = false;

	krt_printk_capture_begin(false);
	for (t = 0; t < DUMP_THREADS; t++) {
		tasks[t] = krt_thread_create(dump_stress_thread, NULL, "dump-stress");
		if (IS_ERR(tasks[t]))
			break;
		started++;
	}
	for (t = 0; t < started; t++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[t]), 0);
	text = krt_printk_capture_text();

	/* Every dump runs from its "CPU:" line to its " </TASK>" without another one inside. */
	for (p = text; *p; p++) {
		if (!strncmp(p, "CPU: ", 5)) {
			nested += inside;
			inside = true;
			dumps++;
		} else if (!strncmp(p, " </TASK>\n", 9)) {
			stray_ends += !inside;
			inside = false;
		}
		p = strchr(p, '\n');
		if (!p)
			break;
	}
	krt_printk_capture_end();

	KUNIT_ASSERT_EQ(test, started, DUMP_THREADS);
	KUNIT_EXPECT_EQ_MSG(test, nested, 0, "dumps started inside another");
	KUNIT_EXPECT_EQ(test, stray_ends, 0);
	KUNIT_EXPECT_FALSE(test, inside);
	KUNIT_EXPECT_EQ(test, dumps, DUMP_THREADS * DUMPS_PER_THREAD);
}

static int symbolize_thread(void *data)
{
	char buf[256];
	int i;

	for (i = 0; i < 2000; i++) {
		snprintf(buf, sizeof(buf), "%pS", symbolize_thread);
		if (strncmp(buf, "symbolize_thread+0x0/0x", 23))
			return -EINVAL;
	}
	return 0;
}

static void dump_stack_stress_symbolize(struct kunit *test)
{
	struct task_struct *tasks[DUMP_THREADS];
	int t;

	for (t = 0; t < DUMP_THREADS; t++) {
		tasks[t] = krt_thread_create(symbolize_thread, NULL, "sym-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[t]));
	}
	for (t = 0; t < DUMP_THREADS; t++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[t]), 0);
}

static struct kunit_case dump_stack_stress_test_cases[] = {
	KUNIT_CASE(dump_stack_stress_no_interleaving),
	KUNIT_CASE(dump_stack_stress_symbolize),
	{}
};

static struct kunit_suite dump_stack_stress_test_suite = {
	.name = "dump_stack_stress",
	.test_cases = dump_stack_stress_test_cases,
};
kunit_test_suite(dump_stack_stress_test_suite);
