// SPDX-License-Identifier: MIT
/* The kernel-only string helpers of <linux/string.h> and the kernel's ctype table. */
#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

static void string_strscpy(struct kunit *test)
{
	char buf[8];
	char big[16];

	memset(buf, 'X', sizeof(buf));
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abc"), 3);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, buf[4], 'X');	/* no padding */
	KUNIT_EXPECT_EQ(test, strscpy(buf, "1234567"), 7);
	KUNIT_EXPECT_EQ(test, strscpy(buf, "12345678"), -E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "1234567");	/* truncated but terminated */
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abcdef", 4), -E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, strscpy(buf, "", 1), 0);
	KUNIT_EXPECT_STREQ(test, buf, "");
	buf[0] = 'Q';
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abc", 0), -E2BIG);
	KUNIT_EXPECT_EQ(test, buf[0], 'Q');	/* size 0: nothing written */

	memset(big, 'X', sizeof(big));
	KUNIT_EXPECT_EQ(test, strscpy_pad(big, "hi"), 2);
	KUNIT_EXPECT_STREQ(test, big, "hi");
	KUNIT_EXPECT_TRUE(test, mem_is_zero(big + 2, sizeof(big) - 2));
	memset(big, 'X', sizeof(big));
	KUNIT_EXPECT_EQ(test, strscpy_pad(big, "hello", 4), -E2BIG);
	KUNIT_EXPECT_STREQ(test, big, "hel");
	KUNIT_EXPECT_EQ(test, big[4], 'X');
}

static void string_strlcat_and_search(struct kunit *test)
{
	char buf[10] = "abc";
	const char *s = "hello world";

	KUNIT_EXPECT_EQ(test, strlcat(buf, "defgh", sizeof(buf)), 8);
	KUNIT_EXPECT_STREQ(test, buf, "abcdefgh");
	KUNIT_EXPECT_EQ(test, strlcat(buf, "12345", sizeof(buf)), 13);
	KUNIT_EXPECT_STREQ(test, buf, "abcdefgh1");

	KUNIT_EXPECT_PTR_EQ(test, strnstr(s, "world", 11), s + 6);
	KUNIT_EXPECT_NULL(test, strnstr(s, "world", 10));
	KUNIT_EXPECT_PTR_EQ(test, strnstr(s, "", 0), s);
	KUNIT_EXPECT_PTR_EQ(test, strnchr(s, 5, 'o'), s + 4);
	KUNIT_EXPECT_NULL(test, strnchr(s, 4, 'o'));
	KUNIT_EXPECT_PTR_EQ(test, strnchr(s, 20, '\0'), &s[11]);
	KUNIT_EXPECT_PTR_EQ(test, strnchrnul(s, 3, 'o'), s + 3);
	KUNIT_EXPECT_PTR_EQ(test, strnchrnul(s, 20, 'z'), s + 11);
	KUNIT_EXPECT_PTR_EQ(test, strchrnul(s, 'z'), s + 11);
	KUNIT_EXPECT_TRUE(test, strstarts(s, "hell"));
	KUNIT_EXPECT_FALSE(test, strstarts(s, "help"));
	KUNIT_EXPECT_EQ(test, str_has_prefix(s, "hello"), 5);
	KUNIT_EXPECT_EQ(test, str_has_prefix(s, "world"), 0);
	KUNIT_EXPECT_STREQ(test, kbasename("/a/b/c.txt"), "c.txt");
	KUNIT_EXPECT_STREQ(test, kbasename("plain"), "plain");
}

