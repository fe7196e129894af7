/* SPDX-License-Identifier: MIT */
/* Helpers for KUnit's own tests: run inner suites and keep what they printed. */
#ifndef _TESTS_KUNIT_TEST_UTIL_H
#define _TESTS_KUNIT_TEST_UTIL_H

#include <kunit/test.h>
#include <krt/kunit.h>

/*
 * Run @suite (with @opts, may be NULL) with its KTAP output captured; returns a test-managed
 * copy of the output and fills @result.
 */
static inline const char *kunit_test_run_captured(struct kunit *test, struct kunit_suite *suite,
						  const struct kunit_krt_options *opts,
						  struct kunit_krt_result *result)
{
	struct kunit_suite *suites[] = { suite };
	const char *text;
	int ret;

	memset(result, 0, sizeof(*result));
	kunit_krt_capture_begin();
	ret = kunit_krt_run_suites(suites, 1, opts, result);
	text = kunit_kstrdup(test, kunit_krt_capture_text(), GFP_KERNEL);
	kunit_krt_capture_end();
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_ASSERT_NOT_NULL(test, text);
	return text;
}

/* Expect @needle in @text, showing the whole text when it is missing. */
#define KUNIT_EXPECT_TEXT_CONTAINS(test, text, needle)			\
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text, needle) != NULL,	\
			      "missing:\n%s\nin:\n%s", needle, text)

#define KUNIT_EXPECT_TEXT_LACKS(test, text, needle)			\
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text, needle) == NULL,	\
			      "unexpected:\n%s\nin:\n%s", needle, text)

#endif /* _TESTS_KUNIT_TEST_UTIL_H */
