// SPDX-License-Identifier: MIT
/*
 * The kernel's printf: every conversion and %p extension against the text the kernel prints,
 * truncation at every buffer size, and the deviations from C99 that kernel code relies on.
 */
#include <kunit/test.h>
#include <krt/printk.h>
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errname.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "init/boot.h"

#define GUARD 0xa5
#define BUF_SIZE 256

/*
 * Format into buffers of every size from 0 to one more than needed: the return value is always
 * the full length, the stored text its prefix, NUL-terminated, and nothing past the size is
 * touched. Only the first difference of a format is reported.
 */
static void __printf(5, 6) do_test(struct kunit *test, int line, const char *expect, int elen,
				   const char *fmt, ...)
{
	char buf[BUF_SIZE + 1];
	va_list args, copy;
	int size, ret, i, n;

	va_start(args, fmt);
	for (size = 0; size <= elen + 1 && size <= BUF_SIZE; size++) {
		memset(buf, GUARD, sizeof(buf));
		va_copy(copy, args);
		ret = vsnprintf(size ? buf : NULL, size, fmt, copy);
		va_end(copy);
		if (ret != elen) {
			KUNIT_FAIL(test, "line %d: vsnprintf(\"%s\") size %d returned %d, expected %d",
				   line, fmt, size, ret, elen);
			break;
		}
		if (!size)
			continue;
		n = min(size - 1, elen);
		if (memcmp(buf, expect, n) || buf[n] != '\0') {
			KUNIT_FAIL(test, "line %d: \"%s\" size %d gave \"%.*s\", expected \"%.*s\"",
				   line, fmt, size, n + 1, buf, n, expect);
			break;
		}
		for (i = size; i < (int)sizeof(buf); i++)
			if (buf[i] != (char)GUARD)
				break;
		if (i != (int)sizeof(buf)) {
			KUNIT_FAIL(test, "line %d: \"%s\" size %d wrote past the end", line, fmt,
				   size);
			break;
		}
	}
	va_end(args);
}

