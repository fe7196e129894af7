// SPDX-License-Identifier: MIT
/*
 * minmax.h, math.h, math64.h, log2.h, align.h, wordpart.h: values, types, single evaluation.
 * The build-time signedness checks of min()/max()/clamp() are exercised by
 * scripts/check-build-fail.sh (they must fail to compile).
 */
#include <kunit/test.h>
#include <linux/align.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/wordpart.h>

static void minmax_basic(struct kunit *test)
{
	int a = -3, b = 7;
	unsigned int ua = 3, ub = 9;
	u8 small = 200;
	size_t sz = 100;
	long long ll = -5;
	int big = 300;

	KUNIT_EXPECT_EQ(test, min(a, b), -3);
	KUNIT_EXPECT_EQ(test, max(a, b), 7);
	KUNIT_EXPECT_EQ(test, min(ua, ub), 3);
	KUNIT_EXPECT_EQ(test, max(ua, ub), 9);
	/* Unsigned types narrower than int compare fine with signed ones. */
	KUNIT_EXPECT_EQ(test, min(small, a), -3);
	KUNIT_EXPECT_EQ(test, max(small, a), 200);
	/* Unsigned vs non-negative constant. */
	KUNIT_EXPECT_EQ(test, min(sz, 16), 16);
	KUNIT_EXPECT_EQ(test, max(ua, 5), 5);
	KUNIT_EXPECT_EQ(test, min(ll, a), -5);
	KUNIT_EXPECT_EQ(test, min3(b, a, 4), -3);
	KUNIT_EXPECT_EQ(test, max3(b, a, 40), 40);
	KUNIT_EXPECT_EQ(test, min_t(int, -1, 5u), -1);
	KUNIT_EXPECT_EQ(test, max_t(unsigned int, -1, 5u), UINT_MAX);
	KUNIT_EXPECT_EQ(test, min_t(u8, big, 50), 44);	/* converted before comparing */
	KUNIT_EXPECT_EQ(test, umin(a, 5u), 5u);		/* -3 zero-extends to a huge value */
	KUNIT_EXPECT_EQ(test, umax(2, sz), 100);
	KUNIT_EXPECT_EQ(test, min_not_zero(0, 4), 4);
	KUNIT_EXPECT_EQ(test, min_not_zero(6, 4), 4);
	KUNIT_EXPECT_EQ(test, min_not_zero(0, 0), 0);
	KUNIT_EXPECT_EQ(test, MIN(3, 4), 3);
	KUNIT_EXPECT_EQ(test, MAX_T(int, 3, 4u), 4);
	/* The result has the common type of the operands. */
	KUNIT_EXPECT_EQ(test, sizeof(min(small, 1L)), sizeof(long));
	KUNIT_EXPECT_TRUE(test, __same_type(max(ua, ub), unsigned int));
}

static void minmax_single_evaluation(struct kunit *test)
{
	int i = 0, j = 10, k = 5;

	KUNIT_EXPECT_EQ(test, min(i++, j++), 0);
	KUNIT_EXPECT_EQ(test, i, 1);
	KUNIT_EXPECT_EQ(test, j, 11);
	KUNIT_EXPECT_EQ(test, max3(i++, j++, k++), 11);
	KUNIT_EXPECT_EQ(test, i + j + k, 2 + 12 + 6);
	KUNIT_EXPECT_EQ(test, clamp(k++, 0, 3), 3);
	KUNIT_EXPECT_EQ(test, k, 7);
	KUNIT_EXPECT_EQ(test, min_t(int, i++, 100), 2);
	KUNIT_EXPECT_EQ(test, i, 3);
}

