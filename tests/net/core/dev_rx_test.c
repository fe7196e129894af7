// SPDX-License-Identifier: MIT
/*
 * The packet path: packet handlers and their order, references and removal; netif_rx() through
 * the backlog thread, its overflow and its flush when a device is unregistered; the transmit
 * taps; dev_queue_xmit() on devices that cannot send and with busy or recursive drivers;
 * forwarding between devices; /proc/net/dev, /proc/net/ptype and /proc/net/softnet_stat.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_link.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include "net/core/dev.h"

#define ETH_P_TEST	0x88b5		/* IEEE 802 local experimental EtherTypes */
#define ETH_P_TEST2	0x88b6

static const u8 mac_a[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b };

/* ---- a device whose driver counts what it sends ------------------------------------------- */

struct pkt_priv {
	atomic_t xmits;
	int busy;		/* return NETDEV_TX_BUSY this many times; -1: always */
	int ret;		/* what a completed transmit returns */
	bool recurse;		/* send the packet again on the same device */
	unsigned int last_len;
	bool bh_off;		/* softirqs were disabled during the last transmit */
};

static netdev_tx_t pkt_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct pkt_priv *p = netdev_priv(dev);

	atomic_inc(&p->xmits);
	if (p->busy) {
		if (p->busy > 0)
			p->busy--;
		return NETDEV_TX_BUSY;
	}
	if (p->recurse) {
		dev_queue_xmit(skb);
		return NETDEV_TX_OK;
	}
	p->last_len = skb->len;
	p->bh_off = softirq_count() != 0;
	dev_kfree_skb(skb);
	return (netdev_tx_t)p->ret;
}

static const struct net_device_ops pkt_ops = {
	.ndo_start_xmit = pkt_xmit,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_set_mac_address = eth_mac_addr,
};

static struct net_device *pkt_dev(struct kunit *test, const char *name, const u8 *mac, bool up)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct pkt_priv));

	KUNIT_ASSERT_NOT_NULL(test, dev);
	strscpy(dev->name, name, IFNAMSIZ);
	dev->netdev_ops = &pkt_ops;
	eth_hw_addr_set(dev, mac);
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	if (up) {
		rtnl_lock();
		KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), 0);
		rtnl_unlock();
	}
	return dev;
}

static void pkt_dev_free(struct net_device *dev)
{
	unregister_netdev(dev);
	free_netdev(dev);
}

static struct pkt_priv *pkt_priv(struct net_device *dev)
{
	return netdev_priv(dev);
}

static struct rtnl_link_stats64 pkt_stats(struct net_device *dev)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(dev, &s);
	return s;
}

/* A frame from @dev to @dst with @len bytes of payload (each byte @fill), network header set. */
static struct sk_buff *pkt_frame(struct kunit *test, struct net_device *dev, const u8 *dst,
				 u16 proto, unsigned int len, u8 fill)
{
	struct sk_buff *skb = alloc_skb(64 + ETH_HLEN + len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	memset(skb_put(skb, len), fill, len);
	skb_reset_network_header(skb);
	KUNIT_EXPECT_EQ(test, dev_hard_header(skb, dev, proto, dst, NULL, len), ETH_HLEN);
	skb->protocol = htons(proto);
	skb->dev = dev;
	return skb;
}

/* The same, as received by @dev (eth_type_trans() done). */
static struct sk_buff *pkt_rx_frame(struct kunit *test, struct net_device *dev, u16 proto,
				    unsigned int len, u8 fill)
{
	struct sk_buff *skb = pkt_frame(test, dev, dev->dev_addr, proto, len, fill);

	skb->protocol = eth_type_trans(skb, dev);
	return skb;
}

/* ---- a packet handler that records its calls ---------------------------------------------- */

static char rx_log[64];

struct rec {
	struct packet_type pt;
	char id;
	int ret;
	atomic_t entered;
	atomic_t calls;			/* incremented after the handler freed its skb */
	atomic_t *hold;			/* spin while this is non-zero */
	bool hold_outside_rcu;		/* ... outside the RCU read-side section */
	/* The last call: */
	struct sk_buff *skb;
	unsigned int users;
	int pkt_type;
	struct net_device *dev, *orig_dev;
	__be16 protocol;
	unsigned int len;
	u8 first_byte;
	bool serving_softirq, rcu;
	char comm[TASK_COMM_LEN];
};

static int rec_func(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	struct rec *r = container_of(pt, struct rec, pt);
	size_t n = strlen(rx_log);

	if (n + 1 < sizeof(rx_log)) {
		rx_log[n] = r->id;
		rx_log[n + 1] = '\0';
	}
	r->skb = skb;
	r->users = refcount_read(&skb->users);
	r->pkt_type = skb->pkt_type;
	r->dev = dev;
	r->orig_dev = orig_dev;
	r->protocol = skb->protocol;
	r->len = skb->len;
	r->first_byte = skb->len ? skb->data[0] : 0;
	r->serving_softirq = in_serving_softirq();
	r->rcu = rcu_read_lock_held();
	strscpy(r->comm, current->comm, sizeof(r->comm));
	/* Fully ordered: the test reads the fields above once it sees the counts move. */
	atomic_inc_return(&r->entered);
	if (r->hold) {
		if (r->hold_outside_rcu)
			rcu_read_unlock();
		while (atomic_read(r->hold))
			cpu_relax();
		if (r->hold_outside_rcu)
			rcu_read_lock();
	}
	kfree_skb(skb);
	atomic_inc_return(&r->calls);
	return r->ret;
}

static void rec_init(struct rec *r, char id, u16 type, struct net_device *dev)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->pt.type = htons(type);
	r->pt.dev = dev;
	r->pt.func = rec_func;
}

