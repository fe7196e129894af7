// SPDX-License-Identifier: MIT
/*
 * Tests of KUnit itself: the KTAP text, the failure texts of every kind of check, assertions
 * ending only their case, skips, parameters, and the init/exit sequence. Inner suites are run
 * with kunit_krt_run_suites() and their output captured, so that failing on purpose does not
 * fail this suite.
 */
#include <kunit/test.h>
#include <krt/kunit.h>
#include <linux/err.h>
#include <linux/string.h>

#include "kunit_test_util.h"

/* ---- the complete KTAP text of a small suite ---------------------------------------------- */

static int demo_fail_line;

static void demo_pass(struct kunit *test)
{
	kunit_info(test, "hello %d", 42);
}

static void demo_fail(struct kunit *test)
{
	int a = 1;

	demo_fail_line = __LINE__; KUNIT_EXPECT_EQ(test, a, 2);
}

static void demo_skip(struct kunit *test)
{
	kunit_skip(test, "no %s", "hardware");
}

static const int demo_values[] = { 1, 2 };

static void demo_value_desc(const int *value, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "value %d", *value);
}

KUNIT_ARRAY_PARAM(demo_values, demo_values, demo_value_desc);

static void demo_param(struct kunit *test)
{
	const int *value = test->param_value;

	if (*value == 2)
		kunit_skip(test, "two");
}

static void demo_slow(struct kunit *test)
{
}

static struct kunit_case ktap_demo_cases[] = {
	KUNIT_CASE(demo_pass),
	KUNIT_CASE(demo_fail),
	KUNIT_CASE(demo_skip),
	KUNIT_CASE_PARAM(demo_param, demo_values_gen_params),
	KUNIT_CASE_SLOW(demo_slow),
	{}
};

static struct kunit_suite ktap_demo_suite = {
	.name = "ktap_demo",
	.test_cases = ktap_demo_cases,
};

static void kunit_ktap_text_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;
	char *expected;

	text = kunit_test_run_captured(test, &ktap_demo_suite, NULL, &result);
	expected = kunit_kzalloc(test, 4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, expected);
	snprintf(expected, 4096,
		 "KTAP version 1\n"
		 "1..1\n"
		 "    KTAP version 1\n"
		 "    # Subtest: ktap_demo\n"
		 "    # module: kunit_test\n"
		 "    1..5\n"
		 "    # demo_pass: hello 42\n"
		 "    ok 1 demo_pass\n"
		 "    # demo_fail: EXPECTATION FAILED at %s:%d\n"
		 "    Expected a == 2, but\n"
		 "        a == 1 (0x1)\n"
		 "    not ok 2 demo_fail\n"
		 "    ok 3 demo_skip # SKIP no hardware\n"
		 "        KTAP version 1\n"
		 "        # Subtest: demo_param\n"
		 "        ok 1 value 1\n"
		 "        ok 2 value 2 # SKIP two\n"
		 "    # demo_param: pass:1 fail:0 skip:1 total:2\n"
		 "    ok 4 demo_param\n"
		 "    # demo_slow.speed: slow\n"
		 "    ok 5 demo_slow\n"
		 "# ktap_demo: pass:3 fail:1 skip:1 total:5\n"
		 "# Totals: pass:3 fail:1 skip:2 total:6\n"
		 "not ok 1 ktap_demo\n",
		 __FILE__, demo_fail_line);
	KUNIT_EXPECT_STREQ(test, text, expected);

	KUNIT_EXPECT_EQ(test, result.passed, 3);
	KUNIT_EXPECT_EQ(test, result.failed, 1);
	KUNIT_EXPECT_EQ(test, result.skipped, 2);
	KUNIT_EXPECT_EQ(test, result.total, 6);
	KUNIT_EXPECT_EQ(test, result.suites, 1);
	KUNIT_EXPECT_EQ(test, result.suites_failed, 1);
	KUNIT_EXPECT_EQ(test, ktap_demo_cases[0].status, KUNIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, ktap_demo_cases[1].status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, ktap_demo_cases[2].status, KUNIT_SKIPPED);
	KUNIT_EXPECT_EQ(test, ktap_demo_cases[3].status, KUNIT_SUCCESS);

	/* Running it again gives the same text: nothing carries over between runs. */
	KUNIT_EXPECT_STREQ(test, kunit_test_run_captured(test, &ktap_demo_suite, NULL, &result),
			   expected);
}

