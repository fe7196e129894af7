// SPDX-License-Identifier: MIT
/*
 * Link state events. Carrier changes come from any context; the operational state (RFC 2863)
 * and the NETDEV_CHANGE event follow later under RTNL, from a work item. A pending event holds
 * a device reference, which unregistration gives back through linkwatch_sync_dev().
 */
#include <linux/netdevice.h>
#include <linux/workqueue.h>
#include "net/core/dev.h"

static LIST_HEAD(lweventlist);
static DEFINE_SPINLOCK(lweventlist_lock);
static void linkwatch_event(struct work_struct *dummy);
static DECLARE_WORK(linkwatch_work, linkwatch_event);

static unsigned char default_operstate(const struct net_device *dev)
{
	if (test_bit(__LINK_STATE_TESTING, &dev->state))
		return IF_OPER_TESTING;
	if (!netif_carrier_ok(dev))
		return dev_get_iflink(dev) == dev->ifindex ? IF_OPER_DOWN : IF_OPER_LOWERLAYERDOWN;
	if (test_bit(__LINK_STATE_DORMANT, &dev->state))
		return IF_OPER_DORMANT;
	return IF_OPER_UP;
}

static void rfc2863_policy(struct net_device *dev)
{
	unsigned char operstate = default_operstate(dev);

	if (operstate == READ_ONCE(dev->operstate))
		return;
	if (dev->link_mode == IF_LINK_MODE_DORMANT && operstate == IF_OPER_UP)
		operstate = IF_OPER_DORMANT;
	WRITE_ONCE(dev->operstate, operstate);
}

/**
 * linkwatch_init_dev - the operational state of a device registered without carrier
 * @dev: network device being registered
 */
void linkwatch_init_dev(struct net_device *dev)
{
	if (!netif_carrier_ok(dev) || test_bit(__LINK_STATE_DORMANT, &dev->state) ||
	    test_bit(__LINK_STATE_TESTING, &dev->state))
		rfc2863_policy(dev);
}

/**
 * linkwatch_fire_event - queue a link state update for @dev
 * @dev: network device (any context)
 */
void linkwatch_fire_event(struct net_device *dev)
{
	unsigned long flags;

	if (test_and_set_bit(__LINK_STATE_LINKWATCH_PENDING, &dev->state))
		return;
	spin_lock_irqsave(&lweventlist_lock, flags);
	if (list_empty(&dev->link_watch_list)) {
		list_add_tail(&dev->link_watch_list, &lweventlist);
		netdev_hold(dev, &dev->linkwatch_dev_tracker, GFP_ATOMIC);
	}
	spin_unlock_irqrestore(&lweventlist_lock, flags);
	schedule_work(&linkwatch_work);
}

static void linkwatch_do_dev(struct net_device *dev)
{
	/* The device may be on its way out; then only the state is updated. */
	clear_bit(__LINK_STATE_LINKWATCH_PENDING, &dev->state);
	rfc2863_policy(dev);
	if (dev->flags & IFF_UP && dev->reg_state == NETREG_REGISTERED) {
		struct netdev_notifier_change_info change_info = { .info.dev = dev };

		call_netdevice_notifiers_info(NETDEV_CHANGE, &change_info.info);
	}
	netdev_put(dev, &dev->linkwatch_dev_tracker);
}

/**
 * linkwatch_run_queue - process every pending link event now (RTNL held)
 */
void linkwatch_run_queue(void)
{
	struct net_device *dev;
	LIST_HEAD(wrk);

	ASSERT_RTNL();
	spin_lock_irq(&lweventlist_lock);
	list_splice_init(&lweventlist, &wrk);
	while (!list_empty(&wrk)) {
		dev = list_first_entry(&wrk, struct net_device, link_watch_list);
		list_del_init(&dev->link_watch_list);
		spin_unlock_irq(&lweventlist_lock);
		linkwatch_do_dev(dev);
		spin_lock_irq(&lweventlist_lock);
	}
	spin_unlock_irq(&lweventlist_lock);
}

/**
 * linkwatch_sync_dev - process @dev's pending event now (unregistration, RTNL not needed)
 * @dev: network device no longer registered
 */
void linkwatch_sync_dev(struct net_device *dev)
{
	bool pending;

	spin_lock_irq(&lweventlist_lock);
	pending = !list_empty(&dev->link_watch_list);
	if (pending)
		list_del_init(&dev->link_watch_list);
	spin_unlock_irq(&lweventlist_lock);
	if (pending)
		linkwatch_do_dev(dev);
}

static void linkwatch_event(struct work_struct *dummy)
{
	rtnl_lock();
	linkwatch_run_queue();
	rtnl_unlock();
}
