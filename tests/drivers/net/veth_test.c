// SPDX-License-Identifier: MIT
/*
 * The veth driver: a pair is made by one request (peer registered first, names from the
 * request or "veth%d"), deleting either end deletes both in one batch, priv_destructor frees
 * each end's queues, frames sent with dev_queue_xmit() on one end reach the packet handlers of
 * the other through netif_rx(), the carrier is up only while both ends are, a lone end cannot
 * open (-ENOTCONN), MTUs are ETH_MIN_MTU..ETH_MAX_MTU, and every failure of the pair's creation
 * leaves nothing behind.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <krt/leak.h>
#include <krt/link.h>
#include "tests/net/netdev_test_helpers.h"

#include "net/core/dev.h"

#define VETH_TEST_PROTO	ETH_P_802_EX1

static int add_pair(struct net *net, const char *name, const char *peer)
{
	struct krt_link_req req = {
		.kind = "veth", .link = { .name = name }, .peer = { .name = peer },
	};

	return krt_link_add(net, &req, NULL);
}

static int set_up(const char *name, bool up)
{
	struct krt_link_attrs a = { .up = up, .down = !up };

	return krt_link_set(NULL, name, &a, NULL);
}

static struct net_device *peer_of(struct net_device *dev)
{
	struct net_device *peer;

	rcu_read_lock();
	peer = dev->netdev_ops->ndo_get_peer_dev(dev);
	rcu_read_unlock();
	return peer;
}

static void veth_pair_created(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	struct net_device *v0, *v1;
	const struct rtnl_link_ops *ops;

	KUNIT_ASSERT_EQ(test, add_pair(NULL, "vt0", "vt1"), 0);
	v0 = find_dev(&init_net, "vt0");
	v1 = find_dev(&init_net, "vt1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs + 2);

	rtnl_lock();
	ops = rtnl_link_ops_get("veth");
	rtnl_unlock();
	KUNIT_EXPECT_PTR_EQ(test, v0->rtnl_link_ops, ops);
	KUNIT_EXPECT_PTR_EQ(test, v1->rtnl_link_ops, ops);
	KUNIT_EXPECT_TRUE(test, v0->rtnl_link_state == RTNL_LINK_INITIALIZED);
	KUNIT_EXPECT_TRUE(test, v1->rtnl_link_state == RTNL_LINK_INITIALIZED);

	/* Each is the other's peer and link; the peer was registered first. */
	KUNIT_EXPECT_PTR_EQ(test, peer_of(v0), v1);
	KUNIT_EXPECT_PTR_EQ(test, peer_of(v1), v0);
	KUNIT_EXPECT_EQ(test, dev_get_iflink(v0), v1->ifindex);
	KUNIT_EXPECT_EQ(test, dev_get_iflink(v1), v0->ifindex);
	KUNIT_EXPECT_LT(test, v1->ifindex, v0->ifindex);

	KUNIT_EXPECT_TRUE(test, v0->needs_free_netdev);
	KUNIT_EXPECT_NOT_NULL(test, v0->priv_destructor);
	KUNIT_EXPECT_EQ(test, (int)v0->pcpu_stat_type, NETDEV_PCPU_STAT_TSTATS);
	KUNIT_EXPECT_EQ(test, v0->max_mtu, ETH_MAX_MTU);
	KUNIT_EXPECT_EQ(test, v0->min_mtu, ETH_MIN_MTU);
	KUNIT_EXPECT_EQ(test, v0->real_num_tx_queues, 1);
	KUNIT_EXPECT_EQ(test, v0->real_num_rx_queues, 1);
	KUNIT_EXPECT_TRUE(test, v0->flags & IFF_MULTICAST);
	KUNIT_EXPECT_TRUE(test, v0->priv_flags & IFF_NO_QUEUE);
	KUNIT_EXPECT_FALSE(test, v0->priv_flags & IFF_TX_SKB_SHARING);
	KUNIT_EXPECT_EQ(test, v0->name_assign_type, NET_NAME_USER);
	KUNIT_EXPECT_EQ(test, v1->name_assign_type, NET_NAME_USER);
	/* Two different random addresses. */
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(v0->dev_addr));
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(v1->dev_addr));
	KUNIT_EXPECT_FALSE(test, ether_addr_equal(v0->dev_addr, v1->dev_addr));
	/* Down, and without carrier until both ends are up. */
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(v0));
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(v1));

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), 0);
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
}