/* Wait up to 5 s for *@v to reach @n. */
static bool wait_for_count(atomic_t *v, int n)
{
	int i;

	for (i = 0; i < 5000 && atomic_read(v) < n; i++)
		msleep(1);
	smp_rmb();
	return atomic_read(v) >= n;
}

/* The first two fields of /proc/net/softnet_stat: packets processed and dropped. */
static void softnet_stat(struct kunit *test, unsigned int *processed, unsigned int *dropped)
{
	char buf[256];

	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/net/softnet_stat", buf, sizeof(buf)), 0);
	KUNIT_ASSERT_EQ(test, sscanf(buf, "%x %x", processed, dropped), 2);
}

static void set_max_backlog(struct kunit *test, const char *val)
{
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/sys/net/core/netdev_max_backlog", val,
					     strlen(val)), (ssize_t)strlen(val));
}

/* ---- receive: handlers ---------------------------------------------------------------------- */

/*
 * Taps first (global, then the device's), then the protocol's handlers (global, then the
 * device's); every handler but the last gets a reference of its own.
 */
static void packet_handlers_order_and_refs(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct net_device *b = pkt_dev(test, "pktb0", mac_b, true);
	struct rec tap, tap_a, h1, h2, other, h_a;
	struct sk_buff *skb;

	rec_init(&tap, 't', ETH_P_ALL, NULL);
	rec_init(&tap_a, 'T', ETH_P_ALL, a);
	rec_init(&h1, '1', ETH_P_TEST, NULL);
	rec_init(&h2, '2', ETH_P_TEST, NULL);
	rec_init(&other, 'o', ETH_P_TEST2, NULL);
	rec_init(&h_a, 'd', ETH_P_TEST, a);
	h_a.ret = 7;
	dev_add_pack(&tap.pt);
	dev_add_pack(&tap_a.pt);
	dev_add_pack(&h1.pt);
	dev_add_pack(&h2.pt);
	dev_add_pack(&other.pt);
	dev_add_pack(&h_a.pt);

	rx_log[0] = '\0';
	skb = pkt_rx_frame(test, a, ETH_P_TEST, 20, 0x5a);
	KUNIT_EXPECT_EQ(test, netif_receive_skb(skb), 7);
	/* Handlers added later come first in their list (list_add_rcu at the head). */
	KUNIT_EXPECT_STREQ(test, rx_log, "tT21d");
	KUNIT_EXPECT_EQ(test, tap.users, 2);
	KUNIT_EXPECT_EQ(test, tap_a.users, 2);
	KUNIT_EXPECT_EQ(test, h2.users, 2);
	KUNIT_EXPECT_EQ(test, h1.users, 2);
	KUNIT_EXPECT_EQ(test, h_a.users, 1);
	KUNIT_EXPECT_PTR_EQ(test, h1.skb, skb);
	KUNIT_EXPECT_PTR_EQ(test, h_a.dev, a);
	KUNIT_EXPECT_PTR_EQ(test, h_a.orig_dev, a);
	KUNIT_EXPECT_EQ(test, h_a.pkt_type, PACKET_HOST);
	KUNIT_EXPECT_EQ(test, h_a.len, 20);
	KUNIT_EXPECT_EQ(test, h_a.first_byte, 0x5a);
	KUNIT_EXPECT_EQ(test, atomic_read(&other.calls), 0);
	/* Called directly: the caller's context, under RCU. */
	KUNIT_EXPECT_TRUE(test, h_a.rcu);
	KUNIT_EXPECT_FALSE(test, h_a.serving_softirq);

	/* Another device: the handlers bound to a are not asked. */
	rx_log[0] = '\0';
	skb = pkt_rx_frame(test, b, ETH_P_TEST, 20, 0);
	KUNIT_EXPECT_EQ(test, netif_receive_skb(skb), 0);
	KUNIT_EXPECT_STREQ(test, rx_log, "t21");
	KUNIT_EXPECT_EQ(test, h1.users, 1);

	/* Only the taps and the handler of that protocol. */
	rx_log[0] = '\0';
	skb = pkt_rx_frame(test, a, ETH_P_TEST2, 20, 0);
	netif_receive_skb(skb);
	KUNIT_EXPECT_STREQ(test, rx_log, "tTo");

	dev_remove_pack(&tap.pt);
	dev_remove_pack(&tap_a.pt);
	dev_remove_pack(&h1.pt);
	dev_remove_pack(&h2.pt);
	dev_remove_pack(&other.pt);
	dev_remove_pack(&h_a.pt);
	pkt_dev_free(a);
	pkt_dev_free(b);
}

