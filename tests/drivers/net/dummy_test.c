// SPDX-License-Identifier: MIT
/*
 * The dummy driver: it counts and frees what it is given (the "sk_buffs" leak counter stays
 * balanced), its LSTATS counters reach dev_get_stats() from every thread, it takes any MTU,
 * validates the address of a creation request, is freed by the core after unregistration
 * (needs_free_netdev), and unregistering its kind deletes every dummy in every namespace.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/etherdevice.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <krt/leak.h>
#include <krt/link.h>
#include <krt/printk.h>
#include "tests/net/netdev_test_helpers.h"

static int add_dummy(struct net *net, const char *name, bool up)
{
	struct krt_link_req req = { .kind = "dummy", .link = { .name = name, .up = up } };

	return krt_link_add(net, &req, NULL);
}

static struct rtnl_link_ops *dummy_ops(void)
{
	const struct rtnl_link_ops *ops;

	rtnl_lock();
	ops = rtnl_link_ops_get("dummy");
	rtnl_unlock();
	return (struct rtnl_link_ops *)ops;
}

static struct sk_buff *dummy_frame(struct net_device *dev, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);

	if (!skb)
		return NULL;
	skb_put_zero(skb, len);
	skb->dev = dev;
	return skb;
}

/* The kind is registered at boot; no dummy0 is made (numdummies defaults to 0 in krt). */
static void dummy_kind_registered_at_boot(struct kunit *test)
{
	KUNIT_EXPECT_NOT_NULL(test, dummy_ops());
	KUNIT_EXPECT_STREQ(test, dummy_ops()->kind, "dummy");
	KUNIT_EXPECT_EQ(test, dummy_ops()->priv_size, 0);
	/* No dellink of its own: the core gave it unregister_netdevice_queue. */
	KUNIT_EXPECT_PTR_EQ(test, dummy_ops()->dellink, unregister_netdevice_queue);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "dummy0"));
}

static void dummy_setup_values(struct kunit *test)
{
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, add_dummy(NULL, "dmy0", false), 0);
	dev = find_dev(&init_net, "dmy0");
	KUNIT_ASSERT_NOT_NULL(test, dev);

	KUNIT_EXPECT_TRUE(test, dev->needs_free_netdev);
	KUNIT_EXPECT_NULL(test, dev->priv_destructor);
	KUNIT_EXPECT_PTR_EQ(test, dev->rtnl_link_ops, (const struct rtnl_link_ops *)dummy_ops());
	KUNIT_EXPECT_EQ(test, dev->type, ARPHRD_ETHER);
	KUNIT_EXPECT_TRUE(test, dev->flags & IFF_NOARP);
	KUNIT_EXPECT_FALSE(test, dev->flags & IFF_MULTICAST);
	KUNIT_EXPECT_TRUE(test, dev->flags & IFF_BROADCAST);
	KUNIT_EXPECT_TRUE(test, dev->priv_flags & IFF_LIVE_ADDR_CHANGE);
	KUNIT_EXPECT_TRUE(test, dev->priv_flags & IFF_NO_QUEUE);
	KUNIT_EXPECT_TRUE(test, dev->lltx);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_SG);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_HW_CSUM);
	KUNIT_EXPECT_EQ(test, dev->min_mtu, 0);
	KUNIT_EXPECT_EQ(test, dev->max_mtu, 0);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500);
	KUNIT_EXPECT_EQ(test, dev->tx_queue_len, DEFAULT_TX_QUEUE_LEN);
	KUNIT_EXPECT_EQ(test, (int)dev->pcpu_stat_type, NETDEV_PCPU_STAT_LSTATS);
	KUNIT_EXPECT_NOT_NULL(test, dev->lstats);
	KUNIT_EXPECT_EQ(test, dev->name_assign_type, NET_NAME_USER);
	/* A random, locally administered unicast address. */
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(dev->dev_addr));
	KUNIT_EXPECT_TRUE(test, dev->dev_addr[0] & 0x02);
	KUNIT_EXPECT_EQ(test, dev->addr_assign_type, NET_ADDR_RANDOM);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(dev));

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmy0", NULL), 0);
}

/* Without a name the kind's template is used: the lowest free dummyN. */
static void dummy_default_name(struct kunit *test)
{
	struct krt_link_req req = { .kind = "dummy" };
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = find_dev(&init_net, "dummy1");
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->name_assign_type, NET_NAME_ENUM);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dummy0", NULL), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dummy1", NULL), 0);
}

