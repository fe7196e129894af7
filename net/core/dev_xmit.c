// SPDX-License-Identifier: MIT
/*
 * The transmit path: dev_queue_xmit() hands a packet to its device's ndo_start_xmit, after
 * showing it to the taps (ETH_P_ALL packet handlers) as PACKET_OUTGOING.
 *
 * krt has no queueing disciplines. Every device transmits as the kernel's "noqueue" devices do
 * (IFF_NO_QUEUE, the software devices): straight from the caller, with softirqs off and in an
 * RCU read-side section. What a qdisc state would decide is kept:
 *  - a device that is down or has no carrier has the kernel's noop qdisc: the packet is dropped,
 *    tx_dropped counted, and NET_XMIT_CN returned (the kernel's noop_enqueue());
 *  - a detached device (not present) has its queues stopped: "Virtual device %s asks to queue
 *    packet!", the packet dropped, -ENETDOWN;
 *  - NETDEV_TX_BUSY: a device with a qdisc would have the packet requeued and retried later; krt
 *    retries NETDEV_TX_BUSY_RETRIES times at once, then drops it as a noqueue device does
 *    (the same message, tx_dropped, -ENETDOWN);
 *  - more than XMIT_RECURSION_LIMIT nested transmits on one thread: "Dead loop on virtual
 *    device %s, fix it urgently!", dropped, -ENETDOWN.
 */
#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/math.h>
#include <linux/printk.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "net/core/dev.h"
#include "net/core/dev_pkt.h"

#define XMIT_RECURSION_LIMIT	8
/* krt: immediate retries of a NETDEV_TX_BUSY packet before it is dropped (no qdisc requeue). */
#define NETDEV_TX_BUSY_RETRIES	3

/* Nested dev_queue_xmit() calls on this thread (softnet_data.xmit.recursion per CPU). */
static __thread unsigned int xmit_recursion __attribute__((tls_model("initial-exec")));

/* Did the driver take the packet (sent, dropped, or failed: anything but NETDEV_TX_BUSY)? */
static inline bool xmit_complete(int rc)
{
	return rc < NET_XMIT_MASK;
}

/* Never show a packet to the socket it came from (a tap's af_packet_priv is its socket). */
static inline bool skb_loop_sk(struct packet_type *ptype, struct sk_buff *skb)
{
	return ptype->af_packet_priv && skb->sk && ptype->af_packet_priv == (void *)skb->sk;
}

/**
 * dev_queue_xmit_nit - show an outgoing packet to the taps
 * @skb: packet being transmitted (not consumed)
 * @dev: its device
 *
 * Taps registered for every device, then @dev's own, each get a reference to one clone of
 * @skb whose pkt_type is PACKET_OUTGOING and whose mac header is at the data; taps with
 * ignore_outgoing set are skipped.
 */
void dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev)
{
	struct list_head *ptype_list = &ptype_all;
	struct packet_type *ptype, *pt_prev = NULL;
	struct sk_buff *skb2 = NULL;

	rcu_read_lock();
again:
	list_for_each_entry_rcu(ptype, ptype_list, list) {
		if (READ_ONCE(ptype->ignore_outgoing))
			continue;
		if (skb_loop_sk(ptype, skb))
			continue;

		if (pt_prev) {
			refcount_inc(&skb2->users);
			pt_prev->func(skb2, skb->dev, pt_prev, skb->dev);
			pt_prev = ptype;
			continue;
		}

		/* One clone, shared by all the taps. */
		skb2 = skb_clone(skb, GFP_ATOMIC);
		if (!skb2)
			goto out_unlock;
		skb_clear_tstamp(skb2);
		skb_reset_mac_header(skb2);
		if (skb_network_header(skb2) < skb2->data ||
		    skb_network_header(skb2) > skb_tail_pointer(skb2)) {
			pr_crit_ratelimited("protocol %04x is buggy, dev %s\n",
					    ntohs(skb2->protocol), dev->name);
			skb_reset_network_header(skb2);
		}
		skb2->transport_header = skb2->network_header;
		skb2->pkt_type = PACKET_OUTGOING;
		pt_prev = ptype;
	}

	if (ptype_list == &ptype_all) {
		ptype_list = &dev->ptype_all;
		goto again;
	}
out_unlock:
	if (pt_prev)
		pt_prev->func(skb2, skb->dev, pt_prev, skb->dev);
	rcu_read_unlock();
}
EXPORT_SYMBOL_GPL(dev_queue_xmit_nit);

