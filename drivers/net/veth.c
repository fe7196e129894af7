// SPDX-License-Identifier: MIT
/*
 * veth: a pair of Ethernet devices joined back to back. A packet sent on one end is received
 * on the other, through the peer's normal receive path (netif_rx() and the packet handlers).
 *
 * The pair is made by one request: veth_newlink() creates and registers the peer first (named
 * by the VETH_INFO_PEER attributes, else "veth%d"), then the device the request named, and ties
 * them together through RCU-protected peer pointers. Deleting either end deletes both, in one
 * batch. Each end has a receive-queue array that ndo_init allocates and priv_destructor frees,
 * and needs_free_netdev, so the core frees the devices after unregistration.
 *
 * Not here, unlike the kernel's driver: XDP, NAPI/GRO (krt has no softirq polling), ethtool,
 * and peers in another namespace (krt namespaces have no pid or fd to name them by): packets
 * take the plain __dev_forward_skb() + __netif_rx() path.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/veth.h>
#include <net/netlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#define DRV_NAME	"veth"

struct veth_stats {
	u64	rx_drops;
};

/* One receive queue: where NAPI and XDP state would live; krt keeps its counters. */
struct veth_rq {
	struct net_device	*dev;
	struct veth_stats	stats;
};

struct veth_priv {
	struct net_device __rcu	*peer;
	atomic64_t		dropped;	/* packets this end could not hand to its peer */
	struct veth_rq		*rq;		/* num_rx_queues entries, from ndo_init */
	unsigned int		requested_headroom;
};

static int veth_forward_skb(struct net_device *dev, struct sk_buff *skb)
{
	return __dev_forward_skb(dev, skb) ?: __netif_rx(skb);
}

static netdev_tx_t veth_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *rcv;
	int length = skb->len;
	int ret;

	rcu_read_lock();
	rcv = rcu_dereference(priv->peer);
	if (unlikely(!rcv) || !pskb_may_pull(skb, ETH_HLEN)) {
		kfree_skb(skb);
		goto drop;
	}

	ret = veth_forward_skb(rcv, skb);
	switch (ret) {
	case NET_RX_SUCCESS:	/* same as NETDEV_TX_OK */
		dev_sw_netstats_tx_add(dev, 1, length);
		break;
	case NET_RX_DROP:	/* same as NET_XMIT_DROP */
drop:
		atomic64_inc(&priv->dropped);
		ret = NET_XMIT_DROP;
		break;
	default:
		pr_crit_ratelimited("%s(%s): Invalid return code(%d)", __func__, dev->name, ret);
	}
	rcu_read_unlock();
	return ret;
}

static void veth_stats_rx(struct veth_stats *result, struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	unsigned int i;

	result->rx_drops = 0;
	for (i = 0; i < dev->num_rx_queues; i++)
		result->rx_drops += READ_ONCE(priv->rq[i].stats.rx_drops);
}

/* What this end sent is what its peer received, and the other way round. */
static void veth_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *tot)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer;
	struct veth_stats rx;

	tot->tx_dropped = atomic64_read(&priv->dropped);
	dev_fetch_sw_netstats(tot, dev->tstats);

	veth_stats_rx(&rx, dev);
	tot->rx_dropped = rx.rx_drops;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	if (peer) {
		struct rtnl_link_stats64 tot_peer = {};

		dev_fetch_sw_netstats(&tot_peer, peer->tstats);
		tot->rx_bytes += tot_peer.tx_bytes;
		tot->rx_packets += tot_peer.tx_packets;
	}
	rcu_read_unlock();
}

/* A veth accepts any multicast list: there is no filter to program. */
static void veth_set_multicast_list(struct net_device *dev)
{
}

static struct net_device *veth_peer_dev(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);

	/* Callers hold the RCU read lock. */
	return rcu_dereference(priv->peer);
}

static int veth_open(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	if (!peer)
		return -ENOTCONN;

	/* The link is up when both ends are. */
	if (peer->flags & IFF_UP) {
		netif_carrier_on(dev);
		netif_carrier_on(peer);
	}
	return 0;
}

static int veth_close(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	netif_carrier_off(dev);
	if (peer)
		netif_carrier_off(peer);
	return 0;
}

static int is_valid_veth_mtu(int mtu)
{
	return mtu >= ETH_MIN_MTU && mtu <= ETH_MAX_MTU;
}

