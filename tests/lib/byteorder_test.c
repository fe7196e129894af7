// SPDX-License-Identifier: MIT
/* Byte order conversions, byte swapping and unaligned accesses. */
#include <kunit/test.h>
#include <asm/byteorder.h>
#include <linux/cache.h>
#include <linux/kernel.h>
#include <linux/swab.h>
#include <linux/unaligned.h>

static void byteorder_conversions(struct kunit *test)
{
	__le32 le = cpu_to_le32(0x11223344);
	__be32 be = cpu_to_be32(0x11223344);
	__be16 be16 = cpu_to_be16(0x1234);
	__le64 le64 = cpu_to_le64(0x0102030405060708ULL);
	__be64 be64 = cpu_to_be64(0x0102030405060708ULL);
	u32 arr[2] = { 1, 2 };
	__be32 barr[2];

	KUNIT_EXPECT_MEMEQ(test, &le, "\x44\x33\x22\x11", 4);
	KUNIT_EXPECT_MEMEQ(test, &be, "\x11\x22\x33\x44", 4);
	KUNIT_EXPECT_MEMEQ(test, &be16, "\x12\x34", 2);
	KUNIT_EXPECT_MEMEQ(test, &le64, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
	KUNIT_EXPECT_MEMEQ(test, &be64, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(le), 0x11223344U);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(be), 0x11223344U);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(be16), 0x1234);
	KUNIT_EXPECT_EQ(test, be64_to_cpu(be64), 0x0102030405060708ULL);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(cpu_to_le16(0xabcd)), 0xabcd);
	KUNIT_EXPECT_EQ(test, be32_to_cpup(&be), 0x11223344U);
	KUNIT_EXPECT_EQ(test, htonl(0x11223344), (__force u32)be);
	KUNIT_EXPECT_EQ(test, ntohs(htons(0x1234)), 0x1234);

	be32_add_cpu(&be, 1);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(be), 0x11223345U);
	le32_add_cpu(&le, 0x100);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(le), 0x11223444U);
	cpu_to_be32_array(barr, arr, 2);
	KUNIT_EXPECT_MEMEQ(test, barr, "\0\0\0\x01\0\0\0\x02", 8);
	be32_to_cpu_array(arr, barr, 2);
	KUNIT_EXPECT_EQ(test, arr[1], 2U);

	KUNIT_EXPECT_EQ(test, swab16(0x1234), 0x3412);
	KUNIT_EXPECT_EQ(test, swab32(0x11223344), 0x44332211U);
	KUNIT_EXPECT_EQ(test, swab64(0x0102030405060708ULL), 0x0807060504030201ULL);
	KUNIT_EXPECT_EQ(test, swahw32(0x11223344), 0x33441122U);
	KUNIT_EXPECT_EQ(test, swahb32(0x11223344), 0x22114433U);
	arr[0] = 0x11223344;
	arr[1] = 0x55667788;
	swab32_array(arr, 2);
	KUNIT_EXPECT_EQ(test, arr[0], 0x44332211U);
	KUNIT_EXPECT_EQ(test, arr[1], 0x88776655U);
}

static void unaligned_access(struct kunit *test)
{
	u8 buf[16];
	u32 v32;
	u64 v64;

	memset(buf, 0, sizeof(buf));
	put_unaligned_le32(0x11223344, buf + 1);
	KUNIT_EXPECT_MEMEQ(test, buf + 1, "\x44\x33\x22\x11", 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(buf + 1), 0x11223344U);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(buf + 1), 0x44332211U);
	put_unaligned_be16(0xabcd, buf + 7);
	KUNIT_EXPECT_MEMEQ(test, buf + 7, "\xab\xcd", 2);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 7), 0xcdab);
	put_unaligned_be64(0x0102030405060708ULL, buf + 3);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(buf + 3), 0x0807060504030201ULL);
	put_unaligned_le64(1, buf + 5);
	KUNIT_EXPECT_EQ(test, get_unaligned_be64(buf + 5), 1ULL << 56);
	put_unaligned_le16(0x1234, buf + 1);
	put_unaligned_be32(0xdeadbeef, buf + 9);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(buf + 9), 0xdeadbeefU);

	put_unaligned_be24(0x123456, buf + 1);
	KUNIT_EXPECT_MEMEQ(test, buf + 1, "\x12\x34\x56", 3);
	KUNIT_EXPECT_EQ(test, get_unaligned_be24(buf + 1), 0x123456U);
	put_unaligned_le24(0x123456, buf + 1);
	KUNIT_EXPECT_MEMEQ(test, buf + 1, "\x56\x34\x12", 3);
	KUNIT_EXPECT_EQ(test, get_unaligned_le24(buf + 1), 0x123456U);
	put_unaligned_be48(0x0102030405a6ULL, buf + 3);
	KUNIT_EXPECT_MEMEQ(test, buf + 3, "\x01\x02\x03\x04\x05\xa6", 6);
	KUNIT_EXPECT_EQ(test, get_unaligned_be48(buf + 3), 0x0102030405a6ULL);

	put_unaligned(0xcafef00dU, (u32 *)(buf + 5));
	v32 = get_unaligned((u32 *)(buf + 5));
	KUNIT_EXPECT_EQ(test, v32, 0xcafef00dU);
	put_unaligned(0x1122334455667788ULL, (u64 *)(buf + 7));
	v64 = get_unaligned((const u64 *)(buf + 7));
	KUNIT_EXPECT_EQ(test, v64, 0x1122334455667788ULL);
}

static void cache_constants(struct kunit *test)
{
	struct aligned {
		char c;
		int x ____cacheline_aligned;
	};

	KUNIT_EXPECT_EQ(test, L1_CACHE_BYTES, 64);
	KUNIT_EXPECT_EQ(test, SMP_CACHE_BYTES, 64);
	KUNIT_EXPECT_EQ(test, L1_CACHE_ALIGN(65), 128);
	KUNIT_EXPECT_EQ(test, cache_line_size(), 64);
	KUNIT_EXPECT_EQ(test, offsetof(struct aligned, x), 64);
	KUNIT_EXPECT_EQ(test, __alignof__(struct cacheline_padding), 64);
}

static struct kunit_case byteorder_test_cases[] = {
	KUNIT_CASE(byteorder_conversions),
	KUNIT_CASE(unaligned_access),
	KUNIT_CASE(cache_constants),
	{}
};

static struct kunit_suite byteorder_test_suite = {
	.name = "krt-byteorder",
	.test_cases = byteorder_test_cases,
};
kunit_test_suite(byteorder_test_suite);
