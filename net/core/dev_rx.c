// SPDX-License-Identifier: MIT
/*
 * The receive path: packet handlers (dev_add_pack), delivery to them (netif_receive_skb), and
 * the receive backlog that netif_rx() queues to.
 *
 * Handlers live on RCU lists, as in the kernel: ptype_all holds the taps (ETH_P_ALL) that see
 * every packet, ptype_base[16] the protocol handlers hashed by type, and each device has its own
 * pair of lists for handlers bound to it (pt->dev). A packet is offered to the taps first, then
 * to the handlers of its skb->protocol; every handler but the last gets an extra reference
 * (skb->users), the last one the caller's.
 *
 * The backlog stands in for the per-CPU softnet_data queue and its NET_RX softirq: one queue of
 * at most netdev_max_backlog (+1) packets, drained by one kthread ("ksoftirqd/0") that runs
 * each packet through netif_receive_skb() in softirq context (SOFTIRQ_OFFSET, RCU read side), as
 * process_backlog() does. The thread starts on first use.
 */
#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <net/net_namespace.h>
#include <krt/leak.h>
#include <krt/proc.h>

#include "arch/host/host.h"
#include "kernel/kthread_internal.h"
#include "net/core/dev.h"
#include "net/core/dev_pkt.h"

/* ---- packet handlers ------------------------------------------------------------------------ */

static DEFINE_SPINLOCK(ptype_lock);
struct list_head ptype_base[PTYPE_HASH_SIZE];
LIST_HEAD(ptype_all);

/* Runs before any initcall: dev_add_pack() may be called from any of them. */
static KRT_CONSTRUCTOR_EARLY void ptype_lists_init(void)
{
	int i;

	for (i = 0; i < PTYPE_HASH_SIZE; i++)
		INIT_LIST_HEAD(&ptype_base[i]);
}

static struct list_head *ptype_head(const struct packet_type *pt)
{
	if (pt->type == htons(ETH_P_ALL))
		return pt->dev ? &pt->dev->ptype_all : &ptype_all;
	return pt->dev ? &pt->dev->ptype_specific :
			 &ptype_base[ntohs(pt->type) & PTYPE_HASH_MASK];
}

/**
 * dev_add_pack - add a packet handler
 * @pt: handler: type (htons(ETH_P_ALL) for a tap), func, and dev (NULL: every device)
 *
 * @pt is linked into the receive path at once and must stay valid until it is removed. Does
 * not sleep.
 */
void dev_add_pack(struct packet_type *pt)
{
	struct list_head *head = ptype_head(pt);

	spin_lock(&ptype_lock);
	list_add_rcu(&pt->list, head);
	spin_unlock(&ptype_lock);
}
EXPORT_SYMBOL(dev_add_pack);

/**
 * __dev_remove_pack - remove a packet handler without waiting for its users
 * @pt: handler added by dev_add_pack()
 *
 * Receivers that found @pt before this call may still be running it: @pt may be freed only
 * after a grace period (synchronize_net()). Warns "dev_remove_pack: %p not found" for a
 * handler that is not on its list.
 */
void __dev_remove_pack(struct packet_type *pt)
{
	struct list_head *head = ptype_head(pt);
	struct packet_type *pt1;

	spin_lock(&ptype_lock);
	list_for_each_entry(pt1, head, list) {
		if (pt == pt1) {
			list_del_rcu(&pt->list);
			goto out;
		}
	}
	pr_warn("dev_remove_pack: %p not found\n", pt);
out:
	spin_unlock(&ptype_lock);
}
EXPORT_SYMBOL(__dev_remove_pack);

/**
 * dev_remove_pack - remove a packet handler
 * @pt: handler added by dev_add_pack()
 *
 * Sleeps until no receiver can be using @pt any more: it may be freed when this returns.
 */
void dev_remove_pack(struct packet_type *pt)
{
	__dev_remove_pack(pt);
	synchronize_net();
}
EXPORT_SYMBOL(dev_remove_pack);

/**
 * dev_nit_active - are any taps (ETH_P_ALL handlers) listening on @dev?
 * @dev: network device
 */
