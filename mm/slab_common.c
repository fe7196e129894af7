// SPDX-License-Identifier: MIT
/*
 * What every slab cache shares: the registry of caches (creation with the kernel's checks,
 * alignment and merging rules; destruction with its report of objects left), the kmalloc caches
 * and kmalloc()'s size classes, and the kmalloc helpers built on ksize().
 */
#include <linux/slab.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/cache.h>
#include <linux/log2.h>
#include <linux/kasan.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/hardirq.h>
#include <linux/init.h>
#include <linux/export.h>

#include "arch/host/host.h"
#include "init/boot.h"
#include "mm/slab.h"
#include "mm/slab_proc.h"
#include "mm/slub_fastpath.h"

LIST_HEAD(slab_caches);
/* Guards slab_caches and cache creation; fork() holds it (mm/slub.c). */
struct host_mutex slab_mutex;
enum slab_state slab_state;

/* The cache of struct kmem_cache itself, made from static storage at boot. */
static struct kmem_cache kmem_cache_boot;
struct kmem_cache *kmem_cache;

static bool slab_nomerge;

/* Caches never merged, and flags two merged caches must share (the kernel's sets). */
#define SLAB_NEVER_MERGE (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_TRACE | \
			  SLAB_TYPESAFE_BY_RCU | SLAB_NOLEAKTRACE | SLAB_FAILSLAB | SLAB_NO_MERGE)
#define SLAB_MERGE_SAME (SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA | SLAB_CACHE_DMA32 | SLAB_ACCOUNT)

/* What a caller may ask for (CACHE_CREATE_MASK). */
#define SLAB_CORE_FLAGS (SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_CACHE_DMA32 | SLAB_PANIC | \
			 SLAB_TYPESAFE_BY_RCU | SLAB_DEBUG_OBJECTS | SLAB_NOLEAKTRACE | \
			 SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT | SLAB_NO_USER_FLAGS | SLAB_KMALLOC | \
			 SLAB_NO_MERGE)
#define SLAB_CACHE_FLAGS (SLAB_NOLEAKTRACE | SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT | \
			  SLAB_NO_USER_FLAGS | SLAB_FAILSLAB | SLAB_KASAN | SLAB_SKIP_KFENCE)
#define CACHE_CREATE_MASK (SLAB_CORE_FLAGS | SLAB_DEBUG_FLAGS | SLAB_CACHE_FLAGS)

static int __init setup_slab_nomerge(char *str)
{
	slab_nomerge = true;
	return 1;
}
__setup_param("slab_nomerge", slab_nomerge_param, setup_slab_nomerge, 0);
__setup_param("slub_nomerge", slub_nomerge_param, setup_slab_nomerge, 0);

static int __init setup_slab_merge(char *str)
{
	slab_nomerge = false;
	return 1;
}
__setup_param("slab_merge", slab_merge_param, setup_slab_merge, 0);
__setup_param("slub_merge", slub_merge_param, setup_slab_merge, 0);

/**
 * kmem_cache_size - the object size of @s
 * @s: the cache
 */
unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}
EXPORT_SYMBOL(kmem_cache_size);

/**
 * kmem_cache_name - the name of @s
 * @s: the cache
 */
const char *kmem_cache_name(struct kmem_cache *s)
{
	return s->name;
}
EXPORT_SYMBOL(kmem_cache_name);

/* The kernel's CONFIG_DEBUG_VM checks on a new cache. */
static int kmem_cache_sanity_check(const char *name, unsigned int size)
{
	struct kmem_cache *s;

	if (!name || in_interrupt() || size > KMALLOC_MAX_SIZE) {
		pr_err("kmem_cache_create(%s) integrity check failed\n", name);
		return -EINVAL;
	}
	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name))
			WARN(1, "kmem_cache of name '%s' already exists\n", name);
	WARN_ON(strchr(name, ' '));
	return 0;
}

static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = cache_line_size();

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)ARCH_SLAB_MINALIGN);
	return ALIGN(align, sizeof(void *));
}

