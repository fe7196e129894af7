/* SPDX-License-Identifier: MIT */
/*
 * KUnit, the kernel's unit test framework, source-compatible with Linux 6.12's
 * include/kunit/test.h. Test files written for the kernel compile unmodified against it.
 *
 * What differs from the kernel, and why:
 * - Suites register themselves from constructors (kunit_test_suites()), not through the
 *   .kunit_test_suites ELF section: GNU ld only makes __start_/__stop_ symbols for sections
 *   whose names are C identifiers.
 * - Output (KTAP) goes to stdout; kunit_log() writes it there instead of going through printk.
 * - There is no debugfs: the per-test logs (->log) stay NULL.
 */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include <kunit/assert.h>
#include <kunit/try-catch.h>
/* Not in the kernel's test.h; spares tests an include for kunit_get_current_test(). */
#include <kunit/test-bug.h>

#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/kconfig.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/types.h>

/* True while KUnit runs tests. */
DECLARE_STATIC_KEY_FALSE(kunit_running);

struct kunit;
struct string_stream;

/* Size of the description a parameter generator may write. */
#define KUNIT_PARAM_DESC_SIZE 128

/* Size of the status comment (the skip reason). */
#define KUNIT_STATUS_COMMENT_SIZE 256

/* KUnit indents one nesting level of KTAP by four spaces (the KTAP spec says two). */
#define KUNIT_INDENT_LEN		4
#define KUNIT_SUBTEST_INDENT		"    "
#define KUNIT_SUBSUBTEST_INDENT		"        "

/**
 * enum kunit_status - the result of a test, a parameter run or a suite.
 * @KUNIT_SUCCESS: passed (neither failed nor skipped)
 * @KUNIT_FAILURE: failed
 * @KUNIT_SKIPPED: skipped
 */
enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

/*
 * The speed attribute of a test or suite, relative to other tests. Unset counts as normal. A
 * test running for 2 s or more that is not marked slow gets a warning.
 */
enum kunit_speed {
	KUNIT_SPEED_UNSET,
	KUNIT_SPEED_VERY_SLOW,
	KUNIT_SPEED_SLOW,
	KUNIT_SPEED_NORMAL,
	KUNIT_SPEED_MAX = KUNIT_SPEED_NORMAL,
};

/* Attributes of a test case or suite. */
struct kunit_attributes {
	enum kunit_speed speed;
};

/**
 * struct kunit_case - one test case of a suite.
 * @run_case: the test function.
 * @name: its name (the function's name when made by KUNIT_CASE()).
 * @generate_params: for a parameterised test: returns the parameter after @prev (NULL first),
 *	or NULL when there are no more; may write a description into @desc
 *	(KUNIT_PARAM_DESC_SIZE bytes).
 * @attr: the case's attributes.
 *
 * Make cases with KUNIT_CASE() and friends; an array of cases ends with an empty one ({}).
 */
struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
	struct kunit_attributes attr;

	/* private: internal use only. */
	enum kunit_status status;
	char *module_name;
	struct string_stream *log;
};

static inline char *kunit_status_to_ok_not_ok(enum kunit_status status)
{
	switch (status) {
	case KUNIT_SKIPPED:
	case KUNIT_SUCCESS:
		return "ok";
	case KUNIT_FAILURE:
		return "not ok";
	}
	return "invalid";
}

