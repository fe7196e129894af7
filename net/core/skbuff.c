// SPDX-License-Identifier: MIT
/*
 * sk_buff allocation, freeing, clones and copies, data-area helpers and locked queues, with the
 * semantics of Linux 6.12's net/core/skbuff.c for linear buffers.
 *
 * The struct sk_buff comes from the "skbuff_head_cache" slab cache. Its head comes from the
 * "skbuff_small_head" cache when the head (with the aligned skb_shared_info) fits in
 * SKB_SMALL_HEAD_CACHE_SIZE, else from kmalloc; either way kfree() frees it, since it finds the
 * cache from the slab page. Where the kernel takes a mid-size head of netdev_alloc_skb() from a
 * page-fragment cache, krt takes it from kmalloc but keeps the kernel's geometry and truesize.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/netdevice.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <krt/leak.h>

#include "init/boot.h"

/*
 * The kernel sizes the small-head cache for the largest headers TCP or GRO put in a head:
 * MAX_HEADER as Debian's 6.12 x86-64 configuration makes it (Hyper-V netvsc: 128 bytes of
 * link-layer header, plus 48 for the IP tunnels). Spelled out here so that the cache keeps the
 * kernel's 704-byte objects whatever <linux/netdevice.h> says.
 */
#define SKB_LL_MAX_HEADER	128
#define SKB_MAX_HEADER		(SKB_LL_MAX_HEADER + 48)
#define SKB_MAX_TCP_HEADER		L1_CACHE_ALIGN(128 + SKB_MAX_HEADER)
#define SKB_GRO_MAX_HEAD		(SKB_MAX_HEADER + 128)
#define SKB_GRO_MAX_HEAD_PAD	(SKB_GRO_MAX_HEAD + NET_SKB_PAD + NET_IP_ALIGN)
#define SKB_SMALL_HEAD_SIZE SKB_HEAD_ALIGN(MAX(SKB_MAX_TCP_HEADER, SKB_GRO_MAX_HEAD_PAD))

/*
 * Not a power of two, so that SKB_SMALL_HEAD_HEADROOM (the skb_end_offset() of such heads) is
 * a size no kmalloc head has.
 */
#define SKB_SMALL_HEAD_CACHE_SIZE					\
	(is_power_of_2(SKB_SMALL_HEAD_SIZE) ?				\
		(SKB_SMALL_HEAD_SIZE + L1_CACHE_BYTES) :		\
		SKB_SMALL_HEAD_SIZE)

#define SKB_SMALL_HEAD_HEADROOM						\
	SKB_WITH_OVERHEAD(SKB_SMALL_HEAD_CACHE_SIZE)

/* The kernel's x86-64 layout: 320 bytes of shared info, 704-byte small heads. */
static_assert(sizeof(struct skb_shared_info) == 320, "skb_shared_info as the kernel's");
static_assert(SKB_SMALL_HEAD_SIZE == 704, "704-byte small heads");

/* Allocations that must come from a special kmalloc set never use the small-head cache. */
#ifndef KMALLOC_NOT_NORMAL_BITS
#define KMALLOC_NOT_NORMAL_BITS	(__GFP_RECLAIMABLE | __GFP_DMA | __GFP_ACCOUNT)
#endif

static struct kmem_cache *skbuff_cache __ro_after_init;
static struct kmem_cache *skb_small_head_cache __ro_after_init;

/* Live struct sk_buffs, for the KUnit leak check. */
static atomic_long_t skb_live = ATOMIC_LONG_INIT(0);

/* The first use of krt may be an allocation of an sk_buff: boot, then find the cache. */
static noinline struct kmem_cache *skbuff_cache_boot(void)
{
	krt_ensure_booted();
	WARN_ONCE(!skbuff_cache, "sk_buff allocated before skb_init()\n");
	return skbuff_cache;
}

static struct sk_buff *skbuff_cache_alloc(gfp_t gfp_mask, int node)
{
	struct kmem_cache *cache = READ_ONCE(skbuff_cache);
	struct sk_buff *skb;

	if (unlikely(!cache)) {
		cache = skbuff_cache_boot();
		if (!cache)
			return NULL;
	}
	skb = kmem_cache_alloc_node(cache, gfp_mask, node);
	if (likely(skb))
		atomic_long_inc(&skb_live);
	return skb;
}

