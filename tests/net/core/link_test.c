// SPDX-License-Identifier: MIT
/*
 * The in-process rtnetlink link requests of <krt/link.h>: creation with attributes, the
 * kernel's errors (-EOPNOTSUPP "Unknown device type", -EEXIST, -ENODEV, -EPERM for group 0),
 * deletion of a device without link ops refused, a group deleted as one batch, the setlink
 * changes in the kernel's order (a failure keeps the earlier ones and says so), namespaces,
 * and the "ip link show" text.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <krt/leak.h>
#include <krt/link.h>
#include <krt/printk.h>
#include "tests/net/netdev_test_helpers.h"

#include "net/core/dev.h"

static int add_dummy(const char *name, unsigned int group)
{
	struct krt_link_req req = { .kind = "dummy", .link = { .name = name, .group = group } };

	return krt_link_add(NULL, &req, NULL);
}

static void link_add_with_attributes(struct kunit *test)
{
	static const u8 addr[ETH_ALEN] = { 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30 };
	struct krt_link_req req = {
		.kind = "dummy",
		.link = {
			.name = "lk0", .address = addr, .mtu = 9000, .txqlen = 77, .group = 4,
			.up = true,
		},
	};
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = find_dev(&init_net, "lk0");
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, addr, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, dev->mtu, 9000);
	KUNIT_EXPECT_EQ(test, dev->tx_queue_len, 77);
	KUNIT_EXPECT_EQ(test, dev->group, 4);
	KUNIT_EXPECT_TRUE(test, dev->flags & IFF_UP);
	KUNIT_EXPECT_TRUE(test, netif_running(dev));
	KUNIT_EXPECT_TRUE(test, dev->rtnl_link_state == RTNL_LINK_INITIALIZED);
	KUNIT_EXPECT_STREQ(test, dev->rtnl_link_ops->kind, "dummy");

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk0", NULL), 0);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "lk0"));
}

/* The index asked for is the index given. */
static void link_add_with_ifindex(struct kunit *test)
{
	struct krt_link_req req = { .kind = "dummy", .link = { .name = "lk0", .ifindex = 4242 } };
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = find_dev(&init_net, "lk0");
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->ifindex, 4242);
	req.link.name = "lk1";
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EEXIST);
	req.link.ifindex = -1;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk0", NULL), 0);
}

static void link_unknown_kind(struct kunit *test)
{
	struct krt_link_req req = { .kind = "nosuchkind", .link = { .name = "lk0" } };
	struct netlink_ext_ack extack = {};
	long devs = leak_count(test, "net devices");

	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, &extack), -EOPNOTSUPP);
	KUNIT_EXPECT_STREQ(test, extack._msg, "Unknown device type");
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "lk0"));
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
	req.kind = NULL;
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), -EINVAL);
}

/* A taken name is -EEXIST, checked before the kind (as the kernel does). */
static void link_name_taken(struct kunit *test)
{
	struct krt_link_req req = { .kind = "nosuchkind", .link = { .name = "lk0" } };
	struct netlink_ext_ack extack = {};

	KUNIT_ASSERT_EQ(test, add_dummy("lk0", 0), 0);
	KUNIT_EXPECT_EQ(test, add_dummy("lk0", 0), -EEXIST);
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, &extack), -EEXIST);
	KUNIT_EXPECT_NULL(test, extack._msg);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk0", NULL), 0);
}

static void plain_setup(struct net_device *dev)
{
	ether_setup(dev);
	eth_hw_addr_random(dev);
}

static const struct net_device_ops plain_ops = {};

static void plain_setup_ops(struct net_device *dev)
{
	plain_setup(dev);
	dev->netdev_ops = &plain_ops;
}