static void string_memory(struct kunit *test)
{
	u8 buf[100];
	u16 b16[5];
	u32 b32[5];
	u64 b64[5];
	loff_t pos = 0;
	char out[8];
	int i;

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0xaa, sizeof(buf)));
	/* Every position, every alignment of the start. */
	for (i = 0; i < 100; i++) {
		buf[i] = 0;
		KUNIT_EXPECT_PTR_EQ(test, memchr_inv(buf, 0xaa, sizeof(buf)), &buf[i]);
		KUNIT_EXPECT_PTR_EQ(test, memchr_inv(buf + (i ? i - 1 : 0), 0xaa, 100 - i + 1 - !i),
				    &buf[i]);
		buf[i] = 0xaa;
	}
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0, 0));
	memset(buf, 0, sizeof(buf));
	KUNIT_EXPECT_TRUE(test, mem_is_zero(buf, sizeof(buf)));

	memset16(b16, 0xbeef, 4);
	b16[4] = 0;
	memset32(b32, 0xdeadbeef, 4);
	b32[4] = 0;
	memset64(b64, 0x0123456789abcdefULL, 4);
	b64[4] = 0;
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, b16[i], 0xbeef);
		KUNIT_EXPECT_EQ(test, b32[i], 0xdeadbeef);
		KUNIT_EXPECT_EQ(test, b64[i], 0x0123456789abcdefULL);
	}
	KUNIT_EXPECT_EQ(test, b16[4] + b32[4] + b64[4], 0);

	memset(buf, 0, sizeof(buf));
	buf[37] = 7;
	KUNIT_EXPECT_PTR_EQ(test, memscan(buf, 7, sizeof(buf)), &buf[37]);
	KUNIT_EXPECT_PTR_EQ(test, memscan(buf, 9, sizeof(buf)), &buf[100]);
	buf[3] = 0xff;
	buf[64] = 0x0f;
	KUNIT_EXPECT_EQ(test, memweight(buf, sizeof(buf)), 3 + 8 + 4);
	KUNIT_EXPECT_EQ(test, memweight(buf + 1, 99), 3 + 8 + 4);

	memcpy_and_pad(out, sizeof(out), "abc", 3, '*');
	KUNIT_EXPECT_MEMEQ(test, out, "abc*****", 8);
	memcpy_and_pad(out, 4, "abcdef", 6, '*');
	KUNIT_EXPECT_MEMEQ(test, out, "abcd", 4);

	KUNIT_EXPECT_EQ(test, memory_read_from_buffer(out, 4, &pos, "0123456789", 10), 4);
	KUNIT_EXPECT_EQ(test, pos, 4);
	KUNIT_EXPECT_EQ(test, memory_read_from_buffer(out, 8, &pos, "0123456789", 10), 6);
	KUNIT_EXPECT_MEMEQ(test, out, "456789", 6);
	KUNIT_EXPECT_EQ(test, memory_read_from_buffer(out, 8, &pos, "0123456789", 10), 0);
	pos = -1;
	KUNIT_EXPECT_EQ(test, memory_read_from_buffer(out, 8, &pos, "0123456789", 10), -EINVAL);
}

struct layout {
	int a;
	char b;
	long c;
	char d[6];
	char e[4];
};

static void string_struct_fill(struct kunit *test)
{
	struct layout l;
	char src[] = "xyz";

	memset(&l, 0x11, sizeof(l));
	memset_after(&l, 0, b);
	KUNIT_EXPECT_EQ(test, l.b, 0x11);
	KUNIT_EXPECT_EQ(test, l.c, 0);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(&l.c, sizeof(l) - offsetof(struct layout, c)));
	memset(&l, 0x11, sizeof(l));
	memset_startat(&l, 0, c);
	KUNIT_EXPECT_EQ(test, l.b, 0x11);
	KUNIT_EXPECT_EQ(test, l.c, 0);

	strtomem_pad(l.d, "abcdefgh", '#');
	KUNIT_EXPECT_MEMEQ(test, l.d, "abcdef", 6);
	strtomem_pad(l.d, "ab", '#');
	KUNIT_EXPECT_MEMEQ(test, l.d, "ab####", 6);
	memcpy(l.e, "wxyz", 4);
	memtostr(l.d, l.e);
	KUNIT_EXPECT_STREQ(test, l.d, "wxyz");
	memtostr_pad(l.d, src);
	KUNIT_EXPECT_MEMEQ(test, l.d, "xyz\0\0\0", 6);
}

static void string_helpers(struct kunit *test)
{
	static const char * const names[] = { "low", "medium", "high", NULL, "hidden" };
	char trim[] = "  \t padded \n ";
	char repl[] = "a/b/c";
	char *p;

	KUNIT_EXPECT_STREQ(test, skip_spaces("  \n\tx y"), "x y");
	p = strim(trim);
	KUNIT_EXPECT_STREQ(test, p, "padded");
	KUNIT_EXPECT_STREQ(test, strstrip(trim), "padded");	/* idempotent */
	KUNIT_EXPECT_PTR_EQ(test, strreplace(repl, '/', '_'), repl);
	KUNIT_EXPECT_STREQ(test, repl, "a_b_c");

	KUNIT_EXPECT_TRUE(test, sysfs_streq("on", "on"));
	KUNIT_EXPECT_TRUE(test, sysfs_streq("on\n", "on"));
	KUNIT_EXPECT_TRUE(test, sysfs_streq("on", "on\n"));
	/* Only what is left after the common part counts: "" against "\n". */
	KUNIT_EXPECT_TRUE(test, sysfs_streq("on\n", "on\n\n"));
	KUNIT_EXPECT_FALSE(test, sysfs_streq("on\n", "on\n\n\n"));
	KUNIT_EXPECT_FALSE(test, sysfs_streq("on", "o"));
	KUNIT_EXPECT_FALSE(test, sysfs_streq("on\n\n", "on"));

	KUNIT_EXPECT_EQ(test, match_string(names, ARRAY_SIZE(names), "high"), 2);
	KUNIT_EXPECT_EQ(test, match_string(names, ARRAY_SIZE(names), "high\n"), -EINVAL);
	/* A NULL entry ends the search. */
	KUNIT_EXPECT_EQ(test, match_string(names, ARRAY_SIZE(names), "hidden"), -EINVAL);
	KUNIT_EXPECT_EQ(test, __sysfs_match_string(names, ARRAY_SIZE(names), "medium\n"), 1);
	KUNIT_EXPECT_EQ(test, sysfs_match_string(names, "low"), 0);
	KUNIT_EXPECT_EQ(test, sysfs_match_string(names, "none"), -EINVAL);
}

