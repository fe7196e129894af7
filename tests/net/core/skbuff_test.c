// SPDX-License-Identifier: MIT
/*
 * sk_buff: the geometry and truesize of every allocation path (the small-head cache, kmalloc
 * heads, netdev_alloc_skb()'s kernel page-fragment sizes), put/push/pull/reserve/trim
 * arithmetic, header offsets, users and dataref counting through get/clone/free in both
 * orders, copies that share nothing, unshare/share_check, copy_bits, the queues, the deferred
 * free from interrupt context, the leak counter, allocation failures, and the kernel's
 * skb_over_panic/skb_under_panic reports.
 *
 * A panic BUG()s, which ends the KUnit case it happens in: the put or push runs in a case of an
 * inner suite on a buffer the outer case allocated (and frees), as tests/mm/usercopy_test.c
 * does.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/if_ether.h>
#include <linux/irqflags.h>
#include <linux/netdevice.h>
#include <linux/preempt.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <krt/kunit.h>
#include <krt/leak.h>
#include <krt/printk.h>
#include <krt/proc.h>

/*
 * The kernel's sizes on x86-64 (Debian's 6.12 configuration): the shared info takes 320
 * bytes, struct sk_buff rounds up to 256, and a small head is a 704-byte object whose data
 * room is 704 - 320 = 384 bytes.
 */
#define SHINFO_SIZE		320
#define SKB_SIZE_ALIGNED	256
#define SMALL_HEAD_SIZE		704
#define SMALL_HEAD_ROOM		(SMALL_HEAD_SIZE - SHINFO_SIZE)

#define MSG_SUB_UAF	"refcount_t: underflow; use-after-free.\n"

/* A device for skb->dev; only its name is read. */
static struct net_device skb_test_dev = { .name = "skbtest0" };

/* The "sk_buffs" leak counter, after settling (the deferred frees have run). */
static long live_skbs(struct kunit *test)
{
	const char *names[64];
	long values[64];
	int n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "sk_buffs"))
			return values[i];
	KUNIT_FAIL(test, "no \"sk_buffs\" leak counter");
	return -1;
}

/* Active objects of @cache in /proc/slabinfo (objsize in *@objsize), or -1. */
static long slab_active(struct kunit *test, const char *cache, unsigned int *objsize)
{
	size_t size = 1 << 18, len = strlen(cache);
	char *buf = kunit_kzalloc(test, size, GFP_KERNEL);
	unsigned long active, objs;
	unsigned int osize;
	char *p;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/slabinfo", buf, size), 0);
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, cache, len) || p[len] != ' ')
			continue;
		KUNIT_ASSERT_EQ(test, sscanf(p + len, "%lu %lu %u", &active, &objs, &osize), 3);
		if (objsize)
			*objsize = osize;
		kunit_kfree(test, buf);
		return active;
	}
	KUNIT_FAIL(test, "no %s in /proc/slabinfo", cache);
	return -1;
}

static struct sk_buff *must_alloc(struct kunit *test, unsigned int size, gfp_t gfp)
{
	struct sk_buff *skb = alloc_skb(size, gfp);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	return skb;
}

/* Everything a freshly allocated buffer must be. */
static void expect_fresh(struct kunit *test, struct sk_buff *skb, unsigned int headroom,
			 unsigned int end)
{
	KUNIT_EXPECT_EQ(test, skb->len, 0U);
	KUNIT_EXPECT_EQ(test, skb->data_len, 0U);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), headroom);
	KUNIT_EXPECT_EQ(test, skb_end_offset(skb), end);
	KUNIT_EXPECT_EQ(test, skb->end, end);
	KUNIT_EXPECT_EQ(test, skb->tail, headroom);
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), (int)(end - headroom));
	KUNIT_EXPECT_PTR_EQ(test, skb_tail_pointer(skb), skb->data);
	KUNIT_EXPECT_PTR_EQ(test, skb_end_pointer(skb), skb->head + end);
	KUNIT_EXPECT_PTR_EQ(test, (void *)skb_shinfo(skb), (void *)(skb->head + end));
	KUNIT_EXPECT_EQ(test, skb->truesize, (unsigned int)SKB_TRUESIZE(end));
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1U);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 1);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, 0);
	KUNIT_EXPECT_NULL(test, skb_shinfo(skb)->frag_list);
	KUNIT_EXPECT_EQ(test, (int)skb->cloned, 0);
	KUNIT_EXPECT_FALSE(test, skb_cloned(skb));
	KUNIT_EXPECT_FALSE(test, skb_shared(skb));
	KUNIT_EXPECT_FALSE(test, skb_is_nonlinear(skb));
	KUNIT_EXPECT_FALSE(test, skb_mac_header_was_set(skb));
	KUNIT_EXPECT_FALSE(test, skb_transport_header_was_set(skb));
	KUNIT_EXPECT_EQ(test, skb->network_header, 0);
	KUNIT_EXPECT_NULL(test, skb->next);
	KUNIT_EXPECT_NULL(test, skb->sk);
	KUNIT_EXPECT_NULL(test, skb->destructor);
	KUNIT_EXPECT_EQ(test, skb->protocol, 0);
	KUNIT_EXPECT_EQ(test, (int)skb->pkt_type, PACKET_HOST);
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_NONE);
	/* head and the shared info are cache-line aligned, as the kernel arranges. */
	KUNIT_EXPECT_EQ(test, (unsigned long)skb->head % SMP_CACHE_BYTES, 0UL);
	KUNIT_EXPECT_EQ(test, end % SMP_CACHE_BYTES, 0U);
}

