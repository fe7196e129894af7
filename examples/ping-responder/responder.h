/* SPDX-License-Identifier: MIT */
/*
 * A tiny IPv4 host as kernel-style driver code: it answers ARP requests for its address and
 * ICMP echo requests (ping) sent to it, on one network device, and nothing else.
 */
#ifndef _PING_RESPONDER_H
#define _PING_RESPONDER_H

#include <linux/atomic.h>
#include <linux/netdevice.h>
#include <linux/types.h>

struct ping_responder {
	struct net_device	*dev;
	netdevice_tracker	dev_tracker;	/* the reference held while answering */
	__be32			addr;		/* the IPv4 address answered for */
	struct packet_type	arp_pt;
	struct packet_type	ip_pt;
	atomic_t		ip_id;		/* IP identification of the replies */
	atomic_t		arp_replies;	/* sent: ARP replies */
	atomic_t		echo_replies;	/* sent: ICMP echo replies */
	atomic_t		ignored;	/* frames that were not requests for @addr */
	atomic_t		tx_errors;	/* replies that could not be allocated or sent */
};

/*
 * Answer for @addr on @dev from now on; holds a reference to @dev until
 * ping_responder_stop(), which must come before the device is deleted.
 */
void ping_responder_start(struct ping_responder *r, struct net_device *dev, __be32 addr);
void ping_responder_stop(struct ping_responder *r);

#endif /* _PING_RESPONDER_H */