/*
 * Pretty, but the kernel's: one line with everything that matters about the buffer, then BUG.
 * @addr is the caller of skb_put()/skb_push().
 */
static void skb_panic(struct sk_buff *skb, unsigned int sz, void *addr, const char msg[])
{
	pr_emerg("%s: text:%px len:%d put:%d head:%px data:%px tail:%#lx end:%#lx dev:%s\n",
		 msg, addr, skb->len, sz, skb->head, skb->data,
		 (unsigned long)skb->tail, (unsigned long)skb->end,
		 skb->dev ? skb->dev->name : "<NULL>");
	BUG();
}

static void skb_over_panic(struct sk_buff *skb, unsigned int sz, void *addr)
{
	skb_panic(skb, sz, addr, __func__);
}

static void skb_under_panic(struct sk_buff *skb, unsigned int sz, void *addr)
{
	skb_panic(skb, sz, addr, __func__);
}

/* Set up a cleared @skb around @data, a head of @size bytes including the shared info. */
static inline void __finalize_skb_around(struct sk_buff *skb, void *data, unsigned int size)
{
	struct skb_shared_info *shinfo;

	size -= SKB_DATA_ALIGN(sizeof(struct skb_shared_info));

	skb->truesize = SKB_TRUESIZE(size);
	refcount_set(&skb->users, 1);
	skb->head = data;
	skb->data = data;
	skb_reset_tail_pointer(skb);
	skb_set_end_offset(skb, size);
	skb->mac_header = (typeof(skb->mac_header))~0U;
	skb->transport_header = (typeof(skb->transport_header))~0U;
	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, offsetof(struct skb_shared_info, dataref));
	atomic_set(&shinfo->dataref, 1);
}

/*
 * Allocate a head for *@size bytes of data plus the shared info; *@size becomes the size
 * obtained. The first try stays out of the reserves; only if it fails and the caller may use
 * them does a second try, and *@pfmemalloc says so.
 */
static void *kmalloc_reserve(unsigned int *size, gfp_t flags, int node, bool *pfmemalloc)
{
	bool ret_pfmemalloc = false;
	size_t obj_size;
	void *obj;

	obj_size = SKB_HEAD_ALIGN(*size);
	if (obj_size <= SKB_SMALL_HEAD_CACHE_SIZE && !(flags & KMALLOC_NOT_NORMAL_BITS)) {
		obj = kmem_cache_alloc_node(skb_small_head_cache,
					    flags | __GFP_NOMEMALLOC | __GFP_NOWARN, node);
		*size = SKB_SMALL_HEAD_CACHE_SIZE;
		if (obj || !gfp_pfmemalloc_allowed(flags))
			goto out;
		ret_pfmemalloc = true;
		obj = kmem_cache_alloc_node(skb_small_head_cache, flags, node);
		goto out;
	}

	/* Round up to the kmalloc bucket: the shared info goes at its very end. */
	obj_size = kmalloc_size_roundup(obj_size);
	/* Truncation only for sizes kmalloc() refuses anyway. */
	*size = (unsigned int)obj_size;
	obj = kmalloc_node_track_caller(obj_size, flags | __GFP_NOMEMALLOC | __GFP_NOWARN, node);
	if (obj || !gfp_pfmemalloc_allowed(flags))
		goto out;
	ret_pfmemalloc = true;
	obj = kmalloc_node_track_caller(obj_size, flags, node);
out:
	if (pfmemalloc)
		*pfmemalloc = ret_pfmemalloc;
	return obj;
}

/**
 * __alloc_skb - allocate a network buffer
 * @size: bytes of data room wanted
 * @gfp_mask: allocation flags
 * @flags: SKB_ALLOC_* (krt allocates fclone and NAPI requests as ordinary buffers)
 * @node: NUMA node, or NUMA_NO_NODE
 *
 * The buffer has no headroom and at least @size bytes of tailroom (all of the head that the
 * allocator gave, up to the shared info at its end), one user and one data reference.
 *
 * Return: the sk_buff, or NULL when memory ran out.
 */
struct sk_buff *__alloc_skb(unsigned int size, gfp_t gfp_mask, int flags, int node)
{
	struct sk_buff *skb;
	bool pfmemalloc;
	u8 *data;

	skb = skbuff_cache_alloc(gfp_mask & ~GFP_DMA, node);
	if (unlikely(!skb))
		return NULL;

