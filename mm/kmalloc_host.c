// SPDX-License-Identifier: MIT
/*
 * PROVISIONAL kmalloc: kernel objects from the host heap, until krt's slab allocator replaces
 * this file behind the same API (<linux/slab.h>).
 *
 * Each object is a host allocation of its size class (ksize()), aligned like the kernel's
 * (naturally for power-of-two sizes), so AddressSanitizer still sees use-after-free of kmalloc
 * objects. A registry of live objects, sharded by address, makes bad frees harmless: kfree() of
 * an address that is not a live object is reported and ignored, never passed to the host
 * allocator and never read through. Each shard remembers its most recent frees so that a double
 * free is reported as one.
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

#define KREG_SHARD_BITS		6
#define KREG_SHARDS		(1 << KREG_SHARD_BITS)
#define KREG_MIN_BITS		6
#define KREG_FREED_RING		64

/* A live object: its address, the size class it was given, and where it was allocated. */
struct kreg_entry {
	unsigned long addr;		/* 0: empty slot */
	unsigned long ip;
	size_t size;
};

/* A recent free, for telling a double free from a foreign pointer. */
struct kreg_freed {
	unsigned long addr;
	unsigned long ip;
	size_t size;
};

/* Objects whose address hashes to one shard: an open-addressing table under one lock. */
struct kreg_shard {
	struct host_mutex lock;
	unsigned int bits;		/* table size is 1 << bits (0: no table yet) */
	long nr;			/* live objects */
	struct kreg_entry *table;
	unsigned int freed_next;
	struct kreg_freed freed[KREG_FREED_RING];
} ____cacheline_aligned;

static struct kreg_shard kreg[KREG_SHARDS];

/* kfree_bulk() keeps a bit per shard in a u64. */
static_assert(KREG_SHARDS <= 64);

static inline unsigned long kreg_hash(unsigned long addr)
{
	return (addr >> 3) * 0x9E3779B97F4A7C15UL;
}

static inline struct kreg_shard *kreg_shard_of(unsigned long addr)
{
	return &kreg[kreg_hash(addr) >> (BITS_PER_LONG - KREG_SHARD_BITS)];
}

/* Home slot of @addr in a table of 1 << @bits (hash bits below the shard's). */
static inline unsigned long kreg_home(unsigned long addr, unsigned int bits)
{
	return (kreg_hash(addr) << KREG_SHARD_BITS) >> (BITS_PER_LONG - bits);
}

static struct kreg_entry *kreg_find(struct kreg_shard *s, unsigned long addr)
{
	unsigned long mask, i;

	if (!s->table)
		return NULL;
	mask = (1UL << s->bits) - 1;
	for (i = kreg_home(addr, s->bits);; i = (i + 1) & mask) {
		struct kreg_entry *e = &s->table[i];

		if (e->addr == addr)
			return e;
		if (!e->addr)
			return NULL;
	}
}

static void kreg_place(struct kreg_entry *table, unsigned int bits, const struct kreg_entry *n)
{
	unsigned long mask = (1UL << bits) - 1, i;

	for (i = kreg_home(n->addr, bits); table[i].addr; i = (i + 1) & mask)
		;
	table[i] = *n;
}

/* Make room for one more entry (load factor at most 1/2). Returns false without memory. */
static bool kreg_reserve(struct kreg_shard *s)
{
	unsigned int bits = s->bits ? s->bits + 1 : KREG_MIN_BITS;
	struct kreg_entry *table;
	unsigned long i;

	if (s->table && (unsigned long)(s->nr + 1) * 2 <= (1UL << s->bits))
		return true;
	table = host_zalloc(sizeof(*table) << bits);
	if (!table)
		return false;
	if (s->table) {
		for (i = 0; i < (1UL << s->bits); i++)
			if (s->table[i].addr)
				kreg_place(table, bits, &s->table[i]);
		host_free(s->table);
	}
	s->table = table;
	s->bits = bits;
	return true;
}

/* Remove @e from the table (linear probing: shift the following cluster back). */
static void kreg_remove(struct kreg_shard *s, struct kreg_entry *e)
{
	unsigned long mask = (1UL << s->bits) - 1;
	unsigned long i = e - s->table, j = i, k;

	for (;;) {
		j = (j + 1) & mask;
		if (!s->table[j].addr)
			break;
		k = kreg_home(s->table[j].addr, s->bits);
		/* Can the entry at j move to the hole at i? Only if its home is not in (i, j]. */
		if ((j > i && (k <= i || k > j)) || (j < i && k <= i && k > j)) {
			s->table[i] = s->table[j];
			i = j;
		}
	}
	s->table[i].addr = 0;
}

