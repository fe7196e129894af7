// SPDX-License-Identifier: MIT
/* The stack depot: deduplication, handles, extra bits, printing, reference counts. */
#include <kunit/test.h>
#include <krt/printk.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/string.h>

static noinline depot_stack_handle_t stackdepot_test_save_here(void)
{
	unsigned long entries[16];
	unsigned int nr = stack_trace_save(entries, ARRAY_SIZE(entries), 0);
	depot_stack_handle_t handle = stack_depot_save(entries, nr, GFP_KERNEL);

	barrier();
	return handle;
}

static void stackdepot_test_dedup(struct kunit *test)
{
	depot_stack_handle_t handles[4], other;
	int i, n = ARRAY_SIZE(handles);

	/* The same call path every time (a loop the compiler may not unroll): one record. */
	OPTIMIZER_HIDE_VAR(n);
	for (i = 0; i < n; i++)
		handles[i] = stackdepot_test_save_here();
	KUNIT_EXPECT_NE(test, handles[0], 0U);
	for (i = 1; i < n; i++)
		KUNIT_EXPECT_EQ(test, handles[i], handles[0]);
	/* Another call site is another stack. */
	other = stackdepot_test_save_here();
	KUNIT_EXPECT_NE(test, other, 0U);
	KUNIT_EXPECT_NE(test, other, handles[0]);
}

static void stackdepot_test_fetch(struct kunit *test)
{
	unsigned long entries[16], *stored;
	unsigned int nr = stack_trace_save(entries, ARRAY_SIZE(entries), 0);
	depot_stack_handle_t handle = stack_depot_save(entries, nr, GFP_KERNEL);
	char name[128];

	KUNIT_ASSERT_GT(test, nr, 0U);
	KUNIT_ASSERT_NE(test, handle, 0U);
	KUNIT_EXPECT_EQ(test, stack_depot_fetch(handle, &stored), nr);
	KUNIT_EXPECT_MEMEQ(test, stored, entries, nr * sizeof(entries[0]));
	snprintf(name, sizeof(name), "%ps", (void *)stored[0]);
	KUNIT_EXPECT_STREQ(test, name, "stackdepot_test_fetch");

	/* Handle 0 is "no stack"; an empty trace gets it. */
	KUNIT_EXPECT_EQ(test, stack_depot_fetch(0, &stored), 0U);
	KUNIT_EXPECT_NULL(test, stored);
	KUNIT_EXPECT_EQ(test, stack_depot_save(entries, 0, GFP_KERNEL), 0U);
}

static void stackdepot_test_truncate(struct kunit *test)
{
	unsigned long entries[CONFIG_STACKDEPOT_MAX_FRAMES + 36], *stored;
	depot_stack_handle_t handle;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(entries); i++)
		entries[i] = 0x7e570000UL + i;
	handle = stack_depot_save(entries, ARRAY_SIZE(entries), GFP_KERNEL);
	KUNIT_ASSERT_NE(test, handle, 0U);
	KUNIT_EXPECT_EQ(test, stack_depot_fetch(handle, &stored), CONFIG_STACKDEPOT_MAX_FRAMES);
	KUNIT_EXPECT_MEMEQ(test, stored, entries, CONFIG_STACKDEPOT_MAX_FRAMES * sizeof(long));
	/* Only the stored frames count: the first 64 alone are the same stack. */
	KUNIT_EXPECT_EQ(test, stack_depot_save(entries, CONFIG_STACKDEPOT_MAX_FRAMES, GFP_KERNEL),
			handle);
}

#define MANY_STACKS 5000

/* Enough distinct stacks to fill many pools; each must come back intact and deduplicated. */
static void stackdepot_test_many(struct kunit *test)
{
	depot_stack_handle_t *handles;
	unsigned long entries[CONFIG_STACKDEPOT_MAX_FRAMES], *stored;
	unsigned int i, j, nr;

	handles = kunit_kcalloc(test, MANY_STACKS, sizeof(*handles), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, handles);
	for (i = 0; i < MANY_STACKS; i++) {
		nr = i % CONFIG_STACKDEPOT_MAX_FRAMES + 1;
		for (j = 0; j < nr; j++)
			entries[j] = 0x5eed00000000UL + i * 0x1000UL + j;
		handles[i] = stack_depot_save(entries, nr, GFP_KERNEL);
		KUNIT_ASSERT_NE(test, handles[i], 0U);
	}
	for (i = 0; i < MANY_STACKS; i++) {
		nr = i % CONFIG_STACKDEPOT_MAX_FRAMES + 1;
		for (j = 0; j < nr; j++)
			entries[j] = 0x5eed00000000UL + i * 0x1000UL + j;
		KUNIT_ASSERT_EQ(test, stack_depot_save(entries, nr, GFP_KERNEL), handles[i]);
		KUNIT_ASSERT_EQ(test, stack_depot_fetch(handles[i], &stored), nr);
		KUNIT_ASSERT_EQ(test, memcmp(stored, entries, nr * sizeof(long)), 0);
		if (i)
			KUNIT_ASSERT_NE(test, handles[i], handles[i - 1]);
	}
}

