// SPDX-License-Identifier: MIT
/* kstrto*() and simple_strto*(): the kernel's exact acceptance rules and return codes. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>

struct ull_case {
	const char *str;
	unsigned int base;
	int ret;
	unsigned long long val;
};

static const struct ull_case ull_cases[] = {
	{ "0", 10, 0, 0 },
	{ "1", 10, 0, 1 },
	{ "+1", 10, 0, 1 },
	{ "1\n", 10, 0, 1 },
	{ "18446744073709551615", 10, 0, ULLONG_MAX },
	{ "18446744073709551616", 10, -ERANGE, 0 },
	{ "99999999999999999999999", 10, -ERANGE, 0 },
	/* Overflow is reported even when junk follows. */
	{ "99999999999999999999999x", 10, -ERANGE, 0 },
	{ "0x10", 0, 0, 16 },
	{ "0X1f", 0, 0, 31 },
	{ "010", 0, 0, 8 },
	{ "0", 0, 0, 0 },
	{ "10", 0, 0, 10 },
	{ "0x10", 16, 0, 16 },
	{ "10", 16, 0, 16 },
	{ "ffffffffffffffff", 16, 0, ULLONG_MAX },
	{ "10000000000000000", 16, -ERANGE, 0 },
	{ "777", 8, 0, 511 },
	{ "1010", 2, 0, 10 },
	{ "08", 0, -EINVAL, 0 },		/* octal by prefix, 8 is not a digit */
	{ "0x", 0, -EINVAL, 0 },		/* "0" then "x": trailing junk */
	{ "0x", 16, -EINVAL, 0 },		/* prefix but no digits */
	{ "", 10, -EINVAL, 0 },
	{ "\n", 10, -EINVAL, 0 },
	{ "+", 10, -EINVAL, 0 },
	{ "-1", 10, -EINVAL, 0 },		/* no '-' for the unsigned forms */
	{ "-0", 10, -EINVAL, 0 },
	{ " 1", 10, -EINVAL, 0 },		/* no leading space */
	{ "1 ", 10, -EINVAL, 0 },		/* no trailing space */
	{ "1\n\n", 10, -EINVAL, 0 },		/* one newline only */
	{ "1\na", 10, -EINVAL, 0 },
	{ "++1", 10, -EINVAL, 0 },
	{ "12a", 10, -EINVAL, 0 },
	{ "2", 2, -EINVAL, 0 },
};

static void kstrtoull_cases(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ull_cases); i++) {
		const struct ull_case *c = &ull_cases[i];
		unsigned long long v = 0xdeadbeef;
		int ret = kstrtoull(c->str, c->base, &v);

		KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "\"%s\" base %u", c->str, c->base);
		/* The result is only written on success. */
		KUNIT_EXPECT_EQ_MSG(test, v, c->ret ? 0xdeadbeef : c->val, "\"%s\"", c->str);
	}
}

