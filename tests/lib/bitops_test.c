// SPDX-License-Identifier: MIT
/* bits.h, bitops.h, find.h and bitmap.h. */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/prandom.h>

static void bits_macros(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, BIT(0), 1UL);
	KUNIT_EXPECT_EQ(test, BIT(63), 0x8000000000000000UL);
	KUNIT_EXPECT_EQ(test, BIT_ULL(40), 1ULL << 40);
	KUNIT_EXPECT_EQ(test, BIT_MASK(65), 2UL);
	KUNIT_EXPECT_EQ(test, BIT_WORD(65), 1);
	KUNIT_EXPECT_EQ(test, GENMASK(7, 4), 0xf0UL);
	KUNIT_EXPECT_EQ(test, GENMASK(63, 0), ~0UL);
	KUNIT_EXPECT_EQ(test, GENMASK(0, 0), 1UL);
	KUNIT_EXPECT_EQ(test, GENMASK_ULL(39, 21), 0x000000ffffe00000ULL);
	KUNIT_EXPECT_TRUE(test, GENMASK_U128(127, 64) == ((u128)~0ULL << 64));
	KUNIT_EXPECT_EQ(test, BITS_PER_LONG, 64);
	KUNIT_EXPECT_EQ(test, BITS_PER_BYTE, 8);
	KUNIT_EXPECT_EQ(test, BITS_TO_LONGS(65), 2);
	KUNIT_EXPECT_EQ(test, BITS_TO_U32(33), 2);
	KUNIT_EXPECT_EQ(test, BITS_TO_BYTES(9), 2);
	KUNIT_EXPECT_EQ(test, BITS_PER_TYPE(u16), 16);
}

static void bitops_single_bits(struct kunit *test)
{
	DECLARE_BITMAP(map, 130) = { 0 };

	set_bit(0, map);
	set_bit(64, map);
	__set_bit(129, map);
	KUNIT_EXPECT_EQ(test, map[0], 1UL);
	KUNIT_EXPECT_EQ(test, map[1], 1UL);
	KUNIT_EXPECT_EQ(test, map[2], 2UL);
	KUNIT_EXPECT_TRUE(test, test_bit(64, map));
	KUNIT_EXPECT_TRUE(test, test_bit_acquire(129, map));
	KUNIT_EXPECT_FALSE(test, test_bit(65, map));

	KUNIT_EXPECT_FALSE(test, test_and_set_bit(5, map));
	KUNIT_EXPECT_TRUE(test, test_and_set_bit(5, map));
	KUNIT_EXPECT_TRUE(test, test_and_clear_bit(5, map));
	KUNIT_EXPECT_FALSE(test, test_and_clear_bit(5, map));
	KUNIT_EXPECT_FALSE(test, test_and_change_bit(6, map));
	KUNIT_EXPECT_TRUE(test, test_bit(6, map));
	change_bit(6, map);
	KUNIT_EXPECT_FALSE(test, test_bit(6, map));
	clear_bit(64, map);
	KUNIT_EXPECT_FALSE(test, test_bit(64, map));

	KUNIT_EXPECT_FALSE(test, __test_and_set_bit(70, map));
	KUNIT_EXPECT_TRUE(test, __test_and_set_bit(70, map));
	KUNIT_EXPECT_TRUE(test, __test_and_clear_bit(70, map));
	KUNIT_EXPECT_FALSE(test, __test_and_change_bit(71, map));
	__change_bit(71, map);
	__clear_bit(129, map);
	KUNIT_EXPECT_EQ(test, map[1] | map[2], 0UL);

	KUNIT_EXPECT_FALSE(test, test_and_set_bit_lock(3, map));
	KUNIT_EXPECT_TRUE(test, test_and_set_bit_lock(3, map));
	clear_bit_unlock(3, map);
	KUNIT_EXPECT_FALSE(test, test_bit(3, map));
	__set_bit(3, map);
	__clear_bit_unlock(3, map);
	KUNIT_EXPECT_FALSE(test, test_bit(3, map));
	set_bit(7, map);
	set_bit(4, map);
	KUNIT_EXPECT_TRUE(test, clear_bit_unlock_is_negative_byte(4, map));
	KUNIT_EXPECT_FALSE(test, test_bit(4, map));

	assign_bit(9, map, true);
	KUNIT_EXPECT_TRUE(test, test_bit(9, map));
	__assign_bit(9, map, false);
	KUNIT_EXPECT_FALSE(test, test_bit(9, map));
}