	data = kmalloc_reserve(&size, gfp_mask, node, &pfmemalloc);
	if (unlikely(!data))
		goto nodata;

	/* Everything before tail is cleared here; the rest is set by the finalisation. */
	memset(skb, 0, offsetof(struct sk_buff, tail));
	__finalize_skb_around(skb, data, size);
	skb->pfmemalloc = pfmemalloc;
	return skb;

nodata:
	kmem_cache_free(skbuff_cache, skb);
	atomic_long_dec(&skb_live);
	return NULL;
}
EXPORT_SYMBOL(__alloc_skb);

/*
 * The kernel's page-fragment path of __netdev_alloc_skb(): a head of exactly
 * SKB_HEAD_ALIGN(@len) bytes. krt takes it from kmalloc; the geometry and truesize are the
 * kernel's.
 */
static struct sk_buff *netdev_alloc_frag_skb(unsigned int len, gfp_t gfp_mask)
{
	struct sk_buff *skb;
	void *data;

	len = SKB_HEAD_ALIGN(len);
	skb = skbuff_cache_alloc(gfp_mask & ~GFP_DMA, NUMA_NO_NODE);
	if (unlikely(!skb))
		return NULL;
	data = kmalloc(len, gfp_mask);
	if (unlikely(!data)) {
		kmem_cache_free(skbuff_cache, skb);
		atomic_long_dec(&skb_live);
		return NULL;
	}
	memset(skb, 0, offsetof(struct sk_buff, tail));
	__finalize_skb_around(skb, data, len);
	return skb;
}

/**
 * __netdev_alloc_skb - allocate a receive buffer for a device
 * @dev: the device receiving (may be NULL); stored in skb->dev
 * @len: bytes of data room wanted
 * @gfp_mask: allocation flags (netdev_alloc_skb() uses GFP_ATOMIC)
 *
 * The buffer has NET_SKB_PAD bytes of headroom on top of @len, for the stack's own use.
 *
 * Return: the sk_buff, or NULL when memory ran out.
 */
struct sk_buff *__netdev_alloc_skb(struct net_device *dev, unsigned int len, gfp_t gfp_mask)
{
	struct sk_buff *skb;

	len += NET_SKB_PAD;

	/* Small and large heads, and sleeping or DMA requests, go through __alloc_skb(). */
	if (len <= SKB_WITH_OVERHEAD(SKB_SMALL_HEAD_CACHE_SIZE) ||
	    len > SKB_WITH_OVERHEAD(PAGE_SIZE) ||
	    (gfp_mask & (__GFP_DIRECT_RECLAIM | GFP_DMA)))
		skb = __alloc_skb(len, gfp_mask, SKB_ALLOC_RX, NUMA_NO_NODE);
	else
		skb = netdev_alloc_frag_skb(len, gfp_mask);
	if (!skb)
		return NULL;

	skb_reserve(skb, NET_SKB_PAD);
	skb->dev = dev;
	return skb;
}
EXPORT_SYMBOL(__netdev_alloc_skb);

/* --- freeing -------------------------------------------------------------------------------- */

/* Drop this sk_buff's data reference; true if it was the last and the head must go. */
static inline bool skb_data_unref(const struct sk_buff *skb, struct skb_shared_info *shinfo)
{
	int bias;

	if (!skb->cloned)
		return true;

	bias = skb->nohdr ? (1 << SKB_DATAREF_SHIFT) + 1 : 1;

	if (atomic_read(&shinfo->dataref) == bias)
		smp_rmb();
	else if (atomic_sub_return(bias, &shinfo->dataref))
		return false;
	return true;
}

static void skb_release_data(struct sk_buff *skb, enum skb_drop_reason reason)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (!skb_data_unref(skb, shinfo))
		return;
	if (shinfo->frag_list)
		kfree_skb_list_reason(shinfo->frag_list, reason);
	/* Small-cache and kmalloc heads alike: kfree() finds the cache from the slab. */
	kfree(skb->head);
}

static void kfree_skbmem(struct sk_buff *skb)
{
	kmem_cache_free(skbuff_cache, skb);
	atomic_long_dec(&skb_live);
}

/**
 * skb_release_head_state - release what the sk_buff itself holds (runs the destructor)
 * @skb: the buffer
 */