static void link_del_errors(struct kunit *test)
{
	struct net_device *dev;

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "nosuchdev", NULL), -ENODEV);

	/* A device its driver registered, not made through rtnl_link_ops. */
	dev = alloc_netdev(0, "lkplain%d", NET_NAME_ENUM, plain_setup_ops);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lkplain0", NULL), -EOPNOTSUPP);
	KUNIT_EXPECT_PTR_EQ(test, find_dev(&init_net, "lkplain0"), dev);
	unregister_netdev(dev);
	free_netdev(dev);
}

/* A group goes as one batch: the grace periods of deleting one device. */
static void link_group_delete(struct kunit *test)
{
	long devs = leak_count(test, "net devices");
	unsigned long before, one, group;
	struct net_device *plain;
	char name[IFNAMSIZ];
	int i;

	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "lkg%d", i);
		KUNIT_ASSERT_EQ(test, add_dummy(name, 7), 0);
	}
	KUNIT_ASSERT_EQ(test, add_dummy("lkother", 8), 0);
	KUNIT_ASSERT_EQ(test, add_dummy("lkone", 9), 0);
	KUNIT_ASSERT_EQ(test, krt_link_set(NULL, "lkg3", &(struct krt_link_attrs){ .up = true },
					   NULL), 0);
	KUNIT_ASSERT_EQ(test, krt_link_set(NULL, "lkone", &(struct krt_link_attrs){ .up = true },
					   NULL), 0);

	before = krt_synchronize_net_count();
	KUNIT_EXPECT_EQ(test, krt_link_del_group(NULL, 9, NULL), 0);
	one = krt_synchronize_net_count() - before;

	before = krt_synchronize_net_count();
	KUNIT_EXPECT_EQ(test, krt_link_del_group(NULL, 7, NULL), 0);
	group = krt_synchronize_net_count() - before;
	KUNIT_EXPECT_EQ(test, group, one);

	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "lkg%d", i);
		KUNIT_EXPECT_NULL(test, find_dev(&init_net, name));
	}
	KUNIT_EXPECT_NOT_NULL(test, find_dev(&init_net, "lkother"));
	KUNIT_EXPECT_EQ(test, krt_link_del_group(NULL, 7, NULL), -ENODEV);
	/* Everything is in the default group: never deleted as one. */
	KUNIT_EXPECT_EQ(test, krt_link_del_group(NULL, 0, NULL), -EPERM);

	/* A device without dellink in the group: nothing is deleted. */
	plain = alloc_netdev(0, "lkplain%d", NET_NAME_ENUM, plain_setup_ops);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	plain->group = 8;
	KUNIT_ASSERT_EQ(test, register_netdev(plain), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del_group(NULL, 8, NULL), -EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, find_dev(&init_net, "lkother"));
	unregister_netdev(plain);
	free_netdev(plain);

	KUNIT_EXPECT_EQ(test, krt_link_del_group(NULL, 8, NULL), 0);
	KUNIT_EXPECT_EQ(test, leak_count(test, "net devices"), devs);
}

static void link_set_changes(struct kunit *test)
{
	static const u8 addr[ETH_ALEN] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
	struct krt_link_attrs a = {};
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, add_dummy("lk0", 0), 0);
	KUNIT_ASSERT_EQ(test, add_dummy("lk1", 0), 0);
	dev = find_dev(&init_net, "lk0");
	KUNIT_ASSERT_NOT_NULL(test, dev);

	a.up = true;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), 0);
	KUNIT_EXPECT_TRUE(test, dev->flags & IFF_UP);
	a.up = false;
	a.down = true;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), 0);
	KUNIT_EXPECT_FALSE(test, dev->flags & IFF_UP);
	a.up = true;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), -EINVAL);

	memset(&a, 0, sizeof(a));
	a.mtu = 1280;
	a.txqlen = 10;
	a.group = 3;
	a.address = addr;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1280);
	KUNIT_EXPECT_EQ(test, dev->tx_queue_len, 10);
	KUNIT_EXPECT_EQ(test, dev->group, 3);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, addr, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, dev->addr_assign_type, NET_ADDR_SET);

	/* Zero values only with their bit. */
	memset(&a, 0, sizeof(a));
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, dev->group, 3);
	a.zero = KRT_LINK_GROUP | KRT_LINK_MTU;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, dev->group, 0);
	KUNIT_EXPECT_EQ(test, dev->mtu, 0);

	/* Renames: to a free name, not to a taken one. */
	memset(&a, 0, sizeof(a));
	a.name = "lk2";
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), 0);
	KUNIT_EXPECT_STREQ(test, dev->name, "lk2");
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "lk0"));
	KUNIT_EXPECT_PTR_EQ(test, find_dev(&init_net, "lk2"), dev);
	a.name = "lk1";
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk2", &a, NULL), -EEXIST);
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, NULL), -ENODEV);

	/* A bad address length is refused before anything changes. */
	memset(&a, 0, sizeof(a));
	a.address = addr;
	a.addr_len = 3;
	a.mtu = 1400;
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk2", &a, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, dev->mtu, 0);

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk1", NULL), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk2", NULL), 0);
}

