// SPDX-License-Identifier: MIT
/*
 * Running a KUnit suite: the case loop, parameters, the KTAP lines and counts, test-managed
 * memory, and the leak check after every case. The behaviour and every printed text follow
 * Linux 6.12's lib/kunit/test.c; the leak check is krt's addition.
 *
 * Each case runs in two try-catches, each on its own thread (try-catch.c): init + the test,
 * then exit + release of the test's resources. With --isolate, both run in a forked child so a
 * crash costs one case.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/time64.h>

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "kunit."
#include <linux/moduleparam.h>

#include "arch/host/host.h"
#include "kunit-internal.h"

/*
 * kunit.stats_enabled: print the pass/fail/skip counts of a suite or parameterised case never
 * (0), only when it has more than one result (1, the default), or always (2).
 */
static int kunit_stats_enabled = 1;
module_param_named(stats_enabled, kunit_stats_enabled, int, 0644);

struct kunit_result_stats {
	unsigned long passed;
	unsigned long skipped;
	unsigned long failed;
	unsigned long total;
};

/* KTAP nesting levels: suites, their cases, the parameters of a case. */
enum {
	KUNIT_LEVEL_SUITE = 0,
	KUNIT_LEVEL_CASE,
	KUNIT_LEVEL_CASE_PARAM,
};

/* The run used when kunit_run_tests() is called outside kunit_krt_run_suites(). */
static struct kunit_krt_result kunit_default_result;
static struct kunit_krt_run kunit_default_run = {
	.result = &kunit_default_result,
	.suite_counter = 1,
};
__thread struct kunit_krt_run *kunit_current_run;

static struct kunit_krt_run *kunit_run(void)
{
	return kunit_current_run ? kunit_current_run : &kunit_default_run;
}

static bool kunit_should_print_stats(struct kunit_result_stats stats)
{
	if (kunit_stats_enabled == 0)
		return false;
	if (kunit_stats_enabled == 2)
		return true;
	return stats.total > 1;
}

static void kunit_print_test_stats(struct kunit *test, struct kunit_result_stats stats)
{
	if (!kunit_should_print_stats(stats))
		return;
	kunit_log(KERN_INFO, test,
		  KUNIT_SUBTEST_INDENT "# %s: pass:%lu fail:%lu skip:%lu total:%lu", test->name,
		  stats.passed, stats.failed, stats.skipped, stats.total);
}

static void kunit_update_stats(struct kunit_result_stats *stats, enum kunit_status status)
{
	switch (status) {
	case KUNIT_SUCCESS:
		stats->passed++;
		break;
	case KUNIT_SKIPPED:
		stats->skipped++;
		break;
	case KUNIT_FAILURE:
		stats->failed++;
		break;
	}
	stats->total++;
}

static void kunit_accumulate_stats(struct kunit_result_stats *total,
				   struct kunit_result_stats add)
{
	total->passed += add.passed;
	total->skipped += add.skipped;
	total->failed += add.failed;
	total->total += add.total;
}

/**
 * kunit_suite_num_test_cases - how many cases @suite has.
 * @suite: the suite.
 */
size_t kunit_suite_num_test_cases(struct kunit_suite *suite)
{
	struct kunit_case *test_case;
	size_t n = 0;

	kunit_suite_for_each_test_case(suite, test_case)
		n++;
	return n;
}

/**
 * kunit_test_case_num - the 1-based number of @test_case in @suite (0 if it is not there).
 * @suite: the suite.
 * @test_case: one of its cases.
 */
unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case)
{
	struct kunit_case *tc;
	unsigned int i = 1;

	kunit_suite_for_each_test_case(suite, tc) {
		if (tc == test_case)
			return i;
		i++;
	}
	return 0;
}

/*
 * Attribute lines (the kernel's lib/kunit/attributes.c): a suite shows its speed (when set),
 * module and is_init; a case shows its speed (when set), as "# <case>.speed: slow".
 */
static const char * const kunit_speed_names[] = { "unset", "very_slow", "slow", "normal" };

