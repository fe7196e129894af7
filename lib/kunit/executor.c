// SPDX-License-Identifier: MIT
/*
 * The KUnit executor (Linux's lib/kunit/executor.c): the registered suites, filtering them by
 * a "suite.case" glob, listing them, and running them under one KTAP header. The kernel finds
 * its suites in linker sections; krt's register themselves from constructors.
 *
 * kunit.filter_glob= and kunit.action=list on KRT_CMDLINE work as on the kernel command line.
 */
#include <kunit/test.h>
#include <krt/kunit.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "kunit."
#include <linux/moduleparam.h>

#include "arch/host/host.h"
#include "kunit-internal.h"

static char *action_param;
module_param_named(action, action_param, charp, 0400);

static char *filter_glob_param;
module_param_named(filter_glob, filter_glob_param, charp, 0600);

/* Registered lists, in registration (= link) order. */
static struct kunit_krt_suite_list *kunit_lists;
static struct kunit_krt_suite_list **kunit_lists_tail = &kunit_lists;

/**
 * kunit_krt_register_suites - add a list of suites to those the runner runs.
 * @list: the list (static; kunit_test_suites() makes it).
 *
 * Called from constructors, before main() and possibly before krt has booted: it only links
 * @list in.
 */
void kunit_krt_register_suites(struct kunit_krt_suite_list *list)
{
	list->next = NULL;
	*kunit_lists_tail = list;
	kunit_lists_tail = &list->next;
}

/**
 * kunit_enabled - may KUnit run tests?
 *
 * KUnit always runs tests in krt.
 *
 * Return: true.
 */
bool kunit_enabled(void)
{
	return true;
}

/**
 * kunit_action - the kunit.action= parameter
 *
 * Return: the value given ("list" is the one krt's runner accepts), or NULL if none was given.
 */
const char *kunit_action(void)
{
	return action_param;
}

/**
 * kunit_filter_glob - the kunit.filter_glob= parameter
 *
 * Return: the "suite.case" glob given, or NULL if none was given.
 */
const char *kunit_filter_glob(void)
{
	return filter_glob_param;
}

/**
 * kunit_filter - the kernel's kunit.filter= attribute filter
 *
 * Attribute filters are not supported by krt.
 *
 * Return: NULL, always.
 */
char *kunit_filter(void)
{
	return NULL;
}

/**
 * kunit_filter_action - the kernel's kunit.filter_action= parameter
 *
 * Attribute filters are not supported by krt.
 *
 * Return: NULL, always.
 */
char *kunit_filter_action(void)
{
	return NULL;
}

/* Does @str, from its start, match the class "[...]" at @glob? Sets *@end past the class. */
static bool kunit_glob_class(const char *glob, char c, const char **end)
{
	bool negate = false, match = false;
	const char *p = glob + 1;

	if (*p == '!' || *p == '^') {
		negate = true;
		p++;
	}
	/* A ']' right at the start is a member, not the end. */
	do {
		char lo = *p, hi = lo;

		if (!lo) {
			/* Unterminated: the '[' is an ordinary character. */
			*end = glob + 1;
			return c == '[';
		}
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			p += 2;
		}
		if (lo <= c && c <= hi)
			match = true;
		p++;
	} while (*p != ']');
	*end = p + 1;
	return match != negate;
}

/**
 * kunit_krt_glob_match - shell-style matching of @str against @glob ('*', '?', '[...]').
 * @glob: the pattern.
 * @str: the string.
 */
bool kunit_krt_glob_match(const char *glob, const char *str)
{
	/* Where to resume after the last '*': it absorbs one more character each retry. */
	const char *back_glob = NULL, *back_str = NULL;

	for (;;) {
		char c = *str;
		const char *next;

		if (*glob == '*') {
			back_glob = ++glob;
			back_str = str;
			continue;
		}
		if (c) {
			if (*glob == '?') {
				glob++;
				str++;
				continue;
			}
			if (*glob == '[') {
				if (kunit_glob_class(glob, c, &next)) {
					glob = next;
					str++;
					continue;
				}
			} else if (*glob == c) {
				glob++;
				str++;
				continue;
			}
		} else if (!*glob) {
			return true;
		}
		if (!back_glob || !*back_str)
			return false;
		glob = back_glob;
		str = ++back_str;
	}
}

/* A suite narrowed to some of its cases, on the host heap. */
static struct kunit_suite *kunit_filter_cases(struct kunit_suite *suite, const char *case_glob)
{
	struct kunit_case *cases, *tc;
	struct kunit_suite *copy;
	int n = 0;

	kunit_suite_for_each_test_case(suite, tc)
		if (kunit_krt_glob_match(case_glob, tc->name))
			n++;
	if (!n)
		return NULL;

	copy = host_alloc(sizeof(*copy));
	cases = host_zalloc((n + 1) * sizeof(*cases));
	if (!copy || !cases) {
		host_free(copy);
		host_free(cases);
		return ERR_PTR(-ENOMEM);
	}
	memcpy(copy, suite, sizeof(*copy));
	n = 0;
	kunit_suite_for_each_test_case(suite, tc)
		if (kunit_krt_glob_match(case_glob, tc->name))
			cases[n++] = *tc;
	copy->test_cases = cases;
	return copy;
}