#define test_fmt(test, expect, fmt, ...) \
	do_test(test, __LINE__, expect, strlen(expect), fmt, ##__VA_ARGS__)

/*
 * Hide a format from the compiler's format checks, to pass what they warn about: flags that
 * C99 ignores but the kernel honours, and conversions the kernel refuses.
 */
static const char *unchecked(const char *fmt)
{
	OPTIMIZER_HIDE_VAR(fmt);
	return fmt;
}

static void vsprintf_test_basic(struct kunit *test)
{
	test_fmt(test, "", "%s", "");
	test_fmt(test, "100%", "100%%");
	test_fmt(test, "xxx%yyy", "xxx%cyyy", '%');
	do_test(test, __LINE__, "xxx\0yyy", 7, "xxx%cyyy", '\0');
	test_fmt(test, "    x|y    |z", "%5c|%-5c|%c", 'x', 'y', 'z');
	test_fmt(test, "a   b", "%c%*c", 'a', 4, 'b');
}

static void vsprintf_test_number(struct kunit *test)
{
	test_fmt(test, "0x1234abcd  ", "%#-12x", 0x1234abcd);
	test_fmt(test, "  0x1234abcd", "%#12x", 0x1234abcd);
	test_fmt(test, "0|001| 12|+123| 1234|-123|-1234", "%d|%03d|%3d|%+d|% d|%+d|% d", 0, 1, 12,
		 123, 1234, -123, -1234);
	test_fmt(test, "0|1|1|128|255", unchecked("%hhu|%hhu|%hhu|%hhu|%hhu"), 0, 1, 257, 128, -1);
	test_fmt(test, "0|1|1|-128|-1", unchecked("%hhd|%hhd|%hhd|%hhd|%hhd"), 0, 1, 257, 128, -1);
	test_fmt(test, "2015122420151225", unchecked("%ho%ho%#ho"), 1037, 5282, -11627);
	/* The kernel prints a zero even with precision 0 (C99 prints nothing). */
	test_fmt(test, "00|0|0|0|0", "%.2d|%.1d|%.0d|%.*d|%1.0d", 0, 0, 0, 0, 0, 0);
	/* ... and "0x0" for %#x of zero, where C99 prints "0". */
	test_fmt(test, "0x0|0|0X0", "%#x|%#o|%#X", 0, 0, 0);
	test_fmt(test, "010|0xff|0XFF|0x0000ff", "%#o|%#x|%#X|%#08x", 8, 255, 255, 255);
	/* '0' still pads when a precision is given, unlike C99. */
	test_fmt(test, "00000005|5       |-0005|    5", unchecked("%08.3d|%-08d|%+05d|% 5d"), 5, 5, -5, 5);
	test_fmt(test, "-2147483648|2147483647|4294967295|ffffffff", "%d|%i|%u|%x", INT_MIN,
		 INT_MAX, UINT_MAX, -1);
	test_fmt(test, "-9223372036854775808|18446744073709551615", "%lld|%llu", LLONG_MIN,
		 ULLONG_MAX);
	test_fmt(test, "-1|18446744073709551615|ffffffffffffffff", "%ld|%lu|%lx", -1L, -1UL, -1UL);
	test_fmt(test, "12345|-5|-6|7|-8|9", "%Lu|%zd|%td|%ju|%jd|%zu", 12345ULL, (ssize_t)-5,
		 (ptrdiff_t)-6, (uintmax_t)7, (intmax_t)-8, (size_t)9);
	test_fmt(test, "ffff|ff|FEDCBA9876543210", unchecked("%hx|%hhx|%llX"), 0x1ffff, 0x1ff,
		 0xfedcba9876543210ULL);
	test_fmt(test, "   42|42   |00042|+42", "%*d|%-*d|%0*d|%+d", 5, 42, 5, 42, 5, 42, 42);
	test_fmt(test, "42   |", "%*d|", -5, 42);
	test_fmt(test, "  0042", "%6.4d", 42);
}

static void vsprintf_test_string(struct kunit *test)
{
	test_fmt(test, "", "%s%.0s", "", "123");
	test_fmt(test, "ABCD|abc|123", "%s|%.3s|%.*s", "ABCD", "abcdef", 3, "123456");
	test_fmt(test, "1  |  2|3  |  4|5  ", "%-3s|%3s|%-*s|%*s|%*s", "1", "2", 3, "3", 3, "4",
		 -3, "5");
	test_fmt(test, "1234      ", "%-10.4s", "123456");
	test_fmt(test, "      1234", "%10.4s", "123456");
	/* The kernel reads "%.s" as no precision and a negative "*" precision as 0. */
	test_fmt(test, "    ", "%4.*s", -5, "123456");
	test_fmt(test, "123456", "%.s", "123456");
	test_fmt(test, "a||", "%.s|%.0s|%.*s", "a", "b", 0, "c");
	test_fmt(test, "a  |   |   ", "%-3.s|%-3.0s|%-3.*s", "a", "b", 0, "c");
}

static void vsprintf_test_bad_string(struct kunit *test)
{
	test_fmt(test, "(null)|    (null)|(nu", unchecked("%s|%10s|%.3s"), (char *)NULL, (char *)NULL,
		 (char *)NULL);
	test_fmt(test, "(efault)|(efault)", "%s|%s", (char *)16, (char *)ERR_PTR(-EINVAL));
}

/* Formats that do not return the same text twice: compared without the size sweep. */
static const char *fmt1(char *buf, size_t size, const char *fmt, const void *p)
{
	snprintf(buf, size, fmt, p);
	return buf;
}

static void vsprintf_test_hashed(struct kunit *test)
{
	void *p = (void *)0xffff0123456789abUL;
	bool saved = no_hash_pointers;
	char a[64], b[64];
	int i;

	no_hash_pointers = false;
	/* 16 characters: 8 zeros, then the 32-bit hash. */
	KUNIT_EXPECT_EQ(test, snprintf(a, sizeof(a), "%p", p), 16);
	KUNIT_EXPECT_EQ(test, strncmp(a, "00000000", 8), 0);
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_TRUE(test, isxdigit(a[i]) && !isupper(a[i]));
	KUNIT_EXPECT_STRNEQ(test, a, "ffff0123456789ab");
	/* The same pointer always gets the same id, in any thread: it is a key, not a counter. */
	KUNIT_EXPECT_STREQ(test, a, fmt1(b, sizeof(b), "%p", p));
	KUNIT_EXPECT_STRNEQ(test, a, fmt1(b, sizeof(b), "%p", (char *)p + 8));
	/* %pK is %p while kptr_restrict is 0; unknown extensions are %p too. */
	KUNIT_EXPECT_STREQ(test, a, fmt1(b, sizeof(b), "%pK", p));
	KUNIT_EXPECT_STREQ(test, a, fmt1(b, sizeof(b), "%pZ", p));
	KUNIT_EXPECT_STREQ(test, a, fmt1(b, sizeof(b), "%pe", p));
	KUNIT_EXPECT_STREQ(test, a, fmt1(b, sizeof(b), "%pWhatever", p));
	/* NULL and error pointers are not addresses: printed as they are. */
	KUNIT_EXPECT_STREQ(test, fmt1(b, sizeof(b), "%p", NULL), "0000000000000000");
	KUNIT_EXPECT_STREQ(test, fmt1(b, sizeof(b), "%p", ERR_PTR(-1)), "ffffffffffffffff");

	no_hash_pointers = true;
	KUNIT_EXPECT_STREQ(test, fmt1(b, sizeof(b), "%p", p), "ffff0123456789ab");
	no_hash_pointers = saved;
}

/* The boot parameter no_hash_pointers: registered as an early option, with the kernel's notice. */
static void vsprintf_test_no_hash_pointers_param(struct kunit *test)
{
	void *p = (void *)0xffff0123456789abUL;
	bool saved = no_hash_pointers;
	struct obs_kernel_param *param;
	char buf[64];

	for (param = krt_setup_params(); param; param = param->next)
		if (!strcmp(param->str, "no_hash_pointers"))
			break;
	KUNIT_ASSERT_NOT_NULL(test, param);
	KUNIT_EXPECT_TRUE(test, param->early);

	no_hash_pointers = false;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, param->setup_func(NULL), 0);
	KUNIT_EXPECT_TRUE(test, no_hash_pointers);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"** This system shows unhashed kernel memory addresses   **\n"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("****************************************"
							    "******************\n"), 2U);
	KUNIT_EXPECT_STREQ(test, fmt1(buf, sizeof(buf), "%p", p), "ffff0123456789ab");
	/* A second time changes nothing and says nothing. */
	krt_printk_capture_reset();
	KUNIT_EXPECT_EQ(test, param->setup_func(NULL), 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	no_hash_pointers = saved;
}

