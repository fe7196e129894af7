/* SPDX-License-Identifier: MIT */
/* Private interfaces of the packet path: dev_rx.c, dev_xmit.c and net-procfs.c. */
#ifndef _KRT_NET_CORE_DEV_PKT_H
#define _KRT_NET_CORE_DEV_PKT_H

#include <linux/list.h>
#include <linux/netdevice.h>

#define PTYPE_HASH_SIZE	16
#define PTYPE_HASH_MASK	(PTYPE_HASH_SIZE - 1)

/* Packet handlers not bound to a device (RCU lists; dev_rx.c). */
extern struct list_head ptype_all;
extern struct list_head ptype_base[PTYPE_HASH_SIZE];

/* The receive backlog's counters, as /proc/net/softnet_stat shows them. */
struct softnet_backlog_stats {
	unsigned int processed;	/* packets delivered from the backlog */
	unsigned int dropped;	/* packets dropped because it was full */
	unsigned int qlen;	/* packets waiting now */
};
void softnet_backlog_stats(struct softnet_backlog_stats *st);

/* dev_xmit.c (the kernel declares these in <linux/netdevice.h>) */

#endif /* _KRT_NET_CORE_DEV_PKT_H */