bool dev_nit_active(struct net_device *dev)
{
	return !list_empty(&ptype_all) || !list_empty(&dev->ptype_all);
}
EXPORT_SYMBOL_GPL(dev_nit_active);

/* Hand @skb to @pt_prev with a reference of its own; the caller keeps its reference. */
static inline int deliver_skb(struct sk_buff *skb, struct packet_type *pt_prev,
			      struct net_device *orig_dev)
{
	refcount_inc(&skb->users);
	return pt_prev->func(skb, skb->dev, pt_prev, orig_dev);
}

static inline void deliver_ptype_list_skb(struct sk_buff *skb, struct packet_type **pt,
					  struct net_device *orig_dev, __be16 type,
					  struct list_head *ptype_list)
{
	struct packet_type *ptype, *pt_prev = *pt;

	list_for_each_entry_rcu(ptype, ptype_list, list) {
		if (ptype->type != type)
			continue;
		if (pt_prev)
			deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = ptype;
	}
	*pt = pt_prev;
}

/* One packet through the taps and the protocol handlers (RCU read side held). */
static int __netif_receive_skb(struct sk_buff *skb)
{
	struct packet_type *ptype, *pt_prev = NULL;
	struct net_device *orig_dev = skb->dev;
	int ret = NET_RX_DROP;
	__be16 type;

	skb_reset_network_header(skb);
	if (!skb_transport_header_was_set(skb))
		skb_reset_transport_header(skb);
	skb_reset_mac_len(skb);

	skb->skb_iif = skb->dev->ifindex;

	list_for_each_entry_rcu(ptype, &ptype_all, list) {
		if (pt_prev)
			ret = deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = ptype;
	}
	list_for_each_entry_rcu(ptype, &skb->dev->ptype_all, list) {
		if (pt_prev)
			ret = deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = ptype;
	}

	type = skb->protocol;
	deliver_ptype_list_skb(skb, &pt_prev, orig_dev, type,
			       &ptype_base[ntohs(type) & PTYPE_HASH_MASK]);
	deliver_ptype_list_skb(skb, &pt_prev, orig_dev, type, &orig_dev->ptype_specific);

	if (pt_prev) {
		ret = pt_prev->func(skb, skb->dev, pt_prev, orig_dev);
	} else {
		/* Nobody wanted it: the kernel counts this in rx_dropped (rx_nohandler is for
		 * frames an rx_handler asked to deliver only to exact matches). */
		dev_core_stats_rx_dropped_inc(skb->dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO);
		ret = NET_RX_DROP;
	}
	return ret;
}

/**
 * netif_receive_skb - deliver a received packet to the packet handlers, now
 * @skb: packet with skb->dev and skb->protocol set (eth_type_trans()); the call consumes it
 *
 * Taps (ETH_P_ALL, global then @skb->dev's) first, then the handlers of skb->protocol (global
 * then @skb->dev's). Without any handler the packet is freed and rx_dropped counted.
 *
 * Return: NET_RX_SUCCESS or NET_RX_DROP (from the last handler, or the drop).
 */
