// SPDX-License-Identifier: MIT
/*
 * Allocation helpers built on kmalloc and vmalloc: string and memory duplication, and the
 * kvmalloc family with the kernel's policy (kmalloc first, vmalloc when that fails).
 */
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/kasan.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/sched/mm.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <krt/leak.h>

#include "arch/host/host.h"
#include "mm/slab.h"

/**
 * kfree_const - free a string that may be constant
 * @x: a string from kstrdup_const(), or a constant string
 *
 * Memory of krt's arena is kfree()d (a second free is reported there); anything else (string
 * literals, the program's data) is left alone, as the kernel leaves its rodata.
 */
void kfree_const(const void *x)
{
	if (virt_addr_valid(x))
		kfree(x);
}
EXPORT_SYMBOL(kfree_const);

/**
 * kstrdup - allocate space for and copy a string
 * @s: the string (NULL gives NULL)
 * @gfp: GFP flags for the allocation
 *
 * Return: the new string, or NULL
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = __kmalloc_node_track_caller_noprof(len, gfp, NUMA_NO_NODE, _RET_IP_);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}
EXPORT_SYMBOL(kstrdup);

/**
 * kstrdup_const - duplicate a string that may be constant
 * @s: the string
 * @gfp: GFP flags for the allocation
 *
 * krt cannot tell read-only data from other memory portably, so this always copies; the
 * result must be freed with kfree_const(), as in the kernel.
 *
 * Return: the copy, or NULL
 */
const char *kstrdup_const(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = __kmalloc_node_track_caller_noprof(len, gfp, NUMA_NO_NODE, _RET_IP_);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}
EXPORT_SYMBOL(kstrdup_const);

/**
 * kstrndup - copy at most @max characters of a string into a new allocation
 * @s: the string (NULL gives NULL)
 * @max: the most characters to copy
 * @gfp: GFP flags for the allocation
 *
 * Return: the NUL-terminated copy, or NULL
 */
char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	buf = __kmalloc_node_track_caller_noprof(len + 1, gfp, NUMA_NO_NODE, _RET_IP_);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
EXPORT_SYMBOL(kstrndup);

/**
 * kmemdup - duplicate a memory region
 * @src: the memory
 * @len: its length
 * @gfp: GFP flags for the allocation
 *
 * Return: the copy, or NULL
 */
void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = __kmalloc_node_track_caller_noprof(len, gfp, NUMA_NO_NODE, _RET_IP_);

	if (p && len)
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL(kmemdup);

/**
 * kmemdup_array - duplicate an array
 * @src: the array
 * @count: number of elements
 * @element_size: size of one element
 * @gfp: GFP flags for the allocation
 *
 * The size saturates on overflow, so such a request fails.
 *
 * Return: the copy, or NULL
 */
