// SPDX-License-Identifier: MIT
/* overflow.h: checked arithmetic, saturating size helpers, flexible array sizes. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/limits.h>

static void overflow_type_limits(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, type_max(u8), 255);
	KUNIT_EXPECT_EQ(test, type_min(u8), 0);
	KUNIT_EXPECT_EQ(test, type_max(s8), 127);
	KUNIT_EXPECT_EQ(test, type_min(s8), -128);
	KUNIT_EXPECT_EQ(test, type_max(s16), S16_MAX);
	KUNIT_EXPECT_EQ(test, type_min(s16), S16_MIN);
	KUNIT_EXPECT_EQ(test, type_max(int), INT_MAX);
	KUNIT_EXPECT_EQ(test, type_min(int), INT_MIN);
	KUNIT_EXPECT_EQ(test, type_max(u32), U32_MAX);
	KUNIT_EXPECT_EQ(test, type_max(s64), S64_MAX);
	KUNIT_EXPECT_EQ(test, type_min(s64), S64_MIN);
	KUNIT_EXPECT_EQ(test, type_max(u64), U64_MAX);
	KUNIT_EXPECT_EQ(test, type_max(size_t), SIZE_MAX);
	KUNIT_EXPECT_TRUE(test, type_max((s128)0) > (s128)S64_MAX);
	/* An expression works as well as a type, and the result is a constant. */
	{
		static const long c = type_max(long);
		short v = 0;

		KUNIT_EXPECT_EQ(test, c, LONG_MAX);
		KUNIT_EXPECT_EQ(test, type_max(v), S16_MAX);
	}
}

static void overflow_check_add_sub_mul(struct kunit *test)
{
	u8 u8r;
	s8 s8r;
	int ir;
	u32 u32r;
	s64 s64r;
	u64 u64r;
	size_t szr;

	KUNIT_EXPECT_FALSE(test, check_add_overflow((u8)200, (u8)55, &u8r));
	KUNIT_EXPECT_EQ(test, u8r, 255);
	KUNIT_EXPECT_TRUE(test, check_add_overflow((u8)200, (u8)56, &u8r));
	KUNIT_EXPECT_EQ(test, u8r, 0);	/* the wrapped result is stored */
	KUNIT_EXPECT_TRUE(test, check_add_overflow((s8)100, (s8)28, &s8r));
	KUNIT_EXPECT_EQ(test, s8r, -128);
	KUNIT_EXPECT_FALSE(test, check_add_overflow(INT_MAX - 1, 1, &ir));
	KUNIT_EXPECT_TRUE(test, check_add_overflow(INT_MAX, 1, &ir));
	KUNIT_EXPECT_EQ(test, ir, INT_MIN);
	KUNIT_EXPECT_TRUE(test, check_add_overflow(U64_MAX, 1ULL, &u64r));
	KUNIT_EXPECT_EQ(test, u64r, 0);

	/* Mixed types: the exact result is what must fit. */
	KUNIT_EXPECT_FALSE(test, check_add_overflow(-1, 5u, &u32r));
	KUNIT_EXPECT_EQ(test, u32r, 4);
	KUNIT_EXPECT_TRUE(test, check_add_overflow(-10, 5u, &u32r));
	KUNIT_EXPECT_FALSE(test, check_add_overflow(300, -100, &u8r));
	KUNIT_EXPECT_EQ(test, u8r, 200);

	KUNIT_EXPECT_TRUE(test, check_sub_overflow(0u, 1u, &u32r));
	KUNIT_EXPECT_EQ(test, u32r, U32_MAX);
	KUNIT_EXPECT_FALSE(test, check_sub_overflow(0, 1, &ir));
	KUNIT_EXPECT_EQ(test, ir, -1);
	KUNIT_EXPECT_TRUE(test, check_sub_overflow(S64_MIN, (s64)1, &s64r));
	KUNIT_EXPECT_TRUE(test, check_sub_overflow((size_t)3, (size_t)4, &szr));

	KUNIT_EXPECT_FALSE(test, check_mul_overflow(65535u, 65537u, &u32r));
	KUNIT_EXPECT_EQ(test, u32r, U32_MAX);
	KUNIT_EXPECT_TRUE(test, check_mul_overflow(65536u, 65536u, &u32r));
	KUNIT_EXPECT_EQ(test, u32r, 0);
	KUNIT_EXPECT_TRUE(test, check_mul_overflow(-1, INT_MIN, &ir));
	KUNIT_EXPECT_FALSE(test, check_mul_overflow(-1, -1, &s8r));
	KUNIT_EXPECT_EQ(test, s8r, 1);
	KUNIT_EXPECT_TRUE(test, check_mul_overflow(SIZE_MAX / 2 + 1, (size_t)2, &szr));

	KUNIT_EXPECT_EQ(test, wrapping_add(u8, 250, 10), 4);
	KUNIT_EXPECT_EQ(test, wrapping_sub(u8, 0, 1), 255);
	KUNIT_EXPECT_EQ(test, wrapping_mul(s8, 64, 2), -128);
	u8r = 250;
	wrapping_assign_add(u8r, 10);
	KUNIT_EXPECT_EQ(test, u8r, 4);
	wrapping_assign_sub(u8r, 5);
	KUNIT_EXPECT_EQ(test, u8r, 255);
}