void skb_release_head_state(struct sk_buff *skb)
{
	if (skb->destructor) {
		DEBUG_NET_WARN_ON_ONCE(in_hardirq());
		skb->destructor(skb);
	}
}

static void skb_release_all(struct sk_buff *skb, enum skb_drop_reason reason)
{
	skb_release_head_state(skb);
	if (likely(skb->head))
		skb_release_data(skb, reason);
}

static void __kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	skb_release_all(skb, reason);
	kfree_skbmem(skb);
}

/**
 * __kfree_skb - free an sk_buff whatever its reference count
 * @skb: the buffer
 *
 * Runs the destructor, drops the data reference (freeing the head if it was the last) and
 * frees the sk_buff. Callers normally use kfree_skb() or consume_skb().
 */
void __kfree_skb(struct sk_buff *skb)
{
	__kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
}
EXPORT_SYMBOL(__kfree_skb);

/**
 * sk_skb_reason_drop - drop a reference to an sk_buff, freeing it with the last
 * @sk: the socket the packet was for, or NULL
 * @skb: the buffer (NULL is ignored)
 * @reason: why it is dropped
 *
 * A reference count already at zero gets refcount_t's underflow warning and nothing is freed.
 */
void sk_skb_reason_drop(struct sock *sk, struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (skb_unref(skb))
		__kfree_skb_reason(skb, reason);
}
EXPORT_SYMBOL(sk_skb_reason_drop);

/**
 * kfree_skb_list_reason - kfree_skb_reason() every buffer of a ->next chain
 * @segs: the first buffer (may be NULL)
 * @reason: why they are dropped
 */
void kfree_skb_list_reason(struct sk_buff *segs, enum skb_drop_reason reason)
{
	while (segs) {
		struct sk_buff *next = segs->next;

		kfree_skb_reason(segs, reason);
		segs = next;
	}
}
EXPORT_SYMBOL(kfree_skb_list_reason);

/**
 * consume_skb - drop a reference to an sk_buff that was used as intended
 * @skb: the buffer (NULL is ignored)
 *
 * As kfree_skb(), but the packet counts as consumed, not dropped.
 */
void consume_skb(struct sk_buff *skb)
{
	if (skb_unref(skb))
		__kfree_skb_reason(skb, SKB_CONSUMED);
}
EXPORT_SYMBOL(consume_skb);

/*
 * The completion queue: buffers whose last reference went from hard-irq context wait here
 * for a bottom half (the kernel's NET_TX_SOFTIRQ; krt's is the BH workqueue).
 */
struct dev_kfree_skb_cb {
	enum skb_drop_reason reason;
};

static inline struct dev_kfree_skb_cb *get_kfree_skb_cb(const struct sk_buff *skb)
{
	return (struct dev_kfree_skb_cb *)skb->cb;
}

static LLIST_HEAD(skb_completion_queue);

static void skb_completion_work_fn(struct work_struct *work)
{
	struct llist_node *list = llist_reverse_order(llist_del_all(&skb_completion_queue));
	struct sk_buff *skb, *next;

	llist_for_each_entry_safe(skb, next, list, ll_node)
		__kfree_skb_reason(skb, get_kfree_skb_cb(skb)->reason);
}

static DECLARE_WORK(skb_completion_work, skb_completion_work_fn);

/**
 * dev_kfree_skb_irq_reason - drop a reference from hard-irq context
 * @skb: the buffer (NULL is ignored)
 * @reason: why it is freed (SKB_CONSUMED for a consumed packet)
 *
 * With the last reference the buffer is queued and freed by a bottom half, never in the
 * interrupted context.
 */
void dev_kfree_skb_irq_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (unlikely(!skb))
		return;

	if (likely(refcount_read(&skb->users) == 1)) {
		smp_rmb();
		refcount_set(&skb->users, 0);
	} else if (likely(!refcount_dec_and_test(&skb->users))) {
		return;
	}
	get_kfree_skb_cb(skb)->reason = reason;
	llist_add(&skb->ll_node, &skb_completion_queue);
	queue_work(system_bh_wq, &skb_completion_work);
}
EXPORT_SYMBOL(dev_kfree_skb_irq_reason);

/**
 * dev_kfree_skb_any_reason - drop a reference from any context
 * @skb: the buffer (NULL is ignored)
 * @reason: why it is freed
 *
 * In hard-irq context or with interrupts disabled as dev_kfree_skb_irq_reason(), else as
 * kfree_skb_reason().
 */