static void kunit_print_suite_attr(struct kunit_suite *suite)
{
	const char *module = "";

	if (suite->attr.speed != KUNIT_SPEED_UNSET)
		kunit_log(KERN_INFO, suite, "%*s# %s: %s", KUNIT_INDENT_LEN * KUNIT_LEVEL_CASE, "",
			  "speed", kunit_speed_names[suite->attr.speed]);
	/* A suite takes its module from its first case. */
	if (kunit_suite_num_test_cases(suite) > 0)
		module = suite->test_cases[0].module_name;
	if (module)
		kunit_log(KERN_INFO, suite, "%*s# %s: %s", KUNIT_INDENT_LEN * KUNIT_LEVEL_CASE, "",
			  "module", module);
	if (suite->is_init)
		kunit_log(KERN_INFO, suite, "%*s# %s: %s", KUNIT_INDENT_LEN * KUNIT_LEVEL_CASE, "",
			  "is_init", "true");
}

static void kunit_print_case_attr(struct kunit_case *test_case)
{
	if (test_case->attr.speed == KUNIT_SPEED_UNSET)
		return;
	kunit_log(KERN_INFO, test_case, "%*s# %s.%s: %s", KUNIT_INDENT_LEN * KUNIT_LEVEL_CASE, "",
		  test_case->name, "speed", kunit_speed_names[test_case->attr.speed]);
}

static void kunit_print_suite_start(struct kunit_suite *suite)
{
	kunit_ktap_printf(KUNIT_SUBTEST_INDENT "KTAP version 1\n");
	kunit_ktap_printf(KUNIT_SUBTEST_INDENT "# Subtest: %s\n", suite->name);
	kunit_print_suite_attr(suite);
	kunit_ktap_printf(KUNIT_SUBTEST_INDENT "1..%zd\n", kunit_suite_num_test_cases(suite));
}

/*
 * A result line: "ok 3 name", "not ok 3 name" or "ok 3 name # SKIP reason", indented by its
 * level. @test is NULL for a suite's line.
 */
static void kunit_print_ok_not_ok(struct kunit *test, unsigned int test_level,
				  enum kunit_status status, size_t test_number,
				  const char *description, const char *directive)
{
	const char *directive_header = status == KUNIT_SKIPPED ? " # SKIP " : "";
	const char *directive_body = status == KUNIT_SKIPPED ? directive : "";

	if (!test)
		kunit_ktap_printf("%s %zd %s%s%s\n", kunit_status_to_ok_not_ok(status),
				  test_number, description, directive_header, directive_body);
	else
		kunit_log(KERN_INFO, test, "%*s%s %zd %s%s%s", KUNIT_INDENT_LEN * test_level, "",
			  kunit_status_to_ok_not_ok(status), test_number, description,
			  directive_header, directive_body);
}

/**
 * kunit_suite_has_succeeded - the result of @suite: failure if its suite_init or any case
 * failed, success if any case passed, else skipped.
 * @suite: the suite, after it ran.
 */
enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite)
{
	const struct kunit_case *test_case;
	enum kunit_status status = KUNIT_SKIPPED;

	if (suite->suite_init_err)
		return KUNIT_FAILURE;
	kunit_suite_for_each_test_case(suite, test_case) {
		if (test_case->status == KUNIT_FAILURE)
			return KUNIT_FAILURE;
		if (test_case->status == KUNIT_SUCCESS)
			status = KUNIT_SUCCESS;
	}
	return status;
}

static void kunit_print_suite_end(struct kunit_suite *suite)
{
	kunit_print_ok_not_ok(NULL, KUNIT_LEVEL_SUITE, kunit_suite_has_succeeded(suite),
			      kunit_run()->suite_counter++, suite->name, suite->status_comment);
}

/* Print a failure report: only its first line gets the "    # <test>: " prefix. */
static void kunit_fail(struct kunit *test, const struct kunit_loc *loc,
		       enum kunit_assert_type type, const struct kunit_assert *assert,
		       assert_format_t assert_format, const struct va_format *message)
{
	struct string_stream *stream;

	kunit_set_failure(test);

	stream = kunit_string_stream_alloc();
	if (!stream) {
		WARN(true, "Could not allocate stream to print failed assertion in %s:%d\n",
		     loc->file, loc->line);
		return;
	}
	kunit_assert_prologue(loc, type, stream);
	assert_format(assert, message, stream);
	if (!string_stream_is_empty(stream))
		kunit_err(test, "%s", string_stream_text(stream));
	kunit_string_stream_free(stream);
}

/**
 * __kunit_abort - end the running test case (after a failed assertion).
 * @test: the test case; this must be its thread.
 */
