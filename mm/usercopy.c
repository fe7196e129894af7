// SPDX-License-Identifier: MIT
/*
 * Hardened usercopy (CONFIG_HARDENED_USERCOPY): before a copy to or from user space, the
 * kernel-side buffer is checked against what it lies in, so that a wrong length cannot expose
 * or overwrite the memory next to it:
 * - a slab object may only be copied within its cache's usercopy region (useroffset and
 *   usersize; all of a kmalloc object), never in its red zone;
 * - a large kmalloc (a compound page outside the slab) only up to the end of its pages;
 * - a buffer that touches the thread's stack must lie wholly in the part of the stack in use;
 * - NULL, ZERO_SIZE_PTR and ranges wrapping around the address space never pass.
 * A failed check prints the kernel's "Kernel memory exposure/overwrite attempt detected"
 * line and BUG()s: the KUnit case (or, outside one, the process) ends.
 *
 * krt differs from the kernel in what does not exist here: there is no kmap or kernel text
 * range to check, vmalloc areas are not checked yet, and the stack check cannot tell one
 * stack frame from another (it checks against the thread's whole stack, as the kernel does
 * on architectures without frame checking). "hardened_usercopy=0" on the command line turns
 * the checks off.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/thread_info.h>
#include <linux/uaccess.h>

#include "arch/host/host.h"
#include "mm/slab.h"

/* What the stack check found out about a buffer. */
enum {
	BAD_STACK = -1,
	NOT_STACK = 0,
	GOOD_FRAME,
	GOOD_STACK,
};

/* hardened_usercopy=0: no checks at all. */
static bool bypass_usercopy_checks;

/*
 * Where is [@obj, @obj + @len) with respect to the calling thread's stack? A buffer that is
 * partly on it, or on it below the stack pointer (in the part not in use), is BAD_STACK.
 * noinline: its own frame is the stack pointer it compares with, below every caller's frame.
 */
static noinline int check_stack_object(const void *obj, unsigned long len, unsigned long *sp)
{
	unsigned long addr = (unsigned long)obj;
	uintptr_t lo, hi;

	*sp = (unsigned long)__builtin_frame_address(0);
	if (host_thread_stack(&lo, &hi))
		return NOT_STACK;

	if (addr + len <= lo || hi <= addr)
		return NOT_STACK;
	/* One end is on the stack: the other must be too. */
	if (addr < lo || hi < addr + len)
		return BAD_STACK;
	if (addr < *sp)
		return BAD_STACK;
	return GOOD_STACK;
}

/**
 * usercopy_abort - report a copy that hardened usercopy refused, and BUG()
 * @name: what the kernel buffer lies in ("SLUB object", "process stack", ...), or NULL
 * @detail: which one (the cache's name), or NULL
 * @to_user: true for a copy to user space (an exposure), false for one from it (an overwrite)
 * @offset: where the copy starts in the object
 * @len: its length
 *
 * Prints "Kernel memory exposure attempt detected from <name> '<detail>' (offset <offset>,
 * size <len>)!" (or "overwrite attempt detected to") and BUG()s. Does not return.
 */
void __noreturn usercopy_abort(const char *name, const char *detail, bool to_user,
			       unsigned long offset, unsigned long len)
{
	pr_emerg("Kernel memory %s attempt detected %s %s%s%s%s (offset %lu, size %lu)!\n",
		 to_user ? "exposure" : "overwrite",
		 to_user ? "from" : "to",
		 name ? : "unknown?!",
		 detail ? " '" : "", detail ? : "", detail ? "'" : "",
		 offset, len);
	/* BUG() rather than ending the task quietly: the oops is what gets noticed. */
	BUG();
}
EXPORT_SYMBOL(usercopy_abort);

/**
 * __copy_overflow - report a user copy larger than its kernel buffer
 * @size: the buffer's size, as the compiler knows it
 * @count: the bytes the copy was asked for
 *
 * check_copy_size() refuses such a copy; this is its WARN.
 */
void __copy_overflow(int size, unsigned long count)
{
	WARN(1, "Buffer overflow detected (%d < %lu)!\n", size, count);
}
EXPORT_SYMBOL(__copy_overflow);