/* A failing change keeps the earlier ones, and the kernel's warning says so. */
static void link_set_partial_failure(struct kunit *test)
{
	static const u8 addr[ETH_ALEN] = { 0x02, 0x01, 0x02, 0x03, 0x04, 0x05 };
	struct krt_link_req req = {
		.kind = "veth", .link = { .name = "lk0" }, .peer = { .name = "lk1" },
	};
	struct krt_link_attrs a = { .address = addr, .mtu = 70000 };
	struct netlink_ext_ack extack = {};
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = find_dev(&init_net, "lk0");
	KUNIT_ASSERT_NOT_NULL(test, dev);

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0", &a, &extack), -EINVAL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"A link change request failed with some changes committed already. Interface lk0 may have been left with an inconsistent configuration, please check.\n"));
	krt_printk_capture_end();
	KUNIT_EXPECT_STREQ(test, extack._msg, "mtu greater than device maximum");
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, addr, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500);

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk1", NULL), 0);
}

/* Each namespace has its own names; a request acts in the one it is given. */
static void link_in_namespace(struct kunit *test)
{
	struct krt_link_req req = { .kind = "dummy", .link = { .name = "lk0" } };
	struct net *net = krt_net_create();
	char buf[512];

	KUNIT_ASSERT_FALSE(test, IS_ERR(net));
	KUNIT_EXPECT_EQ(test, krt_link_add(net, &req, NULL), 0);
	KUNIT_EXPECT_EQ(test, krt_link_add(net, &req, NULL), -EEXIST);
	KUNIT_EXPECT_NULL(test, find_dev(&init_net, "lk0"));
	KUNIT_EXPECT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	KUNIT_EXPECT_GT(test, krt_link_show(net, "lk0", buf, sizeof(buf)), 0);
	KUNIT_EXPECT_EQ(test, krt_link_del(net, "lk0", NULL), 0);
	KUNIT_EXPECT_EQ(test, krt_link_show(net, "lk0", buf, sizeof(buf)), -ENODEV);
	KUNIT_EXPECT_EQ(test, krt_link_show(net, NULL, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "");
	KUNIT_EXPECT_NOT_NULL(test, find_dev(&init_net, "lk0"));
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk0", NULL), 0);
	put_net(net);
	net_ns_barrier();
}

static void link_show_dummy(struct kunit *test)
{
	static const u8 addr[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
	struct krt_link_req req = {
		.kind = "dummy",
		.link = { .name = "lk0", .address = addr, .mtu = 1400, .group = 3, .up = true },
	};
	struct net_device *dev;
	char want[256], buf[512];
	ssize_t len;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = find_dev(&init_net, "lk0");
	KUNIT_ASSERT_NOT_NULL(test, dev);

	snprintf(want, sizeof(want),
		 "%d: lk0: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1400 qdisc noqueue state UNKNOWN mode DEFAULT group 3 qlen 1000\n"
		 "    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff\n", dev->ifindex);
	len = krt_link_show(NULL, "lk0", buf, sizeof(buf));
	KUNIT_EXPECT_EQ(test, len, strlen(want));
	KUNIT_EXPECT_STREQ(test, buf, want);

	/* Cut short: still NUL-terminated, and the length of the whole text is returned. */
	KUNIT_EXPECT_EQ(test, krt_link_show(NULL, "lk0", buf, 10), strlen(want));
	KUNIT_EXPECT_EQ(test, strlen(buf), 9);
	KUNIT_EXPECT_EQ(test, krt_link_show(NULL, "lk0", NULL, 0), strlen(want));

	KUNIT_EXPECT_EQ(test, krt_link_set(NULL, "lk0",
					   &(struct krt_link_attrs){ .down = true, .zero = KRT_LINK_GROUP },
					   NULL), 0);
	snprintf(want, sizeof(want),
		 "%d: lk0: <BROADCAST,NOARP> mtu 1400 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
		 "    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff\n", dev->ifindex);
	KUNIT_EXPECT_EQ(test, krt_link_show(NULL, "lk0", buf, sizeof(buf)), strlen(want));
	KUNIT_EXPECT_STREQ(test, buf, want);

	KUNIT_EXPECT_EQ(test, krt_link_show(NULL, "nosuchdev", buf, sizeof(buf)), -ENODEV);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk0", NULL), 0);
}

/* A veth pair: "NAME@PEER", NO-CARRIER and M-DOWN while the peer is down, ifindex order. */
static void link_show_veth(struct kunit *test)
{
	static const u8 a0[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };
	static const u8 a1[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x02 };
	struct krt_link_req req = {
		.kind = "veth",
		.link = { .name = "lk0", .address = a0, .up = true },
		.peer = { .name = "lk1", .address = a1 },
	};
	struct net_device *v0, *v1;
	char want[1024], buf[1024];
	size_t n;

	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	v0 = find_dev(&init_net, "lk0");
	v1 = find_dev(&init_net, "lk1");
	KUNIT_ASSERT_NOT_NULL(test, v0);
	KUNIT_ASSERT_NOT_NULL(test, v1);

	n = snprintf(want, sizeof(want),
		     "%d: lk1@lk0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
		     "    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff\n", v1->ifindex);
	snprintf(want + n, sizeof(want) - n,
		 "%d: lk0@lk1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000\n"
		 "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n", v0->ifindex);
	KUNIT_EXPECT_EQ(test, krt_link_show(NULL, NULL, buf, sizeof(buf)), strlen(want));
	KUNIT_EXPECT_STREQ(test, buf, want);

	KUNIT_ASSERT_EQ(test, krt_link_set(NULL, "lk1", &(struct krt_link_attrs){ .up = true },
					   NULL), 0);
	snprintf(want, sizeof(want),
		 "%d: lk0@lk1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n"
		 "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n", v0->ifindex);
	KUNIT_EXPECT_EQ(test, krt_link_show(NULL, "lk0", buf, sizeof(buf)), strlen(want));
	KUNIT_EXPECT_STREQ(test, buf, want);

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "lk0", NULL), 0);
}

static struct kunit_case link_test_cases[] = {
	KUNIT_CASE(link_add_with_attributes),
	KUNIT_CASE(link_add_with_ifindex),
	KUNIT_CASE(link_unknown_kind),
	KUNIT_CASE(link_name_taken),
	KUNIT_CASE(link_del_errors),
	KUNIT_CASE(link_group_delete),
	KUNIT_CASE(link_set_changes),
	KUNIT_CASE(link_set_partial_failure),
	KUNIT_CASE(link_in_namespace),
	KUNIT_CASE(link_show_dummy),
	KUNIT_CASE(link_show_veth),
	{}
};

static struct kunit_suite link_test_suite = {
	.name = "link",
	.test_cases = link_test_cases,
};
kunit_test_suite(link_test_suite);
