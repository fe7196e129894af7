/* SPDX-License-Identifier: MIT */
/*
 * Slab caches (kmem_cache) and the kmalloc family, with the kernel's API and semantics: SLUB's
 * size classes (ksize() of a 70-byte object is 96), natural alignment of power-of-two sizes,
 * ZERO_SIZE_PTR for size 0, overflow-checked array variants, might_alloc() on every allocation,
 * krealloc() keeping the object when it still fits. The allocator is mm/slub.c; kmalloc's
 * caches and the cache registry are mm/slab_common.c.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/instruction_pointer.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/stddef.h>
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
#define __assume_slab_alignment __assume_aligned(ARCH_SLAB_MINALIGN)

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

/* --- slab cache flags (the kernel's bit order, every optional flag present) --------------- */

enum _slab_flag_bits {
	_SLAB_CONSISTENCY_CHECKS,
	_SLAB_RED_ZONE,
	_SLAB_POISON,
	_SLAB_KMALLOC,
	_SLAB_HWCACHE_ALIGN,
	_SLAB_CACHE_DMA,
	_SLAB_CACHE_DMA32,
	_SLAB_STORE_USER,
	_SLAB_PANIC,
	_SLAB_TYPESAFE_BY_RCU,
	_SLAB_TRACE,
	_SLAB_DEBUG_OBJECTS,
	_SLAB_NOLEAKTRACE,
	_SLAB_NO_MERGE,
	_SLAB_FAILSLAB,
	_SLAB_ACCOUNT,
	_SLAB_KASAN,
	_SLAB_NO_USER_FLAGS,
	_SLAB_SKIP_KFENCE,
	_SLAB_RECLAIM_ACCOUNT,
	_SLAB_OBJECT_POISON,
	_SLAB_CMPXCHG_DOUBLE,
	_SLAB_NO_OBJ_EXT,
	_SLAB_FLAGS_LAST_BIT
};

#define __SLAB_FLAG_BIT(nr)	((slab_flags_t __force)(1U << (nr)))

#define SLAB_CONSISTENCY_CHECKS	__SLAB_FLAG_BIT(_SLAB_CONSISTENCY_CHECKS)
#define SLAB_RED_ZONE		__SLAB_FLAG_BIT(_SLAB_RED_ZONE)
#define SLAB_POISON		__SLAB_FLAG_BIT(_SLAB_POISON)
#define SLAB_KMALLOC		__SLAB_FLAG_BIT(_SLAB_KMALLOC)
#define SLAB_HWCACHE_ALIGN	__SLAB_FLAG_BIT(_SLAB_HWCACHE_ALIGN)
#define SLAB_CACHE_DMA		__SLAB_FLAG_BIT(_SLAB_CACHE_DMA)
#define SLAB_CACHE_DMA32	__SLAB_FLAG_BIT(_SLAB_CACHE_DMA32)
#define SLAB_STORE_USER		__SLAB_FLAG_BIT(_SLAB_STORE_USER)
#define SLAB_PANIC		__SLAB_FLAG_BIT(_SLAB_PANIC)
#define SLAB_TYPESAFE_BY_RCU	__SLAB_FLAG_BIT(_SLAB_TYPESAFE_BY_RCU)
#define SLAB_TRACE		__SLAB_FLAG_BIT(_SLAB_TRACE)
#define SLAB_DEBUG_OBJECTS	__SLAB_FLAG_BIT(_SLAB_DEBUG_OBJECTS)
#define SLAB_NOLEAKTRACE	__SLAB_FLAG_BIT(_SLAB_NOLEAKTRACE)
#define SLAB_NO_MERGE		__SLAB_FLAG_BIT(_SLAB_NO_MERGE)
#define SLAB_FAILSLAB		__SLAB_FLAG_BIT(_SLAB_FAILSLAB)
#define SLAB_ACCOUNT		__SLAB_FLAG_BIT(_SLAB_ACCOUNT)
#define SLAB_KASAN		__SLAB_FLAG_BIT(_SLAB_KASAN)
#define SLAB_NO_USER_FLAGS	__SLAB_FLAG_BIT(_SLAB_NO_USER_FLAGS)
#define SLAB_SKIP_KFENCE	__SLAB_FLAG_BIT(_SLAB_SKIP_KFENCE)
#define SLAB_RECLAIM_ACCOUNT	__SLAB_FLAG_BIT(_SLAB_RECLAIM_ACCOUNT)
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT
#define SLAB_OBJECT_POISON	__SLAB_FLAG_BIT(_SLAB_OBJECT_POISON)
#define SLAB_NO_OBJ_EXT		__SLAB_FLAG_BIT(_SLAB_NO_OBJ_EXT)

struct kmem_cache;
struct list_lru;

/**
 * struct kmem_cache_args - less common arguments to kmem_cache_create()
 * @align: required alignment of the objects (0: none)
 * @useroffset: start of the region that may be copied to or from user space
 * @usersize: its size (0: no usercopy region)
 * @freeptr_offset: custom offset of the free pointer (SLAB_TYPESAFE_BY_RCU caches only)
 * @use_freeptr_offset: whether @freeptr_offset is meant
 * @ctor: constructor, run once on every object when its slab is created
 */
struct kmem_cache_args {
	unsigned int align;
	unsigned int useroffset;
	unsigned int usersize;
	unsigned int freeptr_offset;
	bool use_freeptr_offset;
	void (*ctor)(void *);
};

struct kmem_cache *__kmem_cache_create_args(const char *name, unsigned int object_size,
					    struct kmem_cache_args *args, slab_flags_t flags);