/* No handler for the protocol: freed, counted in rx_dropped (not rx_nohandler), NET_RX_DROP. */
static void packet_without_handler_is_dropped(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct rec other, tap;

	KUNIT_EXPECT_EQ(test, netif_receive_skb(pkt_rx_frame(test, a, ETH_P_TEST, 10, 0)),
			NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).rx_dropped, 1);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).rx_nohandler, 0);

	rec_init(&other, 'o', ETH_P_TEST2, NULL);
	dev_add_pack(&other.pt);
	KUNIT_EXPECT_EQ(test, netif_receive_skb(pkt_rx_frame(test, a, ETH_P_TEST, 10, 0)),
			NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).rx_dropped, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&other.calls), 0);

	/* A tap counts as a taker: no drop. */
	rec_init(&tap, 't', ETH_P_ALL, a);
	dev_add_pack(&tap.pt);
	KUNIT_EXPECT_EQ(test, netif_receive_skb(pkt_rx_frame(test, a, ETH_P_TEST, 10, 0)),
			NET_RX_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&tap.calls), 1);
	KUNIT_EXPECT_EQ(test, tap.users, 1);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).rx_dropped, 2);

	dev_remove_pack(&tap.pt);
	dev_remove_pack(&other.pt);
	pkt_dev_free(a);
}

static void dev_remove_pack_semantics(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	unsigned long gp;
	char msg[64];
	struct rec h;

	rec_init(&h, 'h', ETH_P_TEST, NULL);
	dev_add_pack(&h.pt);
	netif_receive_skb(pkt_rx_frame(test, a, ETH_P_TEST, 10, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&h.calls), 1);

	/* dev_remove_pack waits a grace period; __dev_remove_pack does not. */
	gp = krt_synchronize_net_count();
	dev_remove_pack(&h.pt);
	KUNIT_EXPECT_EQ(test, krt_synchronize_net_count(), gp + 1);
	KUNIT_EXPECT_EQ(test, netif_receive_skb(pkt_rx_frame(test, a, ETH_P_TEST, 10, 0)),
			NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.calls), 1);

	dev_add_pack(&h.pt);
	gp = krt_synchronize_net_count();
	__dev_remove_pack(&h.pt);
	KUNIT_EXPECT_EQ(test, krt_synchronize_net_count(), gp);
	synchronize_net();

	/* Removing it again: the kernel's warning, nothing else. */
	snprintf(msg, sizeof(msg), "dev_remove_pack: %p not found\n", &h.pt);
	krt_printk_capture_begin(false);
	dev_remove_pack(&h.pt);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(msg));
	krt_printk_capture_end();

	/* A handler bound to a device is looked for on that device's list. */
	rec_init(&h, 'h', ETH_P_TEST, a);
	krt_printk_capture_begin(false);
	__dev_remove_pack(&h.pt);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("not found"), 1);
	krt_printk_capture_end();
	pkt_dev_free(a);
}

/* ---- receive: the backlog -------------------------------------------------------------------- */

