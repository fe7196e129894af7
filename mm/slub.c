// SPDX-License-Identifier: MIT
/*
 * SLUB for krt: slabs carved from compound pages of the page allocator, objects handed out
 * through per-thread object caches.
 *
 * Every thread has, for every cache it uses, a small array of free objects (struct
 * kmem_cache_cpu, reached through the thread's slab_cpu[] table by the cache's slot): allocating
 * pops one and freeing pushes one, with plain loads and stores. An object freed by another
 * thread than the one that allocated it simply joins the freeing thread's array. When an array
 * runs empty it is refilled, and when it is full half of it is flushed, a batch at a time under
 * the cache's node lock, from and to the slabs' own free lists. So a lock is taken once per
 * batch and per cache, never per object and never globally.
 *
 * A slab's free list is threaded through the objects: each free object holds the address of the
 * next one at s->offset, obfuscated with a per-cache random key and the slot's own address
 * (FREELIST_HARDENED). A free object's word decodes to NULL (freed into a thread's array) or to
 * an object of its own slab (on the slab's list, or moved from there into an array), and
 * allocation overwrites the word, so a free of an object that is already free finds such a
 * pointer: "Object already free", with nothing freed. The pointer passed to kfree() is checked
 * to be an object's start first. The fast paths themselves are in mm/slub_fastpath.h.
 *
 * Debug caches (SLAB_RED_ZONE, SLAB_POISON, SLAB_STORE_USER, SLAB_CONSISTENCY_CHECKS) have no
 * thread arrays: every allocation and free goes to the slab under the node lock, with the checks
 * of mm/slub_debug.c, as the kernel's debug caches take its slow path.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/kasan.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/fault-inject.h>
#include <linux/shrinker.h>
#include <linux/init.h>
#include <linux/export.h>
#include <krt/leak.h>

#include "arch/host/host.h"
#include "mm/internal.h"
#include "mm/slab.h"
#include "mm/slub_debug.h"
#include "mm/slub_fastpath.h"

static struct kmem_cache_cpu cpu_empty;

__thread struct kmem_cache_cpu *slab_cpu[SLAB_CPU_SLOTS]
	__attribute__((tls_model("initial-exec"))) = {
	[0 ... SLAB_CPU_SLOTS - 1] = &cpu_empty,
};

/* Set when the thread has left krt: its later frees and allocations bypass the arrays. */
static __thread bool slab_thread_gone __attribute__((tls_model("initial-exec")));

/*
 * Guards every cache's cpu_caches list, the slot map and the arrays of other threads. Order:
 * slab_mutex, then slab_cpu_lock, then a node's list_lock.
 */
static struct host_mutex slab_cpu_lock;
static unsigned long slot_map[BITS_TO_LONGS(SLAB_CPU_SLOTS)];

/* The drain handshake's state (see mm/slub_fastpath.h). */
__thread struct slab_thread slab_self __attribute__((tls_model("initial-exec")));
bool slab_membarrier __read_mostly;

/* Waiting for the other side of the handshake: spin a little, then let it run. */
static void slab_pause(unsigned int *spins)
{
	if (++*spins < 64)
		cpu_relax();
	else
		host_yield();
}

/* The slow paths' way in: wait out a drain of this thread's arrays. */
static void slab_enter_wait(void)
{
	unsigned int spins = 0;

	for (;;) {
		slab_enter();
		if (likely(!slab_draining()))
			return;
		slab_leave();
		while (slab_draining())
			slab_pause(&spins);
	}
}

/* After this, every marked owner is outside its arrays or will see its mark. */
static void slab_drain_fence(void)
{
	if (!slab_membarrier) {
		smp_mb();
		return;
	}
	if (host_membarrier())
		panic("krt: membarrier() failed after it was set up\n");
}

/**
 * slab_drain_init - choose the owner's side of the drain handshake (boot, and a forked child)
 */
void slab_drain_init(void)
{
	slab_membarrier = host_membarrier_init();
}

/* Arrays of threads a fork() left behind in the child: freed at the next slow-path call. */
static LIST_HEAD(orphan_cpu_caches);

/* Pages in slabs, so that the "pages" leak counter does not count what the slab keeps. */
static atomic_long_t slab_pages_total;
/* Empty slabs kept on partial lists: what the slab shrinker can give back under pressure. */
static atomic_long_t empty_slabs;
/* Objects kept on purpose: a cache destroyed with objects left leaks itself and its name. */
atomic_long_t slab_leaked_objects;
/* Live kmalloc() objects above KMALLOC_MAX_CACHE_SIZE. */
static atomic_long_t large_kmalloc_objects;

/* ------------------------------------------------------------------------------------------ */
/* Objects and slabs */

/**
 * obj_to_index - the index of @obj in @slab
 * @s: the cache
 * @slab: the slab holding @obj
 * @obj: an address inside @slab
 *
 * Return: the slot index, computed with the cache's reciprocal of its object stride.
 */
unsigned int obj_to_index(const struct kmem_cache *s, const struct slab *slab, const void *obj)
{
	return ((u64)((unsigned long)obj - (unsigned long)slab_address(slab)) *
		s->reciprocal_size) >> 32;
}


static inline void *slab_object(const struct kmem_cache *s, void *base, unsigned int i)
{
	return (char *)base + (unsigned long)i * s->size + s->red_left_pad;
}

static void slab_account(struct kmem_cache *s, unsigned int order, int sign)
{
	long bytes = (long)sign * (long)(PAGE_SIZE << order);

	mod_node_page_state(NODE_DATA(0), (s->flags & SLAB_RECLAIM_ACCOUNT) ?
			    NR_SLAB_RECLAIMABLE_B : NR_SLAB_UNRECLAIMABLE_B, bytes);
	atomic_long_add(sign * (1L << order), &slab_pages_total);
}

/**
 * krt_slab_pages - pages the slab allocator holds in slabs
 *
 * The page allocator's "pages" leak counter leaves them out: the slab keeps partial and empty
 * slabs across tests, and its own counter counts the objects.
 */
long krt_slab_pages(void)
{
	return atomic_long_read(&slab_pages_total);
}

/* The kernel's "Fix your code!" for gfp bits a slab cannot honour (GFP_SLAB_BUG_MASK). */
static gfp_t kmalloc_fix_flags(gfp_t flags)
{
	gfp_t invalid_mask = flags & GFP_SLAB_BUG_MASK;

	flags &= ~GFP_SLAB_BUG_MASK;
	pr_warn("Unexpected gfp: %#x (%pGg). Fixing up to gfp: %#x (%pGg). Fix your code!\n",
		invalid_mask, &invalid_mask, flags, &flags);
	dump_stack();
	return flags;
}

static struct slab *allocate_slab(struct kmem_cache *s, gfp_t gfp)
{
	gfp_t flags = (gfp & (GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK)) | s->allocflags;
	unsigned int order = s->order;
	struct page *page;

