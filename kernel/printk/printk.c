// SPDX-License-Identifier: MIT
/*
 * printk: format, pick the level, and write to stderr in dmesg form ("[    0.001234] text"),
 * one timestamp per line. Messages below console_loglevel reach the console; every message
 * reaches an active test capture (it plays the role of the kernel's log buffer).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/ktime.h>
#include <linux/init.h>
#include <krt/printk.h>

#include "arch/host/host.h"

int console_printk[4] = {
	CONSOLE_LOGLEVEL_DEFAULT,	/* console_loglevel */
	MESSAGE_LOGLEVEL_DEFAULT,	/* default_message_loglevel */
	1,				/* minimum_console_loglevel */
	CONSOLE_LOGLEVEL_DEFAULT,	/* default_console_loglevel */
};

static bool ignore_loglevel;

/*
 * One lock for the console and the capture buffer. It is a bare futex lock so that printk works
 * from any context, including from inside krt's own lock implementation.
 */
static struct host_mutex printk_mutex;
static int printk_lock_owner;
static int printk_lock_depth;

static void printk_lock(void)
{
	int tid = host_gettid();

	if (READ_ONCE(printk_lock_owner) == tid) {
		printk_lock_depth++;	/* a printk from inside printk (e.g. a WARN in vsnprintf) */
		return;
	}
	host_mutex_lock(&printk_mutex);
	WRITE_ONCE(printk_lock_owner, tid);
	printk_lock_depth = 1;
}

/* fork(): only the forking thread survives; a printk it interrupted must not block the child. */
static void printk_after_fork_child(void)
{
	host_mutex_reset_after_fork(&printk_mutex);
	printk_lock_owner = 0;
	printk_lock_depth = 0;
}

static KRT_CONSTRUCTOR_EARLY void printk_atfork_init(void)
{
	host_atfork(NULL, NULL, printk_after_fork_child);
}

static void printk_unlock(void)
{
	if (--printk_lock_depth)
		return;
	WRITE_ONCE(printk_lock_owner, 0);
	host_mutex_unlock(&printk_mutex);
}

/*
 * Line state. The log (what a capture sees) and the console can differ, because the console
 * filters by level. A KERN_CONT message continues the open log line at that line's level.
 */
static bool log_line_open;
static int open_level;
static bool console_line_open;

struct capture {
	bool active;
	bool echo;
	char *buf;
	size_t len;
	size_t size;
	char *snapshot;		/* the copy krt_printk_capture_text() hands out */
};
static struct capture capture;

static void capture_append(const char *text, size_t len)
{
	if (capture.len + len + 1 > capture.size) {
		size_t size = max_t(size_t, capture.size * 2, capture.len + len + 4096);
		char *buf = host_realloc(capture.buf, size);

		if (!buf)
			return;
		capture.buf = buf;
		capture.size = size;
	}
	memcpy(capture.buf + capture.len, text, len);
	capture.len += len;
	capture.buf[capture.len] = '\0';
}

/**
 * krt_printk_time_prefix - format the dmesg timestamp "[    1.234567] " for @ns
 * @buf: destination
 * @size: its size
 * @ns: nanoseconds since boot (local_clock())
 *
 * Seconds and microseconds, as the kernel prints them; the console and the tests that check
 * the format share this one function.
 *
 * Return: the number of characters stored in @buf, as scnprintf() does.
 */
int krt_printk_time_prefix(char *buf, size_t size, u64 ns)
{
	return scnprintf(buf, size, "[%5lu.%06lu] ", (unsigned long)(ns / NSEC_PER_SEC),
			 (unsigned long)(ns % NSEC_PER_SEC) / 1000);
}

/* Write @text to stderr, with a timestamp at the start of every line that begins here. */
static void console_emit(const char *text, size_t len)
{
	char prefix[32];
	int plen = krt_printk_time_prefix(prefix, sizeof(prefix), local_clock());

	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t seg = nl ? (size_t)(nl - text) + 1 : len;

		if (!console_line_open)
			host_write_err(prefix, plen);
		host_write_err(text, seg);
		console_line_open = !nl;
		text += seg;
		len -= seg;
	}
}

/* Emit one formatted record of @level (0-7) to the console and the capture. */
static void printk_emit(int level, bool cont, const char *text, size_t len)
{
	bool to_console;

	printk_lock();
	if (cont && log_line_open) {
		level = open_level;
	} else if (log_line_open) {
		/* An unfinished line is ended by the next message that is not KERN_CONT. */
		if (capture.active)
			capture_append("\n", 1);
		log_line_open = false;
	}
	if (!log_line_open && console_line_open) {
		host_write_err("\n", 1);
		console_line_open = false;
	}
	to_console = (ignore_loglevel || level < console_loglevel) &&
		     (!capture.active || capture.echo);
	if (capture.active)
		capture_append(text, len);
	if (to_console)
		console_emit(text, len);
	log_line_open = len && text[len - 1] != '\n';
	if (log_line_open)
		open_level = level;
	printk_unlock();
}

/**
 * vprintk - print a kernel message
 * @fmt: format, optionally starting with a KERN_<LEVEL> or KERN_CONT marker
 * @args: arguments
 *
 * Returns the number of characters of the message (without the level marker).
 */
