/* SPDX-License-Identifier: MIT */
/*
 * The slab allocator's fast paths, inlined into every allocation and free entry point
 * (kmem_cache_alloc(), kmalloc(), kmem_cache_free(), kfree()): a pop from or a push to the
 * calling thread's array of free objects, inside the drain handshake, with the free pointer
 * checks of a free and the sanitizer hooks. Everything else is in mm/slub.c.
 */
#ifndef _MM_SLUB_FASTPATH_H
#define _MM_SLUB_FASTPATH_H

#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/kasan.h>
#include <linux/sched/mm.h>
#include <linux/fault-inject.h>
#include <linux/string.h>
#include <linux/sched.h>

#include "mm/slab.h"

/*
 * The drain handshake (kmem_cache_shrink() empties other threads' arrays, as the kernel's
 * flush_all() empties every CPU's): an owner sets @active around every use of its arrays and
 * backs off while @drain is set; the drainer sets @drain, fences, and waits for @active to
 * clear. With membarrier the fence is the drainer's alone and the owner's side is plain stores
 * and loads (Dekker's handshake, as the page allocator's per-thread lists do).
 */
extern __thread struct slab_thread slab_self
	__attribute__((tls_model("initial-exec"), visibility("hidden")));
extern bool slab_membarrier __attribute__((visibility("hidden")));

static __always_inline void slab_enter(void)
{
	if (likely(slab_membarrier))
		WRITE_ONCE(slab_self.active, 1);
	else
		__atomic_exchange_n(&slab_self.active, 1, __ATOMIC_SEQ_CST);
	barrier();
}

/* Acquire: what a drain wrote in the arrays is seen once its end is. */
static __always_inline bool slab_draining(void)
{
	return __atomic_load_n(&slab_self.drain, __ATOMIC_ACQUIRE);
}

static __always_inline void slab_leave(void)
{
	__atomic_store_n(&slab_self.active, 0, __ATOMIC_RELEASE);
}

/* Is @obj the start of an object of @slab, which starts at @base (after the left red zone)? */
static __always_inline bool slab_object_at(const struct kmem_cache *s, const struct slab *slab,
					   const void *obj, unsigned long base)
{
	unsigned long off = (unsigned long)obj - base;
	unsigned int idx = ((u64)off * s->reciprocal_size) >> 32;

	return idx < slab->objects && (unsigned long)idx * s->size + s->red_left_pad == off;
}

static __always_inline bool slab_valid_object(const struct kmem_cache *s,
					      const struct slab *slab, const void *obj)
{
	return slab_object_at(s, slab, obj, (unsigned long)slab_address(slab));
}

/*
 * The address of the slab whose head page is @slab, from @obj on its page @page: cheaper than
 * slab_address() on the fast path, which has both pages at hand.
 */
static __always_inline unsigned long slab_base(const struct slab *slab, const struct page *page,
					       const void *obj)
{
	return ((unsigned long)obj & PAGE_MASK) -
	       ((unsigned long)(page - (const struct page *)slab) << PAGE_SHIFT);
}

/*
 * __GFP_ZERO clears the whole object, as the kernel does (krealloc() in place and ksize() users
 * see zeroes), except the slack of a kmalloc object in a red-zoned debug cache: its red zone.
 */
static inline void slab_zero_object(struct kmem_cache *s, void *obj, size_t orig_size)
{
	size_t size = (is_kmalloc_cache(s) && (s->flags & SLAB_RED_ZONE)) ? orig_size :
		      s->object_size;

	kasan_unpoison_range(obj, size, true);
	memset(obj, 0, size);
	kasan_poison_range(obj, size);
}

/* Hand @obj out: overwrite its free pointer, zero it if asked, tell the sanitizers. */
static __always_inline void slab_post_alloc(struct kmem_cache *s, void *obj, gfp_t gfp,
					    size_t orig_size)
{
	freeptr_clear(s, obj);
	if (unlikely(gfp & __GFP_ZERO))
		slab_zero_object(s, obj, orig_size);
	kasan_slab_alloc(s, obj, orig_size, gfp & __GFP_ZERO, (char *)obj + s->offset);
}

/* Tell the sanitizers @obj is free. */
static __always_inline void slab_free_hook(struct kmem_cache *s, void *obj)
{
	if (unlikely(s->flags & SLAB_TYPESAFE_BY_RCU))
		kasan_slab_free_typesafe(s, obj, s->object_size, (char *)obj + s->offset);
	else
		kasan_slab_free(s, obj, s->object_size, (char *)obj + s->offset);
}

void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, size_t orig_size, unsigned long caller,
		      bool failslab);
void slab_free_slow(struct kmem_cache *s, struct slab *slab, void *obj, unsigned long caller);
void slab_free_checked(struct kmem_cache *s, struct slab *slab, void *obj, const char *fn,
		       unsigned long caller);