static void minmax_clamp_and_ranges(struct kunit *test)
{
	int v = 15;
	unsigned long ul = 3;
	u8 byte = 250;
	int arr[] = { 4, -2, 9, 0 };
	const unsigned int carr[] = { 7, 3, 11 };
	int x = 1, y = 2;

	KUNIT_EXPECT_EQ(test, clamp(v, 0, 10), 10);
	KUNIT_EXPECT_EQ(test, clamp(v, 20, 30), 20);
	KUNIT_EXPECT_EQ(test, clamp(v, 0, 20), 15);
	KUNIT_EXPECT_EQ(test, clamp(ul, 4, 8), 4);
	KUNIT_EXPECT_EQ(test, clamp_t(int, -5, 0, 10), 0);
	KUNIT_EXPECT_EQ(test, clamp_val(byte, 0, 100), 100);
	/* As in the kernel, the ?: in clamp promotes a u8 to int. */
	KUNIT_EXPECT_TRUE(test, __same_type(clamp_val(byte, 0, 100), int));

	KUNIT_EXPECT_EQ(test, min_array(arr, ARRAY_SIZE(arr)), -2);
	KUNIT_EXPECT_EQ(test, max_array(arr, ARRAY_SIZE(arr)), 9);
	KUNIT_EXPECT_EQ(test, max_array(carr, 3), 11);

	KUNIT_EXPECT_TRUE(test, in_range(5, 5, 1));
	KUNIT_EXPECT_FALSE(test, in_range(6, 5, 1));
	KUNIT_EXPECT_FALSE(test, in_range(4, 5, 10));
	KUNIT_EXPECT_TRUE(test, in_range(0x100000000ULL, 0xffffffffULL, 2));
	KUNIT_EXPECT_TRUE(test, in_range32(U32_MAX, U32_MAX - 1, 2));

	swap(x, y);
	KUNIT_EXPECT_EQ(test, x, 2);
	KUNIT_EXPECT_EQ(test, y, 1);
}

static void math_rounding(struct kunit *test)
{
	unsigned int u = 17;
	int neg = -7, almost_min = INT_MIN + 1;
	short sh = -5;
	u64 big = 10000000000ULL;

	KUNIT_EXPECT_EQ(test, round_up(17, 8), 24);
	KUNIT_EXPECT_EQ(test, round_up(16, 8), 16);
	KUNIT_EXPECT_EQ(test, round_down(17, 8), 16);
	KUNIT_EXPECT_EQ(test, roundup(17, 5), 20);
	KUNIT_EXPECT_EQ(test, rounddown(17, 5), 15);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_UP(17, 8), 3);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_UP(16, 8), 2);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_UP_ULL(big + 1, 1000), 10000001);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_DOWN_ULL(big + 999, 1000), 10000000);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_UP_POW2(17u, 8u), 3);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_CLOSEST(u, 4), 4);	/* 4.25 */
	KUNIT_EXPECT_EQ(test, DIV_ROUND_CLOSEST(18, 4), 5);	/* 4.5 rounds away from 0 */
	KUNIT_EXPECT_EQ(test, DIV_ROUND_CLOSEST(neg, 2), -4);	/* -3.5 */
	KUNIT_EXPECT_EQ(test, DIV_ROUND_CLOSEST(7, -2), -4);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_CLOSEST_ULL(big + 500, 1000), 10000001);
	KUNIT_EXPECT_EQ(test, mult_frac(1000000000, 3, 7), 428571428);
	KUNIT_EXPECT_EQ(test, mult_frac(u, 3, 2), 25);

	KUNIT_EXPECT_EQ(test, abs(neg), 7);
	KUNIT_EXPECT_EQ(test, abs(-5LL), 5);
	KUNIT_EXPECT_TRUE(test, __same_type(abs(-5L), long));
	KUNIT_EXPECT_EQ(test, abs(sh), 5);
	KUNIT_EXPECT_EQ(test, abs(almost_min), INT_MAX);
	KUNIT_EXPECT_EQ(test, abs((char)-3), 3);
	KUNIT_EXPECT_EQ(test, abs_diff(3u, 10u), 7u);
	KUNIT_EXPECT_EQ(test, abs_diff(-4, 6), 10);
	KUNIT_EXPECT_EQ(test, reciprocal_scale(U32_MAX, 10), 9);
	KUNIT_EXPECT_EQ(test, reciprocal_scale(0, 10), 0);
}

