// SPDX-License-Identifier: MIT
/*
 * dummy: a network device that takes every packet and throws it away, counting it. Something
 * to point a route at, and the simplest rtnl_link_ops kind ("ip link add NAME type dummy").
 *
 * Its devices set needs_free_netdev, so the core frees them after unregistration: whoever
 * deletes a dummy never calls free_netdev(). Statistics are per-"cpu" LSTATS counters that the
 * core allocates at registration because ndo_init asked for them.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <net/netlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#define DRV_NAME	"dummy"

/*
 * The kernel creates one dummy0 when the module loads. krt is a library linked into programs
 * and tests that create the devices they need, so none are made unless asked for with
 * KRT_CMDLINE="dummy.numdummies=N".
 */
static int numdummies;

/* A dummy accepts any multicast list: there is no filter to program. */
static void set_multicast_list(struct net_device *dev)
{
}

static void dummy_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *stats)
{
	u64 packets, bytes;

	dev_lstats_read(dev, &packets, &bytes);
	stats->tx_packets = packets;
	stats->tx_bytes = bytes;
}

/* Count the packet as sent and free it; krt has no transmit timestamps to take. */
static netdev_tx_t dummy_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_lstats_add(dev, skb->len);
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static int dummy_dev_init(struct net_device *dev)
{
	/* register_netdevice() allocates the counters right after ndo_init. */
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_LSTATS;
	return 0;
}

static int dummy_change_carrier(struct net_device *dev, bool new_carrier)
{
	if (new_carrier)
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
	return 0;
}

static const struct net_device_ops dummy_netdev_ops = {
	.ndo_init		= dummy_dev_init,
	.ndo_start_xmit		= dummy_xmit,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_set_rx_mode	= set_multicast_list,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_get_stats64	= dummy_get_stats64,
	.ndo_change_carrier	= dummy_change_carrier,
};

static void dummy_setup(struct net_device *dev)
{
	ether_setup(dev);

	dev->netdev_ops = &dummy_netdev_ops;
	/* Deleting a dummy frees it: the core calls free_netdev() after unregistration. */
	dev->needs_free_netdev = true;

	/* No neighbours to resolve, no multicast to join. */
	dev->flags |= IFF_NOARP;
	dev->flags &= ~IFF_MULTICAST;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->lltx = true;
	dev->features |= NETIF_F_SG;
	dev->features |= NETIF_F_GSO_SOFTWARE;
	dev->features |= NETIF_F_HW_CSUM | NETIF_F_HIGHDMA;
	dev->features |= NETIF_F_GSO_ENCAP_ALL;
	dev->hw_features |= dev->features;
	dev->hw_enc_features |= dev->features;
	eth_hw_addr_random(dev);

	/* Nothing is ever put on a wire: any MTU will do. */
	dev->min_mtu = 0;
	dev->max_mtu = 0;
}

static int dummy_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))
			return -EADDRNOTAVAIL;
	}
	return 0;
}

static struct rtnl_link_ops dummy_link_ops __read_mostly = {
	.kind		= DRV_NAME,
	.setup		= dummy_setup,
	.validate	= dummy_validate,
};

/* Number of dummy devices to be set up at boot. */
module_param(numdummies, int, 0);
MODULE_PARM_DESC(numdummies, "Number of dummy pseudo devices");

static int __init dummy_init_one(void)
{
	struct net_device *dev_dummy;
	int err;

	dev_dummy = alloc_netdev(0, "dummy%d", NET_NAME_ENUM, dummy_setup);
	if (!dev_dummy)
		return -ENOMEM;

	/* So that "ip link del dummy0" works on it too. */
	dev_dummy->rtnl_link_ops = &dummy_link_ops;
	err = register_netdevice(dev_dummy);
	if (err < 0)
		goto err;
	return 0;

err:
	free_netdev(dev_dummy);
	return err;
}

static int __init dummy_init_module(void)
{
	int i, err = 0;

	down_write(&pernet_ops_rwsem);
	rtnl_lock();
	err = __rtnl_link_register(&dummy_link_ops);
	if (err < 0)
		goto out;

	for (i = 0; i < numdummies && !err; i++) {
		err = dummy_init_one();
		cond_resched();
	}
	/* Unregistering the kind deletes the dummies made so far. */
	if (err < 0)
		__rtnl_link_unregister(&dummy_link_ops);

out:
	rtnl_unlock();
	up_write(&pernet_ops_rwsem);
	return err;
}

static void __exit dummy_cleanup_module(void)
{
	rtnl_link_unregister(&dummy_link_ops);
}

module_init(dummy_init_module);
module_exit(dummy_cleanup_module);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("Dummy netdevice driver which discards all packets sent to it");
MODULE_ALIAS_RTNL_LINK(DRV_NAME);