/* KUNIT_CASE - a test case running @test_name; needs KBUILD_MODNAME (the "# module:" line). */
#define KUNIT_CASE(test_name)						\
	{ .run_case = test_name, .name = #test_name, .module_name = KBUILD_MODNAME }

/* KUNIT_CASE_ATTR - a test case with the struct kunit_attributes @attributes. */
#define KUNIT_CASE_ATTR(test_name, attributes)				\
	{ .run_case = test_name, .name = #test_name, .attr = attributes, \
	  .module_name = KBUILD_MODNAME }

/* KUNIT_CASE_SLOW - a test case marked slow (no warning when it runs long). */
#define KUNIT_CASE_SLOW(test_name)					\
	{ .run_case = test_name, .name = #test_name,			\
	  .attr.speed = KUNIT_SPEED_SLOW, .module_name = KBUILD_MODNAME }

/*
 * KUNIT_CASE_PARAM - a test case run once per parameter that @gen_params generates (see
 * struct kunit_case); the test reads its parameter from test->param_value.
 */
#define KUNIT_CASE_PARAM(test_name, gen_params)				\
	{ .run_case = test_name, .name = #test_name,			\
	  .generate_params = gen_params, .module_name = KBUILD_MODNAME }

/* KUNIT_CASE_PARAM_ATTR - a parameterised test case with attributes. */
#define KUNIT_CASE_PARAM_ATTR(test_name, gen_params, attributes)	\
	{ .run_case = test_name, .name = #test_name,			\
	  .generate_params = gen_params, .attr = attributes,		\
	  .module_name = KBUILD_MODNAME }

/**
 * struct kunit_suite - a group of test cases sharing set-up and tear-down.
 * @name: the suite's name.
 * @suite_init: run once before the cases; nonzero fails the whole suite.
 * @suite_exit: run once after the cases (even when @suite_init failed).
 * @init: run before every case, on the case's thread; nonzero fails that case.
 * @exit: run after every case (even when @init failed), before test-managed resources go.
 * @test_cases: the cases, ending with an empty one.
 * @attr: the suite's attributes.
 */
struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
	struct kunit_attributes attr;

	/* private: internal use only */
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	struct dentry *debugfs;
	struct string_stream *log;
	int suite_init_err;
	bool is_init;
};

/* An array of suites; @end points one past the last. */
struct kunit_suite_set {
	struct kunit_suite * const *start;
	struct kunit_suite * const *end;
};

/**
 * struct kunit - a running test case (one parameter of it, for parameterised cases).
 * @priv: free for the test's own use, typically set by the suite's init function.
 *
 * Everything else is private; tests reach it through the functions and macros below.
 */
struct kunit {
	void *priv;

	/* private: internal use only. */
	const char *name;
	struct string_stream *log;
	struct kunit_try_catch try_catch;
	/* The current parameter of a parameterised case, and its index. */
	const void *param_value;
	int param_index;
	/* Guards @resources; @status is written by any thread but read after the case ended. */
	spinlock_t lock;
	enum kunit_status status;
	struct list_head resources;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	/* The last check executed, named when the case dies ("try faulted"). */
	struct kunit_loc last_seen;
};

static inline void kunit_set_failure(struct kunit *test)
{
	WRITE_ONCE(test->status, KUNIT_FAILURE);
}

bool kunit_enabled(void);
const char *kunit_action(void);
const char *kunit_filter_glob(void);
char *kunit_filter(void);
char *kunit_filter_action(void);

void kunit_init_test(struct kunit *test, const char *name, struct string_stream *log);

int kunit_run_tests(struct kunit_suite *suite);

size_t kunit_suite_num_test_cases(struct kunit_suite *suite);

unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case);

int __kunit_test_suites_init(struct kunit_suite * const * const suites, int num_suites);

void __kunit_test_suites_exit(struct kunit_suite **suites, int num_suites);

void kunit_exec_run_tests(struct kunit_suite_set *suite_set, bool builtin);
void kunit_exec_list_tests(struct kunit_suite_set *suite_set, bool include_attr);

/*
 * Registration. Each kunit_test_suites() use adds a list of suites to the runner from a
 * constructor: no linker sections, no allocation (it may run before krt has booted).
 */
struct kunit_krt_suite_list {
	struct kunit_suite * const *suites;
	int num_suites;
	bool is_init;
	struct kunit_krt_suite_list *next;
};

void kunit_krt_register_suites(struct kunit_krt_suite_list *list);

#define __kunit_krt_suites(unique_array, init, ...)			\
	static struct kunit_suite *unique_array[] = { __VA_ARGS__ };	\
	static struct kunit_krt_suite_list __PASTE(unique_array, _list) = { \
		.suites = unique_array,					\
		.num_suites = ARRAY_SIZE(unique_array),			\
		.is_init = init,					\
	};								\
	static void __attribute__((__constructor__))			\
	__PASTE(unique_array, _register)(void)				\
	{								\
		kunit_krt_register_suites(&__PASTE(unique_array, _list)); \
	}

