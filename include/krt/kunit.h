/* SPDX-License-Identifier: MIT */
/*
 * krt's own KUnit API: running suites from code (the runner's main() and KUnit's own tests use
 * it), capturing the KTAP output, and the totals behind the closing "N passed, N failed,
 * N skipped" line.
 */
#ifndef _KRT_KUNIT_H
#define _KRT_KUNIT_H

#include <linux/types.h>

struct kunit_suite;

/* How to run suites. Zero-initialised options mean the defaults. */
struct kunit_krt_options {
	/* "suite_glob" or "suite_glob.case_glob" (as kunit.py's filter_glob); NULL: all. */
	const char *filter_glob;
	/* Run each test case (each parameter) in a forked child, so that a crash fails one case. */
	bool isolate;
	/* Per try-catch time limit in milliseconds; 0: the kernel's 300 s. */
	unsigned int timeout_ms;
	/* Runtime from which an unmarked case gets "Test should be marked slow"; 0: 2 s. */
	unsigned int slow_ms;
};

/* Totals of a run: test cases, counting each parameter of a parameterised case. */
struct kunit_krt_result {
	unsigned long passed;
	unsigned long failed;
	unsigned long skipped;
	unsigned long total;
	/* Suites run, and how many of them were "not ok". */
	unsigned long suites;
	unsigned long suites_failed;
};

/*
 * kunit_krt_run_suites - run @suites (those matching the filter) with the KTAP header and plan,
 * adding to @result (which the caller zeroes). @opts may be NULL. Returns 0, or a negative
 * errno if the filter was invalid or memory ran out.
 */
int kunit_krt_run_suites(struct kunit_suite * const *suites, int num_suites,
			 const struct kunit_krt_options *opts, struct kunit_krt_result *result);

/* kunit_run_suite_krt - kunit_krt_run_suites() for one suite with default options. */
int kunit_run_suite_krt(struct kunit_suite *suite, struct kunit_krt_result *result);

/* kunit_krt_run_all - run every registered suite (init-section suites first). */
int kunit_krt_run_all(const struct kunit_krt_options *opts, struct kunit_krt_result *result);

/* kunit_krt_list - print "suite.case" for every registered case matching @filter_glob. */
int kunit_krt_list(const char *filter_glob);

/* kunit_krt_print_summary - print the closing line "N passed, N failed, N skipped". */
void kunit_krt_print_summary(const struct kunit_krt_result *result);

/*
 * kunit_krt_glob_match - does @str match @glob? Supports '*', '?' and '[...]' classes with
 * ranges and '!' negation, like the kernel's glob_match().
 */
bool kunit_krt_glob_match(const char *glob, const char *str);

/*
 * Capturing the KTAP output. While a capture is active, KTAP lines from every thread go to the
 * capture buffer instead of stdout. Captures nest: the innermost one receives the lines.
 * (A forked --isolate child's lines are not captured by its parent.)
 */
void kunit_krt_capture_begin(void);
/* The text captured so far by the innermost capture, NUL-terminated. */
const char *kunit_krt_capture_text(void);
/* Does the innermost capture contain @needle? */
bool kunit_krt_capture_contains(const char *needle);
/* Stop the innermost capture and free its buffer. */
void kunit_krt_capture_end(void);

#endif /* _KRT_KUNIT_H */