void slab_free_single(struct kmem_cache *s, struct slab *slab, void *obj, unsigned long caller);
bool slab_free_suspect(struct kmem_cache *s, struct slab *slab, void *obj, void *fp);

/*
 * Must this allocation take the slow path for its context? When failslab could fail it, or
 * when it may block and the caller may not sleep (might_alloc()'s question, whose report the
 * slow path gives). One test of or-ed words: TASK_RUNNING is 0.
 */
static __always_inline bool slab_alloc_context_unusual(gfp_t gfp, bool failslab)
{
	struct task_struct *t = pcpu_hot.current_task;
	unsigned long bad = 0;

	if (unlikely(!t))
		return true;
	if (failslab)
		bad |= READ_ONCE(failslab_attr.probability) | READ_ONCE(t->fail_nth);
	if (gfpflags_allow_blocking(gfp))
		bad |= pcpu_hot.preempt_count | pcpu_hot.irqs_off | pcpu_hot.rcu_read_lock_nesting |
		       t->non_block_count | READ_ONCE(t->__state) | (t->flags & PF_IDLE);
	return bad;
}

/*
 * slab_alloc_fast - an object of @s: pop from the thread's array
 * @failslab: ask should_failslab() (a bulk allocation asks once, before)
 *
 * Anything out of the ordinary goes to slab_alloc_slow(), which does it all: an empty array or
 * a drain, failslab, memcg accounting, __GFP_ZERO, Valgrind, and might_alloc()'s report. The
 * fast path is then a leaf that only tail-calls.
 */
static __always_inline void *slab_alloc_fast(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
					     unsigned long caller, bool failslab)
{
	struct kmem_cache_cpu *c = slab_cpu[s->cpu_slot];
	unsigned int nr;
	void *obj;

	if (unlikely(krt_running_on_valgrind)) {
		obj = slab_alloc_slow(s, gfp, orig_size, caller, failslab);
		/* Not a tail call: memcheck's allocation stack names kmalloc() & co. */
		barrier();
		return obj;
	}
	slab_enter();
	/* The drain test first: a drainer may be writing the array until it has ended. */
	if (unlikely(slab_draining()))
		goto slow;
	nr = c->nr;
	if (unlikely(!nr || (gfp & (__GFP_ZERO | __GFP_ACCOUNT)) || (s->flags & SLAB_ACCOUNT) ||
		     slab_alloc_context_unusual(gfp, failslab)))
		goto slow;
	obj = c->objs[nr - 1];
	WRITE_ONCE(c->nr, nr - 1);
	slab_leave();
	freeptr_clear(s, obj);
#ifdef KRT_ASAN
	__asan_unpoison_memory_region(obj, orig_size);
#endif
	return obj;
slow:
	slab_leave();
	return slab_alloc_slow(s, gfp, orig_size, caller, failslab);
}

/*
 * slab_free_fast - free @obj, an object of @slab of cache @s: push it on the thread's array
 * @base: the slab's address (slab_base())
 * @fn: the freeing function, named in a report
 *
 * The checks every free gets: @obj must be an object's start, and its free pointer must not
 * look like a free object's. Debug caches, SLAB_TYPESAFE_BY_RCU, memcg-charged slabs, Valgrind
 * and anything suspicious go to slab_free_checked(), which does the whole free.
 */
static __always_inline void slab_free_fast(struct kmem_cache *s, struct slab *slab,
					   unsigned long base, void *obj, const char *fn,
					   unsigned long caller)
{
	struct kmem_cache_cpu *c;
	unsigned int nr;
	void *fp;

	if (unlikely(krt_running_on_valgrind)) {
		slab_free_checked(s, slab, obj, fn, caller);
		/* Not a tail call: memcheck's free stack names kmem_cache_free() or kfree(). */
		barrier();
		return;
	}
	if (unlikely((s->flags & (SLAB_DEBUG_FLAGS | SLAB_TYPESAFE_BY_RCU)) ||
		     READ_ONCE(slab->obj_exts) || !slab_object_at(s, slab, obj, base))) {
		slab_free_checked(s, slab, obj, fn, caller);
		return;
	}
	fp = get_freepointer(s, obj);
	if (unlikely(!fp || (unsigned long)fp - base < (PAGE_SIZE << s->order))) {
		slab_free_checked(s, slab, obj, fn, caller);
		return;
	}
#ifdef KRT_ASAN
	__asan_poison_memory_region(obj, s->object_size);
#endif
	set_freepointer(s, obj, NULL);
	c = slab_cpu[s->cpu_slot];
	slab_enter();
	if (unlikely(slab_draining()))
		goto slow;
	nr = c->nr;
	if (unlikely(nr >= c->cap))
		goto slow;
	c->objs[nr] = obj;
	WRITE_ONCE(c->nr, nr + 1);
	slab_leave();
	return;
slow:
	slab_leave();
	slab_free_slow(s, slab, obj, caller);
}

#endif /* _MM_SLUB_FASTPATH_H */