static void kstrtoll_cases(struct kunit *test)
{
	long long v;

	KUNIT_EXPECT_EQ(test, kstrtoll("-9223372036854775808", 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, LLONG_MIN);
	KUNIT_EXPECT_EQ(test, kstrtoll("9223372036854775807", 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, LLONG_MAX);
	KUNIT_EXPECT_EQ(test, kstrtoll("-9223372036854775809", 10, &v), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoll("9223372036854775808", 10, &v), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoll("-0", 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, kstrtoll("-0x10", 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, -16);
	KUNIT_EXPECT_EQ(test, kstrtoll("+5\n", 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 5);
	KUNIT_EXPECT_EQ(test, kstrtoll("-+5", 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoll("+-5", 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoll("--5", 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoll("-", 10, &v), -EINVAL);
}

static void kstrtox_narrow_types(struct kunit *test)
{
	unsigned int ui;
	int si;
	u16 u16v;
	s16 s16v;
	u8 u8v;
	s8 s8v;
	unsigned long ul;
	long sl;
	u32 u32v;
	s32 s32v;
	u64 u64v;
	s64 s64v;

	KUNIT_EXPECT_EQ(test, kstrtouint("4294967295", 10, &ui), 0);
	KUNIT_EXPECT_EQ(test, ui, UINT_MAX);
	KUNIT_EXPECT_EQ(test, kstrtouint("4294967296", 10, &ui), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoint("-2147483648", 10, &si), 0);
	KUNIT_EXPECT_EQ(test, si, INT_MIN);
	KUNIT_EXPECT_EQ(test, kstrtoint("2147483648", 10, &si), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoint("-2147483649", 10, &si), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoint("0x7fffffff", 0, &si), 0);
	KUNIT_EXPECT_EQ(test, si, INT_MAX);
	KUNIT_EXPECT_EQ(test, kstrtou16("65535", 10, &u16v), 0);
	KUNIT_EXPECT_EQ(test, u16v, 65535);
	KUNIT_EXPECT_EQ(test, kstrtou16("65536", 10, &u16v), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtos16("-32768", 10, &s16v), 0);
	KUNIT_EXPECT_EQ(test, s16v, -32768);
	KUNIT_EXPECT_EQ(test, kstrtos16("32768", 10, &s16v), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtou8("255\n", 10, &u8v), 0);
	KUNIT_EXPECT_EQ(test, u8v, 255);
	KUNIT_EXPECT_EQ(test, kstrtou8("256", 10, &u8v), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtou8("-1", 10, &u8v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtos8("-128", 10, &s8v), 0);
	KUNIT_EXPECT_EQ(test, s8v, -128);
	KUNIT_EXPECT_EQ(test, kstrtos8("-129", 10, &s8v), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoul("0xffffffffffffffff", 16, &ul), 0);
	KUNIT_EXPECT_EQ(test, ul, ULONG_MAX);
	KUNIT_EXPECT_EQ(test, kstrtol("-42", 10, &sl), 0);
	KUNIT_EXPECT_EQ(test, sl, -42);
	KUNIT_EXPECT_EQ(test, _kstrtoul("17", 10, &ul), 0);
	KUNIT_EXPECT_EQ(test, ul, 17);
	KUNIT_EXPECT_EQ(test, _kstrtol("-17", 10, &sl), 0);
	KUNIT_EXPECT_EQ(test, sl, -17);
	KUNIT_EXPECT_EQ(test, kstrtou32("12", 0, &u32v), 0);
	KUNIT_EXPECT_EQ(test, u32v, 12);
	KUNIT_EXPECT_EQ(test, kstrtos32("-12", 0, &s32v), 0);
	KUNIT_EXPECT_EQ(test, s32v, -12);
	KUNIT_EXPECT_EQ(test, kstrtou64("012", 0, &u64v), 0);
	KUNIT_EXPECT_EQ(test, u64v, 10);
	KUNIT_EXPECT_EQ(test, kstrtos64("-012", 0, &s64v), 0);
	KUNIT_EXPECT_EQ(test, s64v, -10);
}

static void kstrtobool_cases(struct kunit *test)
{
	static const char * const yes[] = { "y", "Y", "yes", "t", "T", "true", "1", "1\n",
					    "on", "ON", "oN" };
	static const char * const no[] = { "n", "N", "no", "f", "F", "false", "0", "off",
					   "OFF", "oFf" };
	static const char * const bad[] = { "", "x", "o", "o1", "2", " 1", "-1" };
	unsigned int i;
	bool v;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		v = false;
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(yes[i], &v), 0, "\"%s\"", yes[i]);
		KUNIT_EXPECT_TRUE(test, v);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		v = true;
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(no[i], &v), 0, "\"%s\"", no[i]);
		KUNIT_EXPECT_FALSE(test, v);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(bad[i], &v), -EINVAL, "\"%s\"", bad[i]);
	KUNIT_EXPECT_EQ(test, kstrtobool(NULL, &v), -EINVAL);
}

static void kstrtox_from_user(struct kunit *test)
{
	/* Not NUL-terminated: only @count bytes may be read. */
	static const char buf[] = { '1', '2', '3', '4', 'x' };
	int v;
	bool b;
	u8 u8v;

	KUNIT_EXPECT_EQ(test, kstrtoint_from_user((const char __user *)buf, 4, 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1234);
	KUNIT_EXPECT_EQ(test, kstrtoint_from_user((const char __user *)buf, 5, 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtou8_from_user((const char __user *)buf, 3, 10, &u8v), 0);
	KUNIT_EXPECT_EQ(test, u8v, 123);
	KUNIT_EXPECT_EQ(test, kstrtobool_from_user((const char __user *)"on\n", 3, &b), 0);
	KUNIT_EXPECT_TRUE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtoint_from_user(NULL, 2, 10, &v), -EFAULT);
}

static void simple_strtox_cases(struct kunit *test)
{
	char *end;

	KUNIT_EXPECT_EQ(test, simple_strtoul("123abc", &end, 10), 123);
	KUNIT_EXPECT_STREQ(test, end, "abc");
	KUNIT_EXPECT_EQ(test, simple_strtoul("0x1fz", &end, 0), 0x1f);
	KUNIT_EXPECT_STREQ(test, end, "z");
	KUNIT_EXPECT_EQ(test, simple_strtoul("0xz", &end, 0), 0);	/* octal "0", 'x' stops */
	KUNIT_EXPECT_STREQ(test, end, "xz");
	KUNIT_EXPECT_EQ(test, simple_strtoul("0x", &end, 16), 0);	/* prefix skipped */
	KUNIT_EXPECT_STREQ(test, end, "");
	KUNIT_EXPECT_EQ(test, simple_strtol("-77", &end, 10), -77);
	KUNIT_EXPECT_EQ(test, simple_strtoll("-0x10", NULL, 0), -16);
	KUNIT_EXPECT_EQ(test, simple_strtoull("0777", NULL, 0), 511);
	KUNIT_EXPECT_EQ(test, simple_strtoul("xyz", &end, 10), 0);
	KUNIT_EXPECT_STREQ(test, end, "xyz");
	/* No overflow detection: the value wraps. */
	KUNIT_EXPECT_EQ(test, simple_strtoull("18446744073709551617", NULL, 10), 1);
}

static struct kunit_case kstrtox_test_cases[] = {
	KUNIT_CASE(kstrtoull_cases),
	KUNIT_CASE(kstrtoll_cases),
	KUNIT_CASE(kstrtox_narrow_types),
	KUNIT_CASE(kstrtobool_cases),
	KUNIT_CASE(kstrtox_from_user),
	KUNIT_CASE(simple_strtox_cases),
	{}
};

static struct kunit_suite kstrtox_test_suite = {
	.name = "krt-kstrtox",
	.test_cases = kstrtox_test_cases,
};
kunit_test_suite(kstrtox_test_suite);