void __noreturn __kunit_abort(struct kunit *test)
{
	kunit_try_catch_throw(&test->try_catch);
}

/**
 * __kunit_do_failed_assertion - record and print a failed check.
 * @test: the test case.
 * @loc: where the check is.
 * @type: expectation or assertion (the caller aborts for an assertion).
 * @assert: the description of the check.
 * @assert_format: the function that prints @assert.
 * @fmt: the _MSG message format (NULL: none), then its arguments.
 */
void __kunit_do_failed_assertion(struct kunit *test, const struct kunit_loc *loc,
				 enum kunit_assert_type type, const struct kunit_assert *assert,
				 assert_format_t assert_format, const char *fmt, ...)
{
	struct va_format message;
	va_list args;

	va_start(args, fmt);
	message.fmt = fmt;
	message.va = &args;
	kunit_fail(test, loc, type, assert, assert_format, &message);
	va_end(args);
}

/**
 * kunit_init_test - make @test a fresh, passing test with no resources.
 * @test: the test context.
 * @name: the name shown in its output.
 * @log: its log stream, or NULL.
 */
void kunit_init_test(struct kunit *test, const char *name, struct string_stream *log)
{
	spin_lock_init(&test->lock);
	INIT_LIST_HEAD(&test->resources);
	test->name = name;
	test->log = log;
	if (test->log)
		string_stream_clear(log);
	test->status = KUNIT_SUCCESS;
	test->status_comment[0] = '\0';
}

/* A case running for this long without being marked slow gets a warning (the kernel: 2 s). */
static u64 kunit_slow_threshold_ns(void)
{
	unsigned int ms = kunit_run()->opts.slow_ms;

	return (u64)(ms ? ms : 2000) * NSEC_PER_MSEC;
}

static void kunit_run_case_check_speed(struct kunit *test, struct kunit_case *test_case,
				       u64 duration_ns, u64 slow_ns)
{
	enum kunit_speed speed = test_case->attr.speed;

	if (duration_ns < slow_ns)
		return;
	if (speed == KUNIT_SPEED_VERY_SLOW || speed == KUNIT_SPEED_SLOW)
		return;
	kunit_warn(test, "Test should be marked slow (runtime: %lld.%09lds)",
		   (long long)(duration_ns / NSEC_PER_SEC), (long)(duration_ns % NSEC_PER_SEC));
}

struct kunit_try_catch_context {
	struct kunit *test;
	struct kunit_suite *suite;
	struct kunit_case *test_case;
	/* The slow-test threshold of the runner's run (the case thread has no run). */
	u64 slow_ns;
};

/* The first try-catch: suite->init and the test itself. */
static void kunit_try_run_case(void *data)
{
	struct kunit_try_catch_context *ctx = data;
	struct kunit *test = ctx->test;
	struct kunit_suite *suite = ctx->suite;
	struct kunit_case *test_case = ctx->test_case;
	u64 start;

	current->kunit_test = test;

	if (suite->init) {
		int ret = suite->init(test);

		if (ret) {
			kunit_err(test, "failed to initialize: %d\n", ret);
			kunit_set_failure(test);
			return;
		}
	}

	start = host_clock_mono_ns();
	test_case->run_case(test);
	kunit_run_case_check_speed(test, test_case, host_clock_mono_ns() - start, ctx->slow_ns);
}

static void kunit_catch_run_case(void *data)
{
	struct kunit_try_catch_context *ctx = data;
	struct kunit *test = ctx->test;
	int try_exit_code = kunit_try_catch_get_result(&test->try_catch);

	if (!try_exit_code)
		return;
	kunit_set_failure(test);
	if (try_exit_code == -ETIMEDOUT)
		kunit_err(test, "test case timed out\n");
	else
		kunit_err(test, "internal error occurred preventing test case from running: %d\n",
			  try_exit_code);
}

/* The second try-catch: suite->exit, then the test-managed resources. */
static void kunit_try_run_case_cleanup(void *data)
{
	struct kunit_try_catch_context *ctx = data;
	struct kunit *test = ctx->test;
	struct kunit_suite *suite = ctx->suite;

	current->kunit_test = test;

	if (suite->exit)
		suite->exit(test);
	kunit_cleanup(test);
}

