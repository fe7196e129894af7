/* SPDX-License-Identifier: MIT */
/*
 * The slab allocator's private interface: struct slab (an overlay of a slab's head struct
 * page), struct kmem_cache, the per-thread object caches and the hooks between the allocator
 * (mm/slub.c), the cache registry and kmalloc (mm/slab_common.c) and SLUB debugging
 * (mm/slub_debug.c).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/swab.h>

#include "arch/host/host.h"

/*
 * struct slab - the head page of a slab, seen as the slab allocator sees it. The fields line up
 * with struct page: flags, then the cache where a head page keeps lru.next (a pointer, so never
 * mistaken for a tail page's compound_head), the list (or the RCU head while a
 * SLAB_TYPESAFE_BY_RCU slab waits to be freed), the free list and the counters, the page type
 * (PGTY_slab), the reference count and obj_exts in memcg_data.
 */
struct slab {
	unsigned long __page_flags;
	struct kmem_cache *slab_cache;
	union {
		struct list_head slab_list;
		struct rcu_head rcu_head;
	};
	void *freelist;		/* first free object, NULL when full */
	unsigned int inuse;	/* objects not on the free list */
	unsigned int objects;	/* objects in the slab */
	unsigned int __page_type;
	atomic_t __page_refcount;
	unsigned long obj_exts;	/* per-object memcg array, or 0 */
};

static_assert(sizeof(struct slab) == sizeof(struct page), "struct slab overlays struct page");
static_assert(offsetof(struct slab, __page_type) == offsetof(struct page, page_type), "page_type");
static_assert(offsetof(struct slab, __page_refcount) == offsetof(struct page, _refcount),
	      "_refcount");
static_assert(offsetof(struct slab, obj_exts) == offsetof(struct page, memcg_data), "memcg_data");

#define slab_page(s)		((struct page *)(s))
#define page_slab(p)		((struct slab *)(p))
#define folio_slab(f)		((struct slab *)(f))

static inline void *slab_address(const struct slab *slab)
{
	return page_address((struct page *)slab);
}

static inline unsigned int slab_order(const struct slab *slab)
{
	return compound_order((struct page *)slab);
}

static inline size_t slab_size(const struct slab *slab)
{
	return PAGE_SIZE << slab_order(slab);
}

/* The slab of a direct-map address, or NULL when its page is not a slab page. */
static inline struct slab *virt_to_slab(const void *addr)
{
	struct page *page = compound_head(virt_to_page(addr));

	return PageSlab(page) ? page_slab(page) : NULL;
}

/*
 * The one node's lists of slabs. list_lock guards them and every slab's free list. It is a host
 * mutex rather than a spinlock so that fork() can hold every cache's at once (lockdep's
 * held-lock stack is not that deep); it is never held across a sleep or a page allocation.
 */
struct kmem_cache_node {
	struct host_mutex list_lock;
	struct list_head partial;	/* slabs with free objects (empty ones too) */
	struct list_head full;		/* slabs without */
	unsigned long nr_partial;
	unsigned long nr_slabs;
	unsigned long total_objects;
	/* Objects out of the slabs: handed out, or in a thread's cache. */
	unsigned long inuse_objects;
};

/*
 * struct kmem_cache_cpu - a thread's cache of free objects of one kmem_cache. Objects are
 * taken and put back with plain loads and stores; @nr == 0 sends allocation and @nr == @cap
 * sends freeing to the slow path (the empty placeholder has both at 0).
 */
struct kmem_cache_cpu {
	unsigned int nr;
	unsigned int cap;
	struct kmem_cache *cache;	/* NULL once the cache is destroyed */
	struct list_head list;		/* on cache->cpu_caches, under slab_cpu_lock */
	struct slab_thread *owner;	/* the thread whose array this is */
	void *objs[];
};

/*
 * struct slab_thread - a thread's side of the drain handshake: @active while it uses one of its
 * arrays, @drain while another thread (kmem_cache_shrink()) empties them.
 */
struct slab_thread {
	unsigned int active;
	unsigned int drain;
};

#define SLAB_CPU_SLOTS	256
/* Hidden: the fast paths reach it without going through the dynamic symbol table. */
extern __thread struct kmem_cache_cpu *slab_cpu[SLAB_CPU_SLOTS]
	__attribute__((tls_model("initial-exec"), visibility("hidden")));

/* Debug flags: such caches take the slow path for every allocation and free. */
#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | \
				 SLAB_STORE_USER | SLAB_TRACE)
#define __OBJECT_POISON		SLAB_OBJECT_POISON
#define DEBUG_DEFAULT_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | \
				 SLAB_STORE_USER)

struct kmem_cache {
	/* Hot: read by every fast-path allocation and free. */
	unsigned int cpu_slot;		/* index into slab_cpu[] */
	unsigned int size;		/* stride of the objects, metadata included */
	unsigned int offset;		/* of the free pointer */
	unsigned int object_size;	/* what the user asked for */
	unsigned long random;		/* free pointer obfuscation key */
	u32 reciprocal_size;		/* 2^32 / size, rounded up */
	unsigned int red_left_pad;
	slab_flags_t flags;
	unsigned int inuse;		/* object plus padding before the metadata */
	unsigned int align;
	unsigned int cpu_cap;		/* capacity of a thread's object cache */
	unsigned int order;		/* of every slab */
	unsigned int objects;		/* per slab */
	unsigned int min_order;		/* the fallback when order is not available */
	unsigned int min_objects;
	unsigned int min_partial;	/* empty slabs kept on the partial list */
	gfp_t allocflags;		/* added to the gfp of slab page allocations */
	int refcount;			/* merged users; under slab_mutex */
	void (*ctor)(void *);
	unsigned int useroffset;
	unsigned int usersize;
	const char *name;
	struct list_head list;		/* on slab_caches */
	struct kmem_cache_node node;
	struct list_head cpu_caches;	/* every thread's kmem_cache_cpu */
	unsigned long cpu_freed;	/* objects in threads' caches that are gone */
	bool destroyed;			/* leaked by kmem_cache_destroy() with live objects */
};