void *kmemdup_array(const void *src, size_t count, size_t element_size, gfp_t gfp)
{
	size_t len = size_mul(element_size, count);
	void *p = __kmalloc_node_track_caller_noprof(len, gfp, NUMA_NO_NODE, _RET_IP_);

	if (p && len)
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL(kmemdup_array);

/**
 * kvmemdup - duplicate a memory region into kvmalloc() memory
 * @src: the memory
 * @len: its length
 * @gfp: GFP flags for the allocation
 *
 * Return: the copy (free it with kvfree()), or NULL
 */
void *kvmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kvmalloc(len, gfp);

	if (p && len)
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL(kvmemdup);

/**
 * kmemdup_nul - copy a memory region into a new NUL-terminated string
 * @s: the memory (NULL gives NULL)
 * @len: how many bytes to copy
 * @gfp: GFP flags for the allocation
 *
 * Return: the string, or NULL
 */
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	char *buf;

	if (!s)
		return NULL;
	buf = __kmalloc_node_track_caller_noprof(len + 1, gfp, NUMA_NO_NODE, _RET_IP_);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
EXPORT_SYMBOL(kmemdup_nul);

/* The kmalloc attempt of kvmalloc: large requests fail fast and silently (vmalloc follows). */
static gfp_t kmalloc_gfp_adjust(gfp_t flags, size_t size)
{
	if (size > PAGE_SIZE) {
		flags |= __GFP_NOWARN;
		if (!(flags & __GFP_RETRY_MAYFAIL))
			flags |= __GFP_NORETRY;
		flags &= ~__GFP_NOFAIL;
	}
	return flags;
}

/**
 * __kvmalloc_node_noprof - kmalloc(), falling back to vmalloc for what kmalloc cannot serve
 * @size: bytes wanted
 * @flags: GFP flags; the fallback needs a blocking context (GFP_KERNEL)
 * @node: ignored
 *
 * Sizes above INT_MAX are refused with a warning (unless __GFP_NOWARN). Free with kvfree().
 *
 * Return: the memory, or NULL
 */
void *__kvmalloc_node_noprof(size_t size, gfp_t flags, int node)
{
	void *ret;

	/* kmalloc() above KMALLOC_MAX_SIZE would WARN: the kernel's kvmalloc never asks it. */
	if (size <= KMALLOC_MAX_SIZE) {
		ret = __kmalloc_node_track_caller_noprof(size, kmalloc_gfp_adjust(flags, size),
							 node, _RET_IP_);
		if (ret || size <= PAGE_SIZE)
			return ret;
	} else {
		might_alloc(flags);
	}
	/* vmalloc cannot serve non-blocking requests. */
	if (!gfpflags_allow_blocking(flags))
		return NULL;
	/* Don't even allow crazy sizes. */
	if (unlikely(size > INT_MAX)) {
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	return __vmalloc_node_range_noprof(size, 1, VMALLOC_START, VMALLOC_END, flags, PAGE_KERNEL,
					   VM_ALLOW_HUGE_VMAP, node, __builtin_return_address(0));
}
EXPORT_SYMBOL(__kvmalloc_node_noprof);

/**
 * kvfree - free memory from kvmalloc() (or kmalloc())
 * @addr: the memory (NULL and ZERO_SIZE_PTR are ignored)
 */
void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}
EXPORT_SYMBOL(kvfree);

/**
 * kvfree_sensitive - clear the first @len bytes of kvmalloc() memory, then free it
 * @addr: the memory
 * @len: how many bytes hold the secret
 */
void kvfree_sensitive(const void *addr, size_t len)
{
	if (likely(!ZERO_OR_NULL_PTR(addr))) {
		/*
		 * Clear only memory that is still a live object: a bad or second free must not
		 * write into someone else's memory (kvfree() reports it).
		 */
		struct vm_struct *vm = is_vmalloc_addr(addr) ? find_vm_area(addr) : NULL;
		size_t size = vm ? (vm->addr == addr ? vm->requested_size : 0) :
			      kmalloc_object_live(addr) ? ksize(addr) : 0;

		if (size)
			memzero_explicit((void *)addr, min(len, size));
		kvfree(addr);
	}
}
EXPORT_SYMBOL(kvfree_sensitive);

/**
 * kvrealloc_noprof - resize kvmalloc() memory (kvrealloc())
 * @p: the memory, or NULL
 * @size: the new size
 * @flags: GFP flags
 *
 * Return: the resized memory (possibly @p itself), or NULL with @p left alone
 */
void *kvrealloc_noprof(const void *p, size_t size, gfp_t flags)
{
	void *n;

	if (is_vmalloc_addr(p))
		return vrealloc_noprof(p, size, flags);
	n = krealloc_noprof(p, size, kmalloc_gfp_adjust(flags, size));
	if (!n) {
		/* krealloc() failed: kvmalloc() and copy. */
		n = __kvmalloc_node_noprof(size, flags, NUMA_NO_NODE);
		if (!n)
			return NULL;
		if (!ZERO_OR_NULL_PTR(p)) {
			/* What was asked for of ksize(): the rest is the sanitizers' red zone. */
			memcpy(n, p, kasan_accessible_size(p, ksize(p)));
			kfree(p);
		}
	}
	return n;
}
EXPORT_SYMBOL(kvrealloc_noprof);