/* Without names: the peer takes the lowest free vethN, then the device the next one. */
static void veth_default_names(struct kunit *test)
{
	struct krt_link_req req = { .kind = "veth" };
	struct net_device *v0, *v1, *v3;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	v0 = find_dev(&init_net, "veth0");
	v1 = find_dev(&init_net, "veth1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);
	KUNIT_EXPECT_PTR_EQ(test, peer_of(v1), v0);
	KUNIT_EXPECT_LT(test, v0->ifindex, v1->ifindex);
	KUNIT_EXPECT_EQ(test, v0->name_assign_type, NET_NAME_ENUM);
	KUNIT_EXPECT_EQ(test, v1->name_assign_type, NET_NAME_ENUM);

	/* A named device with an unnamed (but given) peer. */
	req.link.name = "vt9";
	req.peer_empty = true;
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	v3 = find_dev(&init_net, "vt9");
	KUNIT_ASSERT_NOT_NULL(test, v3);
	KUNIT_EXPECT_PTR_EQ(test, peer_of(v3), find_dev(&init_net, "veth2"));

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "veth1", NULL), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "veth2", NULL), 0);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "veth0"));
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt9"));
}

/* Deleting either end deletes the pair, in one batch: the grace periods of one device. */
static void veth_delete_one_deletes_both(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	unsigned long before, one, pair;

	KUNIT_ASSERT_EQ(test, add_pair(NULL, "vt0", "vt1"), 0);
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &(struct krt_link_req){
		.kind = "dummy", .link = { .name = "vtd" } }, NULL), 0);

	before = krt_synchronize_net_count();
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vtd", NULL), 0);
	one = krt_synchronize_net_count() - before;

	before = krt_synchronize_net_count();
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt1", NULL), 0);
	pair = krt_synchronize_net_count() - before;

	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt0"));
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt1"));
	KUNIT_EXPECT_EQ(test, pair, one);
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), -ENODEV);
}

static void (*veth_destructor)(struct net_device *dev);
static atomic_t veth_destructor_calls;

static void counting_destructor(struct net_device *dev)
{
	atomic_inc(&veth_destructor_calls);
	veth_destructor(dev);
}

/* priv_destructor runs for both ends after unregistration (and frees their queues). */
static void veth_priv_destructor_runs(struct kunit *test)
{
	struct net_device *v0, *v1;

	KUNIT_ASSERT_EQ(test, add_pair(NULL, "vt0", "vt1"), 0);
	v0 = find_dev(&init_net, "vt0");
	v1 = find_dev(&init_net, "vt1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);
	KUNIT_ASSERT_PTR_EQ(test, v0->priv_destructor, v1->priv_destructor);

	atomic_set(&veth_destructor_calls, 0);
	rtnl_lock();
	veth_destructor = v0->priv_destructor;
	v0->priv_destructor = counting_destructor;
	v1->priv_destructor = counting_destructor;
	rtnl_unlock();

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&veth_destructor_calls), 2);
}

/* ---- traffic ---- */

struct veth_rx {
	struct packet_type pt;
	atomic_t count;
	atomic_t bad;
	unsigned int len;
	u8 fill;
	const u8 *dst;
	struct net_device *expect_dev;
};

static int veth_rx_func(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
			struct net_device *orig_dev)
{
	struct veth_rx *rx = container_of(pt, struct veth_rx, pt);
	const struct ethhdr *eh = eth_hdr(skb);
	unsigned int i;
	bool ok = dev == rx->expect_dev && skb->dev == rx->expect_dev &&
		  skb->protocol == htons(VETH_TEST_PROTO) && skb->pkt_type == PACKET_HOST &&
		  skb->len == rx->len && ether_addr_equal(eh->h_dest, rx->dst);

	for (i = 0; ok && i < skb->len; i++)
		ok = skb->data[i] == rx->fill;
	if (!ok)
		atomic_inc(&rx->bad);
	atomic_inc(&rx->count);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static void veth_rx_init(struct veth_rx *rx, struct net_device *dev, unsigned int len, u8 fill)
{
	memset(rx, 0, sizeof(*rx));
	rx->pt.type = htons(VETH_TEST_PROTO);
	rx->pt.dev = dev;
	rx->pt.func = veth_rx_func;
	rx->len = len;
	rx->fill = fill;
	rx->dst = dev->dev_addr;
	rx->expect_dev = dev;
}

static struct sk_buff *veth_frame(struct net_device *from, const u8 *dst, unsigned int len,
				  u8 fill)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + len + NET_IP_ALIGN, GFP_KERNEL);
	struct ethhdr *eh;

	if (!skb)
		return NULL;
	skb_reserve(skb, NET_IP_ALIGN);
	eh = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eh->h_dest, dst);
	ether_addr_copy(eh->h_source, from->dev_addr);
	eh->h_proto = htons(VETH_TEST_PROTO);
	memset(skb_put(skb, len), fill, len);
	skb->dev = from;
	skb->protocol = htons(VETH_TEST_PROTO);
	return skb;
}

