// SPDX-License-Identifier: MIT
/*
 * The life of a struct net_device: alloc_netdev_mqs(), register_netdevice(), the two-phase
 * unregister (unregister_netdevice_many() under RTNL, then netdev_run_todo() from rtnl_unlock()
 * waiting for the last reference) and free_netdev(). The order of every step and of every
 * callback on the error paths is the kernel's (spec §6.2-6.5).
 */
#include <linux/netdevice.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/overflow.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/stacktrace.h>
#include <linux/stackdepot.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <net/rtnetlink.h>
#include <krt/leak.h>
#include <krt/tsan.h>
#include <krt/proc.h>
#include "net/core/dev.h"

#define WAIT_REFS_MIN_MSECS	1
#define WAIT_REFS_MAX_MSECS	250

/* Devices whose unregistration waits for the todo runner (under RTNL). */
LIST_HEAD(net_todo_list);
static atomic_t dev_unreg_count = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(netdev_unregistering_wq);
atomic_long_t netdev_live_count = ATOMIC_LONG_INIT(0);
static atomic_long_t synchronize_net_count = ATOMIC_LONG_INIT(0);

/* net.core.netdev_unregister_timeout_secs: how often a waiting unregister reports. */
static unsigned int netdev_unregister_timeout_secs __read_mostly = 10;

static const char * const reg_state_suffix[] = {
	[NETREG_UNINITIALIZED] = " (uninitialized)",
	[NETREG_REGISTERED] = "",
	[NETREG_UNREGISTERING] = " (unregistering)",
	[NETREG_UNREGISTERED] = " (unregistered)",
	[NETREG_RELEASED] = " (released)",
	[NETREG_DUMMY] = " (dummy)",
};

/**
 * netdev_reg_state - the suffix netdev_printk() adds for the device's registration state
 * @dev: network device
 */
const char *netdev_reg_state(const struct net_device *dev)
{
	u8 state = READ_ONCE(dev->reg_state);

	if (state < ARRAY_SIZE(reg_state_suffix))
		return reg_state_suffix[state];
	WARN_ONCE(1, "invalid reg_state %u for %s\n", state, dev->name);
	return " (unknown)";
}

/**
 * synchronize_net - wait for every packet-path RCU reader to finish
 */
void synchronize_net(void)
{
	might_sleep();
	atomic_long_inc(&synchronize_net_count);
	synchronize_rcu();
}

/**
 * krt_synchronize_net_count - how many synchronize_net() grace periods were waited for
 *
 * Lets tests check that a batch of unregistrations shares its grace periods.
 */
unsigned long krt_synchronize_net_count(void)
{
	return atomic_long_read(&synchronize_net_count);
}

static const struct net_device_ops netdev_no_ops;

static void netdev_free_memory(struct net_device *dev)
{
	atomic_long_dec(&netdev_live_count);
	kvfree(dev);
}

static int netif_alloc_queues(struct net_device *dev)
{
	unsigned int i;

	dev->_tx = kvcalloc(dev->num_tx_queues, sizeof(*dev->_tx), GFP_KERNEL_ACCOUNT |
			    __GFP_RETRY_MAYFAIL);
	dev->_rx = kvcalloc(dev->num_rx_queues, sizeof(*dev->_rx), GFP_KERNEL_ACCOUNT |
			    __GFP_RETRY_MAYFAIL);
	if (!dev->_tx || !dev->_rx)
		return -ENOMEM;
	for (i = 0; i < dev->num_tx_queues; i++) {
		dev->_tx[i].dev = dev;
		dev->_tx[i].index = i;
	}
	for (i = 0; i < dev->num_rx_queues; i++) {
		dev->_rx[i].dev = dev;
		dev->_rx[i].index = i;
	}
	return 0;
}

/**
 * netif_set_real_num_tx_queues - set how many of the allocated TX queues are in use
 * @dev: network device
 * @txq: 1..num_tx_queues
 */
int netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq)
{
	if (txq < 1 || txq > dev->num_tx_queues)
		return -EINVAL;
	dev->real_num_tx_queues = txq;
	return 0;
}

/**
 * netif_set_real_num_rx_queues - set how many of the allocated RX queues are in use
 * @dev: network device
 * @rxq: 1..num_rx_queues
 */
int netif_set_real_num_rx_queues(struct net_device *dev, unsigned int rxq)
{
	if (rxq < 1 || rxq > dev->num_rx_queues)
		return -EINVAL;
	dev->real_num_rx_queues = rxq;
	return 0;
}