static void vsprintf_test_raw_pointer(struct kunit *test)
{
	int saved = kptr_restrict;

	test_fmt(test, "ffff0123456789ab|0000000000000000|0000000000001234",
		 "%px|%px|%px", (void *)0xffff0123456789abUL, NULL, (void *)0x1234);
	/* An explicit width drops the zero padding. */
	/* '#' adds "0x" inside the 16 characters. */
	test_fmt(test, "                1234|1234    |0x00000000001234",
		 unchecked("%20px|%-8px|%#px"), (void *)0x1234,
		 (void *)0x1234, (void *)0x1234);
	kptr_restrict = 2;
	test_fmt(test, "0000000000000000", "%pK", (void *)0xffff0123456789abUL);
	kptr_restrict = saved;
}

/* The functions %pS names: never inlined, so they have an address and a symbol. */
static noinline int vsprintf_test_fn(int x)
{
	return x * 3 + 1;
}

static noinline void *vsprintf_test_return_address(void)
{
	return __builtin_return_address(0);
}

/* Parse the size from "name+0xoff/0xsize". */
static unsigned long symbol_size(const char *text)
{
	const char *slash = strchr(text, '/');

	return slash ? simple_strtoul(slash + 1, NULL, 16) : 0;
}

static void vsprintf_test_symbol(struct kunit *test)
{
	char *fn = (char *)vsprintf_test_fn;
	char buf[512], buf2[512];
	unsigned long size;

	snprintf(buf, sizeof(buf), "%pS", fn);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "vsprintf_test_fn+0x0/0x", 23), 0);
	size = symbol_size(buf);
	KUNIT_ASSERT_GT(test, size, 0UL);
	snprintf(buf2, sizeof(buf2), "vsprintf_test_fn+0x0/0x%lx", size);
	KUNIT_EXPECT_STREQ(test, buf, buf2);

	test_fmt(test, "vsprintf_test_fn", "%ps", fn);
	test_fmt(test, "[vsprintf_test_fn  ]", "[%-18ps]", fn);
	snprintf(buf2, sizeof(buf2), "vsprintf_test_fn+0x3/0x%lx", size);
	test_fmt(test, buf2, "%pS", fn + 3);
	test_fmt(test, buf2, "%pSR", fn + 3);
	test_fmt(test, buf2, "%pB", fn + 3);
	test_fmt(test, buf2, "%pBabc", fn + 3);

	/*
	 * A return address just past the end of the function (after a call that does not
	 * return) still belongs to it for %pB, not for %pS.
	 */
	snprintf(buf2, sizeof(buf2), "vsprintf_test_fn+0x%lx/0x%lx", size, size);
	test_fmt(test, buf2, "%pB", fn + size);
	snprintf(buf, sizeof(buf), "%pS", fn + size);
	KUNIT_EXPECT_STRNEQ(test, buf, buf2);

	/* A real return address names the function that made the call. */
	snprintf(buf, sizeof(buf), "%pB", vsprintf_test_return_address());
	KUNIT_EXPECT_EQ(test, strncmp(buf, "vsprintf_test_symbol+0x", 23), 0);

	/* Addresses in no symbol print as a number. */
	test_fmt(test, "0x1234|0x1234|0x1234", "%pS|%ps|%pB", (void *)0x1234, (void *)0x1234,
		 (void *)0x1234);
}