static bool wait_count(atomic_t *count, int want)
{
	unsigned long end = jiffies + 5 * HZ;

	while (atomic_read(count) < want && time_before(jiffies, end))
		msleep(1);
	return atomic_read(count) == want;
}

/* Frames sent on one end arrive at the packet handlers of the other, both ways. */
static void veth_traffic_flows(struct kunit *test)
{
	struct rtnl_link_stats64 s0, s1;
	struct net_device *v0, *v1;
	struct veth_rx rx0, rx1;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, add_pair(NULL, "vt0", "vt1"), 0);
	KUNIT_ASSERT_EQ(test, set_up("vt0", true), 0);
	KUNIT_ASSERT_EQ(test, set_up("vt1", true), 0);
	v0 = find_dev(&init_net, "vt0");
	v1 = find_dev(&init_net, "vt1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);

	veth_rx_init(&rx1, v1, 64, 0xa5);
	veth_rx_init(&rx0, v0, 100, 0x3c);
	dev_add_pack(&rx1.pt);
	dev_add_pack(&rx0.pt);

	for (i = 0; i < 50; i++)
		KUNIT_EXPECT_EQ(test, dev_queue_xmit(veth_frame(v0, v1->dev_addr, 64, 0xa5)),
				NET_XMIT_SUCCESS);
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_EQ(test, dev_queue_xmit(veth_frame(v1, v0->dev_addr, 100, 0x3c)),
				NET_XMIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, wait_count(&rx1.count, 50));
	KUNIT_EXPECT_TRUE(test, wait_count(&rx0.count, 20));
	KUNIT_EXPECT_EQ(test, atomic_read(&rx1.bad), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&rx0.bad), 0);

	/* What one end sent is what the other received, link-layer header included. */
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	KUNIT_EXPECT_EQ(test, s0.tx_packets, 50);
	KUNIT_EXPECT_EQ(test, s0.tx_bytes, 50 * (ETH_HLEN + 64));
	KUNIT_EXPECT_EQ(test, s1.rx_packets, 50);
	KUNIT_EXPECT_EQ(test, s1.rx_bytes, 50 * (ETH_HLEN + 64));
	KUNIT_EXPECT_EQ(test, s1.tx_packets, 20);
	KUNIT_EXPECT_EQ(test, s1.tx_bytes, 20 * (ETH_HLEN + 100));
	KUNIT_EXPECT_EQ(test, s0.rx_packets, 20);
	KUNIT_EXPECT_EQ(test, s0.rx_bytes, 20 * (ETH_HLEN + 100));
	KUNIT_EXPECT_EQ(test, s0.tx_dropped + s0.rx_dropped + s1.tx_dropped + s1.rx_dropped, 0);

	dev_remove_pack(&rx0.pt);
	dev_remove_pack(&rx1.pt);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), 0);
}

/* A frame too big for the peer's MTU is dropped: tx_dropped here, rx_dropped there. */
static void veth_drops_beyond_peer_mtu(struct kunit *test)
{
	struct krt_link_attrs small = { .mtu = 1000 };
	struct rtnl_link_stats64 s0, s1;
	struct net_device *v0, *v1;
	struct veth_rx rx1;

	KUNIT_ASSERT_EQ(test, add_pair(NULL, "vt0", "vt1"), 0);
	KUNIT_ASSERT_EQ(test, krt_link_set(NULL, "vt1", &small, NULL), 0);
	KUNIT_ASSERT_EQ(test, set_up("vt0", true), 0);
	KUNIT_ASSERT_EQ(test, set_up("vt1", true), 0);
	v0 = find_dev(&init_net, "vt0");
	v1 = find_dev(&init_net, "vt1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);
	veth_rx_init(&rx1, v1, 1000, 0x11);
	dev_add_pack(&rx1.pt);

	KUNIT_EXPECT_EQ(test, dev_queue_xmit(veth_frame(v0, v1->dev_addr, 1500, 0x11)),
			NET_XMIT_DROP);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(veth_frame(v0, v1->dev_addr, 1000, 0x11)),
			NET_XMIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, wait_count(&rx1.count, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&rx1.bad), 0);

	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	KUNIT_EXPECT_EQ(test, s0.tx_packets, 1);
	KUNIT_EXPECT_EQ(test, s0.tx_dropped, 1);
	KUNIT_EXPECT_EQ(test, s1.rx_dropped, 1);
	KUNIT_EXPECT_EQ(test, s1.rx_packets, 1);

	dev_remove_pack(&rx1.pt);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), 0);
}