static int veth_alloc_queues(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	unsigned int i;

	priv->rq = kvcalloc(dev->num_rx_queues, sizeof(*priv->rq),
			    GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL);
	if (!priv->rq)
		return -ENOMEM;

	for (i = 0; i < dev->num_rx_queues; i++)
		priv->rq[i].dev = dev;
	return 0;
}

static void veth_free_queues(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);

	kvfree(priv->rq);
	priv->rq = NULL;
}

static int veth_dev_init(struct net_device *dev)
{
	return veth_alloc_queues(dev);
}

/* priv_destructor: after unregistration, or when registration fails after ndo_init. */
static void veth_dev_free(struct net_device *dev)
{
	veth_free_queues(dev);
}

static int veth_get_iflink(const struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer;
	int iflink;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	iflink = peer ? READ_ONCE(peer->ifindex) : 0;
	rcu_read_unlock();
	return iflink;
}

static const struct net_device_ops veth_netdev_ops = {
	.ndo_init		= veth_dev_init,
	.ndo_open		= veth_open,
	.ndo_stop		= veth_close,
	.ndo_start_xmit		= veth_xmit,
	.ndo_get_stats64	= veth_get_stats64,
	.ndo_set_rx_mode	= veth_set_multicast_list,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_get_iflink		= veth_get_iflink,
	.ndo_get_peer_dev	= veth_peer_dev,
};

#define VETH_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM |		\
		       __NETIF_F(SCTP_CRC) | NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE |	\
		       NETIF_F_GSO_ENCAP_ALL |						\
		       NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_CTAG_RX |		\
		       NETIF_F_HW_VLAN_STAG_TX | NETIF_F_HW_VLAN_STAG_RX)

static void veth_setup(struct net_device *dev)
{
	ether_setup(dev);

	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->priv_flags |= IFF_PHONY_HEADROOM;
	dev->priv_flags |= IFF_DISABLE_NETPOLL;
	dev->lltx = true;

	dev->netdev_ops = &veth_netdev_ops;
	dev->features |= VETH_FEATURES;
	dev->vlan_features = dev->features & ~(NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX |
					       NETIF_F_HW_VLAN_CTAG_RX | NETIF_F_HW_VLAN_STAG_RX);
	/* Deleting a pair frees both ends; the queues go with priv_destructor. */
	dev->needs_free_netdev = true;
	dev->priv_destructor = veth_dev_free;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->max_mtu = ETH_MAX_MTU;

	dev->hw_features = VETH_FEATURES;
	dev->hw_enc_features = VETH_FEATURES;
	dev->mpls_features = NETIF_F_HW_CSUM | NETIF_F_GSO_SOFTWARE;
}

static int veth_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))
			return -EADDRNOTAVAIL;
	}
	if (tb[IFLA_MTU]) {
		if (!is_valid_veth_mtu(nla_get_u32(tb[IFLA_MTU])))
			return -EINVAL;
	}
	return 0;
}

static struct rtnl_link_ops veth_link_ops;

/* Only the queues the request asked for are used (one by default). */
static int veth_init_queues(struct net_device *dev, struct nlattr *tb[])
{
	int err;

	if (!tb[IFLA_NUM_TX_QUEUES] && dev->num_tx_queues > 1) {
		err = netif_set_real_num_tx_queues(dev, 1);
		if (err)
			return err;
	}
	if (!tb[IFLA_NUM_RX_QUEUES] && dev->num_rx_queues > 1) {
		err = netif_set_real_num_rx_queues(dev, 1);
		if (err)
			return err;
	}
	return 0;
}

static int veth_newlink(struct net *src_net, struct net_device *dev, struct nlattr *tb[],
			struct nlattr *data[], struct netlink_ext_ack *extack)
{
	struct nlattr *peer_tb[IFLA_MAX + 1], **tbp;
	unsigned char name_assign_type;
	struct net_device *peer;
	struct veth_priv *priv;
	char ifname[IFNAMSIZ];
	struct ifinfomsg *ifmp;
	int err;

	/* Create and register the peer first. */
	if (data && data[VETH_INFO_PEER]) {
		struct nlattr *nla_peer = data[VETH_INFO_PEER];

		ifmp = nla_data(nla_peer);
		err = rtnl_nla_parse_ifinfomsg(peer_tb, nla_peer, extack);
		if (err < 0)
			return err;

		err = veth_validate(peer_tb, NULL, extack);
		if (err < 0)
			return err;

		tbp = peer_tb;
	} else {
		ifmp = NULL;
		tbp = tb;
	}

