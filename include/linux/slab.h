/* SPDX-License-Identifier: MIT */
/*
 * The kmalloc family with the kernel's API and semantics: size classes (ksize() of a 70-byte
 * object is 96), natural alignment of power-of-two sizes, ZERO_SIZE_PTR for size 0,
 * overflow-checked array variants, might_alloc() on every allocation (so a GFP_KERNEL
 * allocation under a spinlock reports the sleeping-in-atomic BUG), krealloc() keeping the
 * object when it still fits.
 *
 * PROVISIONAL: objects come from the host heap (so AddressSanitizer catches use-after-free)
 * and are tracked in a registry of live objects, so that kfree() of a pointer krt never handed
 * out, or of one already freed, is reported and refused. krt's slab allocator (kmem_cache,
 * SLUB's debug checks and report texts) replaces this behind the same API.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/instruction_pointer.h>
#include <asm/page_types.h>

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE	(-1)
#endif


/* Memory allocation profiling hooks: krt does not profile, the call is the allocation. */
#ifndef alloc_hooks
#define alloc_hooks(_do_alloc) _do_alloc
#endif

#define ARCH_KMALLOC_MINALIGN	__alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN	__alignof__(unsigned long long)
#define __assume_kmalloc_alignment __assume_aligned(ARCH_KMALLOC_MINALIGN)

/* Size classes: 8 ... 8 KiB from the kmalloc caches (plus 96 and 192), page multiples above. */
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)
#define KMALLOC_SHIFT_MAX	(10 + PAGE_SHIFT)	/* MAX_PAGE_ORDER + PAGE_SHIFT */
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_MAX - PAGE_SHIFT)
#define KMALLOC_MIN_SIZE	(1 << KMALLOC_SHIFT_LOW)
#define SLAB_OBJ_MIN_SIZE	(KMALLOC_MIN_SIZE < 16 ? KMALLOC_MIN_SIZE : 16)

/*
 * ZERO_SIZE_PTR is what kmalloc(0) returns: not NULL (the allocation "succeeded"), but any
 * access faults. kfree() accepts it.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* --- the allocator (mm/kmalloc_host.c) ---------------------------------------------------- */

void *__kmalloc_noprof(size_t size, gfp_t flags)
	__assume_kmalloc_alignment __alloc_size(1);
void *__kmalloc_node_noprof(size_t size, gfp_t flags, int node)
	__assume_kmalloc_alignment __alloc_size(1);
void *__kmalloc_node_track_caller_noprof(size_t size, gfp_t flags, int node,
					 unsigned long caller)
	__assume_kmalloc_alignment __alloc_size(1);
void *__must_check krealloc_noprof(const void *objp, size_t new_size, gfp_t flags)
	__realloc_size(2);
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
void kfree_bulk(size_t size, void **p);
size_t ksize(const void *objp);
size_t kmalloc_size_roundup(size_t size);

/**
 * kmalloc - allocate kernel memory
 * @size: how many bytes are needed (0 gives ZERO_SIZE_PTR)
 * @flags: GFP flags (GFP_KERNEL may sleep; GFP_ATOMIC/GFP_NOWAIT for atomic context)
 *
 * The memory is aligned to ARCH_KMALLOC_MINALIGN, and to the size itself for power-of-two
 * sizes. Sizes above KMALLOC_MAX_SIZE fail (with a warning unless __GFP_NOWARN).
 */
static __always_inline __alloc_size(1) void *kmalloc_noprof(size_t size, gfp_t flags)
{
	return __kmalloc_noprof(size, flags);
}
#define kmalloc(...)			alloc_hooks(kmalloc_noprof(__VA_ARGS__))

static __always_inline __alloc_size(1) void *kmalloc_node_noprof(size_t size, gfp_t flags,
								  int node)
{
	return __kmalloc_node_noprof(size, flags, node);
}
#define kmalloc_node(...)		alloc_hooks(kmalloc_node_noprof(__VA_ARGS__))