int netif_receive_skb(struct sk_buff *skb)
{
	int ret;

	rcu_read_lock();
	ret = __netif_receive_skb(skb);
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL(netif_receive_skb);

/* ---- the receive backlog -------------------------------------------------------------------- */

/* net.core.netdev_max_backlog */
static int netdev_max_backlog __read_mostly = 1000;

static struct softnet_backlog {
	struct sk_buff_head input_pkt_queue;	/* its lock guards every field below too */
	struct net_device *busy_dev;		/* device of the packet being processed */
	struct task_struct *thread;
	int started;
	wait_queue_head_t wait;			/* the thread sleeps here while idle */
	wait_queue_head_t idle_wait;		/* flush and settle wait here */
	unsigned int processed;
	unsigned int dropped;
} backlog;

static int backlog_thread(void *arg);

static void backlog_init(void)
{
	skb_queue_head_init(&backlog.input_pkt_queue);
	init_waitqueue_head(&backlog.wait);
	init_waitqueue_head(&backlog.idle_wait);
	backlog.busy_dev = NULL;
	backlog.thread = NULL;
	backlog.started = 0;
}

static KRT_CONSTRUCTOR_EARLY void backlog_early_init(void)
{
	backlog_init();
}

/* Start the thread unless it runs. Callable from atomic context; 0 or -errno. */
static int backlog_start(void)
{
	int err;

	if (likely(READ_ONCE(backlog.started)))
		return 0;
	if (cmpxchg(&backlog.started, 0, 1))
		return 0;
	err = krt_kthread_spawn(backlog_thread, &backlog, "ksoftirqd/0");
	if (err) {
		pr_err("netif_rx: cannot start the backlog thread: %d\n", err);
		WRITE_ONCE(backlog.started, 0);
	}
	return err;
}

/* Run one packet as the NET_RX softirq would. */
static void backlog_process_one(struct sk_buff *skb)
{
	__preempt_count_add(SOFTIRQ_OFFSET);
	rcu_read_lock();
	__netif_receive_skb(skb);
	rcu_read_unlock();
	__preempt_count_sub(SOFTIRQ_OFFSET);
}

/* Drain the queue: one packet at a time, so a flush never waits for more than one. */
static void process_backlog(struct softnet_backlog *sd)
{
	struct sk_buff *skb;

	spin_lock_bh(&sd->input_pkt_queue.lock);
	for (;;) {
		skb = __skb_dequeue(&sd->input_pkt_queue);
		WRITE_ONCE(sd->busy_dev, skb ? skb->dev : NULL);
		if (wq_has_sleeper(&sd->idle_wait))
			wake_up_all(&sd->idle_wait);
		if (!skb)
			break;
		spin_unlock_bh(&sd->input_pkt_queue.lock);

		backlog_process_one(skb);

		spin_lock_bh(&sd->input_pkt_queue.lock);
		sd->processed++;
	}
	spin_unlock_bh(&sd->input_pkt_queue.lock);
}

static int backlog_thread(void *arg)
{
	struct softnet_backlog *sd = arg;

	WRITE_ONCE(sd->thread, current);
	for (;;) {
		wait_event_interruptible(sd->wait,
					 !skb_queue_empty_lockless(&sd->input_pkt_queue));
		process_backlog(sd);
	}
	return 0;
}

/* Is the backlog empty with no packet in flight? */
static bool backlog_idle(struct softnet_backlog *sd)
{
	bool idle;

	spin_lock_bh(&sd->input_pkt_queue.lock);
	idle = skb_queue_empty(&sd->input_pkt_queue) && !sd->busy_dev;
	spin_unlock_bh(&sd->input_pkt_queue.lock);
	return idle;
}

static int enqueue_to_backlog(struct sk_buff *skb)
{
	struct softnet_backlog *sd = &backlog;
	enum skb_drop_reason reason = SKB_DROP_REASON_CPU_BACKLOG;
	unsigned long flags;
	int max_backlog;
	unsigned int qlen;

	if (unlikely(backlog_start())) {
		/* No thread to defer to: the packet is processed here, as a softirq would. */
		if (!netif_running(skb->dev)) {
			reason = SKB_DROP_REASON_DEV_READY;
			goto bad_dev;
		}
		backlog_process_one(skb);
		return NET_RX_SUCCESS;
	}

	max_backlog = READ_ONCE(netdev_max_backlog);
	qlen = skb_queue_len_lockless(&sd->input_pkt_queue);
	if (unlikely(qlen > max_backlog))
		goto cpu_backlog_drop;

	spin_lock_irqsave(&sd->input_pkt_queue.lock, flags);
	qlen = skb_queue_len(&sd->input_pkt_queue);
	if (qlen <= max_backlog) {
		/* Checked under the lock: dev_rx_flush_backlog() runs after the device stopped. */
		if (unlikely(!netif_running(skb->dev))) {
			spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
			reason = SKB_DROP_REASON_DEV_READY;
			goto bad_dev;
		}
		__skb_queue_tail(&sd->input_pkt_queue, skb);
		spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
		if (!qlen)
			wake_up(&sd->wait);
		return NET_RX_SUCCESS;
	}
	spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);

cpu_backlog_drop:
	spin_lock_irqsave(&sd->input_pkt_queue.lock, flags);
	sd->dropped++;
	spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
bad_dev:
	dev_core_stats_rx_dropped_inc(skb->dev);
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

/**
 * __netif_rx - netif_rx() for callers already in interrupt or softirq context
 * @skb: received packet (skb->dev and skb->protocol set)
 *
 * Return: NET_RX_SUCCESS, or NET_RX_DROP when the packet was dropped (and freed).
 */
int __netif_rx(struct sk_buff *skb)
{
	lockdep_assert_once(hardirq_count() | softirq_count());
	return enqueue_to_backlog(skb);
}
EXPORT_SYMBOL(__netif_rx);

/**
 * netif_rx - queue a received packet for the protocol layers
 * @skb: received packet (skb->dev and skb->protocol set, usually by eth_type_trans())
 *
 * The packet waits in the receive backlog until the backlog thread delivers it with
 * netif_receive_skb(). It is dropped (rx_dropped counted) when its device is not running or
 * when netdev_max_backlog packets are already waiting. Any context.
 *
 * Return: NET_RX_SUCCESS (queued) or NET_RX_DROP (dropped and freed).
 */
int netif_rx(struct sk_buff *skb)
{
	bool need_bh_off = !(hardirq_count() | softirq_count());
	int ret;

	if (need_bh_off)
		local_bh_disable();
	ret = enqueue_to_backlog(skb);
	if (need_bh_off)
		local_bh_enable();
	return ret;
}
EXPORT_SYMBOL(netif_rx);

/**
 * dev_rx_flush_backlog - drop the packets of @dev still waiting in the receive backlog
 * @dev: device being unregistered (no longer running, so nothing new is queued for it)
 *
 * When this returns no queued packet refers to @dev and the backlog thread is not processing
 * one (unless the caller is that thread).
 */
void dev_rx_flush_backlog(struct net_device *dev)
{
	struct softnet_backlog *sd = &backlog;
	struct sk_buff *skb, *tmp;
	struct sk_buff_head list;

	__skb_queue_head_init(&list);
	spin_lock_bh(&sd->input_pkt_queue.lock);
	skb_queue_walk_safe(&sd->input_pkt_queue, skb, tmp) {
		if (skb->dev == dev) {
			__skb_unlink(skb, &sd->input_pkt_queue);
			__skb_queue_tail(&list, skb);
		}
	}
	spin_unlock_bh(&sd->input_pkt_queue.lock);

	__skb_queue_purge_reason(&list, SKB_DROP_REASON_DEV_READY);

	if (current != READ_ONCE(sd->thread))
		wait_event(sd->idle_wait, READ_ONCE(sd->busy_dev) != dev);
}

/* ---- net.core.netdev_max_backlog, and the leak-counter hook ---------------------------------- */

static int max_backlog_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%d\n", READ_ONCE(netdev_max_backlog));
	return 0;
}