static void vsprintf_test_symbol_line(struct kunit *test)
{
	char *fn = (char *)vsprintf_test_fn;
	char buf[512], expect[512];
	int line = 0;
	const char *at;

	/* The "b" forms add the source position, relative to the build directory. */
	snprintf(buf, sizeof(buf), "%pSb", fn);
	snprintf(expect, sizeof(expect), "vsprintf_test_fn+0x0/0x%lx %s:", symbol_size(buf),
		 __FILE__);
	KUNIT_EXPECT_EQ_MSG(test, strncmp(buf, expect, strlen(expect)), 0, "%s", buf);
	at = strrchr(buf, ':');
	KUNIT_ASSERT_NOT_NULL(test, at);
	KUNIT_EXPECT_EQ(test, kstrtoint(at + 1, 10, &line), 0);
	KUNIT_EXPECT_GT(test, line, 0);

	snprintf(buf, sizeof(buf), "%pBb", vsprintf_test_return_address());
	line = __LINE__ - 1;
	snprintf(expect, sizeof(expect), " %s:%d", __FILE__, line);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(buf, expect) != NULL, "%s lacks%s", buf, expect);
	snprintf(buf, sizeof(buf), "%pSRb", vsprintf_test_return_address());
	KUNIT_EXPECT_TRUE_MSG(test, strstr(buf, __FILE__) != NULL, "%s", buf);
	/* Not for %ps, and without "b" there is no source position. */
	test_fmt(test, "vsprintf_test_fn", "%psb", fn);
	snprintf(buf, sizeof(buf), "%pS", fn);
	KUNIT_EXPECT_NULL(test, strchr(buf, ' '));
}

static void vsprintf_test_symbol_module(struct kunit *test)
{
	size_t (*volatile libc_fn)(const char *) = strlen;
	char buf[512];
	const char *mod;

	/*
	 * Code in a shared object is named like module code, "[libc.so.6]" after it (under ASan,
	 * strlen is the sanitizer's, in its own library).
	 */
	snprintf(buf, sizeof(buf), "%pS", libc_fn);
	mod = strstr(buf, " [");
	if (!mod)
		kunit_skip(test, "strlen is not in a shared object here: %s", buf);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(buf, "+0x0/0x") != NULL, "%s", buf);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(mod, ".so") != NULL, "%s", buf);
	KUNIT_EXPECT_NULL_MSG(test, strchr(mod, '/'), "%s", buf);
	KUNIT_EXPECT_EQ(test, buf[strlen(buf) - 1], ']');
}

