// SPDX-License-Identifier: MIT
/* String helpers: whitespace trimming, sysfs-style matching, replacing, padding. */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>

/**
 * skip_spaces - skip leading whitespace
 * @str: the string
 *
 * Return: the first non-whitespace character of @str.
 */
char *skip_spaces(const char *str)
{
	while (isspace(*str))
		str++;
	return (char *)str;
}
EXPORT_SYMBOL(skip_spaces);

/**
 * strim - remove leading and trailing whitespace
 * @s: the string; trailing whitespace is cut off in place
 *
 * Return: the first non-whitespace character of @s.
 */
char *strim(char *s)
{
	size_t size = strlen(s);
	char *end;

	if (!size)
		return s;
	end = s + size;
	while (end > s && isspace(end[-1]))
		end--;
	*end = '\0';
	return skip_spaces(s);
}
EXPORT_SYMBOL(strim);

/**
 * sysfs_streq - compare strings as sysfs input: a single trailing newline on either side is
 * ignored
 * @s1: one string
 * @s2: the other string
 *
 * Return: true if equal in that sense.
 */
bool sysfs_streq(const char *s1, const char *s2)
{
	for (; *s1 && *s1 == *s2; s1++, s2++)
		;
	if (*s1 == *s2)
		return true;
	/* What is left of one string is exactly "\n" and the other has ended. */
	if (!*s1 && s2[0] == '\n' && !s2[1])
		return true;
	if (!*s2 && s1[0] == '\n' && !s1[1])
		return true;
	return false;
}
EXPORT_SYMBOL(sysfs_streq);

/**
 * match_string - find a string in an array
 * @array: the strings; a NULL entry ends the search early
 * @n: the number of entries
 * @string: the string to find
 *
 * Return: the index of the first entry equal to @string, or -EINVAL.
 */
int match_string(const char * const *array, size_t n, const char *string)
{
	size_t index;

	for (index = 0; index < n && array[index]; index++) {
		if (!strcmp(array[index], string))
			return index;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(match_string);

/**
 * __sysfs_match_string - match_string() comparing with sysfs_streq()
 * @array: the strings; a NULL entry ends the search early
 * @n: the number of entries
 * @str: the string to find (a trailing newline is ignored)
 *
 * Return: the index of the first matching entry, or -EINVAL.
 */
int __sysfs_match_string(const char * const *array, size_t n, const char *str)
{
	size_t index;

	for (index = 0; index < n && array[index]; index++) {
		if (sysfs_streq(array[index], str))
			return index;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(__sysfs_match_string);

/**
 * strreplace - replace every @old character by @new, in place
 * @str: the string
 * @old: the character to replace
 * @new: its replacement
 *
 * Return: @str.
 */
char *strreplace(char *str, char old, char new)
{
	char *s;

	for (s = str; *s; s++) {
		if (*s == old)
			*s = new;
	}
	return str;
}
EXPORT_SYMBOL(strreplace);

/**
 * memcpy_and_pad - copy what fits and fill the rest of the destination
 * @dest: the destination
 * @dest_len: its size
 * @src: the source
 * @count: the bytes available at @src
 * @pad: the fill byte
 */
void memcpy_and_pad(void *dest, size_t dest_len, const void *src, size_t count, int pad)
{
	if (dest_len > count) {
		memcpy(dest, src, count);
		memset((char *)dest + count, pad, dest_len - count);
	} else {
		memcpy(dest, src, dest_len);
	}
}
EXPORT_SYMBOL(memcpy_and_pad);
