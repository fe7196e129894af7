// SPDX-License-Identifier: MIT
/* %pGg: gfp masks printed with the kernel's names, composite names first. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/gfp.h>

struct gfp_case {
	gfp_t gfp;
	const char *text;
};

static const struct gfp_case gfp_cases[] = {
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_ATOMIC | __GFP_NOWARN, "GFP_ATOMIC|__GFP_NOWARN" },
	{ GFP_KERNEL | __GFP_ZERO, "GFP_KERNEL|__GFP_ZERO" },
	{ GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ GFP_NOFS | __GFP_NOFAIL, "GFP_NOFS|__GFP_NOFAIL" },
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_KERNEL | __GFP_COMP | __GFP_RETRY_MAYFAIL, "GFP_KERNEL|__GFP_RETRY_MAYFAIL|__GFP_COMP" },
	{ 0, "" },
};

static void gfp_case_desc(const struct gfp_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%#x", (__force unsigned int)c->gfp);
}

KUNIT_ARRAY_PARAM(gfp, gfp_cases, gfp_case_desc);

static void gfp_flags_names(struct kunit *test)
{
	const struct gfp_case *c = test->param_value;
	char buf[256];

	snprintf(buf, sizeof(buf), "%pGg", &c->gfp);
	KUNIT_EXPECT_STREQ(test, buf, c->text);
}

static void gfp_flags_unnamed_bits_in_hex(struct kunit *test)
{
	gfp_t gfp = GFP_KERNEL | (__force gfp_t)(1u << 30);
	char buf[256];

	snprintf(buf, sizeof(buf), "mode:%#x(%pGg)", (__force unsigned int)gfp, &gfp);
	KUNIT_EXPECT_STREQ(test, buf, "mode:0x40000cc0(GFP_KERNEL|0x40000000)");
}

static struct kunit_case gfp_flags_test_cases[] = {
	KUNIT_CASE_PARAM(gfp_flags_names, gfp_gen_params),
	KUNIT_CASE(gfp_flags_unnamed_bits_in_hex),
	{}
};

static struct kunit_suite gfp_flags_test_suite = {
	.name = "gfp_flags",
	.test_cases = gfp_flags_test_cases,
};
kunit_test_suite(gfp_flags_test_suite);