static void math_int_helpers(struct kunit *test)
{
	u64 rem64;
	u32 rem32;
	s32 srem;
	u64 n = 1000000007;
	unsigned long x;

	KUNIT_EXPECT_EQ(test, int_pow(3, 0), 1);
	KUNIT_EXPECT_EQ(test, int_pow(3, 5), 243);
	KUNIT_EXPECT_EQ(test, int_pow(2, 63), 1ULL << 63);
	KUNIT_EXPECT_EQ(test, int_sqrt(0), 0);
	KUNIT_EXPECT_EQ(test, int_sqrt(1), 1);
	KUNIT_EXPECT_EQ(test, int_sqrt(15), 3);
	KUNIT_EXPECT_EQ(test, int_sqrt(16), 4);
	KUNIT_EXPECT_EQ(test, int_sqrt(ULONG_MAX), 0xffffffffUL);
	for (x = 1; x < 100000; x = x * 3 + 1) {
		unsigned long r = int_sqrt(x);

		KUNIT_EXPECT_LE(test, r * r, x);
		KUNIT_EXPECT_GT(test, (r + 1) * (r + 1), x);
	}
	KUNIT_EXPECT_EQ(test, int_sqrt64(1ULL << 62), 1U << 31);

	KUNIT_EXPECT_EQ(test, do_div(n, 10), 7);
	KUNIT_EXPECT_EQ(test, n, 100000000);
	KUNIT_EXPECT_EQ(test, div_u64_rem(100, 7, &rem32), 14);
	KUNIT_EXPECT_EQ(test, rem32, 2);
	KUNIT_EXPECT_EQ(test, div_s64_rem(-100, 7, &srem), -14);
	KUNIT_EXPECT_EQ(test, srem, -2);
	KUNIT_EXPECT_EQ(test, div64_u64_rem(U64_MAX, 1ULL << 32, &rem64), 0xffffffffULL);
	KUNIT_EXPECT_EQ(test, rem64, 0xffffffffULL);
	KUNIT_EXPECT_EQ(test, div64_s64(-9, 2), -4);
	KUNIT_EXPECT_EQ(test, div_u64(1ULL << 40, 1024), 1ULL << 30);
	KUNIT_EXPECT_EQ(test, div_s64(-(1LL << 40), 1024), -(1LL << 30));
	KUNIT_EXPECT_EQ(test, iter_div_u64_rem(1000000005ULL, 1000000000, &rem64), 1);
	KUNIT_EXPECT_EQ(test, rem64, 5);
	KUNIT_EXPECT_EQ(test, mul_u32_u32(U32_MAX, U32_MAX), 0xfffffffe00000001ULL);
	KUNIT_EXPECT_EQ(test, mul_u64_u32_shr(1ULL << 40, 1U << 30, 40), 1ULL << 30);
	KUNIT_EXPECT_EQ(test, mul_u64_u64_shr(U64_MAX, U64_MAX, 64), U64_MAX - 1);
	KUNIT_EXPECT_EQ(test, mul_u64_u32_div(1ULL << 62, 10, 20), 1ULL << 61);
	KUNIT_EXPECT_EQ(test, mul_u64_u64_div_u64(1ULL << 62, 6, 3), 1ULL << 63);
	KUNIT_EXPECT_EQ(test, DIV64_U64_ROUND_UP(10, 4), 3);
	KUNIT_EXPECT_EQ(test, DIV64_U64_ROUND_CLOSEST(10, 4), 3);
	KUNIT_EXPECT_EQ(test, DIV_S64_ROUND_CLOSEST(-10, 4), -3);
	KUNIT_EXPECT_EQ(test, roundup_u64(10, 4), 12);
}