static void kunit_catch_run_case_cleanup(void *data)
{
	struct kunit_try_catch_context *ctx = data;
	struct kunit *test = ctx->test;
	int try_exit_code = kunit_try_catch_get_result(&test->try_catch);

	/* Ending the cleanup early is always a failure. */
	kunit_set_failure(test);

	if (try_exit_code) {
		if (try_exit_code == -ETIMEDOUT)
			kunit_err(test, "test case cleanup timed out\n");
		else
			kunit_err(test, "internal error occurred during test case cleanup: %d\n",
				  try_exit_code);
		return;
	}
	kunit_err(test, "test aborted during cleanup. continuing without cleaning up\n");
}

/*
 * After the case and its cleanup, every leak counter must be back where it was. A counter
 * registered during the case has no baseline and is not judged.
 */
static void kunit_check_leaks(struct kunit *test, const struct kunit_leak_sample *before,
			      int num_before)
{
	struct kunit_leak_sample after[KUNIT_LEAK_MAX_COUNTERS];
	int num_after, i, j;

	num_after = kunit_leak_sample(after, ARRAY_SIZE(after));
	for (i = 0; i < num_after; i++) {
		for (j = 0; j < num_before; j++)
			if (before[j].counter == after[i].counter)
				break;
		if (j == num_before || after[i].value <= before[j].value)
			continue;
		kunit_err(test, "leak check failed: %s: %ld more than before the test",
			  after[i].counter->name, after[i].value - before[j].value);
		kunit_set_failure(test);
	}
}

/*
 * A test context and what its threads point at. When a thread overruns its time limit, it is
 * freed only after that thread has ended.
 */
struct kunit_test_block {
	struct kunit test;
	struct kunit_try_catch_context context;
};

/*
 * Run one test (a case, or one parameter of it) through both try-catches and the leak check,
 * then fold its status into the case's. Returns true if a thread of it was left running.
 */
static bool kunit_run_case_catch_errors(struct kunit_suite *suite, struct kunit_case *test_case,
					struct kunit_test_block *block)
{
	struct kunit_leak_sample before[KUNIT_LEAK_MAX_COUNTERS];
	struct kunit *test = &block->test;
	struct kunit_try_catch *try_catch = &test->try_catch;
	bool abandoned;
	int num_before;

	num_before = kunit_leak_sample(before, ARRAY_SIZE(before));

	block->context.test = test;
	block->context.suite = suite;
	block->context.test_case = test_case;
	block->context.slow_ns = kunit_slow_threshold_ns();

	kunit_try_catch_init(try_catch, test, kunit_try_run_case, kunit_catch_run_case);
	kunit_try_catch_run(try_catch, &block->context);
	abandoned = kunit_try_catch_abandoned(try_catch);

	kunit_try_catch_init(try_catch, test, kunit_try_run_case_cleanup,
			     kunit_catch_run_case_cleanup);
	kunit_try_catch_run(try_catch, &block->context);
	abandoned |= kunit_try_catch_abandoned(try_catch);

	/* A thread still running may still hold what it allocated: no verdict then. */
	if (!abandoned)
		kunit_check_leaks(test, before, num_before);

	if (test->status == KUNIT_FAILURE)
		test_case->status = KUNIT_FAILURE;
	else if (test_case->status != KUNIT_FAILURE && test->status == KUNIT_SUCCESS)
		test_case->status = KUNIT_SUCCESS;
	return abandoned;
}

/* One test to run, possibly in a forked child (--isolate). */
struct kunit_unit {
	struct kunit_suite *suite;
	struct kunit_case *test_case;
	struct kunit_test_block *block;
	/* A parameter of a parameterised case, with its description. */
	bool param;
	const char *param_desc;
	bool abandoned;
};

/* The lines that end a case that has no parameters. */
static void kunit_print_case_end(struct kunit_unit *unit)
{
	struct kunit *test = &unit->block->test;
	struct kunit_result_stats stats = { 0 };

	kunit_update_stats(&stats, test->status);
	kunit_print_case_attr(unit->test_case);
	kunit_print_test_stats(test, stats);
	kunit_print_ok_not_ok(test, KUNIT_LEVEL_CASE, unit->test_case->status,
			      kunit_test_case_num(unit->suite, unit->test_case),
			      unit->test_case->name, test->status_comment);
}

