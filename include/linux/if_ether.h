/* SPDX-License-Identifier: MIT */
/*
 * Ethernet: the system UAPI header (ETH_ALEN, ETH_HLEN, ETH_P_*, ETH_MIN_MTU, struct ethhdr)
 * plus the kernel's accessors of the Ethernet header of an sk_buff.
 */
#ifndef _KRT_LINUX_IF_ETHER_H
#define _KRT_LINUX_IF_ETHER_H

#include_next <linux/if_ether.h>

#include <linux/skbuff.h>

#ifndef ETH_MIN_MTU
#define ETH_MIN_MTU	68
#endif
#ifndef ETH_MAX_MTU
#define ETH_MAX_MTU	0xFFFFU
#endif

/* XX:XX:XX:XX:XX:XX */
#define MAC_ADDR_STR_LEN (3 * ETH_ALEN - 1)

/* eth_hdr - the Ethernet header at the mac header offset (set by eth_type_trans()) */
static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb_mac_header(skb);
}

/* skb_eth_hdr - the Ethernet header at skb->data (transmit path, before any pull) */
static inline struct ethhdr *skb_eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb->data;
}

static inline struct ethhdr *inner_eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb_inner_mac_header(skb);
}

int eth_header_parse(const struct sk_buff *skb, const struct net_device *dev,
		     unsigned char *haddr);

#endif /* _KRT_LINUX_IF_ETHER_H */
