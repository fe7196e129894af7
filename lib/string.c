// SPDX-License-Identifier: MIT
/*
 * The kernel-only string and memory functions. The standard ones (strlen, memcpy, strsep, ...)
 * are libc's, which has the same contracts.
 */
#include <linux/bug.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/types.h>

/**
 * sized_strscpy - copy a string into a buffer of @count bytes, always terminating it
 * @dest: the destination
 * @src: the source string
 * @count: the size of @dest
 *
 * Unlike strncpy() the result is always NUL-terminated (if @count > 0) and the rest of the
 * buffer is not padded. Use strscpy(), which passes sizeof(@dest) for arrays.
 *
 * Return: the length copied (without the NUL), or -E2BIG if @src was truncated or @count is 0
 * or absurdly large (> INT_MAX, which also WARNs).
 */
ssize_t sized_strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (count == 0 || WARN_ON_ONCE(count > INT_MAX))
		return -E2BIG;

	/* Never read past the bytes that can be copied: @src need not be terminated. */
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return len;
}
EXPORT_SYMBOL(sized_strscpy);

/**
 * strlcat - append a string to a terminated string in a buffer of @count bytes
 * @dest: the string to append to; must be terminated within @count bytes (BUG otherwise)
 * @src: the string to append
 * @count: the size of @dest
 *
 * Return: the length the result would have had without truncation.
 */
size_t strlcat(char *dest, const char *src, size_t count)
{
	size_t dsize = strlen(dest);
	size_t len = strlen(src);
	size_t res = dsize + len;

	BUG_ON(dsize >= count);
	dest += dsize;
	count -= dsize;
	if (len >= count)
		len = count - 1;
	memcpy(dest, src, len);
	dest[len] = '\0';
	return res;
}
EXPORT_SYMBOL(strlcat);

/**
 * strnchrnul - find a character in the first @count bytes of a string
 * @s: the string
 * @count: how many bytes to look at
 * @c: the character
 *
 * Return: the first @c, or where the search stopped (the NUL or @s + @count).
 */
char *strnchrnul(const char *s, size_t count, int c)
{
	for (; count && *s && *s != (char)c; count--)
		s++;
	return (char *)s;
}
EXPORT_SYMBOL(strnchrnul);

/**
 * strnchr - find a character in the first @count bytes of a string
 * @s: the string
 * @count: how many bytes to look at
 * @c: the character; '\0' finds the terminator if it is within @count
 *
 * Return: the first @c, or NULL.
 */
char *strnchr(const char *s, size_t count, int c)
{
	for (; count; count--, s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			break;
	}
	return NULL;
}
EXPORT_SYMBOL(strnchr);

/**
 * strnstr - find a substring in the first @len bytes of a string
 * @s1: the string searched
 * @s2: the string to find
 * @len: how many bytes of @s1 to look at
 *
 * Return: the first occurrence of @s2 entirely within those bytes, or NULL; @s1 for an empty
 * @s2.
 */
char *strnstr(const char *s1, const char *s2, size_t len)
{
	size_t l2 = strlen(s2);

	if (!l2)
		return (char *)s1;
	for (; len >= l2 && *s1; len--, s1++) {
		if (!memcmp(s1, s2, l2))
			return (char *)s1;
	}
	return NULL;
}
EXPORT_SYMBOL(strnstr);

/**
 * memset16 - fill memory with a 16-bit value
 * @s: the destination
 * @v: the value
 * @count: the number of u16 to write
 *
 * Return: @s.
 */
void *memset16(u16 *s, u16 v, size_t count)
{
	u16 *p = s;

	while (count--)
		*p++ = v;
	return s;
}
EXPORT_SYMBOL(memset16);

/**
 * memset32 - fill memory with a 32-bit value
 * @s: the destination
 * @v: the value
 * @count: the number of u32 to write
 *
 * Return: @s.
 */
void *memset32(u32 *s, u32 v, size_t count)
{
	u32 *p = s;

	while (count--)
		*p++ = v;
	return s;
}
EXPORT_SYMBOL(memset32);

/**
 * memset64 - fill memory with a 64-bit value
 * @s: the destination
 * @v: the value
 * @count: the number of u64 to write
 *
 * Return: @s.
 */
void *memset64(u64 *s, u64 v, size_t count)
{
	u64 *p = s;

	while (count--)
		*p++ = v;
	return s;
}
EXPORT_SYMBOL(memset64);

/**
 * memscan - find a byte in memory
 * @addr: the memory
 * @c: the byte
 * @size: the number of bytes
 *
 * Return: the first occurrence, or @addr + @size (not NULL) if there is none.
 */
void *memscan(void *addr, int c, size_t size)
{
	unsigned char *p = addr;

	for (; size; size--, p++) {
		if (*p == (unsigned char)c)
			break;
	}
	return p;
}
EXPORT_SYMBOL(memscan);

/**
 * memchr_inv - find the first byte that differs from @c
 * @start: the memory
 * @c: the expected byte
 * @bytes: the number of bytes
 *
 * Return: the first byte not equal to @c, or NULL if they all are.
 */
void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;
	unsigned long pattern = REPEAT_BYTE((u8)c);

	/* Byte steps up to word alignment, then whole words, then the tail. */
	while (bytes && ((uintptr_t)p % sizeof(long))) {
		if (*p != (u8)c)
			return (void *)p;
		p++;
		bytes--;
	}
	while (bytes >= sizeof(long)) {
		if (*(const unsigned long *)p != pattern)
			break;
		p += sizeof(long);
		bytes -= sizeof(long);
	}
	for (; bytes; bytes--, p++) {
		if (*p != (u8)c)
			return (void *)p;
	}
	return NULL;
}
EXPORT_SYMBOL(memchr_inv);

/**
 * memweight - count the set bits in a memory area
 * @ptr: the memory
 * @bytes: its size
 *
 * Return: the number of set bits.
 */
size_t memweight(const void *ptr, size_t bytes)
{
	const unsigned char *p = ptr;
	size_t ret = 0;

	for (; bytes && ((uintptr_t)p % sizeof(long)); bytes--)
		ret += hweight8(*p++);
	for (; bytes >= sizeof(long); bytes -= sizeof(long), p += sizeof(long))
		ret += hweight_long(*(const unsigned long *)p);
	for (; bytes; bytes--)
		ret += hweight8(*p++);
	return ret;
}
EXPORT_SYMBOL(memweight);

/**
 * memory_read_from_buffer - copy from a buffer at a file position, like read() would
 * @to: the destination
 * @count: the maximum number of bytes to copy
 * @ppos: the position in the buffer, advanced by the bytes copied
 * @from: the buffer
 * @available: its size
 *
 * Return: the number of bytes copied (0 at or past the end), or -EINVAL for a negative
 * position.
 */
ssize_t memory_read_from_buffer(void *to, size_t count, loff_t *ppos, const void *from,
				size_t available)
{
	loff_t pos = *ppos;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !count)
		return 0;
	if (count > available - pos)
		count = available - pos;
	memcpy(to, (const char *)from + pos, count);
	*ppos = pos + count;
	return count;
}
EXPORT_SYMBOL(memory_read_from_buffer);
