/* SPDX-License-Identifier: MIT */
/*
 * The kernel's string API: libc's <string.h> (through the UAPI header) provides the standard
 * functions with the same contracts; this adds the kernel-only ones.
 */
#ifndef _KRT_LINUX_STRING_H
#define _KRT_LINUX_STRING_H

#include_next <linux/string.h>

#include <strings.h>
#include <stdarg.h>
#include <linux/args.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/minmax.h>

/* GNU extensions of libc that the kernel has too (declared here as krt builds without
 * _GNU_SOURCE; the prototypes match libc's). */
char *strchrnul(const char *s, int c);
void *memrchr(const void *s, int c, size_t n);

ssize_t sized_strscpy(char *dest, const char *src, size_t count);

/*
 * With two arguments the size is that of the destination array (a pointer fails to build);
 * with three the size is given.
 */
#define __strscpy0(dst, src, ...) \
	sized_strscpy(dst, src, sizeof(dst) + __must_be_array(dst) + __must_be_cstr(src))
#define __strscpy1(dst, src, size) \
	sized_strscpy(dst, src, size + __must_be_cstr(dst) + __must_be_cstr(src))

#define __strscpy_pad0(dst, src, ...) \
	sized_strscpy_pad(dst, src, sizeof(dst) + __must_be_array(dst) + __must_be_cstr(src))
#define __strscpy_pad1(dst, src, size) \
	sized_strscpy_pad(dst, src, size + __must_be_cstr(dst) + __must_be_cstr(src))

/**
 * strscpy - copy a string into a sized buffer, always NUL-terminating it
 * @dst: the destination (an array, unless the size is given)
 * @src: the source string
 * @...: optional size of @dst
 *
 * Return: the number of characters copied (without the NUL), or -E2BIG if @src did not fit
 * (the copy is then truncated, still terminated) or the size is 0.
 */
#define strscpy(dst, src, ...) \
	CONCATENATE(__strscpy, COUNT_ARGS(__VA_ARGS__))(dst, src, __VA_ARGS__)

#define sized_strscpy_pad(dest, src, count) ({					\
	char *__dst = (dest);							\
	const char *__src = (src);						\
	const size_t __count = (count);						\
	ssize_t __wrote = sized_strscpy(__dst, __src, __count);		\
										\
	if (__wrote >= 0 && __wrote < __count)					\
		memset(__dst + __wrote + 1, 0, __count - __wrote - 1);		\
	__wrote;								\
})

/**
 * strscpy_pad - strscpy() that also zero-fills the rest of the destination
 * @dst: the destination
 * @src: the source string
 * @...: optional size of @dst
 *
 * Return: as strscpy().
 */
#define strscpy_pad(dst, src, ...) \
	CONCATENATE(__strscpy_pad, COUNT_ARGS(__VA_ARGS__))(dst, src, __VA_ARGS__)

size_t strlcat(char *dest, const char *src, size_t count);
char *strnchrnul(const char *s, size_t count, int c);
char *strnchr(const char *s, size_t count, int c);
char * __must_check skip_spaces(const char *str);
char *strim(char *s);

/* strstrip - strip leading and trailing whitespace in place; returns the new start. */
static inline __must_check char *strstrip(char *str)
{
	return strim(str);
}

char *strnstr(const char *s1, const char *s2, size_t len);

/* u64, not libc's uint64_t (unsigned long): the kernel's uint64_t is u64. */
void *memset16(u16 *s, u16 v, size_t count);
void *memset32(u32 *s, u32 v, size_t count);
void *memset64(u64 *s, u64 v, size_t count);

/* memset_l - fill @n unsigned longs with @v. */
static inline void *memset_l(unsigned long *p, unsigned long v, size_t n)
{
	return memset64((u64 *)p, v, n);
}

/* memset_p - fill @n pointers with @v. */
static inline void *memset_p(void **p, void *v, size_t n)
{
	return memset64((u64 *)p, (uintptr_t)v, n);
}

void **__memcat_p(void **a, void **b);
/* memcat_p - concatenate two NULL-terminated pointer arrays into a new kmalloc'ed one. */
#define memcat_p(a, b) ({						\
	BUILD_BUG_ON_MSG(!__same_type(*(a), *(b)),			\
			 "type mismatch in memcat_p()");		\
	(typeof(*a) *)__memcat_p((void **)(a), (void **)(b));		\
})

void *memscan(void *addr, int c, size_t size);

static inline void memcpy_flushcache(void *dst, const void *src, size_t cnt)
{
	memcpy(dst, src, cnt);
}

void *memchr_inv(const void *s, int c, size_t n);
char *strreplace(char *str, char old, char new);

/* mem_is_zero - true if the @n bytes at @s are all zero. */
static inline bool mem_is_zero(const void *s, size_t n)
{
	return !memchr_inv(s, 0, n);
}

/* Implemented with the allocator (mm/util.c). */
void kfree_const(const void *x);
char *kstrdup(const char *s, gfp_t gfp) __malloc;
const char *kstrdup_const(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t len, gfp_t gfp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
void *kvmemdup(const void *src, size_t len, gfp_t gfp);
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp);
void *kmemdup_array(const void *src, size_t count, size_t element_size, gfp_t gfp);