static void skbuff_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct skb_shared_info), (size_t)SHINFO_SIZE);
	KUNIT_EXPECT_EQ(test, SKB_DATA_ALIGN(sizeof(struct sk_buff)), (size_t)SKB_SIZE_ALIGNED);
	KUNIT_EXPECT_EQ(test, sizeof_field(struct sk_buff, cb), (size_t)48);
	KUNIT_EXPECT_EQ(test, sizeof(sk_buff_data_t), sizeof(unsigned int));
	KUNIT_EXPECT_EQ(test, offsetof(struct sk_buff, next), offsetof(struct sk_buff_head, next));
	KUNIT_EXPECT_EQ(test, offsetof(struct sk_buff, prev), offsetof(struct sk_buff_head, prev));
	KUNIT_EXPECT_EQ(test, NET_SKB_PAD, 64);
	KUNIT_EXPECT_EQ(test, SKB_TRUESIZE(100), 100 + SKB_SIZE_ALIGNED + SHINFO_SIZE);
	KUNIT_EXPECT_EQ(test, SKB_HEAD_ALIGN(100), 128 + SHINFO_SIZE);
	KUNIT_EXPECT_EQ(test, SKB_WITH_OVERHEAD(1024), 1024 - SHINFO_SIZE);
	KUNIT_EXPECT_EQ(test, PACKET_HOST, 0);
	KUNIT_EXPECT_EQ(test, PACKET_OTHERHOST, 3);
	KUNIT_EXPECT_EQ(test, PACKET_OUTGOING, 4);
	/* The drop reasons have the kernel's values. */
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_NOT_SPECIFIED, 2);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_PKT_TOO_SMALL, 8);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_NOMEM, 72);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_QUEUE_PURGE, 91);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_MAX, 104);
}

/* Small heads come from skbuff_small_head: 384 bytes of room, whatever was asked. */
static void skbuff_alloc_small_head(struct kunit *test)
{
	static const unsigned int sizes[] = { 0, 1, 64, 100, 383, SMALL_HEAD_ROOM };
	struct sk_buff *skbs[ARRAY_SIZE(sizes)];
	long small_before, small_after, heads_before, heads_after;
	unsigned int objsize = 0;
	int i;

	small_before = slab_active(test, "skbuff_small_head", &objsize);
	heads_before = slab_active(test, "skbuff_head_cache", NULL);
	KUNIT_EXPECT_EQ(test, objsize, SMALL_HEAD_SIZE);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		skbs[i] = must_alloc(test, sizes[i], GFP_KERNEL);
		expect_fresh(test, skbs[i], 0, SMALL_HEAD_ROOM);
		KUNIT_EXPECT_EQ(test, skbs[i]->truesize, 960U);
		KUNIT_EXPECT_EQ(test, ksize(skbs[i]->head), (size_t)SMALL_HEAD_SIZE);
	}
	small_after = slab_active(test, "skbuff_small_head", NULL);
	heads_after = slab_active(test, "skbuff_head_cache", NULL);
	KUNIT_EXPECT_EQ(test, small_after - small_before, (long)ARRAY_SIZE(sizes));
	KUNIT_EXPECT_EQ(test, heads_after - heads_before, (long)ARRAY_SIZE(sizes));
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree_skb(skbs[i]);
	KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_small_head", NULL), small_before);
	KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_head_cache", NULL), heads_before);
}

/* Larger heads are kmalloc'ed, rounded up to the bucket, the shared info at its very end. */
static void skbuff_alloc_kmalloc_head(struct kunit *test)
{
	static const struct {
		unsigned int size, bucket;
	} cases[] = {
		{ SMALL_HEAD_ROOM + 1, 1024 },	/* 448 + 320 = 768 > 704 */
		{ 600, 1024 },
		{ 1500, 2048 },
		{ 1728, 2048 },
		{ 1729, 4096 },
		{ 4000, 8192 },
		{ 16000, 16384 },		/* past the kmalloc caches: pages */
	};
	long small_before = slab_active(test, "skbuff_small_head", NULL);
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sk_buff *skb = must_alloc(test, cases[i].size, GFP_KERNEL);
		unsigned int end = cases[i].bucket - SHINFO_SIZE;

		expect_fresh(test, skb, 0, end);
		KUNIT_EXPECT_GE(test, skb_tailroom(skb), (int)cases[i].size);
		KUNIT_EXPECT_EQ(test, ksize(skb->head), (size_t)cases[i].bucket);
		KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_small_head", NULL), small_before);
		kfree_skb(skb);
	}
}

/* Requests for a special kmalloc set (accounted, reclaimable, DMA) skip the small cache. */
static void skbuff_alloc_special_gfp(struct kunit *test)
{
	long small_before = slab_active(test, "skbuff_small_head", NULL);
	struct sk_buff *skb;

	skb = must_alloc(test, 100, GFP_KERNEL | __GFP_ACCOUNT);
	expect_fresh(test, skb, 0, 512 - SHINFO_SIZE);
	KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_small_head", NULL), small_before);
	kfree_skb(skb);

	skb = must_alloc(test, 100, GFP_KERNEL | __GFP_RECLAIMABLE);
	expect_fresh(test, skb, 0, 512 - SHINFO_SIZE);
	kfree_skb(skb);
}

static void skbuff_netdev_alloc(struct kunit *test)
{
	struct sk_buff *skb;

	/* 100 + 64 fits the small head. */
	skb = netdev_alloc_skb(&skb_test_dev, 100);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_fresh(test, skb, NET_SKB_PAD, SMALL_HEAD_ROOM);
	KUNIT_EXPECT_PTR_EQ(test, skb->dev, &skb_test_dev);
	kfree_skb(skb);

	/* An MTU-sized frame: the kernel's page-fragment head of SKB_HEAD_ALIGN(1564) bytes. */
	skb = netdev_alloc_skb(&skb_test_dev, 1500);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_fresh(test, skb, NET_SKB_PAD, 1600);
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), 1536);
	KUNIT_EXPECT_EQ(test, skb->truesize, 2176U);
	KUNIT_EXPECT_EQ(test, (int)skb->head_frag, 0);
	kfree_skb(skb);

	/* A sleeping request goes through __alloc_skb(): a kmalloc head. */
	skb = __netdev_alloc_skb(&skb_test_dev, 1500, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_fresh(test, skb, NET_SKB_PAD, 2048 - SHINFO_SIZE);
	kfree_skb(skb);

	/* Too big for one page's fragment: __alloc_skb() too. */
	skb = netdev_alloc_skb(NULL, 4000);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_fresh(test, skb, NET_SKB_PAD, 8192 - SHINFO_SIZE);
	KUNIT_EXPECT_NULL(test, skb->dev);
	kfree_skb(skb);

	skb = dev_alloc_skb(10);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_fresh(test, skb, NET_SKB_PAD, SMALL_HEAD_ROOM);
	KUNIT_EXPECT_NULL(test, skb->dev);
	kfree_skb(skb);

	skb = __dev_alloc_skb(10, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_fresh(test, skb, NET_SKB_PAD, SMALL_HEAD_ROOM);
	kfree_skb(skb);

	skb = netdev_alloc_skb_ip_align(&skb_test_dev, 60);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), (unsigned int)(NET_SKB_PAD + NET_IP_ALIGN));
	kfree_skb(skb);
}

