// SPDX-License-Identifier: MIT
/*
 * Valgrind client requests for krt's allocators. The requests are a few no-op instructions
 * outside Valgrind, but the allocator fast paths skip even those unless Valgrind is there.
 */
#include <linux/kasan.h>
#include <linux/init.h>
#include <valgrind/memcheck.h>

#include "mm/slab.h"

bool krt_running_on_valgrind;

/**
 * krt_valgrind_mark - tell memcheck what @size bytes at @addr are now
 * @addr: start
 * @size: bytes
 * @state: KRT_MEM_NOACCESS (free), KRT_MEM_UNDEFINED (allocated), KRT_MEM_DEFINED (zeroed)
 */
void krt_valgrind_mark(const void *addr, size_t size, int state)
{
	switch (state) {
	case KRT_MEM_NOACCESS:
		VALGRIND_MAKE_MEM_NOACCESS(addr, size);
		break;
	case KRT_MEM_UNDEFINED:
		VALGRIND_MAKE_MEM_UNDEFINED(addr, size);
		break;
	default:
		VALGRIND_MAKE_MEM_DEFINED(addr, size);
		break;
	}
}

/**
 * krt_valgrind_slab_pool - create or destroy the memcheck mempool of a slab cache
 * @pool: the cache
 * @create: create (true) or destroy (false)
 *
 * The objects of a cache with a constructor keep their constructed state from one user to the
 * next, and those of a SLAB_TYPESAFE_BY_RCU cache what RCU readers look at: their pool hands
 * chunks out defined ("zeroed", to memcheck), not undefined.
 */
void krt_valgrind_slab_pool(const void *pool, bool create)
{
	const struct kmem_cache *s = pool;

	if (create)
		VALGRIND_CREATE_MEMPOOL(pool, 0, s->ctor || (s->flags & SLAB_TYPESAFE_BY_RCU));
	else
		VALGRIND_DESTROY_MEMPOOL(pool);
}

/**
 * krt_valgrind_slab_alloc - an object of @pool is handed out
 * @pool: its cache
 * @obj: the object
 * @size: the bytes the caller asked for
 * @init: they were zeroed
 * @keep: the allocator's free pointer word (inside or after the object), kept defined
 *
 * The slots of the thread's array above its fill level still hold the objects once taken from
 * them: they are made undefined, which the leak checker does not scan, or an object leaked
 * later would be "still reachable" instead of "definitely lost". Only the owner writes them.
 */
void krt_valgrind_slab_alloc(const void *pool, const void *obj, size_t size, bool init,
			     const void *keep)
{
	const struct kmem_cache *s = pool;
	struct kmem_cache_cpu *c = slab_cpu[s->cpu_slot];
	unsigned int nr = READ_ONCE(c->nr);

	VALGRIND_MEMPOOL_ALLOC(pool, obj, size);
	if (init)
		VALGRIND_MAKE_MEM_DEFINED(obj, size);
	VALGRIND_MAKE_MEM_DEFINED(keep, sizeof(void *));
	if (c->cache == s && nr < c->cap)
		VALGRIND_MAKE_MEM_UNDEFINED(&c->objs[nr], (c->cap - nr) * sizeof(void *));
}

/**
 * krt_valgrind_slab_free - an object of @pool is freed
 * @pool: its cache
 * @obj: the object
 * @size: the object size of the cache
 * @keep: the allocator's free pointer word, which must stay accessible to it
 *
 * All of @size goes inaccessible, not only the chunk: ksize() users (kfree_sensitive(),
 * krealloc() in place) may have opened more of it.
 */
void krt_valgrind_slab_free(const void *pool, const void *obj, size_t size, const void *keep)
{
	VALGRIND_MEMPOOL_FREE(pool, obj);
	VALGRIND_MAKE_MEM_NOACCESS(obj, size);
	VALGRIND_MAKE_MEM_DEFINED(keep, sizeof(void *));
}

