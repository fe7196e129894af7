/* SPDX-License-Identifier: MIT */
/*
 * Telling memory checkers which memory is live. krt has no KASAN of its own: in an ASan build
 * the compiler's AddressSanitizer is told (free memory is poisoned, allocated memory
 * unpoisoned), and under Valgrind memcheck free memory is NOACCESS and fresh memory
 * UNDEFINED (or DEFINED when zeroed). Outside both this costs one predictable branch.
 */
#ifndef _LINUX_KASAN_H
#define _LINUX_KASAN_H

#include <linux/types.h>
#include <linux/compiler.h>

#if defined(__SANITIZE_ADDRESS__)
#define KRT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KRT_ASAN 1
#endif
#endif

#ifdef KRT_ASAN
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
void *__asan_region_is_poisoned(void *beg, size_t size);
#endif

/* Set at boot when the program runs under Valgrind (mm/kasan.c). */
extern bool krt_running_on_valgrind;

void krt_valgrind_mark(const void *addr, size_t size, int state);
#define KRT_MEM_NOACCESS	0
#define KRT_MEM_UNDEFINED	1
#define KRT_MEM_DEFINED		2

/* kasan_poison_range - @size bytes at @addr are free: any access is a use-after-free */
static inline void kasan_poison_range(const void *addr, size_t size)
{
#ifdef KRT_ASAN
	__asan_poison_memory_region(addr, size);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_mark(addr, size, KRT_MEM_NOACCESS);
}

/* kasan_unpoison_range - @size bytes at @addr were handed out (@init: and zeroed) */
static inline void kasan_unpoison_range(const void *addr, size_t size, bool init)
{
#ifdef KRT_ASAN
	__asan_unpoison_memory_region(addr, size);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_mark(addr, size, init ? KRT_MEM_DEFINED : KRT_MEM_UNDEFINED);
}

size_t krt_valgrind_accessible_size(const void *addr, size_t size);

/*
 * kasan_accessible_size - how many of the @size bytes at @addr the owner may read: an object is
 * accessible up to the size it was asked for, not to its whole ksize()
 */
static inline size_t kasan_accessible_size(const void *addr, size_t size)
{
#ifdef KRT_ASAN
	const char *bad = __asan_region_is_poisoned((void *)addr, size);

	return bad ? (size_t)(bad - (const char *)addr) : size;
#else
	if (unlikely(krt_running_on_valgrind))
		return krt_valgrind_accessible_size(addr, size);
	return size;
#endif
}

/*
 * Slab objects: under Valgrind each cache is a memcheck mempool (anchored at the cache), so
 * leaks and use-after-free of objects are reported with their allocation stacks. @keep is the
 * allocator's free pointer word, which stays readable. The objects of a cache with a
 * constructor or SLAB_TYPESAFE_BY_RCU come out defined: they keep their contents from one user
 * to the next.
 */
void krt_valgrind_slab_pool(const void *pool, bool create);
void krt_valgrind_slab_alloc(const void *pool, const void *obj, size_t size, bool init,
			     const void *keep);
void krt_valgrind_slab_free(const void *pool, const void *obj, size_t size, const void *keep);
void krt_valgrind_krealloc(const void *obj, size_t size, size_t ks);

/* kasan_slab_alloc - @obj of @pool is handed out with @size accessible bytes */
static inline void kasan_slab_alloc(const void *pool, const void *obj, size_t size, bool init,
				    const void *keep)
{
#ifdef KRT_ASAN
	__asan_unpoison_memory_region(obj, size);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_slab_alloc(pool, obj, size, init, keep);
}

/* kasan_slab_free - @obj (@size bytes) of @pool is free: any access but the allocator's is a bug */
static inline void kasan_slab_free(const void *pool, const void *obj, size_t size,
				   const void *keep)
{
#ifdef KRT_ASAN
	__asan_poison_memory_region(obj, size);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_slab_free(pool, obj, size, keep);
}

/*
 * kasan_krealloc - live kmalloc object @obj (@ks bytes, its ksize()) is kept by krealloc() with
 * @size bytes now: those are accessible (and defined: kept or zeroed), the rest is not.
 */
static inline void kasan_krealloc(const void *obj, size_t size, size_t ks)
{
#ifdef KRT_ASAN
	__asan_poison_memory_region(obj, ks);
	__asan_unpoison_memory_region(obj, size);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_krealloc(obj, size, ks);
}

/*
 * kasan_slab_free_typesafe - @obj of a SLAB_TYPESAFE_BY_RCU cache is free. RCU readers may still
 * read it to re-validate its identity, which KASAN allows: it stays readable.
 */
static inline void kasan_slab_free_typesafe(const void *pool, const void *obj, size_t size,
					    const void *keep)
{
	if (unlikely(krt_running_on_valgrind)) {
		krt_valgrind_slab_free(pool, obj, size, keep);
		krt_valgrind_mark(obj, size, KRT_MEM_DEFINED);
	}
}

/*
 * vmalloc areas: @size bytes of the @mapped ones (guard page included) are the caller's. ASan
 * poisons the rest (and all of a freed area, so that a use after vfree() is reported rather
 * than a bare fault);
 * memcheck sees the area as a heap block, with its allocation stack for leaks and misuse.
 */
void krt_valgrind_vmalloc(const void *addr, size_t size, size_t mapped, bool zeroed, bool alloc);
void krt_valgrind_vmalloc_resize(const void *addr, size_t old, size_t size, size_t mapped);

static inline void kasan_vmalloc_alloc(const void *addr, size_t size, size_t mapped,
				       bool zeroed)
{
#ifdef KRT_ASAN
	__asan_unpoison_memory_region(addr, size);
	__asan_poison_memory_region((const char *)addr + size, mapped - size);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_vmalloc(addr, size, mapped, zeroed, true);
}

/* kasan_vmalloc_resize - an area's caller-visible size changes in place (vrealloc()) */
static inline void kasan_vmalloc_resize(const void *addr, size_t old, size_t size,
					size_t mapped)
{
#ifdef KRT_ASAN
	__asan_unpoison_memory_region(addr, size);
	__asan_poison_memory_region((const char *)addr + size, mapped - size);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_vmalloc_resize(addr, old, size, mapped);
}

static inline void kasan_vmalloc_free(const void *addr, size_t mapped)
{
#ifdef KRT_ASAN
	__asan_poison_memory_region(addr, mapped);
#endif
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_vmalloc(addr, 0, mapped, false, false);
}

/* kasan_vmalloc_unpoison - an area's range is given out again: nothing of it is poisoned */
static inline void kasan_vmalloc_unpoison(const void *addr, size_t size)
{
#ifdef KRT_ASAN
	__asan_unpoison_memory_region(addr, size);
#endif
}

#endif /* _LINUX_KASAN_H */