/**
 * alloc_netdev_mqs - allocate a network device with its private area and queues
 * @sizeof_priv: size of the driver's private area (netdev_priv())
 * @name: name or template ("eth%d"), resolved at registration
 * @name_assign_type: NET_NAME_*
 * @setup: driver callback that initialises the device
 * @txqs: TX queues to allocate
 * @rxqs: RX queues to allocate
 *
 * Returns the device with one reference, or NULL.
 */
struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name,
				    unsigned char name_assign_type,
				    void (*setup)(struct net_device *),
				    unsigned int txqs, unsigned int rxqs)
{
	struct net_device *dev;

	BUG_ON(strlen(name) >= sizeof(dev->name));

	if (txqs < 1) {
		pr_err("alloc_netdev: Unable to allocate device with zero queues\n");
		return NULL;
	}
	if (rxqs < 1) {
		pr_err("alloc_netdev: Unable to allocate device with zero RX queues\n");
		return NULL;
	}

	dev = kvzalloc(struct_size(dev, priv, sizeof_priv), GFP_KERNEL_ACCOUNT |
		       __GFP_RETRY_MAYFAIL);
	if (!dev)
		return NULL;
	atomic_long_inc(&netdev_live_count);
	dev->priv_len = sizeof_priv;

	ref_tracker_dir_init(&dev->refcnt_tracker, 128, name);
	refcount_set(&dev->dev_refcnt, 1);
	spin_lock_init(&dev->untracked_lock);
	dev->dev_addr = dev->dev_addr_storage;
	INIT_LIST_HEAD(&dev->dev_list);
	INIT_HLIST_NODE(&dev->name_hlist);
	INIT_HLIST_NODE(&dev->index_hlist);
	INIT_LIST_HEAD(&dev->unreg_list);
	INIT_LIST_HEAD(&dev->close_list);
	INIT_LIST_HEAD(&dev->todo_list);
	INIT_LIST_HEAD(&dev->ptype_all);
	INIT_LIST_HEAD(&dev->ptype_specific);
	INIT_LIST_HEAD(&dev->link_watch_list);
	INIT_LIST_HEAD(&dev->net_notifier_list);
	dev_net_set(dev, &init_net);

	dev->gso_max_size = 65536;
	dev->gso_max_segs = 65535;
	dev->gro_max_size = 65536;
	dev->priv_flags = IFF_XMIT_DST_RELEASE | IFF_XMIT_DST_RELEASE_PERM;
	/* The kernel oopses on a device whose setup set no ops; krt gives it empty ones. */
	dev->netdev_ops = &netdev_no_ops;
	setup(dev);

	if (!dev->tx_queue_len) {
		dev->priv_flags |= IFF_NO_QUEUE;
		dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	}

	dev->num_tx_queues = txqs;
	dev->real_num_tx_queues = txqs;
	dev->num_rx_queues = rxqs;
	dev->real_num_rx_queues = rxqs;
	if (netif_alloc_queues(dev))
		goto free_all;

	strscpy(dev->name, name, sizeof(dev->name));
	dev->name_assign_type = name_assign_type;
	return dev;

free_all:
	free_netdev(dev);
	return NULL;
}

static void netdev_setup_dummy(struct net_device *dev)
{
}

/**
 * alloc_netdev_dummy - allocate a device that is never registered (NAPI host for drivers)
 * @sizeof_priv: size of the private area
 */
struct net_device *alloc_netdev_dummy(int sizeof_priv)
{
	struct net_device *dev;

	dev = alloc_netdev(sizeof_priv, "dummy#", NET_NAME_UNKNOWN, netdev_setup_dummy);
	if (dev)
		dev->reg_state = NETREG_DUMMY;
	return dev;
}

static int netdev_do_alloc_pcpu_stats(struct net_device *dev)
{
	size_t size;

	switch (dev->pcpu_stat_type) {
	case NETDEV_PCPU_STAT_NONE:
		return 0;
	case NETDEV_PCPU_STAT_LSTATS:
		size = sizeof(struct pcpu_lstats);
		break;
	case NETDEV_PCPU_STAT_TSTATS:
		size = sizeof(struct pcpu_sw_netstats);
		break;
	case NETDEV_PCPU_STAT_DSTATS:
		size = sizeof(struct pcpu_dstats);
		break;
	default:
		return -EINVAL;
	}
	dev->lstats = netdev_alloc_pcpu_stats_type(size);
	return dev->lstats ? 0 : -ENOMEM;
}