	/* The preferred order is a wish: try it without effort first, as the kernel does. */
	page = alloc_pages(((flags | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL) |
			   (order ? __GFP_COMP : 0), order);
	if (unlikely(!page) && order != s->min_order) {
		order = s->min_order;
		page = alloc_pages(flags | (order ? __GFP_COMP : 0), order);
	} else if (unlikely(!page)) {
		page = alloc_pages(flags | (order ? __GFP_COMP : 0), order);
	}
	return page ? page_slab(page) : NULL;
}

static struct slab *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct slab *slab;
	unsigned int i;
	void *base, *p;

	if (unlikely(gfp & GFP_SLAB_BUG_MASK))
		gfp = kmalloc_fix_flags(gfp);
	WARN_ON_ONCE(s->ctor && (gfp & __GFP_ZERO));
	slab = allocate_slab(s, gfp);
	if (unlikely(!slab))
		return NULL;
	base = slab_address(slab);
	slab->slab_cache = s;
	slab->objects = (PAGE_SIZE << slab_order(slab)) / s->size;
	slab->inuse = 0;
	INIT_LIST_HEAD(&slab->slab_list);
	__SetPageSlab(slab_page(slab));
	slab_account(s, slab_order(slab), 1);

	for (i = 0; i < slab->objects; i++) {
		p = slab_object(s, base, i);
		if (unlikely(s->flags & SLAB_DEBUG_FLAGS))
			setup_object_debug(s, p);
		if (unlikely(s->ctor))
			s->ctor(p);
		kasan_poison_range(p, s->object_size);
		if (unlikely(krt_running_on_valgrind))
			krt_valgrind_mark((char *)p + s->offset, sizeof(void *), KRT_MEM_DEFINED);
		set_freepointer(s, p, i + 1 < slab->objects ? slab_object(s, base, i + 1) : NULL);
	}
	slab->freelist = slab_object(s, base, 0);
	return slab;
}

static void __free_slab(struct kmem_cache *s, struct slab *slab)
{
	struct page *page = slab_page(slab);
	unsigned int order = slab_order(slab);

	__ClearPageSlab(page);
	/* Give the page allocator back the fields the slab used, as it expects them. */
	slab->slab_cache = NULL;
	INIT_LIST_HEAD(&slab->slab_list);
	page->mapping = NULL;
	slab->freelist = NULL;
	slab->inuse = 0;
	slab->objects = 0;
	if (slab->obj_exts)
		memcg_free_slab_obj_exts(slab);
	if (order)
		page->lru.next = NULL;
	slab_account(s, order, -1);
	__free_pages(page, order);
}

static void rcu_free_slab(struct rcu_head *h)
{
	struct slab *slab = container_of(h, struct slab, rcu_head);

	__free_slab(slab->slab_cache, slab);
}

/* An empty slab, off every list, goes back (after a grace period for TYPESAFE_BY_RCU). */
static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	if (unlikely(s->flags & SLAB_TYPESAFE_BY_RCU))
		call_rcu(&slab->rcu_head, rcu_free_slab);
	else
		__free_slab(s, slab);
}

