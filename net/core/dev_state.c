// SPDX-License-Identifier: MIT
/*
 * Administrative state of a device: open and close (with their notifier events), flags,
 * carrier, MTU, hardware address, TX queue length and statistics.
 */
#include <linux/netdevice.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/if_link.h>
#include "net/core/dev.h"

static int __dev_open(struct net_device *dev, struct netlink_ext_ack *extack)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	struct netdev_notifier_info info = { .dev = dev, .extack = extack };
	int ret;

	ASSERT_RTNL();
	if (!netif_device_present(dev))
		return -ENODEV;

	ret = call_netdevice_notifiers_info(NETDEV_PRE_UP, &info);
	ret = notifier_to_errno(ret);
	if (ret)
		return ret;

	set_bit(__LINK_STATE_START, &dev->state);
	if (ops->ndo_validate_addr)
		ret = ops->ndo_validate_addr(dev);
	if (!ret && ops->ndo_open)
		ret = ops->ndo_open(dev);

	if (ret) {
		clear_bit(__LINK_STATE_START, &dev->state);
	} else {
		WRITE_ONCE(dev->flags, dev->flags | IFF_UP);
		if (ops->ndo_set_rx_mode)
			ops->ndo_set_rx_mode(dev);
	}
	return ret;
}

/**
 * dev_open - bring a device up (RTNL held)
 * @dev: network device
 * @extack: netlink extended ack, may be NULL
 *
 * Sends NETDEV_PRE_UP (which may veto), calls ndo_open, then NETDEV_UP. An up device is left
 * alone (returns 0).
 */
int dev_open(struct net_device *dev, struct netlink_ext_ack *extack)
{
	int ret;

	if (dev->flags & IFF_UP)
		return 0;
	ret = __dev_open(dev, extack);
	if (ret < 0)
		return ret;
	call_netdevice_notifiers(NETDEV_UP, dev);
	return ret;
}

static void __dev_close_many(struct list_head *head)
{
	struct net_device *dev;

	ASSERT_RTNL();
	might_sleep();

	list_for_each_entry(dev, head, close_list) {
		call_netdevice_notifiers(NETDEV_GOING_DOWN, dev);
		clear_bit(__LINK_STATE_START, &dev->state);
	}

	/* Packets in flight finish before ndo_stop. */
	synchronize_net();

	list_for_each_entry(dev, head, close_list) {
		const struct net_device_ops *ops = dev->netdev_ops;

		if (ops->ndo_stop)
			ops->ndo_stop(dev);
		WRITE_ONCE(dev->flags, dev->flags & ~IFF_UP);
	}
}

/**
 * dev_close_many - bring a list of devices down (RTNL held)
 * @head: devices linked by close_list
 * @unlink: take the devices off @head afterwards
 *
 * Devices already down are skipped. Each gets NETDEV_GOING_DOWN, ndo_stop and NETDEV_DOWN.
 */
void dev_close_many(struct list_head *head, bool unlink)
{
	struct net_device *dev, *tmp;

	/* Remove the devices that don't need to be closed. */
	list_for_each_entry_safe(dev, tmp, head, close_list)
		if (!(dev->flags & IFF_UP))
			list_del_init(&dev->close_list);

	if (list_empty(head))
		return;
	__dev_close_many(head);

	list_for_each_entry_safe(dev, tmp, head, close_list) {
		call_netdevice_notifiers(NETDEV_DOWN, dev);
		if (unlink)
			list_del_init(&dev->close_list);
	}
}

/**
 * dev_close - bring a device down (RTNL held); nothing happens when it is down
 * @dev: network device
 */
void dev_close(struct net_device *dev)
{
	if (dev->flags & IFF_UP) {
		LIST_HEAD(single);

		list_add(&dev->close_list, &single);
		dev_close_many(&single, true);
		list_del(&single);
	}
}

/**
 * dev_get_flags - the IFF_* flags as userspace sees them
 * @dev: network device
 *
 * IFF_RUNNING and IFF_LOWER_UP follow the operational state; IFF_DORMANT its dormant bit.
 */
unsigned int dev_get_flags(const struct net_device *dev)
{
	unsigned int flags;

	flags = (READ_ONCE(dev->flags) & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING |
					   IFF_LOWER_UP | IFF_DORMANT)) |
		(READ_ONCE(dev->gflags) & (IFF_PROMISC | IFF_ALLMULTI));

	if (netif_running(dev)) {
		if (netif_carrier_ok(dev) && !test_bit(__LINK_STATE_DORMANT, &dev->state))
			flags |= IFF_RUNNING;
		if (netif_carrier_ok(dev))
			flags |= IFF_LOWER_UP;
		if (test_bit(__LINK_STATE_DORMANT, &dev->state))
			flags |= IFF_DORMANT;
	}
	return flags;
}