/* ---- the failure text of every kind of check ---------------------------------------------- */

static int texts_lines[10];

static void texts_case(struct kunit *test)
{
	bool t_false = false, t_true = true;
	int one = 1, two = 2;
	long minus_one = -1;
	void *p = (void *)0x1234;
	const char *s = "abd";
	void *e = ERR_PTR(-ENOMEM);
	u8 m1[18], m2[18];
	int i;

	for (i = 0; i < 18; i++)
		m1[i] = m2[i] = i;
	m2[1] = 0xaa;
	m2[17] = 0xbb;

	texts_lines[0] = __LINE__; KUNIT_EXPECT_TRUE(test, t_false);
	texts_lines[1] = __LINE__; KUNIT_EXPECT_FALSE_MSG(test, t_true, "because %d", 7);
	texts_lines[2] = __LINE__; KUNIT_EXPECT_EQ(test, one, two);
	texts_lines[3] = __LINE__; KUNIT_EXPECT_LT(test, minus_one, -2);
	texts_lines[4] = __LINE__; KUNIT_EXPECT_PTR_EQ(test, p, NULL);
	texts_lines[5] = __LINE__; KUNIT_EXPECT_STREQ(test, s, "abc");
	texts_lines[6] = __LINE__; KUNIT_EXPECT_NOT_ERR_OR_NULL(test, e);
	texts_lines[7] = __LINE__; KUNIT_EXPECT_MEMEQ(test, m1, m2, sizeof(m1));
	texts_lines[8] = __LINE__; KUNIT_FAIL(test, "plain %s", "failure");
	texts_lines[9] = __LINE__; KUNIT_ASSERT_NULL_MSG(test, p, "p=%d", 3);
	KUNIT_FAIL(test, "not reached");
}

static struct kunit_case texts_cases[] = {
	KUNIT_CASE(texts_case),
	{}
};

static struct kunit_suite texts_suite = {
	.name = "texts",
	.test_cases = texts_cases,
};

/* Append to @buf (of @size bytes). */
static __printf(3, 4) void catf(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf + len, size - len, fmt, args);
	va_end(args);
}

static void kunit_failure_texts_test(struct kunit *test)
{
	const char *null = __stringify(NULL);
	struct kunit_krt_result result;
	const size_t size = 8192;
	const char *text;
	char *exp;

	text = kunit_test_run_captured(test, &texts_suite, NULL, &result);
	exp = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, exp);

#define FAILED_AT(i) catf(exp, size, "    # texts_case: EXPECTATION FAILED at %s:%d\n", \
			  __FILE__, texts_lines[i])
	catf(exp, size, "    1..1\n");
	FAILED_AT(0);
	catf(exp, size, "    Expected t_false to be true, but is false\n");
	FAILED_AT(1);
	catf(exp, size, "    Expected t_true to be false, but is true\n\nbecause 7\n");
	FAILED_AT(2);
	catf(exp, size, "    Expected one == two, but\n"
			"        one == 1 (0x1)\n"
			"        two == 2 (0x2)\n");
	FAILED_AT(3);
	catf(exp, size, "    Expected minus_one < -2, but\n"
			"        minus_one == -1 (0xffffffffffffffff)\n");
	FAILED_AT(4);
	catf(exp, size, "    Expected p == %s, but\n"
			"        p == 0000000000001234\n"
			"        %s == 0000000000000000\n", null, null);
	FAILED_AT(5);
	catf(exp, size, "    Expected s == \"abc\", but\n"
			"        s == \"abd\"\n");
	FAILED_AT(6);
	catf(exp, size, "    Expected e is not error, but is: -12\n");
	FAILED_AT(7);
	catf(exp, size, "    Expected m1 == m2, but\n"
			"        m1 ==\n"
			"         00 <01> 02  03  04  05  06  07  08  09  0a  0b  0c  0d  0e  0f \n"
			"         10 <11>\n"
			"        m2 ==\n"
			"         00 <aa> 02  03  04  05  06  07  08  09  0a  0b  0c  0d  0e  0f \n"
			"         10 <bb>\n");
	FAILED_AT(8);
	catf(exp, size, "plain failure\n");