static void discard_slabs(struct kmem_cache *s, struct list_head *list)
{
	struct slab *slab, *next;

	list_for_each_entry_safe(slab, next, list, slab_list) {
		list_del(&slab->slab_list);
		discard_slab(s, slab);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* The node's lists (list_lock held) */

static void add_partial(struct kmem_cache_node *n, struct slab *slab, bool tail)
{
	n->nr_partial++;
	if (tail)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

static void add_new_slab(struct kmem_cache_node *n, struct slab *slab)
{
	if (!slab->inuse)
		atomic_long_inc(&empty_slabs);
	n->nr_slabs++;
	n->total_objects += slab->objects;
	add_partial(n, slab, false);
}

static void remove_slab(struct kmem_cache_node *n, struct slab *slab)
{
	n->nr_partial--;
	n->nr_slabs--;
	n->total_objects -= slab->objects;
	list_del(&slab->slab_list);
}

/* Take @obj off @slab's free list (it is the first free object). */
static void *slab_take_first(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab)
{
	void *obj = slab->freelist;

	slab->freelist = get_freepointer(s, obj);
	if (!slab->inuse++)
		atomic_long_dec(&empty_slabs);
	n->inuse_objects++;
	if (!slab->freelist) {
		n->nr_partial--;
		list_move(&slab->slab_list, &n->full);
	}
	return obj;
}

/*
 * Put @obj back on @slab's free list. An empty slab beyond the cache's min_partial moves to
 * @discard, for the caller to free once the lock is dropped.
 */
static void slab_put_object(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab,
			    void *obj, struct list_head *discard)
{
	bool was_full = !slab->freelist;

	set_freepointer(s, obj, slab->freelist);
	slab->freelist = obj;
	slab->inuse--;
	n->inuse_objects--;
	if (was_full) {
		list_del(&slab->slab_list);
		add_partial(n, slab, true);
	}
	if (slab->inuse)
		return;
	if (n->nr_partial > s->min_partial) {
		remove_slab(n, slab);
		list_add(&slab->slab_list, discard);
	} else {
		atomic_long_inc(&empty_slabs);
	}
}

/* Move up to @want objects from the partial slabs to @out. */
static unsigned int take_objects(struct kmem_cache *s, struct kmem_cache_node *n, void **out,
				 unsigned int want)
{
	unsigned int got = 0;
	struct slab *slab;

	while (got < want && !list_empty(&n->partial)) {
		slab = list_first_entry(&n->partial, struct slab, slab_list);
		while (got < want && slab->freelist)
			out[got++] = slab_take_first(s, n, slab);
	}
	return got;
}

/* Return @nr objects (free, with their free pointer set) to their slabs. list_lock held. */
static void put_objects_locked(struct kmem_cache *s, void **objs, unsigned int nr,
			       struct list_head *discard)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		slab_put_object(s, &s->node, virt_to_slab(objs[i]), objs[i], discard);
}

/*
 * Return the oldest @nr objects of array @c to their slabs. list_lock held: the node's count
 * of objects out of the slabs and @c->nr change together for kmem_cache_active_objects().
 */
static void cpu_cache_put_locked(struct kmem_cache *s, struct kmem_cache_cpu *c,
				 unsigned int nr, struct list_head *discard)
{
	put_objects_locked(s, c->objs, nr, discard);
	memmove(c->objs, c->objs + nr, (c->nr - nr) * sizeof(void *));
	WRITE_ONCE(c->nr, c->nr - nr);
}

/* ------------------------------------------------------------------------------------------ */
/* Per-thread arrays */

/* Empty @c into the slabs and detach it from its cache. slab_cpu_lock held. */
static void cpu_cache_kill(struct kmem_cache_cpu *c, struct list_head *discard)
{
	struct kmem_cache *s = c->cache;

	host_mutex_lock(&s->node.list_lock);
	cpu_cache_put_locked(s, c, c->nr, discard);
	host_mutex_unlock(&s->node.list_lock);
	WRITE_ONCE(c->cap, 0);
	WRITE_ONCE(c->cache, NULL);
	list_del_init(&c->list);
}

/* In a forked child: the arrays of the threads that were not copied go back to the slabs. */
static void free_orphans(void)
{
	struct kmem_cache_cpu *c, *next;
	struct kmem_cache *s;
	LIST_HEAD(discard);
	LIST_HEAD(list);

	host_mutex_lock(&slab_cpu_lock);
	list_splice_init(&orphan_cpu_caches, &list);
	list_for_each_entry(c, &list, list) {
		s = c->cache;
		host_mutex_lock(&s->node.list_lock);
		put_objects_locked(s, c->objs, c->nr, &discard);
		s->cpu_freed -= c->nr;
		host_mutex_unlock(&s->node.list_lock);
		discard_slabs(s, &discard);
	}
	host_mutex_unlock(&slab_cpu_lock);
	list_for_each_entry_safe(c, next, &list, list)
		host_free(c);
}

/* The calling thread's array for @s, made on first use; NULL if it cannot have one. */
static struct kmem_cache_cpu *cpu_cache_get(struct kmem_cache *s)
{
	unsigned int slot = s->cpu_slot;
	struct kmem_cache_cpu *c = slab_cpu[slot];

	if (likely(c->cache == s))
		return c;
	if (!slot || slab_thread_gone || s->destroyed)
		return NULL;
	if (unlikely(!list_empty(&orphan_cpu_caches)))
		free_orphans();
	/* A destroyed cache's array that this thread still pointed at. */
	if (c != &cpu_empty) {
		host_free(c);
		slab_cpu[slot] = &cpu_empty;
	}
	/* A task, so that the thread's exit hook gives the array back (krt_slab_thread_exit()). */
	(void)current;
	c = host_alloc(sizeof(*c) + s->cpu_cap * sizeof(void *));
	if (!c)
		return NULL;
	c->nr = 0;
	c->cap = s->cpu_cap;
	c->cache = s;
	c->owner = &slab_self;
	host_mutex_lock(&slab_cpu_lock);
	list_add(&c->list, &s->cpu_caches);
	host_mutex_unlock(&slab_cpu_lock);
	slab_cpu[slot] = c;
	return c;
}

/**
 * flush_all_cpu_caches - give every thread's free objects of @s back to the slabs
 * @s: the cache
 *
 * The kernel's flush_all(): each owner is marked, one fence covers them all, then each array
 * is emptied once its owner is out of it. Takes slab_cpu_lock and the node lock.
 */
void flush_all_cpu_caches(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c;
	LIST_HEAD(discard);

	if (unlikely(!list_empty(&orphan_cpu_caches)))
		free_orphans();
	host_mutex_lock(&slab_cpu_lock);
	list_for_each_entry(c, &s->cpu_caches, list)
		WRITE_ONCE(c->owner->drain, 1);
	slab_drain_fence();
	list_for_each_entry(c, &s->cpu_caches, list) {
		unsigned int spins = 0;

		while (__atomic_load_n(&c->owner->active, __ATOMIC_ACQUIRE))
			slab_pause(&spins);
		host_mutex_lock(&s->node.list_lock);
		cpu_cache_put_locked(s, c, c->nr, &discard);
		host_mutex_unlock(&s->node.list_lock);
	}
	list_for_each_entry(c, &s->cpu_caches, list)
		__atomic_store_n(&c->owner->drain, 0, __ATOMIC_RELEASE);
	host_mutex_unlock(&slab_cpu_lock);
	discard_slabs(s, &discard);
}

/**
 * krt_slab_thread_exit - the calling thread leaves krt: its arrays go back to the slabs
 */
void krt_slab_thread_exit(void)
{
	struct kmem_cache_cpu *c;
	unsigned int i;
	LIST_HEAD(discard);

	slab_thread_gone = true;
	for (i = 1; i < SLAB_CPU_SLOTS; i++) {
		c = slab_cpu[i];
		if (c == &cpu_empty)
			continue;
		slab_cpu[i] = &cpu_empty;
		host_mutex_lock(&slab_cpu_lock);
		if (c->cache) {
			struct kmem_cache *s = c->cache;

			cpu_cache_kill(c, &discard);
			host_mutex_unlock(&slab_cpu_lock);
			discard_slabs(s, &discard);
		} else {
			host_mutex_unlock(&slab_cpu_lock);
		}
		host_free(c);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Allocation */


/* One object straight from the slabs: debug caches, and threads without an array. */
static void *alloc_single(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
			  unsigned long caller)
{
	struct kmem_cache_node *n = &s->node;
	struct slab *slab;
	void *obj;

	host_mutex_lock(&n->list_lock);
	for (;;) {
		if (list_empty(&n->partial)) {
			host_mutex_unlock(&n->list_lock);
			slab = new_slab(s, gfp);
			if (!slab)
				return NULL;
			host_mutex_lock(&n->list_lock);
			add_new_slab(n, slab);
		}
		slab = list_first_entry(&n->partial, struct slab, slab_list);
		if (likely(!(s->flags & SLAB_DEBUG_FLAGS)) ||
		    alloc_debug_processing(s, slab, slab->freelist, orig_size, caller))
			break;
		/* The slab's metadata cannot be trusted: no more objects from it. */
		if (!slab->inuse)
			atomic_long_dec(&empty_slabs);
		n->inuse_objects += slab->objects - slab->inuse;
		slab->inuse = slab->objects;
		slab->freelist = NULL;
		n->nr_partial--;
		list_move(&slab->slab_list, &n->full);
	}
	obj = slab_take_first(s, n, slab);
	host_mutex_unlock(&n->list_lock);
	return obj;
}

/*
 * An object from the thread's array for @s, refilled from the slabs when empty; NULL when no
 * slab could be had. New slabs are made outside the handshake: that may reclaim, and reclaim
 * may drain.
 */
static void *cpu_cache_alloc(struct kmem_cache *s, struct kmem_cache_cpu *c, gfp_t gfp)
{
	struct kmem_cache_node *n = &s->node;
	unsigned int want = max(c->cap / 2, 1U);
	struct slab *slab;
	void *obj;

	for (;;) {
		slab_enter_wait();
		if (!c->nr) {
			host_mutex_lock(&n->list_lock);
			WRITE_ONCE(c->nr, take_objects(s, n, c->objs, want));
			host_mutex_unlock(&n->list_lock);
		}
		if (c->nr)
			break;
		slab_leave();
		slab = new_slab(s, gfp);
		if (!slab)
			return NULL;
		host_mutex_lock(&n->list_lock);
		add_new_slab(n, slab);
		host_mutex_unlock(&n->list_lock);
	}
	obj = c->objs[c->nr - 1];
	WRITE_ONCE(c->nr, c->nr - 1);
	slab_leave();
	return obj;
}


/* Take back an object just taken, before it was handed out. */
static void slab_unalloc(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct kmem_cache_cpu *c = slab_cpu[s->cpu_slot];

	if (c->cache == s) {
		slab_enter_wait();
		if (c->nr < c->cap) {
			c->objs[c->nr] = obj;
			WRITE_ONCE(c->nr, c->nr + 1);
			slab_leave();
			return;
		}
		slab_leave();
	}
	slab_free_single(s, virt_to_slab(obj), obj, caller);
}

/**
 * slab_alloc_slow - allocate from @s with every check and hook, when the fast path cannot
 * (an empty array or a drain, failslab armed, accounting, __GFP_ZERO, Valgrind, a context that
 * must not sleep for a blocking allocation, or no array: a debug cache)
 * @s: the cache
 * @gfp: GFP flags
 * @orig_size: bytes asked for
 * @caller: the allocation site
 * @failslab: ask should_failslab()
 *
 * Return: the object, or NULL.
 */
noinline void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
			       unsigned long caller, bool failslab)
{
	struct kmem_cache_cpu *c;
	void *obj;

	might_alloc(gfp);
	if (failslab && unlikely(should_failslab(s, gfp)))
		return NULL;
	c = cpu_cache_get(s);
	if (!c)
		obj = alloc_single(s, gfp, orig_size, caller);
	else
		obj = cpu_cache_alloc(s, c, gfp);
	if (unlikely(!obj))
		return NULL;
	/* The object is charged before it is handed out; a failed charge frees it again. */
	if (unlikely((s->flags & SLAB_ACCOUNT) || (gfp & __GFP_ACCOUNT)) &&
	    !memcg_slab_post_alloc_hook(s, gfp, obj)) {
		slab_unalloc(s, obj, caller);
		return NULL;
	}
	slab_post_alloc(s, obj, gfp, orig_size);
	return obj;
}


/**
 * slab_alloc_node - allocate an object of @s
 * @s: the cache
 * @gfp: GFP flags
 * @node: wanted node (krt has one)
 * @orig_size: bytes the caller asked for (what the sanitizers make accessible)
 * @caller: the allocation site, for owner tracking
 *
 * Return: the object, or NULL.
 */
void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, size_t orig_size,
		      unsigned long caller)
{
	return slab_alloc_fast(s, gfp, orig_size, caller, true);
}

/* ------------------------------------------------------------------------------------------ */
/* Freeing */

/**
 * slab_bad_pointer - report a free (as @fn) of @obj, which krt never handed out
 * @fn: the freeing function's name
 * @obj: the pointer
 * @caller: where the free came from
 *
 * Return: true, for use in conditions.
 */
bool slab_bad_pointer(const char *fn, const void *obj, unsigned long caller)
{
	WARN(1, "%s: invalid pointer %px (not an object from kmalloc), called from %pS\n", fn,
	     obj, (void *)caller);
	return true;
}

/**
 * slab_free_suspect - a closer look at a free whose object looks free already
 * @s: the cache
 * @slab: the object's slab
 * @obj: the object being freed
 * @fp: its decoded free pointer: NULL, or an address inside @slab
 *
 * A free object's pointer is NULL or an object of its slab. A live object's word is whatever
 * its user wrote; one that only happens to point inside the slab, not at an object, is let
 * through.
 *
 * Return: true after reporting a double free ("Object already free"): nothing may be freed.
 */
noinline bool slab_free_suspect(struct kmem_cache *s, struct slab *slab, void *obj, void *fp)
{
	if (fp && !slab_valid_object(s, slab, fp))
		return false;
	object_err(s, slab, obj, "Object already free");
	return true;
}

/**
 * slab_free_single - free @obj straight into its slab, under the node lock (debug caches with
 * their checks, and threads without an array)
 * @s: the cache
 * @slab: the object's slab
 * @obj: the object
 * @caller: where the free came from
 */
void slab_free_single(struct kmem_cache *s, struct slab *slab, void *obj, unsigned long caller)
{
	LIST_HEAD(discard);

	host_mutex_lock(&s->node.list_lock);
	if (unlikely(s->flags & SLAB_DEBUG_FLAGS)) {
		/* Checked first: a refused free leaves the object allocated, for every tool. */
		if (!free_debug_processing(s, slab, obj, caller)) {
			host_mutex_unlock(&s->node.list_lock);
			return;
		}
		if (unlikely(slab->obj_exts))
			memcg_slab_free_hook(s, slab, obj);
		slab_free_hook(s, obj);
	}
	slab_put_object(s, &s->node, slab, obj, &discard);
	host_mutex_unlock(&s->node.list_lock);
	discard_slabs(s, &discard);
}

/**
 * slab_free_checked - free @obj, an object of @slab of cache @s, with every check and hook
 * @s: the cache
 * @slab: its slab
 * @obj: the object, as handed out
 * @fn: the freeing function, named in a report
 * @caller: where the free came from
 *
 * What slab_free_fast() sends here: a pointer that is not an object's start (reported, not
 * freed), debug caches, a free pointer that looks like a free object's (a double free unless a
 * closer look clears it), memcg-charged slabs, and the sanitizer hooks.
 */
noinline void slab_free_checked(struct kmem_cache *s, struct slab *slab, void *obj,
				const char *fn, unsigned long caller)
{
	unsigned long base = (unsigned long)slab_address(slab);
	void *fp;

	if (unlikely(!slab_valid_object(s, slab, obj))) {
		slab_bad_pointer(fn, obj, caller);
		return;
	}
	/* Debug caches check everything, double frees included, under the node lock. */
	if (unlikely(s->flags & SLAB_DEBUG_FLAGS)) {
		slab_free_single(s, slab, obj, caller);
		return;
	}
	fp = get_freepointer(s, obj);
	if (unlikely(!fp || (unsigned long)fp - base < (PAGE_SIZE << s->order)) &&
	    slab_free_suspect(s, slab, obj, fp))
		return;
	if (unlikely(READ_ONCE(slab->obj_exts)))
		memcg_slab_free_hook(s, slab, obj);
	slab_free_hook(s, obj);
	set_freepointer(s, obj, NULL);
	slab_free_slow(s, slab, obj, caller);
}

/**
 * slab_free_slow - free @obj when the thread's array cannot take it (full or being drained, or
 * the thread has none yet)
 * @s: the cache
 * @slab: the object's slab
 * @obj: the object, already checked and with its free pointer set
 * @caller: where the free came from
 */
noinline void slab_free_slow(struct kmem_cache *s, struct slab *slab, void *obj,
			     unsigned long caller)
{
	struct kmem_cache_cpu *c = cpu_cache_get(s);
	unsigned int half;
	LIST_HEAD(discard);

	if (!c) {
		slab_free_single(s, slab, obj, caller);
		return;
	}
	slab_enter_wait();
	if (c->nr == c->cap) {
		/* The older half goes back; the recently freed, cache-hot half stays. */
		half = c->cap / 2;
		host_mutex_lock(&s->node.list_lock);
		cpu_cache_put_locked(s, c, half, &discard);
		host_mutex_unlock(&s->node.list_lock);
	}
	c->objs[c->nr] = obj;
	WRITE_ONCE(c->nr, c->nr + 1);
	slab_leave();
	discard_slabs(s, &discard);
}

/* ------------------------------------------------------------------------------------------ */
/* kmalloc above KMALLOC_MAX_CACHE_SIZE: compound pages */

/**
 * slab_alloc_large - kmalloc() of more than KMALLOC_MAX_CACHE_SIZE bytes
 * @size: bytes
 * @flags: GFP flags
 * @node: wanted node
 * @caller: allocation site
 *
 * Return: the page-aligned memory, or NULL (the page allocator warns, or WARNs above
 * KMALLOC_MAX_SIZE unless __GFP_NOWARN).
 */
void *slab_alloc_large(size_t size, gfp_t flags, int node, unsigned long caller)
{
	unsigned int order = get_order(size);
	struct page *page;
	void *ptr;

	if (unlikely(flags & GFP_SLAB_BUG_MASK))
		flags = kmalloc_fix_flags(flags);
	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		/* The page allocator's order check, without asking it for an impossible order. */
		might_alloc(flags);
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	page = alloc_pages(flags | __GFP_COMP, order);
	if (!page)
		return NULL;
	__SetPageLargeKmalloc(page);
	mod_node_page_state(NODE_DATA(0), NR_SLAB_UNRECLAIMABLE_B, PAGE_SIZE << order);
	atomic_long_inc(&large_kmalloc_objects);
	ptr = page_address(page);
	/* The slack after the request is off limits, as KASAN makes it. */
	kasan_poison_range((char *)ptr + size, (PAGE_SIZE << order) - size);
	return ptr;
}

/**
 * slab_free_large - free a kmalloc() object above KMALLOC_MAX_CACHE_SIZE
 * @folio: the folio holding @obj
 * @obj: the pointer given to kfree()
 * @caller: where the free came from
 */
void slab_free_large(struct folio *folio, const void *obj, unsigned long caller)
{
	unsigned int order = folio_order(folio);

	if (unlikely(!folio_test_large_kmalloc(folio) || obj != folio_address(folio))) {
		slab_bad_pointer("kfree", obj, caller);
		return;
	}
	__ClearPageLargeKmalloc(&folio->page);
	mod_node_page_state(NODE_DATA(0), NR_SLAB_UNRECLAIMABLE_B, -(long)(PAGE_SIZE << order));
	atomic_long_dec(&large_kmalloc_objects);
	__free_pages(&folio->page, order);
}

/* ------------------------------------------------------------------------------------------ */
/* Object state and size */

/* The usable size of a live object of @s, the kernel's slab_ksize(). */
static size_t slab_ksize(const struct kmem_cache *s)
{
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON))
		return s->object_size;
	if (s->flags & (SLAB_TYPESAFE_BY_RCU | SLAB_STORE_USER))
		return s->inuse;
	/* A free pointer after the object is not the caller's. */
	if (s->offset >= s->object_size)
		return s->object_size;
	return s->size;
}