void dev_kfree_skb_any_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (in_hardirq() || irqs_disabled())
		dev_kfree_skb_irq_reason(skb, reason);
	else
		kfree_skb_reason(skb, reason);
}
EXPORT_SYMBOL(dev_kfree_skb_any_reason);

/* --- clones and copies ---------------------------------------------------------------------- */

static void __copy_skb_header(struct sk_buff *new, const struct sk_buff *old)
{
	new->tstamp = old->tstamp;
	/* The socket is not copied. */
	new->dev = old->dev;
	memcpy(new->cb, old->cb, sizeof(old->cb));
	new->_skb_refdst = old->_skb_refdst;
	new->queue_mapping = old->queue_mapping;
	memcpy(&new->headers, &old->headers, sizeof(new->headers));
}

static struct sk_buff *__skb_clone(struct sk_buff *n, struct sk_buff *skb)
{
#define C(x) n->x = skb->x

	n->next = n->prev = NULL;
	n->sk = NULL;
	__copy_skb_header(n, skb);

	C(len);
	C(data_len);
	C(mac_len);
	n->hdr_len = skb->nohdr ? skb_headroom(skb) : skb->hdr_len;
	n->cloned = 1;
	n->nohdr = 0;
	n->peeked = 0;
	C(pfmemalloc);
	C(pp_recycle);
	n->destructor = NULL;
	C(tail);
	C(end);
	C(head);
	C(head_frag);
	C(data);
	C(truesize);
	refcount_set(&n->users, 1);

	atomic_inc(&(skb_shinfo(skb)->dataref));
	skb->cloned = 1;

	return n;
#undef C
}

/**
 * skb_clone - duplicate an sk_buff, sharing its data
 * @skb: the buffer to clone
 * @gfp_mask: allocation flags
 *
 * The clone has its own struct sk_buff (one user, no socket, no destructor) and the same
 * head: both are then cloned, and a write through one is seen by the other. The head is freed
 * when the last of them goes, whichever it is.
 *
 * Return: the clone, or NULL when memory ran out.
 */
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t gfp_mask)
{
	struct sk_buff *n;

	if (skb->pfmemalloc)
		gfp_mask |= __GFP_MEMALLOC;

	n = skbuff_cache_alloc(gfp_mask, NUMA_NO_NODE);
	if (!n)
		return NULL;
	n->fclone = SKB_FCLONE_UNAVAILABLE;
	return __skb_clone(n, skb);
}
EXPORT_SYMBOL(skb_clone);

/**
 * skb_headers_offset_update - move the header offsets by @off (after the head moved)
 * @skb: the buffer
 * @off: the change of the data offset
 */
void skb_headers_offset_update(struct sk_buff *skb, int off)
{
	/* csum_start only means an offset for CHECKSUM_PARTIAL. */
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb->csum_start += off;
	skb->transport_header += off;
	skb->network_header += off;
	if (skb_mac_header_was_set(skb))
		skb->mac_header += off;
	skb->inner_transport_header += off;
	skb->inner_network_header += off;
	skb->inner_mac_header += off;
}
EXPORT_SYMBOL(skb_headers_offset_update);

/**
 * skb_copy_header - copy the metadata of @old into @new (not the data, not the socket)
 * @new: the destination
 * @old: the source
 */
void skb_copy_header(struct sk_buff *new, const struct sk_buff *old)
{
	__copy_skb_header(new, old);

	skb_shinfo(new)->gso_size = skb_shinfo(old)->gso_size;
	skb_shinfo(new)->gso_segs = skb_shinfo(old)->gso_segs;
	skb_shinfo(new)->gso_type = skb_shinfo(old)->gso_type;
}
EXPORT_SYMBOL(skb_copy_header);