#define __kunit_test_suites(unique_array, ...)				\
	__kunit_krt_suites(unique_array, false, ##__VA_ARGS__)

/**
 * kunit_test_suites() - register one or more &struct kunit_suite with KUnit.
 * @__suites: pointers to statically allocated suites.
 *
 * The runner (krt-kunit's main(), or kunit_krt_run_all()) runs every registered suite.
 */
#define kunit_test_suites(__suites...)					\
	__kunit_test_suites(__UNIQUE_ID(array), ##__suites)

#define kunit_test_suite(suite)	kunit_test_suites(&suite)

#define __kunit_init_test_suites(unique_array, ...)			\
	__kunit_krt_suites(unique_array, true, ##__VA_ARGS__)

/**
 * kunit_test_init_section_suites() - register suites that use __init code or data.
 * @__suites: pointers to statically allocated suites.
 *
 * krt keeps __init code for the life of the process, so these run like other suites; as in
 * the kernel they run first and their header says "# is_init: true".
 */
#define kunit_test_init_section_suites(__suites...)			\
	__kunit_init_test_suites(__UNIQUE_ID(array_probe), ##__suites)

#define kunit_test_init_section_suite(suite)				\
	kunit_test_init_section_suites(&suite)

#define kunit_suite_for_each_test_case(suite, test_case)		\
	for (test_case = suite->test_cases; test_case->run_case; test_case++)

enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite);

/**
 * kunit_kmalloc_array() - kmalloc_array() whose memory is freed when the test case ends.
 * @test: the test context.
 * @n: number of elements.
 * @size: size of one element.
 * @gfp: flags for kmalloc().
 *
 * The bookkeeping is allocated with GFP_KERNEL whatever @gfp says.
 */
void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp);

/* kunit_kmalloc() - kmalloc() whose memory is freed when the test case ends. */
static inline void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, 1, size, gfp);
}

/**
 * kunit_kfree() - free test-managed memory before the test case ends.
 * @test: the test context.
 * @ptr: memory from kunit_kmalloc() and friends; NULL does nothing.
 */
void kunit_kfree(struct kunit *test, const void *ptr);

/* kunit_kzalloc() - kunit_kmalloc() of zeroed memory. */
static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc(test, size, gfp | __GFP_ZERO);
}

/* kunit_kcalloc() - kunit_kmalloc_array() of zeroed memory. */
static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, n, size, gfp | __GFP_ZERO);
}

/**
 * kunit_kfree_const() - free what kunit_kstrdup_const() returned.
 * @test: the test context.
 * @x: the string; freed only if it is a test-managed copy.
 */
void kunit_kfree_const(struct kunit *test, const void *x);

/* kunit_kstrdup() - a test-managed copy of @str (NULL for NULL). */
static inline char *kunit_kstrdup(struct kunit *test, const char *str, gfp_t gfp)
{
	size_t len;
	char *copy;

	if (!str)
		return NULL;
	len = strlen(str) + 1;
	copy = kunit_kmalloc(test, len, gfp);
	if (copy)
		memcpy(copy, str, len);
	return copy;
}

/**
 * kunit_kstrdup_const() - a test-managed copy of @str, to be freed with kunit_kfree_const().
 * @test: the test context.
 * @str: the string.
 * @gfp: flags for kmalloc().
 *
 * krt cannot tell read-only data from other memory portably, so it always copies (as the
 * kernel does when KUnit is a module).
 */
const char *kunit_kstrdup_const(struct kunit *test, const char *str, gfp_t gfp);

void kunit_cleanup(struct kunit *test);

void __printf(2, 3) kunit_log_append(struct string_stream *log, const char *fmt, ...);

/**
 * kunit_mark_skipped() - mark @test_or_suite skipped, with the reason @fmt; the test goes on.
 */