/* Does @obj of @slab look free (its free pointer decodes to NULL or to an object)? */
static bool slab_object_free(struct kmem_cache *s, struct slab *slab, void *obj)
{
	void *fp = get_freepointer(s, obj);

	return !fp || slab_valid_object(s, slab, fp);
}

/*
 * The usable size of @objp if it is a live kmalloc or slab object, else 0; @report says what
 * is wrong with it.
 */
static size_t object_live_size(const void *objp, bool report)
{
	struct folio *folio;
	struct slab *slab;

	if (!virt_addr_valid(objp))
		goto bad;
	folio = page_folio(compound_head(virt_to_page(objp)));
	if (!folio_test_slab(folio)) {
		if (!folio_test_large_kmalloc(folio) || objp != folio_address(folio))
			goto bad;
		return folio_size(folio);
	}
	slab = (struct slab *)folio;
	if (!slab_valid_object(slab->slab_cache, slab, objp))
		goto bad;
	if (slab_object_free(slab->slab_cache, slab, (void *)objp)) {
		WARN(report, "ksize: %px is a free object of %s\n", objp, slab->slab_cache->name);
		return 0;
	}
	/* The caller may now use the whole size: no kmalloc red zone after the request. */
	if (report)
		skip_orig_size_check(slab->slab_cache, objp);
	return slab_ksize(slab->slab_cache);
bad:
	if (report)
		slab_bad_pointer("ksize", objp, _RET_IP_);
	return 0;
}