/**
 * dev_change_flags - change the administrative flags; IFF_UP opens or closes the device
 * @dev: network device (RTNL held)
 * @flags: new flags
 * @extack: netlink extended ack, may be NULL
 */
int dev_change_flags(struct net_device *dev, unsigned int flags, struct netlink_ext_ack *extack)
{
	unsigned int old_flags = dev->flags;
	int ret = 0;

	ASSERT_RTNL();
	WRITE_ONCE(dev->flags, (flags & (IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC |
				       IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA)) |
			       (dev->flags & (IFF_UP | IFF_VOLATILE | IFF_PROMISC | IFF_ALLMULTI)));

	if ((old_flags ^ flags) & IFF_UP) {
		if (old_flags & IFF_UP)
			dev_close(dev);
		else
			ret = dev_open(dev, extack);
	}
	if (!ret && (dev->flags ^ old_flags) & ~IFF_UP & ~(IFF_PROMISC | IFF_ALLMULTI)) {
		struct netdev_notifier_change_info change_info = {
			.info.dev = dev,
			.flags_changed = (dev->flags ^ old_flags) & ~IFF_UP,
		};

		call_netdevice_notifiers_info(NETDEV_CHANGE, &change_info.info);
	}
	return ret;
}

/**
 * netif_carrier_on - the link came up; the operational state follows via linkwatch
 * @dev: network device (any context)
 */
void netif_carrier_on(struct net_device *dev)
{
	if (test_and_clear_bit(__LINK_STATE_NOCARRIER, &dev->state)) {
		if (dev->reg_state == NETREG_UNINITIALIZED)
			return;
		linkwatch_fire_event(dev);
	}
}

/**
 * netif_carrier_off - the link went down
 * @dev: network device (any context)
 */
void netif_carrier_off(struct net_device *dev)
{
	if (!test_and_set_bit(__LINK_STATE_NOCARRIER, &dev->state)) {
		if (dev->reg_state == NETREG_UNINITIALIZED)
			return;
		linkwatch_fire_event(dev);
	}
}

/**
 * netif_device_detach - mark the device absent (suspend, surprise removal)
 * @dev: network device
 */
void netif_device_detach(struct net_device *dev)
{
	clear_bit(__LINK_STATE_PRESENT, &dev->state);
}

/**
 * netif_device_attach - mark the device present again
 * @dev: network device
 */
void netif_device_attach(struct net_device *dev)
{
	set_bit(__LINK_STATE_PRESENT, &dev->state);
}

/**
 * dev_change_carrier - set the carrier through the driver (ndo_change_carrier)
 * @dev: network device (RTNL held)
 * @new_carrier: wanted carrier state
 */
int dev_change_carrier(struct net_device *dev, bool new_carrier)
{
	const struct net_device_ops *ops = dev->netdev_ops;

	if (!ops->ndo_change_carrier)
		return -EOPNOTSUPP;
	if (!netif_device_present(dev))
		return -ENODEV;
	return ops->ndo_change_carrier(dev, new_carrier);
}

/**
 * dev_validate_mtu - check @mtu against the device's limits (max_mtu 0: unlimited)
 * @dev: network device
 * @mtu: wanted MTU
 * @extack: netlink extended ack, may be NULL
 */
int dev_validate_mtu(struct net_device *dev, int mtu, struct netlink_ext_ack *extack)
{
	if (mtu < 0 || mtu < dev->min_mtu) {
		NL_SET_ERR_MSG(extack, "mtu less than device minimum");
		return -EINVAL;
	}
	if (dev->max_mtu > 0 && mtu > dev->max_mtu) {
		NL_SET_ERR_MSG(extack, "mtu greater than device maximum");
		return -EINVAL;
	}
	return 0;
}

/**
 * __dev_set_mtu - set the MTU through ndo_change_mtu, or directly
 * @dev: network device
 * @new_mtu: MTU, already validated
 */
int __dev_set_mtu(struct net_device *dev, int new_mtu)
{
	const struct net_device_ops *ops = dev->netdev_ops;

	if (ops->ndo_change_mtu)
		return ops->ndo_change_mtu(dev, new_mtu);
	WRITE_ONCE(dev->mtu, new_mtu);
	return 0;
}