static bool kreg_insert(unsigned long addr, size_t size, unsigned long ip)
{
	struct kreg_shard *s = kreg_shard_of(addr);
	struct kreg_entry n = { .addr = addr, .ip = ip, .size = size };
	struct kreg_entry *e;

	host_mutex_lock(&s->lock);
	if (!kreg_reserve(s)) {
		host_mutex_unlock(&s->lock);
		return false;
	}
	e = kreg_find(s, addr);
	if (e) {
		/* The host handed out a live object's address again: it was free()d behind krt. */
		*e = n;
	} else {
		kreg_place(s->table, s->bits, &n);
		WRITE_ONCE(s->nr, s->nr + 1);
	}
	host_mutex_unlock(&s->lock);
	return true;
}

/* Take @addr out of the registry: its size class, or 0 if it is not a live object. */
static size_t kreg_take(struct kreg_shard *s, unsigned long addr, unsigned long ip)
{
	struct kreg_entry *e = kreg_find(s, addr);
	struct kreg_freed *f;
	size_t size;

	if (!e)
		return 0;
	size = e->size;
	kreg_remove(s, e);
	WRITE_ONCE(s->nr, s->nr - 1);
	f = &s->freed[s->freed_next++ % KREG_FREED_RING];
	f->addr = addr;
	f->ip = ip;
	f->size = size;
	return size;
}

/* The size class of a live object, 0 if @addr is not one. */
static size_t kreg_size(unsigned long addr)
{
	struct kreg_shard *s = kreg_shard_of(addr);
	struct kreg_entry *e;
	size_t size;

	host_mutex_lock(&s->lock);
	e = kreg_find(s, addr);
	size = e ? e->size : 0;
	host_mutex_unlock(&s->lock);
	return size;
}

/* Report a free of @addr, which is not a live object. Called without the shard lock. */
static void kfree_bad(const char *fn, unsigned long addr, unsigned long ip)
{
	struct kreg_shard *s = kreg_shard_of(addr);
	struct kreg_freed f = { 0 };
	unsigned int i;

	host_mutex_lock(&s->lock);
	for (i = 0; i < KREG_FREED_RING; i++) {
		if (s->freed[i].addr == addr) {
			f = s->freed[i];
			break;
		}
	}
	host_mutex_unlock(&s->lock);

	if (f.addr)
		WARN(1, "%s: double free of object %px (size %zu), already freed at %pS\n", fn,
		     (void *)addr, f.size, (void *)f.ip);
	else
		WARN(1, "%s: invalid pointer %px (not an object from kmalloc), called from %pS\n",
		     fn, (void *)addr, (void *)ip);
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

/* Natural alignment: the largest power of two dividing the size class, page at most beyond. */
static size_t kmalloc_align(size_t bucket)
{
	size_t align = bucket & -bucket;

	if (bucket > KMALLOC_MAX_SIZE)
		return PAGE_SIZE;
	return max_t(size_t, align, ARCH_KMALLOC_MINALIGN);
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
		current->comm, (unsigned int)ilog2(roundup_pow_of_two(DIV_ROUND_UP(bucket, PAGE_SIZE))),
		(unsigned int)flags);
	pr_warn("krt: the host could not provide %zu bytes for kmalloc(%zu)\n", bucket, size);
	dump_stack();
}

/*
 * The allocation behind every kmalloc-family call. @huge admits sizes above KMALLOC_MAX_SIZE
 * (kvmalloc's vmalloc range).
 */
static void *kmalloc_host(size_t size, gfp_t flags, unsigned long caller, bool huge)
{
	size_t bucket;
	void *p;

	might_alloc(flags);

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
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
	if (unlikely(!kreg_insert((unsigned long)p, bucket, caller))) {
		host_free(p);
		kmalloc_fail_report(size, bucket, flags);
		return NULL;
	}
	if (flags & __GFP_ZERO)
		memset(p, 0, bucket);
	return p;
}

/**
 * __kmalloc_noprof - allocate @size bytes (kmalloc())
 * @size: bytes wanted
 * @flags: GFP flags
 */
void *__kmalloc_noprof(size_t size, gfp_t flags)
{
	return kmalloc_host(size, flags, _RET_IP_, false);
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
	return kmalloc_host(size, flags, _RET_IP_, false);
}
EXPORT_SYMBOL(__kmalloc_node_noprof);

/**
 * __kmalloc_node_track_caller_noprof - kmalloc() recording @caller as the allocation site
 * @size: bytes wanted
 * @flags: GFP flags
 * @node: ignored
 * @caller: the address reports name as where the object was allocated
 */