static void netdev_do_free_pcpu_stats(struct net_device *dev)
{
	if (dev->pcpu_stat_type == NETDEV_PCPU_STAT_NONE)
		return;
	netdev_free_pcpu_stats(dev->lstats);
	dev->lstats = NULL;
}

/**
 * list_netdevice - make @dev findable by name and ifindex and visible to iteration
 * @dev: device being registered (RTNL held)
 */
void list_netdevice(struct net_device *dev)
{
	struct net *net = dev_net(dev);

	ASSERT_RTNL();
	list_add_tail_rcu(&dev->dev_list, &net->dev_base_head);
	hlist_add_head_rcu(&dev->name_hlist,
			   &net->dev_name_head[netdev_name_hash_bucket(dev->name)]);
	hlist_add_head_rcu(&dev->index_hlist,
			   &net->dev_index_head[dev->ifindex & (NETDEV_HASHENTRIES - 1)]);
	net->dev_base_seq++;
}

/**
 * unlist_netdevice - hide @dev from lookups and iteration; frees its ifindex
 * @dev: device being unregistered (RTNL held)
 */
void unlist_netdevice(struct net_device *dev)
{
	struct net *net = dev_net(dev);

	ASSERT_RTNL();
	dev_index_release(net, dev->ifindex);
	list_del_rcu(&dev->dev_list);
	hlist_del_init_rcu(&dev->name_hlist);
	hlist_del_init_rcu(&dev->index_hlist);
	net->dev_base_seq++;
}

/**
 * register_netdevice - register a network device (RTNL held)
 * @dev: device from alloc_netdev_mqs(), still NETREG_UNINITIALIZED
 *
 * Resolves the name, calls ndo_init, reserves the ifindex, sends NETDEV_POST_INIT, makes the
 * device visible and sends NETDEV_REGISTER. On failure the caller still owns @dev and must
 * free_netdev() it; ndo_uninit and priv_destructor ran if ndo_init had succeeded.
 */
int register_netdevice(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	int ret;

	ASSERT_RTNL();
	BUG_ON(dev->reg_state != NETREG_UNINITIALIZED);
	BUG_ON(!net);

	ret = dev_get_valid_name(net, dev, dev->name);
	if (ret < 0)
		goto out;

	if (dev->netdev_ops->ndo_init) {
		ret = dev->netdev_ops->ndo_init(dev);
		if (ret) {
			if (ret > 0)
				ret = -EIO;
			goto out;
		}
	}

	ret = netdev_do_alloc_pcpu_stats(dev);
	if (ret)
		goto err_uninit;

	ret = dev_index_reserve(net, dev->ifindex);
	if (ret < 0)
		goto err_free_pcpu;
	dev->ifindex = ret;

	dev->hw_features |= NETIF_F_SOFT_FEATURES;
	dev->features |= NETIF_F_SOFT_FEATURES;
	dev->wanted_features = dev->features & dev->hw_features;

	ret = call_netdevice_notifiers(NETDEV_POST_INIT, dev);
	ret = notifier_to_errno(ret);
	if (ret)
		goto err_ifindex;

	ret = netdev_register_kobject(dev);
	WRITE_ONCE(dev->reg_state, ret ? NETREG_UNREGISTERED : NETREG_REGISTERED);
	if (ret)
		goto err_uninit_notify;

	set_bit(__LINK_STATE_PRESENT, &dev->state);
	linkwatch_init_dev(dev);
	netdev_hold(dev, &dev->dev_registered_tracker, GFP_KERNEL);
	list_netdevice(dev);

	if (dev->addr_assign_type == NET_ADDR_PERM)
		memcpy(dev->perm_addr, dev->dev_addr, dev->addr_len);

	ret = call_netdevice_notifiers(NETDEV_REGISTER, dev);
	ret = notifier_to_errno(ret);
	if (ret) {
		/* The caller frees it explicitly on failure. */
		dev->needs_free_netdev = false;
		unregister_netdevice_queue(dev, NULL);
		goto out;
	}
out:
	return ret;

err_uninit_notify:
	call_netdevice_notifiers(NETDEV_PRE_UNINIT, dev);
err_ifindex:
	dev_index_release(net, dev->ifindex);
err_free_pcpu:
	netdev_do_free_pcpu_stats(dev);
err_uninit:
	if (dev->netdev_ops->ndo_uninit)
		dev->netdev_ops->ndo_uninit(dev);
	if (dev->priv_destructor)
		dev->priv_destructor(dev);
	goto out;
}