static void skbuff_put_push_pull(struct kunit *test)
{
	static const u8 payload[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct sk_buff *skb = must_alloc(test, 200, GFP_KERNEL);
	int room = skb_tailroom(skb);
	unsigned char *p, *data;

	skb_reserve(skb, 64);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 64U);
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), room - 64);
	KUNIT_EXPECT_EQ(test, skb->len, 0U);

	p = skb_put(skb, 100);
	KUNIT_EXPECT_PTR_EQ(test, p, skb->data);
	KUNIT_EXPECT_EQ(test, skb->len, 100U);
	KUNIT_EXPECT_EQ(test, skb_headlen(skb), 100U);
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), room - 164);
	KUNIT_EXPECT_PTR_EQ(test, skb_tail_pointer(skb), skb->data + 100);
	memset(p, 0xaa, 100);

	p = skb_put_data(skb, payload, sizeof(payload));
	KUNIT_EXPECT_PTR_EQ(test, p, skb->data + 100);
	KUNIT_EXPECT_EQ(test, memcmp(p, payload, sizeof(payload)), 0);
	KUNIT_EXPECT_EQ(test, skb->len, 108U);

	memset(skb_tail_pointer(skb), 0xff, 4);
	p = skb_put_zero(skb, 4);
	KUNIT_EXPECT_PTR_EQ(test, p, skb->data + 108);
	KUNIT_EXPECT_EQ(test, p[0] | p[1] | p[2] | p[3], 0);
	KUNIT_EXPECT_EQ(test, skb->len, 112U);

	data = skb->data;
	p = skb_push(skb, ETH_HLEN);
	KUNIT_EXPECT_PTR_EQ(test, p, data - ETH_HLEN);
	KUNIT_EXPECT_PTR_EQ(test, skb->data, p);
	KUNIT_EXPECT_EQ(test, skb->len, 112U + ETH_HLEN);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 64U - ETH_HLEN);
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), room - 176);

	p = skb_pull(skb, ETH_HLEN);
	KUNIT_EXPECT_PTR_EQ(test, p, data);
	KUNIT_EXPECT_EQ(test, skb->len, 112U);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 64U);

	/* Pulling more than there is changes nothing. */
	KUNIT_EXPECT_NULL(test, skb_pull(skb, 113));
	KUNIT_EXPECT_PTR_EQ(test, skb->data, data);
	KUNIT_EXPECT_EQ(test, skb->len, 112U);
	KUNIT_EXPECT_NULL(test, skb_pull_data(skb, 113));
	KUNIT_EXPECT_PTR_EQ(test, skb_pull_data(skb, 2), data);
	KUNIT_EXPECT_PTR_EQ(test, skb->data, data + 2);
	KUNIT_EXPECT_PTR_EQ(test, __skb_pull(skb, 2), data + 4);
	KUNIT_EXPECT_EQ(test, skb->len, 108U);
	KUNIT_EXPECT_PTR_EQ(test, __skb_push(skb, 4), data);
	KUNIT_EXPECT_EQ(test, skb->len, 112U);

	/* pskb_may_pull on a linear buffer: yes up to len, then "too small". */
	KUNIT_EXPECT_TRUE(test, pskb_may_pull(skb, 0));
	KUNIT_EXPECT_TRUE(test, pskb_may_pull(skb, 112));
	KUNIT_EXPECT_FALSE(test, pskb_may_pull(skb, 113));
	KUNIT_EXPECT_EQ(test, pskb_may_pull_reason(skb, 113), SKB_DROP_REASON_PKT_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, pskb_may_pull_reason(skb, 50), SKB_NOT_DROPPED_YET);
	KUNIT_EXPECT_PTR_EQ(test, pskb_pull(skb, 10), data + 10);
	KUNIT_EXPECT_NULL(test, pskb_pull(skb, 200));
	skb_push(skb, 10);

	/* skb_trim only shortens. */
	skb_trim(skb, 500);
	KUNIT_EXPECT_EQ(test, skb->len, 112U);
	skb_trim(skb, 50);
	KUNIT_EXPECT_EQ(test, skb->len, 50U);
	KUNIT_EXPECT_PTR_EQ(test, skb_tail_pointer(skb), skb->data + 50);
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), room - 114);
	KUNIT_EXPECT_EQ(test, pskb_trim(skb, 40), 0);
	KUNIT_EXPECT_EQ(test, skb->len, 40U);
	__skb_trim(skb, 30);
	KUNIT_EXPECT_EQ(test, skb->len, 30U);
	KUNIT_EXPECT_EQ(test, skb->data[0], 0xaa);

	/* Filling the tailroom exactly is allowed. */
	skb_put(skb, skb_tailroom(skb));
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), 0);
	KUNIT_EXPECT_EQ(test, skb->tail, skb->end);
	/* And so is emptying the headroom. */
	skb_push(skb, skb_headroom(skb));
	KUNIT_EXPECT_PTR_EQ(test, skb->data, skb->head);
	KUNIT_EXPECT_EQ(test, skb->len, skb->end);
	kfree_skb(skb);
}