/* netif_rx() queues; the backlog thread delivers in order, in softirq context under RCU. */
static void netif_rx_through_backlog_thread(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	unsigned int processed, dropped, processed2;
	struct sk_buff *skb;
	struct rec h;
	int i;

	softnet_stat(test, &processed, &dropped);
	rec_init(&h, 'h', ETH_P_TEST, NULL);
	dev_add_pack(&h.pt);
	rx_log[0] = '\0';
	for (i = 0; i < 5; i++) {
		struct sk_buff *skb = pkt_rx_frame(test, a, ETH_P_TEST, 8, i);

		KUNIT_EXPECT_EQ(test, netif_rx(skb), NET_RX_SUCCESS);
	}
	KUNIT_ASSERT_TRUE(test, wait_for_count(&h.calls, 5));
	KUNIT_EXPECT_STREQ(test, rx_log, "hhhhh");
	KUNIT_EXPECT_EQ(test, h.first_byte, 4);		/* the last one came last */
	KUNIT_EXPECT_STREQ(test, h.comm, "ksoftirqd/0");
	KUNIT_EXPECT_TRUE(test, h.serving_softirq);
	KUNIT_EXPECT_TRUE(test, h.rcu);
	KUNIT_EXPECT_PTR_EQ(test, h.dev, a);

	/* The thread counts a packet once its handlers have returned. */
	for (i = 0; i < 1000; i++) {
		softnet_stat(test, &processed2, &dropped);
		if (processed2 - processed >= 5)
			break;
		msleep(1);
	}
	KUNIT_EXPECT_EQ(test, processed2 - processed, 5);

	/* From softirq context too. */
	skb = pkt_rx_frame(test, a, ETH_P_TEST, 8, 9);
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, __netif_rx(skb), NET_RX_SUCCESS);
	local_bh_enable();
	KUNIT_EXPECT_TRUE(test, wait_for_count(&h.calls, 6));
	KUNIT_EXPECT_EQ(test, h.first_byte, 9);

	dev_remove_pack(&h.pt);
	pkt_dev_free(a);
}

/* A device that is not running takes no packets. */
static void netif_rx_device_down_drops(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, false);
	struct rec h;

	rec_init(&h, 'h', ETH_P_TEST, NULL);
	dev_add_pack(&h.pt);
	KUNIT_EXPECT_EQ(test, netif_rx(pkt_rx_frame(test, a, ETH_P_TEST, 8, 0)), NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).rx_dropped, 1);
	synchronize_net();
	KUNIT_EXPECT_EQ(test, atomic_read(&h.entered), 0);
	dev_remove_pack(&h.pt);
	pkt_dev_free(a);
}

/*
 * With the thread held inside a handler, the backlog takes netdev_max_backlog + 1 packets (the
 * kernel's "qlen <= max" test) and drops the rest, counting them in rx_dropped and in
 * softnet_stat's dropped column.
 */
static void netif_rx_backlog_overflow(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	unsigned int processed, dropped, dropped2;
	atomic_t hold = ATOMIC_INIT(1);
	struct rec blocker, h;
	int i, ok = 0, drop = 0;
	char buf[256];

	softnet_stat(test, &processed, &dropped);
	set_max_backlog(test, "5\n");
	KUNIT_EXPECT_GT(test, krt_proc_read("/proc/sys/net/core/netdev_max_backlog", buf,
					    sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "5\n");

	rec_init(&blocker, 'b', ETH_P_TEST2, NULL);
	blocker.hold = &hold;
	rec_init(&h, 'h', ETH_P_TEST, NULL);
	dev_add_pack(&blocker.pt);
	dev_add_pack(&h.pt);

	KUNIT_EXPECT_EQ(test, netif_rx(pkt_rx_frame(test, a, ETH_P_TEST2, 8, 0)), NET_RX_SUCCESS);
	KUNIT_EXPECT_TRUE(test, wait_for_count(&blocker.entered, 1));
	for (i = 0; i < 10; i++) {
		int ret = netif_rx(pkt_rx_frame(test, a, ETH_P_TEST, 8, i));

		if (ret == NET_RX_SUCCESS)
			ok++;
		else if (ret == NET_RX_DROP && ok == 6)
			drop++;
	}
	KUNIT_EXPECT_EQ(test, ok, 6);
	KUNIT_EXPECT_EQ(test, drop, 4);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).rx_dropped, 4);
	softnet_stat(test, &processed, &dropped2);
	KUNIT_EXPECT_EQ(test, dropped2 - dropped, 4);
	/* Six waiting: the backlog length columns. */
	krt_proc_read("/proc/net/softnet_stat", buf, sizeof(buf));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, " 00000006 00000000 00000006 00000000\n"));

	atomic_set(&hold, 0);
	KUNIT_EXPECT_TRUE(test, wait_for_count(&h.calls, 6));
	KUNIT_EXPECT_EQ(test, h.first_byte, 5);

	set_max_backlog(test, "1000");
	dev_remove_pack(&h.pt);
	dev_remove_pack(&blocker.pt);
	pkt_dev_free(a);
}