static void dummy_xmit_counts_and_frees(struct kunit *test)
{
	long skbs = leak_count(test, "sk_buffs");
	struct rtnl_link_stats64 st;
	struct net_device *dev;
	unsigned int i, bytes = 0;
	struct sk_buff *skb;

	KUNIT_ASSERT_EQ(test, add_dummy(NULL, "dmy0", true), 0);
	dev = find_dev(&init_net, "dmy0");
	KUNIT_ASSERT_NOT_NULL(test, dev);

	for (i = 0; i < 10; i++) {
		skb = dummy_frame(dev, 60 + i);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		bytes += 60 + i;
		KUNIT_EXPECT_EQ(test, dev_queue_xmit(skb), NETDEV_TX_OK);
	}
	/* Every packet was freed by the driver, at once. */
	KUNIT_EXPECT_EQ(test, leak_count(test, "sk_buffs"), skbs);

	dev_get_stats(dev, &st);
	KUNIT_EXPECT_EQ(test, st.tx_packets, 10);
	KUNIT_EXPECT_EQ(test, st.tx_bytes, bytes);
	KUNIT_EXPECT_EQ(test, st.rx_packets, 0);
	KUNIT_EXPECT_EQ(test, st.rx_bytes, 0);
	KUNIT_EXPECT_EQ(test, st.tx_dropped, 0);

	/* The driver's own transmit function counts what it is handed directly too. */
	skb = dummy_frame(dev, 100);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, dev->netdev_ops->ndo_start_xmit(skb, dev), NETDEV_TX_OK);
	local_bh_enable();
	dev_get_stats(dev, &st);
	KUNIT_EXPECT_EQ(test, st.tx_packets, 11);
	KUNIT_EXPECT_EQ(test, st.tx_bytes, bytes + 100);
	KUNIT_EXPECT_EQ(test, leak_count(test, "sk_buffs"), skbs);

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmy0", NULL), 0);
}

struct xmit_ctx {
	struct net_device *dev;
	unsigned int packets;
	unsigned int len;
	struct completion done;
};

static int dummy_xmit_thread(void *arg)
{
	struct xmit_ctx *c = arg;
	unsigned int i;

	for (i = 0; i < c->packets; i++)
		dev_queue_xmit(dummy_frame(c->dev, c->len));
	complete(&c->done);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* The per-"cpu" counters of all threads add up in dev_get_stats(). */
static void dummy_stats_from_threads(struct kunit *test)
{
	struct task_struct *threads[4];
	struct xmit_ctx ctx[4];
	struct rtnl_link_stats64 st;
	struct net_device *dev;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, add_dummy(NULL, "dmy0", true), 0);
	dev = find_dev(&init_net, "dmy0");
	KUNIT_ASSERT_NOT_NULL(test, dev);

	for (i = 0; i < ARRAY_SIZE(ctx); i++) {
		ctx[i].dev = dev;
		ctx[i].packets = 500;
		ctx[i].len = 64 + i;
		init_completion(&ctx[i].done);
		threads[i] = kthread_run(dummy_xmit_thread, &ctx[i], "dmy-xmit/%u", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(threads[i]));
	}
	for (i = 0; i < ARRAY_SIZE(ctx); i++) {
		wait_for_completion(&ctx[i].done);
		kthread_stop(threads[i]);
	}

	dev_get_stats(dev, &st);
	KUNIT_EXPECT_EQ(test, st.tx_packets, 2000);
	KUNIT_EXPECT_EQ(test, st.tx_bytes, 500 * (64 + 65 + 66 + 67));
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmy0", NULL), 0);
}

/* min_mtu = max_mtu = 0: any MTU from 0 up, from the API and from dev_set_mtu(). */
static void dummy_any_mtu(struct kunit *test)
{
	struct krt_link_req req = {
		.kind = "dummy",
		.link = { .name = "dmy0", .mtu = 0, .zero = KRT_LINK_MTU },
	};
	static const int mtus[] = { 1, 68, 1500, 9000, 65535, 65536, 1 << 20, INT_MAX, 0 };
	struct net_device *dev;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = find_dev(&init_net, "dmy0");
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->mtu, 0);

	rtnl_lock();
	for (i = 0; i < ARRAY_SIZE(mtus); i++) {
		KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, mtus[i]), 0);
		KUNIT_EXPECT_EQ(test, dev->mtu, mtus[i]);
	}
	/* Only a negative MTU is refused. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, -1), -EINVAL);
	rtnl_unlock();
	KUNIT_EXPECT_TRUE(test,
			  krt_printk_capture_contains("dmy0: mtu less than device minimum\n"));
	krt_printk_capture_end();

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmy0", NULL), 0);
}

/* dummy_validate: IFLA_ADDRESS must be ETH_ALEN bytes of a valid unicast address. */
static void dummy_validate_address(struct kunit *test)
{
	static const u8 good[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	static const u8 zero[ETH_ALEN];
	static const u8 longer[ETH_ALEN + 1] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };
	struct krt_link_req req = { .kind = "dummy", .link = { .name = "dmy0" } };
	struct net_device *dev;

	req.link.address = good;
	req.link.addr_len = 5;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
	req.link.address = longer;
	req.link.addr_len = sizeof(longer);
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
	req.link.addr_len = ETH_ALEN;
	req.link.address = mcast;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EADDRNOTAVAIL);
	req.link.address = zero;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EADDRNOTAVAIL);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "dmy0"));

	req.link.address = good;
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = find_dev(&init_net, "dmy0");
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, good, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, dev->addr_assign_type, NET_ADDR_SET);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmy0", NULL), 0);
}