/* A compatible existing cache for a new one, as the kernel's find_mergeable(). */
static struct kmem_cache *find_mergeable(unsigned int size, unsigned int align,
					 slab_flags_t flags, struct kmem_cache_args *args)
{
	struct kmem_cache *s;

	if (slab_nomerge || args->ctor || args->usersize || (flags & SLAB_NEVER_MERGE))
		return NULL;
	size = ALIGN(size, sizeof(void *));
	align = calculate_alignment(flags, align, size);
	size = ALIGN(size, align);
	list_for_each_entry_reverse(s, &slab_caches, list) {
		/* Hardened usercopy: a cache with a usercopy region (kmalloc's too) stays apart. */
		if ((s->flags & SLAB_NEVER_MERGE) || s->ctor || s->usersize)
			continue;
		if (s->refcount < 0 || s->destroyed)
			continue;
		if (size > s->size)
			continue;
		if ((flags & SLAB_MERGE_SAME) != (s->flags & SLAB_MERGE_SAME))
			continue;
		if ((s->size & ~(align - 1)) != s->size)
			continue;
		if (s->size - size >= sizeof(void *))
			continue;
		return s;
	}
	return NULL;
}

/* Set up @s (zeroed) as a cache and put it on slab_caches. slab_mutex held. */
static int create_cache(struct kmem_cache *s, const char *name, unsigned int object_size,
			struct kmem_cache_args *args, slab_flags_t flags)
{
	int err;

	if (args->use_freeptr_offset &&
	    (args->freeptr_offset >= object_size || !(flags & SLAB_TYPESAFE_BY_RCU) ||
	     !IS_ALIGNED(args->freeptr_offset, sizeof(void *))))
		return -EINVAL;
	s->align = calculate_alignment(flags, args->align, object_size);
	s->ctor = args->ctor;
	s->useroffset = args->useroffset;
	s->usersize = args->usersize;
	err = do_kmem_cache_create(s, name, object_size, args, flags);
	if (err)
		return err;
	list_add(&s->list, &slab_caches);
	/* A cache without its /sys/kernel/slab files still works; say so, as the kernel does. */
	err = sysfs_slab_add(s);
	if (err && err != -EEXIST)
		pr_err("SLUB: Unable to add cache %s to sysfs\n", s->name);
	return 0;
}

/**
 * __kmem_cache_create_args - create a kmem cache (what every kmem_cache_create() form calls)
 * @name: a name for /proc/slabinfo and reports (copied unless it is constant data)
 * @object_size: the object size
 * @args: alignment, usercopy region, free pointer offset, constructor
 * @flags: SLAB_* flags
 *
 * May return an existing compatible cache (merging), as the kernel does, unless the flags,
 * a constructor or a usercopy region forbid it or slab_nomerge is set.
 *
 * Return: the cache, or NULL on failure (reported; SLAB_PANIC panics).
 */
struct kmem_cache *__kmem_cache_create_args(const char *name, unsigned int object_size,
					    struct kmem_cache_args *args, slab_flags_t flags)
{
	struct kmem_cache *s = NULL;
	const char *cache_name;
	int err;

	krt_ensure_booted();
	host_mutex_lock(&slab_mutex);
	err = kmem_cache_sanity_check(name, object_size);
	if (err)
		goto out_unlock;
	/* Flags a caller may not pass. */
	if (flags & ~CACHE_CREATE_MASK) {
		err = -EINVAL;
		goto out_unlock;
	}
	flags = kmem_cache_flags(flags, name);
	if (WARN_ON(!args->usersize && args->useroffset) ||
	    WARN_ON(object_size < args->usersize ||
		    object_size - args->usersize < args->useroffset))
		args->usersize = args->useroffset = 0;

	s = find_mergeable(object_size, args->align, flags, args);
	if (s) {
		s->refcount++;
		s->object_size = max(s->object_size, object_size);
		s->inuse = max(s->inuse, ALIGN(object_size, sizeof(void *)));
		goto out_unlock;
	}
	cache_name = kstrdup_const(name, GFP_KERNEL);
	if (!cache_name) {
		err = -ENOMEM;
		goto out_unlock;
	}
	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!s) {
		kfree_const(cache_name);
		err = -ENOMEM;
		goto out_unlock;
	}
	err = create_cache(s, cache_name, object_size, args, flags);
	if (err) {
		kmem_cache_free(kmem_cache, s);
		kfree_const(cache_name);
		s = NULL;
	}
out_unlock:
	host_mutex_unlock(&slab_mutex);
	if (err) {
		if (flags & SLAB_PANIC)
			panic("%s: Failed to create slab '%s'. Error %d\n", __func__, name, err);
		pr_warn("%s(%s) failed with error %d\n", __func__, name, err);
		dump_stack();
		return NULL;
	}
	return s;
}
EXPORT_SYMBOL(__kmem_cache_create_args);