/*
 * The suites of @suites that @filter matches ("suite_glob" or "suite_glob.case_glob"), in a
 * host-heap array; *@copies tells which entries are narrowed copies. NULL filter: all.
 */
static int kunit_filter_suites(struct kunit_suite * const *suites, int num_suites,
			       const char *filter, struct kunit_suite ***filtered,
			       bool **copies)
{
	char *suite_glob = NULL;
	const char *case_glob = NULL;
	struct kunit_suite **out;
	bool *copied;
	int i, n = 0;

	out = host_zalloc((num_suites + 1) * sizeof(*out));
	copied = host_zalloc((num_suites + 1) * sizeof(*copied));
	if (filter) {
		const char *dot = strchr(filter, '.');
		size_t len = dot ? (size_t)(dot - filter) : strlen(filter);

		suite_glob = host_alloc(len + 1);
		if (suite_glob) {
			memcpy(suite_glob, filter, len);
			suite_glob[len] = '\0';
		}
		case_glob = dot ? dot + 1 : NULL;
	}
	if (!out || !copied || (filter && !suite_glob)) {
		host_free(out);
		host_free(copied);
		host_free(suite_glob);
		return -ENOMEM;
	}

	for (i = 0; i < num_suites; i++) {
		struct kunit_suite *suite = suites[i];

		if (suite_glob && !kunit_krt_glob_match(suite_glob, suite->name))
			continue;
		if (case_glob) {
			suite = kunit_filter_cases(suite, case_glob);
			if (!suite)
				continue;
			if (IS_ERR(suite)) {
				while (n--)
					if (copied[n]) {
						host_free(out[n]->test_cases);
						host_free(out[n]);
					}
				host_free(out);
				host_free(copied);
				host_free(suite_glob);
				return PTR_ERR(suite);
			}
			copied[n] = true;
		}
		out[n++] = suite;
	}
	host_free(suite_glob);
	*filtered = out;
	*copies = copied;
	return n;
}

static void kunit_free_filtered(struct kunit_suite **suites, bool *copies, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!copies[i])
			continue;
		host_free(suites[i]->test_cases);
		host_free(suites[i]);
	}
	host_free(suites);
	host_free(copies);
}

/* Reset what a previous run left in @suite (kernel: kunit_init_suite()). */
static void kunit_init_suite(struct kunit_suite *suite)
{
	suite->status_comment[0] = '\0';
	suite->suite_init_err = 0;
	if (suite->log)
		string_stream_clear(suite->log);
}

/* Run @suites under one KTAP header; kunit_current_run is set by the caller. */
static void kunit_run_suite_array(struct kunit_suite * const *suites, int num_suites)
{
	int i;

	kunit_ktap_printf("KTAP version 1\n");
	kunit_ktap_printf("1..%d\n", num_suites);
	for (i = 0; i < num_suites; i++) {
		kunit_init_suite(suites[i]);
		kunit_run_tests(suites[i]);
	}
}

/**
 * kunit_krt_run_suites - run the suites that match the filter, with a KTAP header and plan.
 * @suites: the suites.
 * @num_suites: how many.
 * @opts: options (NULL: defaults).
 * @result: receives the counts (added to what it holds).
 *
 * Runs may nest: a test case may run suites of its own (KUnit's own tests do). Returns 0, or
 * -ENOMEM.
 */
int kunit_krt_run_suites(struct kunit_suite * const *suites, int num_suites,
			 const struct kunit_krt_options *opts, struct kunit_krt_result *result)
{
	struct kunit_krt_run run = { .result = result, .suite_counter = 1 };
	struct kunit_suite **filtered;
	struct task_struct *task;
	struct kunit *outer_test;
	bool *copies;
	int n;

	if (opts)
		run.opts = *opts;
	/* Boot krt first, so that its leak counters exist before the first case. */
	task = current;

	n = kunit_filter_suites(suites, num_suites, run.opts.filter_glob, &filtered, &copies);
	if (n < 0)
		return n;

	/* A nested run's suites are not part of the enclosing test case. */
	outer_test = task->kunit_test;
	task->kunit_test = NULL;
	run.outer = kunit_current_run;
	kunit_current_run = &run;

	kunit_run_suite_array(filtered, n);

	kunit_current_run = run.outer;
	task->kunit_test = outer_test;
	kunit_try_catch_reap();
	kunit_free_filtered(filtered, copies, n);
	return 0;
}

/**
 * kunit_run_suite_krt - run one suite with default options.
 * @suite: the suite.
 * @result: receives the counts.
 */
int kunit_run_suite_krt(struct kunit_suite *suite, struct kunit_krt_result *result)
{
	return kunit_krt_run_suites(&suite, 1, NULL, result);
}