static void vsprintf_test_errptr(struct kunit *test)
{
	test_fmt(test, "-ENOMEM|-EINVAL|-EIO", "%pe|%pe|%pe", ERR_PTR(-ENOMEM), ERR_PTR(-EINVAL),
		 ERR_PTR(-EIO));
	/* Aliases print as the name of their number, as in the kernel's table. */
	test_fmt(test, "-EAGAIN|-EDEADLK|-EOPNOTSUPP", "%pe|%pe|%pe", ERR_PTR(-EWOULDBLOCK),
		 ERR_PTR(-EDEADLOCK), ERR_PTR(-EOPNOTSUPP));
	test_fmt(test, "-EPROBE_DEFER|-ENOTSUPP|-ERESTARTSYS|-ERECALLCONFLICT", "%pe|%pe|%pe|%pe",
		 ERR_PTR(-EPROBE_DEFER), ERR_PTR(-ENOTSUPP), ERR_PTR(-ERESTARTSYS),
		 ERR_PTR(-ERECALLCONFLICT));
	/* Numbers without a name print as numbers. */
	test_fmt(test, "-4000|-531|-4095|-EPERM", "%pe|%pe|%pe|%pe", ERR_PTR(-4000), ERR_PTR(-531),
		 ERR_PTR(-4095), ERR_PTR(-1));
	test_fmt(test, "[-ENOMEM  ]", "[%-9pe]", ERR_PTR(-ENOMEM));
}

static void vsprintf_test_errname(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, errname(EIO), "EIO");
	KUNIT_EXPECT_STREQ(test, errname(-EIO), "-EIO");
	KUNIT_EXPECT_STREQ(test, errname(-E2BIG), "-E2BIG");
	KUNIT_EXPECT_STREQ(test, errname(-EHWPOISON), "-EHWPOISON");
	KUNIT_EXPECT_STREQ(test, errname(EPROBE_DEFER), "EPROBE_DEFER");
	KUNIT_EXPECT_NULL(test, errname(0));
	KUNIT_EXPECT_NULL(test, errname(ENOGRACE));	/* not in the kernel's table either */
	KUNIT_EXPECT_NULL(test, errname(300));
	KUNIT_EXPECT_NULL(test, errname(-100000));
	KUNIT_EXPECT_NULL(test, errname(INT_MIN));
}

static void vsprintf_test_hex_string(struct kunit *test)
{
	static const u8 buf[70] = { 0x00, 0x01, 0x02, 0xab, 0xcd, 0xef, 0x10 };
	char expect[129];

	test_fmt(test, "00", "%ph", buf);
	test_fmt(test, "00 01 02 ab", "%4ph", buf);
	test_fmt(test, "00:01:02:ab", "%4phC", buf);
	test_fmt(test, "00-01-02-ab", "%4phD", buf);
	test_fmt(test, "000102ab", "%4phN", buf);
	test_fmt(test, "000102abcdef", "%*phN", 6, buf);
	/* "%0ph" has the 0 flag, not a width of 0: one byte. A width of 0 prints nothing. */
	test_fmt(test, "00||", unchecked("%0ph|%*ph|"), buf, 0, buf);
	test_fmt(test, "(null)", "%4ph", NULL);
	test_fmt(test, "(efault)", "%4phC", ERR_PTR(-ENOMEM));
	/* At most 64 bytes. */
	memset(expect, '0', 128);
	memcpy(expect, "000102abcdef10", 14);
	expect[128] = '\0';
	test_fmt(test, expect, "%70phN", buf);
}

static void vsprintf_test_mac(struct kunit *test)
{
	static const u8 mac[6] = { 0x2d, 0x48, 0xd6, 0xfc, 0x7a, 0x05 };

	test_fmt(test, "2d:48:d6:fc:7a:05", "%pM", mac);
	test_fmt(test, "05:7a:fc:d6:48:2d", "%pMR", mac);
	test_fmt(test, "2d-48-d6-fc-7a-05", "%pMF", mac);
	test_fmt(test, "2d48d6fc7a05", "%pm", mac);
	test_fmt(test, "057afcd6482d", "%pmR", mac);
	test_fmt(test, "2d:48:d6:fc:7a:05:", "%pM:", mac);
	test_fmt(test, "   2d:48:d6:fc:7a:05", "%20pM", mac);
	test_fmt(test, "(null)|(efault)", "%pM|%pm", NULL, (void *)8);
}

