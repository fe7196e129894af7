// SPDX-License-Identifier: MIT
/*
 * rtnl: the mutex behind every network configuration change, whose unlock runs the second half
 * of device unregistration; and rtnl_link_ops, the registry of device kinds with the kernel's
 * RTM_NEWLINK create path and RTM_DELLINK delete path (called in-process: krt has no netlink
 * sockets, <krt/link.h> is the front end).
 */
#include <linux/netdevice.h>
#include <linux/err.h>
#include <linux/if_link.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include "net/core/dev.h"

static DEFINE_MUTEX(rtnl_mutex);
static LIST_HEAD(link_ops);

/**
 * rtnl_lock - take the rtnl mutex
 */
void rtnl_lock(void)
{
	mutex_lock(&rtnl_mutex);
}

/**
 * rtnl_lock_killable - take the rtnl mutex unless a fatal signal is pending
 *
 * Returns 0 or -EINTR.
 */
int rtnl_lock_killable(void)
{
	return mutex_lock_killable(&rtnl_mutex);
}

/**
 * rtnl_trylock - take the rtnl mutex if it is free
 *
 * Returns 1 when taken.
 */
int rtnl_trylock(void)
{
	return mutex_trylock(&rtnl_mutex);
}

/**
 * __rtnl_unlock - release the rtnl mutex without running the todo list
 *
 * Only for callers that queued no unregistration: a non-empty todo list is a bug.
 */
void __rtnl_unlock(void)
{
	WARN_ON(!list_empty(&net_todo_list));
	mutex_unlock(&rtnl_mutex);
}

/**
 * rtnl_unlock - release the rtnl mutex and finish pending unregistrations
 *
 * Runs netdev_run_todo(), which drops the mutex first and then waits for the references of
 * the devices unregistered under it.
 */
void rtnl_unlock(void)
{
	netdev_run_todo();
}

/**
 * rtnl_is_locked - is the rtnl mutex held (by anyone)
 */
int rtnl_is_locked(void)
{
	return mutex_is_locked(&rtnl_mutex);
}

/**
 * lockdep_rtnl_is_held - does the caller hold the rtnl mutex (for rtnl_dereference())
 */
bool lockdep_rtnl_is_held(void)
{
	return lockdep_is_held(&rtnl_mutex);
}

/**
 * refcount_dec_and_rtnl_lock - drop a reference; take RTNL when it was the last
 * @r: reference count
 *
 * Returns true, with RTNL held, when @r reached zero.
 */
bool refcount_dec_and_rtnl_lock(refcount_t *r)
{
	return refcount_dec_and_mutex_lock(r, &rtnl_mutex);
}

static struct rtnl_link_ops *rtnl_link_ops_find(const char *kind)
{
	struct rtnl_link_ops *ops;

	list_for_each_entry(ops, &link_ops, list)
		if (!strcmp(ops->kind, kind))
			return ops;
	return NULL;
}

/**
 * rtnl_link_ops_get - the ops registered for @kind (RTNL held), or NULL
 * @kind: "dummy", "veth", ...
 */
const struct rtnl_link_ops *rtnl_link_ops_get(const char *kind)
{
	ASSERT_RTNL();
	return rtnl_link_ops_find(kind);
}

/**
 * __rtnl_link_register - register a device kind (RTNL held)
 * @ops: the kind's operations
 *
 * A kind that creates devices and has no dellink gets unregister_netdevice_queue().
 * Returns 0 or -EEXIST.
 */
int __rtnl_link_register(struct rtnl_link_ops *ops)
{
	ASSERT_RTNL();
	if (rtnl_link_ops_find(ops->kind))
		return -EEXIST;
	if ((ops->alloc || ops->setup) && !ops->dellink)
		ops->dellink = unregister_netdevice_queue;
	list_add_tail(&ops->list, &link_ops);
	return 0;
}

/**
 * rtnl_link_register - register a device kind
 * @ops: the kind's operations
 */
int rtnl_link_register(struct rtnl_link_ops *ops)
{
	int err;

	/* The kernel bounds maxtype by the size of its attribute arrays (RTNL_MAX_TYPE). */
	if (WARN_ON(ops->maxtype > 50))
		return -EINVAL;
	rtnl_lock();
	err = __rtnl_link_register(ops);
	rtnl_unlock();
	return err;
}

static void __rtnl_kill_links(struct net *net, struct rtnl_link_ops *ops)
{
	struct net_device *dev;
	LIST_HEAD(list_kill);

	for_each_netdev(net, dev) {
		if (dev->rtnl_link_ops == ops)
			ops->dellink(dev, &list_kill);
	}
	unregister_netdevice_many(&list_kill);
}

/**
 * __rtnl_link_unregister - remove a device kind and delete its devices (RTNL held)
 * @ops: the kind's operations
 */
void __rtnl_link_unregister(struct rtnl_link_ops *ops)
{
	struct net *net;

	ASSERT_RTNL();
	for_each_net(net)
		__rtnl_kill_links(net, ops);
	list_del(&ops->list);
}