static void kunit_print_param_end(struct kunit_unit *unit)
{
	struct kunit *test = &unit->block->test;

	kunit_print_ok_not_ok(test, KUNIT_LEVEL_CASE_PARAM, test->status, test->param_index + 1,
			      unit->param_desc, test->status_comment);
}

/* Run a unit and print its result lines. */
static void kunit_run_unit(struct kunit_unit *unit)
{
	unit->abandoned = kunit_run_case_catch_errors(unit->suite, unit->test_case, unit->block);
	if (unit->param)
		kunit_print_param_end(unit);
	else
		kunit_print_case_end(unit);
}

/* Exit codes of an --isolate child; anything else means the child died. */
enum {
	KUNIT_CHILD_PASSED = 64,
	KUNIT_CHILD_FAILED,
	KUNIT_CHILD_SKIPPED,
};

static void kunit_unit_child(void *data)
{
	struct kunit_unit *unit = data;

	kunit_run_unit(unit);
	switch (unit->block->test.status) {
	case KUNIT_SUCCESS:
		host_exit_now(KUNIT_CHILD_PASSED);
	case KUNIT_SKIPPED:
		host_exit_now(KUNIT_CHILD_SKIPPED);
	case KUNIT_FAILURE:
		break;
	}
	host_exit_now(KUNIT_CHILD_FAILED);
}

/*
 * Run a unit in a child process. The child prints the unit's lines; the parent learns its
 * status from the exit code, or reports the crash and prints the lines itself.
 */
static void kunit_run_unit_isolated(struct kunit_unit *unit)
{
	struct kunit *test = &unit->block->test;
	int signo = 0;
	int code;

	code = host_run_in_child(kunit_unit_child, unit, &signo);
	switch (code) {
	case KUNIT_CHILD_PASSED:
		test->status = KUNIT_SUCCESS;
		break;
	case KUNIT_CHILD_SKIPPED:
		test->status = KUNIT_SKIPPED;
		break;
	case KUNIT_CHILD_FAILED:
		test->status = KUNIT_FAILURE;
		break;
	default:
		kunit_set_failure(test);
		if (code < 0)
			kunit_err(test, "could not start the test process: %d\n", code);
		else if (signo)
			kunit_err(test, "try faulted: the test process died of signal %d\n", signo);
		else
			kunit_err(test, "try faulted: the test process exited with status %d\n",
				  code);
		break;
	}
	if (test->status == KUNIT_FAILURE)
		unit->test_case->status = KUNIT_FAILURE;
	else if (unit->test_case->status != KUNIT_FAILURE && test->status == KUNIT_SUCCESS)
		unit->test_case->status = KUNIT_SUCCESS;

	if (code >= KUNIT_CHILD_PASSED && code <= KUNIT_CHILD_SKIPPED)
		return;
	if (unit->param)
		kunit_print_param_end(unit);
	else
		kunit_print_case_end(unit);
}

static void kunit_dispatch_unit(struct kunit_unit *unit)
{
	if (kunit_run()->opts.isolate)
		kunit_run_unit_isolated(unit);
	else
		kunit_run_unit(unit);
}

static struct kunit_test_block *kunit_block_alloc(void)
{
	struct kunit_test_block *block = host_zalloc(sizeof(*block));

	if (!block)
		panic("kunit: out of host memory for a test context");
	return block;
}

/*
 * A thread of @block is still running and may use it: leave it to that thread (it is freed
 * when the thread ends) and carry on with a copy of the test's state.
 */
static struct kunit_test_block *kunit_block_replace(struct kunit_test_block *block)
{
	struct kunit_test_block *fresh = kunit_block_alloc();
	struct kunit *old = &block->test, *test = &fresh->test;

	kunit_init_test(test, old->name, old->log);
	test->priv = old->priv;
	test->param_value = old->param_value;
	test->param_index = old->param_index;
	test->status = old->status;
	memcpy(test->status_comment, old->status_comment, sizeof(test->status_comment));
	kunit_try_catch_free_after(&old->try_catch, block);
	return fresh;
}

static void kunit_print_suite_stats(struct kunit_suite *suite,
				    struct kunit_result_stats suite_stats,
				    struct kunit_result_stats param_stats)
{
	if (kunit_should_print_stats(suite_stats))
		kunit_log(KERN_INFO, suite, "# %s: pass:%lu fail:%lu skip:%lu total:%lu",
			  suite->name, suite_stats.passed, suite_stats.failed,
			  suite_stats.skipped, suite_stats.total);
	if (kunit_should_print_stats(param_stats))
		kunit_log(KERN_INFO, suite, "# Totals: pass:%lu fail:%lu skip:%lu total:%lu",
			  param_stats.passed, param_stats.failed, param_stats.skipped,
			  param_stats.total);
}