static atomic_t flushed_skbs;

static void count_destructor(struct sk_buff *skb)
{
	atomic_inc(&flushed_skbs);
}

struct unreg_work {
	struct net_device *dev;
	struct completion done;
	atomic_t finished;
};

static int unregister_fn(void *arg)
{
	struct unreg_work *w = arg;

	unregister_netdev(w->dev);
	atomic_set(&w->finished, 1);
	complete(&w->done);
	return 0;
}

static int flush_fn(void *arg)
{
	struct unreg_work *w = arg;

	dev_rx_flush_backlog(w->dev);
	atomic_set(&w->finished, 1);
	complete(&w->done);
	return 0;
}

/*
 * Unregistering a device drops its queued packets before they are delivered. The thread is
 * held inside a handler that steps out of its RCU read-side section while it waits, so that
 * the unregister's grace periods (closing, then after the flush) can pass meanwhile.
 */
static void backlog_flushed_on_unregister(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct net_device *b = pkt_dev(test, "pktb0", mac_b, true);
	atomic_t hold = ATOMIC_INIT(1);
	struct unreg_work w = { .dev = b };
	struct task_struct *t;
	struct rec blocker, h;
	int i;

	rec_init(&blocker, 'b', ETH_P_TEST2, NULL);
	blocker.hold = &hold;
	blocker.hold_outside_rcu = true;
	rec_init(&h, 'h', ETH_P_TEST, NULL);
	dev_add_pack(&blocker.pt);
	dev_add_pack(&h.pt);
	atomic_set(&flushed_skbs, 0);
	init_completion(&w.done);

	KUNIT_EXPECT_EQ(test, netif_rx(pkt_rx_frame(test, a, ETH_P_TEST2, 8, 0)), NET_RX_SUCCESS);
	KUNIT_ASSERT_TRUE(test, wait_for_count(&blocker.entered, 1));
	for (i = 0; i < 3; i++) {
		struct sk_buff *skb = pkt_rx_frame(test, b, ETH_P_TEST, 8, i);

		skb->destructor = count_destructor;
		KUNIT_EXPECT_EQ(test, netif_rx(skb), NET_RX_SUCCESS);
	}

	t = kthread_run(unregister_fn, &w, "pkt-unreg");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&w.done);
	/* Unregistered while the thread was still held: b's packets were dropped, unseen. */
	KUNIT_EXPECT_EQ(test, atomic_read(&flushed_skbs), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&blocker.calls), 0);
	free_netdev(b);

	atomic_set(&hold, 0);
	KUNIT_EXPECT_TRUE(test, wait_for_count(&blocker.calls, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&h.entered), 0);

	dev_remove_pack(&h.pt);
	dev_remove_pack(&blocker.pt);
	pkt_dev_free(a);
}

/* A flush returns only once the thread is done with a packet of that device. */
static void backlog_flush_waits_for_packet_in_flight(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct net_device *b = pkt_dev(test, "pktb0", mac_b, true);
	atomic_t hold = ATOMIC_INIT(1);
	struct unreg_work w = { .dev = a };
	struct task_struct *t;
	struct rec blocker;

	rec_init(&blocker, 'b', ETH_P_TEST2, NULL);
	blocker.hold = &hold;
	dev_add_pack(&blocker.pt);
	init_completion(&w.done);

	KUNIT_EXPECT_EQ(test, netif_rx(pkt_rx_frame(test, a, ETH_P_TEST2, 8, 0)), NET_RX_SUCCESS);
	KUNIT_ASSERT_TRUE(test, wait_for_count(&blocker.entered, 1));

	/* Another device's flush does not wait. */
	dev_rx_flush_backlog(b);

	t = kthread_run(flush_fn, &w, "pkt-flush");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&w.finished), 0);
	atomic_set(&hold, 0);
	wait_for_completion(&w.done);
	KUNIT_EXPECT_EQ(test, atomic_read(&blocker.calls), 1);

	dev_remove_pack(&blocker.pt);
	pkt_dev_free(a);
	pkt_dev_free(b);
}

/* ---- transmit -------------------------------------------------------------------------------- */