static void bitops_word_ops(struct kunit *test)
{
	unsigned long w = 0xff;

	KUNIT_EXPECT_EQ(test, ffs(0), 0);
	KUNIT_EXPECT_EQ(test, ffs(1), 1);
	KUNIT_EXPECT_EQ(test, ffs(0x80000000), 32);
	KUNIT_EXPECT_EQ(test, fls(0), 0);
	KUNIT_EXPECT_EQ(test, fls(1), 1);
	KUNIT_EXPECT_EQ(test, fls(0x80000000), 32);
	KUNIT_EXPECT_EQ(test, fls64(0), 0);
	KUNIT_EXPECT_EQ(test, fls64(1ULL << 63), 64);
	KUNIT_EXPECT_EQ(test, fls_long(0x100UL), 9);
	KUNIT_EXPECT_EQ(test, __ffs(0x100UL), 8);
	KUNIT_EXPECT_EQ(test, __fls(0x101UL), 8);
	KUNIT_EXPECT_EQ(test, __ffs64(1ULL << 50), 50);
	KUNIT_EXPECT_EQ(test, ffz(w), 8);
	KUNIT_EXPECT_EQ(test, ffz(0UL), 0);
	KUNIT_EXPECT_EQ(test, fns(0xf0UL, 2), 6);
	KUNIT_EXPECT_EQ(test, fns(0xf0UL, 4), BITS_PER_LONG);
	KUNIT_EXPECT_EQ(test, get_count_order(0), -1);
	KUNIT_EXPECT_EQ(test, get_count_order(1), 0);
	KUNIT_EXPECT_EQ(test, get_count_order(5), 3);
	KUNIT_EXPECT_EQ(test, get_count_order(8), 3);
	KUNIT_EXPECT_EQ(test, get_count_order_long(1UL << 40), 40);
	KUNIT_EXPECT_EQ(test, get_bitmask_order(8), 4);

	KUNIT_EXPECT_EQ(test, hweight8(0xff), 8);
	KUNIT_EXPECT_EQ(test, hweight8(0x1ff), 8);	/* only the low 8 bits */
	KUNIT_EXPECT_EQ(test, hweight16(0xf0f0), 8);
	KUNIT_EXPECT_EQ(test, hweight32(0xffffffff), 32);
	KUNIT_EXPECT_EQ(test, hweight64(~0ULL), 64);
	KUNIT_EXPECT_EQ(test, hweight_long(0x8000000000000001UL), 2);
	KUNIT_EXPECT_EQ(test, HWEIGHT32(0x0f0f), 8);
	{
		static const int constant = HWEIGHT8(0x55);

		KUNIT_EXPECT_EQ(test, constant, 4);
	}

	KUNIT_EXPECT_EQ(test, rol32(0x80000001, 1), 3);
	KUNIT_EXPECT_EQ(test, ror32(3, 1), 0x80000001);
	KUNIT_EXPECT_EQ(test, rol32(0x12345678, 0), 0x12345678);
	KUNIT_EXPECT_EQ(test, rol64(1ULL << 63, 1), 1);
	KUNIT_EXPECT_EQ(test, ror64(1, 1), 1ULL << 63);
	KUNIT_EXPECT_EQ(test, rol16(0x8001, 4), 0x0018);
	KUNIT_EXPECT_EQ(test, ror16(0x0018, 4), 0x8001);
	KUNIT_EXPECT_EQ(test, rol8(0x81, 1), 0x03);
	KUNIT_EXPECT_EQ(test, ror8(0x03, 1), 0x81);
	KUNIT_EXPECT_EQ(test, sign_extend32(0x80, 7), -128);
	KUNIT_EXPECT_EQ(test, sign_extend32(0x7f, 7), 127);
	KUNIT_EXPECT_EQ(test, sign_extend64(0x8000000000ULL, 39), -0x8000000000LL);

	w = 0xf0;
	KUNIT_EXPECT_EQ(test, set_mask_bits(&w, 0xf0UL, 0x0aUL), 0xf0UL);
	KUNIT_EXPECT_EQ(test, w, 0x0aUL);
	KUNIT_EXPECT_FALSE(test, bit_clear_unless(&w, 0x02UL, 0x08UL));
	KUNIT_EXPECT_EQ(test, w, 0x0aUL);
	KUNIT_EXPECT_TRUE(test, bit_clear_unless(&w, 0x02UL, 0x01UL));
	KUNIT_EXPECT_EQ(test, w, 0x08UL);
}