/**
 * register_netdev - register a network device, taking RTNL
 * @dev: device from alloc_netdev_mqs()
 *
 * Returns 0, -EINTR when interrupted waiting for RTNL, or register_netdevice()'s error.
 */
int register_netdev(struct net_device *dev)
{
	int err;

	if (rtnl_lock_killable())
		return -EINTR;
	err = register_netdevice(dev);
	rtnl_unlock();
	return err;
}

static void net_set_todo(struct net_device *dev)
{
	list_add_tail(&dev->todo_list, &net_todo_list);
}

/**
 * unregister_netdevice_queue - unregister now, or queue for a batch (RTNL held)
 * @dev: registered device
 * @head: batch list for unregister_netdevice_many(), or NULL to unregister now
 */
void unregister_netdevice_queue(struct net_device *dev, struct list_head *head)
{
	ASSERT_RTNL();

	/* A device already on its way out cannot be queued again (the kernel BUGs later). */
	if (dev->reg_state != NETREG_REGISTERED && dev->reg_state != NETREG_UNINITIALIZED) {
		WARN(1, "unregister_netdevice: device %s/%p is not registered%s\n", dev->name, dev,
		     netdev_reg_state(dev));
		return;
	}

	if (head) {
		list_move_tail(&dev->unreg_list, head);
	} else {
		LIST_HEAD(single);

		list_add(&dev->unreg_list, &single);
		unregister_netdevice_many(&single);
	}
}

/**
 * unregister_netdevice_many_notify - the first phase of unregistering a batch (RTNL held)
 * @head: devices linked by unreg_list
 * @portid: netlink port of the request (unused: krt has no netlink sockets)
 * @nlh: netlink request (unused)
 *
 * Closes the batch, unlists it, waits for readers once for the whole batch, tells every
 * subsystem (NETDEV_UNREGISTER), calls ndo_uninit and queues the devices for netdev_run_todo().
 */
void unregister_netdevice_many_notify(struct list_head *head, u32 portid,
				      const struct nlmsghdr *nlh)
{
	struct net_device *dev, *tmp;
	LIST_HEAD(close_head);
	int cnt = 0;

	ASSERT_RTNL();
	if (list_empty(head))
		return;

	list_for_each_entry_safe(dev, tmp, head, unreg_list) {
		if (dev->reg_state == NETREG_UNINITIALIZED) {
			pr_debug("unregister_netdevice: device %s/%p never was registered\n",
				 dev->name, dev);
			WARN_ON(1);
			list_del_init(&dev->unreg_list);
			continue;
		}
		if (dev->reg_state != NETREG_REGISTERED) {
			/* The kernel BUGs here; krt reports it and leaves the device alone. */
			WARN(1, "unregister_netdevice: device %s/%p is not registered%s\n",
			     dev->name, dev, netdev_reg_state(dev));
			list_del_init(&dev->unreg_list);
			continue;
		}
		dev->dismantle = true;
	}

	list_for_each_entry(dev, head, unreg_list)
		list_add_tail(&dev->close_list, &close_head);
	dev_close_many(&close_head, true);

	list_for_each_entry(dev, head, unreg_list) {
		unlist_netdevice(dev);
		WRITE_ONCE(dev->reg_state, NETREG_UNREGISTERING);
	}

	list_for_each_entry(dev, head, unreg_list)
		dev_rx_flush_backlog(dev);
	synchronize_net();

	list_for_each_entry(dev, head, unreg_list) {
		call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
		call_netdevice_notifiers(NETDEV_PRE_UNINIT, dev);
		if (dev->netdev_ops->ndo_uninit)
			dev->netdev_ops->ndo_uninit(dev);
		netdev_unregister_kobject(dev);
	}

	synchronize_net();

	list_for_each_entry(dev, head, unreg_list) {
		netdev_put(dev, &dev->dev_registered_tracker);
		net_set_todo(dev);
		cnt++;
	}
	atomic_add(cnt, &dev_unreg_count);
	list_del_init(head);
}

/**
 * unregister_netdevice_many - unregister a batch of devices (RTNL held)
 * @head: devices linked by unreg_list (unregister_netdevice_queue())
 */