#undef FAILED_AT
	catf(exp, size, "    # texts_case: ASSERTION FAILED at %s:%d\n", __FILE__, texts_lines[9]);
	catf(exp, size, "    Expected p == %s, but\n"
			"        p == 0000000000001234\n"
			"        %s == 0000000000000000\n"
			"p=3\n"
			"    not ok 1 texts_case\n", null, null);

	KUNIT_EXPECT_TEXT_CONTAINS(test, text, exp);
	KUNIT_EXPECT_TEXT_LACKS(test, text, "not reached");
	KUNIT_EXPECT_EQ(test, result.failed, 1);
}

/* The checks that pass print nothing; the suite passes. */
static void all_pass_case(struct kunit *test)
{
	const u32 array1[] = { 0x0F, 0xFF };
	const u32 array2[] = { 0x1F, 0xFF };

	KUNIT_SUCCEED(test);
	KUNIT_EXPECT_TRUE(test, true);
	KUNIT_EXPECT_FALSE(test, false);
	KUNIT_EXPECT_EQ(test, 1, 1);
	KUNIT_EXPECT_GE(test, 1, 1);
	KUNIT_EXPECT_LE(test, 1, 1);
	KUNIT_EXPECT_NE(test, 1, 0);
	KUNIT_EXPECT_GT(test, 1, 0);
	KUNIT_EXPECT_LT(test, 0, 1);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, test);
	KUNIT_EXPECT_PTR_EQ(test, NULL, NULL);
	KUNIT_EXPECT_PTR_NE(test, test, NULL);
	KUNIT_EXPECT_NULL(test, NULL);
	KUNIT_EXPECT_NOT_NULL(test, test);
	KUNIT_EXPECT_STREQ(test, "hi", "hi");
	KUNIT_EXPECT_STRNEQ(test, "hi", "bye");
	KUNIT_EXPECT_MEMEQ(test, array1, array1, sizeof(array1));
	KUNIT_EXPECT_MEMNEQ(test, array1, array2, sizeof(array1));
	KUNIT_EXPECT_EQ_MSG(test, 2, 2, "msg %d", 1);
	KUNIT_ASSERT_TRUE(test, true);
	KUNIT_ASSERT_FALSE(test, false);
	KUNIT_ASSERT_EQ(test, 1, 1);
	KUNIT_ASSERT_NE(test, 1, 0);
	KUNIT_ASSERT_LT(test, 0, 1);
	KUNIT_ASSERT_LE(test, 0, 0);
	KUNIT_ASSERT_GT(test, 1, 0);
	KUNIT_ASSERT_GE(test, 0, 0);
	KUNIT_ASSERT_PTR_EQ(test, test, test);
	KUNIT_ASSERT_PTR_NE(test, test, NULL);
	KUNIT_ASSERT_NULL(test, NULL);
	KUNIT_ASSERT_NOT_NULL(test, test);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, test);
	KUNIT_ASSERT_STREQ(test, "a", "a");
	KUNIT_ASSERT_STRNEQ(test, "a", "b");
	KUNIT_ASSERT_MEMEQ(test, array1, array1, sizeof(array1));
	KUNIT_ASSERT_MEMNEQ(test, array1, array2, sizeof(array1));
	KUNIT_ASSERT_GT_MSG(test, sizeof(int), 0, "Your ints are 0-bit?!");
}

/* Each operand of a check is evaluated exactly once. */
static void once_case(struct kunit *test)
{
	int calls = 0;

	KUNIT_EXPECT_EQ(test, ++calls, 1);
	KUNIT_EXPECT_PTR_NE(test, (calls++, test), NULL);
	KUNIT_EXPECT_STREQ(test, (calls++, "x"), "x");
	KUNIT_EXPECT_TRUE(test, ++calls);
	KUNIT_EXPECT_EQ(test, calls, 4);
}