/* Reference answers by brute force. */
static unsigned long ref_next(const unsigned long *m, unsigned long size, unsigned long off,
			      bool want)
{
	for (; off < size; off++) {
		if (test_bit(off, m) == want)
			return off;
	}
	return size;
}

static void find_bit_random(struct kunit *test)
{
	DECLARE_BITMAP(a, 300);
	DECLARE_BITMAP(b, 300);
	struct rnd_state rnd;
	unsigned long size, off, bit, n, last;
	int round, i;

	prandom_seed_state(&rnd, 1);
	for (round = 0; round < 200; round++) {
		/* Sparse, dense and random maps; garbage past @size must be ignored. */
		for (i = 0; i < BITS_TO_LONGS(300); i++) {
			unsigned long r = ((unsigned long)prandom_u32_state(&rnd) << 32) |
					  prandom_u32_state(&rnd);

			a[i] = round % 3 == 0 ? r & (r >> 7) & (r >> 13) :
			       round % 3 == 1 ? r | (r >> 5) | (r >> 11) : r;
			b[i] = ((unsigned long)prandom_u32_state(&rnd) << 32) |
			       prandom_u32_state(&rnd);
		}
		size = prandom_u32_state(&rnd) % 301;
		off = prandom_u32_state(&rnd) % (size + 2);

		KUNIT_EXPECT_EQ(test, find_next_bit(a, size, off), ref_next(a, size, off, true));
		KUNIT_EXPECT_EQ(test, find_next_zero_bit(a, size, off),
				ref_next(a, size, off, false));
		KUNIT_EXPECT_EQ(test, find_first_bit(a, size), ref_next(a, size, 0, true));
		KUNIT_EXPECT_EQ(test, find_first_zero_bit(a, size), ref_next(a, size, 0, false));

		last = size;
		for (bit = 0; bit < size; bit++) {
			if (test_bit(bit, a))
				last = bit;
		}
		KUNIT_EXPECT_EQ(test, find_last_bit(a, size), last);

		for (bit = off; bit < size; bit++) {
			if (test_bit(bit, a) && test_bit(bit, b))
				break;
		}
		KUNIT_EXPECT_EQ(test, find_next_and_bit(a, b, size, off), min(bit, size));
		for (bit = off; bit < size; bit++) {
			if (test_bit(bit, a) && !test_bit(bit, b))
				break;
		}
		KUNIT_EXPECT_EQ(test, find_next_andnot_bit(a, b, size, off), min(bit, size));
		for (bit = off; bit < size; bit++) {
			if (test_bit(bit, a) || test_bit(bit, b))
				break;
		}
		KUNIT_EXPECT_EQ(test, find_next_or_bit(a, b, size, off), min(bit, size));

		n = 0;
		for (bit = 0; bit < size; bit++) {
			if (!test_bit(bit, a))
				continue;
			KUNIT_EXPECT_EQ(test, find_nth_bit(a, size, n), bit);
			n++;
		}
		KUNIT_EXPECT_EQ(test, find_nth_bit(a, size, n), size);
		KUNIT_EXPECT_EQ(test, bitmap_weight(a, size), n);
	}
}