void unregister_netdevice_many(struct list_head *head)
{
	unregister_netdevice_many_notify(head, 0, NULL);
}

/**
 * unregister_netdev - unregister a device, taking RTNL
 * @dev: registered device
 *
 * When it returns the device is closed, unlisted and every reference to it is gone (the todo
 * runner in rtnl_unlock() waited for them); free_netdev() may follow.
 */
void unregister_netdev(struct net_device *dev)
{
	rtnl_lock();
	unregister_netdevice(dev);
	rtnl_unlock();
}

/* Refcounting. */

/**
 * netdev_refcnt_hold - take one plain reference (netdev_hold() without the tracker part)
 * @dev: network device
 */
void netdev_refcnt_hold(struct net_device *dev)
{
	refcount_inc(&dev->dev_refcnt);
}

/**
 * netdev_refcnt_put - drop one plain reference
 * @dev: network device
 *
 * The last reference belongs to the todo runner: a put that reaches 0 is an underflow and
 * refcount_t reports it.
 */
void netdev_refcnt_put(struct net_device *dev)
{
	refcount_dec(&dev->dev_refcnt);
}

/**
 * netdev_refcnt_read - the device's reference count
 * @dev: network device
 */
int netdev_refcnt_read(const struct net_device *dev)
{
	return refcount_read(&dev->dev_refcnt);
}

/*
 * dev_hold() has no tracker, so the kernel cannot say who holds a leaked one. krt keeps the
 * stacks of the untracked holders, newest last; a put forgets the newest (holds nest).
 */

/**
 * netdev_untracked_push - remember the stack of an untracked (dev_hold()) holder
 * @dev: network device
 */
noinline void netdev_untracked_push(struct net_device *dev)
{
	unsigned long entries[16];
	unsigned long flags;
	unsigned int nr;
	u32 handle;

	/* Start at the holder: leave this function out. */
	nr = stack_trace_save(entries, ARRAY_SIZE(entries), 1);
	handle = stack_depot_save(entries, nr, GFP_ATOMIC);

	spin_lock_irqsave(&dev->untracked_lock, flags);
	if (dev->untracked_nr < NETDEV_UNTRACKED_STACKS && !dev->untracked_lost)
		dev->untracked_stacks[dev->untracked_nr++] = handle;
	else
		dev->untracked_lost++;
	spin_unlock_irqrestore(&dev->untracked_lock, flags);
}

/**
 * netdev_untracked_pop - forget the newest untracked holder
 * @dev: network device
 */
void netdev_untracked_pop(struct net_device *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->untracked_lock, flags);
	if (dev->untracked_lost)
		dev->untracked_lost--;
	else if (dev->untracked_nr)
		dev->untracked_nr--;
	spin_unlock_irqrestore(&dev->untracked_lock, flags);
}

/* Print the untracked holders in ref_tracker's format, grouped by stack. */
static void netdev_print_untracked(struct net_device *dev)
{
	u32 stacks[NETDEV_UNTRACKED_STACKS];
	unsigned int nr, lost, i, j, count;
	unsigned long flags;
	char *buf;

	spin_lock_irqsave(&dev->untracked_lock, flags);
	nr = dev->untracked_nr;
	lost = dev->untracked_lost;
	memcpy(stacks, dev->untracked_stacks, nr * sizeof(stacks[0]));
	spin_unlock_irqrestore(&dev->untracked_lock, flags);
	if (!nr && !lost)
		return;

	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	/* Group equal stacks: later copies are counted and cleared (0 is never a saved stack). */
	for (i = 0; i < nr; i++) {
		if (!stacks[i])
			continue;
		for (count = 1, j = i + 1; j < nr; j++) {
			if (stacks[j] == stacks[i]) {
				count++;
				stacks[j] = 0;
			}
		}
		pr_err("ref_tracker: %s@%p has %u/%u untracked users (dev_hold) at\n",
		       dev->name, &dev->refcnt_tracker, count, nr + lost);
		if (buf && stack_depot_snprint(stacks[i], buf, PAGE_SIZE, 4))
			printk(KERN_ERR "%s", buf);
	}
	if (lost)
		pr_err("ref_tracker: %s@%p has %u more untracked users (stacks not kept)\n",
		       dev->name, &dev->refcnt_tracker, lost);
	kfree(buf);
}

