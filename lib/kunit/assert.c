// SPDX-License-Identifier: MIT
/*
 * The text of failed KUnit checks, word for word as Linux 6.12 prints it (lib/kunit/assert.c),
 * since people and tools (kunit.py) read it. A literal operand is not repeated with its value;
 * a message given with a _MSG check follows after a newline.
 */
#include <kunit/assert.h>
#include <kunit/test.h>
#include <kunit/visibility.h>

#include "kunit-internal.h"

/**
 * kunit_assert_prologue - the first line: "EXPECTATION FAILED at file:line" (or ASSERTION).
 * @loc: where the check is.
 * @type: expectation or assertion.
 * @stream: receives the text.
 */
void kunit_assert_prologue(const struct kunit_loc *loc, enum kunit_assert_type type,
			   struct string_stream *stream)
{
	string_stream_add(stream, "%s FAILED at %s:%d\n",
			  type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION",
			  loc->file, loc->line);
}

/* Append the user's message (if any) formatted from its own va_list. */
static void kunit_add_message(struct string_stream *stream, const struct va_format *message)
{
	va_list args;

	va_copy(args, *message->va);
	string_stream_vadd(stream, message->fmt, args);
	va_end(args);
}

/**
 * kunit_assert_print_msg - append "\n" and the _MSG message, when there is one.
 * @message: the message format and arguments.
 * @stream: receives the text.
 */
void kunit_assert_print_msg(const struct va_format *message, struct string_stream *stream)
{
	if (!message->fmt)
		return;
	string_stream_add(stream, "\n");
	kunit_add_message(stream, message);
}

/**
 * kunit_fail_assert_format - KUNIT_FAIL(): just the message.
 * @assert: the check (nothing to describe).
 * @message: the message.
 * @stream: receives the text.
 */
void kunit_fail_assert_format(const struct kunit_assert *assert, const struct va_format *message,
			      struct string_stream *stream)
{
	if (message->fmt)
		kunit_add_message(stream, message);
}

/**
 * kunit_unary_assert_format - TRUE/FALSE checks.
 * @assert: a struct kunit_unary_assert.
 * @message: the optional message.
 * @stream: receives the text.
 */
void kunit_unary_assert_format(const struct kunit_assert *assert,
			       const struct va_format *message, struct string_stream *stream)
{
	const struct kunit_unary_assert *unary =
		container_of(assert, struct kunit_unary_assert, assert);

	string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s to be %s, but is %s\n",
			  unary->condition, unary->expected_true ? "true" : "false",
			  unary->expected_true ? "false" : "true");
	kunit_assert_print_msg(message, stream);
}

/**
 * kunit_ptr_not_err_assert_format - NOT_ERR_OR_NULL checks.
 * @assert: a struct kunit_ptr_not_err_assert.
 * @message: the optional message.
 * @stream: receives the text.
 */
void kunit_ptr_not_err_assert_format(const struct kunit_assert *assert,
				     const struct va_format *message,
				     struct string_stream *stream)
{
	const struct kunit_ptr_not_err_assert *ptr =
		container_of(assert, struct kunit_ptr_not_err_assert, assert);

	if (!ptr->value)
		string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s is not null, but is\n",
				  ptr->text);
	else if (IS_ERR(ptr->value))
		string_stream_add(stream,
				  KUNIT_SUBTEST_INDENT "Expected %s is not error, but is: %ld\n",
				  ptr->text, PTR_ERR(ptr->value));
	kunit_assert_print_msg(message, stream);
}

/**
 * is_literal - is @text the decimal spelling of @value (so showing the value adds nothing)?
 * @text: an operand's source text.
 * @value: its value.
 */
VISIBLE_IF_KUNIT bool is_literal(const char *text, long long value)
{
	char spelled[24];

	snprintf(spelled, sizeof(spelled), "%lld", value);
	return strcmp(spelled, text) == 0;
}

/**
 * kunit_binary_assert_format - integer comparisons.
 * @assert: a struct kunit_binary_assert.
 * @message: the optional message.
 * @stream: receives the text.
 */