/**
 * kmalloc_array - allocate memory for an array
 * @n: number of elements
 * @size: element size
 * @flags: GFP flags
 *
 * Returns NULL (without a warning) when @n * @size overflows.
 */
static inline __alloc_size(1, 2) void *kmalloc_array_noprof(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc_noprof(bytes, flags);
}
#define kmalloc_array(...)		alloc_hooks(kmalloc_array_noprof(__VA_ARGS__))

static inline __alloc_size(1, 2) void *kmalloc_array_node_noprof(size_t n, size_t size,
								 gfp_t flags, int node)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc_node_noprof(bytes, flags, node);
}
#define kmalloc_array_node(...)		alloc_hooks(kmalloc_array_node_noprof(__VA_ARGS__))

/**
 * krealloc_array - reallocate memory for an array
 * @p: the old memory (may be NULL)
 * @new_n: new number of elements
 * @new_size: element size
 * @flags: GFP flags
 *
 * Returns NULL when the size overflows; @p is then left alone.
 */
static inline __realloc_size(2, 3) void *__must_check
krealloc_array_noprof(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc_noprof(p, bytes, flags);
}
#define krealloc_array(...)		alloc_hooks(krealloc_array_noprof(__VA_ARGS__))
#define krealloc(...)			alloc_hooks(krealloc_noprof(__VA_ARGS__))

/* kcalloc - allocate zeroed memory for an array (NULL on overflow). */
#define kcalloc(n, size, flags)		kmalloc_array(n, size, (flags) | __GFP_ZERO)
#define kcalloc_node(_n, _size, _flags, _node) \
	kmalloc_array_node(_n, _size, (_flags) | __GFP_ZERO, _node)

/* kmalloc_track_caller - kmalloc() that records the caller's caller as the allocation site. */
#define kmalloc_node_track_caller(size, flags, node) \
	alloc_hooks(__kmalloc_node_track_caller_noprof(size, flags, node, _RET_IP_))
#define kmalloc_track_caller(size, flags) \
	alloc_hooks(__kmalloc_node_track_caller_noprof(size, flags, NUMA_NO_NODE, _RET_IP_))
#define kmalloc_track_caller_noprof(size, flags) \
	__kmalloc_node_track_caller_noprof(size, flags, NUMA_NO_NODE, _RET_IP_)

/**
 * kzalloc - allocate zeroed memory
 * @size: how many bytes
 * @flags: GFP flags
 */
static inline __alloc_size(1) void *kzalloc_noprof(size_t size, gfp_t flags)
{
	return kmalloc_noprof(size, flags | __GFP_ZERO);
}
#define kzalloc(...)			alloc_hooks(kzalloc_noprof(__VA_ARGS__))
#define kzalloc_node(_size, _flags, _node) kmalloc_node(_size, (_flags) | __GFP_ZERO, _node)

/* --- typed helpers (the 6.12 stable backport) ----------------------------------------------- */

#define __alloc_objs(KMALLOC, GFP, TYPE, COUNT)					\
	({									\
		const size_t __obj_size = size_mul(sizeof(TYPE), COUNT);	\
		(TYPE *)KMALLOC(__obj_size, GFP);				\
	})

#define __alloc_flex(KMALLOC, GFP, TYPE, FAM, COUNT)				\
	({									\
		const size_t __count = (COUNT);					\
		const size_t __obj_size = struct_size_t(TYPE, FAM, __count);	\
		TYPE *__obj_ptr = KMALLOC(__obj_size, GFP);			\
		__obj_ptr;							\
	})

#define kmalloc_obj(VAR_OR_TYPE, ...) \
	__alloc_objs(kmalloc, default_gfp(__VA_ARGS__), typeof(VAR_OR_TYPE), 1)
#define kmalloc_objs(VAR_OR_TYPE, COUNT, ...) \
	__alloc_objs(kmalloc, default_gfp(__VA_ARGS__), typeof(VAR_OR_TYPE), COUNT)