static void netdev_report_waiting(struct net_device *dev)
{
	pr_emerg("unregister_netdevice: waiting for %s to become free. Usage count = %d\n",
		 dev->name, netdev_refcnt_read(dev));
	ref_tracker_dir_print(&dev->refcnt_tracker, 10);
	netdev_print_untracked(dev);
}

/* The count read 1: order the last holder's put (release) before what the runner does next. */
static bool netdev_refcnt_is_last(struct net_device *dev)
{
	if (netdev_refcnt_read(dev) != 1)
		return false;
	smp_acquire__after_ctrl_dep();
	krt_tsan_acquire(&dev->dev_refcnt.refs);
	return true;
}

/*
 * Wait until one device of @list is down to the todo runner's own reference. Every second the
 * NETDEV_UNREGISTER event is sent again so that holders can let go; every
 * netdev_unregister_timeout_secs the holders are reported. It never gives up.
 */
static struct net_device *netdev_wait_allrefs_any(struct list_head *list)
{
	unsigned long rebroadcast_time, warning_time;
	struct net_device *dev;
	int wait = 0;

	rebroadcast_time = warning_time = jiffies;

	list_for_each_entry(dev, list, todo_list)
		if (netdev_refcnt_is_last(dev))
			return dev;

	while (true) {
		if (time_after(jiffies, rebroadcast_time + 1 * HZ)) {
			rtnl_lock();
			list_for_each_entry(dev, list, todo_list)
				call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
			__rtnl_unlock();
			rcu_barrier();
			rtnl_lock();
			list_for_each_entry(dev, list, todo_list) {
				if (test_bit(__LINK_STATE_LINKWATCH_PENDING, &dev->state)) {
					linkwatch_run_queue();
					break;
				}
			}
			__rtnl_unlock();
			rebroadcast_time = jiffies;
		}

		rcu_barrier();
		if (!wait) {
			rcu_barrier();
			wait = WAIT_REFS_MIN_MSECS;
		} else {
			msleep(wait);
			wait = min(wait << 1, WAIT_REFS_MAX_MSECS);
		}

		list_for_each_entry(dev, list, todo_list)
			if (netdev_refcnt_is_last(dev))
				return dev;

		if (time_after(jiffies, warning_time +
			       READ_ONCE(netdev_unregister_timeout_secs) * HZ)) {
			list_for_each_entry(dev, list, todo_list)
				netdev_report_waiting(dev);
			warning_time = jiffies;
		}
	}
}

/**
 * netdev_run_todo - the second phase of unregistration, run by rtnl_unlock()
 *
 * Drops RTNL, waits for RCU callbacks, then for each unregistered device waits for its last
 * reference, runs priv_destructor and, with needs_free_netdev, frees it.
 */
void netdev_run_todo(void)
{
	struct net_device *dev, *tmp;
	struct list_head list;
	int cnt = 0;

	list_replace_init(&net_todo_list, &list);
	__rtnl_unlock();

	if (list_empty(&list))
		return;
	rcu_barrier();

	list_for_each_entry_safe(dev, tmp, &list, todo_list) {
		if (unlikely(dev->reg_state != NETREG_UNREGISTERING)) {
			netdev_WARN(dev, "run_todo but not unregistering\n");
			list_del(&dev->todo_list);
			continue;
		}
		WRITE_ONCE(dev->reg_state, NETREG_UNREGISTERED);
		linkwatch_sync_dev(dev);
	}

	while (!list_empty(&list)) {
		dev = netdev_wait_allrefs_any(&list);
		list_del(&dev->todo_list);

		BUG_ON(netdev_refcnt_read(dev) != 1);
		BUG_ON(!list_empty(&dev->ptype_all));
		BUG_ON(!list_empty(&dev->ptype_specific));

		netdev_do_free_pcpu_stats(dev);
		if (dev->priv_destructor)
			dev->priv_destructor(dev);
		if (dev->needs_free_netdev)
			free_netdev(dev);

		cnt++;
		/* The reference netdev_unregister_kobject() kept. */
		put_device(&dev->dev);
	}
	if (cnt && atomic_sub_and_test(cnt, &dev_unreg_count))
		wake_up(&netdev_unregistering_wq);
}

/**
 * free_netdev - free a device that was never registered, failed to register or is unregistered
 * @dev: network device
 *
 * Right after unregister_netdevice() (still NETREG_UNREGISTERING, RTNL held) it only marks the
 * device for the todo runner. Freeing a registered device is a BUG. The memory goes when the
 * last device (sysfs) reference does.
 */
