// SPDX-License-Identifier: MIT
/*
 * PROVISIONAL kmalloc: kernel objects from the host heap, until krt's slab allocator replaces
 * this file behind the same API (<linux/slab.h>).
 *
 * Each object is a host allocation of its size class (ksize()), aligned like the kernel's
 * (naturally for power-of-two sizes, and to at least 16 bytes), so AddressSanitizer still sees
 * use-after-free of kmalloc objects.
 *
 * Bad frees must be harmless, so krt never trusts a pointer it is given: an object map keeps
 * one state byte per 16-byte granule of the address space the heap uses (allocated in 256 MiB
 * regions on first use, 1/16 of the memory it describes): the size class of the live object
 * that starts there, or the class it had when it was freed. kfree() moves the byte from live to
 * freed with one compare-and-swap, so a double free (also a racing one) or a pointer that is no
 * object's start is reported and refused without reading the memory it points to. Objects of
 * neighbouring addresses share the map's cache lines, and nothing takes a lock.
 */
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/log2.h>
#include <linux/cache.h>
#include <linux/init.h>
#include <linux/export.h>
#include <krt/leak.h>

#include "arch/host/host.h"
#include "mm/kmalloc_host.h"

#define KMAP_GRANULE_SHIFT	4
#define KMAP_GRANULE		(1UL << KMAP_GRANULE_SHIFT)
#define KMAP_REGION_SHIFT	28
#define KMAP_ADDR_BITS		47	/* x86-64 user addresses */
#define KMAP_NR_REGIONS		(1UL << (KMAP_ADDR_BITS - KMAP_REGION_SHIFT))
#define KMAP_REGION_SLOTS	(1UL << (KMAP_REGION_SHIFT - KMAP_GRANULE_SHIFT))

/* A state byte: 0 = no object starts here; else a size class, with KS_FREED once freed. */
#define KS_FREED		0x80
#define KS_CLASS_MASK		0x3f
#define KS_HUGE			0x3f	/* above KMALLOC_MAX_SIZE: size in huge_list */

static u8 *kmap_regions[KMAP_NR_REGIONS];

/* The size classes, indexed by state byte: the kmalloc caches, then large kmalloc orders. */
static const unsigned long kmalloc_classes[] = {
	0, 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
	16384, 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4194304,
};

static_assert(ARRAY_SIZE(kmalloc_classes) - 1 < KS_HUGE);

/* kvmalloc's objects beyond KMALLOC_MAX_SIZE: few and big, kept in a plain list. */
struct huge_obj {
	unsigned long addr;
	size_t size;
	struct huge_obj *next;
};

DEFINE_HOST_MUTEX_FORK_SAFE(huge_lock);
static struct huge_obj *huge_list;

/* Live objects, counted in per-thread-group shards so that counting does not bounce. */
struct kcount {
	long n;
} ____cacheline_aligned;

#define NR_KCOUNT 16
static struct kcount kmalloc_count[NR_KCOUNT];
static unsigned int kcount_next;
static __thread unsigned int kcount_idx __attribute__((tls_model("initial-exec")));

static inline void kcount_add(long d)
{
	unsigned int i = kcount_idx;

	if (unlikely(!i)) {
		i = __atomic_add_fetch(&kcount_next, 1, __ATOMIC_RELAXED) % NR_KCOUNT + 1;
		kcount_idx = i;
	}
	__atomic_fetch_add(&kmalloc_count[i - 1].n, d, __ATOMIC_RELAXED);
}