static struct kunit_case all_pass_cases[] = {
	KUNIT_CASE(all_pass_case),
	KUNIT_CASE(once_case),
	{}
};

static struct kunit_suite all_pass_suite = {
	.name = "all_pass",
	.test_cases = all_pass_cases,
};

static void kunit_passing_checks_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	text = kunit_test_run_captured(test, &all_pass_suite, NULL, &result);
	KUNIT_EXPECT_EQ(test, result.passed, 2);
	KUNIT_EXPECT_EQ(test, result.failed, 0);
	KUNIT_EXPECT_TEXT_LACKS(test, text, "FAILED");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "\nok 1 all_pass\n");
}

/* ---- an assertion ends only its own case --------------------------------------------------- */

static bool assert_reached_after;
static bool assert_next_ran;

static void assert_fails(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 1, 2);
	assert_reached_after = true;
}

static void assert_next(struct kunit *test)
{
	assert_next_ran = true;
}

static struct kunit_case assert_cases[] = {
	KUNIT_CASE(assert_fails),
	KUNIT_CASE(assert_next),
	{}
};

static struct kunit_suite assert_suite = {
	.name = "assert_demo",
	.test_cases = assert_cases,
};

static void kunit_assert_aborts_case_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	assert_reached_after = false;
	assert_next_ran = false;
	text = kunit_test_run_captured(test, &assert_suite, NULL, &result);
	KUNIT_EXPECT_FALSE(test, assert_reached_after);
	KUNIT_EXPECT_TRUE(test, assert_next_ran);
	KUNIT_EXPECT_EQ(test, result.failed, 1);
	KUNIT_EXPECT_EQ(test, result.passed, 1);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    # assert_fails: ASSERTION FAILED at ");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "\n    Expected 1 == 2, but\n    not ok 1 assert_fails\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 2 assert_next\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "\nnot ok 1 assert_demo\n");
}

/* ---- skipping -------------------------------------------------------------------------------- */

static bool skip_reached_after;
static bool mark_reached_after;

static void skip_aborts(struct kunit *test)
{
	kunit_skip(test, "reason %d", 1);
	skip_reached_after = true;
}

static void skip_marks(struct kunit *test)
{
	kunit_mark_skipped(test, "marked");
	mark_reached_after = true;
}

static struct kunit_case skip_cases[] = {
	KUNIT_CASE(skip_aborts),
	KUNIT_CASE(skip_marks),
	{}
};

static struct kunit_suite skip_suite = {
	.name = "skip_demo",
	.test_cases = skip_cases,
};

static void kunit_skip_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	skip_reached_after = false;
	mark_reached_after = false;
	text = kunit_test_run_captured(test, &skip_suite, NULL, &result);
	KUNIT_EXPECT_FALSE(test, skip_reached_after);
	KUNIT_EXPECT_TRUE(test, mark_reached_after);
	KUNIT_EXPECT_EQ(test, result.skipped, 2);
	KUNIT_EXPECT_EQ(test, result.passed, 0);
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 1 skip_aborts # SKIP reason 1\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 2 skip_marks # SKIP marked\n");
	/* A suite whose cases were all skipped is skipped, with an empty reason. */
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "\nok 1 skip_demo # SKIP \n");
}

/* ---- parameters ---------------------------------------------------------------------------- */

struct named_param {
	const char *name;
	int value;
};

static const struct named_param named_params[] = {
	{ "first", 10 },
	{ "second", 20 },
	{ "third", 30 },
};

KUNIT_ARRAY_PARAM_DESC(named, named_params, name);

static int param_seen[3];
static int param_priv_was_null;

static void param_named(struct kunit *test)
{
	const struct named_param *p = test->param_value;

	KUNIT_ASSERT_LT(test, test->param_index, 3);
	param_seen[test->param_index] = p->value;
	if (!test->priv)
		param_priv_was_null++;
	test->priv = (void *)p;
	KUNIT_EXPECT_NE(test, p->value, 20);
}