/**
 * kmalloc_object_live - is @objp a live kmalloc or slab object?
 * @objp: any pointer
 *
 * Checks without reporting: for callers that must not touch memory that is not theirs.
 */
bool kmalloc_object_live(const void *objp)
{
	return !ZERO_OR_NULL_PTR(objp) && object_live_size(objp, false);
}

/**
 * ksize - the usable size of an allocated object
 * @objp: the object
 *
 * Return: the object's size class (96 for a 70-byte kmalloc), the pages of a large kmalloc,
 * or 0 for NULL and ZERO_SIZE_PTR, and for pointers that are no live object (reported).
 */
size_t ksize(const void *objp)
{
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	return object_live_size(objp, true);
}
EXPORT_SYMBOL(ksize);

/* ------------------------------------------------------------------------------------------ */
/* The kmem_cache API */

/**
 * kmem_cache_alloc_noprof - allocate an object (kmem_cache_alloc())
 * @s: the cache
 * @flags: GFP flags
 *
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc_noprof(struct kmem_cache *s, gfp_t flags)
{
	return slab_alloc_fast(s, flags, s->object_size, _RET_IP_, true);
}
EXPORT_SYMBOL(kmem_cache_alloc_noprof);

/**
 * kmem_cache_alloc_node_noprof - allocate an object on @node (kmem_cache_alloc_node())
 * @s: the cache
 * @flags: GFP flags
 * @node: the node (krt has node 0 only; any node falls back to it)
 *
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc_node_noprof(struct kmem_cache *s, gfp_t flags, int node)
{
	return slab_alloc_fast(s, flags, s->object_size, _RET_IP_, true);
}
EXPORT_SYMBOL(kmem_cache_alloc_node_noprof);

/**
 * kmem_cache_alloc_lru_noprof - allocate an object for a list_lru (kmem_cache_alloc_lru())
 * @s: the cache
 * @lru: the list_lru the object will go on (krt keeps no per-memcg lru lists)
 * @flags: GFP flags
 *
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc_lru_noprof(struct kmem_cache *s, struct list_lru *lru, gfp_t flags)
{
	return slab_alloc_fast(s, flags, s->object_size, _RET_IP_, true);
}
EXPORT_SYMBOL(kmem_cache_alloc_lru_noprof);

/* The cache an object really belongs to; a mismatch with @s is the kernel's WARN. */
static struct kmem_cache *cache_from_obj(struct kmem_cache *s, struct slab *slab)
{
	struct kmem_cache *cachep = slab->slab_cache;

