// SPDX-License-Identifier: MIT
/*
 * The netdevice notifier chains: a global one and one per namespace, both called under RTNL,
 * the namespace's first. A notifier registered late is told about the devices that already
 * exist (NETDEV_REGISTER, then NETDEV_UP for running ones) and is told they go away when it
 * unregisters (NETDEV_GOING_DOWN, NETDEV_DOWN, NETDEV_UNREGISTER).
 */
#include <linux/netdevice.h>
#include <linux/rwsem.h>
#include <net/net_namespace.h>
#include "net/core/dev.h"

static RAW_NOTIFIER_HEAD(netdev_chain);

static const char * const netdev_cmd_names[] = {
	[NETDEV_UP] = "UP",
	[NETDEV_DOWN] = "DOWN",
	[NETDEV_REBOOT] = "REBOOT",
	[NETDEV_CHANGE] = "CHANGE",
	[NETDEV_REGISTER] = "REGISTER",
	[NETDEV_UNREGISTER] = "UNREGISTER",
	[NETDEV_CHANGEMTU] = "CHANGEMTU",
	[NETDEV_CHANGEADDR] = "CHANGEADDR",
	[NETDEV_PRE_CHANGEADDR] = "PRE_CHANGEADDR",
	[NETDEV_GOING_DOWN] = "GOING_DOWN",
	[NETDEV_CHANGENAME] = "CHANGENAME",
	[NETDEV_FEAT_CHANGE] = "FEAT_CHANGE",
	[NETDEV_BONDING_FAILOVER] = "BONDING_FAILOVER",
	[NETDEV_PRE_UP] = "PRE_UP",
	[NETDEV_PRE_TYPE_CHANGE] = "PRE_TYPE_CHANGE",
	[NETDEV_POST_TYPE_CHANGE] = "POST_TYPE_CHANGE",
	[NETDEV_POST_INIT] = "POST_INIT",
	[NETDEV_PRE_UNINIT] = "PRE_UNINIT",
	[NETDEV_RELEASE] = "RELEASE",
	[NETDEV_NOTIFY_PEERS] = "NOTIFY_PEERS",
	[NETDEV_JOIN] = "JOIN",
	[NETDEV_CHANGEUPPER] = "CHANGEUPPER",
	[NETDEV_RESEND_IGMP] = "RESEND_IGMP",
	[NETDEV_PRECHANGEMTU] = "PRECHANGEMTU",
	[NETDEV_CHANGEINFODATA] = "CHANGEINFODATA",
	[NETDEV_BONDING_INFO] = "BONDING_INFO",
	[NETDEV_PRECHANGEUPPER] = "PRECHANGEUPPER",
	[NETDEV_CHANGELOWERSTATE] = "CHANGELOWERSTATE",
	[NETDEV_UDP_TUNNEL_PUSH_INFO] = "UDP_TUNNEL_PUSH_INFO",
	[NETDEV_UDP_TUNNEL_DROP_INFO] = "UDP_TUNNEL_DROP_INFO",
	[NETDEV_CHANGE_TX_QUEUE_LEN] = "CHANGE_TX_QUEUE_LEN",
	[NETDEV_CVLAN_FILTER_PUSH_INFO] = "CVLAN_FILTER_PUSH_INFO",
	[NETDEV_CVLAN_FILTER_DROP_INFO] = "CVLAN_FILTER_DROP_INFO",
	[NETDEV_SVLAN_FILTER_PUSH_INFO] = "SVLAN_FILTER_PUSH_INFO",
	[NETDEV_SVLAN_FILTER_DROP_INFO] = "SVLAN_FILTER_DROP_INFO",
	[NETDEV_OFFLOAD_XSTATS_ENABLE] = "OFFLOAD_XSTATS_ENABLE",
	[NETDEV_OFFLOAD_XSTATS_DISABLE] = "OFFLOAD_XSTATS_DISABLE",
	[NETDEV_OFFLOAD_XSTATS_REPORT_USED] = "OFFLOAD_XSTATS_REPORT_USED",
	[NETDEV_OFFLOAD_XSTATS_REPORT_DELTA] = "OFFLOAD_XSTATS_REPORT_DELTA",
	[NETDEV_XDP_FEAT_CHANGE] = "XDP_FEAT_CHANGE",
};