/* A generator that writes no description: parameters are called param-0, param-1... */
static const void *plain_gen(const void *prev, char *desc)
{
	static const int values[] = { 5, 6 };

	if (!prev)
		return &values[0];
	if (prev == &values[0])
		return &values[1];
	return NULL;
}

static void param_plain(struct kunit *test)
{
	kunit_skip(test, "skip %d", *(const int *)test->param_value);
}

/* No parameter at all: the case is skipped without running. */
static const void *empty_gen(const void *prev, char *desc)
{
	return NULL;
}

static void param_never(struct kunit *test)
{
	KUNIT_FAIL(test, "ran without a parameter");
}

static struct kunit_case param_cases[] = {
	KUNIT_CASE_PARAM(param_named, named_gen_params),
	KUNIT_CASE_PARAM(param_plain, plain_gen),
	KUNIT_CASE_PARAM(param_never, empty_gen),
	{}
};

static struct kunit_suite param_suite = {
	.name = "param_demo",
	.test_cases = param_cases,
};

static void kunit_params_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	memset(param_seen, 0, sizeof(param_seen));
	param_priv_was_null = 0;
	text = kunit_test_run_captured(test, &param_suite, NULL, &result);

	KUNIT_EXPECT_EQ(test, param_seen[0], 10);
	KUNIT_EXPECT_EQ(test, param_seen[1], 20);
	KUNIT_EXPECT_EQ(test, param_seen[2], 30);
	/* ->priv starts out NULL for every parameter. */
	KUNIT_EXPECT_EQ(test, param_priv_was_null, 3);

	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "        KTAP version 1\n"
				   "        # Subtest: param_named\n"
				   "        ok 1 first\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "        not ok 2 second\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "        ok 3 third\n"
				   "    # param_named: pass:2 fail:1 skip:0 total:3\n"
				   "    not ok 1 param_named\n");
	/* Every parameter skipped: the case is skipped, with an empty reason. */
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "        ok 1 param-0 # SKIP skip 5\n"
				   "        ok 2 param-1 # SKIP skip 6\n"
				   "    # param_plain: pass:0 fail:0 skip:2 total:2\n"
				   "    ok 2 param_plain # SKIP \n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "        # Subtest: param_never\n"
				   "    ok 3 param_never # SKIP \n");
	KUNIT_EXPECT_TEXT_LACKS(test, text, "ran without a parameter");
	/* A case without parameters is a skipped case, but no parameter run is counted. */
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "# param_demo: pass:0 fail:1 skip:2 total:3\n"
				   "# Totals: pass:2 fail:1 skip:2 total:5\n"
				   "not ok 1 param_demo\n");
	KUNIT_EXPECT_EQ(test, result.total, 5);
	KUNIT_EXPECT_EQ(test, result.passed, 2);
	KUNIT_EXPECT_EQ(test, result.failed, 1);
	KUNIT_EXPECT_EQ(test, result.skipped, 2);
}

/* ---- init, exit, suite_init, suite_exit ---------------------------------------------------- */

static char seq[256];

static void seq_add(const char *what)
{
	size_t len = strlen(seq);

	snprintf(seq + len, sizeof(seq) - len, "%s ", what);
}

static void seq_action(void *data)
{
	seq_add(data);
}

static int seq_suite_init(struct kunit_suite *suite)
{
	seq_add("suite_init");
	return 0;
}

static void seq_suite_exit(struct kunit_suite *suite)
{
	seq_add("suite_exit");
}

static int seq_init(struct kunit *test)
{
	seq_add("init");
	test->priv = "from init";
	if (!strcmp(test->name, "seq_init_fails"))
		return -EINVAL;
	return 0;
}

static void seq_exit(struct kunit *test)
{
	bool exit_ok = strcmp(test->name, "seq_exit_asserts");

	seq_add("exit");
	KUNIT_ASSERT_TRUE(test, exit_ok);
}

static void seq_case(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, (const char *)test->priv, "from init");
	seq_add("case");
	kunit_add_action(test, seq_action, "action1");
	kunit_add_action(test, seq_action, "action2");
}