static void log2_helpers(struct kunit *test)
{
	unsigned long v = 1000;
	u32 v32 = 1U << 31;
	u64 v64 = 1ULL << 40;
	static const int constant = ilog2(4096);

	KUNIT_EXPECT_EQ(test, constant, 12);
	KUNIT_EXPECT_EQ(test, ilog2(v), 9);
	KUNIT_EXPECT_EQ(test, ilog2(v32), 31);
	KUNIT_EXPECT_EQ(test, ilog2(v64), 40);
	KUNIT_EXPECT_EQ(test, ilog2(1), 0);
	KUNIT_EXPECT_EQ(test, const_ilog2(1ULL << 50), 50);
	KUNIT_EXPECT_TRUE(test, is_power_of_2(v64));
	KUNIT_EXPECT_FALSE(test, is_power_of_2(0));
	KUNIT_EXPECT_FALSE(test, is_power_of_2(v));
	KUNIT_EXPECT_EQ(test, roundup_pow_of_two(v), 1024);
	KUNIT_EXPECT_EQ(test, roundup_pow_of_two(1), 1);
	KUNIT_EXPECT_EQ(test, roundup_pow_of_two(1024), 1024);
	KUNIT_EXPECT_EQ(test, rounddown_pow_of_two(v), 512);
	KUNIT_EXPECT_EQ(test, order_base_2(v), 10);
	KUNIT_EXPECT_EQ(test, order_base_2(1), 0);
	KUNIT_EXPECT_EQ(test, order_base_2(0), 0);
	KUNIT_EXPECT_EQ(test, order_base_2(1024), 10);
	KUNIT_EXPECT_EQ(test, bits_per(v), 10);
	KUNIT_EXPECT_EQ(test, bits_per(0), 1);
	KUNIT_EXPECT_EQ(test, bits_per(1024), 11);
}

static void align_and_wordpart(struct kunit *test)
{
	u64 x = 0x123456789abcdef0ULL;
	char buf[64];
	char *p = buf + 3;

	KUNIT_EXPECT_EQ(test, ALIGN(13, 8), 16);
	KUNIT_EXPECT_EQ(test, ALIGN(16, 8), 16);
	KUNIT_EXPECT_EQ(test, ALIGN_DOWN(13, 8), 8);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(64, 16));
	KUNIT_EXPECT_FALSE(test, IS_ALIGNED(65, 16));
	KUNIT_EXPECT_EQ(test, (unsigned long)PTR_ALIGN(p, 8) % 8, 0);
	KUNIT_EXPECT_TRUE(test, (char *)PTR_ALIGN(p, 8) >= p);
	KUNIT_EXPECT_TRUE(test, (char *)PTR_ALIGN_DOWN(p, 8) <= p);
	KUNIT_EXPECT_EQ(test, __ALIGN_MASK(5, 3), 8);

	KUNIT_EXPECT_EQ(test, upper_32_bits(x), 0x12345678U);
	KUNIT_EXPECT_EQ(test, lower_32_bits(x), 0x9abcdef0U);
	KUNIT_EXPECT_EQ(test, upper_16_bits(0xdeadbeefU), 0xdead);
	KUNIT_EXPECT_EQ(test, lower_16_bits(0xdeadbeefU), 0xbeef);
	KUNIT_EXPECT_EQ(test, upper_32_bits(5U), 0);	/* 32-bit argument: no shift warning */
	KUNIT_EXPECT_EQ(test, REPEAT_BYTE(0x5a), 0x5a5a5a5a5a5a5a5aUL);
	KUNIT_EXPECT_EQ(test, REPEAT_BYTE_U32(0x5a), 0x5a5a5a5aU);
}

static struct kunit_case minmax_test_cases[] = {
	KUNIT_CASE(minmax_basic),
	KUNIT_CASE(minmax_single_evaluation),
	KUNIT_CASE(minmax_clamp_and_ranges),
	KUNIT_CASE(math_rounding),
	KUNIT_CASE(math_int_helpers),
	KUNIT_CASE(log2_helpers),
	KUNIT_CASE(align_and_wordpart),
	{}
};

static struct kunit_suite minmax_test_suite = {
	.name = "krt-minmax",
	.test_cases = minmax_test_cases,
};
kunit_test_suite(minmax_test_suite);