#define kunit_mark_skipped(test_or_suite, fmt, ...)			\
	do {								\
		WRITE_ONCE((test_or_suite)->status, KUNIT_SKIPPED);	\
		scnprintf((test_or_suite)->status_comment,		\
			  KUNIT_STATUS_COMMENT_SIZE, fmt, ##__VA_ARGS__); \
	} while (0)

/**
 * kunit_skip() - mark @test_or_suite skipped, with the reason @fmt, and end the test case now.
 */
#define kunit_skip(test_or_suite, fmt, ...)				\
	do {								\
		kunit_mark_skipped((test_or_suite), fmt, ##__VA_ARGS__); \
		kunit_try_catch_throw(&((test_or_suite)->try_catch));	\
	} while (0)

/* Writes one KTAP line (level prefix dropped, newline added) and appends it to @log. */
void __printf(2, 3) __kunit_log_krt(struct string_stream *log, const char *fmt, ...);

/*
 * kunit_log() - print a line of the test's output (and log it). The kernel prints it with
 * printk(); krt writes it to the KTAP output, stdout.
 */
#define kunit_log(lvl, test_or_suite, fmt, ...)				\
	__kunit_log_krt((test_or_suite)->log, lvl fmt, ##__VA_ARGS__)

#define kunit_printk(lvl, test, fmt, ...)				\
	kunit_log(lvl, test, KUNIT_SUBTEST_INDENT "# %s: " fmt,		\
		  (test)->name, ##__VA_ARGS__)

/* kunit_info() - print an informational diagnostic line for @test (a test or a suite). */
#define kunit_info(test, fmt, ...) \
	kunit_printk(KERN_INFO, test, fmt, ##__VA_ARGS__)

/* kunit_warn() - print a warning diagnostic line for @test. */
#define kunit_warn(test, fmt, ...) \
	kunit_printk(KERN_WARNING, test, fmt, ##__VA_ARGS__)

/* kunit_err() - print an error diagnostic line for @test. */
#define kunit_err(test, fmt, ...) \
	kunit_printk(KERN_ERR, test, fmt, ##__VA_ARGS__)

/* Every check records where it is, for the "try faulted: last line seen" report. */
#define _KUNIT_SAVE_LOC(test)						\
	do {								\
		WRITE_ONCE((test)->last_seen.file, __FILE__);		\
		WRITE_ONCE((test)->last_seen.line, __LINE__);		\
	} while (0)

/* KUNIT_SUCCEED() - an expectation that cannot fail, for readability. */
#define KUNIT_SUCCEED(test) _KUNIT_SAVE_LOC(test)

void __noreturn __kunit_abort(struct kunit *test);

void __printf(6, 7) __kunit_do_failed_assertion(struct kunit *test,
						const struct kunit_loc *loc,
						enum kunit_assert_type type,
						const struct kunit_assert *assert,
						assert_format_t assert_format,
						const char *fmt, ...);

/* Wraps a designated initialiser so that its commas survive being a macro argument. */
#define KUNIT_INIT_ASSERT(initializers...) { initializers }

/*
 * Report a failed check. @INITIALIZER (made with KUNIT_INIT_ASSERT()) describes it as a
 * struct @assert_class; an assertion then ends the test case.
 */
#define _KUNIT_FAILED(test, assert_type, assert_class, assert_format, INITIALIZER, fmt, ...) \
	do {								\
		static const struct kunit_loc __kunit_loc = KUNIT_CURRENT_LOC; \
		const struct assert_class __kunit_desc = INITIALIZER;	\
									\
		__kunit_do_failed_assertion(test, &__kunit_loc, assert_type, \
					    &__kunit_desc.assert,	\
					    assert_format, fmt, ##__VA_ARGS__); \
		if ((assert_type) == KUNIT_ASSERTION)			\
			__kunit_abort(test);				\
	} while (0)

#define KUNIT_FAIL_ASSERTION(test, assert_type, fmt, ...)		\
	do {								\
		_KUNIT_SAVE_LOC(test);					\
		_KUNIT_FAILED(test, assert_type, kunit_fail_assert,	\
			      kunit_fail_assert_format, {}, fmt, ##__VA_ARGS__); \
	} while (0)

/* KUNIT_FAIL() - an expectation that always fails, printing @fmt. */
#define KUNIT_FAIL(test, fmt, ...)					\
	KUNIT_FAIL_ASSERTION(test, KUNIT_EXPECTATION, fmt, ##__VA_ARGS__)

#define KUNIT_UNARY_ASSERTION(test, assert_type, condition_, expected_true_, fmt, ...) \
	do {								\
		_KUNIT_SAVE_LOC(test);					\
		if (likely(!!(condition_) == !!(expected_true_)))	\
			break;						\
		_KUNIT_FAILED(test, assert_type, kunit_unary_assert,	\
			      kunit_unary_assert_format,		\
			      KUNIT_INIT_ASSERT(.condition = #condition_, \
						.expected_true = expected_true_), \
			      fmt, ##__VA_ARGS__);			\
	} while (0)

#define KUNIT_TRUE_MSG_ASSERTION(test, assert_type, condition, fmt, ...) \
	KUNIT_UNARY_ASSERTION(test, assert_type, condition, true, fmt, ##__VA_ARGS__)

#define KUNIT_FALSE_MSG_ASSERTION(test, assert_type, condition, fmt, ...) \
	KUNIT_UNARY_ASSERTION(test, assert_type, condition, false, fmt, ##__VA_ARGS__)

/*
 * Both operands are evaluated exactly once, compared with @op in their own types, and shown
 * (as long long or pointers) when the comparison fails. __auto_type lets an array operand decay
 * to a pointer, where the kernel's typeof() copy does not compile.
 */
#define KUNIT_BASE_BINARY_ASSERTION(test, assert_class, format_func, assert_type, \
				    left, op, right, fmt, ...)		\
	do {								\
		const __auto_type __left = (left);			\
		const __auto_type __right = (right);			\
		static const struct kunit_binary_assert_text __text = {	\
			.operation = #op,				\
			.left_text = #left,				\
			.right_text = #right,				\
		};							\
									\
		_KUNIT_SAVE_LOC(test);					\
		if (likely(__left op __right))				\
			break;						\
		_KUNIT_FAILED(test, assert_type, assert_class, format_func, \
			      KUNIT_INIT_ASSERT(.text = &__text,	\
						.left_value = __left,	\
						.right_value = __right), \
			      fmt, ##__VA_ARGS__);			\
	} while (0)

#define KUNIT_BINARY_INT_ASSERTION(test, assert_type, left, op, right, fmt, ...) \
	KUNIT_BASE_BINARY_ASSERTION(test, kunit_binary_assert,		\
				    kunit_binary_assert_format, assert_type, \
				    left, op, right, fmt, ##__VA_ARGS__)

#define KUNIT_BINARY_PTR_ASSERTION(test, assert_type, left, op, right, fmt, ...) \
	KUNIT_BASE_BINARY_ASSERTION(test, kunit_binary_ptr_assert,	\
				    kunit_binary_ptr_assert_format, assert_type, \
				    left, op, right, fmt, ##__VA_ARGS__)

/* String checks fail when either side is NULL. */
#define KUNIT_BINARY_STR_ASSERTION(test, assert_type, left, op, right, fmt, ...) \
	do {								\
		const char *__left = (left);				\
		const char *__right = (right);				\
		static const struct kunit_binary_assert_text __text = {	\
			.operation = #op,				\
			.left_text = #left,				\
			.right_text = #right,				\
		};							\
									\
		_KUNIT_SAVE_LOC(test);					\
		if (likely(__left && __right && (strcmp(__left, __right) op 0))) \
			break;						\
		_KUNIT_FAILED(test, assert_type, kunit_binary_str_assert, \
			      kunit_binary_str_assert_format,		\
			      KUNIT_INIT_ASSERT(.text = &__text,	\
						.left_value = __left,	\
						.right_value = __right), \
			      fmt, ##__VA_ARGS__);			\
	} while (0)

/* Memory checks compare @size_ bytes and fail when either side is NULL. */
#define KUNIT_MEM_ASSERTION(test, assert_type, left, op, right, size_, fmt, ...) \
	do {								\
		const void *__left = (left);				\
		const void *__right = (right);				\
		const size_t __size = (size_);				\
		static const struct kunit_binary_assert_text __text = {	\
			.operation = #op,				\
			.left_text = #left,				\
			.right_text = #right,				\
		};							\
									\
		_KUNIT_SAVE_LOC(test);					\
		if (likely(__left && __right &&				\
			   (memcmp(__left, __right, __size) op 0)))	\
			break;						\
		_KUNIT_FAILED(test, assert_type, kunit_mem_assert,	\
			      kunit_mem_assert_format,			\
			      KUNIT_INIT_ASSERT(.text = &__text,	\
						.left_value = __left,	\
						.right_value = __right,	\
						.size = __size),	\
			      fmt, ##__VA_ARGS__);			\
	} while (0)

#define KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, assert_type, ptr, fmt, ...) \
	do {								\
		const __auto_type __ptr = (ptr);			\
									\
		_KUNIT_SAVE_LOC(test);					\
		if (!IS_ERR_OR_NULL(__ptr))				\
			break;						\
		_KUNIT_FAILED(test, assert_type, kunit_ptr_not_err_assert, \
			      kunit_ptr_not_err_assert_format,		\
			      KUNIT_INIT_ASSERT(.text = #ptr, .value = __ptr), \
			      fmt, ##__VA_ARGS__);			\
	} while (0)

/*
 * The checks. KUNIT_EXPECT_*() records a failure and lets the test go on; KUNIT_ASSERT_*()
 * records it and ends the test case. The _MSG variants add a printf-style message.
 */
#define KUNIT_EXPECT_TRUE(test, condition)				\
	KUNIT_EXPECT_TRUE_MSG(test, condition, NULL)
#define KUNIT_EXPECT_TRUE_MSG(test, condition, fmt, ...)		\
	KUNIT_TRUE_MSG_ASSERTION(test, KUNIT_EXPECTATION, condition, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_FALSE(test, condition)				\
	KUNIT_EXPECT_FALSE_MSG(test, condition, NULL)
#define KUNIT_EXPECT_FALSE_MSG(test, condition, fmt, ...)		\
	KUNIT_FALSE_MSG_ASSERTION(test, KUNIT_EXPECTATION, condition, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_EQ(test, left, right)				\
	KUNIT_EXPECT_EQ_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_EQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, left, ==, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_PTR_EQ(test, left, right)				\
	KUNIT_EXPECT_PTR_EQ_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_PTR_EQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, left, ==, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NE(test, left, right)				\
	KUNIT_EXPECT_NE_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_NE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, left, !=, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_PTR_NE(test, left, right)				\
	KUNIT_EXPECT_PTR_NE_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_PTR_NE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, left, !=, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_LT(test, left, right)				\
	KUNIT_EXPECT_LT_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_LT_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, left, <, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_LE(test, left, right)				\
	KUNIT_EXPECT_LE_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_LE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, left, <=, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_GT(test, left, right)				\
	KUNIT_EXPECT_GT_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_GT_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, left, >, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_GE(test, left, right)				\
	KUNIT_EXPECT_GE_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_GE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, left, >=, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_STREQ(test, left, right)				\
	KUNIT_EXPECT_STREQ_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_STREQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_EXPECTATION, left, ==, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_STRNEQ(test, left, right)				\
	KUNIT_EXPECT_STRNEQ_MSG(test, left, right, NULL)
#define KUNIT_EXPECT_STRNEQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_EXPECTATION, left, !=, right, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_MEMEQ(test, left, right, size)			\
	KUNIT_EXPECT_MEMEQ_MSG(test, left, right, size, NULL)
#define KUNIT_EXPECT_MEMEQ_MSG(test, left, right, size, fmt, ...)	\
	KUNIT_MEM_ASSERTION(test, KUNIT_EXPECTATION, left, ==, right, size, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_MEMNEQ(test, left, right, size)			\
	KUNIT_EXPECT_MEMNEQ_MSG(test, left, right, size, NULL)
#define KUNIT_EXPECT_MEMNEQ_MSG(test, left, right, size, fmt, ...)	\
	KUNIT_MEM_ASSERTION(test, KUNIT_EXPECTATION, left, !=, right, size, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NULL(test, ptr)					\
	KUNIT_EXPECT_NULL_MSG(test, ptr, NULL)
#define KUNIT_EXPECT_NULL_MSG(test, ptr, fmt, ...)			\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, ptr, ==, NULL, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NOT_NULL(test, ptr)				\
	KUNIT_EXPECT_NOT_NULL_MSG(test, ptr, NULL)
#define KUNIT_EXPECT_NOT_NULL_MSG(test, ptr, fmt, ...)			\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, ptr, !=, NULL, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NOT_ERR_OR_NULL(test, ptr)				\
	KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, ptr, NULL)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, ptr, fmt, ...)		\
	KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, KUNIT_EXPECTATION, ptr, fmt, ##__VA_ARGS__)

/* KUNIT_FAIL_AND_ABORT() - fail and end the test case (KUnit's internal use). */
#define KUNIT_FAIL_AND_ABORT(test, fmt, ...)				\
	KUNIT_FAIL_ASSERTION(test, KUNIT_ASSERTION, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_TRUE(test, condition)				\
	KUNIT_ASSERT_TRUE_MSG(test, condition, NULL)
#define KUNIT_ASSERT_TRUE_MSG(test, condition, fmt, ...)		\
	KUNIT_TRUE_MSG_ASSERTION(test, KUNIT_ASSERTION, condition, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_FALSE(test, condition)				\
	KUNIT_ASSERT_FALSE_MSG(test, condition, NULL)
#define KUNIT_ASSERT_FALSE_MSG(test, condition, fmt, ...)		\
	KUNIT_FALSE_MSG_ASSERTION(test, KUNIT_ASSERTION, condition, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_EQ(test, left, right)				\
	KUNIT_ASSERT_EQ_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_EQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, left, ==, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_PTR_EQ(test, left, right)				\
	KUNIT_ASSERT_PTR_EQ_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_PTR_EQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, left, ==, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_NE(test, left, right)				\
	KUNIT_ASSERT_NE_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_NE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, left, !=, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_PTR_NE(test, left, right)				\
	KUNIT_ASSERT_PTR_NE_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_PTR_NE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, left, !=, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_LT(test, left, right)				\
	KUNIT_ASSERT_LT_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_LT_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, left, <, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_LE(test, left, right)				\
	KUNIT_ASSERT_LE_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_LE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, left, <=, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_GT(test, left, right)				\
	KUNIT_ASSERT_GT_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_GT_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, left, >, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_GE(test, left, right)				\
	KUNIT_ASSERT_GE_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_GE_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, left, >=, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_STREQ(test, left, right)				\
	KUNIT_ASSERT_STREQ_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_STREQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_ASSERTION, left, ==, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_STRNEQ(test, left, right)				\
	KUNIT_ASSERT_STRNEQ_MSG(test, left, right, NULL)
#define KUNIT_ASSERT_STRNEQ_MSG(test, left, right, fmt, ...)		\
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_ASSERTION, left, !=, right, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_MEMEQ(test, left, right, size)			\
	KUNIT_ASSERT_MEMEQ_MSG(test, left, right, size, NULL)
#define KUNIT_ASSERT_MEMEQ_MSG(test, left, right, size, fmt, ...)	\
	KUNIT_MEM_ASSERTION(test, KUNIT_ASSERTION, left, ==, right, size, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_MEMNEQ(test, left, right, size)			\
	KUNIT_ASSERT_MEMNEQ_MSG(test, left, right, size, NULL)
#define KUNIT_ASSERT_MEMNEQ_MSG(test, left, right, size, fmt, ...)	\
	KUNIT_MEM_ASSERTION(test, KUNIT_ASSERTION, left, !=, right, size, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_NULL(test, ptr)					\
	KUNIT_ASSERT_NULL_MSG(test, ptr, NULL)
#define KUNIT_ASSERT_NULL_MSG(test, ptr, fmt, ...)			\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, ptr, ==, NULL, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_NOT_NULL(test, ptr)				\
	KUNIT_ASSERT_NOT_NULL_MSG(test, ptr, NULL)
#define KUNIT_ASSERT_NOT_NULL_MSG(test, ptr, fmt, ...)			\
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, ptr, !=, NULL, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ptr)				\
	KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, ptr, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, ptr, fmt, ...)		\
	KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, KUNIT_ASSERTION, ptr, fmt, ##__VA_ARGS__)

/**
 * KUNIT_ARRAY_PARAM() - define name##_gen_params() stepping through the elements of @array.
 * @name: prefix of the generator's name.
 * @array: the parameters.
 * @get_desc: NULL, or void fn(const typeof(array[0]) *p, char *desc) describing a parameter.
 */
#define KUNIT_ARRAY_PARAM(name, array, get_desc)			\
	static const void *name##_gen_params(const void *prev, char *desc) \
	{								\
		typeof((array)[0]) *__param =				\
			prev ? (typeof(__param))prev + 1 : (array);	\
		void (*__describe)(typeof(__param), char *) = (get_desc); \
									\
		if (__param - (array) >= (long)ARRAY_SIZE(array))	\
			return NULL;					\
		if (__describe)						\
			__describe(__param, desc);			\
		return __param;						\
	}

/**
 * KUNIT_ARRAY_PARAM_DESC() - like KUNIT_ARRAY_PARAM(), describing each element by its string
 * member @desc_member.
 */
#define KUNIT_ARRAY_PARAM_DESC(name, array, desc_member)		\
	static const void *name##_gen_params(const void *prev, char *desc) \
	{								\
		typeof((array)[0]) *__param =				\
			prev ? (typeof(__param))prev + 1 : (array);	\
									\
		if (__param - (array) >= (long)ARRAY_SIZE(array))	\
			return NULL;					\
		strscpy(desc, __param->desc_member, KUNIT_PARAM_DESC_SIZE); \
		return __param;						\
	}

#include <kunit/resource.h>

#endif /* _KUNIT_TEST_H */