static void vsprintf_test_ipv4(struct kunit *test)
{
	static const u8 ip[4] = { 127, 0, 1, 10 };
	u32 host = 0x7f00010a;	/* 127.0.1.10 in host order */

	test_fmt(test, "127.0.1.10", "%pI4", ip);
	test_fmt(test, "127.000.001.010", "%pi4", ip);
	test_fmt(test, "127.0.1.10|10.1.0.127", "%pI4n|%pI4l", ip, ip);
	test_fmt(test, "127.0.1.10|127.000.001.010", "%pI4h|%pi4h", &host, &host);
	test_fmt(test, "255.255.255.255", "%pI4", "\xff\xff\xff\xff");
	test_fmt(test, "(%pI?)|(%pi?)", "%pI|%pi5", ip, ip);
}

static void vsprintf_test_ipv6(struct kunit *test)
{
	static const u8 doc[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const u8 zero[16];
	static const u8 loopback[16] = { [15] = 1 };
	static const u8 mapped[16] = { [10] = 0xff, [11] = 0xff, 1, 2, 3, 4 };
	static const u8 isatap[16] = { 0xfe, 0x80, [10] = 0x5e, [11] = 0xfe, 192, 0, 2, 143 };
	static const u8 tail[16] = { 0, 1, 0, 0, 0, 1 };
	static const u8 ties[16] = { 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1 };
	static const u8 single[16] = { 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 };

	test_fmt(test, "2001:0db8:0000:0000:0000:0000:0000:0001", "%pI6", doc);
	test_fmt(test, "20010db8000000000000000000000001", "%pi6", doc);
	test_fmt(test, "2001:db8::1", "%pI6c", doc);
	test_fmt(test, "::|::1|::ffff:1.2.3.4", "%pI6c|%pI6c|%pI6c", zero, loopback, mapped);
	test_fmt(test, "fe80::5efe:192.0.2.143", "%pI6c", isatap);
	test_fmt(test, "1:0:1::", "%pI6c", tail);
	/* The first of two equally long zero runs is compressed; a single zero is not. */
	test_fmt(test, "1::1:0:0:1:1", "%pI6c", ties);
	test_fmt(test, "1:0:1:1:1:1:1:1", "%pI6c", single);
}

static void vsprintf_test_sockaddr(struct kunit *test)
{
	struct sockaddr_in sa4 = {
		.sin_family = 2,
		.sin_port = __builtin_bswap16(8080),
		.sin_addr.s_addr = __builtin_bswap32(0x01020304),
	};
	struct sockaddr_in6 sa6 = {
		.sin6_family = 10,
		.sin6_port = __builtin_bswap16(80),
		/* The top 4 bits are not part of the flow information. */
		.sin6_flowinfo = __builtin_bswap32(0xf0000000 | 12345),
		.sin6_scope_id = 7,
		.sin6_addr.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
	};
	struct sockaddr_in bad = { .sin_family = 1 };

	test_fmt(test, "1.2.3.4|1.2.3.4:8080|001.002.003.004", "%pIS|%pISp|%piS", &sa4, &sa4,
		 &sa4);
	test_fmt(test, "2001:db8::1|[2001:db8::1]:80", "%pISc|%pISpc", &sa6, &sa6);
	test_fmt(test, "[2001:0db8:0000:0000:0000:0000:0000:0001]:80/12345%7", "%pISpfs", &sa6);
	test_fmt(test, "(einval)", "%pIS", &bad);
}

static void vsprintf_test_uuid(struct kunit *test)
{
	static const u8 uuid[16] = { 0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xa, 0xb,
				     0xc, 0xd, 0xe, 0xf };

	test_fmt(test, "00010203-0405-0607-0809-0a0b0c0d0e0f", "%pU", uuid);
	test_fmt(test, "00010203-0405-0607-0809-0a0b0c0d0e0f", "%pUb", uuid);
	test_fmt(test, "00010203-0405-0607-0809-0A0B0C0D0E0F", "%pUB", uuid);
	test_fmt(test, "03020100-0504-0706-0809-0a0b0c0d0e0f", "%pUl", uuid);
	test_fmt(test, "03020100-0504-0706-0809-0A0B0C0D0E0F", "%pUL", uuid);
}

static int __printf(3, 4) vaf_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;
	int n;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	n = snprintf(buf, size, "<%pV>%d", &vaf, 9);
	va_end(args);
	return n;
}