#define kmalloc_flex(VAR_OR_TYPE, FAM, COUNT, ...) \
	__alloc_flex(kmalloc, default_gfp(__VA_ARGS__), typeof(VAR_OR_TYPE), FAM, COUNT)
#define kzalloc_obj(P, ...) \
	__alloc_objs(kzalloc, default_gfp(__VA_ARGS__), typeof(P), 1)
#define kzalloc_objs(P, COUNT, ...) \
	__alloc_objs(kzalloc, default_gfp(__VA_ARGS__), typeof(P), COUNT)
#define kzalloc_flex(P, FAM, COUNT, ...) \
	__alloc_flex(kzalloc, default_gfp(__VA_ARGS__), typeof(P), FAM, COUNT)
#define kvmalloc_obj(P, ...) \
	__alloc_objs(kvmalloc, default_gfp(__VA_ARGS__), typeof(P), 1)
#define kvmalloc_objs(P, COUNT, ...) \
	__alloc_objs(kvmalloc, default_gfp(__VA_ARGS__), typeof(P), COUNT)
#define kvmalloc_flex(P, FAM, COUNT, ...) \
	__alloc_flex(kvmalloc, default_gfp(__VA_ARGS__), typeof(P), FAM, COUNT)
#define kvzalloc_obj(P, ...) \
	__alloc_objs(kvzalloc, default_gfp(__VA_ARGS__), typeof(P), 1)
#define kvzalloc_objs(P, COUNT, ...) \
	__alloc_objs(kvzalloc, default_gfp(__VA_ARGS__), typeof(P), COUNT)
#define kvzalloc_flex(P, FAM, COUNT, ...) \
	__alloc_flex(kvzalloc, default_gfp(__VA_ARGS__), typeof(P), FAM, COUNT)

/* --- kvmalloc (mm/util.c): kmalloc, or vmalloc for what kmalloc cannot serve ---------------- */

void *__kvmalloc_node_noprof(size_t size, gfp_t flags, int node) __alloc_size(1);
#define kvmalloc_node_noprof(size, flags, node) __kvmalloc_node_noprof(size, flags, node)
#define kvmalloc_node(...)		alloc_hooks(kvmalloc_node_noprof(__VA_ARGS__))
#define kvmalloc(_size, _flags)		kvmalloc_node(_size, _flags, NUMA_NO_NODE)
#define kvmalloc_noprof(_size, _flags)	kvmalloc_node_noprof(_size, _flags, NUMA_NO_NODE)
#define kvzalloc(_size, _flags)		kvmalloc(_size, (_flags) | __GFP_ZERO)
#define kvzalloc_node(_size, _flags, _node) kvmalloc_node(_size, (_flags) | __GFP_ZERO, _node)

static inline __alloc_size(1, 2) void *kvmalloc_array_node_noprof(size_t n, size_t size,
								  gfp_t flags, int node)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc_node_noprof(bytes, flags, node);
}
#define kvmalloc_array_noprof(...)	kvmalloc_array_node_noprof(__VA_ARGS__, NUMA_NO_NODE)
#define kvcalloc_node_noprof(_n, _s, _f, _node) \
	kvmalloc_array_node_noprof(_n, _s, (_f) | __GFP_ZERO, _node)
#define kvcalloc_noprof(...)		kvcalloc_node_noprof(__VA_ARGS__, NUMA_NO_NODE)
#define kvmalloc_array(...)		alloc_hooks(kvmalloc_array_noprof(__VA_ARGS__))
#define kvcalloc_node(...)		alloc_hooks(kvcalloc_node_noprof(__VA_ARGS__))
#define kvcalloc(...)			alloc_hooks(kvcalloc_noprof(__VA_ARGS__))

void *kvrealloc_noprof(const void *p, size_t size, gfp_t flags) __realloc_size(2);
#define kvrealloc(...)			alloc_hooks(kvrealloc_noprof(__VA_ARGS__))

void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);

#endif /* _LINUX_SLAB_H */