/**
 * kmem_cache_destroy - destroy a cache
 * @s: the cache (NULL is ignored)
 *
 * A merged cache only loses a user. Objects still allocated are reported (the SLUB report
 * "Objects remaining on __kmem_cache_shutdown()" and the kernel's WARN) and the cache is then
 * leaked on purpose, with its objects, as the kernel does.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	bool rcu;
	int err;

	if (unlikely(!s))
		return;
	rcu = s->flags & SLAB_TYPESAFE_BY_RCU;
	/* kfree_rcu() of this cache's objects must be done before they are looked for. */
	rcu_barrier();
	host_mutex_lock(&slab_mutex);
	if (WARN_ON(s->refcount <= 0 || s->destroyed)) {
		host_mutex_unlock(&slab_mutex);
		return;
	}
	if (--s->refcount) {
		host_mutex_unlock(&slab_mutex);
		return;
	}
	sysfs_slab_remove(s);
	err = __kmem_cache_shutdown(s);
	if (!slab_in_kunit_test())
		WARN(err, "%s %s: Slab cache still has objects when called from %pS", __func__,
		     s->name, (void *)_RET_IP_);
	list_del(&s->list);
	if (err) {
		/* The cache and its name stay allocated for good, as the kernel leaks them. */
		s->destroyed = true;
		atomic_long_add(virt_addr_valid(s->name) ? 2 : 1, &slab_leaked_objects);
	}
	host_mutex_unlock(&slab_mutex);
	if (err)
		return;
	/* Slabs freed after a grace period still name the cache. */
	if (rcu)
		rcu_barrier();
	__kmem_cache_release(s);
	kfree_const(s->name);
	kmem_cache_free(kmem_cache, s);
}
EXPORT_SYMBOL(kmem_cache_destroy);

/**
 * kmem_cache_shrink - give the page allocator every empty slab of @s
 * @s: the cache
 *
 * Every thread's free objects of @s go back to their slabs first (the kernel's flush_all()).
 *
 * Return: 0 if no slab is left, non-zero otherwise.
 */
int kmem_cache_shrink(struct kmem_cache *s)
{
	return __kmem_cache_shrink(s);
}
EXPORT_SYMBOL(kmem_cache_shrink);

/**
 * kmem_cache_charge - charge an object to the current memory cgroup after allocation
 * @objp: an object allocated without accounting
 * @gfpflags: how the charge may reclaim or fail (as for an allocation)
 *
 * As the kernel's: an object already charged stays as it is, and objects of the plain
 * kmalloc-* caches are never charged (their charge vector could come from the very slab it
 * describes, which would then never become free). A large kmalloc is charged by its pages.
 *
 * Return: true if the object is charged (or needs no charge), false if the charge failed.
 */
bool kmem_cache_charge(void *objp, gfp_t gfpflags)
{
	struct folio *folio;
	struct slab *slab;
	struct kmem_cache *s;

	if (mem_cgroup_disabled() || !memcg_kmem_online())
		return true;
	folio = virt_to_folio(objp);
	if (!folio_test_slab(folio)) {
		if (folio_memcg_kmem(folio))
			return true;
		return !__memcg_kmem_charge_page(folio_page(folio, 0), gfpflags,
						 folio_order(folio));
	}
	slab = folio_slab(folio);
	s = slab->slab_cache;
	if (is_kmalloc_cache(s) &&
	    !(s->flags & (SLAB_CACHE_DMA | SLAB_ACCOUNT | SLAB_RECLAIM_ACCOUNT)))
		return true;
	if (mem_cgroup_from_slab_obj(objp))
		return true;
	return memcg_slab_post_alloc_hook(s, gfpflags, objp);
}
EXPORT_SYMBOL(kmem_cache_charge);

/* ------------------------------------------------------------------------------------------ */
/* kmalloc */

kmem_buckets kmalloc_caches[NR_KMALLOC_TYPES];
EXPORT_SYMBOL(kmalloc_caches);

/* The index of the kmalloc cache for sizes up to 192, by (size - 1) / 8. */
static const u8 kmalloc_size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6, 1, 1, 1, 1, 7, 7, 7, 7, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* The index of the kmalloc cache serving @size (1 ... KMALLOC_MAX_CACHE_SIZE). */
static __always_inline unsigned int kmalloc_index_of(size_t size)
{
	if (size <= 192)
		return kmalloc_size_index[(size - 1) / 8];
	return fls(size - 1);
}