	WARN(cachep != s, "%s: Wrong slab cache. %s but object is from %s\n", __func__, s->name,
	     cachep->name);
	return cachep;
}

/* The slab of a pointer given to a free function, or NULL after reporting it. */
static __always_inline struct slab *free_to_slab(const char *fn, const void *x,
						 unsigned long caller)
{
	struct slab *slab;

	if (unlikely(!virt_addr_valid(x))) {
		slab_bad_pointer(fn, x, caller);
		return NULL;
	}
	slab = page_slab(compound_head(virt_to_page(x)));
	if (unlikely(!PageSlab(slab_page(slab)))) {
		slab_bad_pointer(fn, x, caller);
		return NULL;
	}
	return slab;
}

/* kmem_cache_free() of a pointer that is not an object of @s: report, and free it if it is one. */
static noinline void kmem_cache_free_report(struct kmem_cache *s, void *x, unsigned long caller)
{
	struct slab *slab = free_to_slab("kmem_cache_free", x, caller);

	if (slab)
		slab_free_fast(cache_from_obj(s, slab), slab, (unsigned long)slab_address(slab), x,
			       "kmem_cache_free", caller);
}

/**
 * kmem_cache_free - free an object of @s
 * @s: the cache it came from
 * @x: the object (NULL is ignored)
 *
 * An object of another cache is reported (cache_from_obj) and freed into its own cache.
 */
void kmem_cache_free(struct kmem_cache *s, void *x)
{
	struct page *page;
	struct slab *slab;

	if (unlikely(!x))
		return;
	if (unlikely(!virt_addr_valid(x)))
		goto report;
	page = virt_to_page(x);
	slab = page_slab(compound_head(page));
	if (unlikely(!PageSlab(slab_page(slab)) || slab->slab_cache != s))
		goto report;
	slab_free_fast(s, slab, slab_base(slab, page, x), x, "kmem_cache_free", _RET_IP_);
	return;
report:
	kmem_cache_free_report(s, x, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_free);

/**
 * kfree - free memory from kmalloc() (or any slab object)
 * @x: the memory; NULL and ZERO_SIZE_PTR are ignored
 *
 * A pointer krt never handed out, or one already freed, is reported and nothing is freed.
 */
void kfree(const void *x)
{
	struct page *page, *head;

	if (unlikely(ZERO_OR_NULL_PTR(x)))
		return;
	if (unlikely(!virt_addr_valid(x))) {
		slab_bad_pointer("kfree", x, _RET_IP_);
		return;
	}
	page = virt_to_page(x);
	head = compound_head(page);
	if (unlikely(!PageSlab(head))) {
		slab_free_large(page_folio(head), x, _RET_IP_);
		return;
	}
	slab_free_fast(page_slab(head)->slab_cache, page_slab(head),
		       slab_base(page_slab(head), page, x), (void *)x, "kfree", _RET_IP_);
}
EXPORT_SYMBOL(kfree);

/**
 * kmem_cache_alloc_bulk_noprof - allocate @size objects at once (kmem_cache_alloc_bulk())
 * @s: the cache
 * @flags: GFP flags
 * @size: how many
 * @p: where to store them
 *
 * All or nothing: on failure the objects already allocated are freed.
 *
 * Return: @size, or 0.
 */
int kmem_cache_alloc_bulk_noprof(struct kmem_cache *s, gfp_t flags, size_t size, void **p)
{
	size_t i;

	/* failslab is asked once per call, as the kernel's slab_pre_alloc_hook() is. */
	if (unlikely(failslab_active()) && should_failslab(s, flags))
		return 0;
	for (i = 0; i < size; i++) {
		p[i] = slab_alloc_fast(s, flags, s->object_size, _RET_IP_, false);
		if (unlikely(!p[i])) {
			kmem_cache_free_bulk(s, i, p);
			return 0;
		}
	}
	return size;
}
EXPORT_SYMBOL(kmem_cache_alloc_bulk_noprof);

/**
 * kmem_cache_free_bulk - free @size objects
 * @s: their cache, or NULL to look each one's up (kfree_bulk())
 * @size: how many
 * @p: the objects
 */
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	size_t i;

	for (i = 0; i < size; i++) {
		if (s)
			kmem_cache_free(s, p[i]);
		else
			kfree(p[i]);
	}
}
EXPORT_SYMBOL(kmem_cache_free_bulk);

/* ------------------------------------------------------------------------------------------ */
/* Creating, shrinking and destroying caches */

/*
 * The kernel's slab order: the smallest order (up to slub_max_order) whose waste is at most
 * 1/16 of the slab, and that holds at least slub_min_objects objects (4 * (fls(cpus) + 1)).
 */
static unsigned int slub_max_order = PAGE_ALLOC_COSTLY_ORDER;
static unsigned int slub_min_objects;

static unsigned int calc_slab_order(unsigned int size, unsigned int min_order,
				    unsigned int max_order, unsigned int fract_leftover)
{
	unsigned int order;

	for (order = min_order; order <= max_order; order++) {
		unsigned int slab_size = PAGE_SIZE << order;
		unsigned int rem = slab_size % size;

		if (rem <= slab_size / fract_leftover)
			break;
	}
	return order;
}

static unsigned int calculate_order(unsigned int size)
{
	unsigned int min_objects = slub_min_objects;
	unsigned int min_order, order, fraction;

	if (!min_objects)
		min_objects = 4 * (fls(host_ncpus()) + 1);
	/* Enough objects, but no more than the largest order can hold. */
	min_objects = min(min_objects, (unsigned int)((PAGE_SIZE << slub_max_order) / size));
	min_order = get_order(max(min_objects, 1U) * size);
	for (fraction = 16; fraction > 1; fraction /= 2) {
		order = calc_slab_order(size, min_order, slub_max_order, fraction);
		if (order <= slub_max_order)
			return order;
	}
	order = get_order(size);
	return order <= MAX_PAGE_ORDER ? order : -EINVAL;
}