static void stackdepot_test_extra_bits(struct kunit *test)
{
	depot_stack_handle_t handle = stackdepot_test_save_here(), tagged;
	unsigned long *a, *b;

	KUNIT_ASSERT_NE(test, handle, 0U);
	KUNIT_EXPECT_EQ(test, stack_depot_get_extra_bits(handle), 0U);
	tagged = stack_depot_set_extra_bits(handle, 0x15);
	KUNIT_EXPECT_NE(test, tagged, handle);
	KUNIT_EXPECT_EQ(test, stack_depot_get_extra_bits(tagged), 0x15U);
	/* The bits do not change which stack the handle names. */
	KUNIT_EXPECT_EQ(test, stack_depot_fetch(tagged, &a), stack_depot_fetch(handle, &b));
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	KUNIT_EXPECT_EQ(test, stack_depot_get_extra_bits(stack_depot_set_extra_bits(tagged, 3)),
			3U);
	KUNIT_EXPECT_EQ(test, stack_depot_set_extra_bits(0, 3), 0U);
}

static void stackdepot_test_print(struct kunit *test)
{
	depot_stack_handle_t handle = stackdepot_test_save_here();
	unsigned long *entries;
	unsigned int nr = stack_depot_fetch(handle, &entries);
	char expect[4096], buf[4096], small[24];
	int len, n;

	KUNIT_ASSERT_GT(test, nr, 1U);
	len = stack_trace_snprint(expect, sizeof(expect), entries, nr, 0);
	KUNIT_ASSERT_LT(test, len, (int)sizeof(expect));
	/* One " function+0xoff/0xsize" line per frame. */
	KUNIT_EXPECT_EQ(test, strncmp(expect, " stackdepot_test_save_here+0x", 29), 0);

	krt_printk_capture_begin(false);
	stack_depot_print(handle);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), expect);
	krt_printk_capture_reset();
	stack_depot_print(0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();

	KUNIT_EXPECT_EQ(test, stack_depot_snprint(handle, buf, sizeof(buf), 0), len);
	KUNIT_EXPECT_STREQ(test, buf, expect);
	KUNIT_EXPECT_EQ(test, stack_depot_snprint(0, buf, sizeof(buf), 0), 0);

	/* Indentation: the spaces come before the one space of every line. */
	n = stack_depot_snprint(handle, buf, sizeof(buf), 4);
	KUNIT_EXPECT_EQ(test, n, len + 4 * (int)nr);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "     stackdepot_test_save_here+0x", 33), 0);

	/* A small buffer: cut in the first line, which is counted whole. */
	n = stack_depot_snprint(handle, small, sizeof(small), 0);
	KUNIT_EXPECT_EQ(test, n, (int)(strchr(expect, '\n') - expect) + 1);
	KUNIT_EXPECT_EQ(test, strlen(small), sizeof(small) - 1);
	KUNIT_EXPECT_EQ(test, strncmp(small, expect, sizeof(small) - 1), 0);
}

static void stackdepot_test_refcount(struct kunit *test)
{
	unsigned long entries[3] = { 0x7e5701, 0x7e5702, 0x7e5703 };
	depot_stack_handle_t handle;

	handle = stack_depot_save_flags(entries, 3, GFP_KERNEL,
					STACK_DEPOT_FLAG_CAN_ALLOC | STACK_DEPOT_FLAG_GET);
	KUNIT_ASSERT_NE(test, handle, 0U);
	KUNIT_EXPECT_EQ(test, stack_depot_save_flags(entries, 3, GFP_KERNEL, STACK_DEPOT_FLAG_GET),
			handle);

	krt_printk_capture_begin(false);
	stack_depot_put(handle);
	stack_depot_put(handle);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("WARNING:"));
	/* One put more than was got is a bug. */
	stack_depot_put(handle);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
	krt_printk_capture_end();
}

static void stackdepot_test_bad_handle(struct kunit *test)
{
	unsigned long *entries;

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, stack_depot_fetch(0x07fff001, &entries), 0U);
	KUNIT_EXPECT_NULL(test, entries);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("out of bounds"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("for stack id 07fff001"));
	krt_printk_capture_end();
}

static struct kunit_case stackdepot_test_cases[] = {
	KUNIT_CASE(stackdepot_test_dedup),
	KUNIT_CASE(stackdepot_test_fetch),
	KUNIT_CASE(stackdepot_test_truncate),
	KUNIT_CASE(stackdepot_test_many),
	KUNIT_CASE(stackdepot_test_extra_bits),
	KUNIT_CASE(stackdepot_test_print),
	KUNIT_CASE(stackdepot_test_refcount),
	KUNIT_CASE(stackdepot_test_bad_handle),
	{}
};

static struct kunit_suite stackdepot_test_suite = {
	.name = "stackdepot",
	.test_cases = stackdepot_test_cases,
};
kunit_test_suite(stackdepot_test_suite);