/* Run the parameters of a parameterised case; returns the stats of the parameter runs. */
static struct kunit_result_stats kunit_run_params(struct kunit_suite *suite,
						  struct kunit_case *test_case,
						  struct kunit_test_block **blockp)
{
	struct kunit_result_stats param_stats = { 0 };
	char param_desc[KUNIT_PARAM_DESC_SIZE];
	struct kunit_test_block *block = *blockp;
	struct kunit *test = &block->test;

	param_desc[0] = '\0';
	test->param_value = test_case->generate_params(NULL, param_desc);
	test_case->status = KUNIT_SKIPPED;
	kunit_log(KERN_INFO, test, KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "KTAP version 1\n");
	kunit_log(KERN_INFO, test, KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "# Subtest: %s",
		  test_case->name);

	while (test->param_value) {
		struct kunit_unit unit = {
			.suite = suite,
			.test_case = test_case,
			.block = block,
			.param = true,
			.param_desc = param_desc,
		};

		if (param_desc[0] == '\0')
			snprintf(param_desc, sizeof(param_desc), "param-%d", test->param_index);
		kunit_dispatch_unit(&unit);
		kunit_update_stats(&param_stats, test->status);

		if (unit.abandoned) {
			block = kunit_block_replace(block);
			test = &block->test;
		}
		param_desc[0] = '\0';
		test->param_value = test_case->generate_params(test->param_value, param_desc);
		test->param_index++;
		test->status = KUNIT_SUCCESS;
		test->status_comment[0] = '\0';
		test->priv = NULL;
	}
	*blockp = block;
	return param_stats;
}

/**
 * kunit_run_tests - run every case of @suite, printing its KTAP subtest.
 * @suite: the suite.
 *
 * The counts go to the run in progress (kunit_krt_run_suites()), if any. Returns 0.
 */
int kunit_run_tests(struct kunit_suite *suite)
{
	struct kunit_krt_run *run = kunit_run();
	struct kunit_result_stats suite_stats = { 0 };
	struct kunit_result_stats total_stats = { 0 };
	struct kunit_krt_result *result = run->result;
	struct kunit_case *test_case;

	static_branch_inc(&kunit_running);
	kunit_install_die_hook();
	/* Taint, as the kernel does, so that reports show tests have run. */
	add_taint(TAINT_TEST, LOCKDEP_STILL_OK);

	/* A result of an earlier run of this suite must not carry over. */
	kunit_suite_for_each_test_case(suite, test_case)
		test_case->status = KUNIT_SUCCESS;

	if (suite->suite_init) {
		suite->suite_init_err = suite->suite_init(suite);
		if (suite->suite_init_err) {
			kunit_err(suite, KUNIT_SUBTEST_INDENT "# failed to initialize (%d)",
				  suite->suite_init_err);
			/* None of its cases ran, so none passed: they count as failed. */
			result->failed += kunit_suite_num_test_cases(suite);
			result->total += kunit_suite_num_test_cases(suite);
			/*
			 * The documented contract (struct kunit_suite) is that suite_exit runs
			 * even when suite_init failed, so that it can undo a partial set-up.
			 */
			if (suite->suite_exit)
				suite->suite_exit(suite);
			goto suite_end;
		}
	}

	kunit_print_suite_start(suite);

	kunit_suite_for_each_test_case(suite, test_case) {
		struct kunit_test_block *block = kunit_block_alloc();
		struct kunit_result_stats param_stats = { 0 };
		struct kunit *test = &block->test;

		kunit_init_test(test, test_case->name, test_case->log);
		if (!test_case->generate_params) {
			struct kunit_unit unit = {
				.suite = suite,
				.test_case = test_case,
				.block = block,
			};

			test_case->status = KUNIT_SKIPPED;
			kunit_dispatch_unit(&unit);
			kunit_update_stats(&param_stats, test->status);
			if (unit.abandoned) {
				kunit_try_catch_free_after(&test->try_catch, block);
				block = NULL;
			}
		} else {
			param_stats = kunit_run_params(suite, test_case, &block);
			test = &block->test;
			kunit_print_case_attr(test_case);
			kunit_print_test_stats(test, param_stats);
			kunit_print_ok_not_ok(test, KUNIT_LEVEL_CASE, test_case->status,
					      kunit_test_case_num(suite, test_case),
					      test_case->name, test->status_comment);
		}
		host_free(block);

		kunit_update_stats(&suite_stats, test_case->status);
		kunit_accumulate_stats(&total_stats, param_stats);
	}

	if (suite->suite_exit)
		suite->suite_exit(suite);

	kunit_print_suite_stats(suite, suite_stats, total_stats);
	result->passed += total_stats.passed;
	result->failed += total_stats.failed;
	result->skipped += total_stats.skipped;
	result->total += total_stats.total;
suite_end:
	result->suites++;
	if (kunit_suite_has_succeeded(suite) == KUNIT_FAILURE)
		result->suites_failed++;
	kunit_print_suite_end(suite);
	static_branch_dec(&kunit_running);
	return 0;
}