static void skbuff_header_offsets(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 256, GFP_KERNEL);
	struct ethhdr *eth;

	skb_reserve(skb, 32);
	skb_put_zero(skb, 60);
	skb_reset_mac_header(skb);
	KUNIT_EXPECT_TRUE(test, skb_mac_header_was_set(skb));
	/* Offsets from head, 16 bits. */
	KUNIT_EXPECT_EQ(test, skb->mac_header, 32);
	KUNIT_EXPECT_PTR_EQ(test, skb_mac_header(skb), skb->data);
	KUNIT_EXPECT_EQ(test, skb_mac_offset(skb), 0);
	eth = eth_hdr(skb);
	KUNIT_EXPECT_PTR_EQ(test, (void *)eth, (void *)skb->data);
	KUNIT_EXPECT_PTR_EQ(test, (void *)skb_eth_hdr(skb), (void *)skb->data);
	eth->h_proto = htons(ETH_P_IP);

	skb_set_network_header(skb, ETH_HLEN);
	KUNIT_EXPECT_EQ(test, skb->network_header, 32 + ETH_HLEN);
	KUNIT_EXPECT_PTR_EQ(test, skb_network_header(skb), skb->data + ETH_HLEN);
	KUNIT_EXPECT_EQ(test, skb_network_offset(skb), ETH_HLEN);
	KUNIT_EXPECT_EQ(test, skb_mac_header_len(skb), (u32)ETH_HLEN);
	skb_reset_mac_len(skb);
	KUNIT_EXPECT_EQ(test, skb->mac_len, ETH_HLEN);

	skb_pull(skb, ETH_HLEN);
	/* Pulling moves data, not the header offsets. */
	KUNIT_EXPECT_PTR_EQ(test, (void *)eth_hdr(skb), (void *)eth);
	KUNIT_EXPECT_EQ(test, ntohs(eth_hdr(skb)->h_proto), ETH_P_IP);
	KUNIT_EXPECT_EQ(test, skb_mac_offset(skb), -ETH_HLEN);
	skb_reset_network_header(skb);
	KUNIT_EXPECT_EQ(test, skb_network_offset(skb), 0);
	skb_set_transport_header(skb, 20);
	KUNIT_EXPECT_TRUE(test, skb_transport_header_was_set(skb));
	KUNIT_EXPECT_EQ(test, skb->transport_header, 32 + ETH_HLEN + 20);
	KUNIT_EXPECT_EQ(test, skb_transport_offset(skb), 20);
	KUNIT_EXPECT_EQ(test, skb_network_header_len(skb), 20U);
	skb_reset_transport_header(skb);
	KUNIT_EXPECT_PTR_EQ(test, skb_transport_header(skb), skb->data);
	skb_unset_transport_header(skb);
	KUNIT_EXPECT_FALSE(test, skb_transport_header_was_set(skb));
	skb_set_mac_header(skb, -ETH_HLEN);
	KUNIT_EXPECT_EQ(test, skb->mac_header, 32);
	skb_unset_mac_header(skb);
	KUNIT_EXPECT_FALSE(test, skb_mac_header_was_set(skb));
	kfree_skb(skb);
}

/* The data moved by @off: every offset that is set follows; an unset mac header stays unset. */
static void skbuff_headers_offset_update(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);

	skb_reserve(skb, 20);
	skb_put(skb, 40);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, 20);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = 40;
	skb_headers_offset_update(skb, 8);
	KUNIT_EXPECT_EQ(test, skb->network_header, 28);
	KUNIT_EXPECT_EQ(test, skb->transport_header, 48);
	KUNIT_EXPECT_EQ(test, skb->csum_start, 48);
	KUNIT_EXPECT_FALSE(test, skb_mac_header_was_set(skb));
	skb_reset_mac_header(skb);
	skb->ip_summed = CHECKSUM_COMPLETE;
	skb->csum = 1234;
	skb_headers_offset_update(skb, -4);
	KUNIT_EXPECT_EQ(test, skb->mac_header, 16);
	KUNIT_EXPECT_EQ(test, skb->network_header, 24);
	/* csum is not an offset unless CHECKSUM_PARTIAL. */
	KUNIT_EXPECT_EQ(test, skb->csum, 1234U);
	kfree_skb(skb);
}

static void skbuff_get_and_free(struct kunit *test)
{
	long base = live_skbs(test);
	struct sk_buff *skb = must_alloc(test, 10, GFP_KERNEL);

	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 1);
	KUNIT_EXPECT_PTR_EQ(test, skb_get(skb), skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 2U);
	KUNIT_EXPECT_TRUE(test, skb_shared(skb));
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1U);
	KUNIT_EXPECT_FALSE(test, skb_shared(skb));
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 1);
	skb_get(skb);
	skb_get(skb);
	consume_skb(skb);
	kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 1);
	consume_skb(skb);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);

	/* NULL is ignored by every free. */
	kfree_skb(NULL);
	consume_skb(NULL);
	dev_kfree_skb(NULL);
	dev_kfree_skb_any(NULL);
	dev_kfree_skb_irq(NULL);
	kfree_skb_list(NULL);
}

/* A count already at zero: refcount_t's underflow warning, and nothing is freed. */
static void skbuff_free_with_zero_users(struct kunit *test)
{
	long base = live_skbs(test);
	struct sk_buff *skb = must_alloc(test, 10, GFP_KERNEL);

	krt_refcount_clear_warn_once();
	krt_printk_capture_begin(false);
	refcount_set(&skb->users, 0);
	kfree_skb(skb);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(MSG_SUB_UAF));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: CPU: "));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 1);

	/* The saturated count is restored for the real free. */
	refcount_set(&skb->users, 1);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
}

static int destructor_calls;

static void count_destructor(struct sk_buff *skb)
{
	destructor_calls++;
}