/* NULL, ZERO_SIZE_PTR and ranges that wrap around are never kernel objects. */
static void check_bogus_address(unsigned long ptr, unsigned long n, bool to_user)
{
	if (ptr + (n - 1) < ptr)
		usercopy_abort("wrapped address", NULL, to_user, 0, ptr + n);
	if (ZERO_OR_NULL_PTR(ptr))
		usercopy_abort("null address", NULL, to_user, ptr, n);
}

/*
 * A copy into or out of an object of @slab's cache: it must lie within the cache's usercopy
 * region of the object @ptr is in (a cache created without one allows nothing).
 */
static void __check_heap_object(const void *ptr, unsigned long n, const struct slab *slab,
				bool to_user)
{
	const struct kmem_cache *s = slab->slab_cache;
	unsigned long offset;

	if (ptr < slab_address(slab))
		usercopy_abort("SLUB object not in SLUB page?!", NULL, to_user, 0, n);

	offset = ((unsigned long)ptr - (unsigned long)slab_address(slab)) % s->size;

	/* Each object is preceded by its left red zone, which is never copied. */
	if (s->flags & SLAB_RED_ZONE) {
		if (offset < s->red_left_pad)
			usercopy_abort("SLUB object in left red zone", s->name, to_user, offset, n);
		offset -= s->red_left_pad;
	}

	/* Written so that nothing overflows, whatever n is. */
	if (offset >= s->useroffset && offset - s->useroffset <= s->usersize &&
	    n <= s->useroffset - offset + s->usersize)
		return;

	usercopy_abort("SLUB object", s->name, to_user, offset, n);
}

/* A buffer in krt's direct map: a slab object, or a large kmalloc's compound page. */
static void check_heap_object(const void *ptr, unsigned long n, bool to_user)
{
	struct folio *folio;
	unsigned long offset;

	if (!virt_addr_valid(ptr))
		return;

	folio = virt_to_folio(ptr);
	if (folio_test_slab(folio)) {
		__check_heap_object(ptr, n, page_slab(&folio->page), to_user);
	} else if (folio_test_large(folio)) {
		offset = (unsigned long)ptr - (unsigned long)folio_address(folio);
		if (n > folio_size(folio) - offset)
			usercopy_abort("page alloc", NULL, to_user, offset, n);
	}
}

/**
 * __check_object_size - check a kernel buffer about to be copied to or from user space
 * @ptr: the kernel buffer
 * @n: its length
 * @to_user: true when it is the source of a copy to user space
 *
 * The buffer must not be NULL, ZERO_SIZE_PTR or wrap around; if it touches the thread's stack
 * it must lie within the part in use; if it is in a slab object it must lie within the
 * cache's usercopy region; if it is in a large kmalloc it must end within its pages. A
 * failure is reported by usercopy_abort(), which BUG()s. A zero length always passes.
 */
void __check_object_size(const void *ptr, unsigned long n, bool to_user)
{
	unsigned long sp;

	if (READ_ONCE(bypass_usercopy_checks))
		return;
	if (!n)
		return;

	check_bogus_address((unsigned long)ptr, n, to_user);

	switch (check_stack_object(ptr, n, &sp)) {
	case NOT_STACK:
		break;
	case GOOD_FRAME:
	case GOOD_STACK:
		return;
	default:
		/* The stack grows down: the distance from the stack pointer, as the kernel's. */
		usercopy_abort("process stack", NULL, to_user, sp - (unsigned long)ptr, n);
	}

	check_heap_object(ptr, n, to_user);
}
EXPORT_SYMBOL(__check_object_size);

/* hardened_usercopy=<bool>: off disables every check (the kernel's boot option). */
static int __init parse_hardened_usercopy(char *str)
{
	bool enable;

	if (kstrtobool(str, &enable)) {
		pr_warn("Invalid option string for hardened_usercopy: '%s'\n", str);
		return 1;
	}
	WRITE_ONCE(bypass_usercopy_checks, !enable);
	return 1;
}
__setup("hardened_usercopy=", parse_hardened_usercopy);