/* Taps see a clone of every sent packet as PACKET_OUTGOING; protocol handlers do not. */
static void xmit_taps_see_outgoing(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct rec tap, tap_a, quiet, h;
	struct sk_buff *skb;

	rec_init(&tap, 't', ETH_P_ALL, NULL);
	rec_init(&tap_a, 'T', ETH_P_ALL, a);
	rec_init(&quiet, 'q', ETH_P_ALL, NULL);
	quiet.pt.ignore_outgoing = true;
	rec_init(&h, 'h', ETH_P_TEST, NULL);
	dev_add_pack(&tap.pt);
	dev_add_pack(&quiet.pt);
	dev_add_pack(&tap_a.pt);
	dev_add_pack(&h.pt);

	rx_log[0] = '\0';
	skb = pkt_frame(test, a, mac_b, ETH_P_TEST, 30, 0x11);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_priv(a)->xmits), 1);
	KUNIT_EXPECT_EQ(test, pkt_priv(a)->last_len, ETH_HLEN + 30);
	KUNIT_EXPECT_TRUE(test, pkt_priv(a)->bh_off);

	KUNIT_EXPECT_STREQ(test, rx_log, "tT");
	KUNIT_EXPECT_EQ(test, tap.pkt_type, PACKET_OUTGOING);
	KUNIT_EXPECT_EQ(test, tap_a.pkt_type, PACKET_OUTGOING);
	/* One clone for all taps: the first gets its own reference. */
	KUNIT_EXPECT_PTR_EQ(test, tap.skb, tap_a.skb);
	KUNIT_EXPECT_PTR_NE(test, tap.skb, skb);
	KUNIT_EXPECT_EQ(test, tap.users, 2);
	KUNIT_EXPECT_EQ(test, tap_a.users, 1);
	KUNIT_EXPECT_EQ(test, tap_a.len, ETH_HLEN + 30);
	KUNIT_EXPECT_PTR_EQ(test, tap_a.dev, a);
	KUNIT_EXPECT_EQ(test, atomic_read(&quiet.calls), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.calls), 0);

	/* Without taps no clone is made. */
	dev_remove_pack(&tap.pt);
	dev_remove_pack(&tap_a.pt);
	dev_remove_pack(&quiet.pt);
	rx_log[0] = '\0';
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 30, 0)),
			NET_XMIT_SUCCESS);
	KUNIT_EXPECT_STREQ(test, rx_log, "");

	dev_remove_pack(&h.pt);
	pkt_dev_free(a);
}

/* A sender that did not set the network header gets the kernel's complaint. */
static void xmit_tap_reports_buggy_protocol(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct rec tap;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	rec_init(&tap, 't', ETH_P_ALL, NULL);
	dev_add_pack(&tap.pt);
	skb_reserve(skb, 64);
	skb_put_zero(skb, 20);
	dev_hard_header(skb, a, ETH_P_TEST, mac_b, NULL, 20);
	skb->protocol = htons(ETH_P_TEST);
	skb->dev = a;

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("protocol 88b5 is buggy, dev pkta0\n"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, atomic_read(&tap.calls), 1);

	dev_remove_pack(&tap.pt);
	pkt_dev_free(a);
}

static const char busy_msg[] = "Virtual device pkta0 asks to queue packet!\n";

/* Down, or no carrier: the noop qdisc drops (NET_XMIT_CN). Detached: -ENETDOWN. */
static void xmit_device_not_ready(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, false);
	struct rec tap;

	rec_init(&tap, 't', ETH_P_ALL, NULL);
	dev_add_pack(&tap.pt);

	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			NET_XMIT_CN);
	KUNIT_EXPECT_EQ(test, net_xmit_eval(NET_XMIT_CN), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_priv(a)->xmits), 0);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).tx_dropped, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&tap.calls), 0);

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_open(a, NULL), 0);
	rtnl_unlock();
	netif_carrier_off(a);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			NET_XMIT_CN);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).tx_dropped, 2);
	netif_carrier_on(a);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			NET_XMIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_priv(a)->xmits), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&tap.calls), 1);

	netif_device_detach(a);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			-ENETDOWN);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(busy_msg));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, pkt_stats(a).tx_dropped, 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_priv(a)->xmits), 1);
	netif_device_attach(a);

	dev_remove_pack(&tap.pt);
	pkt_dev_free(a);
}

