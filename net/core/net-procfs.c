// SPDX-License-Identifier: MIT
/*
 * /proc/net/dev, /proc/net/softnet_stat and /proc/net/ptype, in Linux 6.12's formats. krt has
 * no per-process network namespace: the files show init_net, as they do to a process there.
 */
#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/init.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/netdevice.h>
#include <linux/if_link.h>
#include <net/net_namespace.h>
#include <krt/proc.h>

#include "net/core/dev.h"
#include "net/core/dev_pkt.h"

static void dev_seq_printf_stats(struct seq_file *seq, struct net_device *dev)
{
	struct rtnl_link_stats64 temp;
	const struct rtnl_link_stats64 *stats = dev_get_stats(dev, &temp);

	seq_printf(seq, "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		   "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n",
		   dev->name, stats->rx_bytes, stats->rx_packets,
		   stats->rx_errors,
		   stats->rx_dropped + stats->rx_missed_errors,
		   stats->rx_fifo_errors,
		   stats->rx_length_errors + stats->rx_over_errors +
		   stats->rx_crc_errors + stats->rx_frame_errors,
		   stats->rx_compressed, stats->multicast,
		   stats->tx_bytes, stats->tx_packets,
		   stats->tx_errors, stats->tx_dropped,
		   stats->tx_fifo_errors, stats->collisions,
		   stats->tx_carrier_errors + stats->tx_aborted_errors +
		   stats->tx_window_errors + stats->tx_heartbeat_errors,
		   stats->tx_compressed);
}

/* The registered device with the smallest ifindex above @after (RCU read side). */
static struct net_device *dev_next_by_index(struct net *net, int after)
{
	struct net_device *dev, *next = NULL;

	for_each_netdev_rcu(net, dev)
		if (dev->ifindex > after && (!next || dev->ifindex < next->ifindex))
			next = dev;
	return next;
}

/* One line per device, in ifindex order as the kernel walks its ifindex xarray. */
static int dev_seq_show(struct seq_file *seq, void *priv)
{
	struct net *net = &init_net;
	struct net_device *dev;
	int ifindex = 0;

	seq_puts(seq, "Inter-|   Receive                            "
		      "                    |  Transmit\n"
		      " face |bytes    packets errs drop fifo frame "
		      "compressed multicast|bytes    packets errs "
		      "drop fifo colls carrier compressed\n");
	rcu_read_lock();
	while ((dev = dev_next_by_index(net, ifindex))) {
		dev_seq_printf_stats(seq, dev);
		ifindex = dev->ifindex;
	}
	rcu_read_unlock();
	return 0;
}

static const struct krt_proc_ops dev_proc_ops = { .show = dev_seq_show };

/* krt has one receive backlog: the line of CPU 0. */
static int softnet_seq_show(struct seq_file *seq, void *priv)
{
	struct softnet_backlog_stats st;

	softnet_backlog_stats(&st);
	seq_printf(seq,
		   "%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x "
		   "%08x %08x\n",
		   st.processed, st.dropped,
		   0, 0,		/* time_squeeze, was fastroute */
		   0, 0, 0, 0,		/* were fastroute */
		   0,			/* was cpu_collision */
		   0, 0,		/* received_rps, flow_limit_count */
		   st.qlen, 0,		/* backlog length, CPU id */
		   st.qlen, 0);		/* input queue, process queue */
	return 0;
}

static const struct krt_proc_ops softnet_proc_ops = { .show = softnet_seq_show };

static void ptype_seq_print(struct seq_file *seq, struct packet_type *pt, struct net_device *dev)
{
	if (pt->type == htons(ETH_P_ALL))
		seq_puts(seq, "ALL ");
	else
		seq_printf(seq, "%04x", ntohs(pt->type));
	seq_printf(seq, " %-8s %ps\n", dev ? dev->name : "", pt->func);
}

/*
 * The kernel's order: each device's taps, the global taps, then the protocol handlers by hash
 * bucket. Handlers bound to one device for one protocol are not listed (nor are they in 6.12).
 */
static int ptype_seq_show(struct seq_file *seq, void *priv)
{
	struct net_device *dev;
	struct packet_type *pt;
	int t;

	seq_puts(seq, "Type Device      Function\n");
	rcu_read_lock();
	for_each_netdev_rcu(&init_net, dev)
		list_for_each_entry_rcu(pt, &dev->ptype_all, list)
			ptype_seq_print(seq, pt, dev);
	list_for_each_entry_rcu(pt, &ptype_all, list)
		ptype_seq_print(seq, pt, NULL);
	for (t = 0; t < PTYPE_HASH_SIZE; t++)
		list_for_each_entry_rcu(pt, &ptype_base[t], list)
			ptype_seq_print(seq, pt, NULL);
	rcu_read_unlock();
	return 0;
}

static const struct krt_proc_ops ptype_proc_ops = { .show = ptype_seq_show };

static int __init dev_proc_init(void)
{
	krt_proc_create("/proc/net/dev", &dev_proc_ops, NULL);
	krt_proc_create("/proc/net/softnet_stat", &softnet_proc_ops, NULL);
	krt_proc_create("/proc/net/ptype", &ptype_proc_ops, NULL);
	return 0;
}
fs_initcall(dev_proc_init);