/* Every registered suite, init-section suites first (as the kernel merges them). */
static int kunit_registered_suites(struct kunit_suite ***suitesp)
{
	struct kunit_krt_suite_list *list;
	struct kunit_suite **suites;
	int n = 0, pass, i;

	for (list = kunit_lists; list; list = list->next)
		n += list->num_suites;
	suites = host_zalloc((n + 1) * sizeof(*suites));
	if (!suites)
		return -ENOMEM;
	n = 0;
	for (pass = 0; pass < 2; pass++) {
		for (list = kunit_lists; list; list = list->next) {
			if (list->is_init != !pass)
				continue;
			for (i = 0; i < list->num_suites; i++) {
				suites[n] = list->suites[i];
				suites[n]->is_init = list->is_init;
				n++;
			}
		}
	}
	*suitesp = suites;
	return n;
}

/**
 * kunit_krt_run_all - run every registered suite that matches the filter.
 * @opts: options (NULL: defaults; without a filter, kunit.filter_glob= applies).
 * @result: receives the counts.
 *
 * Returns 0 or -ENOMEM.
 */
int kunit_krt_run_all(const struct kunit_krt_options *opts, struct kunit_krt_result *result)
{
	struct kunit_krt_options options = { 0 };
	struct kunit_suite **suites;
	int n, ret;

	if (opts)
		options = *opts;
	/* Booting parses KRT_CMDLINE, and with it kunit.filter_glob=. */
	(void)current;
	if (!options.filter_glob)
		options.filter_glob = kunit_filter_glob();

	n = kunit_registered_suites(&suites);
	if (n < 0)
		return n;
	ret = kunit_krt_run_suites(suites, n, &options, result);
	host_free(suites);
	return ret;
}

/**
 * kunit_krt_list - print "suite.case", one per line, for every registered case that matches
 * @filter_glob (NULL: kunit.filter_glob=, or all).
 * @filter_glob: the filter.
 *
 * Returns 0 or -ENOMEM.
 */
int kunit_krt_list(const char *filter_glob)
{
	struct kunit_suite **suites, **filtered;
	struct kunit_case *tc;
	bool *copies;
	int n, i;

	(void)current;
	if (!filter_glob)
		filter_glob = kunit_filter_glob();
	n = kunit_registered_suites(&suites);
	if (n < 0)
		return n;
	n = kunit_filter_suites(suites, n, filter_glob, &filtered, &copies);
	host_free(suites);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		kunit_suite_for_each_test_case(filtered[i], tc)
			kunit_ktap_printf("%s.%s\n", filtered[i]->name, tc->name);
	kunit_free_filtered(filtered, copies, n);
	return 0;
}

/**
 * kunit_krt_print_summary - the closing line: "N passed, N failed, N skipped".
 * @result: the counts of the run.
 */
void kunit_krt_print_summary(const struct kunit_krt_result *result)
{
	kunit_ktap_printf("%lu passed, %lu failed, %lu skipped\n", result->passed, result->failed,
			  result->skipped);
}

/**
 * __kunit_test_suites_init - run @suites (the kernel runs a module's suites this way).
 * @suites: the suites.
 * @num_suites: how many.
 *
 * Returns 0.
 */
int __kunit_test_suites_init(struct kunit_suite * const * const suites, int num_suites)
{
	int i;

	for (i = 0; i < num_suites; i++) {
		kunit_init_suite(suites[i]);
		kunit_run_tests(suites[i]);
	}
	return 0;
}

/**
 * __kunit_test_suites_exit - tear down after @suites ran
 * @suites: the suites
 * @num_suites: how many
 *
 * Nothing to tear down: the kernel removes the suites' debugfs entries here, and krt's KUnit
 * creates none.
 */
void __kunit_test_suites_exit(struct kunit_suite **suites, int num_suites)
{
}

/**
 * kunit_exec_run_tests - run a suite set under a KTAP header.
 * @suite_set: the suites.
 * @builtin: print the header even for an empty set.
 */
void kunit_exec_run_tests(struct kunit_suite_set *suite_set, bool builtin)
{
	size_t num_suites = suite_set->end - suite_set->start;

	if (builtin || num_suites) {
		kunit_ktap_printf("KTAP version 1\n");
		kunit_ktap_printf("1..%zu\n", num_suites);
	}
	__kunit_test_suites_init(suite_set->start, num_suites);
}

/**
 * kunit_exec_list_tests - list a suite set as the kernel's kunit.action=list does.
 * @suite_set: the suites.
 * @include_attr: also print the attribute lines.
 */
void kunit_exec_list_tests(struct kunit_suite_set *suite_set, bool include_attr)
{
	struct kunit_suite * const *suites;
	struct kunit_case *tc;

	kunit_ktap_printf("KTAP version 1\n");
	for (suites = suite_set->start; suites < suite_set->end; suites++) {
		kunit_ktap_printf("%s\n", (*suites)->name);
		kunit_suite_for_each_test_case((*suites), tc) {
			kunit_ktap_printf("%s.%s\n", (*suites)->name, tc->name);
			if (include_attr && tc->attr.speed != KUNIT_SPEED_UNSET)
				kunit_ktap_printf("# %s.speed: %s\n", tc->name,
						  tc->attr.speed == KUNIT_SPEED_SLOW ? "slow" :
						  tc->attr.speed == KUNIT_SPEED_VERY_SLOW ?
						  "very_slow" : "normal");
		}
	}
}