void *__kmalloc_node_track_caller_noprof(size_t size, gfp_t flags, int node,
					 unsigned long caller)
{
	return kmalloc_host(size, flags, caller, false);
}
EXPORT_SYMBOL(__kmalloc_node_track_caller_noprof);

/* kvmalloc's allocation: like kmalloc, and also beyond KMALLOC_MAX_SIZE (mm/util.c). */
void *krt_kvmalloc_host(size_t size, gfp_t flags, unsigned long caller)
{
	return kmalloc_host(size, flags, caller, true);
}

/**
 * kfree - free memory from kmalloc()
 * @objp: the object, or NULL / ZERO_SIZE_PTR (which are ignored)
 *
 * Freeing a pointer that is not a live kmalloc object (never allocated, or already freed) is
 * reported with a warning and otherwise ignored.
 */
void kfree(const void *objp)
{
	unsigned long addr = (unsigned long)objp;
	struct kreg_shard *s;
	size_t size;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	s = kreg_shard_of(addr);
	host_mutex_lock(&s->lock);
	size = kreg_take(s, addr, _RET_IP_);
	host_mutex_unlock(&s->lock);
	if (unlikely(!size)) {
		kfree_bad(__func__, addr, _RET_IP_);
		return;
	}
	host_free((void *)objp);
}
EXPORT_SYMBOL(kfree);

/**
 * kfree_bulk - free many kmalloc objects at once
 * @size: number of objects
 * @p: their addresses (NULL and ZERO_SIZE_PTR entries are skipped)
 *
 * Cheaper than one kfree() per object: each registry shard is locked once per call. This is
 * how kfree_rcu() batches are freed.
 */
void kfree_bulk(size_t size, void **p)
{
	unsigned long ip = _RET_IP_;
	size_t i, done = 0;

	while (done < size) {
		/* Claim a run of objects shard by shard, up to 64 shards' worth at a time. */
		size_t n = min_t(size_t, size - done, 512);
		unsigned char shard_of[512];
		u64 pending = 0;
		int si;

		for (i = 0; i < n; i++) {
			unsigned long a = (unsigned long)p[done + i];

			shard_of[i] = ZERO_OR_NULL_PTR(p[done + i]) ? 0xff :
				      kreg_hash(a) >> (BITS_PER_LONG - KREG_SHARD_BITS);
			if (shard_of[i] != 0xff)
				pending |= 1ULL << shard_of[i];
		}
		while (pending) {
			struct kreg_shard *s;

			si = __builtin_ctzll(pending);
			pending &= pending - 1;
			s = &kreg[si];
			host_mutex_lock(&s->lock);
			for (i = 0; i < n; i++) {
				if (shard_of[i] != si)
					continue;
				if (!kreg_take(s, (unsigned long)p[done + i], ip))
					shard_of[i] = 0xfe;	/* bad: report below */
			}
			host_mutex_unlock(&s->lock);
		}
		for (i = 0; i < n; i++) {
			if (shard_of[i] == 0xff)
				continue;
			if (shard_of[i] == 0xfe)
				kfree_bad(__func__, (unsigned long)p[done + i], ip);
			else
				host_free(p[done + i]);
		}
		done += n;
	}
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
	size = kreg_size((unsigned long)objp);
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
	unsigned long caller = _RET_IP_;
	size_t ks;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ZERO_OR_NULL_PTR(p))
		return kmalloc_host(new_size, flags, caller, false);

	ks = kreg_size((unsigned long)p);
	if (unlikely(!ks)) {
		WARN(1, "krealloc: %px is not a live kmalloc object\n", p);
		return NULL;
	}
	if (ks >= new_size) {
		if (flags & __GFP_ZERO)
			memset((char *)p + new_size, 0, ks - new_size);
		return (void *)p;
	}
	ret = kmalloc_host(new_size, flags, caller, false);
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
	ks = kreg_size((unsigned long)p);
	if (ks)
		memzero_explicit((void *)p, ks);
	kfree(p);
}
EXPORT_SYMBOL(kfree_sensitive);

/* Is @p a live kmalloc object? (kfree_const() frees only those.) */
bool krt_kmalloc_is_object(const void *p)
{
	return !ZERO_OR_NULL_PTR(p) && kreg_size((unsigned long)p);
}

static long kmalloc_objects_read(void)
{
	long n = 0;
	int i;

	for (i = 0; i < KREG_SHARDS; i++)
		n += READ_ONCE(kreg[i].nr);
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