static void skbuff_clone_shares_data(struct kunit *test)
{
	long base = live_skbs(test);
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);
	struct sk_buff *clone, *clone2;
	unsigned char *head;

	skb_reserve(skb, 16);
	memset(skb_put(skb, 50), 0x11, 50);
	memcpy(skb->cb, "control", 8);
	skb->protocol = htons(ETH_P_ARP);
	skb->mark = 7;
	skb->priority = 3;
	skb->dev = &skb_test_dev;
	skb_reset_mac_header(skb);
	skb->destructor = count_destructor;
	destructor_calls = 0;
	head = skb->head;

	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 2);
	KUNIT_EXPECT_PTR_NE(test, clone, skb);
	KUNIT_EXPECT_PTR_EQ(test, clone->head, head);
	KUNIT_EXPECT_PTR_EQ(test, clone->data, skb->data);
	KUNIT_EXPECT_EQ(test, clone->len, 50U);
	KUNIT_EXPECT_EQ(test, clone->tail, skb->tail);
	KUNIT_EXPECT_EQ(test, clone->end, skb->end);
	KUNIT_EXPECT_EQ(test, clone->truesize, skb->truesize);
	KUNIT_EXPECT_EQ(test, clone->mac_header, skb->mac_header);
	KUNIT_EXPECT_EQ(test, clone->protocol, htons(ETH_P_ARP));
	KUNIT_EXPECT_EQ(test, clone->mark, 7U);
	KUNIT_EXPECT_EQ(test, clone->priority, 3U);
	KUNIT_EXPECT_PTR_EQ(test, clone->dev, &skb_test_dev);
	KUNIT_EXPECT_STREQ(test, clone->cb, "control");
	KUNIT_EXPECT_NULL(test, clone->destructor);
	KUNIT_EXPECT_EQ(test, refcount_read(&clone->users), 1U);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1U);
	KUNIT_EXPECT_EQ(test, (int)skb->cloned, 1);
	KUNIT_EXPECT_EQ(test, (int)clone->cloned, 1);
	KUNIT_EXPECT_TRUE(test, skb_cloned(skb));
	KUNIT_EXPECT_TRUE(test, skb_cloned(clone));
	KUNIT_EXPECT_TRUE(test, skb_header_cloned(skb));
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 2);
	KUNIT_EXPECT_PTR_EQ(test, (void *)skb_shinfo(clone), (void *)skb_shinfo(skb));

	/* One head: a write through either is seen through the other. */
	clone->data[0] = 0x22;
	KUNIT_EXPECT_EQ(test, skb->data[0], 0x22);
	skb->data[49] = 0x33;
	KUNIT_EXPECT_EQ(test, clone->data[49], 0x33);
	/* The sk_buffs themselves are separate. */
	skb_pull(clone, 10);
	KUNIT_EXPECT_EQ(test, skb->len, 50U);
	KUNIT_EXPECT_EQ(test, clone->len, 40U);

	clone2 = skb_clone(clone, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone2);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 3);
	KUNIT_EXPECT_PTR_EQ(test, clone2->data, clone->data);

	/* The original goes first: its destructor runs, the head stays. */
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(clone)->dataref), 2);
	KUNIT_EXPECT_EQ(test, clone->data[39], 0x33);
	consume_skb(clone2);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(clone)->dataref), 1);
	/* The last one alone: cloned, but no longer sharing. */
	KUNIT_EXPECT_EQ(test, (int)clone->cloned, 1);
	KUNIT_EXPECT_FALSE(test, skb_cloned(clone));
	KUNIT_EXPECT_EQ(test, clone->data[0], 0x11);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
}

/* The clone goes first; the original still owns the head and frees it. */
static void skbuff_clone_freed_first(struct kunit *test)
{
	long small = slab_active(test, "skbuff_small_head", NULL);
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);
	struct sk_buff *clone;

	memset(skb_put(skb, 20), 0x44, 20);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_small_head", NULL), small + 1);
	kfree_skb(clone);
	KUNIT_EXPECT_FALSE(test, skb_cloned(skb));
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 1);
	KUNIT_EXPECT_EQ(test, skb->data[19], 0x44);
	KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_small_head", NULL), small + 1);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_small_head", NULL), small);
}

/* __skb_header_release(): clones carry payload only; the dataref halves count them. */
static void skbuff_header_release(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);
	struct sk_buff *clone;

	skb_reserve(skb, 40);
	skb_put(skb, 10);
	__skb_header_release(skb);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 1 + (1 << 16));
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, clone->hdr_len, 40);
	KUNIT_EXPECT_EQ(test, (int)clone->nohdr, 0);
	KUNIT_EXPECT_TRUE(test, skb_cloned(clone));
	/* The only clone may write the headers. */
	KUNIT_EXPECT_FALSE(test, skb_header_cloned(clone));
	/* Freeing the payload-only owner takes both halves of its share. */
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(clone)->dataref), 1);
	kfree_skb(clone);
}

static void skbuff_copy_is_private(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 1000, GFP_KERNEL);
	struct sk_buff *copy, *clone;
	int i;

	skb_reserve(skb, 64);
	for (i = 0; i < 300; i++)
		skb_put_u8(skb, i);
	/* Headers already in the headroom are copied too. */
	memcpy(skb_push(skb, ETH_HLEN), "ethernet-hdr..", ETH_HLEN);
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	skb->protocol = htons(ETH_P_IPV6);
	memcpy(skb->cb, "cb", 3);
	skb_shinfo(skb)->gso_size = 1448;
	skb_shinfo(skb)->gso_segs = 3;
	skb_get(skb);

	copy = skb_copy(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_PTR_NE(test, copy->head, skb->head);
	KUNIT_EXPECT_EQ(test, copy->len, 300U);
	KUNIT_EXPECT_EQ(test, skb_headroom(copy), skb_headroom(skb));
	KUNIT_EXPECT_EQ(test, copy->end, skb->end);
	KUNIT_EXPECT_EQ(test, copy->mac_header, skb->mac_header);
	KUNIT_EXPECT_EQ(test, copy->network_header, skb->network_header);
	KUNIT_EXPECT_EQ(test, copy->protocol, htons(ETH_P_IPV6));
	KUNIT_EXPECT_STREQ(test, copy->cb, "cb");
	/* skb_copy_header(): the GSO fields of the shared info come along. */
	KUNIT_EXPECT_EQ(test, skb_shinfo(copy)->gso_size, 1448);
	KUNIT_EXPECT_EQ(test, skb_shinfo(copy)->gso_segs, 3);
	KUNIT_EXPECT_EQ(test, memcmp(copy->data, skb->data, 300), 0);
	KUNIT_EXPECT_EQ(test, memcmp(eth_hdr(copy), "ethernet-hdr..", ETH_HLEN), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&copy->users), 1U);
	KUNIT_EXPECT_FALSE(test, skb_cloned(copy));
	KUNIT_EXPECT_FALSE(test, skb_cloned(skb));
	KUNIT_EXPECT_EQ(test, (int)copy->cloned, 0);
	/* Nothing is shared. */
	copy->data[0] = 0x99;
	KUNIT_EXPECT_EQ(test, skb->data[0], 0);
	kfree_skb(skb);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, copy->data[299], (u8)299);

	/* A copy of a clone does not share either. */
	clone = skb_clone(copy, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	skb = skb_copy(clone, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_FALSE(test, skb_cloned(skb));
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(copy)->dataref), 2);
	kfree_skb(clone);
	kfree_skb(copy);
	KUNIT_EXPECT_EQ(test, skb->data[0], 0x99);
	kfree_skb(skb);
}

