/* SPDX-License-Identifier: MIT */
/* Private interfaces between the parts of krt's KUnit (lib/kunit/). */
#ifndef _LIB_KUNIT_INTERNAL_H
#define _LIB_KUNIT_INTERNAL_H

#include <stdarg.h>
#include <kunit/test.h>
#include <krt/kunit.h>
#include <krt/leak.h>

/* --- string_stream: a growing text buffer on the host heap (string-stream.c) --------------- */
struct string_stream {
	char *buf;
	size_t len;
	size_t size;
	/* An allocation failed: the text is truncated. */
	bool truncated;
};

struct string_stream *kunit_string_stream_alloc(void);
void kunit_string_stream_free(struct string_stream *stream);
__printf(2, 0) void string_stream_vadd(struct string_stream *stream, const char *fmt,
				       va_list args);
__printf(2, 3) void string_stream_add(struct string_stream *stream, const char *fmt, ...);
/* The text so far, NUL-terminated ("" when empty); valid until the next add or clear. */
const char *string_stream_text(struct string_stream *stream);
bool string_stream_is_empty(struct string_stream *stream);
void string_stream_clear(struct string_stream *stream);

/* --- KTAP output (ktap.c) ------------------------------------------------------------------ */
/* Write @len bytes of complete lines to the innermost capture, or to stdout. */
void kunit_ktap_write(const char *text, size_t len);
/* Format one line (a trailing newline is added when missing) and write it. */
__printf(1, 2) void kunit_ktap_printf(const char *fmt, ...);

/* --- try-catch (try-catch.c) --------------------------------------------------------------- */
static inline void kunit_try_catch_init(struct kunit_try_catch *try_catch, struct kunit *test,
					kunit_try_catch_func_t try,
					kunit_try_catch_func_t catch)
{
	try_catch->test = test;
	try_catch->try = try;
	try_catch->catch = catch;
}

/* Per-try time limit of the run in progress, in milliseconds. */
unsigned int kunit_try_timeout_ms(void);
/* Make BUG() inside a test case end just that case (installs krt_die_hook once). */
void kunit_install_die_hook(void);
/* Did the last kunit_try_catch_run() leave its thread running (timed out)? */
bool kunit_try_catch_abandoned(struct kunit_try_catch *try_catch);
/* Join the threads left running by timeouts that have ended since. */
void kunit_try_catch_reap(void);
/* Free host @memory once the threads @try_catch left running have ended. */
void kunit_try_catch_free_after(struct kunit_try_catch *try_catch, void *memory);

/* --- a run of suites (executor.c, test.c) -------------------------------------------------- */
struct kunit_krt_run {
	struct kunit_krt_options opts;
	struct kunit_krt_result *result;
	/* The number of the next suite's "ok N" line. */
	size_t suite_counter;
	struct kunit_krt_run *outer;
};

/*
 * The run in progress on this thread (the runner's); NULL outside kunit_krt_run_suites().
 * Per thread, because a test case may run suites of its own while its runner waits.
 */
extern __thread struct kunit_krt_run *kunit_current_run;

/* --- leak checking (leak.c) ---------------------------------------------------------------- */
#define KUNIT_LEAK_MAX_COUNTERS 64

struct kunit_leak_sample {
	struct krt_leak_counter *counter;
	long value;
};

/* Settle and read every registered counter; returns how many were sampled. */
int kunit_leak_sample(struct kunit_leak_sample *samples, int max);

/* --- hooks (hooks.c, test.c, static_stub.c) ------------------------------------------------ */
__printf(3, 4) void __kunit_fail_current_test_impl(const char *file, int line, const char *fmt,
						   ...);
void *__kunit_get_static_stub_address_impl(struct kunit *test, void *real_fn_addr);

#endif /* _LIB_KUNIT_INTERNAL_H */