static void find_bit_iterators(struct kunit *test)
{
	DECLARE_BITMAP(map, 200) = { 0 };
	static const unsigned int bits[] = { 0, 1, 63, 64, 65, 127, 150, 199 };
	unsigned int bit, b, e, i = 0, count = 0;

	for (b = 0; b < ARRAY_SIZE(bits); b++)
		__set_bit(bits[b], map);
	for_each_set_bit(bit, map, 200)
		KUNIT_EXPECT_EQ(test, bit, bits[i++]);
	KUNIT_EXPECT_EQ(test, i, ARRAY_SIZE(bits));
	for_each_clear_bit(bit, map, 200)
		count++;
	KUNIT_EXPECT_EQ(test, count, 200 - ARRAY_SIZE(bits));
	bit = 64;
	i = 3;
	for_each_set_bit_from(bit, map, 200)
		KUNIT_EXPECT_EQ(test, bit, bits[i++]);
	i = 0;
	for_each_set_bitrange(b, e, map, 200) {
		static const unsigned int ranges[][2] = {
			{ 0, 2 }, { 63, 66 }, { 127, 128 }, { 150, 151 }, { 199, 200 },
		};

		KUNIT_EXPECT_EQ(test, b, ranges[i][0]);
		KUNIT_EXPECT_EQ(test, e, ranges[i][1]);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, 5);
	/* Wrapping: from 150 to the end, then from 0. */
	i = 0;
	for_each_set_bit_wrap(bit, map, 200, 150) {
		static const unsigned int order[] = { 150, 199, 0, 1, 63, 64, 65, 127 };

		KUNIT_EXPECT_EQ(test, bit, order[i++]);
	}
	KUNIT_EXPECT_EQ(test, i, 8);
	KUNIT_EXPECT_EQ(test, find_next_bit_wrap(map, 200, 151), 199);
	KUNIT_EXPECT_EQ(test, find_next_bit_wrap(map, 128, 128), 0);
	bitmap_zero(map, 200);
	KUNIT_EXPECT_EQ(test, find_next_bit_wrap(map, 200, 50), 200);
}