/**
 * rtnl_link_unregister - remove a device kind; every device of that kind is deleted, in every
 * namespace, as one batch per namespace
 * @ops: the kind's operations
 */
void rtnl_link_unregister(struct rtnl_link_ops *ops)
{
	down_write(&pernet_ops_rwsem);
	rtnl_lock();
	__rtnl_link_unregister(ops);
	rtnl_unlock();
	up_write(&pernet_ops_rwsem);
}

static int validate_linkmsg(struct net_device *dev, struct nlattr *tb[],
			    struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) < dev->addr_len) {
		NL_SET_ERR_MSG(extack, "address is too short");
		return -EINVAL;
	}
	if (tb[IFLA_BROADCAST] && nla_len(tb[IFLA_BROADCAST]) < dev->addr_len) {
		NL_SET_ERR_MSG(extack, "broadcast address is too short");
		return -EINVAL;
	}
	return 0;
}

/**
 * rtnl_create_link - allocate and configure (not register) a device of kind @ops
 * @net: namespace it will live in
 * @ifname: name or template
 * @name_assign_type: NET_NAME_USER for a given name, NET_NAME_ENUM for "<kind>%d"
 * @ops: the kind
 * @tb: IFLA_* attributes (IFLA_MTU, IFLA_ADDRESS, IFLA_TXQLEN, queue counts...)
 * @extack: netlink extended ack, may be NULL
 *
 * Returns the device, in RTNL_LINK_INITIALIZING state, or an ERR_PTR.
 */
struct net_device *rtnl_create_link(struct net *net, const char *ifname,
				    unsigned char name_assign_type,
				    const struct rtnl_link_ops *ops, struct nlattr *tb[],
				    struct netlink_ext_ack *extack)
{
	unsigned int num_tx_queues = 1, num_rx_queues = 1;
	struct net_device *dev;
	int err;

	if (tb[IFLA_NUM_TX_QUEUES])
		num_tx_queues = nla_get_u32(tb[IFLA_NUM_TX_QUEUES]);
	else if (ops->get_num_tx_queues)
		num_tx_queues = ops->get_num_tx_queues();
	if (tb[IFLA_NUM_RX_QUEUES])
		num_rx_queues = nla_get_u32(tb[IFLA_NUM_RX_QUEUES]);
	else if (ops->get_num_rx_queues)
		num_rx_queues = ops->get_num_rx_queues();

	if (num_tx_queues < 1 || num_tx_queues > 4096) {
		NL_SET_ERR_MSG(extack, "Invalid number of transmit queues");
		return ERR_PTR(-EINVAL);
	}
	if (num_rx_queues < 1 || num_rx_queues > 4096) {
		NL_SET_ERR_MSG(extack, "Invalid number of receive queues");
		return ERR_PTR(-EINVAL);
	}

	if (ops->alloc) {
		dev = ops->alloc(tb, ifname, name_assign_type, num_tx_queues, num_rx_queues);
		if (IS_ERR(dev))
			return dev;
	} else {
		dev = alloc_netdev_mqs(ops->priv_size, ifname, name_assign_type, ops->setup,
				       num_tx_queues, num_rx_queues);
	}
	if (!dev)
		return ERR_PTR(-ENOMEM);

	err = validate_linkmsg(dev, tb, extack);
	if (err < 0) {
		free_netdev(dev);
		return ERR_PTR(err);
	}

	dev_net_set(dev, net);
	dev->rtnl_link_ops = ops;
	dev->rtnl_link_state = RTNL_LINK_INITIALIZING;

	if (tb[IFLA_MTU]) {
		u32 mtu = nla_get_u32(tb[IFLA_MTU]);

		err = dev_validate_mtu(dev, mtu, extack);
		if (err) {
			free_netdev(dev);
			return ERR_PTR(err);
		}
		dev->mtu = mtu;
	}
	if (tb[IFLA_ADDRESS]) {
		dev_addr_set(dev, nla_data(tb[IFLA_ADDRESS]));
		dev->addr_assign_type = NET_ADDR_SET;
	}
	if (tb[IFLA_BROADCAST])
		memcpy(dev->broadcast, nla_data(tb[IFLA_BROADCAST]), dev->addr_len);
	if (tb[IFLA_TXQLEN])
		dev->tx_queue_len = nla_get_u32(tb[IFLA_TXQLEN]);
	if (tb[IFLA_LINKMODE])
		dev->link_mode = nla_get_u8(tb[IFLA_LINKMODE]);
	if (tb[IFLA_GROUP])
		dev->group = nla_get_u32(tb[IFLA_GROUP]);
	return dev;
}

/**
 * rtnl_configure_link - apply the request's flags and finish creation (RTNL held)
 * @dev: device registered by the create path
 * @ifm: the request's ifinfomsg (flags to change), may be NULL
 * @portid: netlink port (unused)
 * @nlh: netlink request (unused)
 */
