// SPDX-License-Identifier: MIT
/*
 * krt's headers first, then libc's: the system headers must still compile (no kernel macro
 * may mangle their declarations) and both sets of names must work.
 */
#include <kunit/test.h>
#include <asm/byteorder.h>
#include <linux/bitops.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/random.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

static void glibc_mix_after(struct kunit *test)
{
	char buf[16];
	int v;

	KUNIT_EXPECT_EQ(test, EINVAL, 22);
	KUNIT_EXPECT_EQ(test, ENOTSUPP, 524);
	KUNIT_EXPECT_EQ(test, abs(-9), 9);
	KUNIT_EXPECT_EQ(test, atoi("17"), 17);
	KUNIT_EXPECT_EQ(test, kstrtoint("17", 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 17);
	KUNIT_EXPECT_TRUE(test, isspace(' '));
	KUNIT_EXPECT_TRUE(test, isxdigit('f'));
	KUNIT_EXPECT_EQ(test, tolower('A'), 'a');
	KUNIT_EXPECT_EQ(test, ffs(0x10), 5);
	KUNIT_EXPECT_EQ(test, strscpy(buf, "ok"), 2);
	KUNIT_EXPECT_EQ(test, strcmp(buf, "ok"), 0);
	KUNIT_EXPECT_EQ(test, max(2UL, sizeof(buf)), 16UL);
	KUNIT_EXPECT_EQ(test, (long)time(NULL) > 0, true);
}

static struct kunit_case glibc_mix_after_test_cases[] = {
	KUNIT_CASE(glibc_mix_after),
	{}
};

static struct kunit_suite glibc_mix_after_test_suite = {
	.name = "krt-glibc-mix-after",
	.test_cases = glibc_mix_after_test_cases,
};
kunit_test_suite(glibc_mix_after_test_suite);
