// SPDX-License-Identifier: MIT
/* seq_file output helpers: a full buffer is marked overflowed (count == size). */
#include <linux/kernel.h>
#include <linux/seq_file.h>

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

/**
 * seq_vprintf - append formatted text to @m
 * @m: the seq_file
 * @fmt: format
 * @args: arguments
 */
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	int len;

	if (m->count < m->size) {
		len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
		if (m->count + len < m->size) {
			m->count += len;
			return;
		}
	}
	seq_set_overflow(m);
}

/**
 * seq_printf - append formatted text to @m
 * @m: the seq_file
 * @fmt: format
 */
void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

/**
 * seq_putc - append one character to @m
 * @m: the seq_file
 * @c: the character
 */
void seq_putc(struct seq_file *m, char c)
{
	if (m->count >= m->size)
		return;
	m->buf[m->count++] = c;
}

/**
 * seq_write - append @len bytes of @data to @m
 * @m: the seq_file
 * @data: bytes
 * @len: how many
 */
void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
		return;
	}
	seq_set_overflow(m);
}

/**
 * seq_puts - append string @s to @m
 * @m: the seq_file
 * @s: the string
 */
void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

/**
 * seq_pad - pad the current line to the width of the first line's header, then put @c
 * @m: the seq_file
 * @c: character to end with (0: none)
 *
 * krt renders whole lines, so this only appends @c.
 */
void seq_pad(struct seq_file *m, char c)
{
	if (c)
		seq_putc(m, c);
}

/**
 * seq_put_decimal_ull - append @delimiter and then @num in decimal to @m
 * @m: the seq_file
 * @delimiter: text to put before the number ("" for none)
 * @num: the number
 */
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_printf(m, "%s%llu", delimiter, num);
}

/**
 * seq_put_decimal_ll - append @delimiter and then the signed @num in decimal to @m
 * @m: the seq_file
 * @delimiter: text to put before the number ("" for none)
 * @num: the number
 */
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter, num);
}

/**
 * seq_put_hex_ll - append @delimiter and then @v in lower-case hexadecimal to @m
 * @m: the seq_file
 * @delimiter: text to put before the number ("" for none)
 * @v: the number
 * @width: minimum number of digits, padded with zeroes (0: no padding)
 */
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width)
{
	seq_printf(m, "%s%0*llx", delimiter, width, v);
}