/* The link is up when both ends are; closing either end takes it down for both. */
static void veth_carrier_follows_both_ends(struct kunit *test)
{
	struct net_device *v0, *v1;

	KUNIT_ASSERT_EQ(test, add_pair(NULL, "vt0", "vt1"), 0);
	v0 = find_dev(&init_net, "vt0");
	v1 = find_dev(&init_net, "vt1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);

	KUNIT_EXPECT_EQ(test, set_up("vt0", true), 0);
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(v0));
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(v1));
	KUNIT_EXPECT_TRUE(test, v0->flags & IFF_UP);
	KUNIT_EXPECT_FALSE(test, dev_get_flags(v0) & IFF_RUNNING);

	KUNIT_EXPECT_EQ(test, set_up("vt1", true), 0);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(v0));
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(v1));
	KUNIT_EXPECT_TRUE(test, dev_get_flags(v0) & IFF_LOWER_UP);

	KUNIT_EXPECT_EQ(test, set_up("vt0", false), 0);
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(v0));
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(v1));
	KUNIT_EXPECT_TRUE(test, v1->flags & IFF_UP);

	KUNIT_EXPECT_EQ(test, set_up("vt0", true), 0);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(v0));
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(v1));

	/* A frame sent while the peer is down goes nowhere: the sender has no carrier. */
	KUNIT_EXPECT_EQ(test, set_up("vt1", false), 0);
	KUNIT_EXPECT_NE(test, dev_queue_xmit(veth_frame(v0, v1->dev_addr, 64, 0)),
			NET_XMIT_SUCCESS);

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt1", NULL), 0);
}

/* A veth without a peer cannot be opened. */
static void veth_open_without_peer(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	const struct rtnl_link_ops *ops;
	struct net_device *dev;
	int err, open_err = 0;

	rtnl_lock();
	ops = rtnl_link_ops_get("veth");
	rtnl_unlock();
	KUNIT_ASSERT_NOT_NULL(test, ops);

	/* Registered without newlink, as rtnl_create_link() + register_netdevice() would. */
	dev = alloc_netdev(ops->priv_size, "vlone%d", NET_NAME_ENUM, ops->setup);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->rtnl_link_ops = ops;
	rtnl_lock();
	err = register_netdevice(dev);
	if (!err)
		open_err = dev_open(dev, NULL);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, open_err, -ENOTCONN);
	KUNIT_EXPECT_FALSE(test, dev->flags & IFF_UP);
	KUNIT_EXPECT_FALSE(test, netif_running(dev));
	KUNIT_EXPECT_NULL(test, peer_of(dev));
	KUNIT_EXPECT_EQ(test, dev_get_iflink(dev), 0);

	/* Through the link API: "ip link set vlone0 up". */
	KUNIT_EXPECT_EQ(test, set_up("vlone0", true), -ENOTCONN);
	KUNIT_EXPECT_FALSE(test, dev->flags & IFF_UP);

	/* Its dellink has no peer to take along. */
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vlone0", NULL), 0);
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
}

/* ETH_MIN_MTU..ETH_MAX_MTU, for each end, at creation and later. */
static void veth_mtu_limits(struct kunit *test)
{
	struct krt_link_req req = {
		.kind = "veth", .link = { .name = "vt0" }, .peer = { .name = "vt1" },
	};
	struct netlink_ext_ack extack = {};
	struct krt_link_attrs set = {};
	struct net_device *v0, *v1;

	req.link.mtu = ETH_MIN_MTU - 1;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
	req.link.mtu = ETH_MAX_MTU + 1;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
	req.link.mtu = 0;
	req.peer.mtu = ETH_MIN_MTU - 1;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt0"));
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt1"));

	req.link.mtu = ETH_MAX_MTU;
	req.peer.mtu = 9000;
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	v0 = find_dev(&init_net, "vt0");
	v1 = find_dev(&init_net, "vt1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);
	KUNIT_EXPECT_EQ(test, v0->mtu, ETH_MAX_MTU);
	KUNIT_EXPECT_EQ(test, v1->mtu, 9000);

	set.mtu = ETH_MAX_MTU + 1;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "vt1", &set, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "mtu greater than device maximum");
	set.mtu = ETH_MIN_MTU - 1;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "vt1", &set, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "mtu less than device minimum");
	set.mtu = ETH_MIN_MTU;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "vt1", &set, NULL), 0);
	KUNIT_EXPECT_EQ(test, v1->mtu, ETH_MIN_MTU);

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), 0);
}