/**
 * dev_set_mtu_ext - change the MTU with notifier vetoes (RTNL held)
 * @dev: network device
 * @new_mtu: wanted MTU
 * @extack: netlink extended ack, may be NULL
 *
 * NETDEV_PRECHANGEMTU may veto; if NETDEV_CHANGEMTU is vetoed the old MTU is restored and
 * announced again.
 */
int dev_set_mtu_ext(struct net_device *dev, int new_mtu, struct netlink_ext_ack *extack)
{
	int err, orig_mtu;

	if (new_mtu == dev->mtu)
		return 0;
	err = dev_validate_mtu(dev, new_mtu, extack);
	if (err)
		return err;
	if (!netif_device_present(dev))
		return -ENODEV;

	err = call_netdevice_notifiers_mtu(NETDEV_PRECHANGEMTU, dev, new_mtu);
	err = notifier_to_errno(err);
	if (err)
		return err;

	orig_mtu = dev->mtu;
	err = __dev_set_mtu(dev, new_mtu);
	if (!err) {
		err = call_netdevice_notifiers_mtu(NETDEV_CHANGEMTU, dev, orig_mtu);
		err = notifier_to_errno(err);
		if (err) {
			/* Restore the old MTU and tell everyone again. */
			__dev_set_mtu(dev, orig_mtu);
			call_netdevice_notifiers_mtu(NETDEV_CHANGEMTU, dev, new_mtu);
		}
	}
	return err;
}

/**
 * dev_set_mtu - change the MTU; failures are logged as "<name>: <reason>"
 * @dev: network device (RTNL held)
 * @new_mtu: wanted MTU
 */
int dev_set_mtu(struct net_device *dev, int new_mtu)
{
	struct netlink_ext_ack extack;
	int err;

	memset(&extack, 0, sizeof(extack));
	err = dev_set_mtu_ext(dev, new_mtu, &extack);
	if (err && extack._msg)
		net_err_ratelimited("%s: %s\n", dev->name, extack._msg);
	return err;
}

/**
 * dev_change_tx_queue_len - change tx_queue_len (NETDEV_CHANGE_TX_QUEUE_LEN may veto)
 * @dev: network device (RTNL held)
 * @new_len: new length
 */
int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len)
{
	unsigned int orig_len = dev->tx_queue_len;
	int res;

	if (new_len != (unsigned int)new_len)
		return -ERANGE;
	if (new_len == orig_len)
		return 0;
	WRITE_ONCE(dev->tx_queue_len, new_len);
	res = call_netdevice_notifiers(NETDEV_CHANGE_TX_QUEUE_LEN, dev);
	res = notifier_to_errno(res);
	if (res) {
		netdev_err(dev, "refused to change device tx_queue_len\n");
		WRITE_ONCE(dev->tx_queue_len, orig_len);
	}
	return res;
}

/**
 * dev_pre_changeaddr_notify - ask notifiers whether the address may change
 * @dev: network device (RTNL held)
 * @addr: proposed address
 * @extack: netlink extended ack, may be NULL
 */
int dev_pre_changeaddr_notify(struct net_device *dev, const char *addr,
			      struct netlink_ext_ack *extack)
{
	struct netdev_notifier_pre_changeaddr_info info = {
		.info.dev = dev,
		.info.extack = extack,
		.dev_addr = (const unsigned char *)addr,
	};
	int rc;

	rc = call_netdevice_notifiers_info(NETDEV_PRE_CHANGEADDR, &info.info);
	return notifier_to_errno(rc);
}

/**
 * dev_set_mac_address - change the hardware address through ndo_set_mac_address
 * @dev: network device (RTNL held)
 * @sa: new address in sa_data, sa_family must match dev->type
 * @extack: netlink extended ack, may be NULL
 */
int dev_set_mac_address(struct net_device *dev, struct sockaddr *sa,
			struct netlink_ext_ack *extack)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	int err;

	if (!ops->ndo_set_mac_address)
		return -EOPNOTSUPP;
	if (sa->sa_family != dev->type)
		return -EINVAL;
	if (!netif_device_present(dev))
		return -ENODEV;
	err = dev_pre_changeaddr_notify(dev, sa->sa_data, extack);
	if (err)
		return err;
	if (memcmp(dev->dev_addr, sa->sa_data, dev->addr_len)) {
		err = ops->ndo_set_mac_address(dev, sa);
		if (err)
			return err;
	}
	dev->addr_assign_type = NET_ADDR_SET;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	return 0;
}

/**
 * netdev_stats_to_stats64 - widen struct net_device_stats into rtnl_link_stats64
 * @stats64: destination
 * @netdev_stats: source
 */