static void vsprintf_test_va_format(struct kunit *test)
{
	char buf[64];
	int size;

	KUNIT_EXPECT_EQ(test, vaf_snprintf(buf, sizeof(buf), "a=%d b=%s", 1, "two"), 12);
	KUNIT_EXPECT_STREQ(test, buf, "<a=1 b=two>9");
	/* The nested output is cut like the rest, and counted whole. */
	for (size = 1; size < 13; size++) {
		KUNIT_EXPECT_EQ(test, vaf_snprintf(buf, size, "a=%d b=%s", 1, "two"), 12);
		KUNIT_EXPECT_EQ(test, strlen(buf), (size_t)size - 1);
		KUNIT_EXPECT_EQ(test, strncmp(buf, "<a=1 b=two>9", size - 1), 0);
	}
	test_fmt(test, "(null)", "%pV", NULL);
}

static void vsprintf_test_address_val(struct kunit *test)
{
	phys_addr_t pa = 0x1234abcd;
	dma_addr_t da = 0xfedcba9876543210ULL;

	test_fmt(test, "0x000000001234abcd|0x000000001234abcd|0xfedcba9876543210", "%pa|%pap|%pad",
		 &pa, &pa, &da);
	test_fmt(test, "(null)", "%pa", NULL);
}

static void vsprintf_test_misc(struct kunit *test)
{
	u32 cc = 0x34325258;
	u32 be = 0x34325258 | (1U << 31);
	u32 ctrl = 0x00115441;
	u64 features = 0x100044;
	unsigned long bits[2] = { 0xf0f, 0x1 };

	test_fmt(test, "XR24 little-endian (0x34325258)", "%p4cc", &cc);
	test_fmt(test, "XR24 big-endian (0xb4325258)", "%p4cc", &be);
	test_fmt(test, "AT.. little-endian (0x00115441)", "%p4cc", &ctrl);
	test_fmt(test, "(%p4?)", "%p4xy", &cc);
	test_fmt(test, "0x0000000000100044|(%pN?)", "%pNF|%pNx", &features, &features);
	/* Bitmaps: the number of bits is the field width. */
	test_fmt(test, "1,00000000,00000f0f|00000f0f|f0f|f", "%*pb|%32pb|%12pb|%4pb", 65, bits,
		 bits, bits, bits);
	test_fmt(test, "0-3,8-11,64|0-3,8-11|0-2|", "%*pbl|%64pbl|%3pbl|%pbl", 65, bits, bits,
		 bits, bits);
	test_fmt(test, "abc|abc|(einval)|(null)", "%pks|%pus|%pkx|%pks", "abc", "abc", "abc", NULL);
	/* A flags kind nobody registered. */
	test_fmt(test, "(%pG?)", "%pGz", &cc);
	/* Error strings are cut at 16 characters unless a precision says otherwise. */
	test_fmt(test, "(nul|      (null)", unchecked("%.4pM|%12pM"), NULL, NULL);
}

static void vsprintf_test_invalid(struct kunit *test)
{
	int n = 0;
	char buf[32];

	/* %n is refused: the output ends where it stood, with a WARN (once per boot). */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, snprintf(buf, sizeof(buf), unchecked("ab%ncd%d"), &n, 5), 2);
	KUNIT_EXPECT_STREQ(test, buf, "ab");
	KUNIT_EXPECT_EQ(test, n, 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Please remove unsupported %n in "
							    "format string"));
	krt_printk_capture_end();
	/* Other unknown conversions too. */
	KUNIT_EXPECT_EQ(test, snprintf(buf, sizeof(buf), unchecked("x%qdy"), 1LL), 1);
	KUNIT_EXPECT_STREQ(test, buf, "x");
	KUNIT_EXPECT_EQ(test, snprintf(buf, sizeof(buf), unchecked("x%"), 1), 1);
	KUNIT_EXPECT_STREQ(test, buf, "x");
}