/* Command line parsing helpers (lib/cmdline.c). */
int get_option(char **str, int *pint);
char *get_options(const char *str, int nints, int *ints);
unsigned long long memparse(const char *ptr, char **retptr);
bool parse_option_str(const char *str, const char *option);
char *next_arg(char *args, char **param, char **val);

bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char * const *array, size_t n, const char *string);
int __sysfs_match_string(const char * const *array, size_t n, const char *s);

/* sysfs_match_string - index of @_s in the array @_a by sysfs_streq(), or -EINVAL. */
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)

ssize_t memory_read_from_buffer(void *to, size_t count, loff_t *ppos, const void *from,
				size_t available);

/* strstarts - does @str start with @prefix? */
static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

size_t memweight(const void *ptr, size_t bytes);

/*
 * memzero_explicit - zero memory (e.g. key material) in a way the compiler may not drop as a
 * dead store.
 */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}

/* kbasename - the part of @path after the last '/'. */
static inline const char *kbasename(const char *path)
{
	const char *tail = strrchr(path, '/');

	return tail ? tail + 1 : path;
}

#define unsafe_memcpy(dst, src, bytes, justification) memcpy(dst, src, bytes)

void memcpy_and_pad(void *dest, size_t dest_len, const void *src, size_t count, int pad);

/*
 * strtomem_pad - copy a string into a fixed-size, not NUL-terminated array @dest, filling the
 * rest with @pad. The size of @dest must be known to the compiler.
 */
#define strtomem_pad(dest, src, pad) do {					\
	const size_t _dest_len = __builtin_object_size(dest, 1);		\
	const size_t _src_len = __builtin_object_size(src, 1);			\
										\
	BUILD_BUG_ON(!__builtin_constant_p(_dest_len) ||			\
		     _dest_len == (size_t)-1);					\
	memcpy_and_pad(dest, _dest_len, src,					\
		       strnlen(src, min(_src_len, _dest_len)), pad);		\
} while (0)

/* strtomem - strtomem_pad() without padding. */
#define strtomem(dest, src) do {						\
	const size_t _dest_len = __builtin_object_size(dest, 1);		\
	const size_t _src_len = __builtin_object_size(src, 1);			\
										\
	BUILD_BUG_ON(!__builtin_constant_p(_dest_len) ||			\
		     _dest_len == (size_t)-1);					\
	memcpy(dest, src, strnlen(src, min(_src_len, _dest_len)));		\
} while (0)

/* memtostr - copy a possibly unterminated char array into a NUL-terminated one. */
#define memtostr(dest, src) do {						\
	const size_t _dest_len = __builtin_object_size(dest, 1);		\
	const size_t _src_len = __builtin_object_size(src, 1);			\
	const size_t _src_chars = strnlen(src, _src_len);			\
	const size_t _copy_len = min(_dest_len - 1, _src_chars);		\
										\
	BUILD_BUG_ON(!__builtin_constant_p(_dest_len) ||			\
		     !__builtin_constant_p(_src_len) ||				\
		     _dest_len == 0 || _dest_len == (size_t)-1 ||		\
		     _src_len == 0 || _src_len == (size_t)-1);			\
	memcpy(dest, src, _copy_len);						\
	dest[_copy_len] = '\0';							\
} while (0)

/* memtostr_pad - memtostr() that zero-fills the rest of @dest. */
#define memtostr_pad(dest, src) do {						\
	const size_t _dest_len = __builtin_object_size(dest, 1);		\
	const size_t _src_len = __builtin_object_size(src, 1);			\
	const size_t _src_chars = strnlen(src, _src_len);			\
	const size_t _copy_len = min(_dest_len - 1, _src_chars);		\
										\
	BUILD_BUG_ON(!__builtin_constant_p(_dest_len) ||			\
		     !__builtin_constant_p(_src_len) ||				\
		     _dest_len == 0 || _dest_len == (size_t)-1 ||		\
		     _src_len == 0 || _src_len == (size_t)-1);			\
	memcpy(dest, src, _copy_len);						\
	memset(&dest[_copy_len], 0, _dest_len - _copy_len);			\
} while (0)

/* memset_after - fill the bytes of *@obj after @member with @v. */
#define memset_after(obj, v, member) ({						\
	u8 *__ptr = (u8 *)(obj);						\
	typeof(v) __val = (v);							\
	memset(__ptr + offsetofend(typeof(*(obj)), member), __val,		\
	       sizeof(*(obj)) - offsetofend(typeof(*(obj)), member));		\
})

/* memset_startat - fill the bytes of *@obj from @member on with @v. */
#define memset_startat(obj, v, member) ({					\
	u8 *__ptr = (u8 *)(obj);						\
	typeof(v) __val = (v);							\
	memset(__ptr + offsetof(typeof(*(obj)), member), __val,		\
	       sizeof(*(obj)) - offsetof(typeof(*(obj)), member));		\
})

/* str_has_prefix - strlen(@prefix) if @str starts with @prefix, else 0. */
static __always_inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

#endif /* _KRT_LINUX_STRING_H */