void netdev_stats_to_stats64(struct rtnl_link_stats64 *stats64,
			     const struct net_device_stats *netdev_stats)
{
	size_t i, n = sizeof(*netdev_stats) / sizeof(unsigned long);
	const unsigned long *src = (const unsigned long *)netdev_stats;
	u64 *dst = (u64 *)stats64;

	BUILD_BUG_ON(sizeof(*netdev_stats) / sizeof(unsigned long) >
		     sizeof(*stats64) / sizeof(u64));
	for (i = 0; i < n; i++)
		dst[i] = READ_ONCE(src[i]);
	memset((char *)stats64 + n * sizeof(u64), 0, sizeof(*stats64) - n * sizeof(u64));
}

/**
 * dev_fetch_sw_netstats - add up per-slot software statistics
 * @s: totals are added here
 * @netstats: NETDEV_STAT_SLOTS sets
 */
void dev_fetch_sw_netstats(struct rtnl_link_stats64 *s, const struct pcpu_sw_netstats *netstats)
{
	int i;

	for (i = 0; i < NETDEV_STAT_SLOTS; i++) {
		s->rx_packets += atomic64_read(&netstats[i].rx_packets);
		s->rx_bytes += atomic64_read(&netstats[i].rx_bytes);
		s->tx_packets += atomic64_read(&netstats[i].tx_packets);
		s->tx_bytes += atomic64_read(&netstats[i].tx_bytes);
	}
}

/**
 * dev_get_tstats64 - ndo_get_stats64 for drivers using NETDEV_PCPU_STAT_TSTATS
 * @dev: network device
 * @s: destination
 */
void dev_get_tstats64(struct net_device *dev, struct rtnl_link_stats64 *s)
{
	netdev_stats_to_stats64(s, &dev->stats);
	dev_fetch_sw_netstats(s, dev->tstats);
}

/**
 * dev_lstats_read - add up NETDEV_PCPU_STAT_LSTATS counters
 * @dev: network device
 * @packets: total packets
 * @bytes: total bytes
 */
void dev_lstats_read(struct net_device *dev, u64 *packets, u64 *bytes)
{
	int i;

	*packets = 0;
	*bytes = 0;
	for (i = 0; i < NETDEV_STAT_SLOTS; i++) {
		*packets += atomic64_read(&dev->lstats[i].packets);
		*bytes += atomic64_read(&dev->lstats[i].bytes);
	}
}

static void dev_fetch_dstats(struct rtnl_link_stats64 *s, const struct pcpu_dstats *dstats)
{
	int i;

	for (i = 0; i < NETDEV_STAT_SLOTS; i++) {
		s->rx_packets += atomic64_read(&dstats[i].rx_packets);
		s->rx_bytes += atomic64_read(&dstats[i].rx_bytes);
		s->rx_dropped += atomic64_read(&dstats[i].rx_drops);
		s->tx_packets += atomic64_read(&dstats[i].tx_packets);
		s->tx_bytes += atomic64_read(&dstats[i].tx_bytes);
		s->tx_dropped += atomic64_read(&dstats[i].tx_drops);
	}
}

/**
 * dev_get_stats - the device's statistics, from the driver and the core's own counters
 * @dev: network device
 * @storage: where to put them
 */
struct rtnl_link_stats64 *dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *storage)
{
	const struct net_device_ops *ops = dev->netdev_ops;

	if (ops->ndo_get_stats64) {
		memset(storage, 0, sizeof(*storage));
		ops->ndo_get_stats64(dev, storage);
	} else if (ops->ndo_get_stats) {
		netdev_stats_to_stats64(storage, ops->ndo_get_stats(dev));
	} else {
		netdev_stats_to_stats64(storage, &dev->stats);
		if (dev->pcpu_stat_type == NETDEV_PCPU_STAT_TSTATS && dev->tstats)
			dev_fetch_sw_netstats(storage, dev->tstats);
		else if (dev->pcpu_stat_type == NETDEV_PCPU_STAT_DSTATS && dev->dstats)
			dev_fetch_dstats(storage, dev->dstats);
	}
	storage->rx_dropped += atomic_long_read(&dev->core_stats.rx_dropped);
	storage->tx_dropped += atomic_long_read(&dev->core_stats.tx_dropped);
	storage->rx_nohandler += atomic_long_read(&dev->core_stats.rx_nohandler);
	storage->rx_otherhost_dropped += atomic_long_read(&dev->core_stats.rx_otherhost_dropped);
	return storage;
}
