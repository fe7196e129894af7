// SPDX-License-Identifier: MIT
/* Hex conversions and hex dumps, compared with the kernel's exact text. */
#include <kunit/test.h>
#include <krt/printk.h>
#include <linux/kernel.h>
#include <linux/hex.h>
#include <linux/string.h>

static const u8 data[32] = {
	0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
	0x00, 0x09, 0x7f, 0x80, 0xff, 0x20, 0x7e, 0x61,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

static void hexdump_test_hex_to_bin(struct kunit *test)
{
	int c;

	for (c = 0; c < 256; c++) {
		int expect = -1;

		if (c >= '0' && c <= '9')
			expect = c - '0';
		else if (c >= 'a' && c <= 'f')
			expect = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			expect = c - 'A' + 10;
		KUNIT_EXPECT_EQ_MSG(test, hex_to_bin(c), expect, "character %#x", c);
	}
}

static void hexdump_test_hex2bin(struct kunit *test)
{
	u8 out[4] = { 0 };
	char text[9];

	KUNIT_EXPECT_EQ(test, hex2bin(out, "00fFa5C3", 4), 0);
	KUNIT_EXPECT_EQ(test, out[0], 0x00);
	KUNIT_EXPECT_EQ(test, out[1], 0xff);
	KUNIT_EXPECT_EQ(test, out[2], 0xa5);
	KUNIT_EXPECT_EQ(test, out[3], 0xc3);
	KUNIT_EXPECT_EQ(test, hex2bin(out, "12x4", 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, hex2bin(out, "1g", 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, hex2bin(out, "", 0), 0);

	memset(text, 0, sizeof(text));
	KUNIT_EXPECT_PTR_EQ(test, bin2hex(text, "\x01\xab\xff\x00", 4), text + 8);
	KUNIT_EXPECT_STREQ(test, text, "01abff00");
	KUNIT_EXPECT_EQ(test, hex_asc[0xa], 'a');
	KUNIT_EXPECT_EQ(test, hex_asc_upper[0xa], 'A');
	KUNIT_EXPECT_EQ(test, hex_asc_hi(0x5c), '5');
	KUNIT_EXPECT_EQ(test, hex_asc_lo(0x5c), 'c');
	KUNIT_EXPECT_PTR_EQ(test, hex_byte_pack_upper(text, 0xbe), text + 2);
	KUNIT_EXPECT_EQ(test, memcmp(text, "BE", 2), 0);
}

struct row_case {
	size_t len;
	int rowsize;
	int groupsize;
	bool ascii;
	const char *expect;
};

static const struct row_case row_cases[] = {
	{ 16, 16, 1, true,
	  "40 41 42 43 44 45 46 47 00 09 7f 80 ff 20 7e 61  @ABCDEFG..... ~a" },
	{ 16, 16, 1, false, "40 41 42 43 44 45 46 47 00 09 7f 80 ff 20 7e 61" },
	/* Groups are native-endian words. */
	{ 16, 16, 2, true, "4140 4342 4544 4746 0900 807f 20ff 617e  @ABCDEFG..... ~a" },
	{ 16, 16, 4, true, "43424140 47464544 807f0900 617e20ff  @ABCDEFG..... ~a" },
	{ 16, 16, 8, false, "4746454443424140 617e20ff807f0900" },
	/* A short row keeps the ASCII column where a full row puts it. */
	{ 4, 16, 1, true, "40 41 42 43                                      @ABC" },
	{ 4, 16, 4, true, "43424140                             @ABC" },
	/* A length that is not a multiple of the group size falls back to bytes. */
	{ 6, 16, 4, false, "40 41 42 43 44 45" },
	/* Bad group sizes and row sizes fall back to 1 and 16. */
	{ 4, 16, 3, false, "40 41 42 43" },
	{ 20, 20, 1, false, "40 41 42 43 44 45 46 47 00 09 7f 80 ff 20 7e 61" },
	/* 32-byte rows. */
	{ 32, 32, 8, false,
	  "4746454443424140 617e20ff807f0900 1716151413121110 1f1e1d1c1b1a1918" },
	{ 2, 32, 1, true, "40 41                                              "
	  "                                              @A" },
	{ 0, 16, 1, true, "" },
};

static void hexdump_test_to_buffer(struct kunit *test)
{
	char line[200];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(row_cases); i++) {
		const struct row_case *c = &row_cases[i];
		int ret = hex_dump_to_buffer(data, c->len, c->rowsize, c->groupsize, line,
					     sizeof(line), c->ascii);

		KUNIT_EXPECT_STREQ_MSG(test, line, c->expect, "case %zu", i);
		KUNIT_EXPECT_EQ_MSG(test, ret, (int)strlen(c->expect), "case %zu", i);
	}
}

/*
 * A buffer too small for the row: the return value is the length the whole row needs (as if
 * the ASCII column were full), and what is stored is a NUL-terminated prefix of the row.
 */
static void hexdump_test_overflow(struct kunit *test)
{
	size_t i, size;

	for (i = 0; i < ARRAY_SIZE(row_cases); i++) {
		const struct row_case *c = &row_cases[i];
		size_t full = strlen(c->expect);
		int need;

		if (!c->len || c->rowsize != 16)
			continue;
		need = c->ascii ? 16 * 2 + 16 / c->groupsize + 1 + (int)c->len : (int)full;
		if (c->len % c->groupsize || c->groupsize == 3)
			need = c->ascii ? 16 * 2 + 16 + 1 + (int)c->len : (int)full;
		for (size = 0; size <= full; size++) {
			char line[200];
			int ret;

			memset(line, 0x5a, sizeof(line));
			ret = hex_dump_to_buffer(data, c->len, c->rowsize, c->groupsize, line, size,
						 c->ascii);
			if (!size) {
				KUNIT_EXPECT_EQ(test, line[0], 0x5a);
				continue;
			}
			KUNIT_EXPECT_EQ_MSG(test, ret, need, "case %zu size %zu", i, size);
			KUNIT_EXPECT_LT_MSG(test, strlen(line), size, "case %zu size %zu", i, size);
			KUNIT_EXPECT_EQ_MSG(test, strncmp(line, c->expect, strlen(line)), 0,
					    "case %zu size %zu: %s", i, size, line);
			KUNIT_EXPECT_EQ(test, line[size], 0x5a);
		}
	}
}

static void hexdump_test_print(struct kunit *test)
{
	char expect[512];

	krt_printk_capture_begin(false);
	print_hex_dump(KERN_INFO, "pfx: ", DUMP_PREFIX_OFFSET, 16, 1, data, 20, true);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "pfx: 00000000: 40 41 42 43 44 45 46 47 00 09 7f 80 ff 20 7e 61  "
			   "@ABCDEFG..... ~a\n"
			   "pfx: 00000010: 10 11 12 13                   "
			   "                   ....\n");
	krt_printk_capture_reset();
	print_hex_dump(KERN_INFO, "", DUMP_PREFIX_NONE, 32, 4, data, 32, false);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "43424140 47464544 807f0900 617e20ff 13121110 17161514 1b1a1918 "
			   "1f1e1d1c\n");
	/* Addresses are printed like %p: hashed unless no_hash_pointers. */
	krt_printk_capture_reset();
	print_hex_dump(KERN_INFO, "a ", DUMP_PREFIX_ADDRESS, 16, 1, data + 16, 2, false);
	snprintf(expect, sizeof(expect), "a %p: 10 11\n", data + 16);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), expect);
	krt_printk_capture_reset();
	print_hex_dump_bytes("b:", DUMP_PREFIX_NONE, data, 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static struct kunit_case hexdump_test_cases[] = {
	KUNIT_CASE(hexdump_test_hex_to_bin),
	KUNIT_CASE(hexdump_test_hex2bin),
	KUNIT_CASE(hexdump_test_to_buffer),
	KUNIT_CASE(hexdump_test_overflow),
	KUNIT_CASE(hexdump_test_print),
	{}
};

static struct kunit_suite hexdump_test_suite = {
	.name = "hexdump",
	.test_cases = hexdump_test_cases,
};
kunit_test_suite(hexdump_test_suite);