/**
 * skb_copy - a private copy of an sk_buff and its data
 * @skb: the buffer to copy
 * @gfp_mask: allocation flags
 *
 * The copy has its own head of the same size, the same headroom, data and header offsets,
 * and one user; it shares nothing with @skb.
 *
 * Return: the copy, or NULL when memory ran out.
 */
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp_mask)
{
	struct sk_buff *n;
	unsigned int size;
	int headerlen;

	headerlen = skb_headroom(skb);
	size = skb_end_offset(skb) + skb->data_len;
	n = __alloc_skb(size, gfp_mask, skb->pfmemalloc ? SKB_ALLOC_RX : 0, NUMA_NO_NODE);
	if (!n)
		return NULL;

	skb_reserve(n, headerlen);
	skb_put(n, skb->len);

	/* The headroom too: headers already pushed and pulled stay where they were. */
	BUG_ON(skb_copy_bits(skb, -headerlen, n->head, headerlen + skb->len));

	skb_copy_header(n, skb);
	return n;
}
EXPORT_SYMBOL(skb_copy);

/**
 * skb_copy_bits - copy bytes of the packet to a buffer
 * @skb: the source buffer
 * @offset: offset from skb->data (negative reaches into the headroom)
 * @to: destination
 * @len: bytes to copy
 *
 * Return: 0, or -EFAULT if the packet is shorter than @offset + @len.
 */
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	int start = skb_headlen(skb);
	int copy;

	if (offset > (int)skb->len - len)
		goto fault;

	copy = start - offset;
	if (copy > 0) {
		if (copy > len)
			copy = len;
		skb_copy_from_linear_data_offset(skb, offset, to, copy);
		len -= copy;
		if (len == 0)
			return 0;
	}
	/* krt's buffers are linear: anything left would be paged data. */
	if (!len)
		return 0;
fault:
	return -EFAULT;
}
EXPORT_SYMBOL(skb_copy_bits);

/**
 * skb_scrub_packet - forget what belonged to the previous place of a forwarded packet
 * @skb: the buffer
 * @xnet: it crosses network namespaces (also clears mark and timestamp)
 */
void skb_scrub_packet(struct sk_buff *skb, bool xnet)
{
	skb->pkt_type = PACKET_HOST;
	skb->skb_iif = 0;
	skb->ignore_df = 0;
	skb->_skb_refdst = 0;

	if (!xnet)
		return;

	skb->mark = 0;
	skb_clear_tstamp(skb);
}
EXPORT_SYMBOL_GPL(skb_scrub_packet);

/* --- data area ------------------------------------------------------------------------------ */

/**
 * skb_put - add data at the end of the buffer
 * @skb: the buffer
 * @len: bytes to add
 *
 * Beyond the end of the head this is skb_over_panic(): the kernel's report, then BUG.
 *
 * Return: the first byte added.
 */
void *skb_put(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb_tail_pointer(skb);

	SKB_LINEAR_ASSERT(skb);
	skb->tail += len;
	skb->len  += len;
	if (unlikely(skb->tail > skb->end))
		skb_over_panic(skb, len, __builtin_return_address(0));
	return tmp;
}
EXPORT_SYMBOL(skb_put);

/**
 * skb_push - add data at the start of the buffer
 * @skb: the buffer
 * @len: bytes to add, taken from the headroom
 *
 * Below the start of the head this is skb_under_panic(): the kernel's report, then BUG.
 *
 * Return: the new skb->data.
 */
void *skb_push(struct sk_buff *skb, unsigned int len)
{
	skb->data -= len;
	skb->len  += len;
	if (unlikely(skb->data < skb->head))
		skb_under_panic(skb, len, __builtin_return_address(0));
	return skb->data;
}
EXPORT_SYMBOL(skb_push);

/**
 * skb_pull - remove data from the start of the buffer
 * @skb: the buffer
 * @len: bytes to remove (they become headroom)
 *
 * Return: the new skb->data, or NULL (and nothing removed) if @len exceeds skb->len.
 */
void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	return skb_pull_inline(skb, len);
}
EXPORT_SYMBOL(skb_pull);

/**
 * skb_pull_data - skb_pull() returning where the removed data starts
 * @skb: the buffer
 * @len: bytes to remove
 *
 * Return: the old skb->data, or NULL if the buffer is shorter than @len.
 */
void *skb_pull_data(struct sk_buff *skb, size_t len)
{
	void *data = skb->data;

	if (skb->len < len)
		return NULL;
	skb_pull(skb, len);
	return data;
}
EXPORT_SYMBOL(skb_pull_data);

/**
 * skb_trim - cut the buffer down to @len bytes (no change if it is not longer)
 * @skb: the buffer
 * @len: the new length
 */
void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len)
		__skb_trim(skb, len);
}
EXPORT_SYMBOL(skb_trim);