/* veth_validate: the peer's address is checked like the device's. */
static void veth_validate_addresses(struct kunit *test)
{
	static const u8 mcast[ETH_ALEN] = { 0x33, 0x33, 0, 0, 0, 1 };
	static const u8 a0[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x10 };
	static const u8 a1[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x11 };
	struct krt_link_req req = {
		.kind = "veth", .link = { .name = "vt0" }, .peer = { .name = "vt1" },
	};
	struct net_device *v0, *v1;

	req.peer.address = mcast;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EADDRNOTAVAIL);
	req.peer.address = a1;
	req.peer.addr_len = 4;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
	req.link.address = mcast;
	req.peer.addr_len = 0;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EADDRNOTAVAIL);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt1"));

	req.link.address = a0;
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	v0 = find_dev(&init_net, "vt0");
	v1 = find_dev(&init_net, "vt1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);
	KUNIT_EXPECT_MEMEQ(test, v0->dev_addr, a0, ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, v1->dev_addr, a1, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), 0);
}

/* ---- creation failures leave nothing behind ---- */

static const char *veto_name;
static unsigned long veto_event;

static int veth_veto(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event == veto_event && veto_name && !strcmp(dev->name, veto_name))
		return notifier_from_errno(-EBUSY);
	return NOTIFY_DONE;
}

static struct notifier_block veth_veto_nb = { .notifier_call = veth_veto };

static void veth_error_paths(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	struct krt_link_req dummy = { .kind = "dummy", .link = { .name = "vtaken" } };

	/* The peer's name is taken: nothing was registered. */
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &dummy, NULL), 0);
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vt0", "vtaken"), -EEXIST);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt0"));
	/* The device's name is taken: refused before anything is made. */
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vtaken", "vt1"), -EEXIST);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt1"));
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vtaken", NULL), 0);
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);

	/* Both ends asked for the same name: the peer gets it, the device fails and the peer is
	 * unregistered again. */
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vsame", "vsame"), -EEXIST);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vsame"));
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);

	KUNIT_ASSERT_EQ(test, register_netdevice_notifier(&veth_veto_nb), 0);

	/* The peer fails after ndo_init: its queues are freed by priv_destructor. */
	veto_event = NETDEV_POST_INIT;
	veto_name = "vt1";
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vt0", "vt1"), -EBUSY);
	/* The device fails after ndo_init: the registered peer is unregistered. */
	veto_name = "vt0";
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vt0", "vt1"), -EBUSY);
	/* The device is vetoed at NETDEV_REGISTER: unregistered by the core, freed later. */
	veto_event = NETDEV_REGISTER;
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vt0", "vt1"), -EBUSY);
	/* Same for the peer. */
	veto_name = "vt1";
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vt0", "vt1"), -EBUSY);
	veto_name = NULL;

	KUNIT_EXPECT_EQ(test, unregister_netdevice_notifier(&veth_veto_nb), 0);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt0"));
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt1"));
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);

	/* And the names are free again. */
	KUNIT_EXPECT_EQ(test, add_pair(NULL, "vt0", "vt1"), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "vt0", NULL), 0);
}

/* A namespace going away deletes its pairs with the rest of its devices. */
static void veth_namespace_teardown(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	struct net *net = krt_net_create();

	KUNIT_ASSERT_FALSE(test, IS_ERR(net));
	KUNIT_EXPECT_EQ(test, add_pair(net, "vt0", "vt1"), 0);
	KUNIT_EXPECT_EQ(test, add_pair(net, "vt2", "vt3"), 0);
	KUNIT_EXPECT_NOT_NULL(test, find_dev(net, "vt3"));
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "vt3"));
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs + 4);
	put_net(net);
	net_ns_barrier();
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
}

static struct kunit_case veth_test_cases[] = {
	KUNIT_CASE(veth_pair_created),
	KUNIT_CASE(veth_default_names),
	KUNIT_CASE(veth_delete_one_deletes_both),
	KUNIT_CASE(veth_priv_destructor_runs),
	KUNIT_CASE(veth_traffic_flows),
	KUNIT_CASE(veth_drops_beyond_peer_mtu),
	KUNIT_CASE(veth_carrier_follows_both_ends),
	KUNIT_CASE(veth_open_without_peer),
	KUNIT_CASE(veth_mtu_limits),
	KUNIT_CASE(veth_validate_addresses),
	KUNIT_CASE(veth_error_paths),
	KUNIT_CASE(veth_namespace_teardown),
	{}
};

static struct kunit_suite veth_test_suite = {
	.name = "veth",
	.test_cases = veth_test_cases,
};
kunit_test_suite(veth_test_suite);