/* mm/slab_common.c */
extern struct list_head slab_caches;
extern struct kmem_cache *kmem_cache;	/* the cache of struct kmem_cache */
extern struct host_mutex slab_mutex;
enum slab_state { DOWN, PARTIAL, UP, FULL };
extern enum slab_state slab_state;

/* mm/slub.c */
int do_kmem_cache_create(struct kmem_cache *s, const char *name, unsigned int size,
			 struct kmem_cache_args *args, slab_flags_t flags);
int __kmem_cache_shutdown(struct kmem_cache *s);
void __kmem_cache_release(struct kmem_cache *s);
int __kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_active_objects(struct kmem_cache *s);
void slab_kmem_cache_init(void);
void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, size_t orig_size,
		      unsigned long caller);
void *slab_alloc_large(size_t size, gfp_t flags, int node, unsigned long caller);
void slab_free_large(struct folio *folio, const void *obj, unsigned long caller);
unsigned int obj_to_index(const struct kmem_cache *s, const struct slab *slab, const void *obj);
void flush_all_cpu_caches(struct kmem_cache *s);
void slab_drain_init(void);
void slab_fork_prepare(void);
void slab_fork_parent(void);
void slab_fork_child(void);
bool slab_bad_pointer(const char *fn, const void *obj, unsigned long caller);
long slab_objects_read(void);
bool kmalloc_object_live(const void *objp);
long krt_slab_pages(void);
extern atomic_long_t slab_leaked_objects;
void krt_slab_thread_exit(void);

/* mm/slab_common.c */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags);
void kmem_cache_init(void);

/* The free pointer of a free object, stored obfuscated at s->offset (FREELIST_HARDENED). */
static inline unsigned long freeptr_encode(const struct kmem_cache *s, void *ptr,
					   unsigned long ptr_addr)
{
	return (unsigned long)ptr ^ s->random ^ swab64(ptr_addr);
}

static inline void *freeptr_decode(const struct kmem_cache *s, unsigned long val,
				   unsigned long ptr_addr)
{
	return (void *)(val ^ s->random ^ swab64(ptr_addr));
}

/* The free pointer word is read and written where the sanitizers see a free object. */
__no_sanitize_address static inline unsigned long freeptr_raw(const struct kmem_cache *s,
							      const void *obj)
{
	return READ_ONCE(*(unsigned long *)((unsigned long)obj + s->offset));
}

__no_sanitize_address static inline void *get_freepointer(const struct kmem_cache *s,
							   const void *obj)
{
	unsigned long addr = (unsigned long)obj + s->offset;

	return freeptr_decode(s, freeptr_raw(s, obj), addr);
}

__no_sanitize_address static inline void set_freepointer(const struct kmem_cache *s, void *obj,
							  void *fp)
{
	unsigned long addr = (unsigned long)obj + s->offset;

	WRITE_ONCE(*(unsigned long *)addr, freeptr_encode(s, fp, addr));
}

/* An allocated object's free pointer word no longer looks like a free object's. */
__no_sanitize_address static inline void freeptr_clear(const struct kmem_cache *s, void *obj)
{
	WRITE_ONCE(*(unsigned long *)((unsigned long)obj + s->offset), 0);
}

static inline bool is_kmalloc_cache(const struct kmem_cache *s)
{
	return s->flags & SLAB_KMALLOC;
}

static inline void *fixup_red_left(const struct kmem_cache *s, void *p)
{
	return (char *)p + s->red_left_pad;
}

/*
 * mm/memcontrol.c: per-object charging of SLAB_ACCOUNT caches and __GFP_ACCOUNT allocations.
 * The post-alloc hook charges @obj to the current task's memcg (recording it in the slab's
 * obj_exts array, which it allocates on first use) and returns false when the charge fails;
 * the free hook uncharges an object that was charged; memcg_free_slab_obj_exts() releases the
 * array (and sets obj_exts to 0) when the slab goes back to the page allocator.
 */
bool memcg_slab_post_alloc_hook(struct kmem_cache *s, gfp_t gfp, void *obj);
void memcg_slab_free_hook(struct kmem_cache *s, struct slab *slab, void *obj);
void memcg_free_slab_obj_exts(struct slab *slab);

/* mm/slub_debug.c: reports, checks and owner tracking of debug caches */
extern slab_flags_t slub_debug;
slab_flags_t kmem_cache_flags(slab_flags_t flags, const char *name);
void setup_object_debug(struct kmem_cache *s, void *object);
bool alloc_debug_processing(struct kmem_cache *s, struct slab *slab, void *object,
			    int orig_size, unsigned long caller);
bool free_debug_processing(struct kmem_cache *s, struct slab *slab, void *object,
			   unsigned long caller);
void object_err(struct kmem_cache *s, struct slab *slab, const void *object,
		const char *reason);
__printf(3, 4) void slab_err(struct kmem_cache *s, struct slab *slab, const char *fmt, ...);
void list_slab_objects(struct kmem_cache *s, struct slab *slab, const char *text);
long validate_slab_cache(struct kmem_cache *s);
unsigned int debug_metadata_size(struct kmem_cache *s);
bool slab_add_kunit_errors(void);
bool slab_in_kunit_test(void);

#endif /* _MM_SLAB_H */