/* The state byte for @addr; NULL if no object can start there (or, with @create, no memory). */
static u8 *kmap_slot(unsigned long addr, bool create)
{
	unsigned long r = addr >> KMAP_REGION_SHIFT;
	u8 *region, *fresh;

	if ((addr & (KMAP_GRANULE - 1)) || r >= KMAP_NR_REGIONS)
		return NULL;
	region = __atomic_load_n(&kmap_regions[r], __ATOMIC_ACQUIRE);
	if (unlikely(!region)) {
		if (!create)
			return NULL;
		/* Zeroed host memory: only the pages that get used are ever touched. */
		fresh = host_zalloc(KMAP_REGION_SLOTS);
		if (!fresh)
			return NULL;
		if (__atomic_compare_exchange_n(&kmap_regions[r], &region, fresh, false,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			region = fresh;
		else
			host_free(fresh);
	}
	return &region[(addr & ((1UL << KMAP_REGION_SHIFT) - 1)) >> KMAP_GRANULE_SHIFT];
}

static size_t huge_size(unsigned long addr, bool remove)
{
	struct huge_obj **pp, *h;
	size_t size = 0;

	host_mutex_lock(&huge_lock);
	for (pp = &huge_list; (h = *pp); pp = &h->next) {
		if (h->addr == addr) {
			size = h->size;
			if (remove)
				*pp = h->next;
			break;
		}
	}
	host_mutex_unlock(&huge_lock);
	if (size && remove)
		host_free(h);
	return size;
}

static bool huge_add(unsigned long addr, size_t size)
{
	struct huge_obj *h = host_alloc(sizeof(*h));

	if (!h)
		return false;
	h->addr = addr;
	h->size = size;
	host_mutex_lock(&huge_lock);
	h->next = huge_list;
	huge_list = h;
	host_mutex_unlock(&huge_lock);
	return true;
}

static inline size_t class_size(u8 state, unsigned long addr)
{
	unsigned int cls = state & KS_CLASS_MASK;

	if (cls == KS_HUGE)
		return huge_size(addr, false);
	return kmalloc_classes[cls];
}

/* The size class of a live object, 0 if @addr is not one. */
static size_t kmap_live_size(unsigned long addr)
{
	u8 *slot = kmap_slot(addr, false);
	u8 state;

	if (!slot)
		return 0;
	state = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (!(state & KS_CLASS_MASK) || (state & KS_FREED))
		return 0;
	return class_size(state, addr);
}

/* Report a free of @addr, which is not a live object (@state: what the map says). */
static void kfree_bad(const char *fn, unsigned long addr, u8 state, unsigned long ip)
{
	if (state & KS_FREED) {
		unsigned int cls = state & KS_CLASS_MASK;

		WARN(1, "%s: double free of object %px (size %lu), called from %pS\n", fn,
		     (void *)addr, cls == KS_HUGE ? 0UL : kmalloc_classes[cls], (void *)ip);
	} else {
		WARN(1, "%s: invalid pointer %px (not an object from kmalloc), called from %pS\n",
		     fn, (void *)addr, (void *)ip);
	}
}

/*
 * Mark @addr free in the map. Returns its size class, or 0 (after reporting, as @fn) when it
 * is not a live object.
 */
static size_t kmap_free(const char *fn, unsigned long addr, unsigned long ip)
{
	u8 *slot = kmap_slot(addr, false);
	u8 state;

	if (unlikely(!slot)) {
		kfree_bad(fn, addr, 0, ip);
		return 0;
	}
	state = __atomic_load_n(slot, __ATOMIC_RELAXED);
	do {
		if (unlikely(!(state & KS_CLASS_MASK) || (state & KS_FREED))) {
			kfree_bad(fn, addr, state, ip);
			return 0;
		}
	} while (!__atomic_compare_exchange_n(slot, &state, state | KS_FREED, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	if ((state & KS_CLASS_MASK) == KS_HUGE)
		return huge_size(addr, true);
	return kmalloc_classes[state & KS_CLASS_MASK];
}

/* The size class the kernel's kmalloc would serve @size from (@size > 0). */
static size_t kmalloc_bucket(size_t size)
{
	size_t pages;

	if (size > 64 && size <= 96)
		return 96;
	if (size > 128 && size <= 192)
		return 192;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_MIN_SIZE;
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return roundup_pow_of_two(size);
	/* Large kmalloc: whole pages, a power-of-two number of them (an order). */
	pages = DIV_ROUND_UP(size, PAGE_SIZE);
	if (size <= KMALLOC_MAX_SIZE)
		return roundup_pow_of_two(pages) * PAGE_SIZE;
	/* Beyond kmalloc (kvmalloc's vmalloc range): page granular. */
	return pages * PAGE_SIZE;
}

static unsigned int kmalloc_class_index(size_t bucket)
{
	unsigned int i;

	for (i = 1; i < ARRAY_SIZE(kmalloc_classes); i++)
		if (kmalloc_classes[i] == bucket)
			return i;
	return KS_HUGE;
}

/*
 * Natural alignment: the largest power of two dividing the size class (pages beyond
 * kmalloc's range), and at least the object map's granule.
 */
static size_t kmalloc_align(size_t bucket)
{
	size_t align = bucket & -bucket;

	if (bucket > KMALLOC_MAX_SIZE)
		align = PAGE_SIZE;
	return max_t(size_t, align, KMAP_GRANULE);
}

/**
 * kmalloc_size_roundup - the size kmalloc() would really give for @size
 * @size: a request size
 *
 * Return: the size class (ksize() of such an object), 0 for 0, and @size itself when it is
 * too large for kmalloc.
 */
size_t kmalloc_size_roundup(size_t size)
{
	if (size && size <= KMALLOC_MAX_SIZE)
		return kmalloc_bucket(size);
	return size;
}
EXPORT_SYMBOL(kmalloc_size_roundup);

static void kmalloc_fail_report(size_t size, size_t bucket, gfp_t flags)
{
	if (flags & __GFP_NOWARN)
		return;
	pr_warn("%s: page allocation failure: order:%u, mode:%#x, nodemask=(null)\n",
		current->comm,
		(unsigned int)ilog2(roundup_pow_of_two(DIV_ROUND_UP(bucket, PAGE_SIZE))),
		(unsigned int)flags);
	pr_warn("krt: the host could not provide %zu bytes for kmalloc(%zu)\n", bucket, size);
	dump_stack();
}

/*
 * The allocation behind every kmalloc-family call. @huge admits sizes above KMALLOC_MAX_SIZE
 * (kvmalloc's vmalloc range).
 */
static void *kmalloc_host(size_t size, gfp_t flags, bool huge)
{
	unsigned int cls;
	size_t bucket;
	u8 *slot;
	void *p;

	/* As __do_kmalloc_node(): a zero-size request returns before the allocation hooks. */
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	might_alloc(flags);
	if (unlikely(size > KMALLOC_MAX_SIZE && !huge)) {
		/* The page allocator's order > MAX_PAGE_ORDER check (WARN_ON_ONCE_GFP). */
		if (!(flags & __GFP_NOWARN))
			WARN_ON_ONCE(1);
		return NULL;
	}

	bucket = kmalloc_bucket(size);
	for (;;) {
		p = host_aligned_alloc(kmalloc_align(bucket), bucket);
		if (likely(p))
			break;
		if (!(flags & __GFP_NOFAIL) || !gfpflags_allow_blocking(flags)) {
			kmalloc_fail_report(size, bucket, flags);
			return NULL;
		}
		/* __GFP_NOFAIL: wait for memory. */
		schedule_timeout_uninterruptible(1);
	}
	cls = kmalloc_class_index(bucket);
	slot = kmap_slot((unsigned long)p, true);
	if (unlikely(!slot || (cls == KS_HUGE && !huge_add((unsigned long)p, bucket)))) {
		host_free(p);
		kmalloc_fail_report(size, bucket, flags);
		return NULL;
	}
	if (flags & __GFP_ZERO)
		memset(p, 0, bucket);
	__atomic_store_n(slot, (u8)cls, __ATOMIC_RELEASE);
	kcount_add(1);
	return p;
}

/**
 * __kmalloc_noprof - allocate @size bytes (kmalloc())
 * @size: bytes wanted
 * @flags: GFP flags
 */
void *__kmalloc_noprof(size_t size, gfp_t flags)
{
	return kmalloc_host(size, flags, false);
}
EXPORT_SYMBOL(__kmalloc_noprof);

/**
 * __kmalloc_node_noprof - kmalloc() on a NUMA node (krt has one node)
 * @size: bytes wanted
 * @flags: GFP flags
 * @node: ignored
 */
void *__kmalloc_node_noprof(size_t size, gfp_t flags, int node)
{
	return kmalloc_host(size, flags, false);
}
EXPORT_SYMBOL(__kmalloc_node_noprof);

/**
 * __kmalloc_node_track_caller_noprof - kmalloc() on behalf of @caller
 * @size: bytes wanted
 * @flags: GFP flags
 * @node: ignored
 * @caller: the allocation site to blame (unused by this allocator, kept for the API)
 */
void *__kmalloc_node_track_caller_noprof(size_t size, gfp_t flags, int node,
					 unsigned long caller)
{
	return kmalloc_host(size, flags, false);
}
EXPORT_SYMBOL(__kmalloc_node_track_caller_noprof);

/**
 * krt_kvmalloc_host - kvmalloc()'s allocation
 * @size: bytes wanted
 * @flags: GFP flags
 * @caller: the allocation site (unused by this allocator)
 *
 * Like kmalloc, and also beyond KMALLOC_MAX_SIZE: the host heap serves both ranges, so
 * kvmalloc() in mm/util.c needs no vmalloc of its own.
 *
 * Return: the memory, ZERO_SIZE_PTR for a @size of 0, or NULL.
 */
void *krt_kvmalloc_host(size_t size, gfp_t flags, unsigned long caller)
{
	return kmalloc_host(size, flags, true);
}

/**
 * kfree - free memory from kmalloc()
 * @objp: the object, or NULL / ZERO_SIZE_PTR (which are ignored)
 *
 * Freeing a pointer that is not a live kmalloc object (never allocated, not an object's start,
 * or already freed) is reported with a warning and otherwise ignored.
 */
void kfree(const void *objp)
{
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	if (unlikely(!kmap_free(__func__, (unsigned long)objp, _RET_IP_)))
		return;
	kcount_add(-1);
	host_free((void *)objp);
}
EXPORT_SYMBOL(kfree);

/**
 * kfree_bulk - free many kmalloc objects at once
 * @size: number of objects
 * @p: their addresses (NULL and ZERO_SIZE_PTR entries are skipped)
 *
 * This is how kfree_rcu() batches are freed. Bad entries are reported one by one.
 */
void kfree_bulk(size_t size, void **p)
{
	unsigned long ip = _RET_IP_;
	long freed = 0;
	size_t i;

	for (i = 0; i < size; i++) {
		if (unlikely(ZERO_OR_NULL_PTR(p[i])))
			continue;
		if (unlikely(!kmap_free(__func__, (unsigned long)p[i], ip)))
			continue;
		host_free(p[i]);
		freed++;
	}
	kcount_add(-freed);
}
EXPORT_SYMBOL(kfree_bulk);

/**
 * ksize - the usable size of a kmalloc object
 * @objp: the object
 *
 * Return: its size class (e.g. 96 for kmalloc(70)); 0 for NULL and ZERO_SIZE_PTR. Prefer
 * kmalloc_size_roundup() before allocating to using more than was asked for.
 */
size_t ksize(const void *objp)
{
	size_t size;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	size = kmap_live_size((unsigned long)objp);
	WARN(!size, "ksize: %px is not a live kmalloc object\n", objp);
	return size;
}
EXPORT_SYMBOL(ksize);

/**
 * krealloc_noprof - resize a kmalloc object (krealloc())
 * @p: the object, or NULL / ZERO_SIZE_PTR (then this is kmalloc())
 * @new_size: the size wanted; 0 frees @p and returns ZERO_SIZE_PTR
 * @flags: GFP flags
 *
 * When the object's size class already holds @new_size, @p is returned (and with __GFP_ZERO
 * the bytes past @new_size are cleared). Otherwise the contents move to a new object; on
 * failure NULL is returned and @p is left alone.
 */
void *krealloc_noprof(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ZERO_OR_NULL_PTR(p))
		return kmalloc_host(new_size, flags, false);

	ks = kmap_live_size((unsigned long)p);
	if (unlikely(!ks)) {
		WARN(1, "krealloc: %px is not a live kmalloc object\n", p);
		return NULL;
	}
	if (ks >= new_size) {
		if (flags & __GFP_ZERO)
			memset((char *)p + new_size, 0, ks - new_size);
		return (void *)p;
	}
	ret = kmalloc_host(new_size, flags, false);
	if (!ret)
		return NULL;
	memcpy(ret, p, ks);
	kfree(p);
	return ret;
}
EXPORT_SYMBOL(krealloc_noprof);

/**
 * kfree_sensitive - clear an object's memory, then kfree() it
 * @p: the object (NULL and ZERO_SIZE_PTR are ignored)
 *
 * The whole size class is cleared, not just what was asked for.
 */
void kfree_sensitive(const void *p)
{
	size_t ks;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	ks = kmap_live_size((unsigned long)p);
	if (ks)
		memzero_explicit((void *)p, ks);
	kfree(p);
}
EXPORT_SYMBOL(kfree_sensitive);

/**
 * krt_kmalloc_is_object - is @p a live kmalloc object?
 * @p: any pointer
 *
 * kfree_const() frees only those.
 *
 * Return: true if @p is the start of an object that has not been freed; false otherwise,
 * including for NULL and ZERO_SIZE_PTR.
 */
bool krt_kmalloc_is_object(const void *p)
{
	return !ZERO_OR_NULL_PTR(p) && kmap_live_size((unsigned long)p);
}

/**
 * krt_kmalloc_known - was @p ever the start of a kmalloc object (live or already freed)?
 * @p: any pointer
 *
 * kfree_const() passes these to kfree(), so that a second kfree_const() is reported as the
 * double free it is, as SLUB reports it in the kernel.
 *
 * Return: true for live and freed objects, false for anything krt never handed out.
 */
bool krt_kmalloc_known(const void *p)
{
	u8 *slot;

	if (ZERO_OR_NULL_PTR(p))
		return false;
	slot = kmap_slot((unsigned long)p, false);
	return slot && (__atomic_load_n(slot, __ATOMIC_ACQUIRE) & KS_CLASS_MASK);
}

static long kmalloc_objects_read(void)
{
	long n = 0;
	int i;

	for (i = 0; i < NR_KCOUNT; i++)
		n += __atomic_load_n(&kmalloc_count[i].n, __ATOMIC_RELAXED);
	return n;
}

static struct krt_leak_counter kmalloc_objects_counter = {
	.name = "kmalloc objects",
	.read = kmalloc_objects_read,
};

static int __init kmalloc_leak_counter_init(void)
{
	krt_leak_counter_register(&kmalloc_objects_counter);
	return 0;
}
early_initcall(kmalloc_leak_counter_init);
