// SPDX-License-Identifier: MIT
/*
 * Where KUnit's KTAP output goes: stdout, or the innermost capture buffer of KUnit's own tests.
 * Lines are written whole under one lock, so lines of different threads never mix. The lock is
 * a spinlock because tests log from atomic context too (as printk allows in the kernel).
 */
#include <linux/spinlock.h>
#include <linux/string.h>

#include "arch/host/host.h"
#include "kunit-internal.h"

struct kunit_capture {
	struct string_stream text;
	struct kunit_capture *outer;
};

static DEFINE_SPINLOCK(kunit_output_lock);
static struct kunit_capture *kunit_capture_top;

/**
 * kunit_ktap_write - write complete lines of KTAP output.
 * @text: the lines, each ending with a newline.
 * @len: their length.
 */
void kunit_ktap_write(const char *text, size_t len)
{
	spin_lock(&kunit_output_lock);
	if (kunit_capture_top)
		string_stream_add(&kunit_capture_top->text, "%.*s", (int)len, text);
	else
		host_write_out(text, len);
	spin_unlock(&kunit_output_lock);
}

/* Format into @stack if it fits, else into a host allocation; returns the text and length. */
static char *kunit_format(char *stack, size_t size, size_t *lenp, const char *fmt, va_list args)
{
	va_list again;
	char *buf = stack;
	int len;

	va_copy(again, args);
	len = vsnprintf(stack, size, fmt, args);
	if (len < 0)
		len = 0;
	if ((size_t)len + 2 > size) {
		buf = host_alloc(len + 2);
		if (buf) {
			vsnprintf(buf, len + 1, fmt, again);
		} else {
			buf = stack;
			len = size - 2;
		}
	}
	va_end(again);
	*lenp = len;
	return buf;
}

/*
 * Write one message as a line: printk level markers are dropped and a newline is added when the
 * text lacks one, as printk does.
 */
static void kunit_ktap_vprintf(struct string_stream *log, const char *fmt, va_list args)
{
	char stack[512];
	const char *text;
	size_t len;
	char *buf;

	buf = kunit_format(stack, sizeof(stack), &len, fmt, args);
	text = printk_skip_headers(buf);
	len -= text - buf;
	if (!len || text[len - 1] != '\n')
		buf[(text - buf) + len++] = '\n';
	kunit_ktap_write(text, len);
	if (log)
		string_stream_add(log, "%.*s", (int)len, text);
	if (buf != stack)
		host_free(buf);
}

/**
 * kunit_ktap_printf - write one line of KTAP output.
 * @fmt: printf format, then its arguments; a trailing newline is optional.
 */
void kunit_ktap_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	kunit_ktap_vprintf(NULL, fmt, args);
	va_end(args);
}

/**
 * __kunit_log_krt - kunit_log(): write one line of a test's or suite's output.
 * @log: the test's log stream (NULL: none), which receives the line too.
 * @fmt: format with an optional printk level prefix, then its arguments.
 */
void __kunit_log_krt(struct string_stream *log, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	kunit_ktap_vprintf(log, fmt, args);
	va_end(args);
}

/**
 * kunit_log_append - append a formatted message to a test's log without printing it.
 * @log: the log (NULL: nothing happens; krt keeps no debugfs logs).
 * @fmt: format, then its arguments.
 */
void kunit_log_append(struct string_stream *log, const char *fmt, ...)
{
	va_list args;

	if (!log)
		return;
	va_start(args, fmt);
	string_stream_vadd(log, fmt, args);
	va_end(args);
}

/**
 * kunit_krt_capture_begin - send KTAP output to a new capture buffer until
 * kunit_krt_capture_end().
 */
void kunit_krt_capture_begin(void)
{
	struct kunit_capture *capture = host_zalloc(sizeof(*capture));

	/* Out of host memory: the output keeps going to the current place. */
	if (!capture)
		return;
	spin_lock(&kunit_output_lock);
	capture->outer = kunit_capture_top;
	kunit_capture_top = capture;
	spin_unlock(&kunit_output_lock);
}

/**
 * kunit_krt_capture_text - the text of the innermost capture ("" when none is active).
 *
 * Valid until more output arrives or the capture ends.
 */
const char *kunit_krt_capture_text(void)
{
	const char *text = "";

	spin_lock(&kunit_output_lock);
	if (kunit_capture_top)
		text = string_stream_text(&kunit_capture_top->text);
	spin_unlock(&kunit_output_lock);
	return text;
}

/**
 * kunit_krt_capture_contains - does the innermost capture contain @needle?
 * @needle: the text to look for.
 */
bool kunit_krt_capture_contains(const char *needle)
{
	bool found = false;

	spin_lock(&kunit_output_lock);
	if (kunit_capture_top)
		found = strstr(string_stream_text(&kunit_capture_top->text), needle) != NULL;
	spin_unlock(&kunit_output_lock);
	return found;
}

/**
 * kunit_krt_capture_end - end the innermost capture, free its text, and send the output back to
 * the enclosing capture or stdout.
 */
void kunit_krt_capture_end(void)
{
	struct kunit_capture *capture;

	spin_lock(&kunit_output_lock);
	capture = kunit_capture_top;
	if (capture)
		kunit_capture_top = capture->outer;
	spin_unlock(&kunit_output_lock);
	if (capture) {
		host_free(capture->text.buf);
		host_free(capture);
	}
}
