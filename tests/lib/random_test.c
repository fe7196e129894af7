// SPDX-License-Identifier: MIT
/*
 * random.h and prandom.h: ranges, rough uniformity (no value or bucket far from its expected
 * share), independence across threads, and the kernel's reproducible prandom sequence.
 */
#include <kunit/test.h>
#include <krt/thread.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/string.h>

#include "arch/host/host.h"

static void random_ranges(struct kunit *test)
{
	int i;

	for (i = 0; i < 10000; i++) {
		u32 below = get_random_u32_below(7);
		u32 incl = get_random_u32_inclusive(10, 12);
		u32 above = get_random_u32_above(U32_MAX - 3);
		u32 var_ceil = get_random_u32_below((u32)i + 1);

		KUNIT_EXPECT_LT(test, below, 7U);
		KUNIT_EXPECT_GE(test, incl, 10U);
		KUNIT_EXPECT_LE(test, incl, 12U);
		KUNIT_EXPECT_GT(test, above, U32_MAX - 3);
		KUNIT_EXPECT_LE(test, var_ceil, (u32)i);
		KUNIT_EXPECT_EQ(test, get_random_u32_below(1), 0U);
	}
	/* The full range is allowed at run time (a constant one fails to build). */
	{
		u32 lo = 0, hi = U32_MAX;

		(void)get_random_u32_inclusive(lo, hi);
	}
}

/* Chi-square-like sanity: every bucket within 25% of its expected count. */
static void random_uniformity(struct kunit *test)
{
	unsigned int counts[10] = { 0 }, bits[64] = { 0 }, bytes[4] = { 0 };
	const unsigned int n = 100000;
	unsigned int i, b;

	for (i = 0; i < n; i++)
		counts[get_random_u32_below(10)]++;
	for (i = 0; i < 10; i++) {
		KUNIT_EXPECT_GT(test, counts[i], n / 10 * 3 / 4);
		KUNIT_EXPECT_LT(test, counts[i], n / 10 * 5 / 4);
	}
	/* A ceil of 3 * 2^30 + 1: "r % ceil" would hit the low third twice as often. */
	memset(counts, 0, sizeof(counts));
	for (i = 0; i < n; i++)
		counts[get_random_u32_below(0xc0000001U) >= 0x60000000U]++;
	/* Unbiased: 50/50. Plain modulo would give 62.5/37.5. */
	KUNIT_EXPECT_GT(test, counts[1], n / 2 * 9 / 10);
	KUNIT_EXPECT_GT(test, counts[0], n / 2 * 9 / 10);

	for (i = 0; i < 20000; i++) {
		u64 v = get_random_u64();

		for (b = 0; b < 64; b++)
			bits[b] += (v >> b) & 1;
	}
	for (b = 0; b < 64; b++) {
		KUNIT_EXPECT_GT(test, bits[b], 9000U);
		KUNIT_EXPECT_LT(test, bits[b], 11000U);
	}
	for (i = 0; i < 20000; i++) {
		bytes[get_random_u8() >> 6]++;
		bytes[get_random_u16() >> 14]++;
	}
	for (b = 0; b < 4; b++) {
		KUNIT_EXPECT_GT(test, bytes[b], 8000U);
		KUNIT_EXPECT_LT(test, bytes[b], 12000U);
	}
}

static void random_bytes(struct kunit *test)
{
	u8 a[1000], b[1000];
	u8 small[3];
	unsigned long l1, l2;
	u32 v32;

	get_random_bytes(a, sizeof(a));		/* larger than the per-thread batch */
	get_random_bytes(b, sizeof(b));
	KUNIT_EXPECT_NE(test, memcmp(a, b, sizeof(a)), 0);
	KUNIT_EXPECT_NOT_NULL(test, memchr_inv(a, 0, sizeof(a)));
	get_random_bytes(small, sizeof(small));
	get_random_bytes(NULL, 0);
	l1 = get_random_long();
	l2 = get_random_long();
	KUNIT_EXPECT_NE(test, l1, l2);	/* 2^-64 chance of a false failure */
	KUNIT_EXPECT_EQ(test, get_random_bytes_wait(a, 10), 0);
	KUNIT_EXPECT_EQ(test, get_random_u32_wait(&v32), 0);
	KUNIT_EXPECT_TRUE(test, rng_is_initialized());
}