static void skbuff_unshare_and_share_check(struct kunit *test)
{
	long base = live_skbs(test);
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);
	struct sk_buff *clone, *n;

	skb_put_zero(skb, 10);
	/* Neither cloned nor shared: the same buffer back. */
	KUNIT_EXPECT_PTR_EQ(test, skb_unshare(skb, GFP_KERNEL), skb);
	KUNIT_EXPECT_PTR_EQ(test, skb_share_check(skb, GFP_KERNEL), skb);

	/* Cloned: a private copy, the clone's reference to the shared data dropped. */
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	n = skb_unshare(clone, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_PTR_NE(test, n->head, skb->head);
	KUNIT_EXPECT_FALSE(test, skb_cloned(n));
	KUNIT_EXPECT_FALSE(test, skb_cloned(skb));
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 2);
	kfree_skb(n);

	/* Shared: a clone for us, our reference to the original dropped. */
	skb_get(skb);
	n = skb_share_check(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_PTR_NE(test, n, skb);
	KUNIT_EXPECT_PTR_EQ(test, n->head, skb->head);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1U);
	KUNIT_EXPECT_EQ(test, refcount_read(&n->users), 1U);
	KUNIT_EXPECT_TRUE(test, skb_cloned(n));
	kfree_skb(skb);
	kfree_skb(n);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
}

static void skbuff_copy_bits(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);
	u8 buf[64], *p;
	int i;

	skb_reserve(skb, 8);
	for (i = 0; i < 40; i++)
		skb_put_u8(skb, 100 + i);
	memset(skb->head, 0x5a, 8);

	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 0, buf, 40), 0);
	KUNIT_EXPECT_EQ(test, memcmp(buf, skb->data, 40), 0);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 30, buf, 10), 0);
	KUNIT_EXPECT_EQ(test, buf[0], 130);
	KUNIT_EXPECT_EQ(test, buf[9], 139);
	/* A negative offset reads the headroom. */
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, -8, buf, 10), 0);
	KUNIT_EXPECT_EQ(test, buf[7], 0x5a);
	KUNIT_EXPECT_EQ(test, buf[8], 100);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 40, buf, 0), 0);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 31, buf, 10), -EFAULT);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 0, buf, 41), -EFAULT);

	p = skb_header_pointer(skb, 4, 8, buf);
	KUNIT_EXPECT_PTR_EQ(test, p, skb->data + 4);
	KUNIT_EXPECT_NULL(test, skb_header_pointer(skb, 36, 8, buf));
	kfree_skb(skb);
}

static void skbuff_queue_ops(struct kunit *test)
{
	long base = live_skbs(test);
	struct sk_buff_head q, tmp;
	struct sk_buff *skb[5], *s, *n;
	int i;

	skb_queue_head_init(&q);
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&q));
	KUNIT_EXPECT_TRUE(test, skb_queue_empty_lockless(&q));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 0U);
	KUNIT_EXPECT_NULL(test, skb_peek(&q));
	KUNIT_EXPECT_NULL(test, skb_peek_tail(&q));
	KUNIT_EXPECT_NULL(test, skb_dequeue(&q));
	KUNIT_EXPECT_NULL(test, skb_dequeue_tail(&q));

	for (i = 0; i < ARRAY_SIZE(skb); i++) {
		skb[i] = must_alloc(test, 0, GFP_KERNEL);
		skb[i]->mark = i;
	}
	skb_queue_tail(&q, skb[1]);
	skb_queue_tail(&q, skb[2]);
	skb_queue_head(&q, skb[0]);
	skb_append(skb[2], skb[3], &q);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 4U);
	KUNIT_EXPECT_EQ(test, skb_queue_len_lockless(&q), 4U);
	KUNIT_EXPECT_FALSE(test, skb_queue_empty(&q));
	KUNIT_EXPECT_PTR_EQ(test, skb_peek(&q), skb[0]);
	KUNIT_EXPECT_PTR_EQ(test, skb_peek_tail(&q), skb[3]);
	KUNIT_EXPECT_PTR_EQ(test, skb_peek_next(skb[0], &q), skb[1]);
	KUNIT_EXPECT_NULL(test, skb_peek_next(skb[3], &q));
	KUNIT_EXPECT_TRUE(test, skb_queue_is_first(&q, skb[0]));
	KUNIT_EXPECT_TRUE(test, skb_queue_is_last(&q, skb[3]));
	KUNIT_EXPECT_PTR_EQ(test, skb_queue_next(&q, skb[1]), skb[2]);
	KUNIT_EXPECT_PTR_EQ(test, skb_queue_prev(&q, skb[1]), skb[0]);
	i = 0;
	skb_queue_walk(&q, s)
		KUNIT_EXPECT_EQ(test, s->mark, (u32)i++);
	KUNIT_EXPECT_EQ(test, i, 4);
	skb_queue_reverse_walk(&q, s)
		KUNIT_EXPECT_EQ(test, s->mark, (u32)--i);

	skb_unlink(skb[1], &q);
	KUNIT_EXPECT_NULL(test, skb[1]->next);
	KUNIT_EXPECT_NULL(test, skb[1]->prev);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 3U);
	KUNIT_EXPECT_PTR_EQ(test, skb_dequeue(&q), skb[0]);
	KUNIT_EXPECT_PTR_EQ(test, skb_dequeue_tail(&q), skb[3]);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 1U);

	/* The lockless variants, and a splice. */
	__skb_queue_head_init(&tmp);
	__skb_queue_tail(&tmp, skb[3]);
	__skb_queue_head(&tmp, skb[0]);
	__skb_queue_after(&tmp, skb[0], skb[1]);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&tmp), 3U);
	KUNIT_EXPECT_PTR_EQ(test, __skb_dequeue_tail(&tmp), skb[3]);
	__skb_queue_before(&tmp, skb[0], skb[3]);
	KUNIT_EXPECT_PTR_EQ(test, __skb_dequeue(&tmp), skb[3]);
	__skb_unlink(skb[1], &tmp);
	__skb_queue_tail(&tmp, skb[1]);
	skb_queue_splice_tail_init(&tmp, &q);
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&tmp));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 3U);
	i = 0;
	skb_queue_walk_safe(&q, s, n) {
		static const u32 spliced[] = { 2, 0, 1 };

		KUNIT_EXPECT_EQ(test, s->mark, spliced[i++]);
	}
	KUNIT_EXPECT_EQ(test, i, 3);
	__skb_queue_tail(&tmp, skb[3]);
	skb_queue_splice_init(&tmp, &q);
	KUNIT_EXPECT_PTR_EQ(test, skb_peek(&q), skb[3]);
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&tmp));
	__skb_queue_tail(&q, skb[4]);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 5U);

	/* Purging drops one reference to each: the one with two users survives. */
	skb_get(skb[4]);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 5);
	skb_queue_purge(&q);
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&q));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 0U);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 1);
	__skb_queue_tail(&q, skb[4]);
	__skb_queue_purge(&q);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
	skb_queue_purge(&q);
}

