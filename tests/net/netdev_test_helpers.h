/* SPDX-License-Identifier: MIT */
/* Helpers shared by the network device suites. */
#ifndef _KRT_TESTS_NET_NETDEV_TEST_HELPERS_H
#define _KRT_TESTS_NET_NETDEV_TEST_HELPERS_H

#include <kunit/test.h>
#include <linux/netdevice.h>
#include <krt/leak.h>

/* A leak counter of the runner ("net devices", "sk_buffs", ...), after its settle step. */
static inline long leak_count(struct kunit *test, const char *name)
{
	long v = krt_leak_read(name);

	if (v == -ENOENT)
		KUNIT_FAIL(test, "no \"%s\" leak counter", name);
	return v;
}

/* The device called @name in @net, or NULL (looked up under RTNL, no reference taken). */
static inline struct net_device *find_dev(struct net *net, const char *name)
{
	struct net_device *dev;

	rtnl_lock();
	dev = __dev_get_by_name(net, name);
	rtnl_unlock();
	return dev;
}

#endif /* _KRT_TESTS_NET_NETDEV_TEST_HELPERS_H */
