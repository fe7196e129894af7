// SPDX-License-Identifier: MIT
/*
 * Ethernet-type devices: the generic setup and allocation, building and parsing the 14-byte
 * header, classifying received frames (eth_type_trans), and the standard MAC address callbacks
 * drivers plug into their net_device_ops.
 */
#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <linux/if_ether.h>

/**
 * eth_header - push an Ethernet header onto @skb
 * @skb: buffer with at least ETH_HLEN bytes of headroom
 * @dev: source device
 * @type: EtherType in host order; ETH_P_802_3 and ETH_P_802_2 put @len in the field instead
 * @daddr: destination address, or NULL when it is not known yet
 * @saddr: source address, or NULL for @dev's own
 * @len: payload length (used for 802.3 frames)
 *
 * Return: ETH_HLEN when the header is complete; -ETH_HLEN when the destination is still to be
 * filled in (the caller resolves it later) — except on loopback and IFF_NOARP devices, whose
 * destination is zeroed and which get ETH_HLEN.
 */
int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const void *daddr, const void *saddr, unsigned int len)
{
	struct ethhdr *eth = skb_push(skb, ETH_HLEN);

	if (type != ETH_P_802_3 && type != ETH_P_802_2)
		eth->h_proto = htons(type);
	else
		eth->h_proto = htons(len);

	memcpy(eth->h_source, saddr ? saddr : dev->dev_addr, ETH_ALEN);

	if (daddr) {
		memcpy(eth->h_dest, daddr, ETH_ALEN);
		return ETH_HLEN;
	}
	/* Nobody resolves addresses for these devices: any destination will do. */
	if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) {
		eth_zero_addr(eth->h_dest);
		return ETH_HLEN;
	}
	return -ETH_HLEN;
}
EXPORT_SYMBOL(eth_header);

/**
 * eth_type_trans - prepare a received Ethernet frame for the protocol layers
 * @skb: received frame, skb->data at the Ethernet header
 * @dev: receiving device
 *
 * Sets skb->dev, the mac header and skb->pkt_type (left as allocated, PACKET_HOST, when the
 * destination is @dev's address; else PACKET_BROADCAST, PACKET_MULTICAST or PACKET_OTHERHOST),
 * and pulls the header.
 *
 * Return: the protocol for skb->protocol: the EtherType when the field is one (>= 0x0600);
 * for shorter values, which are 802.3 lengths, ETH_P_802_3 when the payload starts with 0xFFFF
 * (raw 802.3, as Novell IPX sends it) and ETH_P_802_2 (LLC) otherwise. Network byte order.
 */
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	unsigned short _service_access_point;
	const unsigned short *sap;
	const struct ethhdr *eth;

	skb->dev = dev;
	skb_reset_mac_header(skb);

	eth = eth_skb_pull_mac(skb);
	eth_skb_pkt_type(skb, dev);

	if (likely(eth_proto_is_802_3(eth->h_proto)))
		return eth->h_proto;

	sap = skb_header_pointer(skb, 0, sizeof(*sap), &_service_access_point);
	if (sap && *sap == 0xFFFF)
		return htons(ETH_P_802_3);
	return htons(ETH_P_802_2);
}
EXPORT_SYMBOL(eth_type_trans);

/**
 * eth_header_parse - the source address of a received frame
 * @skb: frame whose mac header is set
 * @dev: its device
 * @haddr: receives ETH_ALEN bytes
 *
 * Return: ETH_ALEN.
 */
int eth_header_parse(const struct sk_buff *skb, const struct net_device *dev,
		     unsigned char *haddr)
{
	memcpy(haddr, eth_hdr(skb)->h_source, ETH_ALEN);
	return ETH_ALEN;
}
EXPORT_SYMBOL(eth_header_parse);

/**
 * eth_header_parse_protocol - the type field of a frame's Ethernet header
 * @skb: frame whose mac header is set
 */
__be16 eth_header_parse_protocol(const struct sk_buff *skb)
{
	return eth_hdr(skb)->h_proto;
}
EXPORT_SYMBOL(eth_header_parse_protocol);

/**
 * eth_prepare_mac_addr_change - may @dev take the address in @p?
 * @dev: network device
 * @p: struct sockaddr whose sa_data holds the address
 *
 * Return: 0; -EBUSY when @dev is running and cannot change its address live
 * (IFF_LIVE_ADDR_CHANGE unset); -EADDRNOTAVAIL for a zero or multicast address.
 */