/* The queue a packet leaves by when the driver does not choose: its rx queue, or its hash. */
static u16 xmit_hash_tx(struct net_device *dev, struct sk_buff *skb)
{
	u16 qcount = dev->real_num_tx_queues;

	if (skb_rx_queue_recorded(skb)) {
		u16 hash = skb_get_rx_queue(skb);

		while (unlikely(hash >= qcount))
			hash -= qcount;
		return hash;
	}
	return reciprocal_scale(skb->hash, qcount);
}

static struct netdev_queue *xmit_pick_tx(struct net_device *dev, struct sk_buff *skb,
					 struct net_device *sb_dev)
{
	int queue_index = 0;

	if (dev->real_num_tx_queues != 1) {
		const struct net_device_ops *ops = dev->netdev_ops;

		if (ops->ndo_select_queue)
			queue_index = ops->ndo_select_queue(dev, skb, sb_dev);
		else
			queue_index = xmit_hash_tx(dev, skb);
		if (unlikely(queue_index >= dev->real_num_tx_queues)) {
			pr_warn_ratelimited("%s selects TX queue %d, but real number of TX queues is %d\n",
					    dev->name, queue_index, dev->real_num_tx_queues);
			queue_index = 0;
		}
	}
	skb_set_queue_mapping(skb, queue_index);
	return netdev_get_tx_queue(dev, queue_index);
}

/**
 * __dev_queue_xmit - transmit a packet
 * @skb: packet; skb->dev is the device to send it by. Consumed in every case.
 * @sb_dev: subordinate device for queue selection (ndo_select_queue), or NULL
 *
 * Return: what ndo_start_xmit returned (NETDEV_TX_OK == NET_XMIT_SUCCESS, a NET_XMIT_* code
 * or a negative errno); NET_XMIT_CN when the device is down or has no carrier; -ENETDOWN when
 * it is detached, stayed busy, or transmits recursively.
 */
int __dev_queue_xmit(struct sk_buff *skb, struct net_device *sb_dev)
{
	struct net_device *dev = skb->dev;
	const struct net_device_ops *ops;
	struct netdev_queue *txq;
	int rc, attempt;

	/* The kernel would oops: krt says so and drops the packet. */
	if (WARN_ON_ONCE(!dev)) {
		kfree_skb(skb);
		return -EINVAL;
	}
	ops = dev->netdev_ops;

	skb_reset_mac_header(skb);
	rcu_read_lock_bh();

	txq = xmit_pick_tx(dev, skb, sb_dev);

	/* The noop qdisc of a device that is down, or whose carrier never came (back) up. */
	if (unlikely(!(dev->flags & IFF_UP) || !netif_carrier_ok(dev))) {
		rcu_read_unlock_bh();
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
		return NET_XMIT_CN;
	}

	if (unlikely(xmit_recursion > XMIT_RECURSION_LIMIT)) {
		pr_crit_ratelimited("Dead loop on virtual device %s, fix it urgently!\n",
				    dev->name);
		rc = -ENETDOWN;
		goto drop;
	}

	/* Detached: netif_device_detach() stopped the queues. */
	if (unlikely(!netif_device_present(dev)))
		goto busy;
	if (WARN_ON_ONCE(!ops->ndo_start_xmit)) {
		rc = -EINVAL;
		goto drop;
	}

	if (dev_nit_active(dev))
		dev_queue_xmit_nit(skb, dev);

	for (attempt = 0; attempt <= NETDEV_TX_BUSY_RETRIES; attempt++) {
		xmit_recursion++;
		rc = ops->ndo_start_xmit(skb, dev);
		xmit_recursion--;
		if (likely(xmit_complete(rc))) {
			if (rc == NETDEV_TX_OK)
				WRITE_ONCE(txq->trans_start, jiffies);
			rcu_read_unlock_bh();
			return rc;
		}
		cpu_relax();
	}
busy:
	pr_crit_ratelimited("Virtual device %s asks to queue packet!\n", dev->name);
	rc = -ENETDOWN;
drop:
	rcu_read_unlock_bh();
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return rc;
}
EXPORT_SYMBOL(__dev_queue_xmit);

/**
 * dev_queue_xmit - transmit a packet by skb->dev
 * @skb: packet with skb->dev set and its link-layer header built; consumed in every case
 *
 * Any context that may disable softirqs. See __dev_queue_xmit() for the return values.
 */
int dev_queue_xmit(struct sk_buff *skb)
{
	return __dev_queue_xmit(skb, NULL);
}
EXPORT_SYMBOL(dev_queue_xmit);
