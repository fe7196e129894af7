/* SPDX-License-Identifier: MIT */
/*
 * seq_file: the buffer a /proc or /sys renderer prints into. krt renders a whole file at once;
 * when the buffer overflows, the renderer runs again with a larger one, as in the kernel.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/string.h>

struct seq_file {
	char *buf;
	size_t size;
	size_t count;
	void *private;
};

__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);
void seq_write(struct seq_file *m, const void *data, size_t len);
void seq_pad(struct seq_file *m, char c);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width);

/* Has the buffer overflowed (the renderer will be called again with a larger one)? */
static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

#define seq_show_option(m, name, value) seq_printf(m, ",%s=%s", name, value)

#endif /* _LINUX_SEQ_FILE_H */