static ssize_t max_backlog_write(void *priv, const char *buf, size_t len)
{
	char tmp[24];
	int val;

	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	if (kstrtoint(strim(tmp), 0, &val))
		return -EINVAL;
	WRITE_ONCE(netdev_max_backlog, val);
	return len;
}

static const struct krt_proc_ops max_backlog_ops = {
	.show = max_backlog_show,
	.write = max_backlog_write,
};

/*
 * Before the KUnit runner compares its leak counters, every packet queued so far must have been
 * delivered (and freed by its handler, or dropped): a test's packets are its own business.
 */
static void backlog_settle(void)
{
	struct softnet_backlog *sd = &backlog;

	if (current == READ_ONCE(sd->thread))
		return;
	/* Bounded: a handler that never returns must not hang the test runner. */
	wait_event_timeout(sd->idle_wait, backlog_idle(sd), 10 * HZ);
}

static long backlog_read(void)
{
	return skb_queue_len_lockless(&backlog.input_pkt_queue) + !!READ_ONCE(backlog.busy_dev);
}

static struct krt_leak_counter backlog_leak_counter = {
	.name = "netdev backlog packets",
	.read = backlog_read,
	.settle = backlog_settle,
};

/* A forked child has no backlog thread: it starts its own, with an empty queue. */
static void backlog_fork_child(void)
{
	backlog_init();
}

