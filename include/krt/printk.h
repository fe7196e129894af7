/* SPDX-License-Identifier: MIT */
/*
 * Capturing printk output, for tests that check the kernel's message texts. While a capture is
 * active, every printk from every thread is appended (without timestamps or level markers) to
 * the capture buffer; it is echoed to stderr only when asked for.
 */
#ifndef _KRT_PRINTK_H
#define _KRT_PRINTK_H

#include <linux/types.h>

/* Start capturing; @echo also keeps printing to stderr. Captures do not nest. */
void krt_printk_capture_begin(bool echo);
/* A copy of the text captured so far, NUL-terminated; valid until the next call or capture_end. */
const char *krt_printk_capture_text(void);
/* Does the captured text contain @needle? */
bool krt_printk_capture_contains(const char *needle);
/* How many times does @needle occur in the captured text? */
unsigned int krt_printk_capture_count(const char *needle);
/* Forget what was captured so far and keep capturing. */
void krt_printk_capture_reset(void);
/* Stop capturing and free the buffer. */
void krt_printk_capture_end(void);

/* The dmesg-style "[    1.234567] " prefix (microsecond resolution) for a message @ns after boot. */
int krt_printk_time_prefix(char *buf, size_t size, u64 ns);

/*
 * Reset the once-per-second ratelimit of might_sleep()/cant_sleep() reports, so that a test can
 * provoke and check two reports in a row (the kernel's reports are ratelimited the same way).
 */
void krt_might_sleep_ratelimit_reset(void);

/*
 * Write to standard output, serialised with printk: the KUnit runner's KTAP stream goes here
 * (kernel messages go to stderr).
 */
void krt_stdout_write(const char *buf, size_t len);

#endif /* _KRT_PRINTK_H */