static void overflow_check_shl(struct kunit *test)
{
	u8 u8r;
	int ir;
	u32 u32r;
	s64 s64r;
	u64 u64r;

	KUNIT_EXPECT_FALSE(test, check_shl_overflow(1, 7, &u8r));
	KUNIT_EXPECT_EQ(test, u8r, 128);
	KUNIT_EXPECT_TRUE(test, check_shl_overflow(1, 8, &u8r));	/* shift >= width */
	KUNIT_EXPECT_TRUE(test, check_shl_overflow(3, 7, &u8r));	/* bits lost */
	KUNIT_EXPECT_FALSE(test, check_shl_overflow(1, 30, &ir));
	KUNIT_EXPECT_TRUE(test, check_shl_overflow(1, 31, &ir));	/* sign bit reached */
	KUNIT_EXPECT_TRUE(test, check_shl_overflow(-1, 0, &ir));	/* negative input */
	KUNIT_EXPECT_TRUE(test, check_shl_overflow(1, -1, &ir));	/* negative shift */
	KUNIT_EXPECT_FALSE(test, check_shl_overflow(1u, 31, &u32r));
	KUNIT_EXPECT_EQ(test, u32r, 0x80000000u);
	KUNIT_EXPECT_FALSE(test, check_shl_overflow(0, 63, &s64r));
	KUNIT_EXPECT_TRUE(test, check_shl_overflow(1, 63, &s64r));
	KUNIT_EXPECT_FALSE(test, check_shl_overflow(1ULL, 63, &u64r));
	KUNIT_EXPECT_TRUE(test, check_shl_overflow(1ULL, 64, &u64r));
}

static void overflow_size_helpers(struct kunit *test)
{
	size_t n = 1 << 22;

	KUNIT_EXPECT_EQ(test, size_mul(3, 5), 15);
	KUNIT_EXPECT_EQ(test, size_mul(SIZE_MAX / 2, 3), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, size_add(SIZE_MAX - 1, 1), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, size_add(SIZE_MAX - 1, 2), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, size_add(40, 2), 42);
	KUNIT_EXPECT_EQ(test, size_sub(10, 3), 7);
	KUNIT_EXPECT_EQ(test, size_sub(3, 10), SIZE_MAX);
	/* A saturated size stays saturated. */
	KUNIT_EXPECT_EQ(test, size_sub(SIZE_MAX, 10), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, size_sub(20, SIZE_MAX), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, size_add(size_mul(SIZE_MAX, 2), 1), SIZE_MAX);

	KUNIT_EXPECT_EQ(test, array_size(n, 8), n * 8);
	KUNIT_EXPECT_EQ(test, array_size(n, SIZE_MAX / 4), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, array3_size(2, 3, 4), 24);
	KUNIT_EXPECT_EQ(test, array3_size(n, n, n), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, array3_size(SIZE_MAX, 1, 0), 0);
}

struct flex {
	int count;
	long pad;
	u32 data[] __counted_by(count);
};

static void overflow_struct_size(struct kunit *test)
{
	struct flex *p = NULL;
	size_t big = SIZE_MAX / 2;
	unsigned int var = 10;

	KUNIT_EXPECT_EQ(test, flex_array_size(p, data, 10), 40);
	KUNIT_EXPECT_EQ(test, struct_size(p, data, 10), sizeof(*p) + 40);
	KUNIT_EXPECT_EQ(test, struct_size(p, data, var), sizeof(*p) + 40);
	KUNIT_EXPECT_EQ(test, struct_size_t(struct flex, data, 3), sizeof(struct flex) + 12);
	/* Saturation: a non-constant count that overflows gives SIZE_MAX. */
	KUNIT_EXPECT_EQ(test, flex_array_size(p, data, big), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, struct_size(p, data, big), SIZE_MAX);
	big = SIZE_MAX / 4;
	/* The element bytes fit, adding the header does not. */
	KUNIT_EXPECT_EQ(test, struct_size(p, data, big), SIZE_MAX);
	big = (SIZE_MAX - sizeof(*p)) / 4;
	KUNIT_EXPECT_EQ(test, struct_size(p, data, big), sizeof(*p) + big * 4);
	/* Constant counts give constant expressions. */
	{
		static const size_t c = struct_size_t(struct flex, data, 4);

		KUNIT_EXPECT_EQ(test, c, sizeof(struct flex) + 16);
	}
}