static void seq_init_fails(struct kunit *test)
{
	seq_add("not-run");
}

static void seq_exit_asserts(struct kunit *test)
{
	seq_add("case2");
}

static struct kunit_case seq_cases[] = {
	KUNIT_CASE(seq_case),
	KUNIT_CASE(seq_init_fails),
	KUNIT_CASE(seq_exit_asserts),
	{}
};

static struct kunit_suite seq_suite = {
	.name = "seq_demo",
	.suite_init = seq_suite_init,
	.suite_exit = seq_suite_exit,
	.init = seq_init,
	.exit = seq_exit,
	.test_cases = seq_cases,
};

static void kunit_init_exit_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	seq[0] = '\0';
	text = kunit_test_run_captured(test, &seq_suite, NULL, &result);
	/* Resources go after exit, newest first; a failed init still gets its exit. */
	KUNIT_EXPECT_STREQ(test, seq,
			   "suite_init init case exit action2 action1 init exit init case2 exit "
			   "suite_exit ");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text, "    ok 1 seq_case\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    # seq_init_fails: failed to initialize: -22\n"
				   "    not ok 2 seq_init_fails\n");
	KUNIT_EXPECT_TEXT_CONTAINS(test, text,
				   "    Expected exit_ok to be true, but is false\n"
				   "    # seq_exit_asserts: test aborted during cleanup. "
				   "continuing without cleaning up\n"
				   "    not ok 3 seq_exit_asserts\n");
	KUNIT_EXPECT_EQ(test, result.failed, 2);
}

static int bad_suite_init(struct kunit_suite *suite)
{
	seq_add("bad_suite_init");
	return -EIO;
}

static struct kunit_suite bad_suite = {
	.name = "bad_suite",
	.suite_init = bad_suite_init,
	.suite_exit = seq_suite_exit,
	.test_cases = seq_cases,
};

static void kunit_suite_init_fails_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	seq[0] = '\0';
	text = kunit_test_run_captured(test, &bad_suite, NULL, &result);
	KUNIT_EXPECT_STREQ(test, text,
			   "KTAP version 1\n"
			   "1..1\n"
			   "    # bad_suite:     # failed to initialize (-5)\n"
			   "not ok 1 bad_suite\n");
	/* No case ran; suite_exit did, to undo what suite_init may have done. */
	KUNIT_EXPECT_STREQ(test, seq, "bad_suite_init suite_exit ");
	KUNIT_EXPECT_EQ(test, result.failed, 3);
	KUNIT_EXPECT_EQ(test, result.suites_failed, 1);
}

/* ---- attributes and the closing line ------------------------------------------------------- */

static void tiny_case(struct kunit *test)
{
}

static struct kunit_case tiny_cases[] = {
	KUNIT_CASE(tiny_case),
	{}
};

static struct kunit_suite tiny_suite = {
	.name = "tiny",
	.attr.speed = KUNIT_SPEED_SLOW,
	.test_cases = tiny_cases,
};

static void kunit_suite_attributes_test(struct kunit *test)
{
	struct kunit_krt_result result;
	const char *text;

	tiny_suite.is_init = true;
	text = kunit_test_run_captured(test, &tiny_suite, NULL, &result);
	tiny_suite.is_init = false;
	/* One case: no count lines. */
	KUNIT_EXPECT_STREQ(test, text,
			   "KTAP version 1\n"
			   "1..1\n"
			   "    KTAP version 1\n"
			   "    # Subtest: tiny\n"
			   "    # speed: slow\n"
			   "    # module: kunit_test\n"
			   "    # is_init: true\n"
			   "    1..1\n"
			   "    ok 1 tiny_case\n"
			   "ok 1 tiny\n");
}

static void kunit_summary_line_test(struct kunit *test)
{
	struct kunit_krt_result result = { .passed = 3, .failed = 1, .skipped = 2, .total = 6 };
	char *text;

	kunit_krt_capture_begin();
	kunit_krt_print_summary(&result);
	text = kunit_kstrdup(test, kunit_krt_capture_text(), GFP_KERNEL);
	kunit_krt_capture_end();
	KUNIT_EXPECT_STREQ(test, text, "3 passed, 1 failed, 2 skipped\n");
}