static void skbuff_orphan_and_destructor(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 0, GFP_KERNEL);

	destructor_calls = 0;
	skb->destructor = count_destructor;
	skb_orphan(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	KUNIT_EXPECT_NULL(test, skb->destructor);
	KUNIT_EXPECT_NULL(test, skb->sk);
	/* Without a destructor and socket, nothing to do. */
	skb_orphan(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);

	/* Every free runs the destructor once, with the last reference. */
	skb = must_alloc(test, 0, GFP_KERNEL);
	skb->destructor = count_destructor;
	skb_get(skb);
	consume_skb(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	dev_kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 2);
}

static void skbuff_free_list(struct kunit *test)
{
	long base = live_skbs(test);
	struct sk_buff *a = must_alloc(test, 0, GFP_KERNEL);
	struct sk_buff *b = must_alloc(test, 0, GFP_KERNEL);
	struct sk_buff *c = must_alloc(test, 0, GFP_KERNEL);

	a->next = b;
	b->next = c;
	skb_get(b);
	kfree_skb_list(a);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 1);
	b->next = NULL;
	kfree_skb_list_reason(b, SKB_DROP_REASON_DEV_READY);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
}

/* What the destructor saw when a deferred free ran. */
static struct {
	struct completion done;
	struct task_struct *task;
	bool softirq, irqs_off;
} irq_free;

static void irq_free_destructor(struct sk_buff *skb)
{
	irq_free.task = current;
	irq_free.softirq = in_serving_softirq();
	irq_free.irqs_off = irqs_disabled();
	complete(&irq_free.done);
}

static void expect_deferred_free(struct kunit *test, void (*free)(struct sk_buff *skb),
				 bool irqs_off)
{
	long base = live_skbs(test);
	struct sk_buff *skb = must_alloc(test, 0, GFP_KERNEL);
	unsigned long flags = 0;

	init_completion(&irq_free.done);
	irq_free.task = NULL;
	skb->destructor = irq_free_destructor;
	if (irqs_off)
		local_irq_save(flags);
	free(skb);
	if (irqs_off)
		local_irq_restore(flags);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&irq_free.done, 10 * HZ), 0UL);
	/* Settling the counter waits for the bottom half, done with the completion too. */
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
	/* Freed later, by a bottom half: not here, not with interrupts off. */
	KUNIT_EXPECT_PTR_NE(test, irq_free.task, current);
	KUNIT_EXPECT_TRUE(test, irq_free.softirq);
	KUNIT_EXPECT_FALSE(test, irq_free.irqs_off);
}

static void free_irq(struct sk_buff *skb)
{
	dev_kfree_skb_irq(skb);
}

static void consume_irq(struct sk_buff *skb)
{
	dev_consume_skb_irq(skb);
}

static void free_any(struct sk_buff *skb)
{
	dev_kfree_skb_any(skb);
}

static void consume_any(struct sk_buff *skb)
{
	dev_consume_skb_any(skb);
}

static void skbuff_free_from_irq(struct kunit *test)
{
	long base = live_skbs(test);
	struct sk_buff *skb;

	expect_deferred_free(test, free_irq, true);
	expect_deferred_free(test, consume_irq, false);
	expect_deferred_free(test, free_any, true);
	expect_deferred_free(test, consume_any, true);

	/* With another user left, only the count drops. */
	skb = must_alloc(test, 0, GFP_KERNEL);
	skb_get(skb);
	dev_kfree_skb_irq(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1U);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base + 1);

	/* In task context the _any variants free on the spot. */
	destructor_calls = 0;
	skb->destructor = count_destructor;
	dev_kfree_skb_any(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	skb = must_alloc(test, 0, GFP_KERNEL);
	skb->destructor = count_destructor;
	dev_consume_skb_any(skb);
	KUNIT_EXPECT_EQ(test, destructor_calls, 2);
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
}

static void skbuff_scrub_and_queue_mapping(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 0, GFP_KERNEL);

	skb->pkt_type = PACKET_OTHERHOST;
	skb->skb_iif = 5;
	skb->mark = 9;
	skb->tstamp = 1234;
	skb_scrub_packet(skb, false);
	KUNIT_EXPECT_EQ(test, (int)skb->pkt_type, PACKET_HOST);
	KUNIT_EXPECT_EQ(test, skb->skb_iif, 0);
	KUNIT_EXPECT_EQ(test, skb->mark, 9U);
	skb_scrub_packet(skb, true);
	KUNIT_EXPECT_EQ(test, skb->mark, 0U);
	KUNIT_EXPECT_EQ(test, skb->tstamp, 0);

	KUNIT_EXPECT_FALSE(test, skb_rx_queue_recorded(skb));
	skb_record_rx_queue(skb, 2);
	KUNIT_EXPECT_TRUE(test, skb_rx_queue_recorded(skb));
	KUNIT_EXPECT_EQ(test, skb_get_rx_queue(skb), 2);
	skb_set_queue_mapping(skb, 4);
	KUNIT_EXPECT_EQ(test, skb_get_queue_mapping(skb), 4);
	kfree_skb(skb);
}

/* A failed allocation of either part leaves nothing behind. */
static void skbuff_alloc_failure(struct kunit *test)
{
	long base = live_skbs(test);
	long heads = slab_active(test, "skbuff_head_cache", NULL);

	krt_printk_capture_begin(false);
	/* The second slab allocation is the head. */
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/thread-self/fail-nth", "2", 1), 1L);
	KUNIT_EXPECT_NULL(test, alloc_skb(100, GFP_ATOMIC));
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/thread-self/fail-nth", "2", 1), 1L);
	KUNIT_EXPECT_NULL(test, alloc_skb(1000, GFP_ATOMIC));
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/thread-self/fail-nth", "1", 1), 1L);
	KUNIT_EXPECT_NULL(test, netdev_alloc_skb(NULL, 100));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, live_skbs(test), base);
	KUNIT_EXPECT_EQ(test, slab_active(test, "skbuff_head_cache", NULL), heads);
}

/* --- the leak check ------------------------------------------------------------------------- */

static struct sk_buff *leaked_skb;

