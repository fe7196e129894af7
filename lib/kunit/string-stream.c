// SPDX-License-Identifier: MIT
/*
 * A growing text buffer for building KUnit's failure reports. It lives on the host heap: it is
 * KUnit's bookkeeping, so it must neither show in the leak counters of kmalloc nor be hit by
 * the fault injection a test arms.
 */
#include "arch/host/host.h"
#include "kunit-internal.h"

/**
 * kunit_string_stream_alloc - an empty stream.
 *
 * Returns NULL when the host is out of memory.
 */
struct string_stream *kunit_string_stream_alloc(void)
{
	return host_zalloc(sizeof(struct string_stream));
}

/**
 * kunit_string_stream_free - free @stream and its text (NULL does nothing).
 * @stream: the stream.
 */
void kunit_string_stream_free(struct string_stream *stream)
{
	if (!stream)
		return;
	host_free(stream->buf);
	host_free(stream);
}

/* Make room for @more bytes plus the NUL; false if the host refused. */
static bool string_stream_reserve(struct string_stream *stream, size_t more)
{
	size_t need = stream->len + more + 1;
	size_t size = stream->size ? stream->size : 128;
	char *buf;

	if (need <= stream->size)
		return true;
	while (size < need)
		size *= 2;
	buf = host_realloc(stream->buf, size);
	if (!buf)
		return false;
	stream->buf = buf;
	stream->size = size;
	return true;
}

/**
 * string_stream_vadd - append formatted text (the kernel's printf format, %p extensions too).
 * @stream: the stream.
 * @fmt: the format.
 * @args: its arguments.
 */
void string_stream_vadd(struct string_stream *stream, const char *fmt, va_list args)
{
	va_list probe;
	int len;

	va_copy(probe, args);
	len = vsnprintf(NULL, 0, fmt, probe);
	va_end(probe);
	if (len <= 0)
		return;
	if (!string_stream_reserve(stream, len)) {
		stream->truncated = true;
		return;
	}
	vsnprintf(stream->buf + stream->len, len + 1, fmt, args);
	stream->len += len;
}

/**
 * string_stream_add - append formatted text.
 * @stream: the stream.
 * @fmt: the format, then its arguments.
 */
void string_stream_add(struct string_stream *stream, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	string_stream_vadd(stream, fmt, args);
	va_end(args);
}

/**
 * string_stream_text - the text of @stream so far, NUL-terminated.
 * @stream: the stream.
 *
 * Valid until the stream changes.
 */
const char *string_stream_text(struct string_stream *stream)
{
	return stream->buf ? stream->buf : "";
}

/**
 * string_stream_is_empty - has nothing been added since the stream was made or cleared?
 * @stream: the stream.
 */
bool string_stream_is_empty(struct string_stream *stream)
{
	return stream->len == 0;
}

/**
 * string_stream_clear - forget the text, keep the buffer.
 * @stream: the stream.
 */
void string_stream_clear(struct string_stream *stream)
{
	stream->len = 0;
	stream->truncated = false;
	if (stream->buf)
		stream->buf[0] = '\0';
}