/* NETDEV_TX_BUSY is retried a few times, then the packet is dropped; other codes pass through. */
static void xmit_driver_return_codes(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct pkt_priv *p = pkt_priv(a);
	struct rec tap;

	rec_init(&tap, 't', ETH_P_ALL, a);
	dev_add_pack(&tap.pt);

	p->busy = 2;
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			NET_XMIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->xmits), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&tap.calls), 1);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).tx_dropped, 0);

	p->busy = -1;
	atomic_set(&p->xmits, 0);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			-ENETDOWN);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(busy_msg));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, atomic_read(&p->xmits), 4);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).tx_dropped, 1);
	p->busy = 0;

	/* The driver took the packet and says how it went: passed on, not counted by the core. */
	p->ret = NET_XMIT_DROP;
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			NET_XMIT_DROP);
	p->ret = -ENOBUFS;
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			-ENOBUFS);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).tx_dropped, 1);
	p->ret = NETDEV_TX_OK;

	/* A driver that sends back into itself: cut after XMIT_RECURSION_LIMIT (8) levels. */
	p->recurse = true;
	atomic_set(&p->xmits, 0);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(pkt_frame(test, a, mac_b, ETH_P_TEST, 10, 0)),
			NETDEV_TX_OK);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"Dead loop on virtual device pkta0, fix it urgently!\n"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, atomic_read(&p->xmits), 9);
	KUNIT_EXPECT_EQ(test, pkt_stats(a).tx_dropped, 2);
	p->recurse = false;

	dev_remove_pack(&tap.pt);
	pkt_dev_free(a);
}

/* ---- forwarding ------------------------------------------------------------------------------ */

static void forward_skb_between_devices(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, true);
	struct net_device *b = pkt_dev(test, "pktb0", mac_b, true);
	struct sk_buff *skb;
	struct rec h;

	rec_init(&h, 'h', ETH_P_TEST, b);
	dev_add_pack(&h.pt);

	skb = pkt_frame(test, a, mac_b, ETH_P_TEST, 40, 0x77);
	skb->pkt_type = PACKET_OUTGOING;
	skb->priority = 3;
	KUNIT_EXPECT_TRUE(test, is_skb_forwardable(b, skb));
	KUNIT_EXPECT_EQ(test, dev_forward_skb(b, skb), NET_RX_SUCCESS);
	KUNIT_ASSERT_TRUE(test, wait_for_count(&h.calls, 1));
	KUNIT_EXPECT_PTR_EQ(test, h.dev, b);
	KUNIT_EXPECT_EQ(test, h.pkt_type, PACKET_HOST);
	KUNIT_EXPECT_EQ(test, ntohs(h.protocol), ETH_P_TEST);
	KUNIT_EXPECT_EQ(test, h.len, 40);
	KUNIT_EXPECT_EQ(test, h.first_byte, 0x77);

	/* __dev_forward_skb prepares, the caller passes it on. */
	skb = pkt_frame(test, a, mac_a, ETH_P_TEST, 40, 0);
	skb->priority = 3;
	KUNIT_EXPECT_EQ(test, __dev_forward_skb(b, skb), 0);
	KUNIT_EXPECT_PTR_EQ(test, skb->dev, b);
	KUNIT_EXPECT_EQ(test, (int)skb->pkt_type, PACKET_OTHERHOST);
	KUNIT_EXPECT_EQ(test, skb->priority, 0);
	KUNIT_EXPECT_EQ(test, skb->len, 40);
	kfree_skb(skb);

	/* MTU + link header + one VLAN tag fits; one byte more does not. */
	skb = pkt_frame(test, a, mac_b, ETH_P_TEST, b->mtu + 4, 0);
	KUNIT_EXPECT_TRUE(test, is_skb_forwardable(b, skb));
	skb_put_zero(skb, 1);
	KUNIT_EXPECT_FALSE(test, is_skb_forwardable(b, skb));
	KUNIT_EXPECT_EQ(test, dev_forward_skb(b, skb), NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, pkt_stats(b).rx_dropped, 1);

	/* A device that is down takes nothing. */
	rtnl_lock();
	dev_close(b);
	rtnl_unlock();
	skb = pkt_frame(test, a, mac_b, ETH_P_TEST, 40, 0);
	KUNIT_EXPECT_FALSE(test, is_skb_forwardable(b, skb));
	KUNIT_EXPECT_EQ(test, dev_forward_skb(b, skb), NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, pkt_stats(b).rx_dropped, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.calls), 1);

	dev_remove_pack(&h.pt);
	pkt_dev_free(a);
	pkt_dev_free(b);
}

/* ---- /proc ----------------------------------------------------------------------------------- */