static void skbuff_inner_leak(struct kunit *test)
{
	leaked_skb = alloc_skb(10, GFP_KERNEL);
}

static struct kunit_case skbuff_leak_inner_cases[] = {
	KUNIT_CASE(skbuff_inner_leak),
	{}
};

static struct kunit_suite skbuff_leak_inner_suite = {
	.name = "skbuff_leak_inner",
	.test_cases = skbuff_leak_inner_cases,
};

static void skbuff_leak_fails_case(struct kunit *test)
{
	struct kunit_krt_result result = {};

	leaked_skb = NULL;
	kunit_krt_capture_begin();
	kunit_run_suite_krt(&skbuff_leak_inner_suite, &result);
	KUNIT_EXPECT_TRUE(test, kunit_krt_capture_contains(
		"leak check failed: sk_buffs: 1 more than before the test"));
	KUNIT_EXPECT_TRUE(test, kunit_krt_capture_contains("not ok 1 skbuff_inner_leak"));
	kunit_krt_capture_end();
	KUNIT_EXPECT_EQ(test, result.failed, 1UL);
	KUNIT_ASSERT_NOT_NULL(test, leaked_skb);
	kfree_skb(leaked_skb);
}

/* --- skb_over_panic / skb_under_panic ------------------------------------------------------- */

static struct {
	struct sk_buff *skb;
	bool push;
	unsigned int len;
	bool returned;
} panic_op;

static void skbuff_inner_panic(struct kunit *test)
{
	if (panic_op.push)
		skb_push(panic_op.skb, panic_op.len);
	else
		skb_put(panic_op.skb, panic_op.len);
	WRITE_ONCE(panic_op.returned, true);
}

static struct kunit_case skbuff_panic_inner_cases[] = {
	KUNIT_CASE(skbuff_inner_panic),
	{}
};

static struct kunit_suite skbuff_panic_inner_suite = {
	.name = "skbuff_panic_inner",
	.test_cases = skbuff_panic_inner_cases,
};

/*
 * Run the put/push of @len on @skb in the inner suite: it must BUG after the kernel's line,
 * whose fields are the buffer's state after the failed operation.
 */
static void expect_panic(struct kunit *test, struct sk_buff *skb, bool push, unsigned int len,
			 const char *dev)
{
	struct kunit_krt_result result = {};
	unsigned int exp_len = skb->len + len;
	unsigned long tail = skb->tail + (push ? 0 : len);
	unsigned char *data = skb->data - (push ? len : 0);
	char line[256];

	panic_op.skb = skb;
	panic_op.push = push;
	panic_op.len = len;
	panic_op.returned = false;
	krt_printk_capture_begin(false);
	kunit_krt_capture_begin();
	kunit_run_suite_krt(&skbuff_panic_inner_suite, &result);
	KUNIT_EXPECT_TRUE(test, kunit_krt_capture_contains("not ok 1 skbuff_inner_panic"));
	kunit_krt_capture_end();
	KUNIT_EXPECT_EQ(test, result.failed, 1UL);
	KUNIT_EXPECT_FALSE(test, panic_op.returned);

	snprintf(line, sizeof(line), "skbuff: %s: text:",
		 push ? "skb_under_panic" : "skb_over_panic");
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(line), "expected \"%s\" in:\n%s",
			      line, krt_printk_capture_text());
	snprintf(line, sizeof(line), " len:%u put:%u head:%px data:%px tail:%#lx end:%#lx dev:%s\n",
		 exp_len, len, skb->head, data, tail, (unsigned long)skb->end, dev);
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(line), "expected \"%s\" in:\n%s",
			      line, krt_printk_capture_text());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("kernel BUG at net/core/skbuff.c:"));
	krt_printk_capture_end();
}

static void skbuff_over_panic(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);
	unsigned int room;

	skb_reserve(skb, 16);
	skb_put(skb, 10);
	room = skb_tailroom(skb);
	expect_panic(test, skb, false, room + 1, "<NULL>");
	kfree_skb(skb);

	skb = netdev_alloc_skb(&skb_test_dev, 1500);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_panic(test, skb, false, 4096, "skbtest0");
	kfree_skb(skb);
}

static void skbuff_under_panic(struct kunit *test)
{
	struct sk_buff *skb = must_alloc(test, 100, GFP_KERNEL);

	skb_reserve(skb, 16);
	skb_put(skb, 10);
	expect_panic(test, skb, true, 17, "<NULL>");
	kfree_skb(skb);

	skb = netdev_alloc_skb(&skb_test_dev, 60);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	expect_panic(test, skb, true, NET_SKB_PAD + 1, "skbtest0");
	kfree_skb(skb);
}

static struct kunit_case skbuff_test_cases[] = {
	KUNIT_CASE(skbuff_layout),
	KUNIT_CASE(skbuff_alloc_small_head),
	KUNIT_CASE(skbuff_alloc_kmalloc_head),
	KUNIT_CASE(skbuff_alloc_special_gfp),
	KUNIT_CASE(skbuff_netdev_alloc),
	KUNIT_CASE(skbuff_put_push_pull),
	KUNIT_CASE(skbuff_header_offsets),
	KUNIT_CASE(skbuff_headers_offset_update),
	KUNIT_CASE(skbuff_get_and_free),
	KUNIT_CASE(skbuff_free_with_zero_users),
	KUNIT_CASE(skbuff_clone_shares_data),
	KUNIT_CASE(skbuff_clone_freed_first),
	KUNIT_CASE(skbuff_header_release),
	KUNIT_CASE(skbuff_copy_is_private),
	KUNIT_CASE(skbuff_unshare_and_share_check),
	KUNIT_CASE(skbuff_copy_bits),
	KUNIT_CASE(skbuff_queue_ops),
	KUNIT_CASE(skbuff_orphan_and_destructor),
	KUNIT_CASE(skbuff_free_list),
	KUNIT_CASE(skbuff_free_from_irq),
	KUNIT_CASE(skbuff_scrub_and_queue_mapping),
	KUNIT_CASE(skbuff_alloc_failure),
	KUNIT_CASE(skbuff_leak_fails_case),
	KUNIT_CASE(skbuff_over_panic),
	KUNIT_CASE(skbuff_under_panic),
	{}
};

static struct kunit_suite skbuff_test_suite = {
	.name = "skbuff",
	.test_cases = skbuff_test_cases,
};
kunit_test_suite(skbuff_test_suite);