void kunit_binary_assert_format(const struct kunit_assert *assert,
				const struct va_format *message, struct string_stream *stream)
{
	const struct kunit_binary_assert *binary =
		container_of(assert, struct kunit_binary_assert, assert);
	const struct kunit_binary_assert_text *text = binary->text;

	string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
	if (!is_literal(text->left_text, binary->left_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == %lld (0x%llx)\n",
				  text->left_text, binary->left_value, binary->left_value);
	/* No newline after the right side: the line ends where the whole report ends. */
	if (!is_literal(text->right_text, binary->right_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == %lld (0x%llx)",
				  text->right_text, binary->right_value, binary->right_value);
	kunit_assert_print_msg(message, stream);
}

/* %px: the raw pointer as 16 lowercase hex digits. */
static void kunit_add_pointer(struct string_stream *stream, const char *text, const void *ptr,
			      const char *end)
{
	string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == %016lx%s", text,
			  (unsigned long)ptr, end);
}

/**
 * kunit_binary_ptr_assert_format - pointer comparisons.
 * @assert: a struct kunit_binary_ptr_assert.
 * @message: the optional message.
 * @stream: receives the text.
 */
void kunit_binary_ptr_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream)
{
	const struct kunit_binary_ptr_assert *binary =
		container_of(assert, struct kunit_binary_ptr_assert, assert);
	const struct kunit_binary_assert_text *text = binary->text;

	string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
	kunit_add_pointer(stream, text->left_text, binary->left_value, "\n");
	kunit_add_pointer(stream, text->right_text, binary->right_value, "");
	kunit_assert_print_msg(message, stream);
}

/**
 * is_str_literal - is @text the string literal "@value" (quotes included)?
 * @text: an operand's source text.
 * @value: its value.
 */
VISIBLE_IF_KUNIT bool is_str_literal(const char *text, const char *value)
{
	size_t len = strlen(text);

	if (len < 2 || text[0] != '"' || text[len - 1] != '"')
		return false;
	return strncmp(text + 1, value, len - 2) == 0;
}

/**
 * kunit_binary_str_assert_format - string comparisons.
 * @assert: a struct kunit_binary_str_assert.
 * @message: the optional message.
 * @stream: receives the text.
 */
void kunit_binary_str_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream)
{
	const struct kunit_binary_str_assert *binary =
		container_of(assert, struct kunit_binary_str_assert, assert);
	const struct kunit_binary_assert_text *text = binary->text;

	string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
	if (!binary->left_value || !is_str_literal(text->left_text, binary->left_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"\n",
				  text->left_text, binary->left_value);
	if (!binary->right_value || !is_str_literal(text->right_text, binary->right_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"",
				  text->right_text, binary->right_value);
	kunit_assert_print_msg(message, stream);
}

/**
 * kunit_assert_hexdump - dump @len bytes of @buf, 16 per line, marking the bytes that differ
 * from @compared_buf as <xx>.
 * @stream: receives the text.
 * @buf: the bytes to show.
 * @compared_buf: the bytes they are compared with.
 * @len: how many.
 */
VISIBLE_IF_KUNIT void kunit_assert_hexdump(struct string_stream *stream, const void *buf,
					   const void *compared_buf, const size_t len)
{
	const u8 *shown = buf;
	const u8 *other = compared_buf;
	size_t i;

	string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT);
	for (i = 0; i < len; i++) {
		if (i && i % 16 == 0)
			string_stream_add(stream, "\n" KUNIT_SUBSUBTEST_INDENT);
		string_stream_add(stream, shown[i] == other[i] ? " %02x " : "<%02x>", shown[i]);
	}
}

/**
 * kunit_mem_assert_format - memory comparisons: a hex dump of both sides.
 * @assert: a struct kunit_mem_assert.
 * @message: the optional message.
 * @stream: receives the text.
 */
void kunit_mem_assert_format(const struct kunit_assert *assert, const struct va_format *message,
			     struct string_stream *stream)
{
	const struct kunit_mem_assert *mem = container_of(assert, struct kunit_mem_assert, assert);
	const struct kunit_binary_assert_text *text = mem->text;

	if (!mem->left_value) {
		string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s is not null, but is\n",
				  text->left_text);
		return;
	}
	if (!mem->right_value) {
		string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s is not null, but is\n",
				  text->right_text);
		return;
	}
	string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
	string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s ==\n", text->left_text);
	kunit_assert_hexdump(stream, mem->left_value, mem->right_value, mem->size);
	string_stream_add(stream, "\n");
	string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s ==\n", text->right_text);
	kunit_assert_hexdump(stream, mem->right_value, mem->left_value, mem->size);
	kunit_assert_print_msg(message, stream);
}
