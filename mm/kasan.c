// SPDX-License-Identifier: MIT
/*
 * Valgrind client requests for krt's allocators. The requests are a few no-op instructions
 * outside Valgrind, but the allocator fast paths skip even those unless Valgrind is there.
 */
#include <linux/kasan.h>
#include <linux/init.h>
#include <valgrind/memcheck.h>

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
 */
void krt_valgrind_slab_pool(const void *pool, bool create)
{
	if (create)
		VALGRIND_CREATE_MEMPOOL(pool, 0, 0);
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
 */
void krt_valgrind_slab_alloc(const void *pool, const void *obj, size_t size, bool init,
			     const void *keep)
{
	VALGRIND_MEMPOOL_ALLOC(pool, obj, size);
	if (init)
		VALGRIND_MAKE_MEM_DEFINED(obj, size);
	VALGRIND_MAKE_MEM_DEFINED(keep, sizeof(void *));
}

/**
 * krt_valgrind_slab_free - an object of @pool is freed
 * @pool: its cache
 * @obj: the object
 * @keep: the allocator's free pointer word, which must stay accessible to it
 */
void krt_valgrind_slab_free(const void *pool, const void *obj, const void *keep)
{
	VALGRIND_MEMPOOL_FREE(pool, obj);
	VALGRIND_MAKE_MEM_DEFINED(keep, sizeof(void *));
}

static void __attribute__((constructor(101))) krt_detect_valgrind(void)
{
	krt_running_on_valgrind = RUNNING_ON_VALGRIND;
}