static const char *const kmalloc_names[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1] = {
#define KMALLOC_NAMES(prefix) {							\
	[1] = prefix "96", [2] = prefix "192", [3] = prefix "8", [4] = prefix "16",	\
	[5] = prefix "32", [6] = prefix "64", [7] = prefix "128", [8] = prefix "256",	\
	[9] = prefix "512", [10] = prefix "1k", [11] = prefix "2k", [12] = prefix "4k",	\
	[13] = prefix "8k" }
	[KMALLOC_NORMAL] = KMALLOC_NAMES("kmalloc-"),
	[KMALLOC_RECLAIM] = KMALLOC_NAMES("kmalloc-rcl-"),
	[KMALLOC_DMA] = KMALLOC_NAMES("dma-kmalloc-"),
	[KMALLOC_CGROUP] = KMALLOC_NAMES("kmalloc-cg-"),
#undef KMALLOC_NAMES
};

static const slab_flags_t kmalloc_type_flags[NR_KMALLOC_TYPES] = {
	[KMALLOC_NORMAL] = 0,
	[KMALLOC_RECLAIM] = SLAB_RECLAIM_ACCOUNT,
	[KMALLOC_DMA] = SLAB_CACHE_DMA,
	[KMALLOC_CGROUP] = SLAB_ACCOUNT,
};

/* The size of the objects of kmalloc cache @idx. */
static unsigned int kmalloc_index_size(unsigned int idx)
{
	return idx == 1 ? 96 : idx == 2 ? 192 : 1U << idx;
}

/**
 * kmalloc_slab - the kmalloc cache for @size bytes with @flags
 * @size: 1 ... KMALLOC_MAX_CACHE_SIZE
 * @flags: GFP flags (the cache type: DMA, reclaimable, accounted)
 */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	return kmalloc_caches[kmalloc_type(flags)][kmalloc_index_of(size)];
}

/* The first use of krt may be a kmalloc(): boot, then find the cache. */
static noinline struct kmem_cache *kmalloc_slab_boot(size_t size, gfp_t flags)
{
	struct kmem_cache *s;

	krt_ensure_booted();
	s = kmalloc_caches[kmalloc_type(flags)][kmalloc_index_of(size)];
	WARN_ONCE(!s, "kmalloc(%zu) while the slab allocator is being set up\n", size);
	return s;
}

static __always_inline void *__do_kmalloc_node(size_t size, gfp_t flags, int node,
					       unsigned long caller)
{
	struct kmem_cache *s;

	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return slab_alloc_large(size, flags, node, caller);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	s = kmalloc_caches[kmalloc_type(flags)][kmalloc_index_of(size)];
	if (unlikely(!s))
		s = kmalloc_slab_boot(size, flags);
	if (unlikely(!s))
		return NULL;
	return slab_alloc_fast(s, flags, size, caller, true);
}

/**
 * __kmalloc_noprof - allocate @size bytes (kmalloc())
 * @size: bytes (0 gives ZERO_SIZE_PTR)
 * @flags: GFP flags
 *
 * Return: the memory, aligned to at least ARCH_KMALLOC_MINALIGN and naturally for
 * power-of-two sizes, or NULL.
 */
void *__kmalloc_noprof(size_t size, gfp_t flags)
{
	return __do_kmalloc_node(size, flags, NUMA_NO_NODE, _RET_IP_);
}
EXPORT_SYMBOL(__kmalloc_noprof);

/**
 * __kmalloc_node_noprof - allocate @size bytes on @node (kmalloc_node())
 * @size: bytes
 * @flags: GFP flags
 * @node: the node (krt has one)
 *
 * Return: the memory, or NULL.
 */
void *__kmalloc_node_noprof(size_t size, gfp_t flags, int node)
{
	return __do_kmalloc_node(size, flags, node, _RET_IP_);
}
EXPORT_SYMBOL(__kmalloc_node_noprof);

/**
 * __kmalloc_node_track_caller_noprof - kmalloc() recording @caller as the allocation site
 * @size: bytes
 * @flags: GFP flags
 * @node: the node
 * @caller: the allocation site to record
 *
 * Return: the memory, or NULL.
 */
void *__kmalloc_node_track_caller_noprof(size_t size, gfp_t flags, int node,
					 unsigned long caller)
{
	return __do_kmalloc_node(size, flags, node, caller);
}
EXPORT_SYMBOL(__kmalloc_node_track_caller_noprof);

/**
 * kmalloc_size_roundup - the size kmalloc() would really allocate for @size
 * @size: the request
 *
 * Return: 0 for 0; the kmalloc cache's object size up to KMALLOC_MAX_CACHE_SIZE; whole pages
 * up to KMALLOC_MAX_SIZE; @size itself beyond.
 */
