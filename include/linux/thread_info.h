/* SPDX-License-Identifier: MIT */
/*
 * The part of the kernel's <linux/thread_info.h> that krt has: the hardened usercopy checks
 * that every copy to or from user space makes on its kernel-side buffer (mm/usercopy.c).
 *
 * krt is built as the kernel with CONFIG_HARDENED_USERCOPY=y: a copy whose size is not a
 * compile-time constant has its kernel buffer checked against the object it lies in (a slab
 * object's usercopy region, a large kmalloc's pages, the thread's stack); a constant size is
 * checked by the compiler against the buffer's known size instead.
 */
#ifndef _LINUX_THREAD_INFO_H
#define _LINUX_THREAD_INFO_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/limits.h>
#include <linux/bug.h>

/*
 * __check_object_size - check that [@ptr, @ptr + @n) is a whole kernel object, or a part of it
 * that may be copied to or from user space; reports and BUG()s otherwise (mm/usercopy.c).
 */
void __check_object_size(const void *ptr, unsigned long n, bool to_user);

/**
 * check_object_size - check a kernel buffer about to be copied to or from user space
 * @ptr: the kernel buffer
 * @n: bytes to copy
 * @to_user: true when the buffer is the source (a copy to user space)
 *
 * Sizes known at compile time are left to check_copy_size()'s compile-time check.
 */
static __always_inline void check_object_size(const void *ptr, unsigned long n, bool to_user)
{
	if (!__builtin_constant_p(n))
		__check_object_size(ptr, n, to_user);
}

extern void __compiletime_error("copy source size is too small") __bad_copy_from(void);
extern void __compiletime_error("copy destination size is too small") __bad_copy_to(void);

/* __copy_overflow - report a copy of @count bytes into or out of a buffer of @size bytes */
void __copy_overflow(int size, unsigned long count);

static inline void copy_overflow(int size, unsigned long count)
{
	__copy_overflow(size, count);
}

/**
 * check_copy_size - check a kernel buffer and a size before a user copy
 * @addr: the kernel buffer
 * @bytes: bytes to copy
 * @is_source: true when @addr is the source (a copy to user space)
 *
 * A buffer the compiler knows to be smaller than @bytes is a build error when @bytes is a
 * constant and a reported overflow otherwise; a size above INT_MAX is a WARN; everything else
 * goes to check_object_size().
 *
 * Return: true if the copy may go ahead.
 */
static __always_inline __must_check bool check_copy_size(const void *addr, size_t bytes,
							 bool is_source)
{
	int sz = __builtin_object_size(addr, 0);

	if (unlikely(sz >= 0 && (size_t)sz < bytes)) {
		/* Only an optimising build folds the constant case away when it is fine. */
#ifdef __OPTIMIZE__
		if (!__builtin_constant_p(bytes))
			copy_overflow(sz, bytes);
		else if (is_source)
			__bad_copy_from();
		else
			__bad_copy_to();
#else
		copy_overflow(sz, bytes);
#endif
		return false;
	}
	if (WARN_ON_ONCE(bytes > INT_MAX))
		return false;
	check_object_size(addr, bytes, is_source);
	return true;
}

#endif /* _LINUX_THREAD_INFO_H */