void free_netdev(struct net_device *dev)
{
	might_sleep();

	if (dev->reg_state == NETREG_UNREGISTERING) {
		ASSERT_RTNL();
		dev->needs_free_netdev = true;
		return;
	}
	/* Checked before anything is torn down, so a BUG leaves the device intact. */
	BUG_ON(dev->reg_state != NETREG_UNINITIALIZED && dev->reg_state != NETREG_DUMMY &&
	       dev->reg_state != NETREG_UNREGISTERED);

	kvfree(dev->_tx);
	dev->_tx = NULL;
	kvfree(dev->_rx);
	dev->_rx = NULL;
	ref_tracker_dir_exit(&dev->refcnt_tracker);

	if (dev->reg_state == NETREG_UNINITIALIZED || dev->reg_state == NETREG_DUMMY) {
		netdev_do_free_pcpu_stats(dev);
		netdev_free_memory(dev);
		return;
	}

	WRITE_ONCE(dev->reg_state, NETREG_RELEASED);
	put_device(&dev->dev);
}

/**
 * netdev_release - the device's struct device release: the memory finally goes
 * @d: the struct device inside a struct net_device
 */
void netdev_release(struct device *d)
{
	struct net_device *dev = to_net_dev(d);

	BUG_ON(dev->reg_state != NETREG_RELEASED);
	netdev_free_memory(dev);
}

/* Statistics slots: a thread sticks to one slot, as a task to its CPU for a while. */
static atomic_t netdev_slot_next = ATOMIC_INIT(0);
static __thread int netdev_slot = -1;

/**
 * netdev_stat_slot - the statistics slot of the calling thread
 */
unsigned int netdev_stat_slot(void)
{
	if (unlikely(netdev_slot < 0))
		netdev_slot = (unsigned int)atomic_inc_return(&netdev_slot_next) %
			      NETDEV_STAT_SLOTS;
	return netdev_slot;
}

/**
 * netdev_alloc_pcpu_stats_type - allocate one statistics set per slot
 * @size: size of one set (struct pcpu_lstats, pcpu_sw_netstats or pcpu_dstats)
 */
void *netdev_alloc_pcpu_stats_type(size_t size)
{
	return kcalloc(NETDEV_STAT_SLOTS, size, GFP_KERNEL_ACCOUNT);
}

/**
 * netdev_free_pcpu_stats - free statistics from netdev_alloc_pcpu_stats()
 * @stats: the sets, or NULL
 */
void netdev_free_pcpu_stats(void *stats)
{
	kfree(stats);
}

/* Leak accounting: every struct net_device must be gone after a test case. */
static long netdev_leak_read(void)
{
	return atomic_long_read(&netdev_live_count);
}

static void netdev_leak_settle(void)
{
	net_ns_barrier();
	rcu_barrier();
}

static struct krt_leak_counter netdev_leak_counter = {
	.name = "net devices",
	.read = netdev_leak_read,
	.settle = netdev_leak_settle,
};

static int timeout_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%u\n", READ_ONCE(netdev_unregister_timeout_secs));
	return 0;
}

static ssize_t timeout_write(void *priv, const char *buf, size_t len)
{
	unsigned int val;
	char tmp[16];

	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = 0;
	/* The kernel's sysctl range: 1 to 3600 seconds. */
	if (kstrtouint(strim(tmp), 0, &val) || val < 1 || val > 3600)
		return -EINVAL;
	WRITE_ONCE(netdev_unregister_timeout_secs, val);
	return len;
}

static const struct krt_proc_ops timeout_ops = {
	.show = timeout_show,
	.write = timeout_write,
};

static int __init setup_unregister_timeout(char *str)
{
	unsigned int val;

	if (kstrtouint(str, 0, &val) || val < 1 || val > 3600) {
		pr_warn("netdev_unregister_timeout_secs: invalid value '%s'\n", str);
		return 0;
	}
	netdev_unregister_timeout_secs = val;
	return 1;
}
__setup("netdev_unregister_timeout_secs=", setup_unregister_timeout);

static int __init net_dev_init(void)
{
	krt_leak_counter_register(&netdev_leak_counter);
	krt_proc_create("/proc/sys/net/core/netdev_unregister_timeout_secs", &timeout_ops, NULL);
	return 0;
}
subsys_initcall(net_dev_init);