/**
 * netdev_cmd_to_name - the name of a netdevice notifier event ("REGISTER")
 * @cmd: NETDEV_* event
 */
const char *netdev_cmd_to_name(enum netdev_cmd cmd)
{
	if ((unsigned int)cmd < ARRAY_SIZE(netdev_cmd_names) && netdev_cmd_names[cmd])
		return netdev_cmd_names[cmd];
	return "UNKNOWN_NETDEV_EVENT";
}

static int call_netdevice_notifier(struct notifier_block *nb, unsigned long val,
				   struct net_device *dev)
{
	struct netdev_notifier_info info;

	netdev_notifier_info_init(&info, dev);
	return nb->notifier_call(nb, val, &info);
}

static int call_netdevice_register_notifiers(struct notifier_block *nb, struct net_device *dev)
{
	int err;

	err = call_netdevice_notifier(nb, NETDEV_REGISTER, dev);
	err = notifier_to_errno(err);
	if (err)
		return err;
	if (!(dev->flags & IFF_UP))
		return 0;
	call_netdevice_notifier(nb, NETDEV_UP, dev);
	return 0;
}

static void call_netdevice_unregister_notifiers(struct notifier_block *nb, struct net_device *dev)
{
	if (dev->flags & IFF_UP) {
		call_netdevice_notifier(nb, NETDEV_GOING_DOWN, dev);
		call_netdevice_notifier(nb, NETDEV_DOWN, dev);
	}
	call_netdevice_notifier(nb, NETDEV_UNREGISTER, dev);
}

/**
 * call_netdevice_register_net_notifiers - replay REGISTER (and UP) of @net's devices to @nb
 * @nb: notifier being registered
 * @net: namespace (RTNL held)
 *
 * On a veto, the devices already told are told they went away, in reverse order.
 */
int call_netdevice_register_net_notifiers(struct notifier_block *nb, struct net *net)
{
	struct net_device *dev;
	int err;

	for_each_netdev(net, dev) {
		err = call_netdevice_register_notifiers(nb, dev);
		if (err)
			goto rollback;
	}
	return 0;

rollback:
	list_for_each_entry_continue_reverse(dev, &net->dev_base_head, dev_list)
		call_netdevice_unregister_notifiers(nb, dev);
	return err;
}

/**
 * call_netdevice_unregister_net_notifiers - replay the going away of @net's devices to @nb
 * @nb: notifier being unregistered
 * @net: namespace (RTNL held)
 */
void call_netdevice_unregister_net_notifiers(struct notifier_block *nb, struct net *net)
{
	struct net_device *dev;

	for_each_netdev(net, dev)
		call_netdevice_unregister_notifiers(nb, dev);
}

/**
 * register_netdevice_notifier - add a notifier to the global chain
 * @nb: notifier
 *
 * The notifier immediately gets NETDEV_REGISTER (and NETDEV_UP when running) for every device
 * in every namespace; if it vetoes one, everything is rolled back and the error returned.
 */
int register_netdevice_notifier(struct notifier_block *nb)
{
	struct net *net;
	int err;

	down_write(&pernet_ops_rwsem);
	rtnl_lock();
	err = raw_notifier_chain_register(&netdev_chain, nb);
	if (err)
		goto unlock;
	for_each_net(net) {
		err = call_netdevice_register_net_notifiers(nb, net);
		if (err)
			goto rollback;
	}
unlock:
	rtnl_unlock();
	up_write(&pernet_ops_rwsem);
	return err;

rollback:
	list_for_each_entry_continue_reverse(net, &net_namespace_list, list)
		call_netdevice_unregister_net_notifiers(nb, net);
	raw_notifier_chain_unregister(&netdev_chain, nb);
	goto unlock;
}

/**
 * unregister_netdevice_notifier - remove a notifier from the global chain
 * @nb: notifier
 *
 * The notifier is told that every device goes down and away, as if they were unregistered.
 */
int unregister_netdevice_notifier(struct notifier_block *nb)
{
	struct net *net;
	int err;

	down_write(&pernet_ops_rwsem);
	rtnl_lock();
	err = raw_notifier_chain_unregister(&netdev_chain, nb);
	if (err)
		goto unlock;
	for_each_net(net)
		call_netdevice_unregister_net_notifiers(nb, net);
unlock:
	rtnl_unlock();
	up_write(&pernet_ops_rwsem);
	return err;
}