static void overflow_define_flex(struct kunit *test)
{
	DEFINE_FLEX(struct flex, f, data, count, 5);
	DEFINE_RAW_FLEX(struct flex, r, data, 3);
	int i;

	KUNIT_EXPECT_EQ(test, f->count, 5);
	KUNIT_EXPECT_GE(test, sizeof(f_u), struct_size(f, data, 5));
	KUNIT_EXPECT_EQ(test, __alignof__(f_u), __alignof__(struct flex));
	for (i = 0; i < 5; i++) {
		KUNIT_EXPECT_EQ(test, f->data[i], 0);
		f->data[i] = i;
	}
	KUNIT_EXPECT_EQ(test, r->count, 0);
	KUNIT_EXPECT_GE(test, sizeof(r_u), struct_size(r, data, 3));
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, r->data[i], 0);
}

static void overflow_overflows_type(struct kunit *test)
{
	int i = 300, neg = -1;
	u64 big = (u64)U32_MAX + 1;
	u8 small = 255;

	/* Constants: checked at compile time. */
	KUNIT_EXPECT_TRUE(test, overflows_type(256, u8));
	KUNIT_EXPECT_FALSE(test, overflows_type(255, u8));
	KUNIT_EXPECT_TRUE(test, overflows_type(-1, u32));
	KUNIT_EXPECT_TRUE(test, overflows_type(128, s8));
	KUNIT_EXPECT_FALSE(test, overflows_type(-128, s8));
	KUNIT_EXPECT_TRUE(test, overflows_type(U64_MAX, s64));
	/* Variables. */
	KUNIT_EXPECT_TRUE(test, overflows_type(i, u8));
	KUNIT_EXPECT_FALSE(test, overflows_type(i, u16));
	KUNIT_EXPECT_TRUE(test, overflows_type(neg, unsigned int));
	KUNIT_EXPECT_FALSE(test, overflows_type(neg, s8));
	KUNIT_EXPECT_TRUE(test, overflows_type(big, u32));
	KUNIT_EXPECT_FALSE(test, overflows_type(small, u8));
	KUNIT_EXPECT_TRUE(test, overflows_type(small, s8));
	/* The target can be an expression too. */
	KUNIT_EXPECT_TRUE(test, overflows_type(i, small));
	KUNIT_EXPECT_TRUE(test, __overflows_type(i, u8));
	KUNIT_EXPECT_FALSE(test, __overflows_type(small, int));

	KUNIT_EXPECT_TRUE(test, castable_to_type(255, u8));
	KUNIT_EXPECT_FALSE(test, castable_to_type(256, u8));
	KUNIT_EXPECT_TRUE(test, castable_to_type(small, u8));
	KUNIT_EXPECT_FALSE(test, castable_to_type(i, u8));
}

static void overflow_ranges(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, range_overflows(0u, 10u, 10u));
	KUNIT_EXPECT_TRUE(test, range_overflows(1u, 10u, 10u));
	KUNIT_EXPECT_TRUE(test, range_overflows(10u, 0u, 10u));
	KUNIT_EXPECT_TRUE(test, range_overflows(U32_MAX, 2u, 10u));
	KUNIT_EXPECT_FALSE(test, range_end_overflows(10u, 0u, 10u));
	KUNIT_EXPECT_TRUE(test, range_end_overflows(11u, 0u, 10u));
	KUNIT_EXPECT_FALSE(test, range_overflows_t(u64, 4, 4, 8));
	KUNIT_EXPECT_TRUE(test, range_end_overflows_t(u64, 4, 5, 8));
	KUNIT_EXPECT_TRUE(test, is_negative(-1));
	KUNIT_EXPECT_TRUE(test, is_non_negative(0u));
}

static struct kunit_case overflow_test_cases[] = {
	KUNIT_CASE(overflow_type_limits),
	KUNIT_CASE(overflow_check_add_sub_mul),
	KUNIT_CASE(overflow_check_shl),
	KUNIT_CASE(overflow_size_helpers),
	KUNIT_CASE(overflow_struct_size),
	KUNIT_CASE(overflow_define_flex),
	KUNIT_CASE(overflow_overflows_type),
	KUNIT_CASE(overflow_ranges),
	{}
};

static struct kunit_suite overflow_test_suite = {
	.name = "krt-overflow",
	.test_cases = overflow_test_cases,
};
kunit_test_suite(overflow_test_suite);
