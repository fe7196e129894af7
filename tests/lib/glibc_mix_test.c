// SPDX-License-Identifier: MIT
/*
 * libc's headers first, then krt's: every krt header that shares a name with a system header
 * (<linux/string.h>, <linux/types.h>, <linux/errno.h>, ...) builds on it rather than replacing
 * it, and kernel macros (abs, isdigit, ffs, ...) do not break libc's declarations. The file
 * glibc_mix_after_test.c checks the other include order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <ctype.h>

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

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void glibc_mix_before(struct kunit *test)
{
	int a[] = { 3, 1, 2 }, b[] = { 3, 1, 2 };
	char buf[8];
	long l;
	struct timespec ts = { 0 };
	pthread_t self = pthread_self();

	/* The same errno numbers, kernel-only ones on top. */
	KUNIT_EXPECT_EQ(test, EINVAL, 22);
	KUNIT_EXPECT_EQ(test, ENOMEM, 12);
	KUNIT_EXPECT_EQ(test, ERANGE, 34);
	KUNIT_EXPECT_EQ(test, EPROBE_DEFER, 517);

	/* libc and kernel helpers side by side. */
	KUNIT_EXPECT_EQ(test, strlen("abc"), 3);
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abcdefghij"), -E2BIG);
	KUNIT_EXPECT_EQ(test, strtol("42", NULL, 10), 42);
	KUNIT_EXPECT_EQ(test, kstrtol("42", 10, &l), 0);
	KUNIT_EXPECT_EQ(test, abs(-5), 5);
	KUNIT_EXPECT_EQ(test, labs(-5L), 5);
	KUNIT_EXPECT_TRUE(test, isdigit('7'));
	KUNIT_EXPECT_EQ(test, ffs(8), 4);
	KUNIT_EXPECT_EQ(test, min(3, 4), 3);
	qsort(a, 3, sizeof(int), cmp_int);
	sort(b, 3, sizeof(int), cmp_int, NULL);
	KUNIT_EXPECT_MEMEQ(test, a, b, sizeof(a));
	KUNIT_EXPECT_EQ(test, timespec_get(&ts, TIME_UTC), TIME_UTC);
	KUNIT_EXPECT_GT(test, (long)ts.tv_sec, 0L);
	KUNIT_EXPECT_TRUE(test, pthread_equal(self, pthread_self()));
	KUNIT_EXPECT_EQ(test, be32_to_cpu(cpu_to_be32(7)), 7U);
	KUNIT_EXPECT_EQ(test, sizeof(u64), sizeof(uint64_t));
	KUNIT_EXPECT_EQ(test, sizeof(ssize_t), sizeof(long));
}

static struct kunit_case glibc_mix_test_cases[] = {
	KUNIT_CASE(glibc_mix_before),
	{}
};

static struct kunit_suite glibc_mix_test_suite = {
	.name = "krt-glibc-mix",
	.test_cases = glibc_mix_test_cases,
};
kunit_test_suite(glibc_mix_test_suite);