int rtnl_configure_link(struct net_device *dev, const struct ifinfomsg *ifm, u32 portid,
			const struct nlmsghdr *nlh)
{
	int err;

	if (ifm && (ifm->ifi_flags || ifm->ifi_change)) {
		unsigned int flags = ifm->ifi_flags;

		if (ifm->ifi_change)
			flags = (flags & ifm->ifi_change) | (dev->flags & ~ifm->ifi_change);
		err = dev_change_flags(dev, flags, NULL);
		if (err < 0)
			return err;
	}
	dev->rtnl_link_state = RTNL_LINK_INITIALIZED;
	return 0;
}

/**
 * rtnl_newlink_create - the RTM_NEWLINK create path for kind @ops (RTNL held)
 * @net: namespace
 * @ops: the kind
 * @ifm: ifinfomsg of the request (ifi_index may ask for an index, flags to set)
 * @tb: IFLA_* attributes; IFLA_IFNAME names the device, else "<kind>%d"
 * @data: the kind's own attributes (IFLA_INFO_DATA), may be NULL
 * @extack: netlink extended ack, may be NULL
 *
 * ops->newlink registers the device (else register_netdevice()); a failure after that
 * deletes it again through dellink.
 */
int rtnl_newlink_create(struct net *net, const struct rtnl_link_ops *ops, struct ifinfomsg *ifm,
			struct nlattr **tb, struct nlattr **data, struct netlink_ext_ack *extack)
{
	unsigned char name_assign_type = NET_NAME_USER;
	struct net_device *dev;
	char ifname[IFNAMSIZ];
	int err;

	ASSERT_RTNL();
	if (!ops->alloc && !ops->setup)
		return -EOPNOTSUPP;

	if (tb[IFLA_IFNAME]) {
		nla_strscpy(ifname, tb[IFLA_IFNAME], IFNAMSIZ);
	} else {
		snprintf(ifname, IFNAMSIZ, "%s%%d", ops->kind);
		name_assign_type = NET_NAME_ENUM;
	}

	dev = rtnl_create_link(net, ifname, name_assign_type, ops, tb, extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	dev->ifindex = ifm->ifi_index;

	if (ops->newlink)
		err = ops->newlink(net, dev, tb, data, extack);
	else
		err = register_netdevice(dev);
	if (err < 0) {
		free_netdev(dev);
		return err;
	}

	err = rtnl_configure_link(dev, ifm, 0, NULL);
	if (err < 0) {
		if (ops->newlink) {
			LIST_HEAD(list_kill);

			ops->dellink(dev, &list_kill);
			unregister_netdevice_many(&list_kill);
		} else {
			unregister_netdevice(dev);
		}
	}
	return err;
}

/**
 * rtnl_delete_link - the RTM_DELLINK path: the kind's dellink, then one batch (RTNL held)
 * @dev: device created through rtnl_link_ops
 * @portid: netlink port (unused)
 * @nlh: netlink request (unused)
 *
 * Returns 0, or -EOPNOTSUPP for a device without link ops or dellink.
 */
int rtnl_delete_link(struct net_device *dev, u32 portid, const struct nlmsghdr *nlh)
{
	const struct rtnl_link_ops *ops = dev->rtnl_link_ops;
	LIST_HEAD(list_kill);

	if (!ops || !ops->dellink)
		return -EOPNOTSUPP;
	ops->dellink(dev, &list_kill);
	unregister_netdevice_many_notify(&list_kill, portid, nlh);
	return 0;
}

/**
 * rtnl_group_dellink - delete every device of @group in @net as one batch (RTNL held)
 * @net: namespace
 * @group: device group
 *
 * Returns 0, or -EOPNOTSUPP (nothing deleted) when one of them has no dellink.
 */
int rtnl_group_dellink(const struct net *net, int group)
{
	struct net_device *dev, *aux;
	LIST_HEAD(list_kill);
	bool found = false;

	if (!group)
		return -EPERM;
	for_each_netdev((struct net *)net, dev) {
		if (dev->group == group) {
			const struct rtnl_link_ops *ops = dev->rtnl_link_ops;

			found = true;
			if (!ops || !ops->dellink)
				return -EOPNOTSUPP;
		}
	}
	if (!found)
		return -ENODEV;

	for_each_netdev_safe((struct net *)net, dev, aux) {
		if (dev->group == group)
			dev->rtnl_link_ops->dellink(dev, &list_kill);
	}
	unregister_netdevice_many(&list_kill);
	return 0;
}

/**
 * rtnl_link_unregister_all_net - queue every link-ops device of @net for deletion (RTNL held)
 * @net: namespace going away
 * @dev_kill_list: the batch
 *
 * Devices without link ops are queued as plain unregistrations.
 */
void rtnl_link_unregister_all_net(struct net *net, struct list_head *dev_kill_list)
{
	struct net_device *dev, *aux;

	for_each_netdev_safe(net, dev, aux) {
		/* A veth peer may have been queued already by its other end's dellink. */
		if (dev->dismantle || !list_empty(&dev->unreg_list))
			continue;
		if (dev->rtnl_link_ops && dev->rtnl_link_ops->dellink)
			dev->rtnl_link_ops->dellink(dev, dev_kill_list);
		else
			unregister_netdevice_queue(dev, dev_kill_list);
	}
}