/* --- locked queues -------------------------------------------------------------------------- */

/**
 * skb_dequeue - remove and return the first buffer of @list (NULL if empty), under its lock
 * @list: the queue
 */
struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *result;
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	result = __skb_dequeue(list);
	spin_unlock_irqrestore(&list->lock, flags);
	return result;
}
EXPORT_SYMBOL(skb_dequeue);

/**
 * skb_dequeue_tail - remove and return the last buffer of @list (NULL if empty)
 * @list: the queue
 */
struct sk_buff *skb_dequeue_tail(struct sk_buff_head *list)
{
	struct sk_buff *result;
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	result = __skb_dequeue_tail(list);
	spin_unlock_irqrestore(&list->lock, flags);
	return result;
}
EXPORT_SYMBOL(skb_dequeue_tail);

/**
 * skb_queue_purge_reason - empty @list, dropping one reference to each buffer
 * @list: the queue
 * @reason: why they are dropped
 *
 * The buffers are taken off under the lock and freed outside it.
 */
void skb_queue_purge_reason(struct sk_buff_head *list, enum skb_drop_reason reason)
{
	struct sk_buff_head tmp;
	unsigned long flags;

	if (skb_queue_empty_lockless(list))
		return;

	__skb_queue_head_init(&tmp);

	spin_lock_irqsave(&list->lock, flags);
	skb_queue_splice_init(list, &tmp);
	spin_unlock_irqrestore(&list->lock, flags);

	__skb_queue_purge_reason(&tmp, reason);
}
EXPORT_SYMBOL(skb_queue_purge_reason);

/**
 * skb_queue_head - add @newsk at the front of @list, under its lock
 * @list: the queue
 * @newsk: a buffer on no queue
 */
void skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_queue_head(list, newsk);
	spin_unlock_irqrestore(&list->lock, flags);
}
EXPORT_SYMBOL(skb_queue_head);

/**
 * skb_queue_tail - add @newsk at the end of @list, under its lock
 * @list: the queue
 * @newsk: a buffer on no queue
 */
void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_queue_tail(list, newsk);
	spin_unlock_irqrestore(&list->lock, flags);
}
EXPORT_SYMBOL(skb_queue_tail);

/**
 * skb_unlink - remove @skb from @list, under its lock
 * @skb: a buffer on @list
 * @list: the queue
 */
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_unlink(skb, list);
	spin_unlock_irqrestore(&list->lock, flags);
}
EXPORT_SYMBOL(skb_unlink);

/**
 * skb_append - insert @newsk after @old on @list, under its lock
 * @old: a buffer on @list
 * @newsk: a buffer on no queue
 * @list: the queue
 */
void skb_append(struct sk_buff *old, struct sk_buff *newsk, struct sk_buff_head *list)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_queue_after(list, old, newsk);
	spin_unlock_irqrestore(&list->lock, flags);
}
EXPORT_SYMBOL(skb_append);

/* --- set-up --------------------------------------------------------------------------------- */

static long skb_live_read(void)
{
	return atomic_long_read(&skb_live);
}

/* Buffers still on the completion queue are about to be freed: let the bottom half run. */
static void skb_live_settle(void)
{
	flush_work(&skb_completion_work);
}

static struct krt_leak_counter skb_leak_counter = {
	.name = "sk_buffs",
	.read = skb_live_read,
	.settle = skb_live_settle,
};

/* The kernel's skb_init(), called by sock_init() at core_initcall time. */
static int __init skb_init(void)
{
	skb_small_head_cache = kmem_cache_create_usercopy("skbuff_small_head",
							  SKB_SMALL_HEAD_CACHE_SIZE, 0,
							  SLAB_HWCACHE_ALIGN | SLAB_PANIC,
							  0, SKB_SMALL_HEAD_HEADROOM, NULL);
	/* Published last: a non-NULL skbuff_cache means both caches are there. */
	WRITE_ONCE(skbuff_cache,
		   kmem_cache_create_usercopy("skbuff_head_cache", sizeof(struct sk_buff), 0,
					      SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_NO_MERGE,
					      offsetof(struct sk_buff, cb),
					      sizeof_field(struct sk_buff, cb), NULL));
	krt_leak_counter_register(&skb_leak_counter);
	return 0;
}
core_initcall(skb_init);
