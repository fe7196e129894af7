/* SPDX-License-Identifier: MIT */
/*
 * Copies between kernel buffers and user space: copy_to_user(), copy_from_user() and their
 * unchecked __ forms, with the kernel's return convention (the number of bytes NOT copied).
 *
 * krt has no separate user address space: a __user pointer is ordinary memory of the process,
 * and the copy is a memcpy(). What remains of the kernel's checks:
 * - the kernel-side buffer goes through hardened usercopy (check_copy_size(), mm/usercopy.c),
 *   which reports and BUG()s on a copy that leaves its slab object's usercopy region, its
 *   pages or the thread's stack;
 * - a user range that wraps around, or starts in the first page (the NULL page, never mapped
 *   in a Linux process), faults: nothing is copied, copy_from_user() zeroes its destination;
 * - the copy may fault and sleep, so it must not happen in atomic context (might_fault()).
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/thread_info.h>
#include <asm/page_types.h>

/*
 * usercopy_abort - report a copy that hardened usercopy refused ("Kernel memory exposure
 * attempt detected from ..."), and BUG() (mm/usercopy.c).
 */
void __noreturn usercopy_abort(const char *name, const char *detail, bool to_user,
			       unsigned long offset, unsigned long len);

/* The top of a user address space (x86-64, 4-level paging), as access_ok() knows it. */
#define TASK_SIZE_MAX	((_AC(1, UL) << 47) - PAGE_SIZE)

/*
 * might_fault - annotation of code that may take a page fault on user memory, which may sleep:
 * reports "BUG: sleeping function called from invalid context" in atomic context.
 */
#define might_fault() __might_sleep(__FILE__, __LINE__)

/**
 * access_ok - could [@addr, @addr + @size) be user memory?
 * @addr: start of the user range
 * @size: its length
 *
 * Only the range is checked, not whether it is mapped (a copy finds that out).
 */
#define access_ok(addr, size)	likely(__access_ok((const void __user *)(addr), (size)))

/**
 * __access_ok - access_ok() without the likely() hint
 * @ptr: start of the user range
 * @size: its length
 *
 * Return: true if the range lies below TASK_SIZE_MAX.
 */
static inline bool __access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr;

	return size <= TASK_SIZE_MAX && addr <= TASK_SIZE_MAX - size;
}

/**
 * krt_user_range_faults - would a copy to or from this user range fault at once?
 * @ptr: start of the user range
 *
 * In krt only a range starting in the first page (the NULL page) does. A fault there copies
 * nothing, so the answer does not depend on the length.
 */
static inline bool krt_user_range_faults(const void __user *ptr)
{
	return (unsigned long)ptr < PAGE_SIZE;
}

/**
 * raw_copy_from_user - copy from user space without any check of the kernel buffer
 * @to: kernel destination
 * @from: user source
 * @n: bytes
 *
 * Return: the number of bytes not copied (@n on a fault, else 0).
 */
static __always_inline __must_check unsigned long
raw_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	/* Nothing to copy is no access: not even to the NULL page (nor memcpy() of NULL). */
	if (unlikely(!n))
		return 0;
	if (unlikely(krt_user_range_faults(from)))
		return n;
	memcpy(to, (const void __force *)from, n);
	return 0;
}

/**
 * raw_copy_to_user - copy to user space without any check of the kernel buffer
 * @to: user destination
 * @from: kernel source
 * @n: bytes
 *
 * Return: the number of bytes not copied (@n on a fault, else 0).
 */
static __always_inline __must_check unsigned long
raw_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (unlikely(!n))
		return 0;
	if (unlikely(krt_user_range_faults(to)))
		return n;
	memcpy((void __force *)to, from, n);
	return 0;
}

/**
 * __copy_from_user_inatomic - copy from user space, in atomic context, without access_ok()
 * @to: kernel destination (checked by hardened usercopy)
 * @from: user source, already checked with access_ok()
 * @n: bytes
 *
 * Return: the number of bytes not copied; the rest of @to is left as it was.
 */
static __always_inline __must_check unsigned long
__copy_from_user_inatomic(void *to, const void __user *from, unsigned long n)
{
	check_object_size(to, n, false);
	return raw_copy_from_user(to, from, n);
}

/**
 * __copy_from_user - copy from user space without access_ok()
 * @to: kernel destination (checked by hardened usercopy)
 * @from: user source, already checked with access_ok()
 * @n: bytes
 *
 * May sleep. Return: the number of bytes not copied; the rest of @to is left as it was.
 */
static __always_inline __must_check unsigned long
__copy_from_user(void *to, const void __user *from, unsigned long n)
{
	might_fault();
	check_object_size(to, n, false);
	return raw_copy_from_user(to, from, n);
}

/**
 * __copy_to_user_inatomic - copy to user space, in atomic context, without access_ok()
 * @to: user destination, already checked with access_ok()
 * @from: kernel source (checked by hardened usercopy)
 * @n: bytes
 *
 * Return: the number of bytes not copied.
 */
static __always_inline __must_check unsigned long
__copy_to_user_inatomic(void __user *to, const void *from, unsigned long n)
{
	check_object_size(from, n, true);
	return raw_copy_to_user(to, from, n);
}

/**
 * __copy_to_user - copy to user space without access_ok()
 * @to: user destination, already checked with access_ok()
 * @from: kernel source (checked by hardened usercopy)
 * @n: bytes
 *
 * May sleep. Return: the number of bytes not copied.
 */
static __always_inline __must_check unsigned long
__copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_fault();
	check_object_size(from, n, true);
	return raw_copy_to_user(to, from, n);
}

/**
 * _copy_from_user - copy_from_user() after its hardened usercopy check
 * @to: kernel destination
 * @from: user source
 * @n: bytes
 *
 * Return: the number of bytes not copied; they are zeroed in @to.
 */
static __always_inline __must_check unsigned long
_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long res = n;

	might_fault();
	if (likely(access_ok(from, n)))
		res = raw_copy_from_user(to, from, n);
	if (unlikely(res))
		memset((char *)to + (n - res), 0, res);
	return res;
}

/**
 * _copy_to_user - copy_to_user() after its hardened usercopy check
 * @to: user destination
 * @from: kernel source
 * @n: bytes
 *
 * Return: the number of bytes not copied.
 */
static __always_inline __must_check unsigned long
_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_fault();
	if (unlikely(!access_ok(to, n)))
		return n;
	return raw_copy_to_user(to, from, n);
}

/**
 * copy_from_user - copy a block from user space
 * @to: kernel destination (checked by hardened usercopy)
 * @from: user source
 * @n: bytes
 *
 * May sleep. What could not be copied is zeroed in @to.
 *
 * Return: the number of bytes not copied (0 on success).
 */
static __always_inline __must_check unsigned long
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!check_copy_size(to, n, false))
		return n;
	return _copy_from_user(to, from, n);
}

/**
 * copy_to_user - copy a block to user space
 * @to: user destination
 * @from: kernel source (checked by hardened usercopy)
 * @n: bytes
 *
 * May sleep.
 *
 * Return: the number of bytes not copied (0 on success).
 */
static __always_inline __must_check unsigned long
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!check_copy_size(from, n, true))
		return n;
	return _copy_to_user(to, from, n);
}

#endif /* _LINUX_UACCESS_H */
