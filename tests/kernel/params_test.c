// SPDX-License-Identifier: MIT
/* Command-line parameters: the kernel's splitting rules, typed params, __setup, early_param. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/printk.h>

static int krt_test_int = 5;
static bool krt_test_flag;
static char *krt_test_str;
core_param(krt_test_int, krt_test_int, int, 0644);
core_param(krt_test_flag, krt_test_flag, bool, 0644);
core_param(krt_test_str, krt_test_str, charp, 0644);

static int modparam_value;
module_param_named(modval, modparam_value, int, 0444);

static char setup_seen[64];
static int __init krt_test_setup(char *str)
{
	strscpy(setup_seen, str, sizeof(setup_seen));
	return 1;
}
__setup("krt_test_setup=", krt_test_setup);

static char early_seen[64];
static int early_calls;
static int __init krt_test_early(char *val)
{
	early_calls++;
	strscpy(early_seen, val ?: "(null)", sizeof(early_seen));
	return 0;
}
early_param("krt_test_early", krt_test_early);

static void params_typed_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("krt_test_int=-42 krt_test_flag krt_test_str=abc"), 0);
	KUNIT_EXPECT_EQ(test, krt_test_int, -42);
	KUNIT_EXPECT_TRUE(test, krt_test_flag);
	KUNIT_EXPECT_STREQ(test, krt_test_str, "abc");
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("krt-test-flag=0 krt_test_int=0x10"), 0);
	KUNIT_EXPECT_FALSE(test, krt_test_flag);
	KUNIT_EXPECT_EQ(test, krt_test_int, 16);
}

static void params_module_param_prefix(struct kunit *test)
{
	/* Built with KBUILD_MODNAME "params_test": module params are "params_test.name". */
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("params_test.modval=7"), 0);
	KUNIT_EXPECT_EQ(test, modparam_value, 7);
}

static void params_quotes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("krt_test_str=\"two words\" krt_test_int=3"), 0);
	KUNIT_EXPECT_STREQ(test, krt_test_str, "two words");
	KUNIT_EXPECT_EQ(test, krt_test_int, 3);
}

static void params_invalid_value_reported(struct kunit *test)
{
	krt_printk_capture_begin(false);
	krt_cmdline_apply("krt_test_int=notanumber");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"Booting krt: `notanumber' invalid for parameter `krt_test_int'"));
	krt_printk_capture_end();
}

static void params_unknown_reported_once(struct kunit *test)
{
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("foo=1 krt_test_int=1 bar"), 2);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(),
			   "Unknown kernel command line parameters \"foo=1 bar\", will be passed to user space.\n");
	krt_printk_capture_end();
}

static void params_setup_and_early(struct kunit *test)
{
	early_calls = 0;
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("krt_test_setup=xyz krt_test_early=val"), 0);
	KUNIT_EXPECT_STREQ(test, setup_seen, "xyz");
	KUNIT_EXPECT_EQ(test, early_calls, 1);
	KUNIT_EXPECT_STREQ(test, early_seen, "val");
	/* An early parameter without a value gets NULL. */
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("krt_test_early"), 0);
	KUNIT_EXPECT_STREQ(test, early_seen, "(null)");
}

static void params_setup_quoted_value(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("krt_test_setup=\"a b\""), 0);
	KUNIT_EXPECT_STREQ(test, setup_seen, "a b");
}

static void params_early_param_errors(struct kunit *test)
{
	int saved = console_loglevel;

	krt_printk_capture_begin(false);
	/* A valid early option is quiet; one without its value is malformed (and no crash). */
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("loglevel=7"), 0);
	KUNIT_EXPECT_EQ(test, console_loglevel, 7);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Malformed"));
	krt_cmdline_apply("loglevel");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Malformed early option 'loglevel'"));
	krt_printk_capture_end();
	console_loglevel = saved;
}

static void params_boot_is_done_once(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, krt_booted());
	/* Booting again is refused: the parameters would not be applied. */
	KUNIT_EXPECT_EQ(test, krt_boot("krt_test_int=99"), -EBUSY);
	KUNIT_EXPECT_NE(test, krt_test_int, 99);
}

static void params_double_dash_ends(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("krt_test_int=9 -- krt_test_int=10 whatever"), 0);
	KUNIT_EXPECT_EQ(test, krt_test_int, 9);
}

static void params_memparse(struct kunit *test)
{
	char *end;

	KUNIT_EXPECT_EQ(test, memparse("64M", &end), 64ull << 20);
	KUNIT_EXPECT_STREQ(test, end, "");
	KUNIT_EXPECT_EQ(test, memparse("4k", NULL), 4096ull);
	KUNIT_EXPECT_EQ(test, memparse("2G,rest", &end), 2ull << 30);
	KUNIT_EXPECT_STREQ(test, end, ",rest");
	KUNIT_EXPECT_EQ(test, memparse("0x1000", NULL), 0x1000ull);
	KUNIT_EXPECT_EQ(test, memparse("1T", NULL), 1ull << 40);
}

static void params_get_options(struct kunit *test)
{
	char buf[] = "1,3-5,9";
	char *s = buf;
	int ints[8], v;

	get_options(buf, ARRAY_SIZE(ints), ints);
	KUNIT_EXPECT_EQ(test, ints[0], 5);
	KUNIT_EXPECT_EQ(test, ints[1], 1);
	KUNIT_EXPECT_EQ(test, ints[2], 3);
	KUNIT_EXPECT_EQ(test, ints[4], 5);
	KUNIT_EXPECT_EQ(test, ints[5], 9);
	KUNIT_EXPECT_EQ(test, get_option(&s, &v), 2);
	KUNIT_EXPECT_EQ(test, v, 1);
	KUNIT_EXPECT_TRUE(test, parse_option_str("a,bc,d", "bc"));
	KUNIT_EXPECT_FALSE(test, parse_option_str("a,bcd", "bc"));
}

static void params_parameq(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, parameq("panic-on-warn", "panic_on_warn"));
	KUNIT_EXPECT_FALSE(test, parameq("panic_on_war", "panic_on_warn"));
}

static struct kunit_case params_test_cases[] = {
	KUNIT_CASE(params_typed_values),
	KUNIT_CASE(params_module_param_prefix),
	KUNIT_CASE(params_quotes),
	KUNIT_CASE(params_invalid_value_reported),
	KUNIT_CASE(params_unknown_reported_once),
	KUNIT_CASE(params_setup_and_early),
	KUNIT_CASE(params_setup_quoted_value),
	KUNIT_CASE(params_early_param_errors),
	KUNIT_CASE(params_boot_is_done_once),
	KUNIT_CASE(params_double_dash_ends),
	KUNIT_CASE(params_memparse),
	KUNIT_CASE(params_get_options),
	KUNIT_CASE(params_parameq),
	{}
};

static struct kunit_suite params_test_suite = {
	.name = "params",
	.test_cases = params_test_cases,
};
kunit_test_suite(params_test_suite);