/* kunit_info() and friends print "    # <test>: <text>" once, newline or not. */
static void kunit_log_lines_test(struct kunit *test)
{
	char *text;

	kunit_krt_capture_begin();
	kunit_info(test, "one %d\n", 1);
	kunit_warn(test, "two");
	kunit_err(&tiny_suite, "three");
	kunit_log(KERN_INFO, test, "raw %s", "line");
	text = kunit_kstrdup(test, kunit_krt_capture_text(), GFP_KERNEL);
	kunit_krt_capture_end();
	KUNIT_EXPECT_STREQ(test, text,
			   "    # kunit_log_lines_test: one 1\n"
			   "    # kunit_log_lines_test: two\n"
			   "    # tiny: three\n"
			   "raw line\n");
}

/* ---- registration -------------------------------------------------------------------------- */

static bool init_section_suite_was_init;

static int init_section_suite_init(struct kunit_suite *suite)
{
	init_section_suite_was_init = suite->is_init;
	return 0;
}

static int __init init_section_add(int a, int b)
{
	return a + b;
}

static void __init init_section_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, init_section_add(1, 1), 2);
	KUNIT_EXPECT_TRUE(test, init_section_suite_was_init);
}

static struct kunit_case __refdata init_section_cases[] = {
	KUNIT_CASE(init_section_case),
	{}
};

static struct kunit_suite init_section_suite = {
	.name = "kunit_init_section",
	.suite_init = init_section_suite_init,
	.test_cases = init_section_cases,
};

kunit_test_init_section_suites(&init_section_suite);

static struct kunit_case kunit_core_cases[] = {
	KUNIT_CASE(kunit_ktap_text_test),
	KUNIT_CASE(kunit_failure_texts_test),
	KUNIT_CASE(kunit_passing_checks_test),
	KUNIT_CASE(kunit_assert_aborts_case_test),
	KUNIT_CASE(kunit_skip_test),
	KUNIT_CASE(kunit_params_test),
	KUNIT_CASE(kunit_init_exit_test),
	KUNIT_CASE(kunit_suite_init_fails_test),
	KUNIT_CASE(kunit_suite_attributes_test),
	KUNIT_CASE(kunit_summary_line_test),
	KUNIT_CASE(kunit_log_lines_test),
	{}
};

static struct kunit_suite kunit_core_suite = {
	.name = "kunit_core",
	.test_cases = kunit_core_cases,
};

/*
 * Two suites in one registration. Registered suites are listed init-section suites first,
 * then in registration order.
 */
static void kunit_registration_case(struct kunit *test)
{
	const char *text, *init_pos, *core_pos, *self_pos;

	kunit_krt_capture_begin();
	KUNIT_EXPECT_EQ(test, kunit_krt_list("kunit_*"), 0);
	text = kunit_kstrdup(test, kunit_krt_capture_text(), GFP_KERNEL);
	kunit_krt_capture_end();
	KUNIT_ASSERT_NOT_NULL(test, text);

	init_pos = strstr(text, "kunit_init_section.init_section_case\n");
	core_pos = strstr(text, "kunit_core.kunit_ktap_text_test\n");
	self_pos = strstr(text, "kunit_registration.kunit_registration_case\n");
	KUNIT_ASSERT_NOT_NULL_MSG(test, init_pos, "%s", text);
	KUNIT_ASSERT_NOT_NULL_MSG(test, core_pos, "%s", text);
	KUNIT_ASSERT_NOT_NULL_MSG(test, self_pos, "%s", text);
	KUNIT_EXPECT_TRUE(test, init_pos < core_pos);
	KUNIT_EXPECT_TRUE(test, core_pos < self_pos);
}

static struct kunit_case kunit_registration_cases[] = {
	KUNIT_CASE(kunit_registration_case),
	{}
};

static struct kunit_suite kunit_registration_suite = {
	.name = "kunit_registration",
	.test_cases = kunit_registration_cases,
};

kunit_test_suites(&kunit_core_suite, &kunit_registration_suite);
