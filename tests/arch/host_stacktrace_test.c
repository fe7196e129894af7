// SPDX-License-Identifier: MIT
/*
 * arch/host/stacktrace.c's capture: the frame-pointer walk, and the cases where it hands over
 * to the CFI unwinder (a chain broken in code built with frame pointers, a signal frame).
 */
#include <kunit/test.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <signal.h>

#include "arch/host/host.h"

#define TRACE_MAX 32

/* Is a frame of the function called @name in @entries? */
static bool trace_has(const unsigned long *entries, int nr, const char *name)
{
	char buf[256];
	int i;

	for (i = 0; i < nr; i++) {
		snprintf(buf, sizeof(buf), "%ps", (void *)entries[i]);
		if (!strcmp(buf, name))
			return true;
	}
	return false;
}

/* Expect a frame of each function named in @names (NULL-terminated) in @entries. */
static void expect_frames(struct kunit *test, const unsigned long *entries, int nr,
			  const char *const *names)
{
	KUNIT_ASSERT_GT(test, nr, 2);
	for (; *names; names++)
		KUNIT_EXPECT_TRUE_MSG(test, trace_has(entries, nr, *names), "no frame of %s", *names);
}

static noinline int capture_here(unsigned long *entries)
{
	int nr = host_stack_capture(entries, TRACE_MAX, 0);

	barrier();
	return nr;
}

/* A KUnit case runs on a krt thread: the walk goes through the runner to the thread's start. */
static void stacktrace_walks_to_thread_start(struct kunit *test)
{
	static const char *const names[] = { "capture_here", "stacktrace_walks_to_thread_start",
					     "kunit_try_run_case", "krt_thread_trampoline", NULL };
	unsigned long entries[TRACE_MAX];

	expect_frames(test, entries, capture_here(entries), names);
}

/*
 * Call @fn(@arg) with %rbp holding 1, which is no frame pointer: the callee's saved frame
 * pointer breaks the chain inside code built with frame pointers. The CFI still describes the
 * frame, so the unwinder gets past it.
 */
int call_with_bad_rbp(int (*fn)(unsigned long *), unsigned long *arg);
asm(".pushsection .text\n"
    ".globl call_with_bad_rbp\n"
    ".type call_with_bad_rbp, @function\n"
    "call_with_bad_rbp:\n"
    "	.cfi_startproc\n"
    "	pushq %rbp\n"
    "	.cfi_adjust_cfa_offset 8\n"
    "	.cfi_rel_offset %rbp, 0\n"
    "	movq $1, %rbp\n"
    "	movq %rdi, %rax\n"
    "	movq %rsi, %rdi\n"
    "	call *%rax\n"
    "	popq %rbp\n"
    "	.cfi_adjust_cfa_offset -8\n"
    "	.cfi_restore %rbp\n"
    "	ret\n"
    "	.cfi_endproc\n"
    ".size call_with_bad_rbp, .-call_with_bad_rbp\n"
    ".popsection\n");

static noinline int broken_chain_caller(unsigned long *entries)
{
	int nr = call_with_bad_rbp(capture_here, entries);

	barrier();
	return nr;
}

static void stacktrace_broken_chain_falls_back(struct kunit *test)
{
	/* The last two are beyond the broken link: only the unwinder finds them. */
	static const char *const names[] = { "capture_here", "call_with_bad_rbp",
					     "broken_chain_caller",
					     "stacktrace_broken_chain_falls_back", NULL };
	unsigned long entries[TRACE_MAX];

	expect_frames(test, entries, broken_chain_caller(entries), names);
}

static unsigned long signal_entries[TRACE_MAX];
static int signal_nr;

static void capture_in_handler(int sig)
{
	signal_nr = capture_here(signal_entries);
}

static noinline void interrupted_function(void)
{
	raise(SIGUSR2);
	barrier();
}

/*
 * In a signal handler the frame chain skips the interrupted function (its return address is
 * in the signal's context, not in a frame): the unwinder must take over.
 */
static void stacktrace_signal_frame_falls_back(struct kunit *test)
{
	static const char *const names[] = { "capture_in_handler", "interrupted_function",
					     "stacktrace_signal_frame_falls_back", NULL };
	struct sigaction sa = { .sa_handler = capture_in_handler }, old;

	KUNIT_ASSERT_EQ(test, sigaction(SIGUSR2, &sa, &old), 0);
	interrupted_function();
	sigaction(SIGUSR2, &old, NULL);
	expect_frames(test, signal_entries, signal_nr, names);
}

static struct kunit_case host_stacktrace_cases[] = {
	KUNIT_CASE(stacktrace_walks_to_thread_start),
	KUNIT_CASE(stacktrace_broken_chain_falls_back),
	KUNIT_CASE(stacktrace_signal_frame_falls_back),
	{}
};

static struct kunit_suite host_stacktrace_suite = {
	.name = "host_stacktrace",
	.test_cases = host_stacktrace_cases,
};
kunit_test_suite(host_stacktrace_suite);