/**
 * __kunit_fail_current_test_impl - kunit_fail_current_test(): fail the test case of this
 * thread, if any, with the diagnostic "<file>:<line>: <message>".
 * @file: source file of the caller.
 * @line: its line.
 * @fmt: the message format, then its arguments.
 */
void __kunit_fail_current_test_impl(const char *file, int line, const char *fmt, ...)
{
	struct kunit *test = current->kunit_test;
	struct string_stream *stream;
	va_list args;

	if (!test)
		return;
	kunit_set_failure(test);

	/* kunit_err() takes a literal format: format the message first. */
	stream = kunit_string_stream_alloc();
	if (!stream)
		return;
	va_start(args, fmt);
	string_stream_vadd(stream, fmt, args);
	va_end(args);
	kunit_err(test, "%s:%d: %s", file, line, string_stream_text(stream));
	kunit_string_stream_free(stream);
}

KUNIT_DEFINE_ACTION_WRAPPER(kfree_action_wrapper, kfree, const void *)

/**
 * kunit_kmalloc_array - kmalloc_array() freed automatically when the test case ends.
 * @test: the test case.
 * @n: number of elements.
 * @size: size of each.
 * @gfp: allocation flags.
 *
 * Returns the memory, or NULL.
 */
void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	void *data = kmalloc_array(n, size, gfp);

	if (!data)
		return NULL;
	if (kunit_add_action_or_reset(test, kfree_action_wrapper, data))
		return NULL;
	return data;
}

/**
 * kunit_kfree - free memory from kunit_kmalloc() and friends now.
 * @test: the test case.
 * @ptr: the memory (NULL does nothing).
 */
void kunit_kfree(struct kunit *test, const void *ptr)
{
	if (!ptr)
		return;
	kunit_release_action(test, kfree_action_wrapper, (void *)ptr);
}

/**
 * kunit_kfree_const - free a string from kunit_kstrdup_const().
 * @test: the test case.
 * @x: the string; only test-managed memory is freed, anything else is left alone.
 */
void kunit_kfree_const(struct kunit *test, const void *x)
{
	kunit_kfree(test, x);
}

/**
 * kunit_kstrdup_const - a test-managed copy of @str.
 * @test: the test case.
 * @str: the string (NULL gives NULL).
 * @gfp: allocation flags.
 */
const char *kunit_kstrdup_const(struct kunit *test, const char *str, gfp_t gfp)
{
	return kunit_kstrdup(test, str, gfp);
}

/**
 * kunit_cleanup - release every resource and run every deferred action of @test, newest
 * first.
 * @test: the test case.
 */
void kunit_cleanup(struct kunit *test)
{
	struct kunit_resource *res;
	unsigned long flags;

	/*
	 * Take the newest each time: releasing one resource may remove others, so no iterator
	 * over the list would stay valid.
	 */
	for (;;) {
		spin_lock_irqsave(&test->lock, flags);
		if (list_empty(&test->resources)) {
			spin_unlock_irqrestore(&test->lock, flags);
			break;
		}
		res = list_last_entry(&test->resources, struct kunit_resource, node);
		/* A resource's release may take test->lock itself. */
		spin_unlock_irqrestore(&test->lock, flags);
		kunit_remove_resource(test, res);
	}
	current->kunit_test = NULL;
}
