// SPDX-License-Identifier: MIT
/*
 * The stack depot under concurrent use: threads saving the same new stacks at the same time
 * must all get the same handle for each, and every record must be intact.
 */
#include <kunit/test.h>
#include <krt/thread.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/stackdepot.h>
#include <linux/string.h>

#define STRESS_THREADS 8
#define STRESS_STACKS 4000

struct stress_arg {
	unsigned int seed;
	unsigned long base;
	depot_stack_handle_t *handles;
};

static unsigned int stack_len(unsigned int i)
{
	return i % 24 + 1;
}

static void make_stack(unsigned long *entries, unsigned long base, unsigned int i)
{
	unsigned int j;

	for (j = 0; j < stack_len(i); j++)
		entries[j] = base + i * 64UL + j;
}

static int stress_saver(void *data)
{
	struct stress_arg *arg = data;
	unsigned long entries[32];
	unsigned int k;

	/* Every thread walks the same stacks, starting at a different place. */
	for (k = 0; k < STRESS_STACKS; k++) {
		unsigned int i = (k + arg->seed * (STRESS_STACKS / STRESS_THREADS)) % STRESS_STACKS;

		make_stack(entries, arg->base, i);
		arg->handles[i] = stack_depot_save(entries, stack_len(i), GFP_KERNEL);
	}
	return 0;
}

static void stackdepot_stress_same_stacks(struct kunit *test)
{
	struct stress_arg args[STRESS_THREADS];
	struct task_struct *tasks[STRESS_THREADS];
	unsigned long base = 0x57e550000000UL, entries[32], *stored;
	unsigned int t, i;

	for (t = 0; t < STRESS_THREADS; t++) {
		args[t].seed = t;
		args[t].base = base;
		args[t].handles = kunit_kcalloc(test, STRESS_STACKS, sizeof(depot_stack_handle_t),
						GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, args[t].handles);
	}
	for (t = 0; t < STRESS_THREADS; t++) {
		tasks[t] = krt_thread_create(stress_saver, &args[t], "depot-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[t]));
	}
	for (t = 0; t < STRESS_THREADS; t++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[t]), 0);

	for (i = 0; i < STRESS_STACKS; i++) {
		depot_stack_handle_t h = args[0].handles[i];

		KUNIT_ASSERT_NE(test, h, 0U);
		for (t = 1; t < STRESS_THREADS; t++)
			KUNIT_ASSERT_EQ_MSG(test, args[t].handles[i], h, "stack %u thread %u",
					    i, t);
		make_stack(entries, base, i);
		KUNIT_ASSERT_EQ(test, stack_depot_fetch(h, &stored), stack_len(i));
		KUNIT_ASSERT_EQ(test, memcmp(stored, entries, stack_len(i) * sizeof(long)), 0);
	}
}

static struct kunit_case stackdepot_stress_test_cases[] = {
	KUNIT_CASE(stackdepot_stress_same_stacks),
	{}
};

static struct kunit_suite stackdepot_stress_test_suite = {
	.name = "stackdepot_stress",
	.test_cases = stackdepot_stress_test_cases,
};
kunit_test_suite(stackdepot_stress_test_suite);