/*
 * Object layout, as the kernel's calculate_sizes(): [left red zone] object, padding to a word
 * (one more word of red zone when the object ends on one), the free pointer outside the object
 * when the object cannot hold it, owner tracking, a final red zone word, and the stride aligned.
 */
static int calculate_sizes(struct kmem_cache *s, struct kmem_cache_args *args)
{
	slab_flags_t flags = s->flags;
	unsigned int size = s->object_size;
	int order;

	size = ALIGN(size, sizeof(void *));
	if ((flags & SLAB_POISON) && !(flags & SLAB_TYPESAFE_BY_RCU) && !s->ctor)
		s->flags |= __OBJECT_POISON;
	else
		s->flags &= ~__OBJECT_POISON;
	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;

	if (((flags & SLAB_TYPESAFE_BY_RCU) && !args->use_freeptr_offset) ||
	    (flags & SLAB_POISON) || s->ctor ||
	    ((flags & SLAB_RED_ZONE) && (s->object_size < sizeof(void *) ||
					  is_kmalloc_cache(s)))) {
		/* The free pointer would be overwritten by the user, or by poisoning. */
		s->offset = size;
		size += sizeof(void *);
	} else if ((flags & SLAB_TYPESAFE_BY_RCU) && args->use_freeptr_offset) {
		s->offset = args->freeptr_offset;
	} else {
		/* Mid-object: a small overflow from the previous object does not reach it. */
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *));
	}
	size += debug_metadata_size(s);
	if (flags & SLAB_RED_ZONE) {
		size += sizeof(void *);
		s->red_left_pad = sizeof(void *);
		s->red_left_pad = ALIGN(s->red_left_pad, s->align);
		size += s->red_left_pad;
	} else {
		s->red_left_pad = 0;
	}
	size = ALIGN(size, s->align);
	s->size = size;
	s->reciprocal_size = (u32)DIV_ROUND_UP(1ULL << 32, size);

	order = calculate_order(size);
	if (order < 0)
		return -EINVAL;
	s->order = order;
	s->objects = (PAGE_SIZE << order) / size;
	s->min_order = get_order(size);
	s->min_objects = (PAGE_SIZE << s->min_order) / size;
	s->allocflags = 0;
	if (flags & SLAB_CACHE_DMA)
		s->allocflags |= GFP_DMA;
	if (flags & SLAB_CACHE_DMA32)
		s->allocflags |= GFP_DMA32;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	return 0;
}

/* Objects a thread may keep of @s: more of small objects, about two slabs' worth at most. */
static unsigned int cpu_cache_capacity(struct kmem_cache *s)
{
	if (s->size <= 256)
		return 64;
	if (s->size <= 1024)
		return 32;
	if (s->size <= PAGE_SIZE)
		return 16;
	return 8;
}

static int slot_alloc(void)
{
	int slot;

	host_mutex_lock(&slab_cpu_lock);
	slot = find_next_zero_bit(slot_map, SLAB_CPU_SLOTS, 1);
	if (slot < SLAB_CPU_SLOTS)
		__set_bit(slot, slot_map);
	else
		slot = 0;
	host_mutex_unlock(&slab_cpu_lock);
	return slot;
}

/**
 * do_kmem_cache_create - lay out and set up a new cache (slab_mutex held)
 * @s: the zeroed cache, with name, object_size, align, ctor, flags and usercopy set
 * @name: its name
 * @size: object size
 * @args: the creation arguments
 * @flags: SLAB_* flags, slub_debug ones included
 *
 * Return: 0, or -EINVAL when no slab order can hold an object.
 */
int do_kmem_cache_create(struct kmem_cache *s, const char *name, unsigned int size,
			 struct kmem_cache_args *args, slab_flags_t flags)
{
	int err;

	s->name = name;
	s->object_size = size;
	s->flags = flags;
	s->random = get_random_long();
	err = calculate_sizes(s, args);
	if (err)
		return err;
	/* Keep as many empty slabs as the kernel: ilog2(size) / 2, between 5 and 10. */
	s->min_partial = clamp(ilog2(s->size) / 2, 5U, 10U);
	s->node.list_lock = (struct host_mutex){ 0 };
	INIT_LIST_HEAD(&s->node.partial);
	INIT_LIST_HEAD(&s->node.full);
	INIT_LIST_HEAD(&s->cpu_caches);
	s->refcount = 1;
	s->cpu_cap = cpu_cache_capacity(s);
	/* Debug caches check every operation under the node lock: no thread arrays. */
	s->cpu_slot = (flags & SLAB_DEBUG_FLAGS) ? 0 : slot_alloc();
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_slab_pool(s, true);
	return 0;
}

/* Move every empty slab on the partial list to @discard. list_lock held. */
static void free_empty_slabs(struct kmem_cache *s, struct list_head *discard)
{
	struct kmem_cache_node *n = &s->node;
	struct slab *slab, *next;

	list_for_each_entry_safe(slab, next, &n->partial, slab_list) {
		if (slab->inuse)
			continue;
		atomic_long_dec(&empty_slabs);
		remove_slab(n, slab);
		list_add(&slab->slab_list, discard);
	}
}

/**
 * __kmem_cache_shrink - release every thread's free objects of @s and every empty slab
 * @s: the cache
 *
 * Return: 0 if no slab is left, 1 otherwise.
 */
int __kmem_cache_shrink(struct kmem_cache *s)
{
	LIST_HEAD(discard);
	int ret;

	flush_all_cpu_caches(s);
	host_mutex_lock(&s->node.list_lock);
	free_empty_slabs(s, &discard);
	ret = s->node.nr_slabs ? 1 : 0;
	host_mutex_unlock(&s->node.list_lock);
	discard_slabs(s, &discard);
	return ret;
}

/**
 * __kmem_cache_shutdown - empty every thread's array of @s and free its slabs
 * @s: the cache being destroyed (slab_mutex held)
 *
 * Partial slabs that still hold objects are reported ("Objects remaining on
 * __kmem_cache_shutdown()"), as the kernel does; slabs with objects are kept.
 *
 * Return: 0, or -EBUSY when objects remain.
 */
int __kmem_cache_shutdown(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c, *next;
	struct slab *slab;
	LIST_HEAD(discard);
	int ret = 0;

	flush_all_cpu_caches(s);
	host_mutex_lock(&slab_cpu_lock);
	list_for_each_entry_safe(c, next, &s->cpu_caches, list)
		cpu_cache_kill(c, &discard);
	host_mutex_unlock(&slab_cpu_lock);

	host_mutex_lock(&s->node.list_lock);
	free_empty_slabs(s, &discard);
	/* As the kernel's free_partial(): partial slabs are listed, full ones only counted. */
	list_for_each_entry(slab, &s->node.partial, slab_list)
		list_slab_objects(s, slab, "Objects remaining on __kmem_cache_shutdown()");
	if (s->node.nr_slabs)
		ret = -EBUSY;
	host_mutex_unlock(&s->node.list_lock);
	discard_slabs(s, &discard);
	return ret;
}