int eth_prepare_mac_addr_change(struct net_device *dev, void *p)
{
	struct sockaddr *addr = p;

	if (!(dev->priv_flags & IFF_LIVE_ADDR_CHANGE) && netif_running(dev))
		return -EBUSY;
	if (!is_valid_ether_addr((const u8 *)addr->sa_data))
		return -EADDRNOTAVAIL;
	return 0;
}
EXPORT_SYMBOL(eth_prepare_mac_addr_change);

/**
 * eth_commit_mac_addr_change - set @dev's address from @p (checked beforehand)
 * @dev: network device
 * @p: struct sockaddr whose sa_data holds the address
 */
void eth_commit_mac_addr_change(struct net_device *dev, void *p)
{
	struct sockaddr *addr = p;

	eth_hw_addr_set(dev, (const u8 *)addr->sa_data);
}
EXPORT_SYMBOL(eth_commit_mac_addr_change);

/**
 * eth_mac_addr - ndo_set_mac_address for devices without address filters in hardware
 * @dev: network device
 * @p: struct sockaddr whose sa_data holds the address
 *
 * Return: 0 or the error of eth_prepare_mac_addr_change().
 */
int eth_mac_addr(struct net_device *dev, void *p)
{
	int ret;

	ret = eth_prepare_mac_addr_change(dev, p);
	if (ret < 0)
		return ret;
	eth_commit_mac_addr_change(dev, p);
	return 0;
}
EXPORT_SYMBOL(eth_mac_addr);

/**
 * eth_validate_addr - ndo_validate_addr: refuse to open a device without a usable address
 * @dev: network device
 *
 * Return: 0, or -EADDRNOTAVAIL for a zero or multicast address.
 */
int eth_validate_addr(struct net_device *dev)
{
	if (!is_valid_ether_addr(dev->dev_addr))
		return -EADDRNOTAVAIL;
	return 0;
}
EXPORT_SYMBOL(eth_validate_addr);

/* krt has no neighbour layer: the header cache callbacks are left out. */
const struct header_ops eth_header_ops ____cacheline_aligned = {
	.create		= eth_header,
	.parse		= eth_header_parse,
	.parse_protocol	= eth_header_parse_protocol,
};
EXPORT_SYMBOL(eth_header_ops);

/**
 * ether_setup - fill in the Ethernet defaults of a device
 * @dev: network device (usually from alloc_netdev's setup callback)
 *
 * MTU 1500 (range ETH_MIN_MTU..ETH_DATA_LEN), type ARPHRD_ETHER, 14-byte headers, 6-byte
 * addresses, a 1000-packet transmit queue, IFF_BROADCAST|IFF_MULTICAST, the broadcast address
 * ff:ff:ff:ff:ff:ff and eth_header_ops.
 */
void ether_setup(struct net_device *dev)
{
	dev->header_ops		= &eth_header_ops;
	dev->type		= ARPHRD_ETHER;
	dev->hard_header_len	= ETH_HLEN;
	dev->mtu		= ETH_DATA_LEN;
	dev->min_mtu		= ETH_MIN_MTU;
	dev->max_mtu		= ETH_DATA_LEN;
	dev->addr_len		= ETH_ALEN;
	dev->tx_queue_len	= DEFAULT_TX_QUEUE_LEN;
	dev->flags		= IFF_BROADCAST | IFF_MULTICAST;
	dev->priv_flags		|= IFF_TX_SKB_SHARING;

	eth_broadcast_addr(dev->broadcast);
}
EXPORT_SYMBOL(ether_setup);

/**
 * alloc_etherdev_mqs - allocate an Ethernet device named "eth%d"
 * @sizeof_priv: size of the driver's private area (netdev_priv())
 * @txqs: number of transmit queues
 * @rxqs: number of receive queues
 *
 * The device is set up by ether_setup(); the name's unit is chosen at registration.
 *
 * Return: the device, or NULL.
 */
struct net_device *alloc_etherdev_mqs(int sizeof_priv, unsigned int txqs, unsigned int rxqs)
{
	return alloc_netdev_mqs(sizeof_priv, "eth%d", NET_NAME_ENUM, ether_setup, txqs, rxqs);
}
EXPORT_SYMBOL(alloc_etherdev_mqs);

/**
 * sysfs_format_mac - format a hardware address as sysfs shows it ("xx:xx:...:xx\n")
 * @buf: a sysfs buffer (PAGE_SIZE bytes)
 * @addr: the address
 * @len: its length in bytes
 *
 * Return: the number of characters written.
 */
ssize_t sysfs_format_mac(char *buf, const unsigned char *addr, int len)
{
	return scnprintf(buf, PAGE_SIZE, "%*phC\n", len, addr);
}
EXPORT_SYMBOL(sysfs_format_mac);