/**
 * krt_valgrind_krealloc - live kmalloc object @obj now has @size accessible bytes, in place
 * @obj: the object
 * @size: its new size
 * @ks: its ksize()
 *
 * The chunk is resized, so that reports give the new size; the free pointer word stays
 * readable for the allocator.
 */
void krt_valgrind_krealloc(const void *obj, size_t size, size_t ks)
{
	struct slab *slab = virt_to_slab(obj);
	struct kmem_cache *s;

	VALGRIND_MAKE_MEM_DEFINED(obj, size);
	VALGRIND_MAKE_MEM_NOACCESS((const char *)obj + size, ks - size);
	if (!slab)
		return;
	s = slab->slab_cache;
	VALGRIND_MEMPOOL_CHANGE(s, obj, obj, size);
	VALGRIND_MAKE_MEM_DEFINED((const char *)obj + s->offset, sizeof(void *));
}

/**
 * krt_valgrind_accessible_size - how many of the @size bytes at @addr are accessible
 * @addr: start
 * @size: bytes
 *
 * Return: the offset of the first inaccessible byte, or @size. Memcheck's check would report
 * the inaccessible byte, so reports are off while it looks.
 */
size_t krt_valgrind_accessible_size(const void *addr, size_t size)
{
	unsigned long bad;

	VALGRIND_DISABLE_ERROR_REPORTING;
	bad = VALGRIND_CHECK_MEM_IS_ADDRESSABLE(addr, size);
	VALGRIND_ENABLE_ERROR_REPORTING;
	return bad ? bad - (unsigned long)addr : size;
}

/*
 * Only memcheck keeps track of accessibility: under another tool (callgrind, helgrind) the
 * client requests do nothing, and the allocator keeps its fast paths. Memcheck is recognised by
 * its answer: a byte made inaccessible is reported as such.
 */
static bool under_memcheck(void)
{
	static char probe;
	unsigned long bad;

	VALGRIND_MAKE_MEM_NOACCESS(&probe, 1);
	VALGRIND_DISABLE_ERROR_REPORTING;
	bad = VALGRIND_CHECK_MEM_IS_ADDRESSABLE(&probe, 1);
	VALGRIND_ENABLE_ERROR_REPORTING;
	VALGRIND_MAKE_MEM_DEFINED(&probe, 1);
	return bad != 0;
}

/**
 * krt_valgrind_vmalloc - a vmalloc area is handed out (@alloc) or freed, for memcheck
 * @addr: the area
 * @size: the caller's bytes
 * @mapped: the bytes mapped (and the guard page): what is not the caller's is inaccessible
 * @zeroed: the caller's bytes are zeroed (defined)
 * @alloc: handed out, or freed
 */
void krt_valgrind_vmalloc(const void *addr, size_t size, size_t mapped, bool zeroed, bool alloc)
{
	if (alloc) {
		VALGRIND_MALLOCLIKE_BLOCK(addr, size, 0, zeroed);
		VALGRIND_MAKE_MEM_NOACCESS((const char *)addr + size, mapped - size);
	} else {
		VALGRIND_FREELIKE_BLOCK(addr, 0);
		VALGRIND_MAKE_MEM_NOACCESS(addr, mapped);
	}
}

/**
 * krt_valgrind_vmalloc_resize - a vmalloc area's block changes size in place (vrealloc())
 * @addr: the area
 * @old: its old size
 * @size: its new size
 * @mapped: the bytes mapped: the rest stays inaccessible
 *
 * Grown bytes keep their definedness (memcheck's own resize), so reading what nobody wrote is
 * still reported.
 */
void krt_valgrind_vmalloc_resize(const void *addr, size_t old, size_t size, size_t mapped)
{
	if (size > old)
		VALGRIND_MAKE_MEM_UNDEFINED((const char *)addr + old, size - old);
	VALGRIND_RESIZEINPLACE_BLOCK(addr, old, size, 0);
	VALGRIND_MAKE_MEM_NOACCESS((const char *)addr + size, mapped - size);
}

static void __attribute__((constructor(101))) krt_detect_valgrind(void)
{
	krt_running_on_valgrind = RUNNING_ON_VALGRIND && under_memcheck();
}