int vprintk(const char *fmt, va_list args)
{
	char small[512], *text = small;
	int level = default_message_loglevel;
	bool cont = false;
	const char *body;
	va_list copy;
	int len, c;

	va_copy(copy, args);
	len = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (len < 0)
		return len;
	if ((size_t)len >= sizeof(small)) {
		text = host_alloc(len + 1);
		if (!text) {
			text = small;
			len = sizeof(small) - 1;
		} else {
			vsnprintf(text, len + 1, fmt, args);
		}
	}

	body = text;
	while ((c = printk_get_level(body))) {
		if (c == 'c')
			cont = true;
		else
			level = c - '0';
		body += 2;
	}
	len -= body - text;
	printk_emit(level, cont, body, len);
	if (text != small)
		host_free(text);
	return len;
}

/**
 * _printk - print a kernel message (see vprintk)
 * @fmt: format with optional level marker
 */
int _printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

/**
 * _printk_deferred - print a kernel message from a context that cannot print directly; in krt
 * every context can, so this is printk.
 * @fmt: format with optional level marker
 */
int _printk_deferred(const char *fmt, ...) __alias(_printk);

/**
 * krt_printk_capture_begin - start capturing printk output
 * @echo: also keep printing to stderr the messages the console loglevel lets through
 *
 * Every message is captured, whatever its level, so that a test can check what was printed.
 * Captures do not nest: beginning one while another is active WARNs and starts afresh.
 */
void krt_printk_capture_begin(bool echo)
{
	printk_lock();
	WARN_ON_ONCE(capture.active);
	capture.active = true;
	capture.echo = echo;
	capture.len = 0;
	if (capture.buf)
		capture.buf[0] = '\0';
	printk_unlock();
}

/**
 * krt_printk_capture_text - the text captured so far
 *
 * Return: the NUL-terminated text ("" if nothing was captured), valid until the next printk or
 * krt_printk_capture_end().
 */
const char *krt_printk_capture_text(void)
{
	/*
	 * A copy: other threads may printk (and so move the capture buffer) while the caller reads.
	 * It stays valid until the next call or capture_end.
	 */
	printk_lock();
	host_free(capture.snapshot);
	capture.snapshot = host_alloc(capture.len + 1);
	if (capture.snapshot) {
		memcpy(capture.snapshot, capture.buf ?: "", capture.len);
		capture.snapshot[capture.len] = '\0';
	}
	printk_unlock();
	return capture.snapshot ?: "";
}

/**
 * krt_printk_capture_contains - does the captured text contain @needle?
 * @needle: the text to look for
 *
 * Return: true if @needle occurs in the capture, false otherwise (also when nothing has been
 * captured yet).
 */
bool krt_printk_capture_contains(const char *needle)
{
	bool found;

	printk_lock();
	found = capture.buf && strstr(capture.buf, needle);
	printk_unlock();
	return found;
}

/**
 * krt_printk_capture_count - how many times does @needle occur in the captured text?
 * @needle: the text to look for
 *
 * Return: the number of non-overlapping occurrences (0 for an empty @needle).
 */
unsigned int krt_printk_capture_count(const char *needle)
{
	unsigned int n = 0;
	const char *p;

	printk_lock();
	for (p = capture.buf; p && *needle && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	printk_unlock();
	return n;
}

/**
 * krt_printk_capture_reset - forget what was captured so far and keep capturing
 *
 * The buffer is kept for what comes next.
 */
void krt_printk_capture_reset(void)
{
	printk_lock();
	capture.len = 0;
	if (capture.buf)
		capture.buf[0] = '\0';
	printk_unlock();
}

/**
 * krt_printk_capture_end - stop capturing and free the buffer
 *
 * Text returned by krt_printk_capture_text() is invalid from then on.
 */
void krt_printk_capture_end(void)
{
	printk_lock();
	capture.active = false;
	host_free(capture.buf);
	host_free(capture.snapshot);
	capture.buf = NULL;
	capture.snapshot = NULL;
	capture.len = capture.size = 0;
	printk_unlock();
}

/**
 * krt_stdout_write - write @len bytes of @buf to standard output, in order with other
 * krt_stdout_write callers (the KTAP stream of the KUnit runner).
 * @buf: text
 * @len: its length
 */
void krt_stdout_write(const char *buf, size_t len)
{
	printk_lock();
	host_write_out(buf, len);
	printk_unlock();
}

/* Early options return 0 when handled, an error for a bad value ("Malformed early option"). */
static int __init loglevel_setup(char *str)
{
	int level;

	if (!str || kstrtoint(str, 0, &level))
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init ignore_loglevel_setup(char *str)
{
	ignore_loglevel = true;
	return 0;
}
early_param("ignore_loglevel", ignore_loglevel_setup);

static int __init quiet_setup(char *str)
{
	console_loglevel = 4; /* CONSOLE_LOGLEVEL_QUIET */
	return 0;
}
early_param("quiet", quiet_setup);

static int __init debug_setup(char *str)
{
	console_loglevel = 10; /* CONSOLE_LOGLEVEL_DEBUG */
	return 0;
}
early_param("debug", debug_setup);