static void proc_net_dev_format(struct kunit *test)
{
	struct net_device *p0 = pkt_dev(test, "pktp0", mac_a, false);
	struct net_device *p1 = pkt_dev(test, "pktp1", mac_b, false);
	struct net_device_stats *s = &p0->stats;
	char *buf = kunit_kzalloc(test, 16384, GFP_KERNEL);
	const char *l0, *l1;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	s->rx_bytes = 1000;
	s->rx_packets = 10;
	s->rx_errors = 1;
	s->rx_dropped = 2;
	s->rx_missed_errors = 3;
	s->rx_fifo_errors = 4;
	s->rx_length_errors = 1;
	s->rx_over_errors = 2;
	s->rx_crc_errors = 3;
	s->rx_frame_errors = 4;
	s->rx_compressed = 5;
	s->multicast = 6;
	s->tx_bytes = 2000;
	s->tx_packets = 20;
	s->tx_errors = 7;
	s->tx_dropped = 8;
	s->tx_fifo_errors = 9;
	s->collisions = 11;
	s->tx_carrier_errors = 1;
	s->tx_aborted_errors = 1;
	s->tx_window_errors = 1;
	s->tx_heartbeat_errors = 1;
	s->tx_compressed = 12;
	dev_core_stats_rx_dropped_inc(p0);

	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/net/dev", buf, 16384), 0);
	KUNIT_EXPECT_EQ(test, strncmp(buf,
		"Inter-|   Receive                                                |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
		"errs drop fifo colls carrier compressed\n", 160), 0);
	l0 = strstr(buf, " pktp0:");
	l1 = strstr(buf, " pktp1:");
	KUNIT_ASSERT_NOT_NULL(test, l0);
	KUNIT_ASSERT_NOT_NULL(test, l1);
	KUNIT_EXPECT_EQ(test, strncmp(l0,
		" pktp0:    1000      10    1    6    4    10          5         6     2000      20"
		"    7    8    9    11       4         12\n", 120), 0);
	KUNIT_EXPECT_EQ(test, strncmp(l1,
		" pktp1:       0       0    0    0    0     0          0         0        0       0"
		"    0    0    0     0       0          0\n", 120), 0);
	/* ifindex order. */
	KUNIT_EXPECT_TRUE(test, l0 < l1);

	pkt_dev_free(p0);
	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/net/dev", buf, 16384), 0);
	KUNIT_EXPECT_NULL(test, strstr(buf, " pktp0:"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, " pktp1:"));
	pkt_dev_free(p1);
}

static void proc_net_ptype_and_softnet_stat(struct kunit *test)
{
	struct net_device *a = pkt_dev(test, "pkta0", mac_a, false);
	char *buf = kunit_kzalloc(test, 4096, GFP_KERNEL);
	struct rec tap_a, h;
	unsigned int v[15];
	int n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	rec_init(&tap_a, 'T', ETH_P_ALL, a);
	rec_init(&h, 'h', ETH_P_TEST, NULL);
	dev_add_pack(&tap_a.pt);
	dev_add_pack(&h.pt);

	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/net/ptype", buf, 4096), 0);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "Type Device      Function\n", 26), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "\nALL  pkta0    rec_func"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "\n88b5          rec_func"));
	dev_remove_pack(&tap_a.pt);
	dev_remove_pack(&h.pt);
	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/net/ptype", buf, 4096), 0);
	KUNIT_EXPECT_NULL(test, strstr(buf, "rec_func"));

	/* One line of fifteen 8-digit hex fields. */
	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/net/softnet_stat", buf, 4096), 0);
	n = sscanf(buf, "%x %x %x %x %x %x %x %x %x %x %x %x %x %x %x", &v[0], &v[1], &v[2],
		   &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11], &v[12],
		   &v[13], &v[14]);
	KUNIT_EXPECT_EQ(test, n, 15);
	KUNIT_EXPECT_EQ(test, strlen(buf), 15 * 9);
	KUNIT_EXPECT_EQ(test, v[12], 0);	/* CPU 0 */
	pkt_dev_free(a);
}

static struct kunit_case dev_rx_test_cases[] = {
	KUNIT_CASE(packet_handlers_order_and_refs),
	KUNIT_CASE(packet_without_handler_is_dropped),
	KUNIT_CASE(dev_remove_pack_semantics),
	KUNIT_CASE(netif_rx_through_backlog_thread),
	KUNIT_CASE(netif_rx_device_down_drops),
	KUNIT_CASE(netif_rx_backlog_overflow),
	KUNIT_CASE(backlog_flushed_on_unregister),
	KUNIT_CASE(backlog_flush_waits_for_packet_in_flight),
	KUNIT_CASE(xmit_taps_see_outgoing),
	KUNIT_CASE(xmit_tap_reports_buggy_protocol),
	KUNIT_CASE(xmit_device_not_ready),
	KUNIT_CASE(xmit_driver_return_codes),
	KUNIT_CASE(forward_skb_between_devices),
	KUNIT_CASE(proc_net_dev_format),
	KUNIT_CASE(proc_net_ptype_and_softnet_stat),
	{}
};

static struct kunit_suite dev_rx_test_suite = {
	.name = "netdev_packet",
	.test_cases = dev_rx_test_cases,
};
kunit_test_suite(dev_rx_test_suite);