static inline struct kmem_cache *__kmem_cache_create(const char *name, unsigned int size,
						     unsigned int align, slab_flags_t flags,
						     void (*ctor)(void *))
{
	struct kmem_cache_args kmem_args = {
		.align = align,
		.ctor = ctor,
	};

	return __kmem_cache_create_args(name, size, &kmem_args, flags);
}

/**
 * kmem_cache_create_usercopy - create a cache with a region suitable for copying to userspace
 * @name: the cache's name (/proc/slabinfo, reports)
 * @size: object size
 * @align: required alignment
 * @flags: SLAB_* flags
 * @useroffset: start of the usercopy region
 * @usersize: its size
 * @ctor: constructor, or NULL
 *
 * Return: the cache, or NULL on failure.
 */
static inline struct kmem_cache *
kmem_cache_create_usercopy(const char *name, unsigned int size, unsigned int align,
			   slab_flags_t flags, unsigned int useroffset, unsigned int usersize,
			   void (*ctor)(void *))
{
	struct kmem_cache_args kmem_args = {
		.align = align,
		.ctor = ctor,
		.useroffset = useroffset,
		.usersize = usersize,
	};

	return __kmem_cache_create_args(name, size, &kmem_args, flags);
}

/* The 4-argument form with a NULL (or non-args) third argument: defaults. */
static inline struct kmem_cache *__kmem_cache_default_args(const char *name, unsigned int size,
							    struct kmem_cache_args *args,
							    slab_flags_t flags)
{
	struct kmem_cache_args kmem_default_args = {};

	/* Only NULL may stand for "no arguments". */
	if (WARN_ON_ONCE(args))
		return (struct kmem_cache *)ERR_PTR(-EINVAL);
	return __kmem_cache_create_args(name, size, &kmem_default_args, flags);
}

/*
 * kmem_cache_create - create a kmem cache: (name, size, args, flags) with a struct
 * kmem_cache_args pointer (or NULL), or the legacy (name, size, align, flags, ctor).
 */
#define kmem_cache_create(__name, __object_size, __args, ...)			\
	_Generic((__args),							\
		struct kmem_cache_args *: __kmem_cache_create_args,		\
		void *: __kmem_cache_default_args,				\
		default: __kmem_cache_create)(__name, __object_size, __args, __VA_ARGS__)

/* KMEM_CACHE - a cache named after @__struct, of its size and alignment */
#define KMEM_CACHE(__struct, __flags)						\
	__kmem_cache_create_args(#__struct, sizeof(struct __struct),		\
			&(struct kmem_cache_args) {				\
				.align	= __alignof__(struct __struct),		\
			}, (__flags))

/* KMEM_CACHE_USERCOPY - KMEM_CACHE() whose @__field may be copied to or from user space */
#define KMEM_CACHE_USERCOPY(__struct, __flags, __field)				\
	__kmem_cache_create_args(#__struct, sizeof(struct __struct),		\
			&(struct kmem_cache_args) {				\
				.align		= __alignof__(struct __struct),	\
				.useroffset	= offsetof(struct __struct, __field), \
				.usersize	= sizeof_field(struct __struct, __field), \
			}, (__flags))

void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);
const char *kmem_cache_name(struct kmem_cache *s);

void *kmem_cache_alloc_noprof(struct kmem_cache *s, gfp_t flags) __assume_slab_alignment __malloc;
void *kmem_cache_alloc_node_noprof(struct kmem_cache *s, gfp_t flags, int node)
	__assume_slab_alignment __malloc;
void *kmem_cache_alloc_lru_noprof(struct kmem_cache *s, struct list_lru *lru, gfp_t flags)
	__assume_slab_alignment __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
int kmem_cache_alloc_bulk_noprof(struct kmem_cache *s, gfp_t flags, size_t size, void **p);
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p);
bool kmem_cache_charge(void *objp, gfp_t gfpflags);

#define kmem_cache_alloc(...)		alloc_hooks(kmem_cache_alloc_noprof(__VA_ARGS__))
#define kmem_cache_alloc_node(...)	alloc_hooks(kmem_cache_alloc_node_noprof(__VA_ARGS__))
#define kmem_cache_alloc_lru(...)	alloc_hooks(kmem_cache_alloc_lru_noprof(__VA_ARGS__))
#define kmem_cache_alloc_bulk(...)	alloc_hooks(kmem_cache_alloc_bulk_noprof(__VA_ARGS__))
#define kmem_cache_zalloc(_k, _flags)	kmem_cache_alloc(_k, (_flags) | __GFP_ZERO)

/* kfree_bulk - kfree() @size objects */
static __always_inline void kfree_bulk(size_t size, void **p)
{
	kmem_cache_free_bulk(NULL, size, p);
}

/* --- kmalloc (mm/slab_common.c) --------------------------------------------------------------- */

/* The kmalloc cache sets (no random copies, no NO_OBJ_EXT set in krt). */
enum kmalloc_cache_type {
	KMALLOC_NORMAL = 0,
	KMALLOC_RECLAIM,
	KMALLOC_DMA,
	KMALLOC_CGROUP,
	NR_KMALLOC_TYPES
};

typedef struct kmem_cache *kmem_buckets[KMALLOC_SHIFT_HIGH + 1];
extern kmem_buckets kmalloc_caches[NR_KMALLOC_TYPES];

/* kmalloc_type - which set serves @flags: DMA, then reclaimable, then accounted */
static __always_inline enum kmalloc_cache_type kmalloc_type(gfp_t flags)
{
	if (likely((flags & (__GFP_DMA | __GFP_RECLAIMABLE | __GFP_ACCOUNT)) == 0))
		return KMALLOC_NORMAL;
	if (flags & __GFP_DMA)
		return KMALLOC_DMA;
	if (flags & __GFP_RECLAIMABLE)
		return KMALLOC_RECLAIM;
	return KMALLOC_CGROUP;
}


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