size_t kmalloc_size_roundup(size_t size)
{
	if (size && size <= KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_index_size(kmalloc_index_of(size));
	if (size && size <= KMALLOC_MAX_SIZE)
		return PAGE_SIZE << get_order(size);
	return size;
}
EXPORT_SYMBOL(kmalloc_size_roundup);

/**
 * krealloc_noprof - resize memory from kmalloc() (krealloc())
 * @p: the object, or NULL / ZERO_SIZE_PTR (then this is kmalloc())
 * @new_size: the new size (0 frees @p and returns ZERO_SIZE_PTR)
 * @flags: GFP flags
 *
 * The object is kept when it is large enough already (the bytes past @new_size are zeroed
 * with __GFP_ZERO); otherwise a new one gets ksize(@p) bytes of it and @p is freed.
 *
 * Return: the object, or NULL with @p untouched.
 */
void *krealloc_noprof(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks = 0;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (likely(!ZERO_OR_NULL_PTR(p))) {
		if (unlikely(!kmalloc_object_live(p))) {
			slab_bad_pointer("krealloc", p, _RET_IP_);
			return NULL;
		}
		ks = ksize(p);
		if (ks >= new_size) {
			/* The spare bytes are zeroed, then only @new_size is accessible. */
			if (flags & __GFP_ZERO) {
				kasan_unpoison_range(p, ks, true);
				memset((char *)p + new_size, 0, ks - new_size);
			}
			kasan_krealloc(p, new_size, ks);
			return (void *)p;
		}
	}
	ret = __kmalloc_node_track_caller_noprof(new_size, flags, NUMA_NO_NODE, _RET_IP_);
	if (ret && ks) {
		/* What was asked for of ksize(): the rest is the sanitizers' red zone. */
		memcpy(ret, p, kasan_accessible_size(p, ks));
		kfree(p);
	}
	return ret;
}
EXPORT_SYMBOL(krealloc_noprof);

/**
 * kfree_sensitive - clear an object's memory (all ksize() bytes), then free it
 * @p: the object (NULL and ZERO_SIZE_PTR are ignored)
 */
void kfree_sensitive(const void *p)
{
	size_t ks = ksize(p);

	if (ks) {
		kasan_unpoison_range(p, ks, true);
		memzero_explicit((void *)p, ks);
	}
	kfree(p);
}
EXPORT_SYMBOL(kfree_sensitive);

/* ------------------------------------------------------------------------------------------ */
/* Boot */

static struct kmem_cache *create_boot_cache(struct kmem_cache *s, const char *name,
					    unsigned int size, slab_flags_t flags,
					    unsigned int useroffset, unsigned int usersize)
{
	struct kmem_cache_args args = {
		.align = (size && is_power_of_2(size)) ? size : ARCH_KMALLOC_MINALIGN,
		.useroffset = useroffset,
		.usersize = usersize,
	};

	flags = kmem_cache_flags(flags, name);
	if (flags & SLAB_HWCACHE_ALIGN)
		args.align = 0;
	if (create_cache(s, name, size, &args, flags))
		panic("Creation of kmalloc slab %s size=%u failed.\n", name, size);
	return s;
}

/**
 * kmem_cache_init - create the kmem_cache cache and the kmalloc caches (boot)
 *
 * Called by mm_core_init() once the page allocator works, before anything may kmalloc().
 */
void __init kmem_cache_init(void)
{
	unsigned int type, idx, size;

	slab_drain_init();
	host_mutex_lock(&slab_mutex);
	kmem_cache = create_boot_cache(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache),
				       SLAB_HWCACHE_ALIGN, 0, 0);
	slab_state = PARTIAL;
	for (type = KMALLOC_NORMAL; type < NR_KMALLOC_TYPES; type++) {
		for (idx = 1; idx <= KMALLOC_SHIFT_HIGH; idx++) {
			struct kmem_cache *s;

			/* As the kernel: no 96 with a minimum of 64, no 192 with one of 128. */
			if ((idx == 1 && KMALLOC_MIN_SIZE >= 64) ||
			    (idx == 2 && KMALLOC_MIN_SIZE >= 128))
				continue;
			if (idx < KMALLOC_SHIFT_LOW && idx > 2)
				continue;
			s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
			if (!s)
				panic("Out of memory when creating the kmalloc caches\n");
			size = kmalloc_index_size(idx);
			kmalloc_caches[type][idx] = create_boot_cache(s, kmalloc_names[type][idx],
				size, SLAB_KMALLOC | kmalloc_type_flags[type], 0, size);
		}
	}
	slab_state = UP;
	host_mutex_unlock(&slab_mutex);
}