static void ctype_table(struct kunit *test)
{
	int c;

	for (c = 0; c < 128; c++) {
		bool digit = c >= '0' && c <= '9';
		bool upper = c >= 'A' && c <= 'Z';
		bool lower = c >= 'a' && c <= 'z';
		bool space = c == ' ' || (c >= '\t' && c <= '\r');

		KUNIT_EXPECT_EQ_MSG(test, !!isdigit(c), digit, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!isupper(c), upper, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!islower(c), lower, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!isalpha(c), upper || lower, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!isalnum(c), upper || lower || digit, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!isspace(c), space, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!iscntrl(c), c < 32 || c == 127, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!isprint(c), c >= 32 && c < 127, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!isgraph(c), c > 32 && c < 127, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!ispunct(c), c > 32 && c < 127 && !upper && !lower &&
				    !digit, "%d", c);
		KUNIT_EXPECT_EQ_MSG(test, !!isxdigit(c), digit || (c >= 'a' && c <= 'f') ||
				    (c >= 'A' && c <= 'F'), "%d", c);
		KUNIT_EXPECT_EQ(test, tolower(c), upper ? c + 32 : c);
		KUNIT_EXPECT_EQ(test, toupper(c), lower ? c - 32 : c);
	}
	/* Latin-1, as the kernel's table has it. */
	KUNIT_EXPECT_TRUE(test, isupper(0xc9));		/* E acute */
	KUNIT_EXPECT_TRUE(test, islower(0xe9));
	KUNIT_EXPECT_EQ(test, tolower(0xc9), 0xe9);
	KUNIT_EXPECT_TRUE(test, ispunct(0xd7));		/* multiplication sign */
	KUNIT_EXPECT_TRUE(test, isspace(0xa0));		/* no-break space */
	KUNIT_EXPECT_FALSE(test, isprint(0x85));
	KUNIT_EXPECT_FALSE(test, isspace('\0'));
	KUNIT_EXPECT_TRUE(test, isodigit('7'));
	KUNIT_EXPECT_FALSE(test, isodigit('8'));
	KUNIT_EXPECT_EQ(test, _tolower('Q'), 'q');
	KUNIT_EXPECT_TRUE(test, isascii(0x7f));
	KUNIT_EXPECT_FALSE(test, isascii(0x80));
	KUNIT_EXPECT_EQ(test, toascii(0xc1), 0x41);
}

static void string_memcat_p(struct kunit *test)
{
	int x, y, z;
	int *a[] = { &x, &y, NULL };
	int *b[] = { &z, NULL };
	int *empty[] = { NULL };
	int **cat = memcat_p(a, b);

	KUNIT_ASSERT_NOT_NULL(test, cat);
	KUNIT_EXPECT_PTR_EQ(test, cat[0], &x);
	KUNIT_EXPECT_PTR_EQ(test, cat[1], &y);
	KUNIT_EXPECT_PTR_EQ(test, cat[2], &z);
	KUNIT_EXPECT_NULL(test, cat[3]);
	kfree(cat);
	cat = memcat_p(empty, empty);
	KUNIT_ASSERT_NOT_NULL(test, cat);
	KUNIT_EXPECT_NULL(test, cat[0]);
	kfree(cat);
}

static struct kunit_case string_test_cases[] = {
	KUNIT_CASE(string_strscpy),
	KUNIT_CASE(string_strlcat_and_search),
	KUNIT_CASE(string_memory),
	KUNIT_CASE(string_struct_fill),
	KUNIT_CASE(string_helpers),
	KUNIT_CASE(ctype_table),
	KUNIT_CASE(string_memcat_p),
	{}
};

static struct kunit_suite string_test_suite = {
	.name = "krt-string",
	.test_cases = string_test_cases,
};
kunit_test_suite(string_test_suite);