static int __register_netdevice_notifier_net(struct net *net, struct notifier_block *nb)
{
	int err;

	err = raw_notifier_chain_register(&net->netdev_chain, nb);
	if (err)
		return err;
	err = call_netdevice_register_net_notifiers(nb, net);
	if (err)
		raw_notifier_chain_unregister(&net->netdev_chain, nb);
	return err;
}

static int __unregister_netdevice_notifier_net(struct net *net, struct notifier_block *nb)
{
	int err;

	err = raw_notifier_chain_unregister(&net->netdev_chain, nb);
	if (err)
		return err;
	call_netdevice_unregister_net_notifiers(nb, net);
	return 0;
}

/**
 * register_netdevice_notifier_net - add a notifier for one namespace's devices
 * @net: namespace
 * @nb: notifier (replayed as register_netdevice_notifier() does, for @net only)
 */
int register_netdevice_notifier_net(struct net *net, struct notifier_block *nb)
{
	int err;

	rtnl_lock();
	err = __register_netdevice_notifier_net(net, nb);
	rtnl_unlock();
	return err;
}

/**
 * unregister_netdevice_notifier_net - remove a per-namespace notifier
 * @net: namespace
 * @nb: notifier
 */
int unregister_netdevice_notifier_net(struct net *net, struct notifier_block *nb)
{
	int err;

	rtnl_lock();
	err = __unregister_netdevice_notifier_net(net, nb);
	rtnl_unlock();
	return err;
}

/**
 * register_netdevice_notifier_dev_net - add a notifier for the namespace @dev lives in
 * @dev: network device
 * @nb: notifier
 * @nn: link kept on the device
 */
int register_netdevice_notifier_dev_net(struct net_device *dev, struct notifier_block *nb,
					struct netdev_net_notifier *nn)
{
	int err;

	rtnl_lock();
	err = __register_netdevice_notifier_net(dev_net(dev), nb);
	if (!err) {
		nn->nb = nb;
		list_add(&nn->list, &dev->net_notifier_list);
	}
	rtnl_unlock();
	return err;
}

/**
 * unregister_netdevice_notifier_dev_net - remove a notifier added for @dev's namespace
 * @dev: network device
 * @nb: notifier
 * @nn: link kept on the device
 */
int unregister_netdevice_notifier_dev_net(struct net_device *dev, struct notifier_block *nb,
					  struct netdev_net_notifier *nn)
{
	int err;

	rtnl_lock();
	list_del(&nn->list);
	err = __unregister_netdevice_notifier_net(dev_net(dev), nb);
	rtnl_unlock();
	return err;
}

/**
 * call_netdevice_notifiers_info - send an event: the namespace's chain, then the global one
 * @val: NETDEV_* event
 * @info: event data, info->dev set
 *
 * Returns the last notifier's result (NOTIFY_*); notifier_to_errno() gives the veto.
 */
int call_netdevice_notifiers_info(unsigned long val, struct netdev_notifier_info *info)
{
	struct net *net = dev_net(info->dev);
	int ret;

	ASSERT_RTNL();
	ret = raw_notifier_call_chain(&net->netdev_chain, val, info);
	if (ret & NOTIFY_STOP_MASK)
		return ret;
	return raw_notifier_call_chain(&netdev_chain, val, info);
}

/**
 * call_netdevice_notifiers - send @val about @dev to every interested notifier (RTNL held)
 * @val: NETDEV_* event
 * @dev: network device
 */
int call_netdevice_notifiers(unsigned long val, struct net_device *dev)
{
	struct netdev_notifier_info info;

	netdev_notifier_info_init(&info, dev);
	return call_netdevice_notifiers_info(val, &info);
}

/**
 * call_netdevice_notifiers_mtu - send an MTU event carrying the MTU in info_ext.ext.mtu
 * @val: NETDEV_PRECHANGEMTU or NETDEV_CHANGEMTU
 * @dev: network device
 * @arg: new MTU for PRECHANGEMTU, old MTU for CHANGEMTU
 */
int call_netdevice_notifiers_mtu(unsigned long val, struct net_device *dev, u32 arg)
{
	struct netdev_notifier_info_ext info = {
		.info.dev = dev,
		.ext.mtu = arg,
	};

	return call_netdevice_notifiers_info(val, &info.info);
}