static void bitmap_ops(struct kunit *test)
{
	DECLARE_BITMAP(a, 100);
	DECLARE_BITMAP(b, 100);
	DECLARE_BITMAP(d, 100);
	u32 arr32[4];
	u64 arr64[2];

	bitmap_zero(a, 100);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(a, 100));
	bitmap_fill(b, 100);
	KUNIT_EXPECT_TRUE(test, bitmap_full(b, 100));
	KUNIT_EXPECT_EQ(test, b[1], ~0UL);	/* fill sets the tail bits too */
	KUNIT_EXPECT_EQ(test, bitmap_weight(b, 100), 100);

	bitmap_set(a, 10, 60);		/* 10..69 */
	KUNIT_EXPECT_EQ(test, bitmap_weight(a, 100), 60);
	KUNIT_EXPECT_EQ(test, find_first_bit(a, 100), 10);
	KUNIT_EXPECT_EQ(test, find_last_bit(a, 100), 69);
	bitmap_clear(a, 20, 5);
	KUNIT_EXPECT_EQ(test, bitmap_weight(a, 100), 55);
	KUNIT_EXPECT_FALSE(test, test_bit(22, a));
	bitmap_set(a, 0, 0);
	KUNIT_EXPECT_EQ(test, bitmap_weight(a, 100), 55);

	bitmap_zero(b, 100);
	bitmap_set(b, 60, 40);		/* 60..99 */
	KUNIT_EXPECT_TRUE(test, bitmap_and(d, a, b, 100));
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 10);
	KUNIT_EXPECT_TRUE(test, bitmap_intersects(a, b, 100));
	bitmap_or(d, a, b, 100);
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 85);
	KUNIT_EXPECT_TRUE(test, bitmap_subset(a, d, 100));
	KUNIT_EXPECT_FALSE(test, bitmap_subset(d, a, 100));
	KUNIT_EXPECT_TRUE(test, bitmap_or_equal(a, b, d, 100));
	bitmap_xor(d, a, b, 100);
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 75);
	KUNIT_EXPECT_TRUE(test, bitmap_andnot(d, a, b, 100));
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 45);
	KUNIT_EXPECT_EQ(test, bitmap_weight_and(a, b, 100), 10);
	KUNIT_EXPECT_EQ(test, bitmap_weight_andnot(a, b, 100), 45);
	bitmap_complement(d, a, 100);
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 45);
	bitmap_copy(d, a, 100);
	KUNIT_EXPECT_TRUE(test, bitmap_equal(d, a, 100));
	__set_bit(120, d);		/* past nbits: ignored by comparisons */
	KUNIT_EXPECT_TRUE(test, bitmap_equal(d, a, 100));
	bitmap_copy_clear_tail(d, d, 100);
	KUNIT_EXPECT_FALSE(test, test_bit(120, d));
	bitmap_zero(b, 100);
	KUNIT_EXPECT_FALSE(test, bitmap_and(d, a, b, 100));

	bitmap_zero(a, 100);
	__set_bit(0, a);
	__set_bit(70, a);
	__set_bit(99, a);
	bitmap_shift_left(d, a, 5, 100);
	KUNIT_EXPECT_TRUE(test, test_bit(5, d));
	KUNIT_EXPECT_TRUE(test, test_bit(75, d));
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 2);	/* bit 104 fell off */
	KUNIT_EXPECT_EQ(test, d[1] >> 36, 0UL);
	bitmap_shift_right(d, a, 70, 100);
	KUNIT_EXPECT_TRUE(test, test_bit(0, d));
	KUNIT_EXPECT_TRUE(test, test_bit(29, d));
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 2);
	bitmap_shift_left(d, a, 64, 100);
	KUNIT_EXPECT_TRUE(test, test_bit(64, d));
	KUNIT_EXPECT_EQ(test, bitmap_weight(d, 100), 1);

	bitmap_zero(a, 100);
	bitmap_set(a, 3, 4);
	bitmap_to_arr32(arr32, a, 100);
	KUNIT_EXPECT_EQ(test, arr32[0], 0x78U);
	bitmap_from_arr32(d, (u32[]){ 1, 2, 3, 0xffffffff }, 100);
	KUNIT_EXPECT_EQ(test, d[0], 0x200000001UL);
	KUNIT_EXPECT_EQ(test, d[1], 0xf00000003UL);	/* cleared past bit 100 */
	bitmap_to_arr64(arr64, d, 100);
	KUNIT_EXPECT_EQ(test, arr64[1], 0xf00000003ULL);
	bitmap_from_arr64(d, (u64[]){ 5, ~0ULL }, 70);
	KUNIT_EXPECT_EQ(test, d[1], 0x3fUL);
	bitmap_from_u64(d, 0x1234);
	KUNIT_EXPECT_EQ(test, d[0], 0x1234UL);

	bitmap_zero(a, 100);
	bitmap_write(a, 0xabc, 60, 12);
	KUNIT_EXPECT_EQ(test, bitmap_read(a, 60, 12), 0xabcUL);
	KUNIT_EXPECT_EQ(test, bitmap_read(a, 60, 4), 0xcUL);
	KUNIT_EXPECT_EQ(test, bitmap_read(a, 64, 8), 0xabUL);
	KUNIT_EXPECT_EQ(test, bitmap_read(a, 0, 0), 0UL);
	bitmap_set_value8(a, 0x5a, 8);
	KUNIT_EXPECT_EQ(test, bitmap_get_value8(a, 8), 0x5aUL);
	bitmap_replace(d, a, b, a, 100);	/* take b (all zero) where a is set */
	KUNIT_EXPECT_TRUE(test, bitmap_empty(d, 100));
}