/* ndo_change_carrier: "ip link set dev X carrier off" works on a dummy. */
static void dummy_change_carrier(struct kunit *test)
{
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, add_dummy(NULL, "dmy0", true), 0);
	dev = find_dev(&init_net, "dmy0");
	KUNIT_ASSERT_NOT_NULL(test, dev);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_change_carrier(dev, false), 0);
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(dev));
	KUNIT_EXPECT_FALSE(test, dev_get_flags(dev) & IFF_LOWER_UP);
	KUNIT_EXPECT_EQ(test, dev_change_carrier(dev, true), 0);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(dev));
	KUNIT_EXPECT_TRUE(test, dev_get_flags(dev) & IFF_LOWER_UP);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmy0", NULL), 0);
}

/*
 * needs_free_netdev: a dummy registered by hand (as the module does for numdummies) and
 * unregistered is freed by the core; nobody calls free_netdev().
 */
static void dummy_freed_after_unregister(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	struct rtnl_link_ops *ops = dummy_ops();
	struct net_device *dev;

	KUNIT_ASSERT_NOT_NULL(test, ops);
	dev = alloc_netdev(0, "kdummy%d", NET_NAME_ENUM, ops->setup);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_TRUE(test, dev->needs_free_netdev);
	dev->rtnl_link_ops = ops;
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	KUNIT_EXPECT_STREQ(test, dev->name, "kdummy0");
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs + 1);

	unregister_netdev(dev);
	/* Gone when unregister_netdev() returned: the todo runner freed it. */
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
}

/* Unregistering the kind deletes every dummy, in every namespace; others stay. */
static void dummy_link_unregister_deletes_all(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	struct rtnl_link_ops *ops = dummy_ops();
	struct krt_link_req veth = {
		.kind = "veth", .link = { .name = "dmyv0" }, .peer = { .name = "dmyv1" },
	};
	struct net *net;

	KUNIT_ASSERT_NOT_NULL(test, ops);
	net = krt_net_create();
	KUNIT_ASSERT_FALSE(test, IS_ERR(net));

	KUNIT_EXPECT_EQ(test, add_dummy(NULL, "dmy0", true), 0);
	KUNIT_EXPECT_EQ(test, add_dummy(NULL, "dmy1", false), 0);
	KUNIT_EXPECT_EQ(test, add_dummy(net, "dmy0", true), 0);
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &veth, NULL), 0);
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs + 5);

	rtnl_link_unregister(ops);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "dmy0"));
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "dmy1"));
	KUNIT_EXPECT_NULL(test, find_dev(net, "dmy0"));
	KUNIT_EXPECT_NOT_NULL(test, find_dev(&init_net, "dmyv0"));
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs + 2);
	/* The kind is gone too. */
	KUNIT_EXPECT_EQ(test, add_dummy(NULL, "dmy2", false), -EOPNOTSUPP);

	KUNIT_EXPECT_EQ(test, rtnl_link_register(ops), 0);
	KUNIT_EXPECT_EQ(test, add_dummy(NULL, "dmy2", false), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmy2", NULL), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "dmyv0", NULL), 0);
	put_net(net);
	net_ns_barrier();
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
}

static struct kunit_case dummy_test_cases[] = {
	KUNIT_CASE(dummy_kind_registered_at_boot),
	KUNIT_CASE(dummy_setup_values),
	KUNIT_CASE(dummy_default_name),
	KUNIT_CASE(dummy_xmit_counts_and_frees),
	KUNIT_CASE(dummy_stats_from_threads),
	KUNIT_CASE(dummy_any_mtu),
	KUNIT_CASE(dummy_validate_address),
	KUNIT_CASE(dummy_change_carrier),
	KUNIT_CASE(dummy_freed_after_unregister),
	KUNIT_CASE(dummy_link_unregister_deletes_all),
	{}
};

static struct kunit_suite dummy_test_suite = {
	.name = "dummy",
	.test_cases = dummy_test_cases,
};
kunit_test_suite(dummy_test_suite);