	if (ifmp && tbp[IFLA_IFNAME]) {
		nla_strscpy(ifname, tbp[IFLA_IFNAME], IFNAMSIZ);
		name_assign_type = NET_NAME_USER;
	} else {
		snprintf(ifname, IFNAMSIZ, DRV_NAME "%%d");
		name_assign_type = NET_NAME_ENUM;
	}

	peer = rtnl_create_link(src_net, ifname, name_assign_type, &veth_link_ops, tbp, extack);
	if (IS_ERR(peer))
		return PTR_ERR(peer);

	if (!ifmp || !tbp[IFLA_ADDRESS])
		eth_hw_addr_random(peer);

	if (ifmp && (dev->ifindex != 0))
		peer->ifindex = ifmp->ifi_index;

	err = register_netdevice(peer);
	if (err < 0)
		goto err_register_peer;

	netif_carrier_off(peer);

	err = rtnl_configure_link(peer, ifmp, 0, NULL);
	if (err < 0)
		goto err_configure_peer;

	/*
	 * Register dev last. The peer's registration may have taken the name a template of dev
	 * would have given, so dev's name is resolved again.
	 */
	if (!tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);

	if (tb[IFLA_IFNAME])
		nla_strscpy(dev->name, tb[IFLA_IFNAME], IFNAMSIZ);
	else
		snprintf(dev->name, IFNAMSIZ, DRV_NAME "%%d");

	err = register_netdevice(dev);
	if (err < 0)
		goto err_register_dev;

	netif_carrier_off(dev);

	/* Tie the devices together. */
	priv = netdev_priv(dev);
	rcu_assign_pointer(priv->peer, peer);
	err = veth_init_queues(dev, tb);
	if (err)
		goto err_queues;

	priv = netdev_priv(peer);
	rcu_assign_pointer(priv->peer, dev);
	err = veth_init_queues(peer, tb);
	if (err)
		goto err_queues;

	return 0;

err_queues:
	unregister_netdevice(dev);
err_register_dev:
	/* Nothing to undo for dev: the caller frees it. */
err_configure_peer:
	unregister_netdevice(peer);
	return err;

err_register_peer:
	free_netdev(peer);
	return err;
}

static void veth_dellink(struct net_device *dev, struct list_head *head)
{
	struct veth_priv *priv;
	struct net_device *peer;

	priv = netdev_priv(dev);
	peer = rtnl_dereference(priv->peer);

	/*
	 * Both ends go in the same batch. A packet in flight may still see the old peer
	 * pointer: the batch waits for a grace period before anything is freed.
	 */
	RCU_INIT_POINTER(priv->peer, NULL);
	unregister_netdevice_queue(dev, head);

	if (peer) {
		priv = netdev_priv(peer);
		RCU_INIT_POINTER(priv->peer, NULL);
		unregister_netdevice_queue(peer, head);
	}
}

static const struct nla_policy veth_policy[VETH_INFO_MAX + 1] = {
	[VETH_INFO_PEER]	= { .len = sizeof(struct ifinfomsg) },
};

static struct net *veth_get_link_net(const struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	return peer ? dev_net(peer) : dev_net(dev);
}

/*
 * The kernel gives a veth one queue per possible CPU (at most 4096, rtnl_create_link()'s
 * limit). krt has no CPUs to spread packets over: one queue each way.
 */
static unsigned int veth_get_num_queues(void)
{
	return 1;
}

static struct rtnl_link_ops veth_link_ops = {
	.kind			= DRV_NAME,
	.priv_size		= sizeof(struct veth_priv),
	.setup			= veth_setup,
	.validate		= veth_validate,
	.newlink		= veth_newlink,
	.dellink		= veth_dellink,
	.policy			= veth_policy,
	.maxtype		= VETH_INFO_MAX,
	.get_link_net		= veth_get_link_net,
	.get_num_tx_queues	= veth_get_num_queues,
	.get_num_rx_queues	= veth_get_num_queues,
};

static __init int veth_init(void)
{
	return rtnl_link_register(&veth_link_ops);
}

static __exit void veth_exit(void)
{
	rtnl_link_unregister(&veth_link_ops);
}

module_init(veth_init);
module_exit(veth_exit);

MODULE_DESCRIPTION("Virtual Ethernet Tunnel");
MODULE_LICENSE("Dual MIT/GPL");
MODULE_ALIAS_RTNL_LINK(DRV_NAME);