static void bitmap_regions(struct kunit *test)
{
	DECLARE_BITMAP(map, 64);
	unsigned int rs, re;
	unsigned long idx;

	bitmap_zero(map, 64);
	KUNIT_EXPECT_EQ(test, bitmap_find_free_region(map, 64, 3), 0);
	KUNIT_EXPECT_EQ(test, bitmap_find_free_region(map, 64, 2), 8);
	KUNIT_EXPECT_EQ(test, bitmap_weight(map, 64), 12);
	KUNIT_EXPECT_EQ(test, bitmap_allocate_region(map, 8, 1), -EBUSY);
	KUNIT_EXPECT_EQ(test, bitmap_allocate_region(map, 16, 4), 0);
	bitmap_release_region(map, 0, 3);
	KUNIT_EXPECT_EQ(test, bitmap_weight(map, 64), 20);
	KUNIT_EXPECT_EQ(test, bitmap_find_free_region(map, 64, 5), 32);
	KUNIT_EXPECT_EQ(test, bitmap_find_free_region(map, 64, 5), -ENOMEM);

	rs = 0;
	bitmap_next_set_region(map, &rs, &re, 64);
	KUNIT_EXPECT_EQ(test, rs, 8);
	KUNIT_EXPECT_EQ(test, re, 12);

	bitmap_zero(map, 64);
	bitmap_set(map, 0, 3);
	bitmap_set(map, 10, 2);
	idx = bitmap_find_next_zero_area(map, 64, 0, 5, 0);
	KUNIT_EXPECT_EQ(test, idx, 3);
	idx = bitmap_find_next_zero_area(map, 64, 0, 8, 0);
	KUNIT_EXPECT_EQ(test, idx, 12);
	idx = bitmap_find_next_zero_area(map, 64, 0, 4, 7);	/* aligned to 8 */
	KUNIT_EXPECT_EQ(test, idx, 16);
	/* Start at 8n - 2: 6 works, [6, 10) is free. */
	idx = bitmap_find_next_zero_area_off(map, 64, 0, 4, 7, 2);
	KUNIT_EXPECT_EQ(test, idx, 6);
	idx = bitmap_find_next_zero_area_off(map, 64, 7, 4, 7, 2);
	KUNIT_EXPECT_EQ(test, idx, 14);
	idx = bitmap_find_next_zero_area(map, 64, 0, 60, 0);
	KUNIT_EXPECT_GT(test, idx + 60, 64);		/* not found */
}

static void bitmap_allocation(struct kunit *test)
{
	unsigned long *m = bitmap_zalloc(1000, GFP_KERNEL);
	unsigned long *n = bitmap_alloc(70, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(m, 1000));
	bitmap_fill(n, 70);
	bitmap_set(m, 990, 10);
	KUNIT_EXPECT_EQ(test, bitmap_weight(m, 1000), 10);
	bitmap_free(m);
	bitmap_free(n);
	bitmap_free(NULL);
	m = bitmap_zalloc_node(64, GFP_KERNEL, NUMA_NO_NODE);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, m[0], 0UL);
	bitmap_free(m);
}

static struct kunit_case bitops_test_cases[] = {
	KUNIT_CASE(bits_macros),
	KUNIT_CASE(bitops_single_bits),
	KUNIT_CASE(bitops_word_ops),
	KUNIT_CASE(find_bit_random),
	KUNIT_CASE(find_bit_iterators),
	KUNIT_CASE(bitmap_ops),
	KUNIT_CASE(bitmap_regions),
	KUNIT_CASE(bitmap_allocation),
	{}
};

static struct kunit_suite bitops_test_suite = {
	.name = "krt-bitops",
	.test_cases = bitops_test_cases,
};
kunit_test_suite(bitops_test_suite);