static void vsprintf_test_variants(struct kunit *test)
{
	char buf[16];

	KUNIT_EXPECT_EQ(test, sprintf(buf, "%d-%s", 42, "x"), 4);
	KUNIT_EXPECT_STREQ(test, buf, "42-x");
	KUNIT_EXPECT_EQ(test, scnprintf(buf, sizeof(buf), "%s", "0123456789abcdefXYZ"), 15);
	KUNIT_EXPECT_STREQ(test, buf, "0123456789abcde");
	KUNIT_EXPECT_EQ(test, scnprintf(buf, 0, "%s", "abc"), 0);
	KUNIT_EXPECT_EQ(test, scnprintf(buf, sizeof(buf), "%s", "abc"), 3);
	KUNIT_EXPECT_EQ(test, snprintf(buf, 4, "%s", "abcdef"), 6);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, snprintf(NULL, 0, "%d", 12345), 5);

	KUNIT_EXPECT_EQ(test, num_to_str(buf, sizeof(buf), 12345, 0), 5);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "12345", 5), 0);
	KUNIT_EXPECT_EQ(test, num_to_str(buf, sizeof(buf), 7, 4), 4);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "   7", 4), 0);
	KUNIT_EXPECT_EQ(test, num_to_str(buf, 3, 12345, 0), 0);
	KUNIT_EXPECT_EQ(test, num_to_str(buf, 3, 1, 4), 0);
}

static const char *__printf(2, 3) kasprintf_const_test(gfp_t gfp, const char *fmt, ...)
{
	const char *p;
	va_list args;

	va_start(args, fmt);
	p = kvasprintf_const(gfp, fmt, args);
	va_end(args);
	return p;
}

static void vsprintf_test_kasprintf(struct kunit *test)
{
	const char *c;
	char *p;

	p = kasprintf(GFP_KERNEL, "%s-%d-%pe", "x", 42, ERR_PTR(-EIO));
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_STREQ(test, p, "x-42--EIO");
	kfree(p);
	p = kasprintf(GFP_KERNEL, "%s", "");
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_STREQ(test, p, "");
	kfree(p);
	/* The memory fits the text whatever its length. */
	p = kasprintf(GFP_KERNEL, "%0*d", 5000, 7);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, strlen(p), 5000UL);
	KUNIT_EXPECT_EQ(test, p[4999], '7');
	kfree(p);

	c = kasprintf_const_test(GFP_KERNEL, "constant text");
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_STREQ(test, c, "constant text");
	kfree_const(c);
	c = kasprintf_const_test(GFP_KERNEL, "%s", "abc");
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_STREQ(test, c, "abc");
	kfree_const(c);
	c = kasprintf_const_test(GFP_KERNEL, "<%d>", 5);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_STREQ(test, c, "<5>");
	kfree_const(c);
}

static struct kunit_case vsprintf_test_cases[] = {
	KUNIT_CASE(vsprintf_test_basic),
	KUNIT_CASE(vsprintf_test_number),
	KUNIT_CASE(vsprintf_test_string),
	KUNIT_CASE(vsprintf_test_bad_string),
	KUNIT_CASE(vsprintf_test_hashed),
	KUNIT_CASE(vsprintf_test_no_hash_pointers_param),
	KUNIT_CASE(vsprintf_test_raw_pointer),
	KUNIT_CASE(vsprintf_test_symbol),
	KUNIT_CASE(vsprintf_test_symbol_line),
	KUNIT_CASE(vsprintf_test_symbol_module),
	KUNIT_CASE(vsprintf_test_errptr),
	KUNIT_CASE(vsprintf_test_errname),
	KUNIT_CASE(vsprintf_test_hex_string),
	KUNIT_CASE(vsprintf_test_mac),
	KUNIT_CASE(vsprintf_test_ipv4),
	KUNIT_CASE(vsprintf_test_ipv6),
	KUNIT_CASE(vsprintf_test_sockaddr),
	KUNIT_CASE(vsprintf_test_uuid),
	KUNIT_CASE(vsprintf_test_va_format),
	KUNIT_CASE(vsprintf_test_address_val),
	KUNIT_CASE(vsprintf_test_misc),
	KUNIT_CASE(vsprintf_test_invalid),
	KUNIT_CASE(vsprintf_test_variants),
	KUNIT_CASE(vsprintf_test_kasprintf),
	{}
};

static struct kunit_suite vsprintf_test_suite = {
	.name = "vsprintf",
	.test_cases = vsprintf_test_cases,
};
kunit_test_suite(vsprintf_test_suite);