/**
 * __kmem_cache_release - give back what a destroyed, empty cache still holds (its slot)
 * @s: the cache
 */
void __kmem_cache_release(struct kmem_cache *s)
{
	if (unlikely(krt_running_on_valgrind))
		krt_valgrind_slab_pool(s, false);
	if (!s->cpu_slot)
		return;
	host_mutex_lock(&slab_cpu_lock);
	__clear_bit(s->cpu_slot, slot_map);
	host_mutex_unlock(&slab_cpu_lock);
}

/**
 * kmem_cache_active_objects - objects of @s handed out and not freed
 * @s: the cache
 *
 * Objects waiting in threads' arrays are free, so they are not counted.
 */
unsigned int kmem_cache_active_objects(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c;
	long active;

	/* Moves between arrays and slabs change both counts under list_lock. */
	host_mutex_lock(&slab_cpu_lock);
	host_mutex_lock(&s->node.list_lock);
	active = s->node.inuse_objects - s->cpu_freed;
	list_for_each_entry(c, &s->cpu_caches, list)
		active -= READ_ONCE(c->nr);
	host_mutex_unlock(&s->node.list_lock);
	host_mutex_unlock(&slab_cpu_lock);
	return max(active, 0L);
}

/**
 * slab_objects_read - live slab and large kmalloc objects, for the KUnit leak checker
 */
long slab_objects_read(void)
{
	struct kmem_cache *s;
	long n = atomic_long_read(&large_kmalloc_objects) - atomic_long_read(&slab_leaked_objects);

	host_mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list)
		n += kmem_cache_active_objects(s);
	host_mutex_unlock(&slab_mutex);
	return n;
}

/* ------------------------------------------------------------------------------------------ */
/* fork(): the child has only the forking thread */

static bool slab_fork_held;

/**
 * slab_fork_prepare - fork() is about to copy the process: hold every slab lock
 *
 * Called by the page allocator's fork handlers (mm/page_alloc.c), before it quiesces itself,
 * and the parent and child halves after it resumed, so that the child's writes land in memory
 * that is already private.
 */
void slab_fork_prepare(void)
{
	struct kmem_cache *s;

	if (slab_state < UP)
		return;
	slab_fork_held = true;
	host_mutex_lock(&slab_mutex);
	host_mutex_lock(&slab_cpu_lock);
	list_for_each_entry(s, &slab_caches, list)
		host_mutex_lock(&s->node.list_lock);
}

/**
 * slab_fork_parent - fork() is done, in the parent: release the slab locks
 */
void slab_fork_parent(void)
{
	struct kmem_cache *s;

	if (!slab_fork_held)
		return;
	slab_fork_held = false;
	list_for_each_entry(s, &slab_caches, list)
		host_mutex_unlock(&s->node.list_lock);
	host_mutex_unlock(&slab_cpu_lock);
	host_mutex_unlock(&slab_mutex);
}

/**
 * slab_fork_child - fork() is done, in the child: orphan the other threads' arrays, release
 * the slab locks
 *
 * Their objects go back to the slabs at the child's next slow-path call or flush
 * (free_orphans()), outside the fork handler, where slabs may be freed and the host allocator
 * used.
 */
void slab_fork_child(void)
{
	struct kmem_cache_cpu *c, *next;
	struct kmem_cache *s;

	if (!slab_fork_held)
		return;
	list_for_each_entry(s, &slab_caches, list) {
		list_for_each_entry_safe(c, next, &s->cpu_caches, list) {
			if (slab_cpu[s->cpu_slot] == c)
				continue;
			/* Counted as free, as in the parent: they were free there. */
			s->cpu_freed += c->nr;
			list_move(&c->list, &orphan_cpu_caches);
		}
	}
	slab_fork_parent();
	/* membarrier registration belongs to the parent's address space. */
	slab_drain_init();
}


/* ------------------------------------------------------------------------------------------ */
/* Boot */

static int __init setup_slub_max_order(char *str)
{
	unsigned int order;

	if (kstrtouint(str, 0, &order))
		return 0;
	slub_max_order = min(order, (unsigned int)MAX_PAGE_ORDER);
	return 1;
}
__setup_param("slub_max_order=", slub_max_order_param, setup_slub_max_order, 0);
__setup_param("slab_max_order=", slab_max_order_param, setup_slub_max_order, 0);

static int __init setup_slub_min_objects(char *str)
{
	if (kstrtouint(str, 0, &slub_min_objects))
		return 0;
	return 1;
}
__setup_param("slub_min_objects=", slub_min_objects_param, setup_slub_min_objects, 0);
__setup_param("slab_min_objects=", slab_min_objects_param, setup_slub_min_objects, 0);

/*
 * Under memory pressure the empty slabs every cache keeps (up to min_partial) go back to the
 * page allocator. Reclaim may run inside kmem_cache_create() (slab_mutex held): then it skips.
 */
static unsigned long slab_shrink_count(struct shrinker *shrink, struct shrink_control *sc)
{
	long n = atomic_long_read(&empty_slabs);

	return n > 0 ? n : SHRINK_EMPTY;
}

static unsigned long slab_shrink_scan(struct shrinker *shrink, struct shrink_control *sc)
{
	struct kmem_cache *s;
	unsigned long freed = 0;
	LIST_HEAD(discard);

	if (!host_mutex_trylock(&slab_mutex))
		return SHRINK_STOP;
	list_for_each_entry(s, &slab_caches, list) {
		struct slab *slab, *next;

		host_mutex_lock(&s->node.list_lock);
		free_empty_slabs(s, &discard);
		host_mutex_unlock(&s->node.list_lock);
		list_for_each_entry_safe(slab, next, &discard, slab_list) {
			list_del(&slab->slab_list);
			discard_slab(s, slab);
			freed++;
		}
		if (freed >= sc->nr_to_scan)
			break;
	}
	host_mutex_unlock(&slab_mutex);
	return freed;
}

static int __init slab_shrinker_init(void)
{
	struct shrinker *shrinker = shrinker_alloc(0, "slab-empty");

	if (!shrinker)
		return -ENOMEM;
	shrinker->count_objects = slab_shrink_count;
	shrinker->scan_objects = slab_shrink_scan;
	shrinker->seeks = 0;
	shrinker_register(shrinker);
	return 0;
}
late_initcall(slab_shrinker_init);

static struct krt_leak_counter slab_leak_counter = {
	.name = "slab objects",
	.read = slab_objects_read,
	.settle = rcu_barrier,
};

static int __init slab_leak_counter_init(void)
{
	krt_leak_counter_register(&slab_leak_counter);
	return 0;
}
early_initcall(slab_leak_counter_init);