static int __init net_rx_init(void)
{
	host_atfork(NULL, NULL, backlog_fork_child);
	krt_leak_counter_register(&backlog_leak_counter);
	krt_proc_create("/proc/sys/net/core/netdev_max_backlog", &max_backlog_ops, NULL);
	return 0;
}
subsys_initcall(net_rx_init);

/**
 * softnet_backlog_stats - the receive backlog's counters, for /proc/net/softnet_stat
 * @st: filled with the packets processed, dropped and waiting
 */
void softnet_backlog_stats(struct softnet_backlog_stats *st)
{
	spin_lock_bh(&backlog.input_pkt_queue.lock);
	st->processed = backlog.processed;
	st->dropped = backlog.dropped;
	st->qlen = skb_queue_len(&backlog.input_pkt_queue);
	spin_unlock_bh(&backlog.input_pkt_queue.lock);
}

/* ---- forwarding between devices (veth) ------------------------------------------------------ */

static bool __is_skb_forwardable(const struct net_device *dev, const struct sk_buff *skb,
				 bool check_mtu)
{
	const u32 vlan_hdr_len = 4;	/* VLAN_HLEN: room for one tag */
	unsigned int len;

	if (!(dev->flags & IFF_UP))
		return false;
	if (!check_mtu)
		return true;
	len = dev->mtu + dev->hard_header_len + vlan_hdr_len;
	if (skb->len <= len)
		return true;
	/* A GSO packet is segmented later: its length says nothing yet. */
	return skb_shinfo(skb)->gso_size != 0;
}

/**
 * is_skb_forwardable - may @skb be handed to @dev's receive path?
 * @dev: destination device
 * @skb: packet, with its link-layer header
 *
 * Return: true when @dev is up and @skb fits its MTU plus the link header and one VLAN tag.
 */
bool is_skb_forwardable(const struct net_device *dev, const struct sk_buff *skb)
{
	return __is_skb_forwardable(dev, skb, true);
}
EXPORT_SYMBOL_GPL(is_skb_forwardable);

/**
 * __dev_forward_skb - prepare a transmitted packet for @dev's receive path
 * @dev: destination device
 * @skb: packet (skb->dev is still the sending device)
 *
 * Drops it (rx_dropped of @dev counted, packet freed) when it is not forwardable; otherwise
 * scrubs the sender's state (crossing namespaces scrubs more), and runs eth_type_trans().
 *
 * Return: 0 when the packet may be passed on, NET_RX_DROP when it was dropped.
 */
int __dev_forward_skb(struct net_device *dev, struct sk_buff *skb)
{
	if (unlikely(!__is_skb_forwardable(dev, skb, true))) {
		dev_core_stats_rx_dropped_inc(dev);
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	skb_scrub_packet(skb, !net_eq(dev_net(dev), dev_net(skb->dev)));
	skb->priority = 0;
	skb->protocol = eth_type_trans(skb, dev);
	return 0;
}
EXPORT_SYMBOL_GPL(__dev_forward_skb);

/**
 * dev_forward_skb - loop a transmitted packet into another device's receive path
 * @dev: destination device
 * @skb: packet; consumed
 *
 * For drivers such as veth, from their ndo_start_xmit: __dev_forward_skb(), then netif_rx().
 *
 * Return: NET_RX_SUCCESS or NET_RX_DROP (the packet was freed).
 */
int dev_forward_skb(struct net_device *dev, struct sk_buff *skb)
{
	return __dev_forward_skb(dev, skb) ?: netif_rx(skb);
}
EXPORT_SYMBOL_GPL(dev_forward_skb);