static int random_thread(void *data)
{
	u64 *out = data;
	int i;

	for (i = 0; i < 4; i++)
		out[i] = get_random_u64();
	return 0;
}

/* Threads have separate buffers: they never hand out the same values. */
static void random_threads_differ(struct kunit *test)
{
	u64 vals[2][4];
	struct task_struct *t[2];
	int i, j;

	for (i = 0; i < 2; i++) {
		t[i] = krt_thread_create(random_thread, vals[i], "rnd");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 4; j++)
			KUNIT_EXPECT_NE(test, vals[0][i], vals[1][j]);
	}
}

static void random_child(void *arg)
{
	host_exit_now(get_random_u8());
}

/* A forked child does not replay the parent's buffered bytes. */
static void random_fork_differs(struct kunit *test)
{
	int round, same = 0, signo;

	for (round = 0; round < 3; round++) {
		int child;

		(void)get_random_u8();	/* make sure the batch holds unused bytes */
		child = host_run_in_child(random_child, NULL, &signo);
		KUNIT_ASSERT_GE(test, child, 0);
		same += child == get_random_u8();
	}
	/* Independent bytes match by chance with probability 1/256 per round. */
	KUNIT_EXPECT_LT(test, same, 3);
}

static void prandom_reproducible(struct kunit *test)
{
	struct rnd_state s1, s2;
	u8 buf1[7], buf2[7];
	u32 first;
	int i;

	prandom_seed_state(&s1, 42);
	prandom_seed_state(&s2, 42);
	/* The kernel's generator: these are the values Linux produces for seed 42. */
	first = prandom_u32_state(&s1);
	KUNIT_EXPECT_EQ(test, first, 0xb5feb103U);
	KUNIT_EXPECT_EQ(test, prandom_u32_state(&s1), 0x2f5d53d0U);
	KUNIT_EXPECT_EQ(test, prandom_u32_state(&s1), 0x2b0a8459U);
	KUNIT_EXPECT_EQ(test, prandom_u32_state(&s2), first);
	prandom_u32_state(&s2);
	prandom_u32_state(&s2);
	for (i = 0; i < 100; i++)
		KUNIT_EXPECT_EQ(test, prandom_u32_state(&s1), prandom_u32_state(&s2));
	prandom_bytes_state(&s1, buf1, sizeof(buf1));
	prandom_bytes_state(&s2, buf2, sizeof(buf2));
	KUNIT_EXPECT_MEMEQ(test, buf1, buf2, sizeof(buf1));

	prandom_seed_state(&s2, 43);
	KUNIT_EXPECT_NE(test, prandom_u32_state(&s2), first);
	/* Seeds below a component's minimum are lifted above it. */
	prandom_seed_state(&s1, 0);
	KUNIT_EXPECT_GE(test, s1.s1, 2U);
	KUNIT_EXPECT_GE(test, s1.s4, 128U);
	KUNIT_EXPECT_EQ(test, next_pseudo_random32(0), 1013904223U);
}

static struct kunit_case random_test_cases[] = {
	KUNIT_CASE(random_ranges),
	KUNIT_CASE(random_uniformity),
	KUNIT_CASE(random_bytes),
	KUNIT_CASE(random_threads_differ),
	KUNIT_CASE(random_fork_differs),
	KUNIT_CASE(prandom_reproducible),
	{}
};

static struct kunit_suite random_test_suite = {
	.name = "krt-random",
	.test_cases = random_test_cases,
};
kunit_test_suite(random_test_suite);
